//! Retention: residents who moved out and shops that closed are pseudonymised a number of years
//! after they left (the head sets it; 3 by default). Their name, contact, phone, tags and note
//! give way to a stable code (户号 stays), in the registry and in the audit trail's copies of the
//! party (its own rows and its pledges', rectification notices' and shop inspections'); money
//! records stay as written (会计档案 keeps receipts for 30 years) and the audit chain still verifies
//! (`cw_store::audit`: each redacted row's new hash is listed by the chained row that redacted it).

use super::sql::search_text;
use chrono::{Months, NaiveDate};
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use cw_store::audit::{row_hash, AuditEntry};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// The fields of a party's copies in the trail that name or describe the person.
const PERSONAL: &[&str] = &[
    "name",
    "contact",
    "phone",
    "tags",
    "note",
    "search_key",
    "party_name",
    "signer",
];

/// The records whose trail rows copy a party's personal fields (found by `party_id`).
const COPIES: &[&str] = &["pledges", "rectification_notices", "shop_inspections"];

/// How long a party is kept after it left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RetentionSettings {
    /// Years after leaving.
    pub years: i32,
}

/// The period the head set.
pub fn settings(ctx: &Ctx<'_>, _a: Value) -> Result<RetentionSettings, CoreError> {
    Ok(RetentionSettings {
        years: years(ctx.conn)?,
    })
}

fn years(conn: &Connection) -> Result<i32, CoreError> {
    Ok(conn.query_row(
        "SELECT years FROM retention_settings WHERE id = 1",
        [],
        |r| r.get(0),
    )?)
}

/// Sets the period (head only), 1 to 30 years.
pub fn set_settings(ctx: &Ctx<'_>, a: RetentionSettings) -> Result<RetentionSettings, CoreError> {
    ctx.require_head("设置个人信息保留期限")?;
    if !(1..=30).contains(&a.years) {
        return Err(DomainError::invalid("保留年限", "应在 1 到 30 年之间").into());
    }
    let before = settings(ctx, Value::Null)?;
    ctx.conn.execute(
        "UPDATE retention_settings SET years = ?1, updated_at = ?2 WHERE id = 1",
        params![a.years, ctx.now_text()],
    )?;
    ctx.audit("retention_settings", Some(1), Some(&before), Some(&a))?;
    Ok(a)
}

/// A party whose time is up (or will be).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RetentionDue {
    pub id: i64,
    pub code: String,
    pub kind: String,
    pub status: String,
    /// The day it moved out or closed.
    pub left_on: NaiveDate,
    /// The day its personal data is due to be pseudonymised.
    pub due_on: NaiveDate,
}

/// The parties that left and are not yet pseudonymised, with when each falls due; the ones due
/// by today first. Names are not listed: the clerk needs to know how many and since when.
pub fn due(ctx: &Ctx<'_>, _a: Value) -> Result<Vec<RetentionDue>, CoreError> {
    let y = years(ctx.conn)?;
    let mut stmt = ctx.conn.prepare(
        "SELECT p.id, p.code, p.kind, p.status,
                coalesce((SELECT max(substr(a.at, 1, 10)) FROM audit_log a
                          WHERE a.entity = 'parties' AND a.entity_id = p.id
                            AND json_extract(a.after_json, '$.status') IN ('已迁出', '已关闭')
                            AND (a.before_json IS NULL OR json_extract(a.before_json, '$.status') = '正常')),
                         substr(p.updated_at, 1, 10))
         FROM parties p
         WHERE p.status IN ('已迁出', '已关闭') AND p.pseudonymised_on IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, code, kind, status, left) = row?;
        let left_on = NaiveDate::parse_from_str(&left, "%Y-%m-%d")
            .map_err(|_| CoreError::Internal(format!("户号 {code} 的迁出日期无法识别：{left}")))?;
        let due_on = left_on
            .checked_add_months(Months::new(12 * y.unsigned_abs()))
            .unwrap_or(left_on);
        out.push(RetentionDue {
            id,
            code,
            kind,
            status,
            left_on,
            due_on,
        });
    }
    out.sort_by_key(|d| (d.due_on, d.id));
    Ok(out)
}

/// What a pseudonymisation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RetentionOutcome {
    /// Parties pseudonymised.
    pub parties: i64,
    /// Rows of the audit trail whose copies were redacted.
    pub trail_rows: i64,
}

/// The redaction listed by the pseudonymisation's own audit row.
#[derive(Serialize)]
struct Redacted {
    party_code: String,
    /// (audit row, hash of its redacted content).
    redacted: Vec<(i64, String)>,
}

/// Pseudonymises every party due by today (head only), in one transaction.
pub fn pseudonymise(ctx: &Ctx<'_>, _a: Value) -> Result<RetentionOutcome, CoreError> {
    ctx.require_head("个人信息到期匿名化")?;
    let today = ctx.clock.today();
    let mut outcome = RetentionOutcome {
        parties: 0,
        trail_rows: 0,
    };
    for d in due(ctx, Value::Null)?
        .into_iter()
        .filter(|d| d.due_on <= today)
    {
        outcome.trail_rows += one(ctx, d.id, &d.code)?;
        outcome.parties += 1;
    }
    Ok(outcome)
}

/// The name a pseudonymised party goes by.
pub fn pseudonym(code: &str) -> String {
    format!("已匿名（{code}）")
}

