//! The register of cleaning tools 保洁工具 issued to cleaners: what the wire carries.

use crate::enums::labelled_enum;
use crate::ids::StaffId;
use crate::DomainError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

labelled_enum!(
    /// Where an issued tool stands.
    ToolStatus {
        /// 在用: with the cleaner.
        InUse => "在用",
        /// 已归还: handed back.
        Returned => "已归还",
        /// 遗失: lost, and charged at its price (T1).
        Lost => "遗失",
    }
);

/// A tool issued to a cleaner, with what became of it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct Tool {
    pub id: i64,
    pub staff_id: i64,
    pub staff_name: String,
    /// 板车, 扫把, 铲子, …
    pub kind: String,
    pub price: String,
    pub issued_on: NaiveDate,
    pub note: String,
    pub status: ToolStatus,
    /// The day it was returned or lost.
    pub ended_on: Option<NaiveDate>,
    /// The T1 charge of a lost tool.
    pub fine_id: Option<i64>,
    /// Whether that charge still stands (not voided or reversed).
    pub charged: bool,
    pub reason: String,
}

/// Issuing a tool to a cleaner.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ToolInput {
    pub staff_id: Option<StaffId>,
    pub kind: String,
    /// Its price, `"380.00"`: what a loss is charged.
    pub price: String,
    /// Today if absent.
    pub issued_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

/// A tool handed back, or lost.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ToolEnd {
    pub id: i64,
    /// Today if absent.
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub reason: String,
    /// For a loss: who records the charge (a supervisor or cadre).
    pub recorded_by: Option<StaffId>,
}

/// The tools of one cleaner or of everyone.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ToolQuery {
    pub staff_id: Option<StaffId>,
    /// Only tools still with the cleaners.
    #[serde(default)]
    pub in_use: bool,
}
