//! Households 住户, shops 门店 and units 单位: the parties that sign pledges and pay fees.

use super::sql::{paging, search_text, trigram_query, Filter};
use super::{privacy, IdArgs, UpdateArgs};
use cw_domain::address::Address;
use cw_domain::enums::{parse_tags, PartyKind, PartyStatus};
use cw_domain::registry::{Household, HouseholdInput, HouseholdQuery, Page};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use cw_store::text::Damage;
use cw_store::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

const COLUMNS: &str = "p.id, p.code, p.kind, p.name, p.contact, p.phone, p.street, p.number, p.building, p.unit, p.room,
    p.zone_id, z.name, p.group_no, p.fee_category, p.tags, p.status, p.note";
const FROM: &str = "FROM parties p LEFT JOIN zones z ON z.id = p.zone_id";

/// A row read leniently (see `cw_store::text`): damaged text shows � where its bad bytes were.
fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Household, CoreError>> {
    Ok(read_row(r)?.map(|(h, _)| h))
}

/// A row with the columns whose text was damaged.
fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<(Household, Damage), CoreError>> {
    let mut d = Damage::default();
    let address = Address {
        street: d.text(r, 6, "街道")?,
        number: d.text(r, 7, "门牌号")?,
        building: d.text(r, 8, "楼栋")?,
        unit: d.text(r, 9, "单元")?,
        room: d.text(r, 10, "室")?,
    };
    let (kind, tags, status) = (
        d.text(r, 2, "类型")?,
        d.text(r, 15, "标签")?,
        d.text(r, 16, "状态")?,
    );
    let code = d.text(r, 1, "编号")?;
    let name = d.text(r, 3, "名称")?;
    let contact = d.text(r, 4, "联系人")?;
    let phone = d.text(r, 5, "电话")?;
    let zone_name = d.opt_text(r, 12, "责任区")?;
    let fee_category = d.text(r, 14, "收费类别")?;
    let note = d.text(r, 17, "备注")?;
    let build = || -> Result<Household, CoreError> {
        Ok(Household {
            id: r.get(0)?,
            code,
            kind: PartyKind::parse("类型", &kind)?,
            name,
            contact,
            phone,
            address_text: address.display(),
            address: address.clone(),
            zone_id: r.get(11)?,
            zone_name,
            group_no: r.get(13)?,
            fee_category,
            tags: parse_tags("标签", &tags)?,
            status: PartyStatus::parse("状态", &status)?,
            note,
        })
    };
    Ok(build().map(|h| (h, d)))
}

/// `：住户 H00017（编号 17）的「名称」`: where a household's damaged text is.
pub fn damage_place(h: &Household, d: &Damage) -> String {
    format!("：住户 {}（编号 {}）的{}", h.code, h.id, d.columns())
}

/// One household, shop or unit by id.
/// Refused, naming the row and its columns, when its text is damaged: an edit form filled with
/// � would write the marks back, altering the record unseen.
pub fn load(conn: &Connection, id: i64) -> Result<Household, CoreError> {
    let (h, d) = conn
        .prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE p.id = ?1"))?
        .query_row([id], read_row)
        .optional()?
        .ok_or(CoreError::NotFound { what: "住户", id })??;
    if !d.is_empty() {
        return Err(StoreError::DamagedText {
            place: damage_place(&h, &d),
        }
        .into());
    }
    Ok(h)
}

/// The filters of a household query, shared by the list, exports and the roster.
pub fn filter(q: &HouseholdQuery) -> Filter {
    let mut f = Filter::default();
    if !q.q.trim().is_empty() {
        if let Some(m) = trigram_query(&q.q) {
            f.and(
                "p.id IN (SELECT rowid FROM parties_fts WHERE parties_fts MATCH ?)",
                [m.into()],
            );
        }
        // instr, not LIKE: the same "contains" on text already lower-cased (codes upper-cased),
        // at half the cost where no trigram narrows the search and every party is read.
        let words = q.q.trim().to_lowercase();
        f.and(
            "(instr(p.search_key, ?) > 0 OR instr(lower(p.phone), ?) > 0 OR instr(p.code, ?) > 0)",
            [
                words.clone().into(),
                words.clone().into(),
                words.to_uppercase().into(),
            ],
        );
    }
    f.eq_opt("p.kind", q.kind.map(|k| k.label().to_string()));
    f.eq_opt("p.zone_id", q.zone_id);
    f.eq_opt("p.group_no", q.group_no.map(i64::from));
    f.eq_opt("p.status", q.status.map(|s| s.label().to_string()));
    f.eq_opt("p.street", q.street.clone().filter(|s| !s.is_empty()));
    if let Some(tag) = q.tag {
        // `tags <> ''` lets the partial index of tagged parties do the walking (0010).
        f.and(
            "p.tags <> '' AND (',' || p.tags || ',') LIKE ?",
            [format!("%,{},%", tag.label()).into()],
        );
    }
    f
}

