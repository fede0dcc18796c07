//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes), salted per account.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use cw_kernel::CoreError;
use std::cell::Cell;

/// A hash of no password, with the parameters every real one has (argon2id, 19 MiB, 2 passes,
/// one lane, 16-byte salt, 32-byte output): what a sign-in under an unknown name is checked
/// against, so it costs what a wrong password costs and the time taken does not tell which
/// names exist. Its output is 32 zero bytes, which no password gives in practice.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

thread_local! {
    /// How many argon2 verifications this thread has run: lets a test see that a sign-in under
    /// an unknown name ran one, without timing it.
    static VERIFICATIONS: Cell<u64> = const { Cell::new(0) };
}

/// How many argon2 verifications the calling thread has run so far (for tests).
pub fn verifications_on_this_thread() -> u64 {
    VERIFICATIONS.with(Cell::get)
}

/// Hashes a password into a PHC string (`$argon2id$v=19$…`) with a fresh random salt.
pub fn hash(password: &str) -> Result<String, CoreError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| CoreError::Internal(format!("无法取得随机数：{e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| CoreError::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::Internal(format!("无法计算密码摘要：{e}")))
}

/// Whether `password` matches the stored PHC string; a malformed hash never matches, and is
/// refused only after the same work as a real one (against [`DUMMY_HASH`]).
pub fn verify(stored: &str, password: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => run_argon2(&parsed, password),
        Err(_) => {
            if let Ok(dummy) = PasswordHash::new(DUMMY_HASH) {
                run_argon2(&dummy, password);
            }
            false
        }
    }
}

/// Whether `password` matches `stored`, or, when there is no account (`None`), the same work
/// against [`DUMMY_HASH`] and `false`: sign-in calls this for known and unknown names alike.
pub fn verify_or_dummy(stored: Option<&str>, password: &str) -> bool {
    match stored {
        Some(hash) => verify(hash, password),
        None => {
            verify(DUMMY_HASH, password);
            false
        }
    }
}

fn run_argon2(parsed: &PasswordHash<'_>, password: &str) -> bool {
    VERIFICATIONS.with(|n| n.set(n.get() + 1));
    Argon2::default()
        .verify_password(password.as_bytes(), parsed)
        .is_ok()
}

/// A random session token: 32 bytes as hex.
pub fn new_token() -> Result<String, CoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| CoreError::Internal(format!("无法取得随机数：{e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_no_other() {
        let h = hash("hs-2026-pw").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(!h.contains("hs-2026-pw"));
        assert!(verify(&h, "hs-2026-pw"));
        assert!(!verify(&h, "hs-2026-pW"));
        assert!(!verify("not a hash", "hs-2026-pw"));
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_costs_and_matches_nothing() {
        let real = hash("hs-2026-pw").unwrap();
        let real = PasswordHash::new(&real).unwrap();
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params, "memory, passes and lanes");
        assert_eq!(
            dummy.salt.unwrap().as_str().len(),
            real.salt.unwrap().as_str().len()
        );
        assert_eq!(dummy.hash.unwrap().len(), real.hash.unwrap().len());
        let before = verifications_on_this_thread();
        assert!(!verify_or_dummy(None, ""));
        assert!(!verify_or_dummy(None, "hs-2026-pw"));
        assert!(!verify("not a hash", "hs-2026-pw"));
        assert_eq!(
            verifications_on_this_thread() - before,
            3,
            "each refusal ran argon2 once"
        );
    }

    #[test]
    fn the_same_password_gets_a_different_salt_each_time() {
        assert_ne!(hash("hs-2026-pw").unwrap(), hash("hs-2026-pw").unwrap());
        assert_ne!(new_token().unwrap(), new_token().unwrap());
        assert_eq!(new_token().unwrap().len(), 64);
    }
}
