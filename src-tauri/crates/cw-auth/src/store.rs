//! Reading and writing the `accounts` and `security_settings` rows.

use cw_domain::accounts::Account;
use cw_domain::enums::AccountRole;
use cw_kernel::CoreError;
use rusqlite::{params, Connection, OptionalExtension, Row};

pub const COLUMNS: &str = "id, username, display_name, role, active, created_at";

pub fn account_from(r: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        // The CHECK constraint admits only the two labels; should another appear, the account is
        // refused rather than read as a clerk.
        role: cw_store::sql::column_at(r, 3, "accounts", "role")?,
        active: r.get(4)?,
        created_at: r.get(5)?,
    })
}

/// The account `id`.
pub fn by_id(conn: &Connection, id: i64) -> Result<Account, CoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1"),
        [id],
        account_from,
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "账号", id })
}

/// The account signing in as `username` (any case) and its password hash.
pub fn by_username(
    conn: &Connection,
    username: &str,
) -> Result<Option<(Account, String)>, CoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS}, password_hash FROM accounts WHERE username = ?1"),
            [username.trim()],
            |r| Ok((account_from(r)?, r.get(6)?)),
        )
        .optional()?)
}

/// The stored password hash of account `id`.
pub fn hash_of(conn: &Connection, id: i64) -> Result<String, CoreError> {
    conn.query_row(
        "SELECT password_hash FROM accounts WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "账号", id })
}

/// How many accounts exist.
pub fn count(conn: &Connection) -> Result<i64, CoreError> {
    Ok(conn.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?)
}

/// How many active head accounts there are other than `except`.
pub fn other_active_heads(conn: &Connection, except: i64) -> Result<i64, CoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM accounts WHERE role = ?1 AND active = 1 AND id <> ?2",
        params![AccountRole::Head.label(), except],
        |r| r.get(0),
    )?)
}

/// Sets a password hash; `now` is the update time.
pub fn set_hash(conn: &Connection, id: i64, hash: &str, now: &str) -> Result<(), CoreError> {
    conn.execute(
        "UPDATE accounts SET password_hash = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, hash, now],
    )?;
    Ok(())
}

/// The idle-lock minutes and the demo hint.
pub fn security(conn: &Connection) -> Result<(i64, Option<String>), CoreError> {
    Ok(conn.query_row(
        "SELECT idle_lock_minutes, demo_hint FROM security_settings WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
