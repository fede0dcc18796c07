//! Meeting records 会议记录: when, what kind, the topic, who chaired, the proceedings and who attended
//! (people of the registry by their record, others by name). Corrected in place; the audit trail
//! keeps what a record said before.

use cw_domain::review::{Attendee, Meeting, MeetingInput, MeetingQuery};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx, UpdateArgs};
use cw_store::sql::column_at;
use rusqlite::{params, Connection, OptionalExtension};

const COLUMNS: &str = "id, held_on, time, kind, topic, place, chair, proceedings";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        held_on: r.get(1)?,
        time: r.get(2)?,
        kind: column_at(r, 3, "meetings", "kind")?,
        topic: r.get(4)?,
        place: r.get(5)?,
        chair: r.get(6)?,
        proceedings: r.get(7)?,
        attendees: Vec::new(),
    })
}

fn attendees(conn: &Connection, id: i64) -> Result<Vec<Attendee>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.staff_id, coalesce(s.name, a.name) FROM meeting_attendees a
         LEFT JOIN staff s ON s.id = a.staff_id WHERE a.meeting_id = ?1 ORDER BY a.seq",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Attendee {
            staff_id: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One meeting by id.
pub fn load(conn: &Connection, id: i64) -> Result<Meeting, CoreError> {
    let mut m = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM meetings WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "会议记录",
            id,
        })?;
    m.attendees = attendees(conn, id)?;
    Ok(m)
}

/// The meetings of a year (or all), of a kind (or all), newest first.
pub fn of(conn: &Connection, q: &MeetingQuery) -> Result<Vec<Meeting>, CoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM meetings
         WHERE (?1 IS NULL OR substr(held_on, 1, 4) = printf('%04d', ?1)) AND (?2 IS NULL OR kind = ?2)
         ORDER BY held_on DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![q.year, q.kind], row)?;
    let mut out = Vec::new();
    for m in rows {
        let mut m = m?;
        m.attendees = attendees(conn, m.id)?;
        out.push(m);
    }
    Ok(out)
}

/// The meetings (command).
pub fn list(ctx: &Ctx<'_>, q: MeetingQuery) -> Result<Vec<Meeting>, CoreError> {
    of(ctx.conn, &q)
}

/// A meeting's values checked: the fields, and every attendee (a person of the registry once,
/// a typed name not empty), in the order given.
struct Checked {
    held_on: chrono::NaiveDate,
    time: String,
    kind: cw_domain::review::MeetingKind,
    topic: String,
    place: String,
    chair: String,
    proceedings: String,
    attendees: Vec<(Option<i64>, String)>,
}

fn check(ctx: &Ctx<'_>, i: &MeetingInput) -> Result<Checked, CoreError> {
    let held_on = i.held_on.ok_or(DomainError::Required {
        field: "会议日期"
    })?;
    if held_on > ctx.clock.today() {
        return Err(
            DomainError::invalid("会议日期", "不能晚于今天（会议记录记已开过的会）").into(),
        );
    }
    let kind = i.kind.ok_or(DomainError::Required {
        field: "会议类型"
    })?;
    let mut attendees: Vec<(Option<i64>, String)> = Vec::new();
    for (n, id) in i.staff_ids.iter().enumerate() {
        let name: Option<String> = ctx
            .conn
            .query_row("SELECT name FROM staff WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let name = name.ok_or(CoreError::NotFound {
            what: "人员",
            id: *id,
        })?;
        if attendees.iter().any(|(s, _)| *s == Some(*id)) {
            return Err(
                DomainError::invalid("参会人员", format!("第 {} 位「{name}」重复", n + 1)).into(),
            );
        }
        attendees.push((Some(*id), name));
    }
    for raw in &i.names {
        let name = text::limited("参会人员", raw.trim(), 30)?;
        if name.is_empty() {
            continue;
        }
        attendees.push((None, name));
    }
    if attendees.is_empty() {
        return Err(DomainError::Required {
            field: "参会人员"
        }
        .into());
    }
    Ok(Checked {
        held_on,
        time: text::limited("时间", i.time.trim(), 20)?,
        kind,
        topic: text::limited("会议议题", &text::required("会议议题", &i.topic)?, 200)?,
        place: text::limited("地点", i.place.trim(), 100)?,
        chair: text::limited("主持人", i.chair.trim(), 30)?,
        proceedings: text::limited("会议记录", &i.proceedings, 5000)?,
        attendees,
    })
}

fn write_attendees(conn: &Connection, id: i64, c: &Checked) -> Result<(), CoreError> {
    conn.execute("DELETE FROM meeting_attendees WHERE meeting_id = ?1", [id])?;
    for (seq, (staff, name)) in c.attendees.iter().enumerate() {
        conn.execute(
            "INSERT INTO meeting_attendees (meeting_id, seq, staff_id, name) VALUES (?1, ?2, ?3, ?4)",
            params![id, seq as i64, staff, name],
        )?;
    }
    Ok(())
}

/// Records a meeting.
pub fn create(ctx: &Ctx<'_>, i: MeetingInput) -> Result<Meeting, CoreError> {
    let c = check(ctx, &i)?;
    let now = ctx.now_text();
    ctx.conn.execute(
        "INSERT INTO meetings (held_on, time, kind, topic, place, chair, proceedings, created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8)",
        params![c.held_on, c.time, c.kind, c.topic, c.place, c.chair, c.proceedings, now, ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    write_attendees(ctx.conn, id, &c)?;
    let after = load(ctx.conn, id)?;
    ctx.audit("meetings", Some(id), None::<&Meeting>, Some(&after))?;
    Ok(after)
}

/// Corrects a meeting record (the proceedings written up afterwards, an attendee left out).
pub fn update(ctx: &Ctx<'_>, a: UpdateArgs<MeetingInput>) -> Result<Meeting, CoreError> {
    let before = load(ctx.conn, a.id)?;
    let c = check(ctx, &a.input)?;
    ctx.conn.execute(
        "UPDATE meetings SET held_on = ?2, time = ?3, kind = ?4, topic = ?5, place = ?6, chair = ?7, proceedings = ?8,
           updated_at = ?9 WHERE id = ?1",
        params![a.id, c.held_on, c.time, c.kind, c.topic, c.place, c.chair, c.proceedings, ctx.now_text()],
    )?;
    write_attendees(ctx.conn, a.id, &c)?;
    let after = load(ctx.conn, a.id)?;
    ctx.audit("meetings", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}
