//! The home screen's counts.

use super::{groups, settings};
use cw_domain::registry::Dashboard;
use cw_kernel::{CoreError, Ctx};

/// Counts of the registry for the home screen.
pub fn summary(ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<Dashboard, CoreError> {
    let c = ctx.conn;
    let count = |sql: &str| -> Result<i64, CoreError> { Ok(c.query_row(sql, [], |r| r.get(0))?) };
    let by_kind = |kind: &str| -> Result<i64, CoreError> {
        Ok(c.query_row(
            "SELECT count(*) FROM parties WHERE kind = ?1 AND status = '正常'",
            [kind],
            |r| r.get(0),
        )?)
    };
    let by_role = |role: &str| -> Result<i64, CoreError> {
        Ok(c.query_row(
            "SELECT count(*) FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = ?1 AND s.status = '在岗'",
            [role],
            |r| r.get(0),
        )?)
    };
    Ok(Dashboard {
        settings: settings::get(ctx, serde_json::Value::Null)?,
        households: by_kind("住户")?,
        shops: by_kind("门店")?,
        units: by_kind("单位")?,
        staff_active: count("SELECT count(*) FROM staff WHERE status = '在岗'")?,
        cleaners: by_role("保洁员")?,
        supervisors: by_role("监管人员")?,
        collectors: by_role("收费人员")?,
        cadres: by_role("社区干部")?,
        zones: count("SELECT count(*) FROM zones WHERE active = 1")?,
        groups: groups::all(c)?,
        today: ctx.clock.today(),
    })
}
