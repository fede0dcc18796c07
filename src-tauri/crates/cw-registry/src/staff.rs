//! Staff: cleaners, supervisors, collectors, cadres and leadership-group members.

use super::sql::{contains_pattern, paging, search_text, Filter};
use super::{IdArgs, UpdateArgs};
use chrono::NaiveDate;
use cw_domain::enums::{LeaveKind, Role, StaffStatus};
use cw_domain::ids::ZoneId;
use cw_domain::registry::{Employment, Page, Staff, StaffInput, StaffQuery, StaffTerm};
use cw_domain::{money, text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

const COLUMNS: &str = "s.id, s.name, s.group_no, s.phone, s.hire_date, s.leave_date, s.base_wage_fen, s.status, s.note,
    EXISTS (SELECT 1 FROM collection_groups g WHERE g.leader_id = s.id), s.leave_kind, s.notice_date";

fn row_to_staff(r: &rusqlite::Row<'_>) -> rusqlite::Result<Staff> {
    let wage: Option<i64> = r.get(6)?;
    let name: String = r.get(1)?;
    Ok(Staff {
        id: r.get(0)?,
        pinyin: cw_domain::pinyin_key::search_key(&[&name]),
        name,
        roles: Vec::new(),
        group_no: r.get(2)?,
        is_group_leader: r.get(9)?,
        phone: r.get(3)?,
        hire_date: r.get(4)?,
        leave_date: r.get(5)?,
        leave_kind: cw_store::sql::column_at(r, 10, "staff", "leave_kind")?,
        notice_date: r.get(11)?,
        base_wage: wage.map(|f| money::to_wire(money::fen_to_decimal(f))),
        // An unknown status is an error naming the column, never quietly 在岗.
        status: cw_store::sql::column_at(r, 7, "staff", "status")?,
        zone_ids: Vec::new(),
        zone_names: Vec::new(),
        note: r.get(8)?,
        past_terms: Vec::new(),
    })
}

/// Fills roles and zones of staff read from the main table.
fn complete(conn: &Connection, mut s: Staff) -> Result<Staff, CoreError> {
    let mut roles = conn.prepare_cached("SELECT role FROM staff_roles WHERE staff_id = ?1")?;
    for role in roles.query_map([s.id], |r| {
        cw_store::sql::column_at::<Role>(r, 0, "staff_roles", "role")
    })? {
        s.roles.push(role?);
    }
    s.roles.sort();
    let mut zones = conn.prepare_cached(
        "SELECT z.id, z.name FROM zone_cleaners zc JOIN zones z ON z.id = zc.zone_id
         WHERE zc.staff_id = ?1 ORDER BY z.name",
    )?;
    for z in zones.query_map([s.id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })? {
        let (id, name) = z?;
        s.zone_ids.push(id);
        s.zone_names.push(name);
    }
    let mut terms = conn.prepare_cached(
        "SELECT hire_date, leave_date, leave_kind, notice_date FROM staff_periods
         WHERE staff_id = ?1 ORDER BY leave_date, id",
    )?;
    for t in terms.query_map([s.id], |r| {
        Ok(StaffTerm {
            hire_date: r.get(0)?,
            leave_date: r.get(1)?,
            leave_kind: cw_store::sql::column_at(r, 2, "staff_periods", "leave_kind")?,
            notice_date: r.get(3)?,
        })
    })? {
        s.past_terms.push(t?);
    }
    Ok(s)
}

/// Every term of a person's employment (current and past), for the payroll, the attendance
/// sheet and the records that must fall on a day of employment.
pub fn employment(conn: &Connection, id: i64) -> Result<Employment, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT hire_date, leave_date FROM staff_terms WHERE staff_id = ?1 ORDER BY hire_date",
    )?;
    let terms = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(Employment { terms })
}

/// One staff member by id.
pub fn load(conn: &Connection, id: i64) -> Result<Staff, CoreError> {
    let s = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM staff s WHERE s.id = ?1"),
            [id],
            row_to_staff,
        )
        .optional()?
        .ok_or(CoreError::NotFound { what: "人员", id })?;
    complete(conn, s)
}

