//! Assessment 考核 and pay: the fine schedule in versions, fines and their corrections,
//! inspections, awards, attendance, pay rules, leaving, the tool register, month closes, monthly
//! statements, the payroll and the fine report.

pub mod attendance;
pub mod awards;
pub mod demo;
pub mod documents;
pub mod fine_notices;
pub mod fines;
pub mod inspections;
pub mod leaving;
pub mod months;
pub mod pay_rules;
pub mod schedule;
pub mod settings;
pub mod statements;
pub mod table;
pub mod tools;

use chrono::NaiveDate;
use cw_domain::enums::Role;
use cw_domain::ids::StaffId;
use cw_domain::{money, DomainError};
use cw_kernel::CoreError;
use rusqlite::{params, Connection, OptionalExtension};

/// 分 as the wire's decimal string, e.g. `"50.00"`.
pub fn wire(fen: i64) -> String {
    money::to_wire(money::fen_to_decimal(fen))
}

/// 分 as printed: `¥1,409.50` (negative as `-¥5.00`); the kernel's one formatter.
pub use cw_kernel::money::yuan;

/// A staff member's name and whether they hold `role` (NotFound if there is no such person).
pub fn staff_name_with_role(
    conn: &Connection,
    id: StaffId,
    roles: &[Role],
) -> Result<(String, bool), CoreError> {
    let name: Option<String> = conn
        .query_row("SELECT name FROM staff WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    let name = name.ok_or(CoreError::NotFound {
        what: "人员",
        id: id.get(),
    })?;
    let mut has = false;
    for role in roles {
        let yes: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM staff_roles WHERE staff_id = ?1 AND role = ?2)",
            params![id, role.label()],
            |r| r.get(0),
        )?;
        has |= yes;
    }
    Ok((name, has))
}

/// Checks the person who saw an offence is a supervisor or a cadre.
pub fn require_recorder(conn: &Connection, id: StaffId) -> Result<String, CoreError> {
    let (name, ok) = staff_name_with_role(conn, id, &[Role::Supervisor, Role::Cadre])?;
    if !ok {
        return Err(
            DomainError::invalid("记录人", format!("{name} 不是监管人员或社区干部")).into(),
        );
    }
    Ok(name)
}

/// Refuses a date after today: fines and inspections record what happened.
pub fn not_future(field: &'static str, date: NaiveDate, today: NaiveDate) -> Result<(), CoreError> {
    if date > today {
        return Err(DomainError::invalid(field, "不能晚于今天").into());
    }
    Ok(())
}

/// First and last day of a `YYYY-MM` month.
pub fn month_bounds(field: &'static str, month: &str) -> Result<(NaiveDate, NaiveDate), CoreError> {
    let (y, m) = cw_domain::assessment::parse_month(field, month)?;
    let first = NaiveDate::from_ymd_opt(y, m, 1)
        .ok_or_else(|| DomainError::invalid(field, "不是有效月份"))?;
    let last =
        first + chrono::Duration::days(i64::from(cw_domain::assessment::days_in_month(first)) - 1);
    Ok((first, last))
}

/// `HH:MM` or empty; anything else is refused.
pub fn check_time(text: &str) -> Result<String, CoreError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .map(|x| x.format("%H:%M").to_string())
        .map_err(|_| DomainError::invalid("时间", format!("「{t}」不是时间（应如 08:30）")).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_prints_with_yen_and_thousands_separators() {
        assert_eq!(yuan(140_950), "¥1,409.50");
        assert_eq!(yuan(500), "¥5.00");
        assert_eq!(yuan(-500), "-¥5.00");
        assert_eq!(yuan(1_640_902), "¥16,409.02");
    }
}
