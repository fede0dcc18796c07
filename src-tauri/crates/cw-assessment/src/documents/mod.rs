//! The month's paper, laid out: the attendance sheet, a statement per worker (signed by the
//! worker and the supervisor), the payroll, the tool register and the fine report, as PDF or .xlsx. The figures are gathered in
//! [`statements`](super::statements); these modules only arrange them on the page or sheet.

pub mod attendance_sheet;
pub mod fine_notice;
pub mod fine_report;
pub mod payroll;
pub mod statement;
pub mod tools_register;

pub use attendance_sheet::attendance_doc;
pub use fine_notice::{fine_notices_doc, NoticeDocArgs};
pub use fine_report::{fine_report_doc, ReportArgs};
pub use payroll::{payroll_doc, PayrollArgs};
pub use statement::{statements_doc, StatementsArgs};
pub use tools_register::{tools_doc, ToolsDocArgs};

use super::month_bounds;
use chrono::Datelike;
use cw_kernel::CoreError;

/// `2026年7月` for `2026-07`.
fn month_cn(month: &str) -> Result<String, CoreError> {
    let (first, _) = month_bounds("月份", month)?;
    Ok(format!("{}年{}月", first.year(), first.month()))
}

/// A month's lines as a statement or notice prints them: 序号, date, kind, item, what was seen,
/// count and the amount (its effect on pay times `sign`).
fn line_rows(w: &crate::statements::WorkerMonth, sign: i64) -> Vec<Vec<String>> {
    w.statement
        .lines
        .iter()
        .zip(&w.amounts.lines)
        .enumerate()
        .map(|(i, (l, fen))| {
            vec![
                (i + 1).to_string(),
                cw_pdf::format_date_cn(l.date),
                l.kind.clone(),
                l.item_code.clone(),
                l.offence.clone(),
                l.count.to_string(),
                crate::yuan(sign * fen),
            ]
        })
        .collect()
}
