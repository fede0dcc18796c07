//! The year-end 先进 award (R1) and the yearly ranking of cleaners that helps the committee decide.

use super::fines::{self, Links};
use super::inspections::RESULT_NOW;
use super::{settings, wire};
use chrono::NaiveDate;
use cw_domain::assessment::{Fine, FineInput, RankingRow, YEAR_AWARD};
use cw_domain::ids::StaffId;
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rust_decimal::Decimal;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`ranking`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, rename = "AwardYearArgs", optional_fields = nullable)]
pub struct YearArgs {
    pub year: i32,
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), CoreError> {
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(a), Some(b)) if (2000..=2100).contains(&year) => Ok((a, b)),
        _ => Err(DomainError::invalid("年度", format!("{year} 不是有效年度")).into()),
    }
}

fn award_note(year: i32) -> String {
    format!("{year}年度先进")
}

/// Months worked from days worked: days × 12 ÷ days of the year.
fn months_of(days: i64, days_in_year: i64) -> Decimal {
    if days_in_year <= 0 {
        return Decimal::ZERO;
    }
    Decimal::from(days * 12) / Decimal::from(days_in_year)
}

/// Cleaners of the year ranked by a rate: valid fines per month worked (fewest first), then fine
/// amount per month, then inspections of their zones passed (most first). Months worked count
/// the days of every term of employment less 请假 and 旷工 on the attendance sheet. Only those who
/// worked at least the minimum months of the settings are ranked; the others are listed after them, apart
/// (不参评), with the reason — a worker hired 18 days ago with no fine yet is no 先进. Voided and
/// reversed fines do not count.
pub fn ranking(ctx: &Ctx<'_>, a: YearArgs) -> Result<Vec<RankingRow>, CoreError> {
    let (first, last) = year_bounds(a.year)?;
    let end = last.min(ctx.clock.today());
    let days_in_year = (last - first).num_days() + 1;
    let min_months = Decimal::from(settings::load(ctx.conn)?.award_min_months);
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT s.id, s.name, s.hire_date, s.leave_date,
           (SELECT count(*) FROM fines f WHERE f.staff_id = s.id AND f.kind = '罚款' AND f.date BETWEEN ?1 AND ?2
              AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id)),
           (SELECT coalesce(sum(f.amount_fen), 0) FROM fines f WHERE f.staff_id = s.id AND f.kind = '罚款' AND f.date BETWEEN ?1 AND ?2
              AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id)),
           (SELECT count(*) FROM inspections i JOIN zone_cleaners zc ON zc.zone_id = i.zone_id
              WHERE zc.staff_id = s.id AND i.date BETWEEN ?1 AND ?2 AND {RESULT_NOW} = '达标'
                AND EXISTS (SELECT 1 FROM staff_terms t WHERE t.staff_id = s.id
                  AND (t.hire_date IS NULL OR i.date >= t.hire_date) AND (t.leave_date IS NULL OR i.date <= t.leave_date))),
           (SELECT count(*) FROM inspections i JOIN zone_cleaners zc ON zc.zone_id = i.zone_id
              WHERE zc.staff_id = s.id AND i.date BETWEEN ?1 AND ?2 AND {RESULT_NOW} = '不达标'
                AND EXISTS (SELECT 1 FROM staff_terms t WHERE t.staff_id = s.id
                  AND (t.hire_date IS NULL OR i.date >= t.hire_date) AND (t.leave_date IS NULL OR i.date <= t.leave_date))),
           EXISTS (SELECT 1 FROM fines f WHERE f.staff_id = s.id AND f.item_code = ?3 AND f.observed LIKE ?4 || '%'
              AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id))
         FROM staff s JOIN staff_roles r ON r.staff_id = s.id AND r.role = '保洁员'
         WHERE EXISTS (SELECT 1 FROM staff_terms t WHERE t.staff_id = s.id
           AND (t.hire_date IS NULL OR t.hire_date <= ?2) AND (t.leave_date IS NULL OR t.leave_date >= ?1))"
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![first, last, YEAR_AWARD, award_note(a.year)],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<NaiveDate>>(2)?,
                r.get::<_, Option<NaiveDate>>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, bool>(8)?,
            ))
        },
    )?;
    let mut ranked = Vec::new();
    let mut apart = Vec::new();
    for row in rows {
        let (id, name, hire, _leave, fines, fen, passed, failed, awarded) = row?;
        let days = days_worked(ctx.conn, id, first, end)?;
        let months = months_of(days, days_in_year);
        let shown_months = months.round_dp(1);
        let (rate, per_month_fen) = if months > Decimal::ZERO {
            (
                (Decimal::from(fines) / months).round_dp(2),
                (Decimal::from(fen) / months).round_dp(0),
            )
        } else {
            (Decimal::ZERO, Decimal::ZERO)
        };
        let per_month_fen = i64::try_from(per_month_fen).unwrap_or(0);
        // Compared as shown, so the page and the rule agree.
        let eligible = days > 0 && shown_months >= min_months;
        let note = if eligible {
            String::new()
        } else {
            format!("本年出勤 {shown_months:.1} 个月，不足 {min_months} 个月，不参评")
        };
        let r = RankingRow {
            rank: None,
            staff_id: id,
            name,
            hire_date: hire,
            working_days: days,
            months_worked: format!("{shown_months:.1}"),
            fines,
            fine_amount: wire(fen),
            fines_per_month: format!("{rate:.2}"),
            amount_per_month: wire(per_month_fen),
            inspections_passed: passed,
            inspections_failed: failed,
            awarded,
            eligible,
            note,
        };
        if eligible {
            ranked.push((rate, per_month_fen, r));
        } else {
            apart.push(r);
        }
    }
    ranked.sort_by(|(a, am, x), (b, bm, y)| {
        a.cmp(b)
            .then(am.cmp(bm))
            .then(y.inspections_passed.cmp(&x.inspections_passed))
            .then(x.name.cmp(&y.name))
    });
    apart.sort_by(|x, y| {
        y.working_days
            .cmp(&x.working_days)
            .then(x.name.cmp(&y.name))
    });
    let mut out: Vec<RankingRow> = ranked
        .into_iter()
        .enumerate()
        .map(|(i, (_, _, mut r))| {
            r.rank = Some(i as i64 + 1);
            r
        })
        .collect();
    out.extend(apart);
    Ok(out)
}

