//! Enforcing a pledge: inspecting a shop against it (findings; passed, a warning, or a
//! 限期整改通知书 with a deadline), re-inspecting, the overdue and failed list, a shop's history.
//!
//! A notice stands as 整改中 until its deadline, 逾期未复查 from the day after the deadline while no
//! re-inspection is recorded, then as its latest re-inspection says: 已整改 or 复查不合格.

//!
//! [`read`] lists and loads inspections and notices; [`inspect`] records an inspection (issuing
//! a notice) and a re-inspection.

mod inspect;
mod read;

pub use inspect::{inspect, reinspect, InspectArgs, InspectOutcome, ReinspectArgs};
pub use read::{
    history, inspections, load_notice, notices, NoticeFilter, NoticeQuery, PartyArgs, ShopHistory,
    ShopInspectionQuery,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an inspection found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum InspectionOutcome {
    /// The frontage keeps the pledge.
    #[serde(rename = "合格")]
    Passed,
    /// A spoken or written warning, no notice.
    #[serde(rename = "警告")]
    Warning,
    /// A 限期整改通知书 with a deadline.
    #[serde(rename = "限期整改")]
    Notice,
}

impl InspectionOutcome {
    /// Every outcome, in display order.
    pub const ALL: &'static [InspectionOutcome] = &[
        InspectionOutcome::Passed,
        InspectionOutcome::Warning,
        InspectionOutcome::Notice,
    ];

    /// The Chinese label, also the stored form.
    pub(crate) fn label(self) -> &'static str {
        match self {
            InspectionOutcome::Passed => "合格",
            InspectionOutcome::Warning => "警告",
            InspectionOutcome::Notice => "限期整改",
        }
    }
}

/// Read back only from one of its labels; any other value is an error (through
/// [`cw_store::sql::column_at`] one naming the table and column).
impl rusqlite::types::FromSql for InspectionOutcome {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        cw_domain::sql::from_sql(value, "InspectionOutcome", Self::ALL, |o| o.label())
    }
}

/// Where a rectification notice stands (see the module note).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum NoticeStatus {
    #[serde(rename = "整改中")]
    Open,
    #[serde(rename = "逾期未复查")]
    Overdue,
    #[serde(rename = "已整改")]
    Rectified,
    #[serde(rename = "复查不合格")]
    Failed,
}

impl NoticeStatus {
    /// The clerk's word for it, as the page shows it.
    pub fn label(self) -> &'static str {
        match self {
            NoticeStatus::Open => "整改中",
            NoticeStatus::Overdue => "逾期未复查",
            NoticeStatus::Rectified => "已整改",
            NoticeStatus::Failed => "复查不合格",
        }
    }
}

/// The status of a notice on `today`, given its deadline and the result of its latest re-inspection.
pub fn notice_status(today: NaiveDate, deadline: NaiveDate, last: Option<bool>) -> NoticeStatus {
    match last {
        Some(true) => NoticeStatus::Rectified,
        Some(false) => NoticeStatus::Failed,
        None if today > deadline => NoticeStatus::Overdue,
        None => NoticeStatus::Open,
    }
}

/// One re-inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reinspection {
    pub id: i64,
    pub inspected_on: NaiveDate,
    pub inspector_name: Option<String>,
    pub passed: bool,
    pub findings: String,
}

/// A 限期整改通知书 with its re-inspections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Notice {
    pub id: i64,
    /// ZG-2026-0001.
    pub number: String,
    pub party_id: i64,
    pub party_name: String,
    pub contact: String,
    pub phone: String,
    pub address_text: String,
    pub group_no: Option<i32>,
    pub inspection_id: i64,
    pub findings: String,
    pub issued_on: NaiveDate,
    pub deadline: NaiveDate,
    pub requirements: String,
    pub status: NoticeStatus,
    /// Days past the deadline (positive) or left (negative) on today's date.
    pub days_past_deadline: i64,
    pub reinspections: Vec<Reinspection>,
}

/// One inspection of a shop against its pledge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ShopInspection {
    pub id: i64,
    pub party_id: i64,
    pub party_name: String,
    pub pledge_number: Option<String>,
    pub inspected_on: NaiveDate,
    pub inspector_name: Option<String>,
    pub findings: String,
    pub outcome: InspectionOutcome,
    pub notice_id: Option<i64>,
    pub notice_number: Option<String>,
}

#[cfg(test)]
mod tests;
