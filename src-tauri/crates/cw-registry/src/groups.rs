//! The four collection groups 收费小组 and their leaders.

use cw_domain::enums::StaffStatus;
use cw_domain::ids::StaffId;
use cw_domain::registry::Group;
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

fn load_all(conn: &Connection, only: Option<i32>) -> Result<Vec<Group>, CoreError> {
    let mut stmt = conn.prepare(
        "SELECT g.no, g.name, g.leader_id, s.name,
           (SELECT count(*) FROM staff m WHERE m.group_no = g.no AND m.status = '在岗'),
           (SELECT count(*) FROM parties p WHERE p.group_no = g.no AND p.status = '正常')
         FROM collection_groups g LEFT JOIN staff s ON s.id = g.leader_id
         WHERE ?1 IS NULL OR g.no = ?1 ORDER BY g.no",
    )?;
    let rows = stmt.query_map([only], |r| {
        Ok(Group {
            no: r.get(0)?,
            name: r.get(1)?,
            leader_id: r.get(2)?,
            leader_name: r.get(3)?,
            member_count: r.get(4)?,
            party_count: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The four groups with leaders and counts.
pub fn list(ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<Vec<Group>, CoreError> {
    load_all(ctx.conn, None)
}

/// Arguments of [`set_leader`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct LeaderArgs {
    pub no: i32,
    #[ts(optional = nullable)]
    pub leader_id: Option<StaffId>,
}

/// Names (or clears) a group's leader, who must be an active member of that group.
pub fn set_leader(ctx: &Ctx<'_>, a: LeaderArgs) -> Result<Group, CoreError> {
    let before = load_all(ctx.conn, Some(a.no))?
        .pop()
        .ok_or(CoreError::NotFound {
            what: "收费小组",
            id: i64::from(a.no),
        })?;
    if let Some(id) = a.leader_id {
        let row: Option<(String, Option<i32>, StaffStatus)> = ctx
            .conn
            .query_row(
                "SELECT name, group_no, status FROM staff WHERE id = ?1",
                [id],
                |r| {
                    let status = cw_store::sql::column_at(r, 2, "staff", "status")?;
                    Ok((r.get(0)?, r.get(1)?, status))
                },
            )
            .optional()?;
        let (name, group, status) = row.ok_or(CoreError::NotFound {
            what: "人员",
            id: id.get(),
        })?;
        if group != Some(a.no) {
            return Err(
                DomainError::invalid("组长", format!("{name} 不是{}的成员", before.name)).into(),
            );
        }
        if status == StaffStatus::Left {
            return Err(DomainError::invalid("组长", format!("{name} 已离职")).into());
        }
    }
    ctx.conn.execute(
        "UPDATE collection_groups SET leader_id = ?2 WHERE no = ?1",
        params![a.no, a.leader_id],
    )?;
    let after = load_all(ctx.conn, Some(a.no))?
        .pop()
        .ok_or(CoreError::NotFound {
            what: "收费小组",
            id: i64::from(a.no),
        })?;
    ctx.audit(
        "collection_groups",
        Some(i64::from(a.no)),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// The groups, for other use-cases (dashboard).
pub fn all(conn: &Connection) -> Result<Vec<Group>, CoreError> {
    load_all(conn, None)
}
