//! What the 上解单 says beyond its grid: every serial of the batch's range that is not a valid
//! receipt (voided receipts, serials voided by a skip or by hand, lost ones), the reconciliation
//! 应收 = 实点 + 假币 + 短款 (− 长款), the adjustments after closing and the repayments remitted
//! with the batch — gathered here for the slip's layout in
//! [`documents::remittance_slip`](super::documents::remittance_slip).

use super::receipts::{self, ReceiptQuery};
use super::types::{Batch, BatchClosing, Receipt, SerialState};
use super::{batches, books, fen, yuan_cn};
use cw_kernel::CoreError;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// Everything the 上解单 of a closed batch prints, money in 分.
pub struct SlipFacts {
    pub batch: Batch,
    pub closing: BatchClosing,
    pub expected: i64,
    pub counted: i64,
    pub counterfeit: i64,
    pub shortage: i64,
    pub overage: i64,
    /// What was remitted, or what must be while the remittance is not yet recorded.
    pub remit: i64,
    /// The receipts' serial ranges, book by book: `A001 本 0000001–0000020；…`.
    pub ranges: Vec<String>,
    pub unusable: Vec<Unusable>,
    /// The lines under the grid ([`notes`]).
    pub notes: Vec<String>,
}

/// The slip's facts of batch `batch_id`; a batch not yet closed has no slip.
pub fn gather(conn: &Connection, batch_id: i64) -> Result<SlipFacts, CoreError> {
    let batch = batches::load(conn, batch_id)?;
    let closing = batch.closing.clone().ok_or_else(|| {
        CoreError::Conflict(format!("第 {} 号批次尚未结账，不能打印上解单", batch.id))
    })?;
    let rs = receipts::list_where(
        conn,
        &ReceiptQuery {
            batch_id: Some(batch.id),
            ..Default::default()
        },
    )?;
    let mut ranges: Vec<(String, i64, i64)> = Vec::new();
    for r in &rs {
        match ranges.last_mut() {
            Some((book, _, last)) if *book == r.book_no => *last = r.serial,
            _ => ranges.push((r.book_no.clone(), r.serial, r.serial)),
        }
    }
    let unusable = unusable_serials(conn, &rs)?;
    let remit = match &batch.remittance {
        Some(r) => fen("上解金额", &r.amount)?,
        None => fen(
            "应上解",
            batch.remit_due.as_deref().unwrap_or(&closing.counted),
        )?,
    };
    Ok(SlipFacts {
        expected: fen("应收", &closing.expected)?,
        counted: fen("实点", &closing.counted)?,
        counterfeit: fen("假币", &closing.counterfeit)?,
        shortage: fen("短款", &closing.shortage)?,
        overage: fen("长款", &closing.overage)?,
        remit,
        ranges: ranges
            .iter()
            .map(|(bk, f, l)| format!("{bk} 本 {f:07}–{l:07}"))
            .collect(),
        notes: notes(&batch, &unusable)?,
        unusable,
        closing,
        batch,
    })
}

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
