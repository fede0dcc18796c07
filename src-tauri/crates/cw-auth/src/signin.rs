//! Signing in and out: the first run's head account, sign-in, the lock screen, own password.

use super::sessions::{Session, Sessions};
use super::{passwords, store};
use cw_domain::accounts::{
    check_display_name, check_password, check_username, Account, AuthStatus, SessionInfo,
};
use cw_domain::enums::AccountRole;
use cw_kernel::Access;
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// The first account, created at the first run: always the committee head.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct SetupArgs {
    pub username: String,
    pub display_name: String,
    pub password: String,
}

/// A sign-in attempt.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct LoginArgs {
    pub username: String,
    pub password: String,
}

/// The password, to unlock the screen.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct UnlockArgs {
    pub password: String,
}

/// A change of one's own password.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ChangePasswordArgs {
    pub old_password: String,
    pub new_password: String,
}

fn sessions<'a>(ctx: &Ctx<'a>) -> Result<&'a Sessions, CoreError> {
    ctx.sessions
        .ok_or_else(|| CoreError::BadArgs("登录只能在办公台界面中进行".into()))
}

fn info(token: &str, s: &Session) -> SessionInfo {
    SessionInfo {
        token: token.to_string(),
        username: s.username.clone(),
        display_name: s.display_name.clone(),
        role: s.role,
        idle_lock_minutes: s.idle_minutes,
        locked: s.locked,
    }
}

fn signed_in<'c>(ctx: &'c Ctx<'_>) -> Result<(&'c Session, &'c str), CoreError> {
    match (&ctx.access, ctx.token) {
        (Access::Account(s), Some(t)) => Ok((s, t)),
        _ => Err(CoreError::LoginRequired),
    }
}

/// Opens a session for `account` and records the sign-in.
fn open_session(ctx: &Ctx<'_>, account: &Account, event: &str) -> Result<SessionInfo, CoreError> {
    let (idle, _) = store::security(ctx.conn)?;
    let session = Session {
        account_id: account.id,
        username: account.username.clone(),
        display_name: account.display_name.clone(),
        role: account.role,
        last_seen: ctx.clock.now(),
        locked: false,
        idle_minutes: idle,
    };
    let token = passwords::new_token()?;
    ctx.audit_as(
        &account.username,
        "account",
        Some(account.id),
        None::<&()>,
        Some(&json!({ "event": event })),
    )?;
    sessions(ctx)?.insert(token.clone(), session.clone());
    Ok(info(&token, &session))
}

/// Whether an account exists yet, the demo hint, and the caller's session if still signed in.
pub fn status(ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<AuthStatus, CoreError> {
    let (_, demo_hint) = store::security(ctx.conn)?;
    let session = match (ctx.sessions, ctx.token) {
        (Some(all), Some(token)) => all.peek(token).map(|s| info(token, &s)),
        _ => None,
    };
    Ok(AuthStatus {
        needs_setup: store::count(ctx.conn)? == 0,
        demo_hint,
        session,
    })
}

/// Creates the committee head's account on the first run and signs it in.
pub fn setup(ctx: &Ctx<'_>, args: SetupArgs) -> Result<SessionInfo, CoreError> {
    if store::count(ctx.conn)? > 0 {
        return Err(CoreError::Conflict(
            "已经建立过账号，请用已有账号登录".into(),
        ));
    }
    let account = super::accounts::insert(
        ctx,
        &args.username,
        &args.display_name,
        AccountRole::Head,
        &args.password,
    )?;
    open_session(ctx, &account, "首次使用，建立主任账号并登录")
}

/// Signs in; five wrong passwords in a row pause sign-in for that name for a minute.
pub fn login(ctx: &Ctx<'_>, args: LoginArgs) -> Result<SessionInfo, CoreError> {
    let all = sessions(ctx)?;
    let now = ctx.clock.now();
    let key = args.username.trim().to_string();
    all.check_paused(&key, now)?;
    let found = store::by_username(ctx.conn, &key)?;
    // Every attempt runs one argon2 verification, whether the name exists, is deactivated or is
    // unknown (then against a dummy hash): the time taken must not tell which names exist.
    let matches =
        passwords::verify_or_dummy(found.as_ref().map(|(_, h)| h.as_str()), &args.password);
    match found {
        Some((account, _)) if account.active && matches => {
            all.clear_failures(&key);
            open_session(ctx, &account, "登录")
        }
        _ => {
            all.record_failure(&key, now);
            Err(CoreError::BadCredentials)
        }
    }
}

/// Signs out (also from the lock screen).
pub fn logout(ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<(), CoreError> {
    let (session, token) = signed_in(ctx)?;
    ctx.audit(
        "account",
        Some(session.account_id),
        None::<&()>,
        Some(&json!({ "event": "退出" })),
    )?;
    sessions(ctx)?.remove(token);
    Ok(())
}

/// Locks the screen now.
pub fn lock(ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<(), CoreError> {
    let (_, token) = signed_in(ctx)?;
    sessions(ctx)?.lock(token);
    Ok(())
}

/// Unlocks the screen with the session's own password.
pub fn unlock(ctx: &Ctx<'_>, args: UnlockArgs) -> Result<SessionInfo, CoreError> {
    let (session, token) = signed_in(ctx)?;
    let all = sessions(ctx)?;
    let now = ctx.clock.now();
    all.check_paused(&session.username, now)?;
    let hash = store::hash_of(ctx.conn, session.account_id)?;
    if !passwords::verify(&hash, &args.password) {
        all.record_failure(&session.username, now);
        return Err(CoreError::BadCredentials);
    }
    all.clear_failures(&session.username);
    all.unlock(token, now);
    let s = all.peek(token).ok_or(CoreError::LoginRequired)?;
    Ok(info(token, &s))
}

/// Changes the signed-in account's own password.
pub fn change_password(ctx: &Ctx<'_>, args: ChangePasswordArgs) -> Result<(), CoreError> {
    let (session, _) = signed_in(ctx)?;
    let hash = store::hash_of(ctx.conn, session.account_id)?;
    if !passwords::verify(&hash, &args.old_password) {
        return Err(cw_domain::DomainError::invalid("原密码", "不正确").into());
    }
    check_password("新密码", &args.new_password, &session.username)?;
    let now = ctx.now_text();
    store::set_hash(
        ctx.conn,
        session.account_id,
        &passwords::hash(&args.new_password)?,
        &now,
    )?;
    ctx.conn.execute(
        "UPDATE security_settings SET demo_hint = NULL WHERE id = 1",
        params![],
    )?;
    ctx.audit(
        "account",
        Some(session.account_id),
        None::<&()>,
        Some(&json!({ "event": "修改密码" })),
    )
}

/// Checks the fields of a new account (shared by setup and the head's account list).
pub fn check_new(
    username: &str,
    display_name: &str,
    password: &str,
) -> Result<(String, String), CoreError> {
    let username = check_username(username)?;
    let display_name = check_display_name(display_name)?;
    check_password("密码", password, &username)?;
    Ok((username, display_name))
}
