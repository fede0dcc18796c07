//! Signed-in sessions, held in memory by the running app: a restart signs everyone out.
//! Also counts wrong passwords, so guessing at the keyboard is slowed down.

use crate::CoreError;
use chrono::NaiveDateTime;
use cw_domain::enums::AccountRole;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// Wrong passwords in a row before sign-in pauses.
pub const MAX_FAILURES: u32 = 5;
/// How long sign-in pauses after [`MAX_FAILURES`] wrong passwords.
pub const PAUSE_SECONDS: i64 = 60;

/// One signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: AccountRole,
    /// The last call made in this session (from the app's clock).
    pub last_seen: NaiveDateTime,
    /// Locked by the clerk or by idleness: only unlock and sign-out are allowed.
    pub locked: bool,
    /// Minutes of idleness before the lock; 0 = never.
    pub idle_minutes: i64,
}

#[derive(Default)]
struct Failures {
    count: u32,
    paused_until: Option<NaiveDateTime>,
}

/// Every session of the running app, by token.
#[derive(Default)]
pub struct Sessions {
    by_token: Mutex<HashMap<String, Session>>,
    failures: Mutex<HashMap<String, Failures>>,
}

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not sign everyone out for good: take the data as it is.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sessions {
    /// Registers a new session under `token`.
    pub fn insert(&self, token: String, session: Session) {
        guard(&self.by_token).insert(token, session);
    }

    /// The session of `token`, as it is.
    pub fn peek(&self, token: &str) -> Option<Session> {
        guard(&self.by_token).get(token).cloned()
    }

    /// The session of `token` for a call at `now`: locks it first if it has been idle too long,
    /// then refuses a locked session unless `allow_locked`. Refreshes `last_seen` on success.
    pub fn touch(
        &self,
        token: Option<&str>,
        now: NaiveDateTime,
        allow_locked: bool,
    ) -> Result<Session, CoreError> {
        let token = token.ok_or(CoreError::LoginRequired)?;
        let mut map = guard(&self.by_token);
        let s = map.get_mut(token).ok_or(CoreError::LoginRequired)?;
        if s.idle_minutes > 0 && (now - s.last_seen).num_seconds() >= s.idle_minutes * 60 {
            s.locked = true;
        }
        if s.locked && !allow_locked {
            return Err(CoreError::Locked);
        }
        if !s.locked {
            s.last_seen = now;
        }
        Ok(s.clone())
    }

    /// Locks the session of `token`.
    pub fn lock(&self, token: &str) {
        if let Some(s) = guard(&self.by_token).get_mut(token) {
            s.locked = true;
        }
    }

    /// Unlocks the session of `token` at `now`.
    pub fn unlock(&self, token: &str, now: NaiveDateTime) {
        if let Some(s) = guard(&self.by_token).get_mut(token) {
            s.locked = false;
            s.last_seen = now;
        }
    }

    /// Ends the session of `token`.
    pub fn remove(&self, token: &str) {
        guard(&self.by_token).remove(token);
    }

    /// Ends every session of an account (deactivated, demoted or its password reset).
    pub fn remove_account(&self, account_id: i64) {
        guard(&self.by_token).retain(|_, s| s.account_id != account_id);
    }

    /// Applies a new idle limit to every open session.
    pub fn set_idle_minutes(&self, minutes: i64) {
        for s in guard(&self.by_token).values_mut() {
            s.idle_minutes = minutes;
        }
    }

    /// Refuses a sign-in attempt for `key` (a username) while it is paused.
    pub fn check_paused(&self, key: &str, now: NaiveDateTime) -> Result<(), CoreError> {
        let map = guard(&self.failures);
        match map.get(&key.to_lowercase()).and_then(|f| f.paused_until) {
            Some(until) if until > now => Err(CoreError::Throttled {
                seconds: (until - now).num_seconds().max(1),
            }),
            _ => Ok(()),
        }
    }

    /// Counts a wrong password for `key`; the fifth in a row pauses sign-in.
    pub fn record_failure(&self, key: &str, now: NaiveDateTime) {
        let mut map = guard(&self.failures);
        let f = map.entry(key.to_lowercase()).or_default();
        if f.paused_until.is_some_and(|until| until <= now) {
            *f = Failures::default();
        }
        f.count += 1;
        if f.count >= MAX_FAILURES {
            f.paused_until = Some(now + chrono::Duration::seconds(PAUSE_SECONDS));
        }
    }

    /// Forgets the wrong passwords of `key` after a right one.
    pub fn clear_failures(&self, key: &str) {
        guard(&self.failures).remove(&key.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 29)
            .unwrap()
            .and_hms_opt(h, m, s)
            .unwrap()
    }

    fn session(idle: i64) -> Session {
        Session {
            account_id: 1,
            username: "wenyuan".into(),
            display_name: "李文员".into(),
            role: AccountRole::Clerk,
            last_seen: at(9, 0, 0),
            locked: false,
            idle_minutes: idle,
        }
    }

    #[test]
    fn a_session_idle_for_its_limit_locks_and_refuses_calls() {
        let s = Sessions::default();
        s.insert("t".into(), session(10));
        assert!(s.touch(Some("t"), at(9, 9, 59), false).is_ok());
        assert!(matches!(
            s.touch(Some("t"), at(9, 19, 59), false),
            Err(CoreError::Locked)
        ));
        // Still locked when the clerk comes back a minute later; unlock and sign-out still work.
        assert!(s.touch(Some("t"), at(9, 20, 30), true).unwrap().locked);
        s.unlock("t", at(9, 21, 0));
        assert!(s.touch(Some("t"), at(9, 21, 1), false).is_ok());
    }

    #[test]
    fn a_zero_idle_limit_never_locks() {
        let s = Sessions::default();
        s.insert("t".into(), session(0));
        assert!(s.touch(Some("t"), at(23, 0, 0), false).is_ok());
    }

    #[test]
    fn an_unknown_or_missing_token_needs_a_sign_in() {
        let s = Sessions::default();
        assert!(matches!(
            s.touch(Some("nope"), at(9, 0, 0), false),
            Err(CoreError::LoginRequired)
        ));
        assert!(matches!(
            s.touch(None, at(9, 0, 0), false),
            Err(CoreError::LoginRequired)
        ));
    }

    #[test]
    fn five_wrong_passwords_pause_sign_in_for_a_minute() {
        let s = Sessions::default();
        for _ in 0..4 {
            s.record_failure("ZhuRen", at(9, 0, 0));
        }
        assert!(s.check_paused("zhuren", at(9, 0, 1)).is_ok());
        s.record_failure("zhuren", at(9, 0, 1));
        match s.check_paused("zhuren", at(9, 0, 31)) {
            Err(CoreError::Throttled { seconds }) => assert_eq!(seconds, 30),
            other => panic!("expected a pause, got {other:?}"),
        }
        assert!(s.check_paused("zhuren", at(9, 1, 1)).is_ok());
        // After the pause a single wrong password does not pause again.
        s.record_failure("zhuren", at(9, 1, 2));
        assert!(s.check_paused("zhuren", at(9, 1, 3)).is_ok());
    }

    #[test]
    fn removing_an_account_ends_all_its_sessions() {
        let s = Sessions::default();
        s.insert("a".into(), session(10));
        s.insert("b".into(), session(10));
        s.remove_account(1);
        assert!(s.peek("a").is_none() && s.peek("b").is_none());
    }
}
