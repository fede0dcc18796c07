//! Fees: standards and exemptions, receipt books, collection batches, receipts, closing,
//! remittance, collection rates and the documents printed from them.

pub mod adjustments;
pub mod batches;
pub mod books;
pub mod cash_count;
pub mod compensations;
pub mod demo;
pub mod documents;
pub mod forms;
pub mod override_cap;
pub mod rates;
pub mod receipt_numbers;
pub mod receipts;
pub mod repayments;
pub mod settings;
pub mod slip;
pub mod standards;
pub mod table;
pub mod types;

use cw_domain::enums::Role;
use cw_domain::{money, money_words, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A month as a count (year × 12 + month − 1), so periods are ranges of integers.
pub type MonthNo = i32;

/// Reads `YYYY-MM` (also `YYYY年M月`, `YYYY-M`).
pub fn parse_month(field: &'static str, text: &str) -> Result<MonthNo, DomainError> {
    let t = text.trim().trim_end_matches('月');
    let (y, m) = t
        .split_once(['-', '年', '/', '.'])
        .ok_or_else(|| DomainError::invalid(field, format!("「{text}」不是月份（如 2026-09）")))?;
    let y: i32 = y
        .parse()
        .map_err(|_| DomainError::invalid(field, format!("「{text}」年份有误")))?;
    let m: i32 = m
        .parse()
        .map_err(|_| DomainError::invalid(field, format!("「{text}」月份有误")))?;
    if !(2000..=2100).contains(&y) || !(1..=12).contains(&m) {
        return Err(DomainError::invalid(
            field,
            format!("「{text}」不是有效月份"),
        ));
    }
    Ok(y * 12 + m - 1)
}

/// `YYYY-MM` of a month number.
pub fn month_text(m: MonthNo) -> String {
    format!("{:04}-{:02}", m / 12, m % 12 + 1)
}

/// A period as printed: 2026年9月–12月, 2026年12月–2027年2月, or 2026年9月.
pub fn period_cn(from: MonthNo, to: MonthNo) -> String {
    let (fy, fm, ty, tm) = (from / 12, from % 12 + 1, to / 12, to % 12 + 1);
    if from == to {
        format!("{fy}年{fm}月")
    } else if fy == ty {
        format!("{fy}年{fm}月–{tm}月")
    } else {
        format!("{fy}年{fm}月–{ty}年{tm}月")
    }
}

/// Money as stored (分) to the wire.
pub fn wire(fen: i64) -> String {
    money::to_wire(money::fen_to_decimal(fen))
}

/// Money from the wire to 分.
pub fn fen(field: &'static str, text: &str) -> Result<i64, DomainError> {
    money::decimal_to_fen(field, money::parse_money(field, text)?)
}

/// Money for a document: ¥1,409.50 (the one formatter, [`cw_kernel::money::yuan`]).
pub use cw_kernel::money::yuan as yuan_cn;

/// Name of a staff member who is active and holds `role`; refuses otherwise, naming the field.
pub fn staff_with_role(
    conn: &Connection,
    field: &'static str,
    id: i64,
    role: Role,
) -> Result<String, CoreError> {
    let row: Option<(String, String, bool)> = conn
        .query_row(
            "SELECT s.name, s.status, EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.role = ?2)
             FROM staff s WHERE s.id = ?1",
            rusqlite::params![id, role.label()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        None => Err(CoreError::NotFound { what: "人员", id }),
        Some((name, status, has)) => {
            if status != "在岗" {
                Err(DomainError::invalid(field, format!("{name}已离职")).into())
            } else if !has {
                Err(DomainError::invalid(field, format!("{name}不是{}", role.label())).into())
            } else {
                Ok(name)
            }
        }
    }
}

/// Arguments of the 大写金额 converter.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct WordsArgs {
    pub amount: String,
}

/// An amount in figures and in capitals.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct Words {
    pub amount: String,
    pub figures: String,
    pub words: String,
}

/// The 大写金额 of an amount typed by the clerk.
pub fn words(_ctx: &Ctx<'_>, a: WordsArgs) -> Result<Words, CoreError> {
    let f = fen("金额", &a.amount)?;
    Ok(Words {
        amount: wire(f),
        figures: yuan_cn(f),
        words: money_words::fen_to_words(f)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_in_the_forms_clerks_write() {
        let sep = parse_month("m", "2026-09").unwrap();
        assert_eq!(parse_month("m", "2026年9月").unwrap(), sep);
        assert_eq!(month_text(sep), "2026-09");
        assert_eq!(period_cn(sep, sep + 3), "2026年9月–12月");
        assert_eq!(period_cn(sep + 3, sep + 5), "2026年12月–2027年2月");
        assert!(parse_month("m", "2026-13").is_err());
    }

    #[test]
    fn money_prints_with_yen_and_thousands() {
        assert_eq!(yuan_cn(140_950), "¥1,409.50");
        assert_eq!(yuan_cn(10_000_000), "¥100,000.00");
        assert_eq!(yuan_cn(5), "¥0.05");
    }
}
