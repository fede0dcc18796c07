//! The patrol report: days on which a supervisor patrolled fewer times than required.

use crate::{month_bounds, settings};
use chrono::NaiveDate;
use cw_domain::assessment::PatrolGap;
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`patrol_report`]: a month, or a range of days.
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct PatrolArgs {
    #[ts(optional = nullable)]
    pub month: Option<String>,
    #[ts(optional = nullable)]
    pub from: Option<NaiveDate>,
    #[ts(optional = nullable)]
    pub to: Option<NaiveDate>,
}

/// Days and supervisors with fewer patrols than required (P1 §5.1: at least twice a day), for
/// every supervisor responsible for an active zone, up to today.
pub fn patrol_report(ctx: &Ctx<'_>, a: PatrolArgs) -> Result<Vec<PatrolGap>, CoreError> {
    let today = ctx.clock.today();
    let (from, to) = match (
        a.month.as_deref().filter(|m| !m.trim().is_empty()),
        a.from,
        a.to,
    ) {
        (Some(m), _, _) => month_bounds("月份", m.trim())?,
        (None, Some(f), Some(t)) => (f, t),
        _ => month_bounds("月份", &cw_domain::assessment::month_of(today))?,
    };
    // A day counts once it has ended: today's patrols may still come (today is never a gap).
    let to = to.min(today - chrono::Duration::days(1));
    if (to - from).num_days() > 366 {
        return Err(DomainError::invalid("日期范围", "最多一年").into());
    }
    let required = settings::load(ctx.conn)?.min_patrols_per_day;
    let mut stmt = ctx.conn.prepare(
        "SELECT DISTINCT s.id, s.name, s.hire_date, s.leave_date FROM zones z JOIN staff s ON s.id = z.supervisor_id
         WHERE z.active = 1 ORDER BY s.name, s.id",
    )?;
    let sups: Vec<(i64, String, Option<NaiveDate>, Option<NaiveDate>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut count = ctx.conn.prepare(
        "SELECT date, count(*) FROM inspections WHERE kind = '巡查' AND inspector_id = ?1 AND date BETWEEN ?2 AND ?3 GROUP BY date",
    )?;
    let mut out = Vec::new();
    let mut day = from;
    let mut counts: Vec<std::collections::HashMap<NaiveDate, i64>> = Vec::new();
    for (id, _, _, _) in &sups {
        counts.push(
            count
                .query_map(params![id, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?,
        );
    }
    while day <= to {
        for ((id, name, hire, leave), c) in sups.iter().zip(&counts) {
            if hire.is_some_and(|h| day < h) || leave.is_some_and(|l| day > l) {
                continue;
            }
            let patrols = c.get(&day).copied().unwrap_or(0);
            if patrols < required {
                out.push(PatrolGap {
                    date: day,
                    supervisor_id: *id,
                    supervisor_name: name.clone(),
                    patrols,
                    required,
                });
            }
        }
        day += chrono::Duration::days(1);
    }
    Ok(out)
}
