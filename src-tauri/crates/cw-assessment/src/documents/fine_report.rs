//! The 罚款月报: the month's deductions totalled by category, zone, worker and item, then the
//! detail with its header on every page; as .xlsx the same two parts as sheets.

use super::month_cn;
use crate::statements::{self, FineReport, ReportTotal};
use crate::{wire, yuan};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column, DocInfo, TableDoc};
use cw_registry::exports::XLSX_MIME;
use cw_registry::print::DocFormat;
use cw_registry::settings;
use cw_tabular::{Cell, XlsxSheet};
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`fine_report_doc`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ReportArgs {
    pub month: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub format: DocFormat,
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
    match a.format {
        DocFormat::Pdf => {
            let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
            let title = format!("{month_text}罚款月报");
            Ok(FileOut::pdf(
                format!("{stem}.pdf"),
                &title,
                pdf(ctx, &r, &month_text, community, &audit_hash)?,
            ))
        }
        DocFormat::Xlsx => Ok(FileOut {
            file_name: format!("{stem}.xlsx"),
            mime: XLSX_MIME.into(),
            bytes: cw_tabular::write_xlsx(&[
                summary_sheet(&r, &month_text),
                detail_sheet(&r, &month_text),
            ])?,
            warnings: Vec::new(),
        }),
    }
}

/// Each total with the way it sums (按类别, 按责任区, 按人员, 按考核项目), in that order.
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

/// The summary and the detail as one report, numbered through.
fn pdf(
    ctx: &Ctx<'_>,
    r: &FineReport,
    month_text: &str,
    community: String,
    audit_hash: &str,
) -> Result<cw_pdf::Rendered, CoreError> {
    let summary = summary_table(ctx, r, month_text, community.clone(), audit_hash);
    let detail = detail_table(ctx, r, month_text, community);
    let mut pages = cw_pdf::section_pages(&summary)?;
    pages.extend(cw_pdf::section_pages(&detail)?);
    let info = DocInfo {
        title: format!("{month_text}罚款月报"),
        created: ctx.clock.now(),
    };
    Ok(cw_pdf::render_pages_lenient(&info, pages)?)
}

fn col(h: &str, w: f32, al: Align) -> Column {
    Column::new(h, w, al)
}

/// The totals, with the audit log's latest hash beneath so a printed copy can be checked.
fn summary_table(
    ctx: &Ctx<'_>,
    r: &FineReport,
    month_text: &str,
    community: String,
    audit_hash: &str,
) -> TableDoc {
    TableDoc {
        title: format!("{month_text}罚款月报"),
        community,
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
        rows: summary_rows(r)
            .into_iter()
            .map(|(l, t)| vec![l, t.name.clone(), t.count.to_string(), yuan(t.amount_fen)])
            .collect(),
        landscape: false,
        printed_at: ctx.clock.now(),
        footer_note: Some(format!(
            "审计校验码：{}",
            audit_hash.chars().take(16).collect::<String>()
        )),
    }
}

/// Every line of the month, landscape, with the signatures of who made and checked it.
fn detail_table(ctx: &Ctx<'_>, r: &FineReport, month_text: &str, community: String) -> TableDoc {
    TableDoc {
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
        rows: detail_rows(r),
        landscape: true,
        printed_at: ctx.clock.now(),
        footer_note: Some(format!(
            "合计 {}　　制表人：____________　　审核人：____________",
            yuan(r.total_fen)
        )),
    }
}

/// The detail lines as printed; a reversal names the record it reverses.
fn detail_rows(r: &FineReport) -> Vec<Vec<String>> {
    r.lines
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
        .collect()
}

fn money(fen: i64) -> Cell {
    Cell::Money(wire(fen))
}

fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|h| h.to_string()).collect()
}

/// 汇总: the totals and a closing 合计 row.
fn summary_sheet(r: &FineReport, month_text: &str) -> XlsxSheet {
    XlsxSheet {
        sheet_name: "汇总".into(),
        title: Some(format!(
            "{month_text}罚款月报　共 {} 笔　合计 {}",
            r.total_count,
            yuan(r.total_fen)
        )),
        headers: headers(&["汇总方式", "名称", "笔数", "金额"]),
        rows: summary_rows(r)
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
    }
}

/// 明细: every line with its record number and category.
fn detail_sheet(r: &FineReport, month_text: &str) -> XlsxSheet {
    XlsxSheet {
        sheet_name: "明细".into(),
        title: Some(format!("{month_text}罚款明细")),
        headers: headers(&[
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
        ]),
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
    }
}
