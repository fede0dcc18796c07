//! The assessment's own settings: the week-wage formula, the lateness limit and whether it counts
//! itself (含本数), patrols a day, and the award ranking's minimum months in post.

use cw_domain::assessment::{AssessmentSettings, AssessmentSettingsInput};
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection};

/// The settings as stored.
pub fn load(conn: &Connection) -> Result<AssessmentSettings, CoreError> {
    Ok(conn.query_row(
        "SELECT week_days, lateness_limit_min, lateness_limit_inclusive, min_patrols_per_day, award_min_months
         FROM assessment_settings WHERE id = 1",
        [],
        |r| {
            Ok(AssessmentSettings {
                week_days: r.get(0)?,
                lateness_limit_min: r.get(1)?,
                lateness_limit_inclusive: r.get(2)?,
                min_patrols_per_day: r.get(3)?,
                award_min_months: r.get(4)?,
            })
        },
    )?)
}

/// Reads the assessment settings.
pub fn get(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<AssessmentSettings, CoreError> {
    load(ctx.conn)
}

/// Changes the assessment settings given (the others stay), recorded with before and after.
pub fn update(ctx: &Ctx<'_>, i: AssessmentSettingsInput) -> Result<AssessmentSettings, CoreError> {
    let before = load(ctx.conn)?;
    let s = AssessmentSettings {
        week_days: i.week_days.unwrap_or(before.week_days),
        lateness_limit_min: i.lateness_limit_min.unwrap_or(before.lateness_limit_min),
        lateness_limit_inclusive: i
            .lateness_limit_inclusive
            .unwrap_or(before.lateness_limit_inclusive),
        min_patrols_per_day: i.min_patrols_per_day.unwrap_or(before.min_patrols_per_day),
        award_min_months: i.award_min_months.unwrap_or(before.award_min_months),
    };
    if !(1..=31).contains(&s.week_days) {
        return Err(DomainError::invalid("扣发天数", "应在 1 到 31 之间").into());
    }
    if !(1..=600).contains(&s.lateness_limit_min) {
        return Err(DomainError::invalid("迟到分钟上限", "应在 1 到 600 之间").into());
    }
    if !(1..=20).contains(&s.min_patrols_per_day) {
        return Err(DomainError::invalid("每日巡查次数", "应在 1 到 20 之间").into());
    }
    if !(0..=12).contains(&s.award_min_months) {
        return Err(DomainError::invalid("评先最少在岗月数", "应在 0 到 12 之间").into());
    }
    ctx.conn.execute(
        "UPDATE assessment_settings SET week_days = ?1, lateness_limit_min = ?2, lateness_limit_inclusive = ?3,
           min_patrols_per_day = ?4, award_min_months = ?5 WHERE id = 1",
        params![
            s.week_days,
            s.lateness_limit_min,
            s.lateness_limit_inclusive,
            s.min_patrols_per_day,
            s.award_min_months
        ],
    )?;
    let after = load(ctx.conn)?;
    ctx.audit("assessment_settings", Some(1), Some(&before), Some(&after))?;
    Ok(after)
}
