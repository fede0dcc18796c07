//! Fines of staff the committee does not pay: each month's notice to pay 罚款缴纳通知单 (the
//! fines, the amount payable), the payments received against it, and what is still owed. A
//! payment is never more than is owed; one recorded in error is voided with a reason.

use crate::month_bounds;
use crate::statements::{self, WorkerMonth};
use crate::{not_future, wire};
use chrono::NaiveDate;
use cw_domain::assessment::{FineNotice, FineNoticeQuery, FinePayment, PaymentInput};
use cw_domain::{money, text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// A notice with its figures in 分.
pub struct Notice {
    pub notice: FineNotice,
    pub payable_fen: i64,
    pub paid_fen: i64,
    /// The month's statement it was made from (its lines in 分).
    pub month: WorkerMonth,
}

impl Notice {
    /// Payable less paid: below zero when more was paid than is now payable.
    pub fn outstanding_fen(&self) -> i64 {
        self.payable_fen - self.paid_fen
    }
}

const PAYMENT_COLUMNS: &str =
    "p.id, p.staff_id, p.month, p.amount_fen, p.paid_on, p.receiver, p.slip_no, p.note,
    v.reason, p.created_by";

fn payment_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(FinePayment, i64)> {
    let fen: i64 = r.get(3)?;
    Ok((
        FinePayment {
            id: r.get(0)?,
            staff_id: r.get(1)?,
            month: r.get(2)?,
            amount: wire(fen),
            paid_on: r.get(4)?,
            receiver: r.get(5)?,
            slip_no: r.get(6)?,
            note: r.get(7)?,
            void_reason: r.get(8)?,
            created_by: r.get(9)?,
        },
        fen,
    ))
}

fn payments(
    conn: &Connection,
    staff: i64,
    month: &str,
) -> Result<Vec<(FinePayment, i64)>, CoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM fine_payments p LEFT JOIN fine_payment_voids v ON v.payment_id = p.id
         WHERE p.staff_id = ?1 AND p.month = ?2 ORDER BY p.paid_on, p.id"
    ))?;
    let rows = stmt.query_map(params![staff, month], payment_row)?;
    let mut out: Vec<(FinePayment, i64)> = rows.collect::<Result<_, _>>()?;
    for (p, _) in &mut out {
        p.created_by = cw_kernel::words::actor_name(conn, &p.created_by);
    }
    Ok(out)
}

/// What one unwaged person owes for a month and has paid, in 分.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    pub staff_id: i64,
    pub month: String,
    pub payable_fen: i64,
    pub paid_fen: i64,
}

