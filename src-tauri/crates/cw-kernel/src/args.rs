//! Arguments many commands share: one record by id, an update of one record.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Arguments naming one record.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct IdArgs {
    pub id: i64,
}

/// Arguments of an update: the record and its new values.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct UpdateArgs<T> {
    pub id: i64,
    pub input: T,
}
