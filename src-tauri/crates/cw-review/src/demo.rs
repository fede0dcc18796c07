//! Demo complaints of the season (three handled to the end, one found untrue, one still open) and
//! the season's meetings, two self-checks against the standard (the second better) and a
//! satisfaction survey of 40 households, and the season's publicity.

use crate::{complaints, meetings, publicity, self_checks, surveys};
use chrono::NaiveDate;
use cw_domain::ids::ZoneId;
use cw_domain::review::{
    ComplaintAction, ComplaintChannel, ComplaintInput, ComplaintStepInput, ComplaintStepKind,
    MeetingInput, MeetingKind, PublicityInput, PublicityKind, ScoreInput, SelfCheckInput,
    SurveyAnswerInput, SurveyInput, SurveyKind,
};
use cw_kernel::{CoreError, Ctx};

/// One demo complaint: received, channel, what, where, the zone's name, reporter,
/// and its steps as (days after receipt, kind, verified, action, text).
type Demo = (
    (u32, u32),
    ComplaintChannel,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(
        i64,
        ComplaintStepKind,
        Option<bool>,
        Option<ComplaintAction>,
        &'static str,
    )],
);

const COMPLAINTS: &[Demo] = &[
    (
        (9, 3),
        ComplaintChannel::Resident,
        "门前垃圾堆放三天无人清理",
        "黄山路23号",
        "黄山路东段",
        "张先生",
        &[
            (0, ComplaintStepKind::Verify, Some(true), None, "现场属实"),
            (
                0,
                ComplaintStepKind::Act,
                None,
                Some(ComplaintAction::Other),
                "当天安排保洁员清运，并约谈责任保洁员",
            ),
            (1, ComplaintStepKind::Reply, None, None, "已清理，感谢监督"),
            (2, ComplaintStepKind::Close, None, None, ""),
        ],
    ),
    (
        (10, 14),
        ComplaintChannel::Letter,
        "市场夜间焚烧垃圾，烟味很大",
        "市场北门",
        "木材市场",
        "",
        &[
            (
                1,
                ComplaintStepKind::Verify,
                Some(true),
                None,
                "夜间巡查发现",
            ),
            (
                1,
                ComplaintStepKind::Act,
                None,
                Some(ComplaintAction::Referral),
                "转镇城管中队依法处理",
            ),
            (
                4,
                ComplaintStepKind::Reply,
                None,
                None,
                "已转城管中队，市场已张贴禁烧告示",
            ),
            (6, ComplaintStepKind::Close, None, None, ""),
        ],
    ),
    (
        (11, 5),
        ComplaintChannel::Media,
        "网帖称路边污水横流",
        "建设路口",
        "建设路",
        "",
        &[
            (
                1,
                ComplaintStepKind::Verify,
                Some(false),
                None,
                "系雨后积水，已排干",
            ),
            (
                2,
                ComplaintStepKind::Reply,
                None,
                None,
                "经核实为雨后积水，已处理",
            ),
            (2, ComplaintStepKind::Close, None, None, ""),
        ],
    ),
    (
        (11, 20),
        ComplaintChannel::Resident,
        "绿化带内垃圾袋多日未捡",
        "滨河路步道",
        "滨河绿化带",
        "李女士",
        &[(1, ComplaintStepKind::Verify, Some(true), None, "现场属实")],
    ),
];

fn zone_named(ctx: &Ctx<'_>, name: &str) -> Result<Option<ZoneId>, CoreError> {
    use rusqlite::OptionalExtension;
    Ok(ctx
        .conn
        .query_row("SELECT id FROM zones WHERE name = ?1", [name], |r| r.get(0))
        .optional()?
        .map(ZoneId))
}

