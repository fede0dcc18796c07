//! 迎检 (passing the higher-level inspection): the complaint register and the meeting records,
//! their vocabularies and what the wire carries. (Self-checks and surveys join here.)

use crate::enums::labelled_enum;
use crate::ids::ZoneId;
use crate::DomainError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

labelled_enum!(
    /// How a complaint reached the committee.
    ComplaintChannel {
        /// 群众举报: a resident reported it (in person, by phone).
        Resident => "群众举报",
        /// 来信来访: a letter or a visit.
        Letter => "来信来访",
        /// 媒体曝光: the press or social media.
        Media => "媒体曝光",
        /// 上级转办: passed down by the street office or the city.
        Referred => "上级转办",
    }
);

labelled_enum!(
    /// A step of a complaint's handling.
    ComplaintStepKind {
        /// 核实: checked on the spot, found true or not.
        Verify => "核实",
        /// 处理: what was done about it.
        Act => "处理",
        /// 答复: the answer given to whoever reported it.
        Reply => "答复",
        /// 办结: closed.
        Close => "办结",
    }
);

labelled_enum!(
    /// What was done about a complaint found true.
    ComplaintAction {
        /// 罚款: a fine (B11 or another item), linked by its number.
        Fine => "罚款",
        /// 整改通知: a rectification notice to a shop, linked by its number.
        Notice => "整改通知",
        /// 转办: passed to the department it belongs to.
        Referral => "转办",
        /// 其他: anything else, said in words.
        Other => "其他",
    }
);

labelled_enum!(
    /// Where a complaint stands, from its last step.
    ComplaintStatus {
        /// 待核实: nothing done yet.
        New => "待核实",
        /// 处理中: verified, being handled.
        Handling => "处理中",
        /// 已答复: answered, not yet closed.
        Replied => "已答复",
        /// 已办结: closed.
        Closed => "已办结",
    }
);

/// One step of a complaint's handling.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct ComplaintStep {
    pub id: i64,
    pub kind: ComplaintStepKind,
    pub date: NaiveDate,
    /// 核实: found true (属实) or not.
    pub verified: Option<bool>,
    pub action: Option<ComplaintAction>,
    pub fine_id: Option<i64>,
    pub notice_id: Option<i64>,
    pub text: String,
    pub created_by: String,
}

/// A complaint with its steps.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct Complaint {
    pub id: i64,
    pub received_on: NaiveDate,
    pub channel: ComplaintChannel,
    pub content: String,
    pub place: String,
    pub zone_id: Option<i64>,
    pub zone_name: Option<String>,
    /// Who reported it: kept for the answer, never printed on a public list.
    pub reporter: String,
    pub reporter_phone: String,
    pub major: bool,
    pub status: ComplaintStatus,
    /// Found true at the check; none before it.
    pub verified: Option<bool>,
    pub closed_on: Option<NaiveDate>,
    /// Days from receipt to close, or to today while open.
    pub days: i64,
    /// Open longer than the days a complaint should take.
    pub overdue: bool,
    pub steps: Vec<ComplaintStep>,
    /// The steps that may come next (the register's order), for the page's buttons.
    pub next: Vec<ComplaintStepKind>,
}

/// A complaint as registered.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ComplaintInput {
    /// Today if absent.
    pub received_on: Option<NaiveDate>,
    pub channel: Option<ComplaintChannel>,
    pub content: String,
    #[serde(default)]
    pub place: String,
    pub zone_id: Option<ZoneId>,
    #[serde(default)]
    pub reporter: String,
    #[serde(default)]
    pub reporter_phone: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub major: bool,
}

/// A step added to a complaint.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ComplaintStepInput {
    pub id: i64,
    pub kind: ComplaintStepKind,
    /// Today if absent.
    pub date: Option<NaiveDate>,
    pub verified: Option<bool>,
    pub action: Option<ComplaintAction>,
    pub fine_id: Option<i64>,
    pub notice_id: Option<i64>,
    #[serde(default)]
    pub text: String,
}

/// Which complaints to list.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ComplaintQuery {
    /// Only those not closed.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub open_only: bool,
    /// Received in this year.
    pub year: Option<i32>,
    pub zone_id: Option<ZoneId>,
}

