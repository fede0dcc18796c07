//! Local accounts and sign-in: the committee head and clerks, argon2 passwords, sessions with an
//! idle lock, and the head-only acts (`Ctx::require_head`).

pub mod accounts;
pub mod passwords;
pub mod sessions;
pub mod signin;
mod store;

/// Commands the UI may call before anyone has signed in.
/// (`backups.status` says whether the file is damaged, so the UI can offer recovery first.)
const PUBLIC: &[&str] = &["auth.status", "auth.setup", "auth.login", "backups.status"];

/// Commands a locked session may still call: to unlock, or to sign out and let someone else in.
const WHEN_LOCKED: &[&str] = &["auth.unlock", "auth.logout"];

/// Whether `command` may be called without a session.
pub fn is_public(command: &str) -> bool {
    PUBLIC.contains(&command)
}

/// Whether `command` writes nothing but its own audit row (signing in and out), so that it can
/// run on a read-only file without it.
pub fn only_records_itself(command: &str) -> bool {
    matches!(command, "auth.login" | "auth.logout")
}

/// Whether `command` may be called while the session is locked.
pub fn works_when_locked(command: &str) -> bool {
    WHEN_LOCKED.contains(&command)
}
