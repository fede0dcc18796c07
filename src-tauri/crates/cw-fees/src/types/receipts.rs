//! Receipts and the fee form's suggestions, payers and quotes as they cross to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
