//! Fines 罚款, withholdings 扣发 and awards 奖励: recorded once, corrected only by a void (in the
//! fine's own open month) or a reversal (in a later open month), each with a reason.

use super::schedule::{item_in_force, ItemInForce};
use super::{check_time, months, not_future, require_recorder, settings, wire};
use chrono::NaiveDate;
use cw_domain::assessment::{
    days_in_month, fine_amount, lateness_item, month_of, parse_month, week_wage_withholding,
    Correction, CorrectionKind, Fine, FineInput, FineKind, FineQuery, FineStatus, FineUnit,
    INSPECTION_CLEANER, INSPECTION_SUPERVISOR, LATE, LATE_ABSENCE, RESIGN_NO_NOTICE,
};
use cw_domain::registry::Page;
use cw_domain::{text, DomainError};
use cw_kernel::sql::{paging, Filter};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const COLUMNS: &str = "f.id, f.kind, f.staff_id, s.name, f.item_code, f.category, f.offence, f.unit,
    f.unit_amount_fen, f.count, f.amount_fen, f.date, f.month, f.time, f.zone_id, z.name, f.observed,
    f.recorded_by, rb.name, f.inspection_id, f.minutes, f.created_at, f.created_by,
    c.id, c.kind, c.date, c.month, c.amount_fen, c.reason, c.created_at, c.created_by";

/// What the filters need: the fine and its correction (for the status).
const COUNT_FROM: &str = "fines f LEFT JOIN fine_corrections c ON c.fine_id = f.id";

const FROM: &str = "fines f JOIN staff s ON s.id = f.staff_id
    LEFT JOIN zones z ON z.id = f.zone_id
    LEFT JOIN staff rb ON rb.id = f.recorded_by
    LEFT JOIN fine_corrections c ON c.fine_id = f.id";

type Raw = (
    Fine,
    String,
    String,
    Option<(i64, String, NaiveDate, String, i64, String, String, String)>,
);

fn row_to_fine(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    let corr: Option<i64> = r.get(23)?;
    let correction = match corr {
        Some(id) => Some((
            id,
            r.get(24)?,
            r.get(25)?,
            r.get(26)?,
            r.get(27)?,
            r.get(28)?,
            r.get(29)?,
            r.get(30)?,
        )),
        None => None,
    };
    Ok((
        Fine {
            id: r.get(0)?,
            kind: FineKind::Fine,
            staff_id: r.get(2)?,
            staff_name: r.get(3)?,
            item_code: r.get(4)?,
            category: r.get(5)?,
            offence: r.get(6)?,
            unit: FineUnit::PerTime,
            unit_amount: wire(r.get(8)?),
            count: r.get(9)?,
            amount: wire(r.get(10)?),
            date: r.get(11)?,
            month: r.get(12)?,
            time: r.get(13)?,
            zone_id: r.get(14)?,
            zone_name: r.get(15)?,
            observed: r.get(16)?,
            recorded_by: r.get(17)?,
            recorded_by_name: r.get(18)?,
            inspection_id: r.get(19)?,
            minutes: r.get(20)?,
            status: FineStatus::Valid,
            correction: None,
            created_at: r.get(21)?,
            created_by: r.get(22)?,
        },
        r.get(1)?,
        r.get(7)?,
        correction,
    ))
}

fn finish((mut f, kind, unit, corr): Raw) -> Result<Fine, CoreError> {
    f.kind = FineKind::parse("类型", &kind)?;
    f.unit = FineUnit::parse("单位", &unit)?;
    if let Some((id, ck, date, month, amount, reason, at, by)) = corr {
        let kind = CorrectionKind::parse("更正", &ck)?;
        f.status = match kind {
            CorrectionKind::Void => FineStatus::Voided,
            CorrectionKind::Reversal => FineStatus::Reversed,
        };
        f.correction = Some(Correction {
            id,
            kind,
            date,
            month,
            amount: wire(amount),
            reason,
            created_at: at,
            created_by: by,
        });
    }
    Ok(f)
}

/// Name, hire date, leave date and monthly wage in 分 of the fined worker.
type StaffFacts = (String, Option<NaiveDate>, Option<NaiveDate>, Option<i64>);

