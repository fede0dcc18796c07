//! The 工资发放表: one line per worker on a wage with the days paid, the pro-rated wage, what
//! was taken off (fines, withholdings, lost tools) or added and the net pay, a signature column, totals at the foot and the audit
//! chain's latest hash. Its figures are the statements' own, so it equals their sum to the 分.

use super::month_cn;
use crate::statements::{self, Amounts, WorkerMonth};
use crate::{wire, yuan};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column, TableDoc};
use cw_registry::exports::XLSX_MIME;
use cw_registry::print::DocFormat;
use cw_registry::settings;
use cw_tabular::{Cell, XlsxSheet};
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`payroll_doc`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct PayrollArgs {
    /// `YYYY-MM`.
    pub month: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub format: DocFormat,
}

/// The month's payroll: every statement of a worker on a wage, and their sum.
pub struct Payroll {
    pub lines: Vec<WorkerMonth>,
    pub total: Amounts,
}

/// Gathers the payroll from the month's statements (an unwaged supervisor or cadre is not paid
/// here: their fines go on a notice to pay).
pub fn gather(conn: &rusqlite::Connection, month: &str) -> Result<Payroll, CoreError> {
    let lines: Vec<WorkerMonth> = statements::build_in_fen(conn, month, None)?
        .into_iter()
        .filter(|w| w.statement.waged)
        .collect();
    let mut total = Amounts::default();
    for w in &lines {
        let a = &w.amounts;
        total.base_wage += a.base_wage;
        total.wage_due += a.wage_due;
        total.fines += a.fines;
        total.withholdings += a.withholdings;
        total.tools += a.tools;
        total.awards += a.awards;
        total.reversals += a.reversals;
        total.net_pay += a.net_pay;
    }
    Ok(Payroll { lines, total })
}

/// The 工资发放表 as PDF (landscape, to sign) or .xlsx.
pub fn payroll_doc(ctx: &Ctx<'_>, a: PayrollArgs) -> Result<FileOut, CoreError> {
    let month = a.month.trim();
    let month_text = month_cn(month)?;
    let p = gather(ctx.conn, month)?;
    if p.lines.is_empty() {
        return Err(CoreError::Conflict(format!(
            "{month_text}没有领工资的人员，工资发放表是空的"
        )));
    }
    let title = format!("{month_text}保洁员工资发放表");
    let hash = cw_store::audit::latest_hash(ctx.conn)?;
    let check = format!("审计校验码：{}", hash.chars().take(16).collect::<String>());
    let stem = format!("工资发放表-{month}");
    match a.format {
        DocFormat::Pdf => {
            let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
            let doc = table(ctx, &p, &title, community, &check);
            Ok(FileOut::pdf(
                format!("{stem}.pdf"),
                &title,
                cw_pdf::render_table_lenient(&doc)?,
            ))
        }
        DocFormat::Xlsx => Ok(FileOut {
            file_name: format!("{stem}.xlsx"),
            mime: XLSX_MIME.into(),
            bytes: cw_tabular::write_xlsx(&[sheet(&p, &title, &check)])?,
            warnings: Vec::new(),
        }),
    }
}

const HEADERS: [&str; 12] = [
    "姓名",
    "责任区",
    "基本工资",
    "计薪天数",
    "应发工资",
    "罚款",
    "扣发",
    "工具赔偿",
    "奖励",
    "冲销退还",
    "实发金额",
    "本人签名",
];

/// 全月, or `15/30` for a part month.
fn days_text(a: &Amounts, note: &str) -> String {
    if note.is_empty() {
        "全月".into()
    } else {
        format!("{}/{}", a.payable_days, a.divisor)
    }
}

/// The figures of a line as printed, deductions as negative amounts.
fn figures(a: &Amounts) -> [i64; 8] {
    [
        a.base_wage,
        a.wage_due,
        -a.fines,
        -a.withholdings,
        -a.tools,
        a.awards,
        a.reversals,
        a.net_pay,
    ]
}

fn table(ctx: &Ctx<'_>, p: &Payroll, title: &str, community: String, check: &str) -> TableDoc {
    let mut columns = vec![Column::new("序号", 5.0, Align::Center)];
    for (i, h) in HEADERS.iter().enumerate() {
        let (w, al) = match i {
            0 => (7.0, Align::Left),
            1 => (11.0, Align::Left),
            3 => (8.5, Align::Center),
            11 => (12.0, Align::Center),
            // A month's total of ten workers is five figures and the 分: ¥17,796.67 on one line.
            _ => (10.5, Align::Right),
        };
        columns.push(Column::new(*h, w, al));
    }
    let mut rows: Vec<Vec<String>> = p
        .lines
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut r = vec![
                (i + 1).to_string(),
                w.statement.name.clone(),
                w.statement.zones.clone(),
            ];
            let f = figures(&w.amounts);
            r.push(yuan(f[0]));
            r.push(days_text(&w.amounts, &w.statement.wage_note));
            r.extend(f[1..].iter().map(|x| yuan(*x)));
            r.push(String::new());
            r
        })
        .collect();
    let t = figures(&p.total);
    let mut foot = vec![
        String::new(),
        "合计".into(),
        format!("{} 人", p.lines.len()),
    ];
    foot.push(yuan(t[0]));
    foot.push(String::new());
    foot.extend(t[1..].iter().map(|x| yuan(*x)));
    foot.push(String::new());
    rows.push(foot);
    TableDoc {
        title: title.to_string(),
        community,
        subtitle: Some(format!(
            "共 {} 人　实发合计 {}　（应发工资按出勤折算，明细见各人考核结算单）",
            p.lines.len(),
            yuan(p.total.net_pay)
        )),
        columns,
        rows,
        landscape: true,
        printed_at: ctx.clock.now(),
        footer_note: Some(format!(
            "制表人：____________　　审核人：____________　　领导小组组长：____________\n{check}"
        )),
    }
}

fn sheet(p: &Payroll, title: &str, check: &str) -> XlsxSheet {
    let money = |fen: i64| Cell::Money(wire(fen));
    let mut rows: Vec<Vec<Cell>> = p
        .lines
        .iter()
        .map(|w| {
            let f = figures(&w.amounts);
            let mut r = vec![
                Cell::Text(w.statement.name.clone()),
                Cell::Text(w.statement.zones.clone()),
                money(f[0]),
                Cell::Text(days_text(&w.amounts, &w.statement.wage_note)),
            ];
            r.extend(f[1..].iter().map(|x| money(*x)));
            r.push(Cell::Empty);
            r
        })
        .collect();
    let t = figures(&p.total);
    let mut foot = vec![
        Cell::Text("合计".into()),
        Cell::Text(format!("{} 人", p.lines.len())),
        money(t[0]),
        Cell::Empty,
    ];
    foot.extend(t[1..].iter().map(|x| money(*x)));
    foot.push(Cell::Empty);
    rows.push(foot);
    rows.push(vec![Cell::Text(check.to_string())]);
    XlsxSheet {
        sheet_name: "工资发放表".into(),
        title: Some(title.to_string()),
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows,
        widths: None,
    }
}
