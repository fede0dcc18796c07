//! Assessment records as they cross to the UI: schedule, fines, corrections, inspections, months.

use crate::enums::labelled_enum;
use crate::ids::{StaffId, ZoneId};
use crate::DomainError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

labelled_enum!(
    /// How an item of the schedule counts.
    FineUnit {
        PerTime => "每次",
        PerPlace => "每处",
        PerDay => "每天",
        Once => "一次性",
        PerInspection => "每次检查",
        PerYear => "每年",
    }
);

labelled_enum!(
    /// What a record does to pay: a fine and a withholding are deducted, an award is added.
    FineKind {
        Fine => "罚款",
        Withholding => "扣发",
        Award => "奖励",
    }
);

labelled_enum!(
    /// How a record was corrected: voided in its own open month, or reversed in a later one.
    CorrectionKind {
        Void => "作废",
        Reversal => "冲销",
    }
);

labelled_enum!(
    /// Where a record stands.
    FineStatus {
        Valid => "有效",
        Voided => "已作废",
        Reversed => "已冲销",
    }
);

labelled_enum!(
    /// Who inspected.
    InspectionKind {
        /// A supervisor's own patrol of the zone.
        Patrol => "巡查",
        /// A check by the committee.
        Committee => "社区检查",
        /// An inspection by the town or city 督查.
        Higher => "上级督查",
    }
);

labelled_enum!(
    /// The verdict of an inspection.
    InspectionResult {
        Pass => "达标",
        Fail => "不达标",
    }
);

/// One item of a schedule version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleItem {
    pub id: i64,
    /// e.g. `B1`.
    pub code: String,
    /// e.g. 工作质量.
    pub category: String,
    pub offence: String,
    /// Yuan as a decimal string; `None` when a rule computes it (A4: one week's wage).
    pub amount: Option<String>,
    pub unit: FineUnit,
    pub kind: FineKind,
}

/// An item as the clerk enters it in a new version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ScheduleItemInput {
    pub code: String,
    pub category: String,
    pub offence: String,
    /// Yuan; empty for a rule-computed amount (only A4).
    pub amount: Option<String>,
    pub unit: Option<FineUnit>,
    pub kind: Option<FineKind>,
}

/// A version of the schedule 考核细则 with the date it takes effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleVersion {
    pub id: i64,
    pub effective_date: NaiveDate,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
    pub items: Vec<ScheduleItem>,
}

/// A new version: every item, complete (a version replaces the whole schedule from its date).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ScheduleVersionInput {
    #[ts(optional = nullable)]
    pub effective_date: Option<NaiveDate>,
    #[ts(optional = nullable)]
    pub note: String,
    #[ts(optional = nullable)]
    pub items: Vec<ScheduleItemInput>,
}

/// A void or reversal of a fine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Correction {
    pub id: i64,
    pub kind: CorrectionKind,
    pub date: NaiveDate,
    /// `YYYY-MM` the correction counts in.
    pub month: String,
    pub amount: String,
    pub reason: String,
    pub created_at: String,
    pub created_by: String,
}

/// A fine, withholding or award with everything a dispute needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Fine {
    pub id: i64,
    pub kind: FineKind,
    pub staff_id: i64,
    pub staff_name: String,
    pub item_code: String,
    pub category: String,
    pub offence: String,
    pub unit: FineUnit,
    /// The item's amount in force on the date.
    pub unit_amount: String,
    pub count: i64,
    /// unit amount × count (or the rule's amount).
    pub amount: String,
    pub date: NaiveDate,
    pub month: String,
    pub time: String,
    pub zone_id: Option<i64>,
    pub zone_name: Option<String>,
    pub observed: String,
    pub recorded_by: Option<i64>,
    pub recorded_by_name: Option<String>,
    pub inspection_id: Option<i64>,
    pub minutes: Option<i64>,
    pub status: FineStatus,
    pub correction: Option<Correction>,
    pub created_at: String,
    pub created_by: String,
}