/// Arguments of [`grant`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct GrantArgs {
    pub staff_id: i64,
    pub year: i32,
    /// The day it is paid (counts in that month); today if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date: Option<NaiveDate>,
    /// Who proposed it, if a supervisor or cadre.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub recorded_by: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: String,
}

/// Grants the year-end 先进 award (R1, 200 元 by the default schedule), once per worker and year.
pub fn grant(ctx: &Ctx<'_>, a: GrantArgs) -> Result<Fine, CoreError> {
    year_bounds(a.year)?;
    let note = award_note(a.year);
    let dup: bool = ctx.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM fines f WHERE f.staff_id = ?1 AND f.item_code = ?2 AND f.observed LIKE ?3 || '%'
           AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id))",
        rusqlite::params![a.staff_id, YEAR_AWARD, note],
        |r| r.get(0),
    )?;
    if dup {
        return Err(CoreError::Conflict(format!("该人员已获得{note}奖励")));
    }
    // The ranking's rule decides, not the screen: a worker below the minimum time in post (or
    // not a ranked cleaner at all) is not given the award.
    let ranking = ranking(ctx, YearArgs { year: a.year })?;
    match ranking.iter().find(|r| r.staff_id == a.staff_id) {
        Some(r) if r.eligible => {}
        Some(r) => {
            return Err(CoreError::Conflict(format!(
                "「{}」{}，不能授予{note}奖励",
                r.name, r.note
            )))
        }
        None => {
            return Err(CoreError::Conflict(format!(
                "该人员不在{}年的评比名单中，不能授予{note}奖励",
                a.year
            )))
        }
    }
    let extra = text::limited("说明", &a.note, 100)?;
    let input = FineInput {
        staff_id: Some(StaffId(a.staff_id)),
        item_code: YEAR_AWARD.into(),
        date: Some(a.date.unwrap_or_else(|| ctx.clock.today())),
        count: Some(1),
        observed: if extra.is_empty() {
            note
        } else {
            format!("{note}：{extra}")
        },
        recorded_by: a.recorded_by.map(StaffId),
        ..Default::default()
    };
    fines::insert(
        ctx,
        &input,
        Links {
            allow_award: true,
            ..Links::default()
        },
    )
}

/// Days worked in `first..=end`: the days of every term of employment in it, less the days the
/// attendance sheet marks 请假 or 旷工.
fn days_worked(
    conn: &rusqlite::Connection,
    staff: i64,
    first: NaiveDate,
    end: NaiveDate,
) -> Result<i64, CoreError> {
    let mut days = 0;
    for (hire, leave) in cw_registry::staff::employment(conn, staff)?.terms {
        let from = hire.map_or(first, |h| h.max(first));
        let to = leave.map_or(end, |l| l.min(end));
        days += ((to - from).num_days() + 1).max(0);
    }
    let away: i64 = conn.query_row(
        "SELECT count(*) FROM attendance_marks a WHERE a.staff_id = ?1 AND a.date BETWEEN ?2 AND ?3
           AND a.mark IN ('请假', '旷工')
           AND a.id = (SELECT max(b.id) FROM attendance_marks b WHERE b.staff_id = a.staff_id AND b.date = a.date)",
        rusqlite::params![staff, first, end],
        |r| r.get(0),
    )?;
    Ok((days - away).max(0))
}
