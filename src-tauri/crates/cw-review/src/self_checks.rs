//! The self-check against the 卫生社区 standard: the standard's items in the 8 areas, in dated
//! versions (a version is never changed; a new one is added), and each dated self-check scoring
//! every item of the version in force that day, kept as done.

use chrono::NaiveDate;
use cw_domain::review::{
    AreaScore, ItemScore, SelfCheck, SelfCheckInput, StandardArea, StandardItem, StandardVersion,
    StandardVersionInput,
};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx, IdArgs};
use cw_store::sql::column_at;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// The areas in the standard's order.
pub const AREAS: [StandardArea; 8] = [
    StandardArea::Streets,
    StandardArea::Environment,
    StandardArea::HealthEducation,
    StandardArea::Food,
    StandardArea::Disease,
    StandardArea::Vectors,
    StandardArea::Satisfaction,
    StandardArea::Organisation,
];

fn items_of(conn: &Connection, version: i64) -> Result<Vec<StandardItem>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, area, code, text, points FROM standard_items WHERE version_id = ?1 ORDER BY sort, id",
    )?;
    let rows = stmt.query_map([version], |r| {
        Ok(StandardItem {
            id: r.get(0)?,
            area: column_at(r, 1, "standard_items", "area")?,
            code: r.get(2)?,
            text: r.get(3)?,
            points: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The version in force on `day`.
pub fn version_on(conn: &Connection, day: NaiveDate) -> Result<StandardVersion, CoreError> {
    let (id, effective_date, note): (i64, NaiveDate, String) = conn
        .query_row(
            "SELECT id, effective_date, note FROM standard_versions WHERE effective_date <= ?1
             ORDER BY effective_date DESC LIMIT 1",
            [day],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| DomainError::invalid("日期", "这一天还没有施行的创建标准"))?;
    Ok(StandardVersion {
        id,
        effective_date,
        note,
        items: items_of(conn, id)?,
    })
}

/// Arguments of [`current`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct StandardArgs {
    /// Today if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date: Option<NaiveDate>,
}

/// The standard in force (command).
pub fn current(ctx: &Ctx<'_>, a: StandardArgs) -> Result<StandardVersion, CoreError> {
    version_on(ctx.conn, a.date.unwrap_or_else(|| ctx.clock.today()))
}

/// Adds a version of the whole standard from its date; self-checks before it keep theirs.
pub fn create_version(
    ctx: &Ctx<'_>,
    v: StandardVersionInput,
) -> Result<StandardVersion, CoreError> {
    let date = v.effective_date.ok_or(DomainError::Required {
        field: "施行日期"
    })?;
    if v.items.is_empty() {
        return Err(DomainError::Required {
            field: "标准条目"
        }
        .into());
    }
    let clash: bool = ctx.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM standard_versions WHERE effective_date = ?1)",
        [date],
        |r| r.get(0),
    )?;
    if clash {
        return Err(CoreError::Conflict(format!(
            "{date} 已有一个版本的创建标准"
        )));
    }
    let later: Option<NaiveDate> = ctx
        .conn
        .query_row(
            "SELECT max(checked_on) FROM self_checks WHERE checked_on >= ?1",
            [date],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(d) = later {
        return Err(CoreError::Conflict(format!(
            "{} 已按旧标准自查，新版本须在此后施行",
            cw_pdf::format_date_cn(d)
        )));
    }
    let note = text::limited("说明", &v.note, 200)?;
    ctx.conn.execute(
        "INSERT INTO standard_versions (effective_date, note, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
        params![date, note, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let mut codes: Vec<String> = Vec::new();
    for (n, i) in v.items.iter().enumerate() {
        let code = text::required("编号", &i.code)?;
        if codes.contains(&code) {
            return Err(
                DomainError::invalid("编号", format!("第 {} 项「{code}」重复", n + 1)).into(),
            );
        }
        if !(1..=100).contains(&i.points) {
            return Err(
                DomainError::invalid("分值", format!("第 {} 项应在 1 到 100 之间", n + 1)).into(),
            );
        }
        let item_text = text::limited("标准内容", &text::required("标准内容", &i.text)?, 200)?;
        ctx.conn.execute(
            "INSERT INTO standard_items (version_id, area, code, text, points, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, i.area, code, item_text, i.points, n as i64 + 1],
        )?;
        codes.push(code);
    }
    let after = version_on(ctx.conn, date)?;
    ctx.audit(
        "standard_versions",
        Some(id),
        None::<&StandardVersion>,
        Some(&after),
    )?;
    Ok(after)
}

/// One self-check by id, with each item's score and the areas' totals.
pub fn load(conn: &Connection, id: i64) -> Result<SelfCheck, CoreError> {
    let (checked_on, checked_by, note, version_id): (NaiveDate, String, String, i64) = conn
        .query_row(
            "SELECT checked_on, checked_by, note, version_id FROM self_checks WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(CoreError::NotFound { what: "自查", id })?;
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.area, i.code, i.text, i.points, s.score, s.note
         FROM self_check_scores s JOIN standard_items i ON i.id = s.item_id
         WHERE s.check_id = ?1 ORDER BY i.sort, i.id",
    )?;
    let items: Vec<ItemScore> = stmt
        .query_map([id], |r| {
            Ok(ItemScore {
                item_id: r.get(0)?,
                area: column_at(r, 1, "standard_items", "area")?,
                code: r.get(2)?,
                text: r.get(3)?,
                points: r.get(4)?,
                score: r.get(5)?,
                note: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let areas: Vec<AreaScore> = AREAS
        .iter()
        .map(|a| {
            let mine = items.iter().filter(|i| i.area == *a);
            AreaScore {
                area: *a,
                points: mine.clone().map(|i| i.points).sum(),
                score: mine.map(|i| i.score).sum(),
            }
        })
        .collect();
    Ok(SelfCheck {
        id,
        checked_on,
        checked_by,
        note,
        version_id,
        points: items.iter().map(|i| i.points).sum(),
        score: items.iter().map(|i| i.score).sum(),
        items,
        areas,
    })
}

/// Arguments of [`list`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct SelfCheckQuery {
    /// Done in this year; all if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// The self-checks, oldest first (the trend reads left to right).
pub fn of(conn: &Connection, year: Option<i32>) -> Result<Vec<SelfCheck>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM self_checks WHERE (?1 IS NULL OR substr(checked_on, 1, 4) = printf('%04d', ?1))
         ORDER BY checked_on, id",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([year], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| load(conn, id)).collect()
}

/// The self-checks (command).
pub fn list(ctx: &Ctx<'_>, q: SelfCheckQuery) -> Result<Vec<SelfCheck>, CoreError> {
    of(ctx.conn, q.year)
}

/// One self-check (command).
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<SelfCheck, CoreError> {
    load(ctx.conn, a.id)
}

/// Records a self-check: every item of the version in force that day scored once, between 0 and
/// its points; an item missing, repeated, foreign or over its points is refused, naming it.
pub fn create(ctx: &Ctx<'_>, i: SelfCheckInput) -> Result<SelfCheck, CoreError> {
    let day = i.checked_on.unwrap_or_else(|| ctx.clock.today());
    if day > ctx.clock.today() {
        return Err(DomainError::invalid("自查日期", "不能晚于今天").into());
    }
    let by = text::limited("自查人", &text::required("自查人", &i.checked_by)?, 60)?;
    let note = text::limited("说明", &i.note, 500)?;
    let v = version_on(ctx.conn, day)?;
    for s in &i.scores {
        let item = v
            .items
            .iter()
            .find(|it| it.id == s.item_id)
            .ok_or_else(|| {
                DomainError::invalid(
                    "标准条目",
                    format!("编号 {} 不在当天施行的标准中", s.item_id),
                )
            })?;
        if i.scores.iter().filter(|x| x.item_id == s.item_id).count() > 1 {
            return Err(DomainError::invalid("得分", format!("{} 打了两次分", item.code)).into());
        }
        if !(0..=item.points).contains(&s.score) {
            return Err(DomainError::invalid(
                "得分",
                format!("{} 的得分应在 0 到 {} 之间", item.code, item.points),
            )
            .into());
        }
    }
    if let Some(missing) = v
        .items
        .iter()
        .find(|it| !i.scores.iter().any(|s| s.item_id == it.id))
    {
        return Err(DomainError::invalid("得分", format!("{} 还没有打分", missing.code)).into());
    }
    ctx.conn.execute(
        "INSERT INTO self_checks (checked_on, version_id, checked_by, note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![day, v.id, by, note, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    for s in &i.scores {
        ctx.conn.execute(
            "INSERT INTO self_check_scores (check_id, item_id, score, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, s.item_id, s.score, text::limited("失分说明", &s.note, 200)?],
        )?;
    }
    let after = load(ctx.conn, id)?;
    ctx.audit("self_checks", Some(id), None::<&SelfCheck>, Some(&after))?;
    Ok(after)
}

/// The items the latest self-check scored lowest (by the share of points lost), at most `n`,
/// those at full marks left out.
pub fn weakest(conn: &Connection, n: usize) -> Result<Vec<ItemScore>, CoreError> {
    let last: Option<i64> = conn
        .query_row(
            "SELECT id FROM self_checks ORDER BY checked_on DESC, id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = last else {
        return Ok(Vec::new());
    };
    let mut items: Vec<ItemScore> = load(conn, id)?
        .items
        .into_iter()
        .filter(|i| i.score < i.points)
        .collect();
    // Lost share, compared without division: (points − score) / points, larger first.
    items.sort_by(|a, b| {
        ((b.points - b.score) * a.points)
            .cmp(&((a.points - a.score) * b.points))
            .then(a.code.cmp(&b.code))
    });
    items.truncate(n);
    Ok(items)
}
