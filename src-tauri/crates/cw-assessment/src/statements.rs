//! What a month comes to: every line that counts in it, each worker's statement, the fine report's totals.

use super::attendance::{marks_of_month, month_days};
use super::pay_rules::{basis_words, rule_for};
use super::{month_bounds, wire, yuan};
use chrono::{Datelike, NaiveDate};
use cw_domain::assessment::{
    earned_wage, net_pay, EarnedWage, MonthDays, Statement, StatementLine, WageBasis, TOOL_LOST,
};
use cw_domain::registry::Employment;
use cw_kernel::{CoreError, Ctx};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// One record that counts in a month: a valid (not voided) fine, withholding or award dated in it,
/// or a reversal counted in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthLine {
    pub fine_id: i64,
    /// 罚款, 扣发, 奖励 or 冲销.
    pub kind: String,
    /// The kind of the original record (for a reversal: what was reversed).
    pub original_kind: String,
    pub staff_id: i64,
    pub staff_name: String,
    pub date: NaiveDate,
    pub time: String,
    pub zone: String,
    pub item_code: String,
    pub category: String,
    pub offence: String,
    pub count: i64,
    /// Signed effect on pay, 分: negative for fines and withholdings, positive for awards and
    /// for the reversal of a fine.
    pub effect_fen: i64,
    pub recorded_by: String,
    /// For a reversal: the original's date and the reason.
    pub note: String,
}

/// Every line counting in `month`, by date then id.
pub fn month_lines(conn: &Connection, month: &str) -> Result<Vec<MonthLine>, CoreError> {
    month_lines_of(conn, month, None)
}

