//! Local accounts: who may sign in, with which role, and the rules a password must meet.

use crate::enums::AccountRole;
use crate::text::{limited, required};
use crate::DomainError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Shortest password accepted; the PC sits in a shared office, so guessing is the threat.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// An account as listed (never its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Account {
    pub id: i64,
    /// The sign-in name, e.g. `zhuren`.
    pub username: String,
    /// The name shown and recorded, e.g. 王主任.
    pub display_name: String,
    pub role: AccountRole,
    pub active: bool,
    /// `YYYY-MM-DD HH:MM:SS`.
    pub created_at: String,
}

/// A new account, or the first (head's) account at setup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AccountInput {
    pub username: String,
    pub display_name: String,
    pub role: AccountRole,
    pub password: String,
}

/// A signed-in session as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionInfo {
    /// Sent with every call; kept only in the window's memory.
    pub token: String,
    pub username: String,
    pub display_name: String,
    pub role: AccountRole,
    /// Minutes without keyboard or mouse before the screen locks; 0 = never.
    pub idle_lock_minutes: i64,
    pub locked: bool,
}

/// What the UI shows before anything else: set up the first account, sign in, or carry on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuthStatus {
    /// No account exists yet: the first run creates the committee head's account.
    pub needs_setup: bool,
    /// On the demo community: the demo accounts and their password.
    pub demo_hint: Option<String>,
    /// The caller's session, if its token is still signed in.
    pub session: Option<SessionInfo>,
}

/// The idle-lock setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SecuritySettings {
    /// 0 (never) to 240 minutes.
    pub idle_lock_minutes: i64,
}

/// Checks a sign-in name: letters, digits, `_`, `-` or `.`, 2 to 32 characters.
pub fn check_username(text: &str) -> Result<String, DomainError> {
    let name = required("用户名", text)?;
    let name = limited("用户名", &name, 32)?;
    let ok = name.chars().count() >= 2
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !ok {
        return Err(DomainError::invalid(
            "用户名",
            "须为 2–32 个英文字母、数字或 _ - . 字符",
        ));
    }
    Ok(name)
}

/// Checks a display name (required, at most 20 characters).
pub fn check_display_name(text: &str) -> Result<String, DomainError> {
    let name = required("姓名", text)?;
    limited("姓名", &name, 20)
}

/// Checks a new password: at least [`MIN_PASSWORD_CHARS`] characters, not one repeated character,
/// and not the same as the username. It is not trimmed: spaces are part of it.
pub fn check_password(
    field: &'static str,
    password: &str,
    username: &str,
) -> Result<(), DomainError> {
    let chars: Vec<char> = password.chars().collect();
    if chars.is_empty() {
        return Err(DomainError::Required { field });
    }
    if chars.len() < MIN_PASSWORD_CHARS {
        return Err(DomainError::invalid(
            field,
            format!("至少需要 {MIN_PASSWORD_CHARS} 个字符"),
        ));
    }
    if chars.iter().all(|c| *c == chars[0]) {
        return Err(DomainError::invalid(field, "不能全是同一个字符"));
    }
    if password.eq_ignore_ascii_case(username) {
        return Err(DomainError::invalid(field, "不能与用户名相同"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_username_with_chinese_or_spaces_is_refused_by_field() {
        assert_eq!(check_username(" zhuren ").unwrap(), "zhuren");
        let e = check_username("王 主任").unwrap_err();
        assert_eq!(e.field(), "用户名");
        assert!(check_username("a").is_err());
    }

    #[test]
    fn a_short_or_repeated_password_is_refused() {
        assert!(check_password("密码", "abc123", "x").is_err());
        assert!(check_password("密码", "aaaaaaaaaa", "x").is_err());
        assert!(check_password("密码", "zhuren01", "ZHUREN01").is_err());
        assert!(check_password("密码", "hs-2026-pw", "zhuren").is_ok());
        assert_eq!(
            check_password("新密码", "", "x").unwrap_err(),
            DomainError::Required { field: "新密码" }
        );
    }
}
