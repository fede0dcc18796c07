//! The progress report as PDF: the phases and the totals, targets against actuals per group and
//! per zone, two pages of charts, the monthly fines and inspections, and the checklist — one
//! document numbered through.

use super::progress_charts::{chart_page, charts};
use super::progress_lines::{group_lines, month_label, phase_rows, target_of, zone_lines, Line};
use crate::figures::Progress;
use crate::permille_text;
use crate::phases::ordinal;
use crate::types::TargetKind;
use chrono::NaiveDateTime;
use cw_domain::money::signed_wire_fen as fen;
use cw_fees::{parse_month, period_cn, yuan_cn};
use cw_kernel::CoreError;
use cw_pdf::{format_date_cn, Align, Column, DocInfo, Page, TableDoc};

pub use super::progress_lines::range_cn;

/// Where every table of the report is printed from, and when.
struct Heading<'a> {
    community: &'a str,
    now: NaiveDateTime,
}

impl Heading<'_> {
    /// A portrait table section of the report.
    fn table(
        &self,
        title: String,
        subtitle: String,
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
        note: Option<String>,
    ) -> TableDoc {
        TableDoc {
            title,
            community: self.community.to_string(),
            subtitle: Some(subtitle),
            landscape: false,
            columns,
            rows,
            printed_at: self.now,
            footer_note: note,
        }
    }
}

fn c(h: &str, w: f32, a: Align) -> Column {
    Column::new(h, w, a)
}

/// The report's parts, each drawn and numbered within the whole document it goes into: this
/// report, or the 迎检 binder that prints them as its sections.
pub struct Parts {
    /// The phases with the signing and collection totals.
    pub summary: Vec<Page>,
    /// Targets against actuals per collection group, then per zone.
    pub by_group: Vec<Page>,
    pub by_zone: Vec<Page>,
    /// The two pages of charts.
    pub charts: Vec<Page>,
    /// Fines and inspections per month.
    pub monthly: Vec<Page>,
    /// The phases' checklist.
    pub checklist: Vec<Page>,
}

/// The parts of the report, printed `now` for `community`.
pub fn parts(p: &Progress, community: &str, now: NaiveDateTime) -> Result<Parts, CoreError> {
    let h = Heading { community, now };
    let (first, second) = charts(p);
    let title = format!("{}年创卫工作进度（图表）", p.year);
    Ok(Parts {
        summary: cw_pdf::section_pages(&summary_table(&h, p)?)?,
        by_group: cw_pdf::section_pages(&lines_table(&h, p, true)?)?,
        by_zone: cw_pdf::section_pages(&lines_table(&h, p, false)?)?,
        charts: vec![
            chart_page(community, p.as_of, &title, &first, &[false, true, true])?,
            chart_page(community, p.as_of, &title, &second, &[false, false, false])?,
        ],
        monthly: cw_pdf::section_pages(&monthly_table(&h, p)?)?,
        checklist: cw_pdf::section_pages(&checklist_table(&h, p))?,
    })
}

/// The report, printed `now` for `community`.
pub fn pdf(p: &Progress, community: &str, now: NaiveDateTime) -> Result<Vec<u8>, CoreError> {
    let parts = parts(p, community, now)?;
    // One report, numbered through: its tables and chart pages are sections of it.
    let mut pages = parts.summary;
    pages.extend(parts.by_group);
    pages.extend(parts.by_zone);
    pages.extend(parts.charts);
    pages.extend(parts.monthly);
    pages.extend(parts.checklist);
    Ok(cw_pdf::render_pages(
        &DocInfo {
            title: format!("{}年创卫工作进度报告", p.year),
            created: now,
        },
        pages,
    )?)
}

/// The phases, with the signing and collection totals in a paragraph beneath.
fn summary_table(h: &Heading<'_>, p: &Progress) -> Result<TableDoc, CoreError> {
    let as_of = format_date_cn(p.as_of);
    let s = &p.signing.overall;
    let t = &p.collection_by_group.total;
    Ok(h.table(
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
    ))
}

/// Targets against actuals per collection group (`by_group`) or per zone.
fn lines_table(h: &Heading<'_>, p: &Progress, by_group: bool) -> Result<TableDoc, CoreError> {
    let targets = format!(
        "目标：签订率 {}，收缴率 {}　截至{}",
        permille_text(target_of(p, TargetKind::Signing)),
        permille_text(target_of(p, TargetKind::Collection)),
        format_date_cn(p.as_of)
    );
    let (title, first, lines) = if by_group {
        ("目标与实际（按收费小组）", "收费小组", group_lines(p))
    } else {
        ("目标与实际（按责任区）", "责任区", zone_lines(p))
    };
    Ok(h.table(
        title.into(),
        targets,
        line_columns(first),
        lines.iter().map(line_cells).collect::<Result<_, _>>()?,
        None,
    ))
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

/// Each month's fines (as the fine report counts them) and inspections.
fn monthly_table(h: &Heading<'_>, p: &Progress) -> Result<TableDoc, CoreError> {
    Ok(h.table(
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
    ))
}

/// Every phase's tasks with when they were done and the evidence, signed off beneath.
fn checklist_table(h: &Heading<'_>, p: &Progress) -> TableDoc {
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
    h.table(
        "阶段工作清单".into(),
        format!("截至{}", format_date_cn(p.as_of)),
        vec![
            c("阶段", 8.0, Align::Center),
            c("工作内容", 26.0, Align::Left),
            c("完成日期", 11.0, Align::Center),
            c("佐证材料", 20.0, Align::Left),
        ],
        task_rows,
        Some("填报人：____________　　审核人：____________".into()),
    )
}
