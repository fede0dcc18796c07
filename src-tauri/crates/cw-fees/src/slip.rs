//! What the 上解单 says beyond its grid: every serial of the batch's range that is not a valid
//! receipt (voided receipts, serials voided by a skip or by hand, lost ones), the reconciliation
//! 应收 = 实点 + 假币 + 短款 (− 长款), the adjustments after closing and the repayments remitted
//! with the batch.

use super::types::{Batch, Receipt, SerialState};
use super::{books, fen, yuan_cn};
use cw_kernel::CoreError;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// One serial the slip must account for: its book, number and what became of it.
pub struct Unusable {
    pub book_no: String,
    pub serial: i64,
    pub what: &'static str,
}

/// The serials of the batch's range, book by book, that are not valid receipts. A book's range
/// runs from the serial after the last one used before the batch's first receipt (by another
/// batch, or the book's first serial) to the batch's last receipt, so the serials a skip voided
/// just before a receipt, and any lost in between, are listed with the receipts' own voids.
pub fn unusable_serials(conn: &Connection, rs: &[Receipt]) -> Result<Vec<Unusable>, CoreError> {
    let mut books_used: BTreeMap<i64, (String, i64, i64)> = BTreeMap::new();
    for r in rs {
        let e = books_used
            .entry(r.book_id)
            .or_insert((r.book_no.clone(), r.serial, r.serial));
        e.1 = e.1.min(r.serial);
        e.2 = e.2.max(r.serial);
    }
    let batch = rs.first().map(|r| r.batch_id);
    let mut out = Vec::new();
    for (book_id, (book_no, first, last)) in books_used {
        let before: Option<i64> = conn.query_row(
            "SELECT max(serial) FROM receipts WHERE book_id = ?1 AND serial < ?2 AND batch_id <> ?3",
            rusqlite::params![book_id, first, batch],
            |r| r.get(0),
        )?;
        let rows = books::serial_rows(conn, book_id)?;
        let lo = before.map(|s| s + 1).unwrap_or(i64::MIN);
        for row in rows.iter().filter(|s| s.serial >= lo && s.serial <= last) {
            let what = match (row.state, row.receipt_id) {
                (SerialState::Void, Some(_)) => "收据作废",
                (SerialState::Void, None) if row.reason.starts_with("跳号") => "跳号作废",
                (SerialState::Void, None) => "空白作废",
                (SerialState::Lost, _) => "遗失",
                _ => continue,
            };
            out.push(Unusable {
                book_no: book_no.clone(),
                serial: row.serial,
                what,
            });
        }
    }
    Ok(out)
}

/// The lines printed under the slip's grid.
pub fn notes(b: &Batch, unusable: &[Unusable]) -> Result<Vec<String>, CoreError> {
    let mut lines = Vec::new();
    if let Some(c) = &b.closing {
        let (e, cnt, cf) = (
            fen("应收", &c.expected)?,
            fen("实点", &c.counted)?,
            fen("假币", &c.counterfeit)?,
        );
        let (short, over) = (fen("短款", &c.shortage)?, fen("长款", &c.overage)?);
        let mut l = format!(
            "核对：应收 {} = 实点 {} + 假币 {} + 短款 {}",
            yuan_cn(e),
            yuan_cn(cnt),
            yuan_cn(cf),
            yuan_cn(short)
        );
        if over > 0 {
            l.push_str(&format!(" − 长款 {}", yuan_cn(over)));
        }
        if cf > 0 {
            l.push_str("；假币已收缴，不上解，由收费人员赔偿");
        }
        lines.push(l);
    }
    if !unusable.is_empty() {
        let text = unusable
            .iter()
            .map(|u| format!("{} 本 {:07}（{}）", u.book_no, u.serial, u.what))
            .collect::<Vec<_>>()
            .join("、");
        lines.push(format!("作废、跳号、遗失号码：{text}"));
    }
    for a in &b.adjustments {
        let when = if a.after_remittance {
            "上解后"
        } else {
            "上解前，从本批现金付出"
        };
        let what = match a.kind.as_str() {
            "退款" => format!(
                "退款 {}（{:07} 号收据，退还{}）",
                yuan_cn(fen("调整", &a.amount)?),
                a.serial.unwrap_or(0),
                a.payee
            ),
            _ => format!(
                "短款 {}（由{}赔偿）",
                yuan_cn(fen("调整", &a.amount)?),
                a.staff_name.clone().unwrap_or_default()
            ),
        };
        lines.push(format!("结账后调整：{what}，{}；{when}", a.reason));
    }
    for r in &b.repayments {
        lines.push(format!(
            "随批上解赔偿款：{}（{}还款，凭证 {}，{} 收）",
            yuan_cn(fen("还款", &r.amount)?),
            r.staff_name,
            r.slip_no,
            r.receiver
        ));
    }
    Ok(lines)
}
