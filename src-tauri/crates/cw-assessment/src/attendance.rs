//! The attendance sheet 出勤表: each worker on a wage, day by day (出勤, 请假, 旷工, 休息), keyed
//! from the supervisor's paper sheet or filled from the month's A1x fines; and the days it makes
//! payable, which pro-rate the wage on the statement. Marks are append-only: a day's mark is its
//! latest entry, and a closed month's sheet does not change.

use super::month_bounds;
use super::months::{self, MonthArgs};
use super::pay_rules::{rule_for, unpaid};
use chrono::{Datelike, NaiveDate};
use cw_domain::assessment::{
    AttendanceFill, AttendanceInput, AttendanceMark, AttendanceRow, AttendanceSheet, MonthDays,
    PayRule, LATE_ABSENCE,
};
use cw_domain::registry::Employment;
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use cw_registry::staff;
use cw_store::sql::column_at;
use rusqlite::{params, Connection};
use std::collections::{BTreeMap, HashMap};

/// Each worker's marks of a month: staff id → day → mark (unmarked days absent).
pub type MonthMarks = HashMap<i64, BTreeMap<u32, AttendanceMark>>;

/// The current mark of every marked day of `month`.
pub fn marks_of_month(conn: &Connection, month: &str) -> Result<MonthMarks, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.staff_id, a.date, a.mark FROM attendance_marks a
         WHERE a.month = ?1 AND a.mark <> ''
           AND a.id = (SELECT max(b.id) FROM attendance_marks b
                       WHERE b.month = ?1 AND b.staff_id = a.staff_id AND b.date = a.date)",
    )?;
    let mut out = MonthMarks::new();
    let mut rows = stmt.query([month])?;
    while let Some(r) = rows.next()? {
        let date: NaiveDate = r.get(1)?;
        let mark: AttendanceMark = column_at(r, 2, "attendance_marks", "mark")?;
        out.entry(r.get(0)?).or_default().insert(date.day(), mark);
    }
    Ok(out)
}

/// The days of `month` that pro-rate a worker's wage: employed days, unpaid leave and rest.
pub fn month_days(
    first: NaiveDate,
    last_of_month: NaiveDate,
    employment: &Employment,
    marks: Option<&BTreeMap<u32, AttendanceMark>>,
    rule: &PayRule,
) -> MonthDays {
    let mut d = MonthDays {
        month: i64::from(last_of_month.day()),
        ..MonthDays::default()
    };
    for day in first.iter_days().take_while(|x| *x <= last_of_month) {
        if !employment.covers(day) {
            continue;
        }
        d.employed += 1;
        match marks.and_then(|m| m.get(&day.day())) {
            Some(&m) if unpaid(rule, m) => d.unpaid_leave += 1,
            Some(AttendanceMark::Rest) => d.rest += 1,
            _ => {}
        }
    }
    d
}

struct Worker {
    id: i64,
    name: String,
    zones: String,
    employment: Employment,
}

/// Workers on a wage employed at some time in the month.
fn workers(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<Worker>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name,
           (SELECT group_concat(z.name, '、') FROM zone_cleaners zc JOIN zones z ON z.id = zc.zone_id
             WHERE zc.staff_id = s.id)
         FROM staff s
         WHERE s.base_wage_fen IS NOT NULL AND EXISTS (SELECT 1 FROM staff_terms t WHERE t.staff_id = s.id
           AND (t.hire_date IS NULL OR t.hire_date <= ?2) AND (t.leave_date IS NULL OR t.leave_date >= ?1))
         ORDER BY s.name, s.id",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, zones) = row?;
        out.push(Worker {
            employment: staff::employment(conn, id)?,
            id,
            name,
            zones,
        });
    }
    Ok(out)
}

