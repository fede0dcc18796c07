//! The month's paper: a statement per worker (signed by the worker and the supervisor) and the
//! fine report (totals per worker, zone, item and category, then the detail), as PDF or .xlsx.

use super::statements::{self, FineReport, ReportTotal};
use super::{month_bounds, yuan};
use chrono::Datelike;
use cw_domain::assessment::Statement;
use cw_domain::money;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column, DocInfo, TableDoc};
use cw_registry::exports::XLSX_MIME;
use cw_registry::print::DocFormat;
use cw_registry::settings;
use cw_tabular::{Cell, XlsxSheet};
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`statements_doc`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct StatementsArgs {
    /// `YYYY-MM`.
    pub month: String,
    /// One worker; everyone with a statement if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub staff_id: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub format: DocFormat,
}

fn fen(wire: &str) -> i64 {
    money::parse_money("金额", wire.trim_start_matches('-'))
        .ok()
        .and_then(|d| money::decimal_to_fen("金额", d).ok())
        .map(|f| if wire.starts_with('-') { -f } else { f })
        .unwrap_or(0)
}

fn month_cn(month: &str) -> Result<String, CoreError> {
    let (first, _) = month_bounds("月份", month)?;
    Ok(format!("{}年{}月", first.year(), first.month()))
}

fn statement_table(s: &Statement, month_text: &str, community: &str, ctx: &Ctx<'_>) -> TableDoc {
    let rows: Vec<Vec<String>> = s
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                cw_pdf::format_date_cn(l.date),
                l.kind.clone(),
                l.item_code.clone(),
                l.offence.clone(),
                l.count.to_string(),
                yuan(fen(&l.amount)),
            ]
        })
        .collect();
    let col = |h: &str, w: f32, a: Align| Column::new(h, w, a);
    let summary = format!(
        "基本工资 {}　罚款 {}　扣发 {}　奖励 {}　冲销退还 {}\n实发金额 {}\n\n本人签字：______________　　监管人员签字：______________　　日期：{}年　　月　　日",
        yuan(fen(&s.base_wage)),
        yuan(-fen(&s.fines_total)),
        yuan(-fen(&s.withholdings_total)),
        yuan(fen(&s.awards_total)),
        yuan(fen(&s.reversals_total)),
        yuan(fen(&s.net_pay)),
        cw_pdf::cn::year_cn_upper(ctx.clock.today().year()),
    );
    let mut subtitle = format!("月份：{month_text}　姓名：{}", s.name);
    if !s.roles.is_empty() {
        subtitle.push_str(&format!("　岗位：{}", s.roles));
    }
    if !s.zones.is_empty() {
        subtitle.push_str(&format!("　责任区：{}", s.zones));
    }
    if !s.supervisor.is_empty() {
        subtitle.push_str(&format!("　监管人员：{}", s.supervisor));
    }
    TableDoc {
        title: format!("{month_text}工资考核结算单"),
        community: community.to_string(),
        subtitle: Some(subtitle),
        columns: vec![
            col("序号", 4.0, Align::Center),
            col("日期", 12.0, Align::Center),
            col("类型", 5.0, Align::Center),
            col("编号", 5.0, Align::Center),
            col("考核内容", 30.0, Align::Left),
            col("数量", 4.5, Align::Center),
            col("金额", 10.0, Align::Right),
        ],
        rows,
        landscape: false,
        printed_at: ctx.clock.now(),
        footer_note: Some(summary),
    }
}

fn statement_xlsx(list: &[Statement], month_text: &str) -> Result<Vec<u8>, CoreError> {
    let summary = XlsxSheet {
        sheet_name: "汇总".into(),
        title: Some(format!("{month_text}工资考核结算汇总")),
        headers: [
            "姓名",
            "岗位",
            "责任区",
            "基本工资",
            "罚款",
            "扣发",
            "奖励",
            "冲销退还",
            "实发金额",
        ]
        .iter()
        .map(|h| h.to_string())
        .collect(),
        rows: list
            .iter()
            .map(|s| {
                vec![
                    Cell::Text(s.name.clone()),
                    Cell::Text(s.roles.clone()),
                    Cell::Text(s.zones.clone()),
                    Cell::Money(s.base_wage.clone()),
                    Cell::Money(s.fines_total.clone()),
                    Cell::Money(s.withholdings_total.clone()),
                    Cell::Money(s.awards_total.clone()),
                    Cell::Money(s.reversals_total.clone()),
                    Cell::Money(s.net_pay.clone()),
                ]
            })
            .collect(),
        widths: None,
    };
    let detail = XlsxSheet {
        sheet_name: "明细".into(),
        title: Some(format!("{month_text}考核明细")),
        headers: ["姓名", "日期", "类型", "编号", "考核内容", "数量", "金额"]
            .iter()
            .map(|h| h.to_string())
            .collect(),
        rows: list
            .iter()
            .flat_map(|s| {
                s.lines.iter().map(move |l| {
                    vec![
                        Cell::Text(s.name.clone()),
                        Cell::Date(l.date.to_string()),
                        Cell::Text(l.kind.clone()),
                        Cell::Text(l.item_code.clone()),
                        Cell::Text(l.offence.clone()),
                        Cell::Int(l.count),
                        Cell::Money(l.amount.clone()),
                    ]
                })
            })
            .collect(),
        widths: None,
    };
    Ok(cw_tabular::write_xlsx(&[summary, detail])?)
}

