//! Fee records as they cross to the UI; money is a decimal string in yuan (`"20.00"`), months `YYYY-MM`.

use chrono::NaiveDate;
use cw_domain::enums::Tag;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A monthly fee of a category from a month on.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FeeStandard {
    pub id: i64,
    /// The party's fee category: 居民, 门店, 单位 or a shop type such as 餐馆.
    pub category: String,
    /// Yuan per household per month.
    pub monthly: String,
    /// First month it applies, `YYYY-MM`.
    pub effective_from: String,
    /// The document it rests on.
    pub basis: String,
    pub created_at: String,
}

/// A new fee standard.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct StandardInput {
    #[ts(optional = nullable)]
    pub category: String,
    #[ts(optional = nullable)]
    pub monthly: String,
    #[ts(optional = nullable)]
    pub effective_from: String,
    #[ts(optional = nullable)]
    pub basis: String,
}

/// A yearly exemption of households carrying a tag.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Exemption {
    pub id: i64,
    pub year: i32,
    pub tag: Tag,
    /// The approval: who approved, document number.
    pub approval: String,
    pub approved_on: String,
    /// Why it was withdrawn, if it was.
    pub revoked: Option<String>,
    /// Active parties carrying the tag.
    pub household_count: i64,
}

/// A new exemption.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExemptionInput {
    pub year: i32,
    pub tag: Tag,
    pub approval: String,
    pub approved_on: NaiveDate,
}

/// A household dropped from what is expected.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExemptParty {
    pub party_id: i64,
    pub code: String,
    pub name: String,
    pub address: String,
    pub group_no: Option<i32>,
    /// The exempting tags.
    pub tags: Vec<Tag>,
}

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

/// A receipt as listed and printed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Receipt {
    pub id: i64,
    pub batch_id: i64,
    pub book_id: i64,
    pub book_no: String,
    pub serial: i64,
    pub party_id: i64,
    pub party_code: String,
    pub payer_name: String,
    pub address: String,
    pub period_from: String,
    pub period_to: String,
    pub months: i64,
    pub standard: String,
    pub amount: String,
    pub override_reason: String,
    pub amount_words: String,
    pub collector_id: i64,
    pub collector_name: String,
    pub cadre_name: String,
    /// The receipt's date: the collection day of its batch (receipts written at the door are
    /// keyed in later).
    pub collected_on: String,
    /// When it was keyed in, for the audit.
    pub issued_at: String,
    pub void_reason: Option<String>,
    pub reprints: i64,
}

/// What the clerk enters to issue a receipt.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct IssueInput {
    #[ts(optional = nullable)]
    pub batch_id: i64,
    #[ts(optional = nullable)]
    pub party_id: i64,
    #[ts(optional = nullable)]
    pub collector_id: i64,
    /// First month paid, `YYYY-MM`.
    #[ts(optional = nullable)]
    pub period_from: String,
    /// Last month paid, `YYYY-MM`.
    #[ts(optional = nullable)]
    pub period_to: String,
    /// Leave empty to take the amount from the standard.
    #[ts(optional = nullable)]
    pub amount: Option<String>,
    /// Needed when the amount differs from the standard.
    #[ts(optional = nullable)]
    pub override_reason: String,
    /// The serial written on the form; empty means the next unused one.
    #[ts(optional = nullable)]
    pub serial: Option<i64>,
    /// Voids the serials skipped to reach `serial`, with this reason.
    #[ts(optional = nullable)]
    pub skip_reason: String,
    /// The book to use when the collector holds several.
    #[ts(optional = nullable)]
    pub book_id: Option<i64>,
    /// The clerk confirmed a payer of another group than the batch's.
    #[ts(optional = nullable)]
    pub confirm_other_group: bool,
}

/// What the fee form starts with for a payer: the first unpaid month to the end of the
/// collection period (one month when the period is paid), priced by the standard.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Suggestion {
    pub party_id: i64,
    pub period_from: String,
    pub period_to: String,
    pub amount: String,
}

/// A payer as the fee form offers them: an exact code first, then the batch's own group.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PayerOption {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub address: String,
    pub group_no: Option<i32>,
    pub group_name: String,
    /// The code typed is this party's code (or its number).
    pub exact: bool,
    /// Not of the batch's group: a receipt needs the clerk's confirmation.
    pub other_group: bool,
}

/// What a payer owes for a period, before a receipt is issued.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Quote {
    pub party_id: i64,
    pub months: i64,
    pub amount: String,
    pub amount_words: String,
    /// Months of the period already paid.
    pub paid_months: Vec<String>,
    /// Months of the period the party is exempt.
    pub exempt_months: Vec<String>,
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

/// How receipts are printed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FeeSettings {
    /// 三联 (stub, payer and accounts parts on one A4) or 单联 (one part on its own paper).
    pub layout: String,
    /// The part printed in the 单联 layout: 存根联, 收据联 or 记账联.
    pub single_part: String,
    pub paper_width_mm: i64,
    pub paper_height_mm: i64,
    /// Printer offset, mm with one decimal, e.g. "1.5" or "-2".
    pub offset_x_mm: String,
    pub offset_y_mm: String,
    /// 改价上限: a receipt whose price is overridden may be at most this many times its standard
    /// (1 to 100, 5 unless changed). Always given when read; left out of an update, it stays.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub override_cap_times: Option<i64>,
}