/// One fine by id.
pub fn load(conn: &Connection, id: i64) -> Result<Fine, CoreError> {
    let raw = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM {FROM} WHERE f.id = ?1"),
            [id],
            row_to_fine,
        )
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "罚款记录",
            id,
        })?;
    finish(raw)
}

fn filter(q: &FineQuery) -> Result<Filter, CoreError> {
    let mut f = Filter::default();
    if let Some(m) = q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        parse_month("月份", m)?;
        f.and("f.month = ?", [m.to_string().into()]);
    }
    f.eq_opt("f.staff_id", q.staff_id);
    f.eq_opt("f.zone_id", q.zone_id);
    f.eq_opt("f.inspection_id", q.inspection_id);
    if let Some(code) = q
        .item_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        f.and("f.item_code = ?", [code.to_string().into()]);
    }
    f.eq_opt("f.kind", q.kind.map(|k| k.label().to_string()));
    match q.status {
        Some(FineStatus::Valid) => f.and("c.id IS NULL", []),
        Some(FineStatus::Voided) => f.and("c.kind = '作废'", []),
        Some(FineStatus::Reversed) => f.and("c.kind = '冲销'", []),
        None => {}
    }
    Ok(f)
}

/// One page of fines with the footer's sums over every matching record (all pages).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FinePage {
    pub page: Page<Fine>,
    /// What the matching records charge, yuan: fines and withholdings not voided. A reversed one
    /// counts (it was charged in its own month; its refund counts in the reversal's month), an
    /// award is not a charge and is summed apart, a voided one never counted.
    pub total_amount: String,
    /// Voided records among the matching ones, and their amount (left out of the total).
    pub voided_count: i64,
    pub voided_amount: String,
    /// Of the total, what was later reversed (refunded in a later month).
    pub reversed_amount: String,
    /// Awards among the matching records (not voided), yuan.
    pub awards_amount: String,
}

/// Fines matching the filters, newest first, one page of them.
pub fn list(ctx: &Ctx<'_>, q: FineQuery) -> Result<FinePage, CoreError> {
    let f = filter(&q)?;
    // Counted without the name joins: every fine has its worker (a foreign key), and a join
    // per row made the count of a million fines take a second. The correction is looked up by
    // its unique index: the footer must leave voided records out of the total.
    let sums: (i64, i64, i64, i64, i64, i64) = ctx.conn.query_row(
        &format!(
            "SELECT count(*),
               coalesce(sum(CASE WHEN f.kind <> '奖励' AND (c.kind IS NULL OR c.kind = '冲销') THEN f.amount_fen END), 0),
               coalesce(sum(CASE WHEN c.kind = '作废' THEN 1 ELSE 0 END), 0),
               coalesce(sum(CASE WHEN c.kind = '作废' THEN f.amount_fen END), 0),
               coalesce(sum(CASE WHEN f.kind <> '奖励' AND c.kind = '冲销' THEN f.amount_fen END), 0),
               coalesce(sum(CASE WHEN f.kind = '奖励' AND (c.kind IS NULL OR c.kind = '冲销') THEN f.amount_fen END), 0)
             FROM {COUNT_FROM}{}",
            f.sql()
        ),
        rusqlite::params_from_iter(f.params.iter()),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )?;
    let (total, charged, voided_count, voided, reversed, awards) = sums;
    let (page, size, offset) = paging(q.page, q.page_size);
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT {COLUMNS} FROM {FROM}{} ORDER BY f.date DESC, f.time DESC, f.id DESC LIMIT {size} OFFSET {offset}",
        f.sql()
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(f.params.iter()), row_to_fine)?;
    let mut items = Vec::new();
    for r in rows {
        items.push(finish(r?)?);
    }
    Ok(FinePage {
        page: Page {
            items,
            total,
            page,
            page_size: size,
        },
        total_amount: wire(charged),
        voided_count,
        voided_amount: wire(voided),
        reversed_amount: wire(reversed),
        awards_amount: wire(awards),
    })
}

/// Arguments naming one record.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct FineId {
    pub id: i64,
}

/// One fine with its correction, if any.
pub fn get(ctx: &Ctx<'_>, a: FineId) -> Result<Fine, CoreError> {
    load(ctx.conn, a.id)
}

