//! The history of one record, read back from the audit trail: who changed it, when, with which
//! command, and what it was before and after — each changed field with its Chinese label and its
//! values as the clerk reads them (addresses as written, money as ¥, dates as 2026年11月29日,
//! names for ids), internal fields left out. The formatting is here, not in the UI, so every kind
//! of record is covered by one set of rules.

use crate::commands;
use cw_kernel::words::{actor_name, field_label};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;
use ts_rs::TS;

/// Which record's history.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct HistoryArgs {
    /// The audit trail's name for the kind of record: `parties`, `staff`, `zones`, `fines`,
    /// `receipts`, `pledges`, `account`, …
    pub entity: String,
    pub id: i64,
}

/// One change of the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// The audit row's number (its place in the hash chain).
    pub audit_id: i64,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// Who made the change as the clerk knows them: an account's display name, 命令行, 系统.
    pub actor: String,
    /// The actor as recorded (a username, `cli`).
    pub account: String,
    pub command: String,
    /// What the command does, in Chinese (from the command table).
    pub action: String,
    /// The record before and after, as recorded (null when created / removed).
    #[ts(type = "unknown")]
    pub before: serde_json::Value,
    #[ts(type = "unknown")]
    pub after: serde_json::Value,
    /// The fields that changed (every shown field, for a new record), readable.
    pub changes: Vec<FieldChange>,
}

/// One field of a change, as the clerk reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// The field's name in the record (for tests and keys, never shown).
    pub field: String,
    /// 地址, 收费小组, 金额…
    pub label: String,
    /// The value before; none for a new record or an empty value.
    pub before: Option<String>,
    /// The value after; none when emptied or removed.
    pub after: Option<String>,
}

/// Records whose corrections are audited under another name, keyed by the record's id inside
/// the recorded JSON: a fine's voids and reversals are `fine_corrections` rows.
const RELATED: &[(&str, &str)] = &[("fines", "fine_corrections")];

/// Every change of one record, oldest first.
pub fn history(ctx: &Ctx<'_>, a: HistoryArgs) -> Result<Vec<HistoryEntry>, CoreError> {
    let related = RELATED
        .iter()
        .find(|(e, _)| *e == a.entity)
        .map(|(_, r)| *r)
        .unwrap_or("");
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT id, at, actor, command, before_json, after_json FROM audit_log
         WHERE ((entity = ?1 AND entity_id = ?2)
            OR (entity = ?3 AND json_extract(coalesce(after_json, before_json), '$.id') = ?2))
           AND {}
         ORDER BY id",
        cw_store::seals::NOT_A_SEAL_ROW
    ))?;
    // Read leniently: a damaged audit row shows � where its bad bytes were and says so, and
    // the rest of the history still reads.
    let rows = stmt.query_map(rusqlite::params![a.entity, a.id, related], |r| {
        let mut d = cw_store::text::Damage::default();
        Ok((
            r.get::<_, i64>(0)?,
            d.text(r, 1, "时间")?,
            d.text(r, 2, "操作人")?,
            d.text(r, 3, "操作")?,
            d.opt_text(r, 4, "修改前")?,
            d.opt_text(r, 5, "修改后")?,
            d,
        ))
    })?;
    let parse = |t: Option<String>| {
        t.and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(serde_json::Value::Null)
    };
    // The history shows a household's tags as the pages do: the sensitive ones only to the
    // roles the head allows.
    let sees_tags = cw_registry::privacy::sees_tags(ctx)?;
    let mut out = Vec::new();
    let mut words = Words::new(ctx.conn);
    for row in rows {
        let (audit_id, at, account, command, before, after, damage) = row?;
        let mut action = commands::find(&command)
            .map(|c| c.summary.to_string())
            .unwrap_or_else(|| command.clone());
        if !damage.is_empty() {
            action.push_str(&format!(
                "（审计记录第 {audit_id} 条的{}文字已损坏，� 处读不出）",
                damage.columns()
            ));
        }
        let (mut before, mut after) = (parse(before), parse(after));
        if !sees_tags {
            hide_sensitive_tags(&mut before);
            hide_sensitive_tags(&mut after);
        }
        out.push(HistoryEntry {
            audit_id,
            at,
            actor: words.actor(&account),
            account,
            command,
            action,
            changes: words.changes(&before, &after),
            before,
            after,
        });
    }
    Ok(out)
}

