//! Recording fines, withholdings and awards: each checked against the schedule and the rules
//! (lateness by minutes, one absence a day, A4 once per departure), one or a batch at a time.

use super::load;
use crate::schedule::{item_in_force, ItemInForce};
use crate::{check_time, months, not_future, require_recorder, settings};
use chrono::NaiveDate;
use cw_domain::assessment::{
    days_in_month, fine_amount, lateness_item, month_of, week_wage_withholding, AssessmentSettings,
    Fine, FineInput, FineKind, FineUnit, INSPECTION_CLEANER, INSPECTION_SUPERVISOR, LATE,
    LATE_ABSENCE, RESIGN_NO_NOTICE, TOOL_LOST,
};
use cw_domain::ids::{StaffId, ZoneId};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// Name, hire date, leave date and monthly wage in 分 of the fined worker.
type StaffFacts = (String, Option<NaiveDate>, Option<NaiveDate>, Option<i64>);

/// What [`insert`] stores beyond the clerk's input.
#[derive(Debug, Default, Clone, Copy)]
pub struct Links {
    pub inspection_id: Option<i64>,
    /// Awards may be recorded without a recorder (the committee decides them).
    pub allow_award: bool,
    /// A lost tool's price from the register, in 分: the only way T1 is charged.
    pub tool_price_fen: Option<i64>,
}