/// What [`insert`] stores beyond the clerk's input.
#[derive(Debug, Default, Clone, Copy)]
pub struct Links {
    pub inspection_id: Option<i64>,
    /// Awards may be recorded without a recorder (the committee decides them).
    pub allow_award: bool,
}

/// Checks one input against the rules and stores it; returns the new fine.
pub fn insert(ctx: &Ctx<'_>, i: &FineInput, links: Links) -> Result<Fine, CoreError> {
    let staff_id = i.staff_id.ok_or(DomainError::Required {
        field: "被考核人"
    })?;
    let date = i.date.ok_or(DomainError::Required { field: "日期" })?;
    not_future("日期", date, ctx.clock.today())?;
    let staff: Option<StaffFacts> = ctx
        .conn
        .query_row(
            "SELECT name, hire_date, leave_date, base_wage_fen FROM staff WHERE id = ?1",
            [staff_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (name, hire, leave, wage) = staff.ok_or(CoreError::NotFound {
        what: "人员",
        id: staff_id,
    })?;
    if hire.is_some_and(|h| date < h) {
        return Err(DomainError::invalid("日期", format!("{name} 当时尚未入职")).into());
    }
    if leave.is_some_and(|l| date > l) {
        return Err(DomainError::invalid("日期", format!("{name} 当时已离职")).into());
    }
    let settings = settings::load(ctx.conn)?;
    // Lateness is entered in minutes; the rule, not the clerk, picks the item.
    let code = match i.minutes {
        Some(m) => {
            let code = i.item_code.trim();
            if !(code.is_empty() || code == LATE || code == LATE_ABSENCE) {
                return Err(DomainError::invalid("分钟数", "只有迟到、早退（A1）按分钟计").into());
            }
            lateness_item(
                m,
                settings.lateness_limit_min,
                settings.lateness_limit_inclusive,
            )?
            .to_string()
        }
        None => text::required("考核项目", &i.item_code)?,
    };
    let item: ItemInForce = item_in_force(ctx.conn, &code, date)?;
    if item.kind == FineKind::Award && !links.allow_award {
        return Err(DomainError::invalid("考核项目", "奖励请在「年终评先」中发放").into());
    }
    if links.inspection_id.is_none()
        && (item.code == INSPECTION_SUPERVISOR || item.code == INSPECTION_CLEANER)
    {
        return Err(DomainError::invalid(
            "考核项目",
            format!(
                "{} 不能手工录入：请在「检查 → 登记检查」中登记上级督查不达标，由细则罚责任区的监管人员（S1）和保洁员（S2）",
                item.code
            ),
        )
        .into());
    }
    if item.code == LATE || item.code == LATE_ABSENCE {
        one_absence_a_day(ctx.conn, staff_id, &name, date, &item.code)?;
    }
    if item.code == RESIGN_NO_NOTICE {
        once_per_departure(ctx.conn, staff_id, &name, hire)?;
    }
    let mut count = i.count.unwrap_or(1);
    // Lateness in minutes is one time; an absence is one day (A1x is 每天, of the fine's date).
    if i.minutes.is_some() || item.unit == FineUnit::Once || item.code == LATE_ABSENCE {
        count = 1;
    }
    let (unit_fen, amount_fen) = if item.code == RESIGN_NO_NOTICE {
        let wage = wage.ok_or_else(|| {
            DomainError::invalid(
                "被考核人",
                format!("{name} 没有登记月基本工资，无法计算一周工资"),
            )
        })?;
        let w = week_wage_withholding(wage, days_in_month(date), settings.week_days);
        (w, w)
    } else {
        let unit = item.amount_fen.ok_or_else(|| {
            DomainError::invalid("考核项目", format!("「{}」没有金额", item.code))
        })?;
        (unit, fine_amount(unit, count)?)
    };
    let recorded_by = match i.recorded_by {
        Some(r) => {
            require_recorder(ctx.conn, r)?;
            Some(r)
        }
        None if item.kind == FineKind::Award => None,
        None => return Err(DomainError::Required { field: "记录人" }.into()),
    };
    if let Some(z) = i.zone_id {
        let exists: bool = ctx.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM zones WHERE id = ?1)",
            [z],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(CoreError::NotFound {
                what: "责任区",
                id: z,
            });
        }
    }
    // A cleaner with one zone is fined in it when the clerk leaves the zone empty.
    let zone_id = match i.zone_id {
        Some(z) => Some(z),
        None => ctx
            .conn
            .query_row(
                "SELECT CASE WHEN count(*) = 1 THEN max(zone_id) END FROM zone_cleaners WHERE staff_id = ?1",
                [staff_id],
                |r| r.get::<_, Option<i64>>(0),
            )?,
    };
    let time = check_time(&i.time)?;
    let observed = text::limited("现场情况", &i.observed, 300)?;
    let what = match item.kind {
        FineKind::Award => "发放奖励",
        _ => "录入罚款",
    };
    months::require_open(ctx.conn, date, what)?;
    ctx.conn.execute(
        "INSERT INTO fines (kind, staff_id, item_id, item_code, category, offence, unit, unit_amount_fen, count,
            amount_fen, date, month, time, zone_id, observed, recorded_by, inspection_id, minutes, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
        params![
            item.kind.label(), staff_id, item.id, item.code, item.category, item.offence, item.unit.label(),
            unit_fen, count, amount_fen, date, month_of(date), time, zone_id, observed, recorded_by,
            links.inspection_id, i.minutes, ctx.now_text(), ctx.actor
        ],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let after = load(ctx.conn, id)?;
    ctx.audit("fines", Some(id), None::<&Fine>, Some(&after))?;
    Ok(after)
}

/// Absence is counted per day (A1x 30 元每天): a day of one worker has at most one valid A1x, and
/// once it has one no lateness (A1) is added to it — the absence covers the day. An A1x on a day
/// that already has latenesses is refused until they are voided (with a reason), so the day comes
/// to one absence and nothing more. Voided and reversed records no longer count.
fn one_absence_a_day(
    conn: &Connection,
    staff_id: i64,
    name: &str,
    date: NaiveDate,
    code: &str,
) -> Result<(), CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.id FROM fines f WHERE f.staff_id = ?1 AND f.date = ?2 AND f.item_code = ?3
           AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id) ORDER BY f.id",
    )?;
    let mut ids = |item: &str| -> Result<Vec<i64>, CoreError> {
        Ok(stmt
            .query_map(params![staff_id, date, item], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    };
    let day = cw_pdf::format_date_cn(date);
    if let Some(id) = ids(LATE_ABSENCE)?.first() {
        return Err(CoreError::Conflict(format!(
            "{name} {day} 已按旷工记录（第 {id} 号 {LATE_ABSENCE}）；旷工按天计，同一天不再另记迟到、早退或旷工"
        )));
    }
    if code == LATE_ABSENCE {
        let late = ids(LATE)?;
        if !late.is_empty() {
            let list = late
                .iter()
                .map(|i| format!("第 {i} 号"))
                .collect::<Vec<_>>()
                .join("、");
            return Err(CoreError::Conflict(format!(
                "{name} {day} 已有迟到早退记录（{list} {LATE}）；旷工按天计，已包含当天的迟到早退：请先作废该记录并注明原因，再记旷工"
            )));
        }
    }
    Ok(())
}

/// A4 (resigning without 3 days' notice, a week's wage withheld) is charged once per departure:
/// once in a term of employment, which starts at the hire date or, for a worker taken back on
/// (恢复在岗), on the day of that reactivation. A voided or reversed A4 no longer counts.
fn once_per_departure(
    conn: &Connection,
    staff_id: i64,
    name: &str,
    hire: Option<NaiveDate>,
) -> Result<(), CoreError> {
    let back_on: Option<String> = conn.query_row(
        "SELECT max(substr(at, 1, 10)) FROM audit_log
         WHERE entity = 'staff' AND entity_id = ?1 AND command = 'staff.reactivate'",
        [staff_id],
        |r| r.get(0),
    )?;
    let back_on = back_on.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let term_start = match (hire, back_on) {
        (Some(h), Some(b)) => Some(h.max(b)),
        (h, b) => h.or(b),
    };
    let existing: Option<(i64, NaiveDate)> = conn
        .query_row(
            "SELECT f.id, f.date FROM fines f WHERE f.staff_id = ?1 AND f.item_code = ?2
               AND (?3 IS NULL OR f.date >= ?3)
               AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id)
             ORDER BY f.id LIMIT 1",
            params![staff_id, RESIGN_NO_NOTICE, term_start],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, d)) = existing {
        return Err(CoreError::Conflict(format!(
            "{name} 这次离职已扣发一周工资（第 {id} 号 {RESIGN_NO_NOTICE}，{}）；每次离职只扣一次，如该记录有误请先作废",
            cw_pdf::format_date_cn(d)
        )));
    }
    Ok(())
}