/// A demo meeting: when, kind, topic, the roles invited, names from outside, the proceedings.
type DemoMeeting = (
    (u32, u32),
    MeetingKind,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

/// The season's meetings.
const MEETINGS: &[DemoMeeting] = &[
    (
        (7, 6),
        MeetingKind::Leaders,
        "创卫工作动员部署",
        &["领导小组"],
        &[],
        "传达镇创卫工作会议精神；通过《社区创卫工作实施方案》；明确分工：环境卫生组、宣传组、收费组、督查组。",
    ),
    (
        (7, 20),
        MeetingKind::Residents,
        "门前三包责任书签订动员",
        &["社区干部"],
        &["居民代表 王建国", "居民代表 刘秀兰", "党员 陈德明"],
        "讲解门前三包责任范围和签订方式；各组长负责本组住户、门店的签订，8月15日前完成。",
    ),
    (
        (9, 2),
        MeetingKind::Health,
        "病媒生物防制与卫生大扫除",
        &["领导小组", "监管人员"],
        &["镇卫生院 李医生"],
        "部署秋季灭鼠灭蚊；9月第二周开展全域卫生大扫除，各责任区监管人员负责验收。",
    ),
    (
        (10, 9),
        MeetingKind::Routine,
        "九月考核结算与收费进度",
        &["监管人员", "收费人员"],
        &[],
        "通报9月罚款和检查情况；收费进度偏慢的小组制定入户计划；督查不达标的责任区限期整改。",
    ),
];

/// The people of the registry holding any of the roles, by id.
fn with_roles(ctx: &Ctx<'_>, roles: &[&str]) -> Result<Vec<i64>, CoreError> {
    let mut ids = Vec::new();
    for role in roles {
        let mut stmt = ctx.conn.prepare_cached(
            "SELECT s.id FROM staff s JOIN staff_roles r ON r.staff_id = s.id
             WHERE r.role = ?1 AND s.status = '在岗' ORDER BY s.id",
        )?;
        for id in stmt.query_map([role], |r| r.get::<_, i64>(0))? {
            let id = id?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

/// Adds the demo meetings held before `end`.
fn meetings_season(ctx: &Ctx<'_>, end: NaiveDate) -> Result<(), CoreError> {
    for ((m, d), kind, topic, roles, names, proceedings) in MEETINGS {
        let Some(day) = NaiveDate::from_ymd_opt(2026, *m, *d) else {
            continue;
        };
        if day > end {
            continue;
        }
        meetings::create(
            ctx,
            MeetingInput {
                held_on: Some(day),
                time: "09:00".into(),
                kind: Some(*kind),
                topic: (*topic).into(),
                place: "社区居委会会议室".into(),
                chair: "社区主任".into(),
                proceedings: (*proceedings).into(),
                staff_ids: with_roles(ctx, roles)?,
                names: names.iter().map(|n| n.to_string()).collect(),
            },
        )?;
    }
    Ok(())
}

/// Adds the demo complaints received before `end` (the steps up to it) and the meetings.
pub fn generate(ctx: &Ctx<'_>, end: NaiveDate) -> Result<(), CoreError> {
    meetings_season(ctx, end)?;
    self_check_season(ctx, end)?;
    survey_season(ctx, end)?;
    publicity_season(ctx, end)?;
    complaints_season(ctx, end)?;
    crate::evidence_demo::generate(ctx)
}

/// The season's complaints, each with the steps it has reached by `end`.
fn complaints_season(ctx: &Ctx<'_>, end: NaiveDate) -> Result<(), CoreError> {
    for ((m, d), channel, content, place, zone, reporter, steps) in COMPLAINTS {
        let Some(received) = NaiveDate::from_ymd_opt(2026, *m, *d) else {
            continue;
        };
        if received > end {
            continue;
        }
        let c = complaints::create(
            ctx,
            ComplaintInput {
                received_on: Some(received),
                channel: Some(*channel),
                content: (*content).into(),
                place: (*place).into(),
                zone_id: zone_named(ctx, zone)?,
                reporter: (*reporter).into(),
                reporter_phone: String::new(),
                major: false,
            },
        )?;
        for (after, kind, verified, action, text) in steps.iter() {
            let date = received + chrono::Duration::days(*after);
            if date > end {
                break;
            }
            complaints::step(
                ctx,
                ComplaintStepInput {
                    id: c.id,
                    kind: *kind,
                    date: Some(date),
                    verified: *verified,
                    action: *action,
                    fine_id: None,
                    notice_id: None,
                    text: (*text).into(),
                },
            )?;
        }
    }
    Ok(())
}

/// Points lost per item code at the two demo self-checks (late September, late November).
const LOST: &[(&str, i64, i64)] = &[
    ("S01", 2, 1),
    ("S04", 3, 1),
    ("S05", 3, 2),
    ("E03", 2, 0),
    ("H01", 2, 1),
    ("V02", 2, 1),
    ("M01", 4, 2),
    ("O02", 1, 0),
];

/// Two self-checks of the season, the second scoring higher.
fn self_check_season(ctx: &Ctx<'_>, end: NaiveDate) -> Result<(), CoreError> {
    for (n, (m, d)) in [(9u32, 25u32), (11, 20)].into_iter().enumerate() {
        let Some(day) = NaiveDate::from_ymd_opt(2026, m, d) else {
            continue;
        };
        if day > end {
            continue;
        }
        let v = self_checks::version_on(ctx.conn, day)?;
        let scores = v
            .items
            .iter()
            .map(|i| {
                let lost = LOST
                    .iter()
                    .find(|(c, _, _)| *c == i.code)
                    .map_or(0, |(_, a, b)| if n == 0 { *a } else { *b });
                ScoreInput {
                    item_id: i.id,
                    score: (i.points - lost).max(0),
                    note: if lost > 0 {
                        "抽查发现问题，已列入整改".into()
                    } else {
                        String::new()
                    },
                }
            })
            .collect();
        self_checks::create(
            ctx,
            SelfCheckInput {
                checked_on: Some(day),
                checked_by: "社区创卫办".into(),
                note: if n == 0 {
                    "迎检前第一次全面自查".into()
                } else {
                    "整改后复查".into()
                },
                scores,
            },
        )?;
    }
    Ok(())
}

/// A satisfaction survey started on 10 November: 40 households drawn, 36 sheets keyed back,
/// now and then a 不满意 (about one answer in twelve).
fn survey_season(ctx: &Ctx<'_>, end: NaiveDate) -> Result<(), CoreError> {
    let (Some(start), Some(keyed)) = (
        NaiveDate::from_ymd_opt(2026, 11, 10),
        NaiveDate::from_ymd_opt(2026, 11, 14),
    ) else {
        return Ok(());
    };
    if keyed > end {
        return Ok(());
    }
    let s = surveys::create(
        ctx,
        SurveyInput {
            title: "2026年居民卫生满意度调查".into(),
            kind: SurveyKind::Satisfaction,
            questions: Vec::new(),
            group_no: None,
            zone_id: None,
            size: Some(40),
            started_on: Some(start),
        },
    )?;
    for (n, h) in s.households.iter().enumerate().take(36) {
        let answers: String = (0..s.questions.len())
            .map(|q| if (n * 7 + q * 3) % 12 == 5 { '0' } else { '1' })
            .collect();
        surveys::answer(
            ctx,
            SurveyAnswerInput {
                id: s.id,
                party_id: h.party_id,
                answers,
                answered_on: Some(keyed),
            },
        )?;
    }
    Ok(())
}

/// A demo publicity action: when, kind, where, how many, what about.
type DemoPublicity = ((u32, u32), PublicityKind, &'static str, i64, &'static str);

/// The season's publicity.
const PUBLICITY: &[DemoPublicity] = &[
    (
        (7, 10),
        PublicityKind::Leaflets,
        "全社区",
        1200,
        "《创建卫生社区倡议书》",
    ),
    (
        (7, 15),
        PublicityKind::Slogans,
        "黄山路、建设路沿街",
        60,
        "创卫宣传横幅和标语",
    ),
    (
        (8, 1),
        PublicityKind::Board,
        "居委会宣传栏",
        1,
        "门前三包责任与收费标准公示",
    ),
    (
        (9, 10),
        PublicityKind::DoorToDoor,
        "第一、二小组",
        300,
        "垃圾分类和病媒防制知识",
    ),
    (
        (10, 8),
        PublicityKind::Broadcast,
        "木材市场",
        10,
        "市场禁烧和垃圾入桶",
    ),
];

fn publicity_season(ctx: &Ctx<'_>, end: NaiveDate) -> Result<(), CoreError> {
    for ((m, d), kind, place, count, content) in PUBLICITY {
        let Some(day) = NaiveDate::from_ymd_opt(2026, *m, *d) else {
            continue;
        };
        if day > end {
            continue;
        }
        publicity::create(
            ctx,
            PublicityInput {
                done_on: Some(day),
                kind: *kind,
                place: (*place).into(),
                count: *count,
                content: (*content).into(),
            },
        )?;
    }
    Ok(())
}
