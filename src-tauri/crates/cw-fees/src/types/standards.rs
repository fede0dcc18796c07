//! Fee standards, exemptions and the print settings as they cross to the UI.

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