/// A fine as the clerk enters it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FineInput {
    #[ts(optional = nullable)]
    pub staff_id: Option<StaffId>,
    /// The item's code, e.g. `B1`; for lateness give `minutes` and the rule picks A1 or A1x.
    #[ts(optional = nullable)]
    pub item_code: String,
    #[ts(optional = nullable)]
    pub date: Option<NaiveDate>,
    /// `HH:MM`.
    #[ts(optional = nullable)]
    pub time: String,
    #[ts(optional = nullable)]
    pub zone_id: Option<ZoneId>,
    /// Places or times; 1 if absent.
    #[ts(optional = nullable)]
    pub count: Option<i64>,
    /// What was seen.
    #[ts(optional = nullable)]
    pub observed: String,
    /// The supervisor or cadre who saw it.
    #[ts(optional = nullable)]
    pub recorded_by: Option<StaffId>,
    /// Minutes late or early: with item A1 (or empty item) the rule chooses A1 or A1x.
    #[ts(optional = nullable)]
    pub minutes: Option<i64>,
}

/// Filters and page of the fines list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FineQuery {
    /// `YYYY-MM`.
    #[ts(optional = nullable)]
    pub month: Option<String>,
    #[ts(optional = nullable)]
    pub staff_id: Option<StaffId>,
    #[ts(optional = nullable)]
    pub zone_id: Option<ZoneId>,
    #[ts(optional = nullable)]
    pub item_code: Option<String>,
    #[ts(optional = nullable)]
    pub status: Option<FineStatus>,
    #[ts(optional = nullable)]
    pub kind: Option<FineKind>,
    #[ts(optional = nullable)]
    pub inspection_id: Option<i64>,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

/// An inspection as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Inspection {
    pub id: i64,
    pub kind: InspectionKind,
    pub date: NaiveDate,
    pub time: String,
    pub inspector_id: Option<i64>,
    pub inspector: String,
    pub zone_id: i64,
    pub zone_name: String,
    /// The result as it stands: the latest correction's, or the one recorded.
    pub result: InspectionResult,
    pub findings: String,
    /// Fines recorded with this inspection (voided ones included).
    pub fine_ids: Vec<i64>,
    pub created_at: String,
    /// The result as first recorded.
    pub original_result: InspectionResult,
    /// Every correction, oldest first.
    pub corrections: Vec<InspectionCorrection>,
}

/// A correction of an inspection's result or findings, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InspectionCorrection {
    pub id: i64,
    pub result: InspectionResult,
    pub findings: String,
    pub reason: String,
    pub created_at: String,
    pub created_by: String,
}

/// A fine an inspection suggests, for the clerk to confirm (or drop) before it is recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProposedFine {
    pub staff_id: i64,
    pub staff_name: String,
    pub item_code: String,
    pub count: i64,
    /// What the schedule makes of it, for display.
    pub amount: String,
    pub observed: String,
}

/// An inspection as entered; `fines` are the confirmed proposals (absent: the rule's proposals).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct InspectionInput {
    #[ts(optional = nullable)]
    pub kind: Option<InspectionKind>,
    #[ts(optional = nullable)]
    pub date: Option<NaiveDate>,
    #[ts(optional = nullable)]
    pub time: String,
    /// A staff inspector (required for a patrol: the supervisor).
    #[ts(optional = nullable)]
    pub inspector_id: Option<StaffId>,
    /// The inspector's name when not staff (a town inspector).
    #[ts(optional = nullable)]
    pub inspector: String,
    #[ts(optional = nullable)]
    pub zone_id: Option<ZoneId>,
    #[ts(optional = nullable)]
    pub result: Option<InspectionResult>,
    #[ts(optional = nullable)]
    pub findings: String,
    /// Who records the resulting fines (a supervisor or cadre); the inspector if staff.
    #[ts(optional = nullable)]
    pub recorded_by: Option<StaffId>,
    #[ts(optional = nullable)]
    pub fines: Option<Vec<ProposedFine>>,
}

/// The assessment's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentSettings {
    /// Resignation without notice withholds monthly wage × week_days ÷ days in the month.
    pub week_days: i64,
    /// Lateness below this many minutes is A1; at or beyond it (see `lateness_limit_inclusive`) A1x.
    pub lateness_limit_min: i64,
    /// 含本数: exactly `lateness_limit_min` minutes counts as absence (the default: the plans read
    /// 「以上」 as including the number); off, only more than the limit does.
    pub lateness_limit_inclusive: bool,
    /// Patrols each supervisor owes a day.
    pub min_patrols_per_day: i64,
    /// Months in post in the year a cleaner needs to be ranked for the 先进 award.
    pub award_min_months: i64,
}

