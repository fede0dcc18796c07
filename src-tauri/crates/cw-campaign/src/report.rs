//! The campaign progress report 创卫工作进度报告 for the inspectors: phases with targets against
//! actuals, the same per group and per zone, the charts drawn as vector graphics, the monthly
//! fines and inspections, and the checklist — as PDF, or the same figures as .xlsx. Every figure
//! comes from [`figures::compute`](super::figures::compute), the dashboard's own computation.

use super::figures::{self, Progress, GROUPS};
use super::permille_text;
use super::phases::ordinal;
use super::types::{CampaignPhase, TargetKind};
use chrono::{Datelike, NaiveDate};
use cw_domain::money::signed_wire_fen as fen;
use cw_fees::rates::group_name;
use cw_fees::types::RateRow;
use cw_fees::{parse_month, period_cn, yuan_cn};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::chart::{self, Area, Axis, Chart, Series};
use cw_pdf::{format_date_cn, Align, Column, DocInfo, Page, PageSize, TableDoc};
use cw_pledges::rates::RateLine;
use cw_pledges::year_or_current;
use cw_registry::exports::XLSX_MIME;
use cw_registry::print::DocFormat;
use cw_registry::settings;
use cw_tabular::{Cell, XlsxSheet};
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`progress_doc`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct ProgressDocArgs {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    #[ts(optional = nullable)]
    pub format: DocFormat,
}

/// One line of a targets-against-actuals table: signing and collection side by side.
struct Line<'a> {
    label: String,
    signing: Option<&'a RateLine>,
    collection: Option<&'a RateRow>,
}

fn target_of(p: &Progress, kind: TargetKind) -> Option<i64> {
    p.plan
        .phases
        .iter()
        .find(|x| x.target_kind == kind)
        .and_then(|x| x.target_permille)
}

fn group_lines(p: &Progress) -> Vec<Line<'_>> {
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

fn zone_lines(p: &Progress) -> Vec<Line<'_>> {
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

/// A line as table cells: 应签 已签 拒签 未签 签订率 | 应缴 缴清 收缴率 欠收.
fn line_cells(l: &Line<'_>) -> Result<Vec<String>, CoreError> {
    let dash = || "—".to_string();
    let mut cells = vec![l.label.clone()];
    match l.signing {
        Some(s) => cells.extend([
            s.due.to_string(),
            s.signed.to_string(),
            s.refused.to_string(),
            s.outstanding.to_string(),
            s.rate_text.clone(),
        ]),
        None => cells.extend([dash(), dash(), dash(), dash(), dash()]),
    }
    match l.collection {
        Some(c) => cells.extend([
            c.expected_parties.to_string(),
            c.paid.to_string(),
            c.rate.clone(),
            yuan_cn(fen("欠收", &c.owed)?),
        ]),
        None => cells.extend([dash(), dash(), dash(), dash()]),
    }
    Ok(cells)
}

fn line_columns(first: &str) -> Vec<Column> {
    let c = |h: &str, w: f32, a: Align| Column::new(h, w, a);
    vec![
        c(first, 12.0, Align::Left),
        c("应签", 5.0, Align::Right),
        c("已签", 5.0, Align::Right),
        c("拒签", 5.0, Align::Right),
        c("未签", 5.0, Align::Right),
        c("签订率", 6.5, Align::Right),
        c("应缴户数", 6.0, Align::Right),
        c("缴清", 5.0, Align::Right),
        c("收缴率", 6.5, Align::Right),
        c("欠收金额", 9.0, Align::Right),
    ]
}

/// What a phase achieved: its target's rate now, or nothing for a phase without one.
fn phase_actual(p: &Progress, ph: &CampaignPhase) -> String {
    match ph.target_kind {
        TargetKind::Signing => p.signing.overall.rate_text.clone(),
        TargetKind::Collection => p.collection_by_group.total.rate.clone(),
        TargetKind::None => "—".into(),
    }
}