fn one(ctx: &Ctx<'_>, id: i64, code: &str) -> Result<i64, CoreError> {
    let name = pseudonym(code);
    let address: String = ctx.conn.query_row(
        "SELECT trim(street || ' ' || number || ' ' || building || ' ' || unit || ' ' || room)
         FROM parties WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    ctx.conn.execute(
        "UPDATE parties SET name = ?2, contact = '', phone = '', tags = '', note = '',
           search_key = ?3, pseudonymised_on = ?4, updated_at = ?5 WHERE id = ?1",
        params![
            id,
            name,
            search_text(&[&name, code, &address]),
            ctx.clock.today(),
            ctx.now_text()
        ],
    )?;
    let after = super::households::load(ctx.conn, id)?;
    // The trail's rows copying the party so far, before this change's own rows.
    let rows = copies(ctx.conn, id)?;
    ctx.audit("parties", Some(id), None::<&Value>, Some(&after))?;
    let mut redacted = Vec::with_capacity(rows.len());
    let mut updates = Vec::with_capacity(rows.len());
    for r in rows {
        let before = r.before.as_deref().map(|j| redact(j, &name)).transpose()?;
        let after = r.after.as_deref().map(|j| redact(j, &name)).transpose()?;
        let hash = row_hash(
            &r.prev,
            &AuditEntry {
                at: &r.at,
                actor: &r.actor,
                command: &r.command,
                entity: &r.entity,
                entity_id: r.entity_id,
                before: before.as_deref(),
                after: after.as_deref(),
                row_seal: r.seal.as_deref(),
            },
        );
        redacted.push((r.id, hash.clone()));
        updates.push((r.id, before, after, hash));
    }
    let n = updates.len() as i64;
    ctx.audit(
        "audit_redactions",
        Some(id),
        None::<&Value>,
        Some(&Redacted {
            party_code: code.to_string(),
            redacted,
        }),
    )?;
    let by: i64 = ctx
        .conn
        .query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))?;
    for (audit_id, before, after, hash) in updates {
        ctx.conn.execute(
            "INSERT INTO audit_redactions (audit_id, redacted_hash, by_audit_id) VALUES (?1, ?2, ?3)",
            params![audit_id, hash, by],
        )?;
        ctx.conn.execute(
            "UPDATE audit_log SET before_json = ?2, after_json = ?3 WHERE id = ?1",
            params![audit_id, before, after],
        )?;
    }
    Ok(n)
}

/// A row of the trail as stored.
struct TrailRow {
    id: i64,
    at: String,
    actor: String,
    command: String,
    entity: String,
    entity_id: Option<i64>,
    before: Option<String>,
    after: Option<String>,
    prev: String,
    seal: Option<String>,
}

fn copies(conn: &Connection, party: i64) -> Result<Vec<TrailRow>, CoreError> {
    let list = COPIES
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, command, entity, entity_id, before_json, after_json, prev_hash, row_seal
         FROM audit_log
         WHERE id NOT IN (SELECT audit_id FROM audit_redactions)
           AND ((entity = 'parties' AND entity_id = ?1)
             OR (entity IN ({list}) AND (json_extract(after_json, '$.party_id') = ?1
                                         OR json_extract(before_json, '$.party_id') = ?1)))
         ORDER BY id"
    ))?;
    let rows = stmt.query_map([party], |r| {
        Ok(TrailRow {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            command: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            before: r.get(6)?,
            after: r.get(7)?,
            prev: r.get(8)?,
            seal: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `json` with its personal fields (at any depth) replaced: the name by `name`, the rest emptied.
fn redact(json: &str, name: &str) -> Result<String, CoreError> {
    let mut v: Value = serde_json::from_str(json)
        .map_err(|e| CoreError::Internal(format!("审计记录无法读取：{e}")))?;
    scrub(&mut v, name);
    serde_json::to_string(&v).map_err(|e| CoreError::Internal(format!("审计记录无法写回：{e}")))
}

fn scrub(v: &mut Value, name: &str) {
    match v {
        Value::Object(map) => {
            for (k, field) in map.iter_mut() {
                if PERSONAL.contains(&k.as_str()) {
                    *field = match (k.as_str(), &*field) {
                        ("name" | "party_name", _) => Value::String(name.to_string()),
                        (_, Value::Array(_)) => Value::Array(Vec::new()),
                        (_, Value::Null) => Value::Null,
                        _ => Value::String(String::new()),
                    };
                } else {
                    scrub(field, name);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| scrub(i, name)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_fields_are_replaced_at_any_depth_and_the_rest_kept() {
        let json = r#"{"id":7,"name":"王建国","phone":"13812345678","tags":["低保"],"address_text":"黄山路1号","party":{"party_name":"王建国","note":"x"}}"#;
        let out: Value = serde_json::from_str(&redact(json, "已匿名（H000007）").unwrap()).unwrap();
        assert_eq!(out["name"], "已匿名（H000007）");
        assert_eq!(out["phone"], "");
        assert_eq!(out["tags"], serde_json::json!([]));
        assert_eq!(out["address_text"], "黄山路1号");
        assert_eq!(out["party"]["party_name"], "已匿名（H000007）");
        assert_eq!(out["party"]["note"], "");
        assert_eq!(out["id"], 7);
    }
}
