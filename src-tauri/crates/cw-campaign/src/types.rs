//! The campaign's types shared with the UI: phases, checklist tasks and their inputs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a phase's numeric target measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum TargetKind {
    /// No numeric target (the checklist is the phase's measure).
    #[default]
    #[serde(rename = "无")]
    None,
    /// 门前三包 signing rate.
    #[serde(rename = "签订率")]
    Signing,
    /// Fee collection rate.
    #[serde(rename = "收缴率")]
    Collection,
}

impl TargetKind {
    /// The stored form ('' for none).
    pub fn stored(self) -> &'static str {
        match self {
            TargetKind::None => "",
            TargetKind::Signing => "签订率",
            TargetKind::Collection => "收缴率",
        }
    }

    /// Reads the stored form.
    pub fn parse(text: &str) -> TargetKind {
        match text {
            "签订率" => TargetKind::Signing,
            "收缴率" => TargetKind::Collection,
            _ => TargetKind::None,
        }
    }
}

/// Where a phase stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum PhaseState {
    #[serde(rename = "未开始")]
    Upcoming,
    #[serde(rename = "进行中")]
    Current,
    #[serde(rename = "已结束")]
    Ended,
}

/// One item of a phase's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CampaignTask {
    /// 0 while the year's phases are only the plan's defaults (not yet set up).
    pub id: i64,
    pub seq: i64,
    pub title: String,
    /// When it was done; none while still to do.
    pub done_on: Option<NaiveDate>,
    /// Evidence: minutes, photos, receipts, a note where the paper is kept.
    pub evidence: String,
}

/// One phase of the campaign with its checklist and, where it has a target, the actual figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CampaignPhase {
    /// 0 while the year's phases are only the plan's defaults.
    pub id: i64,
    pub seq: i32,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub target_kind: TargetKind,
    /// Tenths of a percent (1000 = 100%).
    pub target_permille: Option<i64>,
    /// `100.0%`, or empty without a target.
    pub target_text: String,
    /// What the phase is for (the plan's words).
    pub goal: String,
    pub state: PhaseState,
    pub tasks: Vec<CampaignTask>,
    pub tasks_done: i64,
}

/// The phases of a campaign year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CampaignPlan {
    pub year: i32,
    /// Whether the phases are stored (editable); otherwise they are the plan's defaults.
    pub stored: bool,
    pub today: NaiveDate,
    /// The phase in progress today (its `seq`), if any.
    pub current_seq: Option<i32>,
    /// Today's phase name, or what stands between phases: 第三阶段 上门收费阶段.
    pub current_text: String,
    pub phases: Vec<CampaignPhase>,
}

/// Arguments naming a campaign year (the community's campaign year when omitted).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CampaignYearArgs {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// New values of a phase.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PhaseInput {
    pub id: i64,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Tenths of a percent, for a phase with a numeric target; ignored otherwise.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub target_permille: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub goal: String,
}

/// A new checklist item.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaskCreate {
    pub phase_id: i64,
    pub title: String,
}

/// New values of a checklist item: mark it done (with a date and evidence) or not done.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaskInput {
    pub id: i64,
    pub title: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub evidence: String,
}