/// The monthly statements: one worker, or everyone in one file (each on its own pages).
pub fn statements_doc(ctx: &Ctx<'_>, a: StatementsArgs) -> Result<FileOut, CoreError> {
    let month = a.month.trim();
    let month_text = month_cn(month)?;
    let list = statements::build(ctx.conn, month, a.staff_id)?;
    if list.is_empty() {
        return Err(CoreError::Conflict(format!(
            "{month_text}没有需要结算的人员"
        )));
    }
    let stem = match (a.staff_id, list.first()) {
        (Some(_), Some(s)) => format!("考核结算单-{month}-{}", s.name),
        _ => format!("考核结算单-{month}"),
    };
    match a.format {
        DocFormat::Pdf => {
            let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
            let mut pages = Vec::new();
            for s in &list {
                pages.extend(cw_pdf::table_pages(&statement_table(
                    s,
                    &month_text,
                    &community,
                    ctx,
                ))?);
            }
            let info = DocInfo {
                title: format!("{month_text}工资考核结算单"),
                created: ctx.clock.now(),
            };
            // A month's statements are a batch: one worker's rare name never stops the rest.
            let title = info.title.clone();
            Ok(FileOut::pdf(
                format!("{stem}.pdf"),
                &title,
                cw_pdf::render_pages_lenient(&info, pages)?,
            ))
        }
        DocFormat::Xlsx => Ok(FileOut {
            file_name: format!("{stem}.xlsx"),
            mime: XLSX_MIME.into(),
            bytes: statement_xlsx(&list, &month_text)?,
            warnings: Vec::new(),
        }),
    }
}

/// Arguments of [`fine_report_doc`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ReportArgs {
    pub month: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub format: DocFormat,
}

fn summary_rows(r: &FineReport) -> Vec<(String, &ReportTotal)> {
    let mut rows = Vec::new();
    for (label, list) in [
        ("按类别", &r.by_category),
        ("按责任区", &r.by_zone),
        ("按人员", &r.by_worker),
        ("按考核项目", &r.by_item),
    ] {
        for t in list.iter() {
            rows.push((label.to_string(), t));
        }
    }
    rows
}