fn phase_rows(p: &Progress) -> Vec<Vec<String>> {
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
                    super::types::PhaseState::Upcoming => "未开始",
                    super::types::PhaseState::Current => "进行中",
                    super::types::PhaseState::Ended => "已结束",
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

fn short_date(d: NaiveDate) -> String {
    format!("{}/{}", d.month(), d.day())
}

fn month_label(m: &str) -> String {
    let (y, mm) = m.split_once('-').unwrap_or((m, ""));
    format!("{}年{}月", y, mm.trim_start_matches('0'))
}

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

/// The charts: the dashboard's, as vector graphics.
fn charts(p: &Progress) -> (Vec<Chart>, Vec<Chart>) {
    let lines = group_lines(p);
    let groups: Vec<&Line<'_>> = lines.iter().take(GROUPS.len()).collect();
    let by_group = Chart {
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
    };
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
    let fines = Chart {
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
    };
    let zones = Chart {
        title: "罚款最多的责任区".into(),
        categories: p.top_zones.iter().map(|z| z.name.clone()).collect(),
        series: vec![Series {
            name: "罚款金额".into(),
            values: p.top_zones.iter().map(|z| Some(z.amount_fen)).collect(),
        }],
        axis: Axis::yuan(),
        target: None,
        stacked: false,
    };
    let inspections = Chart {
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
    };
    (
        vec![by_group, signing, collection],
        vec![fines, zones, inspections],
    )
}

fn chart_page(
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

fn pdf(ctx: &Ctx<'_>, p: &Progress, community: String) -> Result<Vec<u8>, CoreError> {
    let now = ctx.clock.now();
    let table =
        |title: String, subtitle: String, columns: Vec<Column>, rows, note: Option<String>| {
            TableDoc {
                title,
                community: community.clone(),
                subtitle: Some(subtitle),
                landscape: false,
                columns,
                rows,
                printed_at: now,
                footer_note: note,
            }
        };
    let as_of = format_date_cn(p.as_of);
    let c = |h: &str, w: f32, a: Align| Column::new(h, w, a);
    let s = &p.signing.overall;
    let t = &p.collection_by_group.total;
    let summary = table(
        format!("{}年创卫工作进度报告", p.year),
        format!("截至{as_of}　当前：{}", p.plan.current_text),
        vec![
            c("阶段", 14.0, Align::Left),
            c("起止日期", 16.5, Align::Center),
            c("目标", 9.0, Align::Center),
            c("实际", 6.0, Align::Right),
            c("清单完成", 7.0, Align::Center),
            c("状态", 5.0, Align::Center),
        ],
        phase_rows(p),
        Some(format!(
            "门前三包：应签 {} 户，已签 {} 户，拒签 {} 户，未签 {} 户，签订率 {}。卫生费（{}）：应缴 {} 户，缴清 {} 户，收缴率 {}，应收 {}，实收 {}，欠收 {}。",
            s.due,
            s.signed,
            s.refused,
            s.outstanding,
            s.rate_text,
            period_cn(
                parse_month("起始月份", &p.collection_by_group.period_from)?,
                parse_month("终止月份", &p.collection_by_group.period_to)?
            ),
            t.expected_parties,
            t.paid,
            t.rate,
            yuan_cn(fen("应收", &t.expected)?),
            yuan_cn(fen("实收", &t.collected)?),
            yuan_cn(fen("欠收", &t.owed)?),
        )),
    );
    let targets = format!(
        "目标：签订率 {}，收缴率 {}　截至{as_of}",
        permille_text(target_of(p, TargetKind::Signing)),
        permille_text(target_of(p, TargetKind::Collection))
    );
    let by_group = table(
        "目标与实际（按收费小组）".into(),
        targets.clone(),
        line_columns("收费小组"),
        group_lines(p)
            .iter()
            .map(line_cells)
            .collect::<Result<_, _>>()?,
        None,
    );
    let by_zone = table(
        "目标与实际（按责任区）".into(),
        targets,
        line_columns("责任区"),
        zone_lines(p)
            .iter()
            .map(line_cells)
            .collect::<Result<_, _>>()?,
        None,
    );
    let monthly = table(
        "罚款与检查（每月）".into(),
        "罚款为罚款与扣发减当月冲销，与罚款月报一致".into(),
        vec![
            c("月份", 10.0, Align::Center),
            c("罚款笔数", 7.0, Align::Right),
            c("罚款金额", 10.0, Align::Right),
            c("检查达标", 7.0, Align::Right),
            c("检查不达标", 7.0, Align::Right),
        ],
        p.fines_by_month
            .iter()
            .zip(&p.inspections)
            .map(|(f, i)| {
                Ok(vec![
                    month_label(&f.month),
                    f.count.to_string(),
                    yuan_cn(fen("金额", &f.total)?),
                    i.passed.to_string(),
                    i.failed.to_string(),
                ])
            })
            .collect::<Result<_, CoreError>>()?,
        None,
    );
    let mut task_rows = Vec::new();
    for ph in &p.plan.phases {
        for t in &ph.tasks {
            task_rows.push(vec![
                ordinal(ph.seq),
                t.title.clone(),
                t.done_on
                    .map(format_date_cn)
                    .unwrap_or_else(|| "未完成".into()),
                t.evidence.clone(),
            ]);
        }
    }
    let checklist = table(
        "阶段工作清单".into(),
        format!("截至{as_of}"),
        vec![
            c("阶段", 8.0, Align::Center),
            c("工作内容", 26.0, Align::Left),
            c("完成日期", 11.0, Align::Center),
            c("佐证材料", 20.0, Align::Left),
        ],
        task_rows,
        Some("填报人：____________　　审核人：____________".into()),
    );
    let (first, second) = charts(p);
    // One report, numbered through: its tables and chart pages are sections of it.
    let mut pages = cw_pdf::section_pages(&summary)?;
    pages.extend(cw_pdf::section_pages(&by_group)?);
    pages.extend(cw_pdf::section_pages(&by_zone)?);
    let title = format!("{}年创卫工作进度（图表）", p.year);
    pages.push(chart_page(
        &community,
        p.as_of,
        &title,
        &first,
        &[false, true, true],
    )?);
    pages.push(chart_page(
        &community,
        p.as_of,
        &title,
        &second,
        &[false, false, false],
    )?);
    pages.extend(cw_pdf::section_pages(&monthly)?);
    pages.extend(cw_pdf::section_pages(&checklist)?);
    Ok(cw_pdf::render_pages(
        &DocInfo {
            title: format!("{}年创卫工作进度报告", p.year),
            created: now,
        },
        pages,
    )?)
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt(v: Option<i64>) -> Cell {
    v.map(|v| text(permille_text(Some(v))))
        .unwrap_or(Cell::Empty)
}

fn line_row(l: &Line<'_>) -> Vec<Cell> {
    let mut row = vec![text(l.label.clone())];
    match l.signing {
        Some(s) => row.extend([
            Cell::Int(s.due),
            Cell::Int(s.signed),
            Cell::Int(s.refused),
            Cell::Int(s.outstanding),
            text(s.rate_text.clone()),
        ]),
        None => row.extend([
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]),
    }
    match l.collection {
        Some(c) => row.extend([
            Cell::Int(c.expected_parties),
            Cell::Int(c.paid),
            text(c.rate.clone()),
            Cell::Money(c.owed.clone()),
        ]),
        None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]),
    }
    row
}

fn trend_sheet(name: &str, points: &[figures::TrendPoint]) -> XlsxSheet {
    let mut headers = vec!["日期".to_string(), "全社区".to_string()];
    headers.extend(GROUPS.iter().map(|g| group_name(Some(*g))));
    XlsxSheet {
        sheet_name: name.into(),
        title: Some(format!("{name}（每周，截至当天）")),
        headers,
        rows: points
            .iter()
            .map(|p| {
                let mut r = vec![Cell::Date(p.date.to_string()), opt(p.overall)];
                r.extend(p.groups.iter().map(|g| opt(*g)));
                r
            })
            .collect(),
        widths: None,
    }
}

fn xlsx(p: &Progress) -> Result<Vec<u8>, CoreError> {
    let strs = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let line_headers = |first: &str| {
        strs(&[
            first,
            "应签",
            "已签",
            "拒签",
            "未签",
            "签订率",
            "应缴户数",
            "缴清",
            "收缴率",
            "欠收金额",
        ])
    };
    let mut sheets = vec![
        XlsxSheet {
            sheet_name: "阶段".into(),
            title: Some(format!(
                "{}年创卫工作进度　截至{}　当前：{}",
                p.year,
                format_date_cn(p.as_of),
                p.plan.current_text
            )),
            headers: strs(&["阶段", "起止日期", "目标", "实际", "清单完成", "状态"]),
            rows: phase_rows(p)
                .into_iter()
                .map(|r| r.into_iter().map(Cell::Text).collect())
                .collect(),
            widths: None,
        },
        XlsxSheet {
            sheet_name: "按收费小组".into(),
            title: Some("目标与实际（按收费小组）".into()),
            headers: line_headers("收费小组"),
            rows: group_lines(p).iter().map(line_row).collect(),
            widths: None,
        },
        XlsxSheet {
            sheet_name: "按责任区".into(),
            title: Some("目标与实际（按责任区）".into()),
            headers: line_headers("责任区"),
            rows: zone_lines(p).iter().map(line_row).collect(),
            widths: None,
        },
        trend_sheet("签订率趋势", &p.signing_trend),
        trend_sheet("收缴率趋势", &p.collection_trend),
    ];
    let mut headers = strs(&["月份", "罚款笔数", "罚款金额"]);
    headers.extend(p.fine_categories.iter().cloned());
    headers.extend(strs(&["检查达标", "检查不达标"]));
    sheets.push(XlsxSheet {
        sheet_name: "罚款与检查".into(),
        title: Some("罚款（按类别）与检查（每月）".into()),
        headers,
        rows: p
            .fines_by_month
            .iter()
            .zip(&p.inspections)
            .map(|(f, i)| {
                let mut r = vec![
                    text(month_label(&f.month)),
                    Cell::Int(f.count),
                    Cell::Money(f.total.clone()),
                ];
                for c in &p.fine_categories {
                    r.push(
                        f.by_category
                            .iter()
                            .find(|t| &t.name == c)
                            .map(|t| Cell::Money(t.amount.clone()))
                            .unwrap_or(Cell::Empty),
                    );
                }
                r.extend([Cell::Int(i.passed), Cell::Int(i.failed)]);
                r
            })
            .collect(),
        widths: None,
    });
    sheets.push(XlsxSheet {
        sheet_name: "工作清单".into(),
        title: Some("阶段工作清单".into()),
        headers: strs(&["阶段", "工作内容", "完成日期", "佐证材料"]),
        rows: p
            .plan
            .phases
            .iter()
            .flat_map(|ph| {
                ph.tasks.iter().map(move |t| {
                    vec![
                        text(ordinal(ph.seq)),
                        text(t.title.clone()),
                        t.done_on
                            .map(|d| Cell::Date(d.to_string()))
                            .unwrap_or_else(|| text("未完成")),
                        text(t.evidence.clone()),
                    ]
                })
            })
            .collect(),
        widths: None,
    });
    Ok(cw_tabular::write_xlsx(&sheets)?)
}

/// The progress report as PDF (charts drawn in) or .xlsx (the same figures).
pub fn progress_doc(ctx: &Ctx<'_>, a: ProgressDocArgs) -> Result<FileOut, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let p = figures::compute(ctx, year)?;
    let stem = format!("创卫工作进度报告-{}", p.as_of.format("%Y%m%d"));
    match a.format {
        DocFormat::Pdf => {
            let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
            Ok(FileOut {
                file_name: format!("{stem}.pdf"),
                mime: "application/pdf".into(),
                bytes: pdf(ctx, &p, community)?,
                warnings: Vec::new(),
            })
        }
        DocFormat::Xlsx => Ok(FileOut {
            file_name: format!("{stem}.xlsx"),
            mime: XLSX_MIME.into(),
            bytes: xlsx(&p)?,
            warnings: Vec::new(),
        }),
    }
}
