//! The 工资考核结算单: one worker's month on its own pages (the lines, the totals, two
//! signatures), or everyone's in one file; as .xlsx a summary sheet and a detail sheet.

use super::{line_rows, month_cn};
use crate::statements::{self, WorkerMonth};
use crate::yuan;
use chrono::Datelike;
use cw_domain::assessment::Statement;
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

/// The monthly statements: one worker, or everyone in one file (each on its own pages).
pub fn statements_doc(ctx: &Ctx<'_>, a: StatementsArgs) -> Result<FileOut, CoreError> {
    let month = a.month.trim();
    let month_text = month_cn(month)?;
    // Only workers on a wage get a pay statement: the others get a notice to pay (fine_notice).
    let list: Vec<WorkerMonth> = statements::build_in_fen(ctx.conn, month, a.staff_id)?
        .into_iter()
        .filter(|w| w.statement.waged)
        .collect();
    if list.is_empty() {
        return Err(CoreError::Conflict(format!(
            "{month_text}没有需要结算的人员"
        )));
    }
    let stem = match (a.staff_id, list.first()) {
        (Some(_), Some(w)) => format!("考核结算单-{month}-{}", w.statement.name),
        _ => format!("考核结算单-{month}"),
    };
    match a.format {
        DocFormat::Pdf => {
            let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
            Ok(FileOut::pdf(
                format!("{stem}.pdf"),
                &format!("{month_text}工资考核结算单"),
                pdf(ctx, &list, &month_text, &community)?,
            ))
        }
        DocFormat::Xlsx => {
            let list: Vec<&Statement> = list.iter().map(|w| &w.statement).collect();
            Ok(FileOut {
                file_name: format!("{stem}.xlsx"),
                mime: XLSX_MIME.into(),
                bytes: xlsx(&list, &month_text)?,
                warnings: Vec::new(),
            })
        }
    }
}

/// Every worker's statement, each starting on a new page.
fn pdf(
    ctx: &Ctx<'_>,
    list: &[WorkerMonth],
    month_text: &str,
    community: &str,
) -> Result<cw_pdf::Rendered, CoreError> {
    let mut pages = Vec::new();
    for w in list {
        pages.extend(cw_pdf::table_pages(&table(w, month_text, community, ctx))?);
    }
    let info = DocInfo {
        title: format!("{month_text}工资考核结算单"),
        created: ctx.clock.now(),
    };
    // A month's statements are a batch: one worker's rare name never stops the rest.
    Ok(cw_pdf::render_pages_lenient(&info, pages)?)
}

/// One worker's statement as a table with the totals and signatures beneath.
fn table(w: &WorkerMonth, month_text: &str, community: &str, ctx: &Ctx<'_>) -> TableDoc {
    let s = &w.statement;
    let rows = line_rows(w, 1);
    let col = |h: &str, w: f32, a: Align| Column::new(h, w, a);
    TableDoc {
        title: format!("{month_text}工资考核结算单"),
        community: community.to_string(),
        subtitle: Some(subtitle(s, month_text)),
        columns: vec![
            col("序号", 5.0, Align::Center),
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
        footer_note: Some(signature_block(w, ctx)),
    }
}

/// Who the statement is for: month, name, post, zones and supervisor (those known).
fn subtitle(s: &Statement, month_text: &str) -> String {
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
    subtitle
}

/// The totals, the pay and the two signatures with a date to fill in.
fn signature_block(w: &WorkerMonth, ctx: &Ctx<'_>) -> String {
    let a = &w.amounts;
    let due = if w.statement.wage_note.is_empty() {
        String::new()
    } else {
        format!("\n应发工资 {}　{}", yuan(a.wage_due), w.statement.wage_note)
    };
    let tools = if a.tools == 0 {
        String::new()
    } else {
        format!("　工具赔偿 {}", yuan(-a.tools))
    };
    format!(
        "基本工资 {}　罚款 {}　扣发 {}{tools}　奖励 {}　冲销退还 {}{due}\n实发金额 {}\n\n本人签字：______________　　监管人员签字：______________　　日期：{}年　　月　　日",
        yuan(a.base_wage),
        yuan(-a.fines),
        yuan(-a.withholdings),
        yuan(a.awards),
        yuan(a.reversals),
        yuan(a.net_pay),
        cw_pdf::cn::year_cn_upper(ctx.clock.today().year()),
    )
}

/// The statements as a workbook: one row a worker, then every line.
fn xlsx(list: &[&Statement], month_text: &str) -> Result<Vec<u8>, CoreError> {
    Ok(cw_tabular::write_xlsx(&[
        summary_sheet(list, month_text),
        detail_sheet(list, month_text),
    ])?)
}

fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|h| h.to_string()).collect()
}

/// 汇总: each worker's totals.
fn summary_sheet(list: &[&Statement], month_text: &str) -> XlsxSheet {
    XlsxSheet {
        sheet_name: "汇总".into(),
        title: Some(format!("{month_text}工资考核结算汇总")),
        headers: headers(&[
            "姓名",
            "岗位",
            "责任区",
            "基本工资",
            "应发工资",
            "计薪说明",
            "罚款",
            "扣发",
            "工具赔偿",
            "奖励",
            "冲销退还",
            "实发金额",
        ]),
        rows: list
            .iter()
            .map(|s| {
                vec![
                    Cell::Text(s.name.clone()),
                    Cell::Text(s.roles.clone()),
                    Cell::Text(s.zones.clone()),
                    Cell::Money(s.base_wage.clone()),
                    Cell::Money(s.wage_due.clone()),
                    Cell::Text(s.wage_note.clone()),
                    Cell::Money(s.fines_total.clone()),
                    Cell::Money(s.withholdings_total.clone()),
                    Cell::Money(s.tools_total.clone()),
                    Cell::Money(s.awards_total.clone()),
                    Cell::Money(s.reversals_total.clone()),
                    Cell::Money(s.net_pay.clone()),
                ]
            })
            .collect(),
        widths: None,
    }
}

/// 明细: every line of every statement.
fn detail_sheet(list: &[&Statement], month_text: &str) -> XlsxSheet {
    XlsxSheet {
        sheet_name: "明细".into(),
        title: Some(format!("{month_text}考核明细")),
        headers: headers(&["姓名", "日期", "类型", "编号", "考核内容", "数量", "金额"]),
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
    }
}