/// A change of the settings: what is absent stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AssessmentSettingsInput {
    #[ts(optional = nullable)]
    pub week_days: Option<i64>,
    #[ts(optional = nullable)]
    pub lateness_limit_min: Option<i64>,
    #[ts(optional = nullable)]
    pub lateness_limit_inclusive: Option<bool>,
    #[ts(optional = nullable)]
    pub min_patrols_per_day: Option<i64>,
    #[ts(optional = nullable)]
    pub award_min_months: Option<i64>,
}

/// Whether a month is closed, with its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonthStatus {
    pub month: String,
    pub closed: bool,
    /// Every close and reopen, oldest first: (action, at, actor, reason).
    pub history: Vec<MonthEvent>,
    pub fine_count: i64,
    /// Fines and withholdings less reversals counted in the month.
    pub deductions: String,
    pub awards: String,
}

/// One close or reopen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonthEvent {
    pub action: String,
    pub at: String,
    pub actor: String,
    pub reason: String,
}

/// One line of a monthly statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatementLine {
    pub fine_id: i64,
    pub kind: String,
    pub date: NaiveDate,
    pub item_code: String,
    pub offence: String,
    pub count: i64,
    /// Signed effect on pay: negative for fines and withholdings, positive for awards and reversals.
    pub amount: String,
}

/// A worker's monthly statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Statement {
    pub month: String,
    pub staff_id: i64,
    pub name: String,
    pub roles: String,
    pub zones: String,
    pub supervisor: String,
    pub base_wage: String,
    /// The base wage pro-rated by the days payable: the base itself for a whole month.
    pub wage_due: String,
    /// How [`Self::wage_due`] was reached, for a part month; empty for a whole one.
    pub wage_note: String,
    /// On a wage: an unwaged supervisor or cadre gets a fine notice, not a pay statement.
    pub waged: bool,
    pub lines: Vec<StatementLine>,
    pub fines_total: String,
    pub withholdings_total: String,
    /// Lost tools paid for at their price (T1), apart from the other withholdings.
    pub tools_total: String,
    pub awards_total: String,
    pub reversals_total: String,
    pub net_pay: String,
}

/// A supervisor who patrolled fewer times than required on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PatrolGap {
    pub date: NaiveDate,
    pub supervisor_id: i64,
    pub supervisor_name: String,
    pub patrols: i64,
    pub required: i64,
}

/// One cleaner in the yearly ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RankingRow {
    /// 1, 2, … among those ranked; `None` for one listed apart (不参评).
    pub rank: Option<i64>,
    pub staff_id: i64,
    pub name: String,
    pub hire_date: Option<NaiveDate>,
    /// Days in post in the year up to today (or the leave date).
    pub working_days: i64,
    /// Months in post: working days × 12 ÷ days of the year, 1 decimal.
    pub months_worked: String,
    /// Valid fines in the year (voided and reversed ones do not count).
    pub fines: i64,
    pub fine_amount: String,
    /// The ranking's rate: fines per month in post, 2 decimals (fewest first).
    pub fines_per_month: String,
    /// Fine amount per month in post, yuan (the first tie-break).
    pub amount_per_month: String,
    pub inspections_passed: i64,
    pub inspections_failed: i64,
    pub awarded: bool,
    /// Whether the cleaner was long enough in post to be ranked.
    pub eligible: bool,
    /// Why one is listed apart (e.g. 在岗 0.6 个月，不足 6 个月), empty when ranked.
    pub note: String,
}

/// Reads `YYYY-MM`.
pub fn parse_month(field: &'static str, text: &str) -> Result<(i32, u32), DomainError> {
    let t = text.trim();
    let bad = || DomainError::invalid(field, format!("「{t}」不是月份（应如 2026-11）"));
    let (y, m) = t.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let y: i32 = y.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    if !(2000..=2100).contains(&y) || !(1..=12).contains(&m) {
        return Err(bad());
    }
    Ok((y, m))
}

/// `YYYY-MM` of a date.
pub fn month_of(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}
