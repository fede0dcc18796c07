//! Bulk writing for the scale generator: prepared inserts and an audit writer that keeps the
//! chain's last hash in memory instead of reading it back for every row.

use cw_kernel::CoreError;
use cw_store::audit::{self, AuditEntry};
use rusqlite::{params, Connection};

/// Appends audit rows exactly as `Ctx::audit` does (same hash, same seal), but many at a time.
pub struct AuditWriter<'c> {
    conn: &'c Connection,
    prev: String,
    actor: String,
    command: String,
}

impl<'c> AuditWriter<'c> {
    /// Starts after the newest row of the chain.
    pub fn new(conn: &'c Connection, actor: &str, command: &str) -> Result<Self, CoreError> {
        Ok(AuditWriter {
            conn,
            prev: audit::latest_hash(conn)?,
            actor: actor.to_string(),
            command: command.to_string(),
        })
    }

    /// Records the creation of `entity` #`id` with its `after` JSON; a money record is sealed.
    pub fn created(
        &mut self,
        at: &str,
        entity: &str,
        id: i64,
        after: &str,
    ) -> Result<(), CoreError> {
        let seal = audit::seal_of(self.conn, entity, id)?;
        let e = AuditEntry {
            at,
            actor: &self.actor,
            command: &self.command,
            entity,
            entity_id: Some(id),
            before: None,
            after: Some(after),
            row_seal: seal.as_deref(),
        };
        let hash = audit::row_hash(&self.prev, &e);
        self.conn
            .prepare_cached(
                "INSERT INTO audit_log (at, actor, command, entity, entity_id, before_json, after_json, prev_hash, hash, row_seal)
                 VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![at, e.actor, e.command, entity, id, after, self.prev, hash, e.row_seal])?;
        self.prev = hash;
        Ok(())
    }
}

/// Runs a prepared (cached) insert and returns the new row id.
pub fn insert(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<i64, CoreError> {
    conn.prepare_cached(sql)?.execute(p)?;
    Ok(conn.last_insert_rowid())
}
