//! Collection batches, their closing, remittance and adjustments, and what collectors owe, as they
//! cross to the UI.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A collection batch 收费批次 with its totals and state.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Batch {
    pub id: i64,
    pub group_no: i32,
    pub on_date: String,
    pub cadre_id: i64,
    pub cadre_name: String,
    pub collector_ids: Vec<i64>,
    pub collector_names: Vec<String>,
    pub note: String,
    pub receipt_count: i64,
    pub void_count: i64,
    /// Sum of its valid receipts.
    pub total: String,
    /// 进行中, 已结账 or 已上解.
    pub status: String,
    pub closing: Option<BatchClosing>,
    pub remittance: Option<Remittance>,
    /// Cash not remitted by the day after the batch.
    pub overdue: bool,
    /// Corrections recorded after closing (refunds paid out, shortages charged), oldest first.
    pub adjustments: Vec<BatchAdjustment>,
    /// Repayments by collectors whose cash goes with this batch's remittance.
    pub repayments: Vec<Repayment>,
    /// What its remittance must be once closed: genuine cash counted + repayments with it −
    /// refunds and shortages recorded before the remittance. Counterfeit notes never count.
    pub remit_due: Option<String>,
}

/// A correction of a closed batch: 退款 (a receipt's cash paid back to its payer, the receipt
/// voided with it) or 短款 (cash found missing after closing, charged to a collector).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BatchAdjustment {
    pub id: i64,
    pub kind: String,
    pub receipt_id: Option<i64>,
    pub serial: Option<i64>,
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    pub amount: String,
    /// Who was paid the refund.
    pub payee: String,
    pub reason: String,
    /// Recorded after the batch was remitted (then it does not change the remittance).
    pub after_remittance: bool,
    pub at: String,
    pub by: String,
}

/// Recording an adjustment of a closed batch.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AdjustInput {
    #[ts(optional = nullable)]
    pub batch_id: i64,
    /// 退款 or 短款.
    #[ts(optional = nullable)]
    pub kind: String,
    /// The receipt refunded (退款).
    #[ts(optional = nullable)]
    pub receipt_id: Option<i64>,
    /// The collector charged (短款).
    #[ts(optional = nullable)]
    pub staff_id: Option<i64>,
    /// The shortage (短款); a refund is always the receipt's whole amount.
    #[ts(optional = nullable)]
    pub amount: String,
    #[ts(optional = nullable)]
    pub reason: String,
}

/// Cash a collector handed in against what they owe.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Repayment {
    pub id: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub amount: String,
    /// The receipt or slip given for the cash.
    pub slip_no: String,
    pub received_on: String,
    /// Who received the cash.
    pub receiver: String,
    /// The batch whose remittance carries the cash; none: handed on its own slip.
    pub batch_id: Option<i64>,
    pub note: String,
    pub at: String,
}

/// Recording a repayment.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RepaymentInput {
    #[ts(optional = nullable)]
    pub staff_id: i64,
    #[ts(optional = nullable)]
    pub amount: String,
    #[ts(optional = nullable)]
    pub slip_no: String,
    #[ts(optional = nullable)]
    pub received_on: Option<NaiveDate>,
    #[ts(optional = nullable)]
    pub receiver: String,
    /// A closed batch not yet remitted whose remittance carries the cash.
    #[ts(optional = nullable)]
    pub batch_id: Option<i64>,
    #[ts(optional = nullable)]
    pub note: String,
}

/// How a batch was closed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BatchClosing {
    pub expected: String,
    pub counted: String,
    pub counterfeit: String,
    pub counterfeit_note: String,
    pub denominations: Vec<Denomination>,
    pub shortage: String,
    pub overage: String,
    pub note: String,
    pub closed_at: String,
}

/// A count of notes or coins of one face value.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Denomination {
    /// Face value in yuan, e.g. "100", "0.5".
    pub face: String,
    pub count: i64,
}

/// The 上解 of a batch.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Remittance {
    pub amount: String,
    pub remitted_on: String,
    pub receiver: String,
    pub note: String,
}

/// A new batch: group, date, collectors and the cadre present.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct BatchInput {
    #[ts(optional = nullable)]
    pub group_no: i32,
    #[ts(optional = nullable)]
    pub on_date: Option<NaiveDate>,
    #[ts(optional = nullable)]
    pub collector_ids: Vec<i64>,
    #[ts(optional = nullable)]
    pub cadre_id: Option<i64>,
    #[ts(optional = nullable)]
    pub note: String,
}

/// Closing a batch: the cash counted (or its denominations) and counterfeit notes found.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CloseInput {
    #[ts(optional = nullable)]
    pub batch_id: i64,
    /// Genuine cash counted, yuan; may be left empty when denominations are given.
    #[ts(optional = nullable)]
    pub counted: String,
    #[ts(optional = nullable)]
    pub denominations: Vec<Denomination>,
    /// Counterfeit notes found, yuan (not part of the counted cash).
    #[ts(optional = nullable)]
    pub counterfeit: String,
    #[ts(optional = nullable)]
    pub counterfeit_note: String,
    /// Who owes a shortage when the batch had several collectors.
    #[ts(optional = nullable)]
    pub responsible_id: Option<i64>,
    /// The clerk confirmed that the shortage and counterfeit notes are charged to the collector.
    #[ts(optional = nullable)]
    pub confirm_charge: bool,
    #[ts(optional = nullable)]
    pub note: String,
}

/// Recording the 上解 of a closed batch.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RemitInput {
    #[ts(optional = nullable)]
    pub batch_id: i64,
    /// Must equal the batch's `remit_due` (the default).
    #[ts(optional = nullable)]
    pub amount: Option<String>,
    #[ts(optional = nullable)]
    pub remitted_on: Option<NaiveDate>,
    #[ts(optional = nullable)]
    pub receiver: String,
    #[ts(optional = nullable)]
    pub note: String,
}

/// What a collector owes.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Compensation {
    pub id: i64,
    pub staff_id: i64,
    pub staff_name: String,
    pub batch_id: Option<i64>,
    /// 短款, 假币 or 遗失.
    pub kind: String,
    pub amount: String,
    pub reason: String,
    pub at: String,
}

/// What one collector owes in all.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CompensationTotal {
    pub staff_id: i64,
    pub staff_name: String,
    /// How many compensations.
    pub count: i64,
    /// What is owed in all (= owed), kept for older callers.
    pub total: String,
    pub shortage: String,
    pub counterfeit: String,
    pub lost: String,
    /// shortage + counterfeit + lost.
    pub owed: String,
    pub repaid: String,
    /// owed − repaid.
    pub balance: String,
}
