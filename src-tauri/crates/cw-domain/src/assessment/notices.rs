//! The notice to pay 罚款缴纳通知单 of a supervisor or cadre the committee does not pay, and the
//! payments received against it: what the wire carries.

use super::types::StatementLine;
use crate::ids::StaffId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A payment received against a notice.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct FinePayment {
    pub id: i64,
    pub staff_id: i64,
    pub month: String,
    pub amount: String,
    pub paid_on: NaiveDate,
    pub receiver: String,
    pub slip_no: String,
    pub note: String,
    /// Why it was voided; none while it stands.
    pub void_reason: Option<String>,
    pub created_by: String,
}

/// One unwaged person's month: the fines, what is payable, what was paid and what is left.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct FineNotice {
    pub month: String,
    pub staff_id: i64,
    pub name: String,
    pub roles: String,
    pub zones: String,
    pub lines: Vec<StatementLine>,
    /// Fines and withholdings less reversals of the month (never below zero).
    pub payable: String,
    /// Payments that stand.
    pub paid: String,
    /// Payable less paid; negative when more was paid than is now payable (to refund).
    pub outstanding: String,
    pub payments: Vec<FinePayment>,
}

/// A payment against a notice.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct PaymentInput {
    pub staff_id: Option<StaffId>,
    /// `YYYY-MM` of the notice.
    pub month: String,
    pub amount: String,
    /// Today if absent.
    pub paid_on: Option<NaiveDate>,
    pub receiver: String,
    #[serde(default)]
    pub slip_no: String,
    #[serde(default)]
    pub note: String,
}

/// Notices of one month, or (without a month) every notice not yet paid in full.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct FineNoticeQuery {
    pub month: Option<String>,
}
