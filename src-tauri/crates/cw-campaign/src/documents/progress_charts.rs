//! The progress report's two chart pages: the dashboard's charts drawn as vector graphics.

use super::progress_lines::{group_lines, month_label, target_of, Line};
use crate::figures::{self, Progress, GROUPS};
use crate::permille_text;
use crate::types::TargetKind;
use chrono::{Datelike, NaiveDate};
use cw_fees::rates::group_name;
use cw_kernel::CoreError;
use cw_pdf::chart::{self, Area, Axis, Chart, Series};
use cw_pdf::{format_date_cn, Align, Page, PageSize};

fn short_date(d: NaiveDate) -> String {
    format!("{}/{}", d.month(), d.day())
}

/// A weekly rate: the community and each group, with the target drawn across.
fn trend_chart(title: &str, points: &[figures::TrendPoint], target: Option<i64>) -> Chart {
    let mut series = vec![Series {
        name: "全社区".into(),
        values: points.iter().map(|p| p.overall).collect(),
    }];
    for (i, g) in GROUPS.iter().enumerate() {
        series.push(Series {
            name: group_name(Some(*g)),
            values: points
                .iter()
                .map(|p| p.groups.get(i).copied().flatten())
                .collect(),
        });
    }
    Chart {
        title: title.into(),
        categories: points.iter().map(|p| short_date(p.date)).collect(),
        series,
        axis: Axis::percent(),
        target: target.map(|t| (t, format!("目标 {}", permille_text(Some(t))))),
        stacked: false,
    }
}

/// Signing and collection rate side by side for each group.
fn by_group_chart(p: &Progress) -> Chart {
    let lines = group_lines(p);
    let groups: Vec<&Line<'_>> = lines.iter().take(GROUPS.len()).collect();
    Chart {
        title: "签订率与收缴率（按收费小组）".into(),
        categories: groups.iter().map(|l| l.label.clone()).collect(),
        series: vec![
            Series {
                name: "门前三包签订率".into(),
                values: groups
                    .iter()
                    .map(|l| l.signing.and_then(|s| s.rate_permille))
                    .collect(),
            },
            Series {
                name: "卫生费收缴率".into(),
                values: groups
                    .iter()
                    .map(|l| {
                        l.collection
                            .filter(|c| c.expected_parties > 0)
                            .map(|c| c.rate_permille)
                    })
                    .collect(),
            },
        ],
        axis: Axis::percent(),
        target: Some((1000, "目标 100%".into())),
        stacked: false,
    }
}

/// Each month's fines, stacked by category.
fn fines_chart(p: &Progress) -> Chart {
    Chart {
        title: "每月罚款金额（按类别）".into(),
        categories: p
            .fines_by_month
            .iter()
            .map(|m| month_label(&m.month))
            .collect(),
        series: p
            .fine_categories
            .iter()
            .map(|c| Series {
                name: c.clone(),
                values: p
                    .fines_by_month
                    .iter()
                    .map(|m| {
                        m.by_category
                            .iter()
                            .find(|t| &t.name == c)
                            .map(|t| t.amount_fen)
                    })
                    .collect(),
            })
            .collect(),
        axis: Axis::yuan(),
        target: None,
        stacked: true,
    }
}

/// The zones fined most.
fn zones_chart(p: &Progress) -> Chart {
    Chart {
        title: "罚款最多的责任区".into(),
        categories: p.top_zones.iter().map(|z| z.name.clone()).collect(),
        series: vec![Series {
            name: "罚款金额".into(),
            values: p.top_zones.iter().map(|z| Some(z.amount_fen)).collect(),
        }],
        axis: Axis::yuan(),
        target: None,
        stacked: false,
    }
}

/// Each month's inspections, passed and failed stacked.
fn inspections_chart(p: &Progress) -> Chart {
    Chart {
        title: "检查达标与不达标（每月）".into(),
        categories: p
            .inspections
            .iter()
            .map(|m| month_label(&m.month))
            .collect(),
        series: vec![
            Series {
                name: "达标".into(),
                values: p.inspections.iter().map(|m| Some(m.passed)).collect(),
            },
            Series {
                name: "不达标".into(),
                values: p.inspections.iter().map(|m| Some(m.failed)).collect(),
            },
        ],
        axis: Axis::count("次"),
        target: None,
        stacked: true,
    }
}

/// The charts of the first page (rates) and of the second (fines and inspections).
pub(super) fn charts(p: &Progress) -> (Vec<Chart>, Vec<Chart>) {
    let signing = trend_chart(
        "门前三包签订率（每周）",
        &p.signing_trend,
        target_of(p, TargetKind::Signing),
    );
    let collection = trend_chart(
        "卫生费收缴率（每周）",
        &p.collection_trend,
        target_of(p, TargetKind::Collection),
    );
    (
        vec![by_group_chart(p), signing, collection],
        vec![fines_chart(p), zones_chart(p), inspections_chart(p)],
    )
}

/// One A4 page of up to three charts, each a line chart where `kinds` says so, else bars.
pub(super) fn chart_page(
    community: &str,
    printed: NaiveDate,
    title: &str,
    list: &[Chart],
    kinds: &[bool],
) -> Result<Page, CoreError> {
    let mut page = Page::new(PageSize::A4_PORTRAIT);
    page.text(105.0, 20.0, 15.0, Align::Center, title)?;
    let h = 82.0;
    for (i, (c, is_line)) in list.iter().zip(kinds).enumerate() {
        let area = Area {
            x: 18.0,
            y: 28.0 + i as f32 * (h + 3.0),
            w: 174.0,
            h,
        };
        if *is_line {
            chart::line_chart(&mut page, area, c)?;
        } else {
            chart::bar_chart(&mut page, area, c)?;
        }
    }
    let base = 297.0 - 12.0;
    page.text(18.0, base, 8.0, Align::Left, community)?;
    page.number_in_document(105.0, base, 8.0);
    page.text(
        192.0,
        base,
        8.0,
        Align::Right,
        &format!("打印日期：{}", format_date_cn(printed)),
    )?;
    Ok(page)
}