/// The lines counting in `month` of one person (everyone's with `None`).
fn month_lines_of(
    conn: &Connection,
    month: &str,
    only: Option<i64>,
) -> Result<Vec<MonthLine>, CoreError> {
    month_bounds("月份", month)?;
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM (
           SELECT f.id, f.kind, f.kind, f.staff_id, s.name, f.date, f.time, coalesce(z.name, ''), f.item_code,
                  f.category, f.offence, f.count,
                  CASE WHEN f.kind = '奖励' THEN f.amount_fen ELSE -f.amount_fen END,
                  coalesce(rb.name, ''), ''
           FROM fines f JOIN staff s ON s.id = f.staff_id LEFT JOIN zones z ON z.id = f.zone_id
                LEFT JOIN staff rb ON rb.id = f.recorded_by
           WHERE f.month = ?1 AND (?2 IS NULL OR f.staff_id = ?2)
             AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id AND c.kind = '作废')
           UNION ALL
           SELECT f.id, '冲销', f.kind, f.staff_id, s.name, c.date, '', coalesce(z.name, ''), f.item_code,
                  f.category, f.offence, f.count,
                  CASE WHEN f.kind = '奖励' THEN -c.amount_fen ELSE c.amount_fen END,
                  coalesce(rb.name, ''), '冲销 ' || f.date || ' 第 ' || f.id || ' 号：' || c.reason
           FROM fine_corrections c JOIN fines f ON f.id = c.fine_id JOIN staff s ON s.id = f.staff_id
                LEFT JOIN zones z ON z.id = f.zone_id LEFT JOIN staff rb ON rb.id = f.recorded_by
           WHERE c.month = ?1 AND c.kind = '冲销' AND (?2 IS NULL OR f.staff_id = ?2)
         ) ORDER BY 6, 1",
    )?;
    let rows = stmt.query_map(rusqlite::params![month, only], |r| {
        Ok(MonthLine {
            fine_id: r.get(0)?,
            kind: r.get(1)?,
            original_kind: r.get(2)?,
            staff_id: r.get(3)?,
            staff_name: r.get(4)?,
            date: r.get(5)?,
            time: r.get(6)?,
            zone: r.get(7)?,
            item_code: r.get(8)?,
            category: r.get(9)?,
            offence: r.get(10)?,
            count: r.get(11)?,
            effect_fen: r.get(12)?,
            recorded_by: r.get(13)?,
            note: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

struct Worker {
    id: i64,
    name: String,
    roles: String,
    zones: String,
    supervisor: String,
    wage_fen: i64,
    /// On a wage at all (a supervisor or cadre fined but not paid by the committee is not).
    waged: bool,
}

/// Workers who get a statement for the month: those on a wage employed in it, and anyone with a
/// line counting in it.
fn workers(conn: &Connection, month: &str, only: Option<i64>) -> Result<Vec<Worker>, CoreError> {
    let (first, last) = month_bounds("月份", month)?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name, coalesce(s.base_wage_fen, 0), s.base_wage_fen IS NOT NULL,
           (SELECT group_concat(role, '、') FROM (SELECT role FROM staff_roles WHERE staff_id = s.id ORDER BY role)),
           (SELECT group_concat(z.name, '、') FROM zone_cleaners zc JOIN zones z ON z.id = zc.zone_id WHERE zc.staff_id = s.id),
           (SELECT group_concat(DISTINCT sup.name) FROM zone_cleaners zc JOIN zones z ON z.id = zc.zone_id
              JOIN staff sup ON sup.id = z.supervisor_id WHERE zc.staff_id = s.id)
         FROM staff s
         WHERE (?3 IS NULL OR s.id = ?3) AND (
           (s.base_wage_fen IS NOT NULL AND EXISTS (SELECT 1 FROM staff_terms t WHERE t.staff_id = s.id
             AND (t.hire_date IS NULL OR t.hire_date <= ?2) AND (t.leave_date IS NULL OR t.leave_date >= ?1)))
           OR EXISTS (SELECT 1 FROM fines f WHERE f.staff_id = s.id AND f.month = ?4)
           OR EXISTS (SELECT 1 FROM fine_corrections c JOIN fines f ON f.id = c.fine_id
                      WHERE f.staff_id = s.id AND c.month = ?4))
         ORDER BY s.base_wage_fen IS NULL, s.name, s.id",
    )?;
    let rows = stmt.query_map(rusqlite::params![first, last, only, month], |r| {
        Ok(Worker {
            id: r.get(0)?,
            name: r.get(1)?,
            wage_fen: r.get(2)?,
            waged: r.get(3)?,
            roles: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            zones: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            supervisor: r
                .get::<_, Option<String>>(6)?
                .unwrap_or_default()
                .replace(',', "、"),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A worker's month as gathered, in 分: the wire's [`Statement`] and the same amounts as
/// numbers, so a printed statement never has to read its money back from text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerMonth {
    pub statement: Statement,
    pub amounts: Amounts,
}

/// A statement's amounts in 分, signed as on the statement's lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Amounts {
    pub base_wage: i64,
    /// The base wage pro-rated by the days payable (the base itself for a whole month).
    pub wage_due: i64,
    /// Fines and withholdings as charged (positive).
    pub fines: i64,
    pub withholdings: i64,
    /// Lost tools charged (T1, positive).
    pub tools: i64,
    pub awards: i64,
    pub reversals: i64,
    pub net_pay: i64,
    /// Days paid and what they were divided by (equal for a whole month).
    pub payable_days: i64,
    pub divisor: i64,
    /// Each line's effect on pay, in the order of [`Statement::lines`].
    pub lines: Vec<i64>,
}

/// Each worker's statement for the month (one worker when `only` is given).
pub fn build(
    conn: &Connection,
    month: &str,
    only: Option<i64>,
) -> Result<Vec<Statement>, CoreError> {
    Ok(build_in_fen(conn, month, only)?
        .into_iter()
        .map(|w| w.statement)
        .collect())
}

/// Like [`build`], each statement with its amounts in 分 (for the printed statements).
pub fn build_in_fen(
    conn: &Connection,
    month: &str,
    only: Option<i64>,
) -> Result<Vec<WorkerMonth>, CoreError> {
    let lines = month_lines_of(conn, month, only)?;
    let (first, last) = month_bounds("月份", month)?;
    let rule = rule_for(conn, month)?;
    let marks = marks_of_month(conn, month)?;
    let mut by_staff: BTreeMap<i64, Vec<&MonthLine>> = BTreeMap::new();
    for l in &lines {
        by_staff.entry(l.staff_id).or_default().push(l);
    }
    let mut out = Vec::new();
    for w in workers(conn, month, only)? {
        let mine = by_staff.remove(&w.id).unwrap_or_default();
        let employment = cw_registry::staff::employment(conn, w.id)?;
        let days = month_days(first, last, &employment, marks.get(&w.id), &rule);
        let wage = earned_wage(w.wage_fen, days, rule.wage_basis);
        let note = if w.waged {
            wage_note(
                w.wage_fen,
                &wage,
                &days,
                rule.wage_basis,
                first,
                last,
                &employment,
            )
        } else {
            String::new()
        };
        out.push(worker_month(month, w, &mine, &wage, note));
    }
    Ok(out)
}

/// One worker's statement from their lines of the month.
fn worker_month(
    month: &str,
    w: Worker,
    mine: &[&MonthLine],
    wage: &EarnedWage,
    wage_note: String,
) -> WorkerMonth {
    let wage_due = wage.fen;
    let (mut fines, mut withh, mut awards, mut rev) = (0i64, 0i64, 0i64, 0i64);
    let mut tools = 0i64;
    for l in mine {
        match l.kind.as_str() {
            "罚款" => fines -= l.effect_fen,
            "扣发" if l.item_code == TOOL_LOST => tools -= l.effect_fen,
            "扣发" => withh -= l.effect_fen,
            "奖励" => awards += l.effect_fen,
            _ => rev += l.effect_fen,
        }
    }
    let net = net_pay(wage_due, fines, withh + tools, awards, rev);
    let amounts = Amounts {
        base_wage: w.wage_fen,
        wage_due,
        fines,
        withholdings: withh,
        tools,
        awards,
        reversals: rev,
        net_pay: net,
        payable_days: wage.payable_days,
        divisor: wage.divisor,
        lines: mine.iter().map(|l| l.effect_fen).collect(),
    };
    let statement = Statement {
        month: month.to_string(),
        staff_id: w.id,
        name: w.name,
        roles: w.roles,
        zones: w.zones,
        supervisor: w.supervisor,
        base_wage: wire(w.wage_fen),
        wage_due: wire(wage_due),
        wage_note,
        waged: w.waged,
        lines: mine
            .iter()
            .map(|l| StatementLine {
                fine_id: l.fine_id,
                kind: l.kind.clone(),
                date: l.date,
                item_code: l.item_code.clone(),
                offence: if l.note.is_empty() {
                    l.offence.clone()
                } else {
                    format!("{}（{}）", l.offence, l.note)
                },
                count: l.count,
                amount: wire(l.effect_fen),
            })
            .collect(),
        fines_total: wire(fines),
        withholdings_total: wire(withh),
        tools_total: wire(tools),
        awards_total: wire(awards),
        reversals_total: wire(rev),
        net_pay: wire(net),
    };
    WorkerMonth { statement, amounts }
}

/// How the wage due was reached, for a part month: `按自然天数：¥1,800.00 × 15 ÷ 30 =
/// ¥900.00（11月16日入职）`; empty for a whole month.
#[allow(clippy::too_many_arguments)]
fn wage_note(
    base: i64,
    wage: &EarnedWage,
    days: &MonthDays,
    basis: WageBasis,
    first: NaiveDate,
    last: NaiveDate,
    employment: &Employment,
) -> String {
    if wage.full {
        return String::new();
    }
    let mut why = Vec::new();
    let mut terms = employment.terms.clone();
    terms.sort_by_key(|(h, _)| *h);
    for (hire, leave) in terms {
        if let Some(h) = hire.filter(|h| *h > first && *h <= last) {
            why.push(format!("{}月{}日入职", h.month(), h.day()));
        }
        if let Some(l) = leave.filter(|l| *l >= first && *l < last) {
            why.push(format!("{}月{}日离职", l.month(), l.day()));
        }
    }
    if days.unpaid_leave > 0 {
        why.push(format!("请假 {} 天不计薪", days.unpaid_leave));
    }
    if basis == WageBasis::Days26 && days.rest > 0 {
        why.push(format!("休息 {} 天", days.rest));
    }
    if wage.payable_days == wage.divisor {
        why.push(format!("计薪以 {} 天为限", wage.divisor));
    }
    format!(
        "{}：{} × {} ÷ {} = {}{}",
        basis_words(basis),
        yuan(base),
        wage.payable_days,
        wage.divisor,
        yuan(wage.fen),
        if why.is_empty() {
            String::new()
        } else {
            format!("（{}）", why.join("；"))
        }
    )
}

/// Arguments of [`statements`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct StatementArgs {
    /// `YYYY-MM`.
    pub month: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub staff_id: Option<i64>,
}

/// The month's statements as data (the statements page previews them).
pub fn statements(ctx: &Ctx<'_>, a: StatementArgs) -> Result<Vec<Statement>, CoreError> {
    build(ctx.conn, a.month.trim(), a.staff_id)
}

/// One total of the fine report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportTotal {
    pub name: String,
    pub count: i64,
    pub amount: String,
    #[serde(skip)]
    #[ts(skip)]
    pub amount_fen: i64,
}

/// The monthly fine report: deductions (fines and withholdings, less reversals) by worker,
/// zone, item and category, with the detail lines.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FineReport {
    pub month: String,
    pub by_worker: Vec<ReportTotal>,
    pub by_zone: Vec<ReportTotal>,
    pub by_item: Vec<ReportTotal>,
    pub by_category: Vec<ReportTotal>,
    pub total_count: i64,
    pub total: String,
    #[serde(skip)]
    #[ts(skip)]
    pub total_fen: i64,
    #[serde(skip)]
    #[ts(skip)]
    pub lines: Vec<ReportLine>,
}

/// One detail line of the report: the deduction (positive) or a reversal (negative).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportLine {
    pub fine_id: i64,
    pub kind: String,
    pub date: NaiveDate,
    pub staff_name: String,
    pub zone: String,
    pub item_code: String,
    pub category: String,
    pub offence: String,
    pub count: i64,
    pub amount_fen: i64,
    pub recorded_by: String,
}

fn totals(lines: &[ReportLine], key: impl Fn(&ReportLine) -> String) -> Vec<ReportTotal> {
    let mut map: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for l in lines {
        let e = map.entry(key(l)).or_default();
        e.0 += 1;
        e.1 += l.amount_fen;
    }
    map.into_iter()
        .map(|(name, (count, fen))| ReportTotal {
            name,
            count,
            amount: wire(fen),
            amount_fen: fen,
        })
        .collect()
}

/// Builds the report from the month's lines (awards are not deductions and stay out).
pub fn report_from(month: &str, lines: &[MonthLine]) -> FineReport {
    let lines: Vec<ReportLine> = lines
        .iter()
        .filter(|l| l.original_kind != "奖励")
        .map(|l| ReportLine {
            fine_id: l.fine_id,
            kind: l.kind.clone(),
            date: l.date,
            staff_name: l.staff_name.clone(),
            zone: if l.zone.is_empty() {
                "（未指定）".into()
            } else {
                l.zone.clone()
            },
            item_code: l.item_code.clone(),
            category: l.category.clone(),
            offence: l.offence.clone(),
            count: l.count,
            amount_fen: -l.effect_fen,
            recorded_by: l.recorded_by.clone(),
        })
        .collect();
    let total_fen = lines.iter().map(|l| l.amount_fen).sum();
    FineReport {
        month: month.to_string(),
        by_worker: totals(&lines, |l| l.staff_name.clone()),
        by_zone: totals(&lines, |l| l.zone.clone()),
        by_item: totals(&lines, |l| format!("{} {}", l.item_code, l.offence)),
        by_category: totals(&lines, |l| l.category.clone()),
        total_count: lines.len() as i64,
        total: wire(total_fen),
        total_fen,
        lines,
    }
}

/// The month's fine report as data.
pub fn report(ctx: &Ctx<'_>, a: StatementArgs) -> Result<FineReport, CoreError> {
    let month = a.month.trim();
    Ok(report_from(month, &month_lines(ctx.conn, month)?))
}