/// The register's figures for a year, as the binder and 首页 show them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct ComplaintFigures {
    pub year: i32,
    pub received: i64,
    pub closed: i64,
    pub open: i64,
    pub overdue: i64,
    /// 重大 complaints received (the plan asks for none).
    pub major: i64,
    /// Found true at the check.
    pub verified_true: i64,
    /// Mean days from receipt to close of those closed, one decimal; empty before any is closed.
    pub mean_days_to_close: String,
    /// (channel, count), every channel listed.
    pub by_channel: Vec<(ComplaintChannel, i64)>,
}

/// Days a complaint should take from receipt to close before it counts as overdue.
pub const COMPLAINT_DUE_DAYS: i64 = 7;

labelled_enum!(
    /// The kind of a meeting the campaign records.
    MeetingKind {
        /// 领导小组会议: the campaign's leading group.
        Leaders => "领导小组会议",
        /// 党员、组长、居民代表会议: the community's representatives.
        Residents => "党员组长居民代表会议",
        /// 爱卫会会议: the patriotic health committee.
        Health => "爱卫会会议",
        /// 工作例会: the staff's regular meeting.
        Routine => "工作例会",
    }
);

/// Someone at a meeting: a person of the registry, or a name typed in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export, optional_fields = nullable)]
pub struct Attendee {
    pub staff_id: Option<i64>,
    pub name: String,
}

/// A meeting record 会议记录.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct Meeting {
    pub id: i64,
    pub held_on: NaiveDate,
    pub time: String,
    pub kind: MeetingKind,
    pub topic: String,
    pub place: String,
    pub chair: String,
    pub proceedings: String,
    pub attendees: Vec<Attendee>,
}

/// A meeting as entered.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct MeetingInput {
    pub held_on: Option<NaiveDate>,
    #[serde(default)]
    pub time: String,
    pub kind: Option<MeetingKind>,
    pub topic: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub chair: String,
    #[serde(default)]
    pub proceedings: String,
    /// People of the registry.
    #[serde(default)]
    pub staff_ids: Vec<i64>,
    /// Others, by name (a resident representative, the street office's cadre).
    #[serde(default)]
    pub names: Vec<String>,
}

/// Which meetings to list.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct MeetingQuery {
    pub year: Option<i32>,
    pub kind: Option<MeetingKind>,
}

labelled_enum!(
    /// The 8 areas of the 卫生社区 standard (plan 3 §4).
    StandardArea {
        /// 市容环境卫生.
        Streets => "市容环境卫生",
        /// 环境保护.
        Environment => "环境保护",
        /// 健康教育.
        HealthEducation => "健康教育",
        /// 食品安全与公共场所卫生.
        Food => "食品安全与公共场所卫生",
        /// 传染病防治.
        Disease => "传染病防治",
        /// 病媒生物防制.
        Vectors => "病媒生物防制",
        /// 市民满意度.
        Satisfaction => "市民满意度",
        /// 组织管理.
        Organisation => "组织管理",
    }
);

/// An item of the standard with its points.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct StandardItem {
    pub id: i64,
    pub area: StandardArea,
    pub code: String,
    pub text: String,
    pub points: i64,
}

/// A version of the standard, in force from its date.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct StandardVersion {
    pub id: i64,
    pub effective_date: NaiveDate,
    pub note: String,
    pub items: Vec<StandardItem>,
}

/// An item of a new version.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct StandardItemInput {
    pub area: StandardArea,
    pub code: String,
    pub text: String,
    pub points: i64,
}

/// A new version of the standard.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct StandardVersionInput {
    pub effective_date: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    pub items: Vec<StandardItemInput>,
}

/// An item's score at a self-check.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct ItemScore {
    pub item_id: i64,
    pub area: StandardArea,
    pub code: String,
    pub text: String,
    pub points: i64,
    pub score: i64,
    pub note: String,
}

/// An area's total at a self-check.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct AreaScore {
    pub area: StandardArea,
    pub points: i64,
    pub score: i64,
}

/// A self-check against the standard.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct SelfCheck {
    pub id: i64,
    pub checked_on: NaiveDate,
    pub checked_by: String,
    pub note: String,
    pub version_id: i64,
    pub items: Vec<ItemScore>,
    /// The 8 areas in the standard's order.
    pub areas: Vec<AreaScore>,
    pub points: i64,
    pub score: i64,
}