/// The ORDER BY of a household query; walking order by address unless asked otherwise.
pub fn order(q: &HouseholdQuery) -> String {
    let dir = if q.desc { " DESC" } else { "" };
    match q.sort.as_deref() {
        Some("name") => format!("p.name{dir}, p.id"),
        Some("code") => format!("p.code{dir}"),
        Some("zone") => format!("z.name IS NULL, z.name{dir}, p.address_sort, p.id"),
        _ => format!("p.address_sort{dir}, p.id"),
    }
}

/// Every household matching a query, unpaged (for exports and rosters); damaged text is read
/// with its marks (see [`all_matching_marked`]).
pub fn all_matching(conn: &Connection, q: &HouseholdQuery) -> Result<Vec<Household>, CoreError> {
    Ok(all_matching_marked(conn, q)?
        .into_iter()
        .map(|(h, _)| h)
        .collect())
}

/// Like [`all_matching`], with the columns of each row whose text was damaged, for an export
/// to warn about by name.
pub fn all_matching_marked(
    conn: &Connection,
    q: &HouseholdQuery,
) -> Result<Vec<(Household, Damage)>, CoreError> {
    let f = filter(q);
    let sql = format!("SELECT {COLUMNS} {FROM}{} ORDER BY {}", f.sql(), order(q));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(f.params.iter()), read_row)?;
    rows.map(|r| r?).collect()
}

/// One page of the households matching a query, the sensitive tags taken off for a caller who
/// does not see them (who may not search by them either).
pub fn list(ctx: &Ctx<'_>, q: HouseholdQuery) -> Result<Page<Household>, CoreError> {
    privacy::check_filter(ctx, q.tag)?;
    let seen = privacy::sees_tags(ctx)?;
    let mut page = page_of(ctx, q)?;
    for h in &mut page.items {
        privacy::hide_from(seen, h);
    }
    Ok(page)
}

fn page_of(ctx: &Ctx<'_>, q: HouseholdQuery) -> Result<Page<Household>, CoreError> {
    let f = filter(&q);
    let (page, size, offset) = paging(q.page, q.page_size);
    if !q.q.trim().is_empty() && trigram_query(&q.q).is_none() {
        return short_search(ctx.conn, &q, &f, (page, size, offset));
    }
    if q.sort.as_deref() == Some("zone") {
        let (ids, total) =
            super::households_by_zone::page_ids(ctx.conn, &f, q.desc, (size, offset))?;
        return Ok(Page {
            items: rows_of(ctx.conn, &ids, &order(&q))?,
            total,
            page,
            page_size: size,
        });
    }
    let total: i64 = ctx.conn.query_row(
        &format!("SELECT count(*) {FROM}{}", f.sql()),
        rusqlite::params_from_iter(f.params.iter()),
        |r| r.get(0),
    )?;
    // The page's ids first, then their rows: a deep page skips index entries, not whole rows
    // joined to their zone (page 5,000 of the ten-times community).
    let order = order(&q);
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE p.id IN (SELECT p.id {FROM}{} ORDER BY {order} LIMIT {size} OFFSET {offset})
         ORDER BY {order}",
        f.sql(),
    );
    let mut stmt = ctx.conn.prepare(&sql)?;
    let items = stmt
        .query_map(rusqlite::params_from_iter(f.params.iter()), from_row)?
        .map(|r| r?)
        .collect::<Result<Vec<_>, CoreError>>()?;
    Ok(Page {
        items,
        total,
        page,
        page_size: size,
    })
}

/// A search of one or two characters has no trigram to narrow it and reads every party: read
/// them once, in the list's order, and take both the count and the page from that one pass.
fn short_search(
    conn: &Connection,
    q: &HouseholdQuery,
    f: &Filter,
    (page, size, offset): (i64, i64, i64),
) -> Result<Page<Household>, CoreError> {
    let order = order(q);
    // NOT INDEXED: read the table straight through and sort the matches; walking an index in
    // the list's order would fetch every row out of order to test it (four times slower).
    let ids: Vec<i64> = conn
        .prepare(&format!(
            "SELECT p.id FROM parties p NOT INDEXED LEFT JOIN zones z ON z.id = p.zone_id{} ORDER BY {order}",
            f.sql()
        ))?
        .query_map(rusqlite::params_from_iter(f.params.iter()), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let wanted: Vec<i64> = ids
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(size).unwrap_or(0))
        .copied()
        .collect();
    let items = rows_of(conn, &wanted, &order)?;
    Ok(Page {
        items,
        total: ids.len() as i64,
        page,
        page_size: size,
    })
}