/// Checks one input against the rules and stores it; returns the new fine.
pub fn insert(ctx: &Ctx<'_>, i: &FineInput, links: Links) -> Result<Fine, CoreError> {
    let staff_id = i.staff_id.ok_or(DomainError::Required {
        field: "被考核人"
    })?;
    let date = i.date.ok_or(DomainError::Required { field: "日期" })?;
    not_future("日期", date, ctx.clock.today())?;
    let (name, hire, _, wage) = worker(ctx.conn, staff_id, date)?;
    let settings = settings::load(ctx.conn)?;
    let code = item_code(i, &settings)?;
    let item: ItemInForce = item_in_force(ctx.conn, &code, date)?;
    item_allowed(ctx.conn, &item, links, staff_id, &name, date, hire)?;
    let (count, unit_fen, amount_fen) = match links.tool_price_fen {
        Some(price) if item.code == TOOL_LOST => (1, price, price),
        _ => charge(i, &item, &settings, &name, wage, date)?,
    };
    let recorded_by = recorder(ctx.conn, i, &item)?;
    let zone_id = zone_of(ctx.conn, i, staff_id)?;
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

/// The fined worker, who must have been employed on `date`.
fn worker(conn: &Connection, staff_id: StaffId, date: NaiveDate) -> Result<StaffFacts, CoreError> {
    let staff: Option<StaffFacts> = conn
        .query_row(
            "SELECT name, hire_date, leave_date, base_wage_fen FROM staff WHERE id = ?1",
            [staff_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (name, hire, leave, wage) = staff.ok_or(CoreError::NotFound {
        what: "人员",
        id: staff_id.get(),
    })?;
    // Every term counts: a worker taken back on keeps the days of the earlier term.
    let employment = cw_registry::staff::employment(conn, staff_id.get())?;
    if !employment.covers(date) {
        let before_all = employment
            .terms
            .iter()
            .all(|(h, _)| h.is_some_and(|h| date < h));
        let after_all = employment
            .terms
            .iter()
            .all(|(_, l)| l.is_some_and(|l| date > l));
        let why = if before_all {
            "当时尚未入职"
        } else if after_all {
            "当时已离职"
        } else {
            "当时不在岗（离职后复职前）"
        };
        return Err(DomainError::invalid("日期", format!("{name} {why}")).into());
    }
    Ok((name, hire, leave, wage))
}

/// The schedule item: lateness is entered in minutes and the rule, not the clerk, picks it.
fn item_code(i: &FineInput, settings: &AssessmentSettings) -> Result<String, CoreError> {
    Ok(match i.minutes {
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
    })
}

/// Refuses an item that cannot be entered here (an award, an inspection's S1/S2) or that the
/// worker already has for the day or the departure.
fn item_allowed(
    conn: &Connection,
    item: &ItemInForce,
    links: Links,
    staff_id: StaffId,
    name: &str,
    date: NaiveDate,
    hire: Option<NaiveDate>,
) -> Result<(), CoreError> {
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
    if item.code == TOOL_LOST && links.tool_price_fen.is_none() {
        return Err(DomainError::invalid(
            "考核项目",
            "T1 不能手工录入：请在「保洁工具」中登记遗失，按领用登记的价格赔偿",
        )
        .into());
    }
    if item.code == LATE || item.code == LATE_ABSENCE {
        one_absence_a_day(conn, staff_id, name, date, &item.code)?;
    }
    if item.code == RESIGN_NO_NOTICE {
        once_per_departure(conn, staff_id, name, hire)?;
    }
    Ok(())
}

/// The count, the unit amount and the amount in 分: A4 is a week's wage, anything else the
/// schedule's amount times the count.
fn charge(
    i: &FineInput,
    item: &ItemInForce,
    settings: &AssessmentSettings,
    name: &str,
    wage: Option<i64>,
    date: NaiveDate,
) -> Result<(i64, i64, i64), CoreError> {
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
    Ok((count, unit_fen, amount_fen))
}

/// Who saw it: a supervisor or cadre, required for anything but an award.
fn recorder(
    conn: &Connection,
    i: &FineInput,
    item: &ItemInForce,
) -> Result<Option<StaffId>, CoreError> {
    match i.recorded_by {
        Some(r) => {
            require_recorder(conn, r)?;
            Ok(Some(r))
        }
        None if item.kind == FineKind::Award => Ok(None),
        None => Err(DomainError::Required { field: "记录人" }.into()),
    }
}

/// The zone given (which must exist), else the worker's only zone.
fn zone_of(
    conn: &Connection,
    i: &FineInput,
    staff_id: StaffId,
) -> Result<Option<ZoneId>, CoreError> {
    if let Some(z) = i.zone_id {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM zones WHERE id = ?1)",
            [z],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(CoreError::NotFound {
                what: "责任区",
                id: z.get(),
            });
        }
    }
    // A cleaner with one zone is fined in it when the clerk leaves the zone empty.
    Ok(match i.zone_id {
        Some(z) => Some(z),
        None => conn.query_row(
            "SELECT CASE WHEN count(*) = 1 THEN max(zone_id) END FROM zone_cleaners WHERE staff_id = ?1",
            [staff_id],
            |r| r.get::<_, Option<ZoneId>>(0),
        )?,
    })
}

/// Absence is counted per day (A1x 30 元每天): a day of one worker has at most one valid A1x, and
/// once it has one no lateness (A1) is added to it — the absence covers the day. An A1x on a day
/// that already has latenesses is refused until they are voided (with a reason), so the day comes
/// to one absence and nothing more. Voided and reversed records no longer count.
fn one_absence_a_day(
    conn: &Connection,
    staff_id: StaffId,
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
    staff_id: StaffId,
    name: &str,
    hire: Option<NaiveDate>,
) -> Result<(), CoreError> {
    if let Some((id, d)) = withheld_this_term(conn, staff_id, hire)? {
        return Err(CoreError::Conflict(format!(
            "{name} 这次离职已扣发一周工资（第 {id} 号 {RESIGN_NO_NOTICE}，{}）；每次离职只扣一次，如该记录有误请先作废",
            cw_pdf::format_date_cn(d)
        )));
    }
    Ok(())
}

/// The standing A4 of the worker's current term of employment (id and date), if any.
pub(crate) fn withheld_this_term(
    conn: &Connection,
    staff_id: StaffId,
    hire: Option<NaiveDate>,
) -> Result<Option<(i64, NaiveDate)>, CoreError> {
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
    Ok(conn
        .query_row(
            "SELECT f.id, f.date FROM fines f WHERE f.staff_id = ?1 AND f.item_code = ?2
               AND (?3 IS NULL OR f.date >= ?3)
               AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id)
             ORDER BY f.id LIMIT 1",
            params![staff_id, RESIGN_NO_NOTICE, term_start],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
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