/// Days of the month with a valid (not voided) A1x fine, per worker.
fn fined_absences(conn: &Connection, month: &str) -> Result<HashMap<i64, Vec<u32>>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT f.staff_id, f.date FROM fines f
         WHERE f.month = ?1 AND f.item_code = ?2 AND f.kind = '罚款'
           AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id)
         ORDER BY f.staff_id, f.date",
    )?;
    let mut out: HashMap<i64, Vec<u32>> = HashMap::new();
    let mut rows = stmt.query(params![month, LATE_ABSENCE])?;
    while let Some(r) = rows.next()? {
        let date: NaiveDate = r.get(1)?;
        out.entry(r.get(0)?).or_default().push(date.day());
    }
    Ok(out)
}

/// The sheet of `month` as it stands.
pub fn load(conn: &Connection, month: &str) -> Result<AttendanceSheet, CoreError> {
    let (first, last) = month_bounds("月份", month)?;
    let month = format!("{:04}-{:02}", first.year(), first.month());
    let marks = marks_of_month(conn, &month)?;
    let fined = fined_absences(conn, &month)?;
    let mut rows = Vec::new();
    for w in workers(conn, first, last)? {
        let mine = marks.get(&w.id);
        let mut row = AttendanceRow {
            staff_id: w.id,
            name: w.name,
            zones: w.zones,
            marks: Vec::new(),
            employed: Vec::new(),
            fined_absent: fined.get(&w.id).cloned().unwrap_or_default(),
            present: 0,
            leave: 0,
            absent: 0,
            rest: 0,
            unmarked: 0,
        };
        for day in first.iter_days().take_while(|x| *x <= last) {
            let employed = w.employment.covers(day);
            let mark = mine.and_then(|m| m.get(&day.day())).copied();
            // A mark left on a day outside the employment (the dates changed since) is not shown
            // and not counted: the sheet and the wage both go by the employment.
            let mark = mark.filter(|_| employed);
            match (employed, mark) {
                (true, None) => row.unmarked += 1,
                (_, Some(AttendanceMark::Present)) => row.present += 1,
                (_, Some(AttendanceMark::Leave)) => row.leave += 1,
                (_, Some(AttendanceMark::Absent)) => row.absent += 1,
                (_, Some(AttendanceMark::Rest)) => row.rest += 1,
                (false, None) => {}
            }
            row.employed.push(employed);
            row.marks.push(mark);
        }
        rows.push(row);
    }
    Ok(AttendanceSheet {
        closed: months::is_closed(conn, &month)?,
        rule: rule_for(conn, &month)?,
        days: last.day(),
        month,
        rows,
    })
}

/// A month's attendance sheet.
pub fn sheet(ctx: &Ctx<'_>, a: MonthArgs) -> Result<AttendanceSheet, CoreError> {
    load(ctx.conn, a.month.trim())
}

/// One change to write: worker, date, new mark ('' clears), where it came from.
struct Change {
    staff_id: i64,
    date: NaiveDate,
    mark: &'static str,
    source: &'static str,
}

/// Writes the changes (each a new row), audited once as the cells before and after.
fn write(
    ctx: &Ctx<'_>,
    sheet: &AttendanceSheet,
    changes: &[Change],
) -> Result<AttendanceSheet, CoreError> {
    if changes.is_empty() {
        return Ok(sheet.clone());
    }
    let now = ctx.now_text();
    let mut before = Vec::new();
    let mut after = Vec::new();
    for c in changes {
        let old = sheet
            .rows
            .iter()
            .find(|r| r.staff_id == c.staff_id)
            .and_then(|r| r.marks.get(c.date.day0() as usize).copied().flatten())
            .map(|m| m.label())
            .unwrap_or("");
        before.push(serde_json::json!({ "staff_id": c.staff_id, "date": c.date, "mark": old }));
        after.push(serde_json::json!({ "staff_id": c.staff_id, "date": c.date, "mark": c.mark, "source": c.source }));
        ctx.conn.execute(
            "INSERT INTO attendance_marks (staff_id, date, month, mark, source, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![c.staff_id, c.date, sheet.month, c.mark, c.source, now, ctx.actor],
        )?;
    }
    ctx.audit("attendance_marks", None, Some(&before), Some(&after))?;
    load(ctx.conn, &sheet.month)
}

