//! The pay rule 计薪规则, dated like the fine schedule: how a part month's wage is divided, whether
//! leave is paid, and the days of notice before leaving. A version is never changed; a new one
//! applies from its month on, and never to a month already closed.

use cw_domain::assessment::{parse_month, AttendanceMark, PayRule, PayRuleInput, WageBasis};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use cw_store::sql::column_at;
use rusqlite::{params, Connection, OptionalExtension};

const SELECT: &str =
    "SELECT id, from_month, wage_basis, leave_paid, notice_days, note, created_at, created_by
                      FROM pay_rules";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PayRule> {
    Ok(PayRule {
        id: r.get(0)?,
        from_month: r.get(1)?,
        wage_basis: column_at(r, 2, "pay_rules", "wage_basis")?,
        leave_paid: r.get(3)?,
        notice_days: r.get(4)?,
        note: r.get(5)?,
        created_at: r.get(6)?,
        created_by: r.get(7)?,
    })
}

/// The version in force in `month` (`YYYY-MM`): the latest whose first month is not after it.
pub fn rule_for(conn: &Connection, month: &str) -> Result<PayRule, CoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE from_month <= ?1 ORDER BY from_month DESC LIMIT 1"
        ))?
        .query_row([month], row)?)
}

/// Every version, the newest first.
pub fn versions(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<Vec<PayRule>, CoreError> {
    let mut stmt = ctx
        .conn
        .prepare_cached(&format!("{SELECT} ORDER BY from_month DESC"))?;
    let rows = stmt.query_map([], row)?;
    let mut out: Vec<PayRule> = rows.collect::<Result<_, _>>()?;
    // Who set each version, by the name the clerk knows (not the sign-in name).
    for r in &mut out {
        r.created_by = cw_kernel::words::actor_name(ctx.conn, &r.created_by);
    }
    Ok(out)
}

/// Adds a version from a month on. A month already closed keeps the rule its statements were
/// signed under, so the first month must be open, and so must every later closed one.
pub fn add(ctx: &Ctx<'_>, i: PayRuleInput) -> Result<PayRule, CoreError> {
    let (y, m) = parse_month("起始月份", i.from_month.trim())?;
    let from = format!("{y:04}-{m:02}");
    if !(0..=60).contains(&i.notice_days) {
        return Err(DomainError::invalid("提前告知天数", "应在 0 到 60 之间").into());
    }
    let note = text::limited("说明", i.note.trim(), 200)?;
    let closed: Option<String> = ctx
        .conn
        .prepare_cached(
            "SELECT month FROM month_closes c WHERE month >= ?1
               AND id = (SELECT max(id) FROM month_closes WHERE month = c.month) AND action = '结账'
             ORDER BY month LIMIT 1",
        )?
        .query_row([&from], |r| r.get(0))
        .optional()?;
    if let Some(month) = closed {
        return Err(CoreError::Conflict(format!(
            "{month} 已结账，新规则不能从 {from} 起施行（请从其后的未结账月份起，或先反结账）"
        )));
    }
    let exists: bool = ctx.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pay_rules WHERE from_month = ?1)",
        [&from],
        |r| r.get(0),
    )?;
    if exists {
        return Err(CoreError::Conflict(format!(
            "{from} 起已有一个计薪规则版本；请从另一个月份起新增"
        )));
    }
    ctx.conn.execute(
        "INSERT INTO pay_rules (from_month, wage_basis, leave_paid, notice_days, note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![from, i.wage_basis, i.leave_paid, i.notice_days, note, ctx.now_text(), ctx.actor],
    )?;
    let added = rule_for(ctx.conn, &from)?;
    ctx.audit("pay_rules", Some(added.id), None::<&()>, Some(&added))?;
    Ok(added)
}

/// Whether a day with `mark` is taken off the wage under `rule` (only leave, when unpaid).
pub fn unpaid(rule: &PayRule, mark: AttendanceMark) -> bool {
    mark == AttendanceMark::Leave && !rule.leave_paid
}

/// The basis words as a statement prints them: 按自然天数, 按26天.
pub fn basis_words(b: WageBasis) -> String {
    format!("按{}", b.label())
}