/// Takes the sensitive tags (低保, 五保, 残疾, 独居老人) out of a recorded party's `tags`.
fn hide_sensitive_tags(v: &mut serde_json::Value) {
    if let Some(tags) = v.get_mut("tags").and_then(serde_json::Value::as_array_mut) {
        tags.retain(|t| {
            t.as_str()
                .and_then(|s| cw_domain::enums::Tag::parse("标签", s).ok())
                .is_some_and(|tag| !tag.is_sensitive())
        });
    }
}

/// Fields never shown: ids and keys, figures derived from other records, bookkeeping that the
/// entry's own who and when already say.
const HIDDEN: &[&str] = &[
    "id",
    "job_id",
    "pledge_id",
    "search_key",
    "address_sort",
    // A returned worker's earlier terms: the reactivation's own row says when and what ended.
    "past_terms",
    // A complaint's figures of the day it was read, and the buttons it offers.
    "days",
    "next",
    // A self-check's totals per area (the items say it) and the standard's version behind it.
    "areas",
    "version_id",
    "item_id",
    // A survey's households and figures: its answers' own rows say what was keyed.
    "households",
    "respondents",
    "overall",
    "by_group",
    "by_zone",
    "by_question",
    // A publicity action's unit follows from its kind.
    "count_unit",
    // An attachment's record is the one whose page lists it; its file's name, kind and hash are
    // the store's bookkeeping.
    // A pseudonymisation's list of the trail rows it redacted (the check reads it).
    "redacted",
    "owner_kind",
    "owner_id",
    "sha256",
    "mime",
    "is_image",
    "created_at",
    "created_by",
    "updated_at",
    "party_count",
    "member_count",
    "household_count",
    "overdue",
    "days_past_deadline",
    "target_text",
    "tasks",
    "tasks_done",
    "next_serial",
    "first_used",
    "last_used",
    "inspection_id",
    "template_id",
];

/// Money fields: their wire strings print as ¥.
const MONEY: &[&str] = &[
    "amount",
    "unit_amount",
    "base_wage",
    "total",
    "standard",
    "monthly",
    "expected",
    "counted",
    "counterfeit",
    "shortage",
    "overage",
    "deductions",
    "awards",
    "collected",
    "owed",
];

/// Month fields: `2026-11` prints as 2026年11月.
const MONTHS: &[&str] = &["month", "period_from", "period_to", "effective_from"];

/// The readable form of records, with the names of ids looked up once each.
struct Words<'c> {
    conn: &'c Connection,
    names: HashMap<(&'static str, i64), Option<String>>,
    actors: HashMap<String, String>,
}