/// The balances of the unwaged, each (person, month) with something payable or a payment
/// recorded: of one month, or of every month up to `until`. Summed in SQL from the same lines the
/// statements count (voids left out, a reversal in its own month), so 今日待办 need not build a
/// statement for every month.
pub fn balances(
    conn: &Connection,
    month: Option<&str>,
    until: &str,
) -> Result<Vec<Balance>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "WITH effects AS (
           SELECT f.staff_id, f.month, CASE WHEN f.kind = '奖励' THEN f.amount_fen ELSE -f.amount_fen END AS e
           FROM staff s JOIN fines f ON f.staff_id = s.id
           WHERE s.base_wage_fen IS NULL
             AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id AND c.kind = '作废')
           UNION ALL
           SELECT f.staff_id, c.month, CASE WHEN f.kind = '奖励' THEN -c.amount_fen ELSE c.amount_fen END
           FROM staff s JOIN fines f ON f.staff_id = s.id JOIN fine_corrections c ON c.fine_id = f.id
           WHERE s.base_wage_fen IS NULL AND c.kind = '冲销'
           UNION ALL
           SELECT p.staff_id, p.month, 0 FROM fine_payments p
         ),
         owed AS (SELECT staff_id, month, max(0, -sum(e)) AS payable FROM effects GROUP BY staff_id, month),
         paid AS (
           SELECT p.staff_id, p.month, sum(p.amount_fen) AS paid FROM fine_payments p
           WHERE NOT EXISTS (SELECT 1 FROM fine_payment_voids v WHERE v.payment_id = p.id)
           GROUP BY p.staff_id, p.month
         )
         SELECT o.staff_id, o.month, o.payable, coalesce(pd.paid, 0)
         FROM owed o LEFT JOIN paid pd ON pd.staff_id = o.staff_id AND pd.month = o.month
         WHERE (?1 IS NULL OR o.month = ?1) AND o.month <= ?2
           AND (o.payable > 0 OR EXISTS (SELECT 1 FROM fine_payments p WHERE p.staff_id = o.staff_id AND p.month = o.month))
         ORDER BY o.month, o.staff_id",
    )?;
    let rows = stmt.query_map(params![month, until], |r| {
        Ok(Balance {
            staff_id: r.get(0)?,
            month: r.get(1)?,
            payable_fen: r.get(2)?,
            paid_fen: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One person's notice of a month, built from their statement (none for someone on a wage).
fn notice_of(conn: &Connection, month: &str, staff: i64) -> Result<Option<Notice>, CoreError> {
    let Some(w) = statements::build_in_fen(conn, month, Some(staff))?
        .into_iter()
        .find(|w| !w.statement.waged)
    else {
        return Ok(None);
    };
    let payable = (-w.amounts.net_pay).max(0);
    let paid_rows = payments(conn, staff, month)?;
    let paid: i64 = paid_rows
        .iter()
        .filter(|(p, _)| p.void_reason.is_none())
        .map(|(_, f)| f)
        .sum();
    let s = &w.statement;
    let notice = FineNotice {
        month: month.to_string(),
        staff_id: s.staff_id,
        name: s.name.clone(),
        roles: s.roles.clone(),
        zones: s.zones.clone(),
        lines: s.lines.clone(),
        payable: wire(payable),
        paid: wire(paid),
        outstanding: wire(payable - paid),
        payments: paid_rows.into_iter().map(|(p, _)| p).collect(),
    };
    Ok(Some(Notice {
        notice,
        payable_fen: payable,
        paid_fen: paid,
        month: w,
    }))
}

/// The month's notices: every unwaged person with something payable or a payment recorded.
pub fn of_month(conn: &Connection, month: &str) -> Result<Vec<Notice>, CoreError> {
    let mut out = Vec::new();
    for b in balances(conn, Some(month), month)? {
        out.extend(notice_of(conn, month, b.staff_id)?);
    }
    Ok(out)
}

/// Every notice not settled (owing, or paid more than is now payable), of months up to `until`.
pub fn unsettled(conn: &Connection, until: &str) -> Result<Vec<Notice>, CoreError> {
    let mut out = Vec::new();
    for b in balances(conn, None, until)? {
        if b.payable_fen != b.paid_fen {
            out.extend(notice_of(conn, &b.month, b.staff_id)?);
        }
    }
    Ok(out)
}

/// The notices of a month, or every unsettled one (command).
pub fn notices(ctx: &Ctx<'_>, q: FineNoticeQuery) -> Result<Vec<FineNotice>, CoreError> {
    let list = match q.month.as_deref().map(str::trim) {
        Some(m) => {
            month_bounds("月份", m)?;
            of_month(ctx.conn, m)?
        }
        None => unsettled(ctx.conn, "9999-12")?,
    };
    Ok(list.into_iter().map(|n| n.notice).collect())
}

/// Records a payment against a notice: never more than is owed, by someone not on a wage.
pub fn pay(ctx: &Ctx<'_>, i: PaymentInput) -> Result<FinePayment, CoreError> {
    let staff = i
        .staff_id
        .ok_or(DomainError::Required { field: "缴款人" })?;
    let month = i.month.trim();
    let (first, _) = month_bounds("月份", month)?;
    let amount = money::decimal_to_fen("金额", money::parse_money("金额", &i.amount)?)?;
    if amount <= 0 {
        return Err(DomainError::invalid("金额", "必须大于 0").into());
    }
    let day: NaiveDate = i.paid_on.unwrap_or_else(|| ctx.clock.today());
    not_future("缴款日期", day, ctx.clock.today())?;
    if day < first {
        return Err(DomainError::invalid("缴款日期", "不能早于通知单的月份").into());
    }
    let receiver = text::limited("收款人", &text::required("收款人", &i.receiver)?, 30)?;
    let slip = text::limited("收据号", &i.slip_no, 30)?;
    let note = text::limited("备注", &i.note, 100)?;
    // The one person's notice, as the month's list would show it (something payable or paid).
    let notice = notice_of(ctx.conn, month, staff.get())?
        .filter(|n| n.payable_fen > 0 || !n.notice.payments.is_empty());
    let Some(notice) = notice else {
        let waged: Option<bool> = ctx
            .conn
            .query_row(
                "SELECT base_wage_fen IS NOT NULL FROM staff WHERE id = ?1",
                [staff],
                |r| r.get(0),
            )
            .optional()?;
        return Err(match waged {
            None => CoreError::NotFound {
                what: "人员",
                id: staff.get(),
            },
            Some(true) => {
                DomainError::invalid("缴款人", "领工资的人员，罚款从当月工资中扣除").into()
            }
            Some(false) => CoreError::Conflict(format!("{month} 没有要缴的罚款")),
        });
    };
    if amount > notice.outstanding_fen() {
        return Err(DomainError::invalid(
            "金额",
            format!(
                "超过 {} {month} 尚欠的 {}",
                notice.notice.name,
                crate::yuan(notice.outstanding_fen().max(0))
            ),
        )
        .into());
    }
    ctx.conn.execute(
        "INSERT INTO fine_payments (staff_id, month, amount_fen, paid_on, receiver, slip_no, note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![staff, month, amount, day, receiver, slip, note, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, ctx.conn.last_insert_rowid())?;
    ctx.audit(
        "fine_payments",
        Some(after.id),
        None::<&FinePayment>,
        Some(&after),
    )?;
    Ok(after)
}

fn load(conn: &Connection, id: i64) -> Result<FinePayment, CoreError> {
    conn.query_row(
        &format!(
            "SELECT {PAYMENT_COLUMNS} FROM fine_payments p LEFT JOIN fine_payment_voids v ON v.payment_id = p.id
             WHERE p.id = ?1"
        ),
        [id],
        |r| payment_row(r).map(|(p, _)| p),
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "缴款记录",
        id,
    })
}

/// Arguments of [`void_payment`].
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct PaymentVoidArgs {
    pub id: i64,
    pub reason: String,
}

/// Voids a payment recorded in error; the row stays, with the reason.
pub fn void_payment(ctx: &Ctx<'_>, a: PaymentVoidArgs) -> Result<FinePayment, CoreError> {
    let before = load(ctx.conn, a.id)?;
    if before.void_reason.is_some() {
        return Err(CoreError::Conflict(format!("第 {} 号缴款已作废", a.id)));
    }
    let reason = text::limited("作废原因", &text::required("作废原因", &a.reason)?, 100)?;
    ctx.conn.execute(
        "INSERT INTO fine_payment_voids (payment_id, reason, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
        params![a.id, reason, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, a.id)?;
    ctx.audit("fine_payments", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}