/// Staff matching the filters, one page of them.
pub fn list(ctx: &Ctx<'_>, q: StaffQuery) -> Result<Page<Staff>, CoreError> {
    let mut f = Filter::default();
    if !q.q.trim().is_empty() {
        let p = contains_pattern(&q.q);
        f.and(
            "(s.search_key LIKE ? ESCAPE '\\' OR s.phone LIKE ? ESCAPE '\\')",
            [p.clone().into(), p.into()],
        );
    }
    if let Some(role) = q.role {
        f.and(
            "s.id IN (SELECT staff_id FROM staff_roles WHERE role = ?)",
            [role.label().to_string().into()],
        );
    }
    f.eq_opt("s.group_no", q.group_no.map(i64::from));
    f.eq_opt("s.status", q.status.map(|s| s.label().to_string()));
    if let Some(z) = q.zone_id {
        f.and(
            "s.id IN (SELECT staff_id FROM zone_cleaners WHERE zone_id = ?)",
            [z.into()],
        );
    }
    let order = match q.sort.as_deref() {
        Some("group_no") => "s.group_no",
        Some("hire_date") => "s.hire_date",
        Some("id") => "s.id",
        _ => "s.name",
    };
    let dir = if q.desc { " DESC" } else { "" };
    let (page, size, offset) = paging(q.page, q.page_size);
    let total: i64 = ctx.conn.query_row(
        &format!("SELECT count(*) FROM staff s{}", f.sql()),
        rusqlite::params_from_iter(f.params.iter()),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT {COLUMNS} FROM staff s{} ORDER BY {order} IS NULL, {order}{dir}, s.name, s.id LIMIT {size} OFFSET {offset}",
        f.sql()
    );
    let mut stmt = ctx.conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(f.params.iter()), row_to_staff)?;
    let mut items = Vec::new();
    for s in rows {
        items.push(complete(ctx.conn, s?)?);
    }
    Ok(Page {
        items,
        total,
        page,
        page_size: size,
    })
}

/// One staff member.
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<Staff, CoreError> {
    load(ctx.conn, a.id)
}

/// A staff input checked against the rules, ready to store.
pub struct Checked {
    pub name: String,
    pub roles: Vec<Role>,
    pub group_no: Option<i32>,
    pub phone: String,
    pub hire_date: Option<NaiveDate>,
    pub leave_date: Option<NaiveDate>,
    pub wage_fen: Option<i64>,
    pub zone_ids: Vec<ZoneId>,
    pub note: String,
}

/// Checks an input; database checks (zones exist) included.
pub fn check(conn: &Connection, i: &StaffInput) -> Result<Checked, CoreError> {
    let name = text::limited("姓名", &text::required("姓名", &i.name)?, 20)?;
    text::refuse_formula("姓名", &name)?;
    if i.roles.is_empty() {
        return Err(DomainError::Required { field: "岗位" }.into());
    }
    let mut roles = i.roles.clone();
    roles.sort();
    roles.dedup();
    if let Some(g) = i.group_no {
        if !(1..=4).contains(&g) {
            return Err(DomainError::invalid("收费小组", "应为 1 到 4").into());
        }
    }
    if let (Some(h), Some(l)) = (i.hire_date, i.leave_date) {
        if l < h {
            return Err(DomainError::invalid("离职日期", "不能早于入职日期").into());
        }
    }
    let wage_fen = match i
        .base_wage
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        Some(w) => Some(money::decimal_to_fen(
            "月基本工资",
            money::parse_money("月基本工资", w)?,
        )?),
        None => None,
    };
    let mut zone_ids = i.zone_ids.clone();
    zone_ids.sort();
    zone_ids.dedup();
    if !zone_ids.is_empty() && !roles.contains(&Role::Cleaner) {
        return Err(DomainError::invalid("责任区", "只有保洁员可以分配责任区").into());
    }
    for z in &zone_ids {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM zones WHERE id = ?1)",
            [z],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(CoreError::NotFound {
                what: "责任区",
                id: z.get(),
            });
        }
    }
    Ok(Checked {
        name,
        roles,
        group_no: i.group_no,
        phone: text::phone("电话", &i.phone)?,
        hire_date: i.hire_date,
        leave_date: i.leave_date,
        wage_fen,
        zone_ids,
        note: text::limited("备注", &i.note, 200)?,
    })
}

fn write_links(conn: &Connection, id: i64, c: &Checked) -> Result<(), CoreError> {
    conn.execute("DELETE FROM staff_roles WHERE staff_id = ?1", [id])?;
    for r in &c.roles {
        conn.execute(
            "INSERT INTO staff_roles (staff_id, role) VALUES (?1, ?2)",
            params![id, r.label()],
        )?;
    }
    conn.execute("DELETE FROM zone_cleaners WHERE staff_id = ?1", [id])?;
    for z in &c.zone_ids {
        conn.execute(
            "INSERT INTO zone_cleaners (zone_id, staff_id) VALUES (?1, ?2)",
            params![z, id],
        )?;
    }
    Ok(())
}

