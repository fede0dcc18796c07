//! What the progress report's PDF and workbook share: targets against actuals per group and per
//! zone, the phases' rows, and how dates and months read on the report.

use crate::figures::{Progress, GROUPS};
use crate::phases::ordinal;
use crate::types::{CampaignPhase, PhaseState, TargetKind};
use chrono::{Datelike, NaiveDate};
use cw_fees::rates::group_name;
use cw_fees::types::RateRow;
use cw_pdf::format_date_cn;
use cw_pledges::rates::RateLine;

/// One line of a targets-against-actuals table: signing and collection side by side.
pub(super) struct Line<'a> {
    pub label: String,
    pub signing: Option<&'a RateLine>,
    pub collection: Option<&'a RateRow>,
}

/// The plan's target of `kind`, in tenths of a percent, if a phase sets one.
pub(super) fn target_of(p: &Progress, kind: TargetKind) -> Option<i64> {
    p.plan
        .phases
        .iter()
        .find(|x| x.target_kind == kind)
        .and_then(|x| x.target_permille)
}

/// The four collection groups, then the whole community.
pub(super) fn group_lines(p: &Progress) -> Vec<Line<'_>> {
    let mut out: Vec<Line<'_>> = GROUPS
        .iter()
        .map(|g| {
            let label = group_name(Some(*g));
            Line {
                signing: p
                    .signing
                    .by_group
                    .iter()
                    .find(|l| l.key == Some(i64::from(*g))),
                collection: p.collection_by_group.rows.iter().find(|r| r.label == label),
                label,
            }
        })
        .collect();
    out.push(Line {
        label: "全社区".into(),
        signing: Some(&p.signing.overall),
        collection: Some(&p.collection_by_group.total),
    });
    out
}

/// The zones with signing figures, then any zone that has only collection figures.
pub(super) fn zone_lines(p: &Progress) -> Vec<Line<'_>> {
    let mut out: Vec<Line<'_>> = p
        .signing
        .by_zone
        .iter()
        .map(|l| Line {
            label: l.label.clone(),
            signing: Some(l),
            collection: p
                .collection_by_zone
                .rows
                .iter()
                .find(|r| r.label == l.label),
        })
        .collect();
    for r in &p.collection_by_zone.rows {
        if !out.iter().any(|l| l.label == r.label) {
            out.push(Line {
                label: r.label.clone(),
                signing: None,
                collection: Some(r),
            });
        }
    }
    out
}

/// What a phase achieved: its target's rate now, or nothing for a phase without one.
fn phase_actual(p: &Progress, ph: &CampaignPhase) -> String {
    match ph.target_kind {
        TargetKind::Signing => p.signing.overall.rate_text.clone(),
        TargetKind::Collection => p.collection_by_group.total.rate.clone(),
        TargetKind::None => "—".into(),
    }
}

/// 阶段 起止日期 目标 实际 清单完成 状态, one row a phase.
pub(super) fn phase_rows(p: &Progress) -> Vec<Vec<String>> {
    p.plan
        .phases
        .iter()
        .map(|ph| {
            vec![
                format!("{}　{}", ordinal(ph.seq), ph.name),
                range_cn(ph.starts_on, ph.ends_on),
                match ph.target_kind {
                    TargetKind::None => "—".into(),
                    k => format!("{} {}", k.stored(), ph.target_text),
                },
                phase_actual(p, ph),
                format!("{}/{}", ph.tasks_done, ph.tasks.len()),
                match ph.state {
                    PhaseState::Upcoming => "未开始",
                    PhaseState::Current => "进行中",
                    PhaseState::Ended => "已结束",
                }
                .into(),
            ]
        })
        .collect()
}

/// A date range as printed: 2026年7月5日—8月15日 (the year once when both days share it).
pub fn range_cn(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() == to.year() {
        format!("{}—{}月{}日", format_date_cn(from), to.month(), to.day())
    } else {
        format!("{}—{}", format_date_cn(from), format_date_cn(to))
    }
}

/// `2026年7月` for `2026-07`.
pub(super) fn month_label(m: &str) -> String {
    let (y, mm) = m.split_once('-').unwrap_or((m, ""));
    format!("{}年{}月", y, mm.trim_start_matches('0'))
}
