//! Responsibility zones 责任区: boundaries, kind, the responsible supervisor and assigned cleaners.

use super::sql::{contains_pattern, search_text, Filter};
use super::{IdArgs, UpdateArgs};
use crate::{CoreError, Ctx};
use cw_domain::enums::{Role, StaffStatus, ZoneKind};
use cw_domain::registry::{Zone, ZoneInput, ZoneQuery};
use cw_domain::{text, DomainError};
use rusqlite::{params, Connection, OptionalExtension};

const COLUMNS: &str =
    "z.id, z.name, z.boundary, z.kind, z.supervisor_id, sup.name, z.active, z.note,
    (SELECT count(*) FROM parties p WHERE p.zone_id = z.id AND p.status = '正常')";

fn row_to_zone(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Zone, String)> {
    Ok((
        Zone {
            id: r.get(0)?,
            name: r.get(1)?,
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

fn complete(conn: &Connection, (mut z, kind): (Zone, String)) -> Result<Zone, CoreError> {
    z.kind = ZoneKind::parse("类型", &kind)?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name FROM zone_cleaners zc JOIN staff s ON s.id = zc.staff_id
         WHERE zc.zone_id = ?1 ORDER BY s.name",
    )?;
    for c in stmt.query_map([z.id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })? {
        let (id, name) = c?;
        z.cleaner_ids.push(id);
        z.cleaner_names.push(name);
    }
    Ok(z)
}

/// One zone by id.
pub fn load(conn: &Connection, id: i64) -> Result<Zone, CoreError> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM zones z LEFT JOIN staff sup ON sup.id = z.supervisor_id WHERE z.id = ?1"),
            [id],
            row_to_zone,
        )
        .optional()?
        .ok_or(CoreError::NotFound { what: "责任区", id })?;
    complete(conn, row)
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
    let mut out = Vec::new();
    for r in rows {
        out.push(complete(ctx.conn, r?)?);
    }
    Ok(out)
}

/// One zone.
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<Zone, CoreError> {
    load(ctx.conn, a.id)
}

fn require_role(
    conn: &Connection,
    field: &'static str,
    staff_id: i64,
    role: Role,
) -> Result<(), CoreError> {
    let row: Option<(String, String, bool)> = conn
        .query_row(
            "SELECT name, status, EXISTS (SELECT 1 FROM staff_roles WHERE staff_id = s.id AND role = ?2)
             FROM staff s WHERE id = ?1",
            params![staff_id, role.label()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (name, status, has_role) = row.ok_or(CoreError::NotFound {
        what: "人员",
        id: staff_id,
    })?;
    if !has_role {
        return Err(DomainError::invalid(field, format!("{name} 不是{}", role.label())).into());
    }
    if status == StaffStatus::Left.label() {
        return Err(DomainError::invalid(field, format!("{name} 已离职")).into());
    }
    Ok(())
}

fn check(ctx: &Ctx<'_>, i: &ZoneInput, id: Option<i64>) -> Result<(String, Vec<i64>), CoreError> {
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

fn write_cleaners(conn: &Connection, id: i64, cleaners: &[i64]) -> Result<(), CoreError> {
    conn.execute("DELETE FROM zone_cleaners WHERE zone_id = ?1", [id])?;
    for c in cleaners {
        conn.execute(
            "INSERT INTO zone_cleaners (zone_id, staff_id) VALUES (?1, ?2)",
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
    write_cleaners(ctx.conn, id, &cleaners)?;
    let after = load(ctx.conn, id)?;
    ctx.audit("zones", Some(id), None::<&Zone>, Some(&after))?;
    Ok(after)
}

/// Changes a zone.
pub fn update(ctx: &Ctx<'_>, a: UpdateArgs<ZoneInput>) -> Result<Zone, CoreError> {
    let before = load(ctx.conn, a.id)?;
    let (name, cleaners) = check(ctx, &a.input, Some(a.id))?;
    let i = &a.input;
    ctx.conn.execute(
        "UPDATE zones SET name = ?2, search_key = ?3, boundary = ?4, kind = ?5, supervisor_id = ?6, note = ?7, updated_at = ?8
         WHERE id = ?1",
        params![a.id, name, search_text(&[&name, &i.boundary]), i.boundary.trim(), i.kind.label(), i.supervisor_id, i.note.trim(), ctx.now_text()],
    )?;
    write_cleaners(ctx.conn, a.id, &cleaners)?;
    let after = load(ctx.conn, a.id)?;
    ctx.audit("zones", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}

fn set_active(ctx: &Ctx<'_>, id: i64, active: bool) -> Result<Zone, CoreError> {
    let before = load(ctx.conn, id)?;
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
    let after = load(ctx.conn, id)?;
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