/// A score keyed for an item.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ScoreInput {
    pub item_id: i64,
    pub score: i64,
    #[serde(default)]
    pub note: String,
}

/// A self-check as keyed: every item of the version in force on the day.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct SelfCheckInput {
    /// Today if absent.
    pub checked_on: Option<NaiveDate>,
    pub checked_by: String,
    #[serde(default)]
    pub note: String,
    pub scores: Vec<ScoreInput>,
}

labelled_enum!(
    /// What a household survey measures.
    SurveyKind {
        /// 满意度: residents' satisfaction with the streets, cleaning, public places, toilets (≥ 90%).
        Satisfaction => "满意度",
        /// 健康知识: health-knowledge awareness (≥ 80%).
        Knowledge => "健康知识",
    }
);

/// A household drawn for a survey, with its answers as keyed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct SurveyHousehold {
    pub party_id: i64,
    pub seq: i64,
    pub name: String,
    pub address: String,
    pub group_no: Option<i32>,
    pub zone_name: Option<String>,
    /// One character per question (1 yes, 0 no, - not answered); empty until keyed.
    pub answers: String,
}

/// A rate of yes answers among the answers given, in permille, with its counts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct SurveyRate {
    /// What is counted: 全部, 第一小组, a zone's name, a question.
    pub label: String,
    pub yes: i64,
    pub answered: i64,
    /// `93.4%`, or `—` before any answer.
    pub rate: String,
    pub met: bool,
}

/// A survey with its questions, sample and figures.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct Survey {
    pub id: i64,
    pub title: String,
    pub kind: SurveyKind,
    /// The target as printed, `90.0%`.
    pub target: String,
    pub started_on: NaiveDate,
    pub sample_rule: String,
    pub questions: Vec<String>,
    pub households: Vec<SurveyHousehold>,
    pub respondents: i64,
    pub overall: SurveyRate,
    pub by_group: Vec<SurveyRate>,
    pub by_zone: Vec<SurveyRate>,
    pub by_question: Vec<SurveyRate>,
}

/// A new survey: its questions (the kind's defaults if none) and how the sample is drawn.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct SurveyInput {
    pub title: String,
    pub kind: SurveyKind,
    #[serde(default)]
    pub questions: Vec<String>,
    /// Only this group's households.
    pub group_no: Option<i32>,
    /// Only this zone's.
    pub zone_id: Option<ZoneId>,
    /// How many to draw at random; all that match if absent.
    pub size: Option<i64>,
    /// Today if absent.
    pub started_on: Option<NaiveDate>,
}

/// One household's answers keyed from its sheet.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct SurveyAnswerInput {
    pub id: i64,
    pub party_id: i64,
    /// One character per question: 1 yes, 0 no, - not answered.
    pub answers: String,
    /// Today if absent.
    pub answered_on: Option<NaiveDate>,
}

labelled_enum!(
    /// A kind of publicity action.
    PublicityKind {
        /// 发放资料: leaflets and booklets handed out (份).
        Leaflets => "发放资料",
        /// 张贴标语: slogans and posters put up (条).
        Slogans => "张贴标语",
        /// 宣传栏更新: the notice board renewed (期).
        Board => "宣传栏更新",
        /// 入户宣传: door-to-door talks (户).
        DoorToDoor => "入户宣传",
        /// 广播宣传: broadcasts (次).
        Broadcast => "广播宣传",
        /// 其他.
        Other => "其他",
    }
);

/// A publicity action.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct Publicity {
    pub id: i64,
    pub done_on: NaiveDate,
    pub kind: PublicityKind,
    pub place: String,
    pub count: i64,
    /// 份, 条, 期, 户, 次.
    pub count_unit: String,
    pub content: String,
    /// Why it was withdrawn; none while it stands.
    pub withdrawn: Option<String>,
}

/// A publicity action as entered.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct PublicityInput {
    /// Today if absent.
    pub done_on: Option<NaiveDate>,
    pub kind: PublicityKind,
    #[serde(default)]
    pub place: String,
    pub count: i64,
    pub content: String,
}

/// A kind's total for a year.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, TS)]
#[ts(export)]
pub struct PublicityTotal {
    pub kind: PublicityKind,
    pub actions: i64,
    pub count: i64,
    pub unit: String,
}