/// Records one fine (or withholding).
pub fn create(ctx: &Ctx<'_>, i: FineInput) -> Result<Fine, CoreError> {
    insert(ctx, &i, Links::default())
}

/// Arguments of [`create_batch`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, rename = "FineBatchArgs", optional_fields = nullable)]
pub struct BatchArgs {
    pub items: Vec<FineInput>,
}

/// Records many fines in one go (fast keyboard entry): all or nothing; an error names the row.
pub fn create_batch(ctx: &Ctx<'_>, a: BatchArgs) -> Result<Vec<Fine>, CoreError> {
    if a.items.is_empty() {
        return Err(DomainError::Required {
            field: "罚款记录"
        }
        .into());
    }
    let mut out = Vec::with_capacity(a.items.len());
    for (n, i) in a.items.iter().enumerate() {
        match insert(ctx, i, Links::default()) {
            Ok(f) => out.push(f),
            Err(CoreError::Domain(e)) => {
                return Err(DomainError::invalid(e.field(), format!("第 {} 行：{e}", n + 1)).into())
            }
            Err(CoreError::Conflict(m)) => {
                return Err(CoreError::Conflict(format!("第 {} 行：{m}", n + 1)))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Arguments of [`void`] and [`reverse`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct CorrectArgs {
    pub id: i64,
    pub reason: String,
    /// For a reversal: the day it counts (today if absent); must be in an open month.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date: Option<NaiveDate>,
}

fn correct(ctx: &Ctx<'_>, a: CorrectArgs, kind: CorrectionKind) -> Result<Fine, CoreError> {
    let reason = text::limited("原因", &text::required("原因", &a.reason)?, 200)?;
    let before = load(ctx.conn, a.id)?;
    if let Some(c) = &before.correction {
        return Err(CoreError::Conflict(format!(
            "第 {} 号记录已于 {} {}，不能重复更正",
            before.id,
            c.date,
            c.kind.label()
        )));
    }
    let fine_month_closed = months::is_closed(ctx.conn, &before.month)?;
    let date = match kind {
        CorrectionKind::Void => {
            months::require_open(ctx.conn, before.date, "作废其中的记录")?;
            before.date
        }
        CorrectionKind::Reversal => {
            if !fine_month_closed {
                return Err(CoreError::Conflict(format!(
                    "{} 尚未结账，请直接作废第 {} 号记录",
                    before.month, before.id
                )));
            }
            let date = a.date.unwrap_or_else(|| ctx.clock.today());
            not_future("冲销日期", date, ctx.clock.today())?;
            if date < before.date {
                return Err(DomainError::invalid("冲销日期", "不能早于原记录日期").into());
            }
            months::require_open(ctx.conn, date, "在其中冲销")?;
            date
        }
    };
    let amount: i64 =
        ctx.conn
            .query_row("SELECT amount_fen FROM fines WHERE id = ?1", [a.id], |r| {
                r.get(0)
            })?;
    ctx.conn.execute(
        "INSERT INTO fine_corrections (fine_id, kind, date, month, amount_fen, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![a.id, kind.label(), date, month_of(date), amount, reason, ctx.now_text(), ctx.actor],
    )?;
    let cid = ctx.conn.last_insert_rowid();
    let after = load(ctx.conn, a.id)?;
    ctx.audit("fine_corrections", Some(cid), Some(&before), Some(&after))?;
    Ok(after)
}

/// Voids a fine of an open month, with a reason; it no longer counts anywhere.
pub fn void(ctx: &Ctx<'_>, a: CorrectArgs) -> Result<Fine, CoreError> {
    correct(ctx, a, CorrectionKind::Void)
}

/// Reverses a fine of a closed month in an open month, citing it; the refund counts there.
pub fn reverse(ctx: &Ctx<'_>, a: CorrectArgs) -> Result<Fine, CoreError> {
    correct(ctx, a, CorrectionKind::Reversal)
}
