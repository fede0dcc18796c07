//! Responsibility zones 责任区: boundaries, kind, the responsible supervisor and assigned cleaners.
//! A zone's cleaners, as listed, are those assigned to it and on the payroll on the day asked
//! (hired by then, not yet left): a worker who left stops being listed from the day after leaving,
//! while the assignment itself is kept for the months they worked (statements name the zone).

use super::sql::{contains_pattern, search_text, Filter};
use super::{IdArgs, UpdateArgs};
use chrono::NaiveDate;
use cw_domain::enums::{Role, StaffStatus, ZoneKind};
use cw_domain::ids::StaffId;
use cw_domain::registry::{Zone, ZoneInput, ZoneQuery};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};

const COLUMNS: &str =
    "z.id, z.name, z.boundary, z.kind, z.supervisor_id, sup.name, z.active, z.note,
    (SELECT count(*) FROM parties p WHERE p.zone_id = z.id AND p.status = '正常')";

fn row_to_zone(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Zone, String)> {
    let name: String = r.get(1)?;
    Ok((
        Zone {
            id: r.get(0)?,
            pinyin: cw_domain::pinyin_key::search_key(&[&name]),
            name,
            boundary: r.get(2)?,
            kind: ZoneKind::Other,
            supervisor_id: r.get(4)?,
            supervisor_name: r.get(5)?,
            cleaner_ids: Vec::new(),
            cleaner_names: Vec::new(),
            active: r.get(6)?,
            party_count: r.get(8)?,
            note: r.get(7)?,
        },
        r.get(3)?,
    ))
}

/// The condition "on the payroll on day ?2" on a staff row `s`, in any of the person's terms.
const ON_PAYROLL: &str = "EXISTS (SELECT 1 FROM staff_terms t WHERE t.staff_id = s.id
    AND (t.hire_date IS NULL OR t.hire_date <= ?2) AND (t.leave_date IS NULL OR t.leave_date >= ?2))";

fn complete(
    conn: &Connection,
    (mut z, kind): (Zone, String),
    day: Option<NaiveDate>,
) -> Result<Zone, CoreError> {
    z.kind = ZoneKind::parse("类型", &kind)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, s.name FROM zone_cleaners zc JOIN staff s ON s.id = zc.staff_id
         WHERE zc.zone_id = ?1 AND (?2 IS NULL OR ({ON_PAYROLL})) ORDER BY s.name"
    ))?;
    for c in stmt.query_map(params![z.id, day], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })? {
        let (id, name) = c?;
        z.cleaner_ids.push(id);
        z.cleaner_names.push(name);
    }
    Ok(z)
}

/// The cleaners of a zone on the payroll on `day`, by name: those a 上级督查 of that day fines
/// (S2). A cleaner who left before it, or joined after it, is not fined for it. Assignments carry
/// no dates, so a cleaner moved between zones since is counted under the current zone.
pub fn cleaners_on(conn: &Connection, zone_id: i64, day: NaiveDate) -> Result<Vec<i64>, CoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id FROM zone_cleaners zc JOIN staff s ON s.id = zc.staff_id
         WHERE zc.zone_id = ?1 AND {ON_PAYROLL} ORDER BY s.name, s.id"
    ))?;
    let ids = stmt
        .query_map(params![zone_id, day], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

fn load_row(conn: &Connection, id: i64) -> Result<(Zone, String), CoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM zones z LEFT JOIN staff sup ON sup.id = z.supervisor_id WHERE z.id = ?1"),
        [id],
        row_to_zone,
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "责任区", id })
}

/// One zone by id with every cleaner ever assigned and still linked (for its name and supervisor).
pub fn load(conn: &Connection, id: i64) -> Result<Zone, CoreError> {
    complete(conn, load_row(conn, id)?, None)
}

/// One zone by id with its cleaners on the payroll on `day`.
pub fn load_on(conn: &Connection, id: i64, day: NaiveDate) -> Result<Zone, CoreError> {
    complete(conn, load_row(conn, id)?, Some(day))
}

/// Zones matching the filters, by name (a community has a few dozen at most).
pub fn list(ctx: &Ctx<'_>, q: ZoneQuery) -> Result<Vec<Zone>, CoreError> {
    let mut f = Filter::default();
    if !q.q.trim().is_empty() {
        f.and(
            "z.search_key LIKE ? ESCAPE '\\'",
            [contains_pattern(&q.q).into()],
        );
    }
    f.eq_opt("z.kind", q.kind.map(|k| k.label().to_string()));
    if !q.include_inactive {
        f.and("z.active = 1", []);
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM zones z LEFT JOIN staff sup ON sup.id = z.supervisor_id{} ORDER BY z.active DESC, z.name",
        f.sql()
    );
    let mut stmt = ctx.conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(f.params.iter()), row_to_zone)?;
    let today = ctx.clock.today();
    let mut out = Vec::new();
    for r in rows {
        out.push(complete(ctx.conn, r?, Some(today))?);
    }
    Ok(out)
}

/// One zone.
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<Zone, CoreError> {
    load_on(ctx.conn, a.id, ctx.clock.today())
}