/// Inserts checked values; returns the new id. Used by create and import.
pub fn insert(ctx: &Ctx<'_>, c: &Checked) -> Result<i64, CoreError> {
    let now = ctx.now_text();
    let status = if c.leave_date.is_some_and(|d| d <= ctx.clock.today()) {
        StaffStatus::Left
    } else {
        StaffStatus::Active
    };
    ctx.conn.execute(
        "INSERT INTO staff (name, search_key, group_no, phone, hire_date, leave_date, base_wage_fen, status, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![c.name, search_text(&[&c.name]), c.group_no, c.phone, c.hire_date, c.leave_date, c.wage_fen, status.label(), c.note, now],
    )?;
    let id = ctx.conn.last_insert_rowid();
    write_links(ctx.conn, id, c)?;
    let after = load(ctx.conn, id)?;
    ctx.audit("staff", Some(id), None::<&Staff>, Some(&after))?;
    Ok(id)
}

/// Refuses a hire date after, or a leave date before, one of the person's records (a fine,
/// withholding or award not voided): the record says they were working that day. A voided one
/// never counted and does not stand in the way.
fn employment_covers_records(
    conn: &Connection,
    id: i64,
    hire: Option<NaiveDate>,
    leave: Option<NaiveDate>,
) -> Result<(), CoreError> {
    // The record outside the term to name: the first before a hire date, the latest after a
    // leave date.
    let outside = |cond: &str,
                   order: &str,
                   day: NaiveDate|
     -> Result<Option<(i64, String, NaiveDate)>, CoreError> {
        Ok(conn
            .query_row(
                &format!(
                    "SELECT f.id, f.item_code, f.date FROM fines f WHERE f.staff_id = ?1 AND {cond}
                       AND NOT EXISTS (SELECT 1 FROM fine_corrections c WHERE c.fine_id = f.id AND c.kind = '作废')
                     ORDER BY f.date {order}, f.id {order} LIMIT 1"
                ),
                params![id, day],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    };
    let cn = |d: NaiveDate| cw_pdf::format_date_cn(d);
    if let Some(l) = leave {
        if let Some((fid, code, d)) = outside("f.date > ?2", "DESC", l)? {
            return Err(DomainError::invalid(
                "离职日期",
                format!(
                    "{} 早于其考核记录的日期：第 {fid} 号 {code}，{}（该记录说明当天仍在岗；如记录有误请先作废）",
                    cn(l),
                    cn(d)
                ),
            )
            .into());
        }
    }
    if let Some(h) = hire {
        // Records of an earlier term (before the worker left and was taken back on) are that term's.
        let current =
            "f.date < ?2 AND f.date > (SELECT coalesce(max(leave_date), '') FROM staff_periods
             WHERE staff_id = f.staff_id)";
        if let Some((fid, code, d)) = outside(current, "ASC", h)? {
            return Err(DomainError::invalid(
                "入职日期",
                format!(
                    "{} 晚于其考核记录的日期：第 {fid} 号 {code}，{}（如记录有误请先作废）",
                    cn(h),
                    cn(d)
                ),
            )
            .into());
        }
    }
    Ok(())
}

/// Replaces a staff member's values with checked ones, recording before and after.
pub fn replace(ctx: &Ctx<'_>, id: i64, c: &Checked) -> Result<Staff, CoreError> {
    let before = load(ctx.conn, id)?;
    employment_covers_records(ctx.conn, id, c.hire_date, c.leave_date)?;
    ctx.conn.execute(
        "UPDATE staff SET name = ?2, search_key = ?3, group_no = ?4, phone = ?5, hire_date = ?6, leave_date = ?7,
         base_wage_fen = ?8, note = ?9, updated_at = ?10 WHERE id = ?1",
        params![id, c.name, search_text(&[&c.name]), c.group_no, c.phone, c.hire_date, c.leave_date, c.wage_fen, c.note, ctx.now_text()],
    )?;
    write_links(ctx.conn, id, c)?;
    if before.group_no != c.group_no {
        ctx.conn.execute(
            "UPDATE collection_groups SET leader_id = NULL WHERE leader_id = ?1 AND no IS NOT ?2",
            params![id, c.group_no],
        )?;
    }
    let after = load(ctx.conn, id)?;
    ctx.audit("staff", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Adds a staff member.
pub fn create(ctx: &Ctx<'_>, input: StaffInput) -> Result<Staff, CoreError> {
    let c = check(ctx.conn, &input)?;
    let id = insert(ctx, &c)?;
    load(ctx.conn, id)
}

/// Changes a staff member.
pub fn update(ctx: &Ctx<'_>, a: UpdateArgs<StaffInput>) -> Result<Staff, CoreError> {
    let c = check(ctx.conn, &a.input)?;
    replace(ctx, a.id, &c)
}

/// Arguments of [`deactivate`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct DeactivateArgs {
    pub id: i64,
    /// The last day; today if absent.
    #[ts(optional = nullable)]
    pub leave_date: Option<NaiveDate>,
    /// 辞工 or 辞退.
    pub kind: LeaveKind,
    /// The day the worker gave notice of leaving; none for no notice.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub notice_date: Option<NaiveDate>,
}

/// Marks a staff member as left on the last day, how they left and when notice was given; a
/// leaving group leader stops leading the group. (The charge for short notice is the
/// assessment's, in `leaving`.)
pub fn deactivate(ctx: &Ctx<'_>, a: DeactivateArgs) -> Result<Staff, CoreError> {
    let before = load(ctx.conn, a.id)?;
    if before.status == StaffStatus::Left {
        return Err(CoreError::Conflict(format!("{} 已是离职状态", before.name)));
    }
    let leave = a.leave_date.unwrap_or_else(|| ctx.clock.today());
    if before.hire_date.is_some_and(|h| leave < h) {
        return Err(DomainError::invalid("离职日期", "不能早于入职日期").into());
    }
    if let Some(n) = a.notice_date {
        if n > leave {
            return Err(DomainError::invalid("提出辞工日期", "不能晚于最后工作日").into());
        }
        if n > ctx.clock.today() {
            return Err(DomainError::invalid("提出辞工日期", "不能晚于今天").into());
        }
        if before.hire_date.is_some_and(|h| n < h) {
            return Err(DomainError::invalid("提出辞工日期", "不能早于入职日期").into());
        }
    }
    employment_covers_records(ctx.conn, a.id, None, Some(leave))?;
    ctx.conn.execute(
        "UPDATE staff SET status = ?2, leave_date = ?3, leave_kind = ?4, notice_date = ?5, updated_at = ?6
         WHERE id = ?1",
        params![a.id, StaffStatus::Left.label(), leave, a.kind, a.notice_date, ctx.now_text()],
    )?;
    ctx.conn.execute(
        "UPDATE collection_groups SET leader_id = NULL WHERE leader_id = ?1",
        [a.id],
    )?;
    let after = load(ctx.conn, a.id)?;
    ctx.audit("staff", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Arguments of [`reactivate`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ReactivateArgs {
    pub id: i64,
    /// The first day of the new term; today if absent. After the last day of the old one.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub hire_date: Option<NaiveDate>,
}

/// Takes a staff member back on from a new hire date: the old term (hire to leave, how they left,
/// the notice) is kept as a past term, so its months keep their pay, sheets and records.
pub fn reactivate(ctx: &Ctx<'_>, a: ReactivateArgs) -> Result<Staff, CoreError> {
    let before = load(ctx.conn, a.id)?;
    if before.status == StaffStatus::Active {
        return Err(CoreError::Conflict(format!("{} 已在岗", before.name)));
    }
    let hire = a.hire_date.unwrap_or_else(|| ctx.clock.today());
    if let Some(left) = before.leave_date {
        if hire <= left {
            return Err(DomainError::invalid(
                "入职日期",
                format!(
                    "复职的入职日期须晚于上次离职日期（{}）",
                    cw_pdf::format_date_cn(left)
                ),
            )
            .into());
        }
        ctx.conn.execute(
            "INSERT INTO staff_periods (staff_id, hire_date, leave_date, leave_kind, notice_date, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![a.id, before.hire_date, left, before.leave_kind, before.notice_date, ctx.now_text(), ctx.actor],
        )?;
    }
    ctx.conn.execute(
        "UPDATE staff SET status = ?2, hire_date = ?3, leave_date = NULL, leave_kind = NULL, notice_date = NULL,
           updated_at = ?4 WHERE id = ?1",
        params![a.id, StaffStatus::Active.label(), hire, ctx.now_text()],
    )?;
    let after = load(ctx.conn, a.id)?;
    ctx.audit("staff", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}
