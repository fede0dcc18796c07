//! Receipt books and their serials as they cross to the UI.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A receipt book with its holder and the state of its serials.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReceiptBook {
    pub id: i64,
    pub book_no: String,
    pub first_serial: i64,
    pub last_serial: i64,
    pub received_on: String,
    pub source: String,
    /// The collector holding it (last 发放, not yet 交回).
    pub holder_id: Option<i64>,
    pub holder_name: Option<String>,
    /// Handed back to the office.
    pub returned: bool,
    pub returned_on: Option<String>,
    pub issued: i64,
    pub void: i64,
    pub lost: i64,
    pub unused: i64,
    /// The serial the next receipt takes.
    pub next_serial: Option<i64>,
    /// Total of its valid receipts, yuan.
    pub total: String,
    /// First and last serial used by a receipt.
    pub first_used: Option<i64>,
    pub last_used: Option<i64>,
    /// The form its receipts are printed on, e.g. 经管站预印票据 or 普通纸.
    pub form_id: i64,
    pub form_name: String,
}

/// A book as registered from the 经管站.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BookInput {
    pub book_no: String,
    pub first_serial: i64,
    pub last_serial: i64,
    pub received_on: NaiveDate,
    /// Issue it at once to this collector.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub collector_id: Option<i64>,
    /// The form its receipts are printed on (收据版式); 普通纸 when none is given.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub form_id: Option<i64>,
}

/// The state of one serial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum SerialState {
    #[serde(rename = "未用")]
    Unused,
    #[serde(rename = "已开")]
    Issued,
    #[serde(rename = "作废")]
    Void,
    #[serde(rename = "遗失")]
    Lost,
}

/// One serial of a book.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SerialRow {
    pub serial: i64,
    pub state: SerialState,
    pub receipt_id: Option<i64>,
    /// Why it was voided or lost.
    pub reason: String,
}
