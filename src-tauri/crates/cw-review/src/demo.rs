//! Demo complaints of the season: three handled to the end (one found untrue), one still open.

use crate::complaints;
use chrono::NaiveDate;
use cw_domain::ids::ZoneId;
use cw_domain::review::{
    ComplaintAction, ComplaintChannel, ComplaintInput, ComplaintStepInput, ComplaintStepKind,
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

/// Adds the demo complaints received before `end` (the steps up to it).
pub fn generate(ctx: &Ctx<'_>, end: NaiveDate) -> Result<(), CoreError> {
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