/// The households of `ids`, in the list's `order`.
fn rows_of(conn: &Connection, ids: &[i64], order: &str) -> Result<Vec<Household>, CoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    // The ids are integers read from the table, so they can stand in the SQL text.
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} {FROM} WHERE p.id IN ({}) ORDER BY {order}",
        list.join(",")
    ))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|r| r?).collect()
}

/// One household, shop or unit (its sensitive tags only for a caller who sees them).
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<Household, CoreError> {
    let mut h = load(ctx.conn, a.id)?;
    privacy::hide_from(privacy::sees_tags(ctx)?, &mut h);
    Ok(h)
}

/// An input checked against the rules, normalised and ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked(pub HouseholdInput);

/// Checks an input; database checks (the zone exists and is in use) included.
pub fn check(conn: &Connection, i: &HouseholdInput) -> Result<Checked, CoreError> {
    let name = text::limited("名称", &text::required("名称", &i.name)?, 60)?;
    text::refuse_formula("名称", &name)?;
    let contact = text::limited("联系人", &i.contact, 20)?;
    text::refuse_formula("联系人", &contact)?;
    let street = text::limited("街道", &text::required("街道", &i.address.street)?, 30)?;
    let address = Address {
        street,
        number: text::limited("门牌号", &i.address.number, 10)?,
        building: text::limited("楼栋", &i.address.building, 10)?,
        unit: text::limited("单元", &i.address.unit, 10)?,
        room: text::limited("房号", &i.address.room, 10)?,
    };
    if let Some(g) = i.group_no {
        if !(1..=4).contains(&g) {
            return Err(DomainError::invalid("收费小组", "应为 1 到 4").into());
        }
    }
    if let Some(z) = i.zone_id {
        let active: Option<bool> = conn
            .query_row("SELECT active FROM zones WHERE id = ?1", [z], |r| r.get(0))
            .optional()?;
        match active {
            None => {
                return Err(CoreError::NotFound {
                    what: "责任区",
                    id: z.get(),
                })
            }
            Some(false) => return Err(DomainError::invalid("责任区", "该责任区已停用").into()),
            Some(true) => {}
        }
    }
    let fee = text::limited("收费类别", &i.fee_category, 20)?;
    let mut tags = i.tags.clone();
    tags.sort();
    tags.dedup();
    Ok(Checked(HouseholdInput {
        kind: i.kind,
        name,
        contact,
        phone: text::phone("电话", &i.phone)?,
        address,
        zone_id: i.zone_id,
        group_no: i.group_no,
        fee_category: if fee.is_empty() {
            i.kind.default_fee_category().to_string()
        } else {
            fee
        },
        tags,
        note: text::limited("备注", &i.note, 200)?,
    }))
}

fn tags_text(i: &HouseholdInput) -> String {
    i.tags
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join(",")
}

fn search(i: &HouseholdInput) -> String {
    search_text(&[&i.name, &i.contact, &i.address.display()])
}

/// The id of an active record with the same kind, name and address, if any.
pub fn find_same(
    conn: &Connection,
    i: &HouseholdInput,
    except: Option<i64>,
) -> Result<Option<(i64, String)>, CoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, code FROM parties WHERE kind = ?1 AND name = ?2 AND address_sort = ?3 AND id IS NOT ?4 LIMIT 1",
        )?
        .query_row(
            params![i.kind.label(), i.name, i.address.sort_key(), except],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Inserts a checked record with a fresh code; returns the id.
pub fn insert(ctx: &Ctx<'_>, c: &Checked) -> Result<i64, CoreError> {
    let i = &c.0;
    if let Some((_, code)) = find_same(ctx.conn, i, None)? {
        return Err(CoreError::Conflict(format!(
            "已有同名同地址的{}（编号 {code}）",
            i.kind.label()
        )));
    }
    let a = &i.address;
    // The code follows the row id, so it is unique and never reused. The id is the one SQLite
    // would pick (parties are never deleted) and is known before the row is written, so the code
    // goes in with it: filling it in afterwards rewrote the row and its search index entries.
    let id: i64 = ctx
        .conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM parties")?
        .query_row([], |r| r.get(0))?;
    let prefix = match i.kind {
        PartyKind::Household => "H",
        PartyKind::Shop => "S",
        PartyKind::Unit => "U",
    };
    ctx.conn
        .prepare_cached(
            "INSERT INTO parties (id, code, kind, name, contact, phone, street, number, building, unit, room, address_sort,
               zone_id, group_no, fee_category, tags, status, note, search_key, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, '正常', ?17, ?18, ?19, ?19)",
        )?
        .execute(params![id, format!("{prefix}{id:06}"), i.kind.label(), i.name, i.contact, i.phone, a.street, a.number,
            a.building, a.unit, a.room, a.sort_key(), i.zone_id, i.group_no, i.fee_category, tags_text(i), i.note,
            search(i), ctx.now_text()])?;
    let after = load(ctx.conn, id)?;
    ctx.audit("parties", Some(id), None::<&Household>, Some(&after))?;
    Ok(id)
}