/// The monthly fine report: totals, then the detail with its header on every page.
pub fn fine_report_doc(ctx: &Ctx<'_>, a: ReportArgs) -> Result<FileOut, CoreError> {
    let month = a.month.trim();
    let month_text = month_cn(month)?;
    let r = statements::report_from(month, &statements::month_lines(ctx.conn, month)?);
    let stem = format!("罚款月报-{month}");
    let audit_hash: String = ctx.conn.query_row(
        "SELECT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '')",
        [],
        |x| x.get(0),
    )?;
    let detail_rows: Vec<Vec<String>> = r
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                cw_pdf::format_date_cn(l.date),
                l.staff_name.clone(),
                l.zone.clone(),
                l.item_code.clone(),
                l.offence.clone(),
                l.count.to_string(),
                yuan(l.amount_fen),
                l.recorded_by.clone(),
                if l.kind == "冲销" {
                    format!("冲销第 {} 号", l.fine_id)
                } else {
                    l.kind.clone()
                },
            ]
        })
        .collect();
    match a.format {
        DocFormat::Pdf => {
            let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
            let col = |h: &str, w: f32, al: Align| Column::new(h, w, al);
            let summary = TableDoc {
                title: format!("{month_text}罚款月报"),
                community: community.clone(),
                subtitle: Some(format!(
                    "共 {} 笔　合计 {}（罚款与扣发，减当月冲销；奖励不计）",
                    r.total_count,
                    yuan(r.total_fen)
                )),
                columns: vec![
                    col("汇总方式", 8.0, Align::Center),
                    col("名称", 30.0, Align::Left),
                    col("笔数", 6.0, Align::Center),
                    col("金额", 10.0, Align::Right),
                ],
                rows: summary_rows(&r)
                    .into_iter()
                    .map(|(l, t)| vec![l, t.name.clone(), t.count.to_string(), yuan(t.amount_fen)])
                    .collect(),
                landscape: false,
                printed_at: ctx.clock.now(),
                footer_note: Some(format!(
                    "审计校验码：{}",
                    audit_hash.chars().take(16).collect::<String>()
                )),
            };
            let detail = TableDoc {
                title: format!("{month_text}罚款明细"),
                community,
                subtitle: Some(format!(
                    "共 {} 笔　合计 {}",
                    r.total_count,
                    yuan(r.total_fen)
                )),
                columns: vec![
                    // Five digits fit on one line: a month at 10× has 17,000 lines.
                    col("序号", 5.5, Align::Center),
                    col("日期", 11.0, Align::Center),
                    col("姓名", 6.0, Align::Left),
                    col("责任区", 9.0, Align::Left),
                    col("编号", 4.5, Align::Center),
                    col("考核内容", 24.0, Align::Left),
                    col("数量", 4.0, Align::Center),
                    col("金额", 8.0, Align::Right),
                    col("记录人", 6.0, Align::Left),
                    col("备注", 6.5, Align::Left),
                ],
                rows: detail_rows,
                landscape: true,
                printed_at: ctx.clock.now(),
                footer_note: Some(format!(
                    "合计 {}　　制表人：____________　　审核人：____________",
                    yuan(r.total_fen)
                )),
            };
            // One report: the summary and the detail are numbered through.
            let mut pages = cw_pdf::section_pages(&summary)?;
            pages.extend(cw_pdf::section_pages(&detail)?);
            let info = DocInfo {
                title: format!("{month_text}罚款月报"),
                created: ctx.clock.now(),
            };
            let title = info.title.clone();
            Ok(FileOut::pdf(
                format!("{stem}.pdf"),
                &title,
                cw_pdf::render_pages_lenient(&info, pages)?,
            ))
        }
        DocFormat::Xlsx => {
            let money = |f: i64| Cell::Money(super::wire(f));
            let summary = XlsxSheet {
                sheet_name: "汇总".into(),
                title: Some(format!(
                    "{month_text}罚款月报　共 {} 笔　合计 {}",
                    r.total_count,
                    yuan(r.total_fen)
                )),
                headers: ["汇总方式", "名称", "笔数", "金额"]
                    .iter()
                    .map(|h| h.to_string())
                    .collect(),
                rows: summary_rows(&r)
                    .into_iter()
                    .map(|(l, t)| {
                        vec![
                            Cell::Text(l),
                            Cell::Text(t.name.clone()),
                            Cell::Int(t.count),
                            money(t.amount_fen),
                        ]
                    })
                    .chain(std::iter::once(vec![
                        Cell::Text("合计".into()),
                        Cell::Empty,
                        Cell::Int(r.total_count),
                        money(r.total_fen),
                    ]))
                    .collect(),
                widths: None,
            };
            let detail = XlsxSheet {
                sheet_name: "明细".into(),
                title: Some(format!("{month_text}罚款明细")),
                headers: [
                    "编号",
                    "日期",
                    "姓名",
                    "责任区",
                    "项目",
                    "考核内容",
                    "类别",
                    "数量",
                    "金额",
                    "记录人",
                    "类型",
                ]
                .iter()
                .map(|h| h.to_string())
                .collect(),
                rows: r
                    .lines
                    .iter()
                    .map(|l| {
                        vec![
                            Cell::Int(l.fine_id),
                            Cell::Date(l.date.to_string()),
                            Cell::Text(l.staff_name.clone()),
                            Cell::Text(l.zone.clone()),
                            Cell::Text(l.item_code.clone()),
                            Cell::Text(l.offence.clone()),
                            Cell::Text(l.category.clone()),
                            Cell::Int(l.count),
                            money(l.amount_fen),
                            Cell::Text(l.recorded_by.clone()),
                            Cell::Text(l.kind.clone()),
                        ]
                    })
                    .collect(),
                widths: None,
            };
            Ok(FileOut {
                file_name: format!("{stem}.xlsx"),
                mime: XLSX_MIME.into(),
                bytes: cw_tabular::write_xlsx(&[summary, detail])?,
                warnings: Vec::new(),
            })
        }
    }
}