fn require_role(
    conn: &Connection,
    field: &'static str,
    staff_id: StaffId,
    role: Role,
) -> Result<(), CoreError> {
    let row: Option<(String, StaffStatus, bool)> = conn
        .query_row(
            "SELECT name, status, EXISTS (SELECT 1 FROM staff_roles WHERE staff_id = s.id AND role = ?2)
             FROM staff s WHERE id = ?1",
            params![staff_id, role.label()],
            |r| {
                let status = cw_store::sql::column_at(r, 1, "staff", "status")?;
                Ok((r.get(0)?, status, r.get(2)?))
            },
        )
        .optional()?;
    let (name, status, has_role) = row.ok_or(CoreError::NotFound {
        what: "人员",
        id: staff_id.get(),
    })?;
    if !has_role {
        return Err(DomainError::invalid(field, format!("{name} 不是{}", role.label())).into());
    }
    if status == StaffStatus::Left {
        return Err(DomainError::invalid(field, format!("{name} 已离职")).into());
    }
    Ok(())
}

fn check(
    ctx: &Ctx<'_>,
    i: &ZoneInput,
    id: Option<i64>,
) -> Result<(String, Vec<StaffId>), CoreError> {
    let name = text::limited("名称", &text::required("名称", &i.name)?, 30)?;
    let clash: Option<i64> = ctx
        .conn
        .query_row(
            "SELECT id FROM zones WHERE name = ?1 AND id IS NOT ?2",
            params![name, id],
            |r| r.get(0),
        )
        .optional()?;
    if clash.is_some() {
        return Err(CoreError::Conflict(format!("已有名为「{name}」的责任区")));
    }
    text::limited("范围", &i.boundary, 200)?;
    if let Some(s) = i.supervisor_id {
        require_role(ctx.conn, "监管人员", s, Role::Supervisor)?;
    }
    let mut cleaners = i.cleaner_ids.clone();
    cleaners.sort();
    cleaners.dedup();
    for c in &cleaners {
        require_role(ctx.conn, "保洁员", *c, Role::Cleaner)?;
    }
    Ok((name, cleaners))
}

/// Sets a zone's cleaners as of `today`: links of cleaners not on the payroll today (gone, or not
/// yet started) are not shown in the dialog, so they are kept as they are rather than dropped.
fn write_cleaners(
    conn: &Connection,
    id: i64,
    cleaners: &[StaffId],
    today: NaiveDate,
) -> Result<(), CoreError> {
    conn.execute(
        &format!(
            "DELETE FROM zone_cleaners WHERE zone_id = ?1
               AND staff_id IN (SELECT s.id FROM staff s WHERE {ON_PAYROLL})"
        ),
        params![id, today],
    )?;
    for c in cleaners {
        conn.execute(
            "INSERT OR IGNORE INTO zone_cleaners (zone_id, staff_id) VALUES (?1, ?2)",
            params![id, c],
        )?;
    }
    Ok(())
}

/// Adds a zone.
pub fn create(ctx: &Ctx<'_>, i: ZoneInput) -> Result<Zone, CoreError> {
    let (name, cleaners) = check(ctx, &i, None)?;
    ctx.conn.execute(
        "INSERT INTO zones (name, search_key, boundary, kind, supervisor_id, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![name, search_text(&[&name, &i.boundary]), i.boundary.trim(), i.kind.label(), i.supervisor_id, i.note.trim(), ctx.now_text()],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let today = ctx.clock.today();
    write_cleaners(ctx.conn, id, &cleaners, today)?;
    let after = load_on(ctx.conn, id, today)?;
    ctx.audit("zones", Some(id), None::<&Zone>, Some(&after))?;
    Ok(after)
}

/// Changes a zone.
pub fn update(ctx: &Ctx<'_>, a: UpdateArgs<ZoneInput>) -> Result<Zone, CoreError> {
    let today = ctx.clock.today();
    let before = load_on(ctx.conn, a.id, today)?;
    let (name, cleaners) = check(ctx, &a.input, Some(a.id))?;
    let i = &a.input;
    ctx.conn.execute(
        "UPDATE zones SET name = ?2, search_key = ?3, boundary = ?4, kind = ?5, supervisor_id = ?6, note = ?7, updated_at = ?8
         WHERE id = ?1",
        params![a.id, name, search_text(&[&name, &i.boundary]), i.boundary.trim(), i.kind.label(), i.supervisor_id, i.note.trim(), ctx.now_text()],
    )?;
    write_cleaners(ctx.conn, a.id, &cleaners, today)?;
    let after = load_on(ctx.conn, a.id, today)?;
    ctx.audit("zones", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}

fn set_active(ctx: &Ctx<'_>, id: i64, active: bool) -> Result<Zone, CoreError> {
    let today = ctx.clock.today();
    let before = load_on(ctx.conn, id, today)?;
    if before.active == active {
        return Err(CoreError::Conflict(format!(
            "责任区「{}」已是{}状态",
            before.name,
            if active { "启用" } else { "停用" }
        )));
    }
    if !active && before.party_count > 0 {
        return Err(CoreError::Conflict(format!(
            "责任区「{}」还有 {} 户，请先把它们调整到其他责任区",
            before.name, before.party_count
        )));
    }
    ctx.conn.execute(
        "UPDATE zones SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, active, ctx.now_text()],
    )?;
    let after = load_on(ctx.conn, id, today)?;
    ctx.audit("zones", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Stops using a zone that no longer holds any household.
pub fn deactivate(ctx: &Ctx<'_>, a: IdArgs) -> Result<Zone, CoreError> {
    set_active(ctx, a.id, false)
}

/// Uses a stopped zone again.
pub fn reactivate(ctx: &Ctx<'_>, a: IdArgs) -> Result<Zone, CoreError> {
    set_active(ctx, a.id, true)
}