/// Replaces a record's values with checked ones, recording before and after.
pub fn replace(ctx: &Ctx<'_>, id: i64, c: &Checked) -> Result<Household, CoreError> {
    let before = load(ctx.conn, id)?;
    let i = &c.0;
    if let Some((_, code)) = find_same(ctx.conn, i, Some(id))? {
        return Err(CoreError::Conflict(format!(
            "已有同名同地址的{}（编号 {code}）",
            i.kind.label()
        )));
    }
    let a = &i.address;
    ctx.conn.execute(
        "UPDATE parties SET kind = ?2, name = ?3, contact = ?4, phone = ?5, street = ?6, number = ?7, building = ?8,
           unit = ?9, room = ?10, address_sort = ?11, zone_id = ?12, group_no = ?13, fee_category = ?14, tags = ?15,
           note = ?16, search_key = ?17, updated_at = ?18
         WHERE id = ?1",
        params![id, i.kind.label(), i.name, i.contact, i.phone, a.street, a.number, a.building, a.unit, a.room,
            a.sort_key(), i.zone_id, i.group_no, i.fee_category, tags_text(i), i.note, search(i), ctx.now_text()],
    )?;
    let after = load(ctx.conn, id)?;
    ctx.audit("parties", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Adds a household, shop or unit; someone who does not see the sensitive tags sets none.
pub fn create(ctx: &Ctx<'_>, mut input: HouseholdInput) -> Result<Household, CoreError> {
    let seen = privacy::sees_tags(ctx)?;
    input.tags = privacy::merged_tags(seen, &input.tags, &[]);
    let c = check(ctx.conn, &input)?;
    let id = insert(ctx, &c)?;
    get(ctx, IdArgs { id })
}

/// Changes a household, shop or unit; the sensitive tags of someone who does not see them are
/// kept as stored.
pub fn update(ctx: &Ctx<'_>, mut a: UpdateArgs<HouseholdInput>) -> Result<Household, CoreError> {
    let seen = privacy::sees_tags(ctx)?;
    if !seen {
        let stored = load(ctx.conn, a.id)?.tags;
        a.input.tags = privacy::merged_tags(seen, &a.input.tags, &stored);
    }
    let c = check(ctx.conn, &a.input)?;
    let mut h = replace(ctx, a.id, &c)?;
    privacy::hide_from(seen, &mut h);
    Ok(h)
}

/// Arguments of [`set_status`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct StatusArgs {
    pub id: i64,
    pub status: PartyStatus,
}

/// Marks a household moved out, a shop or unit closed, or either back to normal. Nothing is deleted.
pub fn set_status(ctx: &Ctx<'_>, a: StatusArgs) -> Result<Household, CoreError> {
    let before = load(ctx.conn, a.id)?;
    if before.status == a.status {
        return Err(CoreError::Conflict(format!(
            "{} 已是「{}」状态",
            before.name,
            a.status.label()
        )));
    }
    if a.status == PartyStatus::MovedOut && before.kind != PartyKind::Household {
        return Err(DomainError::invalid("状态", "门店和单位用「已关闭」").into());
    }
    if a.status == PartyStatus::Closed && before.kind == PartyKind::Household {
        return Err(DomainError::invalid("状态", "住户用「已迁出」").into());
    }
    ctx.conn.execute(
        "UPDATE parties SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![a.id, a.status.label(), ctx.now_text()],
    )?;
    let mut after = load(ctx.conn, a.id)?;
    ctx.audit("parties", Some(a.id), Some(&before), Some(&after))?;
    privacy::hide_from(privacy::sees_tags(ctx)?, &mut after);
    Ok(after)
}
