//! The collection rate, arrears and daily rows as they cross to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Collection rate of one group, zone or street.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RateRow {
    pub label: String,
    /// Parties expected to pay.
    pub expected_parties: i64,
    pub exempt_parties: i64,
    pub paid: i64,
    pub partial: i64,
    pub unpaid: i64,
    /// 应收: the due months of the period by the standard.
    pub expected: String,
    /// 实收: what receipts paid for months of the period.
    pub collected: String,
    /// 欠收: the due months not paid.
    pub owed: String,
    /// 减免: paid months of the period received below the standard (an approved reduction);
    /// expected = collected + owed + reduced.
    pub reduced: String,
    /// 多收: paid for months of the period beyond what is due (months exempted after they were
    /// paid, or above the standard), shown apart, to be refunded.
    pub excess: String,
    /// 预收: what receipts paid for months after the period, shown apart.
    pub prepaid: String,
    /// Paid parties / expected parties, e.g. "87.5%".
    pub rate: String,
    /// The same rate in tenths of a percent (875), for charts.
    pub rate_permille: i64,
}

/// Collection rates for a period.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RateReport {
    pub period_from: String,
    pub period_to: String,
    pub by: String,
    pub rows: Vec<RateRow>,
    pub total: RateRow,
}

/// A party that still owes for the period.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArrearsRow {
    pub party_id: i64,
    pub code: String,
    pub kind: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub group_no: Option<i32>,
    pub zone_name: Option<String>,
    /// e.g. 2026年10月–12月.
    pub months_text: String,
    pub months: i64,
    pub owed: String,
}

/// Receipts of one collector on one day.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DailyRow {
    pub date: String,
    pub collector_name: String,
    pub receipts: i64,
    pub voids: i64,
    pub total: String,
}
