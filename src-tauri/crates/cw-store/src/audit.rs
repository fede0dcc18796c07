//! The audit trail: one hash-chained row per change, written in the same transaction as the change.

use crate::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// The hash before the first row of the chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One change to record.
pub struct AuditEntry<'a> {
    /// When, as `YYYY-MM-DD HH:MM:SS` from the app's clock.
    pub at: &'a str,
    /// Who (the signed-in account, or `cli`).
    pub actor: &'a str,
    /// The command that made the change.
    pub command: &'a str,
    /// The table or kind of record, e.g. `staff`.
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    /// The record before, as JSON (None when created).
    pub before: Option<&'a str>,
    /// The record after, as JSON (None when removed).
    pub after: Option<&'a str>,
    /// For a sealed record ([`crate::seals::SEALED`]): the hash of its row as written ([`seal_of`]).
    pub row_seal: Option<&'a str>,
}

/// The hash of a row given the previous row's hash; every field is length-prefixed so that
/// moving text between fields changes the hash.
pub fn row_hash(prev: &str, e: &AuditEntry<'_>) -> String {
    let mut h = Sha256::new();
    let id = e.entity_id.map(|i| i.to_string()).unwrap_or_default();
    for part in [
        prev,
        e.at,
        e.actor,
        e.command,
        e.entity,
        id.as_str(),
        e.before.unwrap_or("\u{0}"),
        e.after.unwrap_or("\u{0}"),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    // Rows from before seals existed hash exactly as they did.
    if let Some(seal) = e.row_seal {
        h.update((seal.len() as u64).to_le_bytes());
        h.update(seal.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends a row to the chain and returns its hash.
pub fn record(conn: &Connection, e: &AuditEntry<'_>) -> Result<String, StoreError> {
    let prev = latest_hash(conn)?;
    let hash = row_hash(&prev, e);
    // Cached: an import writes one row per record, and parsing this each time showed in its profile.
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, command, entity, entity_id, before_json, after_json, prev_hash, hash, row_seal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![e.at, e.actor, e.command, e.entity, e.entity_id, e.before, e.after, prev, hash, e.row_seal],
    )?;
    Ok(hash)
}

/// The hash of the newest row, or [`GENESIS`] for an empty trail.
pub fn latest_hash(conn: &Connection) -> Result<String, StoreError> {
    Ok(conn
        .prepare_cached("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get::<_, String>(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string()))
}

/// Walks the chain and returns the id of the first row whose hash does not match, if any.
pub fn first_broken_link(conn: &Connection) -> Result<Option<i64>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, command, entity, entity_id, before_json, after_json, prev_hash, hash, row_seal
         FROM audit_log ORDER BY id",
    )?;
    let redacted = redactions(conn)?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        // Read leniently: a damaged byte then breaks the link at its own row, which the check
        // names, instead of failing the whole check.
        let mut d = crate::text::Damage::default();
        let (at, actor, command, entity) = (
            d.text(r, 1, "at")?,
            d.text(r, 2, "actor")?,
            d.text(r, 3, "command")?,
            d.text(r, 4, "entity")?,
        );
        let entity_id: Option<i64> = r.get(5)?;
        let before = d.opt_text(r, 6, "before_json")?;
        let after = d.opt_text(r, 7, "after_json")?;
        let stored_prev = d.text(r, 8, "prev_hash")?;
        let stored_hash = d.text(r, 9, "hash")?;
        let seal = d.opt_text(r, 10, "row_seal")?;
        if !d.is_empty() {
            return Ok(Some(id));
        }
        let entry = AuditEntry {
            at: &at,
            actor: &actor,
            command: &command,
            entity: &entity,
            entity_id,
            before: before.as_deref(),
            after: after.as_deref(),
            row_seal: seal.as_deref(),
        };
        // A redacted row keeps its place and hash in the chain; its content must hash to what
        // the pseudonymisation that redacted it recorded.
        let expected = redacted.get(&id).unwrap_or(&stored_hash);
        if stored_prev != prev || &row_hash(&prev, &entry) != expected {
            return Ok(Some(id));
        }
        prev = stored_hash;
    }
    Ok(None)
}

/// The redacted rows of the trail and the hash each one's content must have now: only those a
/// later, chained row of the pseudonymisation lists (by id and hash) count, so a redaction record
/// slipped in beside an edited row does not hide the edit.
fn redactions(conn: &Connection) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    if !crate::check::has_table(conn, "audit_redactions")? {
        return Ok(std::collections::HashMap::new());
    }
    let mut stmt = conn.prepare(
        "SELECT r.audit_id, r.redacted_hash, a.after_json FROM audit_redactions r
         JOIN audit_log a ON a.id = r.by_audit_id AND a.entity = 'audit_redactions'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out = std::collections::HashMap::new();
    for row in rows {
        let (id, hash, listed) = row?;
        let listed = listed.unwrap_or_default();
        if listed.contains(&format!("[{id},\"{hash}\"]")) {
            out.insert(id, hash);
        }
    }
    Ok(out)
}

/// The seal of row `id` of `table` as it stands (see [`crate::seals::seal_of`]); `None` for a
/// table that is not sealed or a row that does not exist.
pub fn seal_of(conn: &Connection, table: &str, id: i64) -> Result<Option<String>, StoreError> {
    crate::seals::seal_of(conn, table, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn entry<'a>(after: &'a str) -> AuditEntry<'a> {
        AuditEntry {
            at: "2026-11-29 09:00:00",
            actor: "clerk",
            command: "zones.create",
            entity: "zones",
            entity_id: Some(1),
            before: None,
            after: Some(after),
            row_seal: None,
        }
    }

    #[test]
    fn each_row_chains_to_the_one_before() {
        let store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                let h1 = record(tx, &entry("{\"name\":\"甲\"}"))?;
                let h2 = record(tx, &entry("{\"name\":\"乙\"}"))?;
                assert_ne!(h1, h2);
                assert_eq!(latest_hash(tx)?, h2);
                assert_eq!(first_broken_link(tx)?, None);
                Ok::<_, StoreError>(())
            })
            .unwrap();
    }

    #[test]
    fn an_altered_row_is_found_by_its_id() {
        let store = Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                for n in ["甲", "乙", "丙"] {
                    record(tx, &entry(&format!("{{\"name\":\"{n}\"}}")))?;
                }
                tx.execute_batch(
                    "DROP TRIGGER audit_log_refuses_update;
                     UPDATE audit_log SET after_json = '{\"name\":\"丁\"}' WHERE id = 2;",
                )?;
                assert_eq!(first_broken_link(tx)?, Some(2));
                Ok::<_, StoreError>(())
            })
            .unwrap();
    }

    #[test]
    fn the_trail_refuses_update_and_delete() {
        let store = Store::open_in_memory().unwrap();
        let err = store.write(|tx| {
            record(tx, &entry("{}"))?;
            tx.execute("DELETE FROM audit_log", [])?;
            Ok::<_, StoreError>(())
        });
        assert!(err.is_err());
    }
}
