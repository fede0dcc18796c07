//! The 出勤表 on paper: one line per worker on a wage, one column per day, for the supervisor
//! to fill in by hand (a month still to come prints blank) or to check and sign as keyed.

use super::month_cn;
use crate::attendance;
use crate::months::MonthArgs;
use crate::pay_rules::basis_words;
use cw_domain::assessment::{AttendanceRow, AttendanceSheet};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column, TableDoc};
use cw_registry::settings;

/// The month's attendance sheet as a landscape PDF.
pub fn attendance_doc(ctx: &Ctx<'_>, a: MonthArgs) -> Result<FileOut, CoreError> {
    let month = a.month.trim();
    let month_text = month_cn(month)?;
    let sheet = attendance::load(ctx.conn, month)?;
    if sheet.rows.is_empty() {
        return Err(CoreError::Conflict(format!(
            "{month_text}没有领工资的在岗人员，出勤表是空的"
        )));
    }
    let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
    let title = format!("{month_text}保洁员出勤表");
    let doc = table(ctx, &sheet, &title, community);
    Ok(FileOut::pdf(
        format!("出勤表-{month}.pdf"),
        &title,
        cw_pdf::render_table_lenient(&doc)?,
    ))
}

/// The grid: name, a narrow column per day and the four totals (the worker signs the statement).
fn table(ctx: &Ctx<'_>, sheet: &AttendanceSheet, title: &str, community: String) -> TableDoc {
    let mut columns = vec![Column::new("姓名", 14.0, Align::Left)];
    for d in 1..=sheet.days {
        columns.push(Column::new(d.to_string(), 7.3, Align::Center));
    }
    for h in ["出勤", "请假", "旷工", "休息"] {
        columns.push(Column::new(h, 7.0, Align::Center));
    }
    let r = &sheet.rule;
    let rule = format!(
        "计薪：{}；{}；旷工按细则罚款，不另扣工资",
        basis_words(r.wage_basis),
        if r.leave_paid {
            "请假计薪"
        } else {
            "请假不计薪"
        }
    );
    TableDoc {
        title: title.to_string(),
        community,
        subtitle: Some(format!(
            "填写：出＝出勤　假＝请假　旷＝旷工　休＝休息　—＝不在岗（入职前或离职后）　{rule}"
        )),
        columns,
        rows: sheet.rows.iter().map(row).collect(),
        landscape: true,
        printed_at: ctx.clock.now(),
        footer_note: Some(
            "监管人员：____________　　复核：____________　　日期：________".to_string(),
        ),
    }
}

/// One worker's line: the keyed marks, blank where nothing is keyed yet; totals only of a
/// complete line, so a half-kept sheet does not print figures that look final.
fn row(r: &AttendanceRow) -> Vec<String> {
    let mut cells = vec![r.name.clone()];
    for (mark, employed) in r.marks.iter().zip(&r.employed) {
        cells.push(match (employed, mark) {
            (false, _) => "—".to_string(),
            (true, Some(m)) => m.short().to_string(),
            (true, None) => String::new(),
        });
    }
    let complete = r.unmarked == 0;
    for n in [r.present, r.leave, r.absent, r.rest] {
        cells.push(if complete {
            n.to_string()
        } else {
            String::new()
        });
    }
    cells
}