/// Refuses a change to a closed month's sheet.
fn require_open(sheet: &AttendanceSheet) -> Result<(), CoreError> {
    if sheet.closed {
        return Err(CoreError::Conflict(format!(
            "{} 已结账，出勤表不能再改（请先反结账）",
            sheet.month
        )));
    }
    Ok(())
}

/// Saves cells keyed from the paper sheet; a cell the same as before writes nothing. A day
/// outside the worker's employment, or a worker not on the sheet, is refused and nothing is saved.
pub fn set(ctx: &Ctx<'_>, i: AttendanceInput) -> Result<AttendanceSheet, CoreError> {
    let sheet = load(ctx.conn, i.month.trim())?;
    require_open(&sheet)?;
    let (first, _) = month_bounds("月份", &sheet.month)?;
    let mut changes = Vec::new();
    for (n, e) in i.entries.iter().enumerate() {
        let row = sheet
            .rows
            .iter()
            .find(|r| r.staff_id == e.staff_id)
            .ok_or_else(|| {
                DomainError::invalid(
                    "人员",
                    format!(
                        "第 {} 项：编号 {} 不在本月出勤表上（不领工资或本月不在岗）",
                        n + 1,
                        e.staff_id
                    ),
                )
            })?;
        if e.day == 0 || e.day > sheet.days {
            return Err(DomainError::invalid(
                "日期",
                format!("第 {} 项：{} 号不在 {} 内", n + 1, e.day, sheet.month),
            )
            .into());
        }
        let at = (e.day - 1) as usize;
        if !row.employed[at] {
            return Err(DomainError::invalid(
                "日期",
                format!(
                    "第 {} 项：{} {} 号不在岗（入职前或离职后），不能记出勤",
                    n + 1,
                    row.name,
                    e.day
                ),
            )
            .into());
        }
        let date = first + chrono::Duration::days(i64::from(e.day - 1));
        // Leave and rest may be entered ahead (an approved leave); presence only once it happened.
        if date > ctx.clock.today()
            && matches!(
                e.mark,
                Some(AttendanceMark::Present | AttendanceMark::Absent)
            )
        {
            return Err(DomainError::invalid(
                "出勤",
                format!(
                    "第 {} 项：{} {} 号还没到，不能记{}（请假、休息可以提前记）",
                    n + 1,
                    row.name,
                    e.day,
                    e.mark.map(|m| m.label()).unwrap_or("")
                ),
            )
            .into());
        }
        if row.marks[at] == e.mark {
            continue;
        }
        changes.push(Change {
            staff_id: e.staff_id,
            date,
            mark: e.mark.map(|m| m.label()).unwrap_or(""),
            source: "手工",
        });
    }
    write(ctx, &sheet, &changes)
}

/// Fills the unmarked days up to today: 旷工 where an A1x fine says so, and with `present` 出勤 on
/// every other unmarked employed day. A day already marked keeps its mark; days still to come stay
/// blank.
pub fn fill(ctx: &Ctx<'_>, a: AttendanceFill) -> Result<AttendanceSheet, CoreError> {
    let sheet = load(ctx.conn, a.month.trim())?;
    require_open(&sheet)?;
    let (first, _) = month_bounds("月份", &sheet.month)?;
    let mut changes = Vec::new();
    for row in &sheet.rows {
        for (at, (mark, employed)) in row.marks.iter().zip(&row.employed).enumerate() {
            if mark.is_some() || !employed {
                continue;
            }
            let day = at as u32 + 1;
            if first + chrono::Duration::days(at as i64) > ctx.clock.today() {
                break;
            }
            let (mark, source) = if row.fined_absent.contains(&day) {
                (AttendanceMark::Absent, "罚款")
            } else if a.present {
                (AttendanceMark::Present, "手工")
            } else {
                continue;
            };
            changes.push(Change {
                staff_id: row.staff_id,
                date: first + chrono::Duration::days(at as i64),
                mark: mark.label(),
                source,
            });
        }
    }
    write(ctx, &sheet, &changes)
}
