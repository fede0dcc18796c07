//! The assessment's own settings: the week-wage formula, the lateness limit, patrols a day.

use crate::{CoreError, Ctx};
use cw_domain::assessment::AssessmentSettings;
use cw_domain::DomainError;
use rusqlite::{params, Connection};

/// The settings as stored.
pub fn load(conn: &Connection) -> Result<AssessmentSettings, CoreError> {
    Ok(conn.query_row(
        "SELECT week_days, lateness_limit_min, min_patrols_per_day FROM assessment_settings WHERE id = 1",
        [],
        |r| {
            Ok(AssessmentSettings {
                week_days: r.get(0)?,
                lateness_limit_min: r.get(1)?,
                min_patrols_per_day: r.get(2)?,
            })
        },
    )?)
}

/// Reads the assessment settings.
pub fn get(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<AssessmentSettings, CoreError> {
    load(ctx.conn)
}

/// Changes the assessment settings (recorded with before and after).
pub fn update(ctx: &Ctx<'_>, s: AssessmentSettings) -> Result<AssessmentSettings, CoreError> {
    ctx.require_head("修改考核规则设置")?;
    if !(1..=31).contains(&s.week_days) {
        return Err(DomainError::invalid("扣发天数", "应在 1 到 31 之间").into());
    }
    if !(1..=600).contains(&s.lateness_limit_min) {
        return Err(DomainError::invalid("迟到分钟上限", "应在 1 到 600 之间").into());
    }
    if !(1..=20).contains(&s.min_patrols_per_day) {
        return Err(DomainError::invalid("每日巡查次数", "应在 1 到 20 之间").into());
    }
    let before = load(ctx.conn)?;
    ctx.conn.execute(
        "UPDATE assessment_settings SET week_days = ?1, lateness_limit_min = ?2, min_patrols_per_day = ?3 WHERE id = 1",
        params![s.week_days, s.lateness_limit_min, s.min_patrols_per_day],
    )?;
    let after = load(ctx.conn)?;
    ctx.audit("assessment_settings", Some(1), Some(&before), Some(&after))?;
    Ok(after)
}