impl<'c> Words<'c> {
    fn new(conn: &'c Connection) -> Words<'c> {
        Words {
            conn,
            names: HashMap::new(),
            actors: HashMap::new(),
        }
    }

    fn actor(&mut self, account: &str) -> String {
        let conn = self.conn;
        self.actors
            .entry(account.to_string())
            .or_insert_with(|| actor_name(conn, account))
            .clone()
    }

    /// The name of the record an id field points at, for ids recorded without their name.
    fn name_of(&mut self, field: &str, id: i64) -> Option<String> {
        let (kind, sql): (&'static str, &str) = match field {
            "staff_id" | "supervisor_id" | "cadre_id" | "holder_id" | "leader_id" => {
                ("staff", "SELECT name FROM staff WHERE id = ?1")
            }
            "party_id" => ("party", "SELECT name FROM parties WHERE id = ?1"),
            "zone_id" => ("zone", "SELECT name FROM zones WHERE id = ?1"),
            "batch_id" => (
                "batch",
                "SELECT '第' || group_no || '小组 ' || on_date || ' 收费批次' FROM collection_batches WHERE id = ?1",
            ),
            "book_id" => ("book", "SELECT book_no FROM receipt_books WHERE id = ?1"),
            _ => return None,
        };
        let conn = self.conn;
        self.names
            .entry((kind, id))
            .or_insert_with(|| {
                conn.query_row(sql, [id], |r| r.get::<_, String>(0))
                    .optional()
                    .ok()
                    .flatten()
            })
            .clone()
            .map(|n| if kind == "batch" { batch_words(&n) } else { n })
    }

    /// Whether a field is shown: labelled, not internal, and not an id whose name is beside it.
    fn shown(&self, field: &str, record: &Map<String, Value>) -> bool {
        if HIDDEN.contains(&field) || field.ends_with("_key") || field_label(field).is_none() {
            return false;
        }
        // An id or a list of ids is shown through the name recorded beside it.
        let named = if let Some(stem) = field.strip_suffix("_ids") {
            Some(format!("{stem}_names"))
        } else {
            field.strip_suffix("_id").map(|stem| format!("{stem}_name"))
        };
        if let Some(n) = named {
            if record.contains_key(&n) {
                return false;
            }
        }
        match field {
            // The written address is beside the parts.
            "address" => !record.contains_key("address_text"),
            "recorded_by" => !record.contains_key("recorded_by_name"),
            "inspector_id" => !record.contains_key("inspector"),
            "book_id" => !record.contains_key("book_no"),
            "notice_id" => !record.contains_key("notice_number"),
            "party_id" => !record.contains_key("party_name") && !record.contains_key("name"),
            _ => true,
        }
    }

    /// A value as the clerk reads it; none for an empty one.
    fn value(&mut self, field: &str, v: &Value) -> Option<String> {
        match v {
            Value::Null => None,
            Value::Bool(b) => Some(if *b { "是" } else { "否" }.into()),
            Value::Number(n) => {
                let i = n.as_i64();
                match (field, i) {
                    ("group_no" | "no", Some(g)) => {
                        Some(cw_fees::rates::group_name(i32::try_from(g).ok()))
                    }
                    ("target_permille", Some(p)) => Some(cw_domain::rate::permille_text(Some(p))),
                    (f, Some(id)) if f.ends_with("_id") || f == "recorded_by" => self
                        .name_of(if f == "recorded_by" { "staff_id" } else { f }, id)
                        .or(Some(String::new()))
                        .filter(|s| !s.is_empty()),
                    _ => Some(n.to_string()),
                }
            }
            Value::String(s) => {
                let s = s.trim();
                if s.is_empty() {
                    None
                } else if field == "actor" {
                    Some(self.actor(s))
                } else if MONEY.contains(&field) && is_money(s) {
                    cw_domain::money::signed_wire_fen("金额", s)
                        .ok()
                        .map(cw_fees::yuan_cn)
                        .or_else(|| Some(s.to_string()))
                } else if MONTHS.contains(&field) {
                    Some(month_words(s))
                } else {
                    Some(date_words(s))
                }
            }
            Value::Array(items) => {
                if field.ends_with("_ids") && items.iter().all(Value::is_number) {
                    // Linked records without names beside them: how many.
                    return (!items.is_empty()).then(|| format!("{} 条", items.len()));
                }
                let parts: Vec<String> = items
                    .iter()
                    .filter_map(|x| match x {
                        Value::Object(o) => self.object(o),
                        other => self.value(field, other),
                    })
                    .collect();
                let sep = if items.iter().any(Value::is_object) {
                    "；"
                } else {
                    "、"
                };
                (!parts.is_empty()).then(|| parts.join(sep))
            }
            Value::Object(o) => {
                if field == "address" {
                    serde_json::from_value::<cw_domain::address::Address>(v.clone())
                        .ok()
                        .map(|a| a.display())
                        .filter(|a| !a.is_empty())
                } else {
                    self.object(o)
                }
            }
        }
    }

    /// A nested record (a batch's closing, a fine's correction) as 「label value，…」.
    fn object(&mut self, o: &Map<String, Value>) -> Option<String> {
        let mut parts = Vec::new();
        for (k, v) in o {
            if !self.shown(k, o) {
                continue;
            }
            if let (Some(label), Some(text)) = (field_label(k), self.value(k, v)) {
                parts.push(format!("{label} {text}"));
            }
        }
        (!parts.is_empty()).then(|| parts.join("，"))
    }

    /// The fields that differ between two versions; for a new record, every field it has.
    fn changes(&mut self, before: &Value, after: &Value) -> Vec<FieldChange> {
        let empty = Map::new();
        let b = before.as_object().unwrap_or(&empty);
        let a = after.as_object().unwrap_or(&empty);
        let mut fields: Vec<&String> = a.keys().collect();
        fields.extend(b.keys().filter(|k| !a.contains_key(*k)));
        let mut out = Vec::new();
        for f in fields {
            let record = if a.contains_key(f) { a } else { b };
            if !self.shown(f, record) {
                continue;
            }
            let was = b.get(f).and_then(|v| self.value(f, v));
            let now = a.get(f).and_then(|v| self.value(f, v));
            if was == now || (was.is_none() && now.is_none()) {
                continue;
            }
            out.push(FieldChange {
                field: f.clone(),
                label: field_label(f).unwrap_or_default().to_string(),
                before: was,
                after: now,
            });
        }
        out
    }
}

fn is_money(s: &str) -> bool {
    let t = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.len() <= 2
        && frac.chars().all(|c| c.is_ascii_digit())
}

/// `2026-11-29` → 2026年11月29日; `2026-11-29 09:05:00` → 2026年11月29日 09:05; else as is.
fn date_words(s: &str) -> String {
    let (day, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    match chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(d) => {
            let date = cw_pdf::format_date_cn(d);
            match time {
                Some(t) if t.len() >= 5 && t.as_bytes()[2] == b':' => format!("{date} {}", &t[..5]),
                Some(_) => s.to_string(),
                None => date,
            }
        }
        Err(_) => s.to_string(),
    }
}

/// `2026-11` → 2026年11月 (as periods print, [`cw_fees::period_cn`]); else as is.
fn month_words(s: &str) -> String {
    match cw_fees::parse_month("月份", s) {
        Ok(m) => cw_fees::period_cn(m, m),
        Err(_) => s.to_string(),
    }
}

/// `第2小组 2026-11-15 收费批次` → 第二小组 2026年11月15日 收费批次.
fn batch_words(s: &str) -> String {
    let mut parts: Vec<String> = s.split(' ').map(str::to_string).collect();
    if let Some(g) = parts.first_mut() {
        if let Some(n) = g
            .strip_prefix('第')
            .and_then(|r| r.strip_suffix("小组"))
            .and_then(|n| n.parse::<i32>().ok())
        {
            *g = cw_fees::rates::group_name(Some(n));
        }
    }
    if let Some(d) = parts.get_mut(1) {
        *d = date_words(d);
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn conn() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE accounts (username TEXT, display_name TEXT);
             CREATE TABLE staff (id INTEGER, name TEXT);
             INSERT INTO staff VALUES (7, '王海燕');",
        )
        .unwrap();
        c
    }

