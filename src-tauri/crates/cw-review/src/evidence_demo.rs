//! Demo evidence: photos on the season's self-check items, meetings, complaints, publicity,
//! fines, inspections and rectification notices, so the pages and the 迎检 binder show some.

use cw_evidence::demo::{add, owner};
use cw_evidence::store::Owner;
use cw_evidence::OwnerKind;
use cw_kernel::{CoreError, Ctx};
use rusqlite::OptionalExtension;

/// The first `n` ids of `table` (by id), or those `filter` keeps.
fn first_ids(ctx: &Ctx<'_>, table: &str, filter: &str, n: i64) -> Result<Vec<i64>, CoreError> {
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT id FROM {table} WHERE {filter} ORDER BY id LIMIT ?1"
    ))?;
    let ids = stmt.query_map([n], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// Adds the demo photos; nothing for a database in memory.
pub fn generate(ctx: &Ctx<'_>) -> Result<(), CoreError> {
    if cw_evidence::store::folder(ctx).is_err() {
        return Ok(());
    }
    let mut seed = 0u32;
    let mut photo = |o: Owner, caption: &str| -> Result<(), CoreError> {
        seed += 1;
        add(ctx, o, seed, caption)
    };
    // The latest self-check: the first item of each area, and every item that lost points.
    let latest: Option<i64> = ctx
        .conn
        .query_row(
            "SELECT id FROM self_checks ORDER BY checked_on DESC, id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(check) = latest {
        let mut stmt = ctx.conn.prepare(
            "SELECT s.item_id, i.text, s.score < i.points FROM self_check_scores s
             JOIN standard_items i ON i.id = s.item_id
             WHERE s.check_id = ?1 AND (s.score < i.points OR i.id IN
               (SELECT min(id) FROM standard_items WHERE version_id = i.version_id GROUP BY area))
             ORDER BY i.id",
        )?;
        let items: Vec<(i64, String, bool)> = stmt
            .query_map([check], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        for (item, name, lost) in items {
            let what = if lost { "问题现场" } else { "现场照片" };
            let caption: String = format!("{what}：{name}").chars().take(60).collect();
            photo(
                Owner {
                    kind: OwnerKind::SelfCheck,
                    id: check,
                    item_id: Some(item),
                },
                &caption,
            )?;
        }
    }
    for id in first_ids(ctx, "meetings", "1", 20)? {
        photo(owner(OwnerKind::Meeting, id), "会议签到表（扫描）")?;
    }
    for id in first_ids(ctx, "complaints", "1", 3)? {
        photo(owner(OwnerKind::Complaint, id), "处理后现场")?;
    }
    for id in first_ids(ctx, "publicity", "withdrawn IS NULL", 3)? {
        photo(owner(OwnerKind::Publicity, id), "宣传现场")?;
    }
    for id in first_ids(ctx, "fines", "1", 3)? {
        photo(owner(OwnerKind::Fine, id), "检查发现的问题")?;
    }
    for id in first_ids(ctx, "inspections", "1", 2)? {
        photo(owner(OwnerKind::Inspection, id), "检查现场")?;
    }
    for id in first_ids(ctx, "rectification_notices", "1", 2)? {
        photo(owner(OwnerKind::Rectification, id), "整改前")?;
        photo(owner(OwnerKind::Rectification, id), "整改后")?;
    }
    Ok(())
}
