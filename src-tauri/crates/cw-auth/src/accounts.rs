//! The head's account list: add clerks, change roles, deactivate, reset passwords; the idle lock.

use super::signin::check_new;
use super::{passwords, store};
use cw_domain::accounts::{
    check_display_name, check_password, Account, AccountInput, SecuritySettings,
};
use cw_domain::enums::AccountRole;
use cw_domain::DomainError;
use cw_kernel::IdArgs;
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// A change to an account by the head.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct AccountUpdate {
    pub id: i64,
    pub display_name: String,
    pub role: AccountRole,
    pub active: bool,
}

/// A new password set by the head for someone who forgot theirs.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ResetPasswordArgs {
    pub id: i64,
    pub password: String,
}

/// Inserts an account after checking every field; records it (never the password) in the audit.
pub fn insert(
    ctx: &Ctx<'_>,
    username: &str,
    display_name: &str,
    role: AccountRole,
    password: &str,
) -> Result<Account, CoreError> {
    let (username, display_name) = check_new(username, display_name, password)?;
    if store::by_username(ctx.conn, &username)?.is_some() {
        return Err(DomainError::invalid("用户名", format!("「{username}」已被使用")).into());
    }
    let now = ctx.now_text();
    ctx.conn.execute(
        "INSERT INTO accounts (username, display_name, role, password_hash, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
        params![username, display_name, role.label(), passwords::hash(password)?, now],
    )?;
    let account = store::by_id(ctx.conn, ctx.conn.last_insert_rowid())?;
    ctx.audit_as(
        if ctx.actor.is_empty() {
            &username
        } else {
            ctx.actor
        },
        "account",
        Some(account.id),
        None::<&Account>,
        Some(&account),
    )?;
    Ok(account)
}

/// Every account, heads first.
pub fn list(ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<Vec<Account>, CoreError> {
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT {} FROM accounts ORDER BY active DESC, role = '主任' DESC, username",
        store::COLUMNS
    ))?;
    let rows = stmt.query_map([], store::account_from)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds an account.
pub fn create(ctx: &Ctx<'_>, input: AccountInput) -> Result<Account, CoreError> {
    insert(
        ctx,
        &input.username,
        &input.display_name,
        input.role,
        &input.password,
    )
}

/// Renames, changes the role of, deactivates or reactivates an account. The last active head
/// cannot be demoted or deactivated; a demoted or deactivated account is signed out.
pub fn update(ctx: &Ctx<'_>, args: AccountUpdate) -> Result<Account, CoreError> {
    let before = store::by_id(ctx.conn, args.id)?;
    let display_name = check_display_name(&args.display_name)?;
    let stays_head = args.role == AccountRole::Head && args.active;
    if before.role == AccountRole::Head
        && !stays_head
        && store::other_active_heads(ctx.conn, before.id)? == 0
    {
        return Err(CoreError::Conflict(
            "这是唯一在用的主任账号，不能停用或改为文员；请先另建一个主任账号".into(),
        ));
    }
    ctx.conn.execute(
        "UPDATE accounts SET display_name = ?2, role = ?3, active = ?4, updated_at = ?5 WHERE id = ?1",
        params![args.id, display_name, args.role.label(), args.active, ctx.now_text()],
    )?;
    let after = store::by_id(ctx.conn, args.id)?;
    ctx.audit("account", Some(after.id), Some(&before), Some(&after))?;
    if after.role != before.role || !after.active {
        if let Some(all) = ctx.sessions {
            all.remove_account(after.id);
        }
    }
    Ok(after)
}

/// Sets a new password for an account and signs it out everywhere.
pub fn reset_password(ctx: &Ctx<'_>, args: ResetPasswordArgs) -> Result<(), CoreError> {
    let account = store::by_id(ctx.conn, args.id)?;
    check_password("新密码", &args.password, &account.username)?;
    store::set_hash(
        ctx.conn,
        account.id,
        &passwords::hash(&args.password)?,
        &ctx.now_text(),
    )?;
    ctx.conn.execute(
        "UPDATE security_settings SET demo_hint = NULL WHERE id = 1",
        [],
    )?;
    ctx.audit(
        "account",
        Some(account.id),
        None::<&()>,
        Some(&json!({ "event": "主任重设密码" })),
    )?;
    if let Some(all) = ctx.sessions {
        all.remove_account(account.id);
    }
    Ok(())
}

/// Reads the idle-lock setting.
pub fn security_get(
    ctx: &Ctx<'_>,
    _args: serde_json::Value,
) -> Result<SecuritySettings, CoreError> {
    let (idle_lock_minutes, _) = store::security(ctx.conn)?;
    Ok(SecuritySettings { idle_lock_minutes })
}

/// Changes the idle-lock setting (head only); open sessions follow it at once.
pub fn security_update(
    ctx: &Ctx<'_>,
    input: SecuritySettings,
) -> Result<SecuritySettings, CoreError> {
    if !(0..=240).contains(&input.idle_lock_minutes) {
        return Err(DomainError::invalid(
            "自动锁屏（分钟）",
            "须在 0 到 240 之间（0 表示不自动锁屏）",
        )
        .into());
    }
    let before = security_get(ctx, serde_json::Value::Null)?;
    ctx.conn.execute(
        "UPDATE security_settings SET idle_lock_minutes = ?1 WHERE id = 1",
        [input.idle_lock_minutes],
    )?;
    ctx.audit("security_settings", Some(1), Some(&before), Some(&input))?;
    if let Some(all) = ctx.sessions {
        all.set_idle_minutes(input.idle_lock_minutes);
    }
    Ok(input)
}

/// Creates the demo community's two accounts (head and clerk) if no account exists yet, and the
/// sign-in screen's hint naming them.
pub fn demo_accounts(ctx: &Ctx<'_>) -> Result<(), CoreError> {
    if store::count(ctx.conn)? > 0 {
        return Ok(());
    }
    insert(ctx, "zhuren", "黄主任", AccountRole::Head, DEMO_PASSWORD)?;
    insert(ctx, "wenyuan", "李文员", AccountRole::Clerk, DEMO_PASSWORD)?;
    ctx.conn.execute(
        "UPDATE security_settings SET demo_hint = ?1 WHERE id = 1",
        [format!(
            "演示社区账号：主任 zhuren，文员 wenyuan，密码均为 {DEMO_PASSWORD}（改密码后本提示消失）"
        )],
    )?;
    Ok(())
}

/// The demo accounts' password, printed in the README and on the sign-in screen.
pub const DEMO_PASSWORD: &str = "demo-2026";

/// For the head's list: the account `id`.
pub fn get(ctx: &Ctx<'_>, args: IdArgs) -> Result<Account, CoreError> {
    store::by_id(ctx.conn, args.id)
}