    #[test]
    fn a_household_edit_shows_labels_and_written_values_without_internal_fields() {
        let c = conn();
        let mut w = Words::new(&c);
        let before = json!({ "id": 3, "code": "H000003", "address": { "street": "黄山路", "number": "1", "building": "", "unit": "", "room": "" },
            "address_text": "黄山路1号", "zone_id": 1, "zone_name": "黄山路东段", "group_no": 1, "search_key": "x", "tags": [] });
        let after = json!({ "id": 3, "code": "H000003", "address": { "street": "建设路", "number": "12", "building": "", "unit": "", "room": "" },
            "address_text": "建设路12号", "zone_id": 2, "zone_name": "建设路", "group_no": 2, "search_key": "y", "tags": ["低保", "出租"] });
        let ch = w.changes(&before, &after);
        let shown: Vec<(&str, Option<&str>, Option<&str>)> = ch
            .iter()
            .map(|c| (c.label.as_str(), c.before.as_deref(), c.after.as_deref()))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("地址", Some("黄山路1号"), Some("建设路12号")),
                ("收费小组", Some("第一小组"), Some("第二小组")),
                ("标签", None, Some("低保、出租")),
                ("责任区", Some("黄山路东段"), Some("建设路")),
            ]
        );
    }

    #[test]
    fn money_dates_months_and_ids_read_as_the_clerk_writes_them() {
        let c = conn();
        let mut w = Words::new(&c);
        let after = json!({ "amount": "1800.00", "date": "2026-11-29", "month": "2026-11", "staff_id": 7,
            "issued_at": "2026-11-29 09:05:00", "closing": { "counted": "-5.00", "note": "" }, "active": true });
        let ch = w.changes(&Value::Null, &after);
        let get = |l: &str| {
            ch.iter()
                .find(|c| c.label == l)
                .and_then(|c| c.after.clone())
        };
        assert_eq!(get("金额").as_deref(), Some("¥1,800.00"));
        assert_eq!(get("日期").as_deref(), Some("2026年11月29日"));
        assert_eq!(get("月份").as_deref(), Some("2026年11月"));
        assert_eq!(get("人员").as_deref(), Some("王海燕"));
        assert_eq!(get("开票时间").as_deref(), Some("2026年11月29日 09:05"));
        assert_eq!(get("结账").as_deref(), Some("实点 -¥5.00"));
        assert_eq!(get("启用").as_deref(), Some("是"));
    }
}
