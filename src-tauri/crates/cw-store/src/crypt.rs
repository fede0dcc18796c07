//! Encrypted copies of a checked backup, for the copies that leave the PC (a USB stick): the age
//! format (age-encryption.org/v1) with its passphrase recipient (scrypt, then ChaCha20-Poly1305
//! in 64 KiB authenticated chunks). Nothing here is a cipher of our own: the `age` crate does the
//! cryptography; this module only writes its output the way every backup is written (temporary
//! name, flushed, renamed) and reads it back into a file the restore then checks.

use crate::{backup, file_ops, StoreError};
use age::secrecy::SecretString;
use chrono::NaiveDateTime;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The suffix of an encrypted backup: `chuangwei-YYYYMMDD-HHMMSS-<reason>.db.age`.
pub const SUFFIX: &str = ".age";

/// The first bytes of every age file (its header's version line).
pub const MAGIC: &[u8] = b"age-encryption.org/v1";

/// The scrypt work factor (N = 2^18, 256 MiB, about a second on an office PC) every encrypted
/// backup is written with. Fixed rather than the `age` crate's own timing of this machine: that
/// timing differs between a busy and an idle moment, and a restore times the machine again and
/// refused a backup written a moment earlier on the same PC when the two timings disagreed.
pub const WORK_FACTOR: u8 = 18;

/// The highest work factor a restore accepts: a little above ours, so a file that claims hours
/// of work (not one this app wrote) is refused at once instead of tying up the PC.
pub const MAX_WORK_FACTOR: u8 = WORK_FACTOR + 2;

/// How an encrypted backup being written is named until it is complete; never listed.
const TEMPORARY: &str = ".tmp-";

fn io_error(path: &Path, e: io::Error) -> StoreError {
    if e.raw_os_error() == Some(28) || e.kind() == io::ErrorKind::StorageFull {
        return StoreError::DiskFull;
    }
    StoreError::Backup(format!(
        "{}：{}",
        path.display(),
        crate::io_words::io_cn(&e)
    ))
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

/// The name an encrypted backup made at `at` for `reason` gets; `n` > 0 tells two apart.
pub fn file_name(at: NaiveDateTime, reason: &str, n: u32) -> String {
    format!("{}{SUFFIX}", backup::file_name(at, reason, n))
}

/// Encrypts the checked backup `plain` with `passphrase` into `dir`, as the backup of `at` for
/// `reason`, and returns the new file. Written to a temporary name, flushed, then renamed, so a
/// stick pulled out halfway leaves no file that looks like a backup.
pub fn encrypt_into(
    plain: &Path,
    dir: &Path,
    at: NaiveDateTime,
    reason: &str,
    passphrase: &str,
) -> Result<PathBuf, StoreError> {
    let tmp = dir.join(format!(
        "{TEMPORARY}{}-{}.db{SUFFIX}",
        std::process::id(),
        unique()
    ));
    let result = write_encrypted(plain, &tmp, passphrase).and_then(|()| {
        let mut n = 0;
        let target = loop {
            let candidate = dir.join(file_name(at, reason, n));
            if !candidate.exists() {
                break candidate;
            }
            n += 1;
        };
        file_ops::rename(&tmp, &target).map_err(|e| io_error(&target, e))?;
        file_ops::sync_dir(dir);
        Ok(target)
    });
    if result.is_err() {
        let _ = file_ops::remove_if_present(&tmp);
    }
    result
}

fn write_encrypted(plain: &Path, tmp: &Path, passphrase: &str) -> Result<(), StoreError> {
    let mut input = File::open(plain).map_err(|e| io_error(plain, e))?;
    let output = File::create(tmp).map_err(|e| io_error(tmp, e))?;
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(WORK_FACTOR);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .map_err(|_| StoreError::Backup("加密备份失败：备份密码的加密参数无效".into()))?;
    let mut writer = encryptor
        .wrap_output(BufWriter::new(output))
        .map_err(|e| io_error(tmp, e))?;
    io::copy(&mut input, &mut writer).map_err(|e| io_error(tmp, e))?;
    // `finish` writes the last authenticated chunk: without it the file cannot be decrypted.
    let mut buffered = writer.finish().map_err(|e| io_error(tmp, e))?;
    buffered.flush().map_err(|e| io_error(tmp, e))?;
    drop(buffered);
    file_ops::flush(tmp).map_err(|e| io_error(tmp, e))
}

/// Whether the file at `path` begins like an age file.
pub fn looks_encrypted(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; MAGIC.len()];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == MAGIC
}

/// Decrypts the encrypted backup `encrypted` with `passphrase` into `out` (created, replacing
/// what is there) and flushes it. A wrong passphrase is found from the header alone, before
/// `out` is created: [`StoreError::WrongPassphrase`]. A file altered after it was written fails
/// its authentication, and `out` is removed.
pub fn decrypt_to(encrypted: &Path, out: &Path, passphrase: &str) -> Result<(), StoreError> {
    let input = File::open(encrypted).map_err(|e| io_error(encrypted, e))?;
    let not_ours = || {
        StoreError::Backup(format!(
            "「{}」不是用备份密码加密的创卫办公台备份",
            encrypted.display()
        ))
    };
    let decryptor = age::Decryptor::new(BufReader::new(input)).map_err(|_| not_ours())?;
    if !decryptor.is_scrypt() {
        return Err(not_ours());
    }
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::ExcessiveWork { .. } => {
                StoreError::Backup("这个文件的加密参数不是创卫办公台写的，不能作为备份恢复".into())
            }
            age::DecryptError::Io(e) => io_error(encrypted, e),
            // Every other refusal of the header (no matching key, a failed key or MAC) is
            // what a wrong passphrase gives.
            _ => StoreError::WrongPassphrase,
        })?;
    let written = (|| {
        let mut output = BufWriter::new(File::create(out).map_err(|e| io_error(out, e))?);
        io::copy(&mut reader, &mut output).map_err(|e| {
            if e.kind() == io::ErrorKind::InvalidData {
                StoreError::Backup("加密备份已损坏或被改动过（解密时校验不通过）".into())
            } else {
                io_error(out, e)
            }
        })?;
        output.flush().map_err(|e| io_error(out, e))?;
        drop(output);
        file_ops::flush(out).map_err(|e| io_error(out, e))
    })();
    if written.is_err() {
        let _ = file_ops::remove_if_present(out);
    }
    written
}

/// One encrypted backup found in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptedFile {
    pub path: PathBuf,
    /// The file name, e.g. `chuangwei-20261129-090000-manual.db.age`.
    pub name: String,
    /// When it was made (from its name).
    pub at: NaiveDateTime,
    /// Why (from its name).
    pub reason: String,
}

/// The encrypted backups in `dir`, newest first; a missing folder holds none.
pub fn list(dir: &Path) -> Result<Vec<EncryptedFile>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some((at, reason)) = name.strip_suffix(SUFFIX).and_then(backup::parse_name) else {
            continue;
        };
        if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            out.push(EncryptedFile {
                path: entry.path(),
                name,
                at,
                reason,
            });
        }
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.name.cmp(&a.name)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn an_encrypted_copy_opens_with_its_passphrase_only_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        std::fs::write(&plain, b"SQLite format 3\0 and the rest of the file").unwrap();
        let usb = dir.path().join("usb");
        std::fs::create_dir(&usb).unwrap();
        let made = encrypt_into(&plain, &usb, at(), "manual", "长城永不倒-2026").unwrap();
        assert_eq!(
            made.file_name().unwrap().to_string_lossy(),
            "chuangwei-20261203-090000-manual.db.age"
        );
        assert!(looks_encrypted(&made));
        assert!(!looks_encrypted(&plain));
        let bytes = std::fs::read(&made).unwrap();
        assert!(!bytes.windows(6).any(|w| w == b"SQLite"), "no plain text");
        let names: Vec<String> = std::fs::read_dir(&usb)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");

        let out = dir.path().join("out.db");
        let wrong = decrypt_to(&made, &out, "长城永不倒-2025").unwrap_err();
        assert!(matches!(wrong, StoreError::WrongPassphrase), "{wrong}");
        assert!(!out.exists(), "a wrong passphrase writes nothing");
        decrypt_to(&made, &out, "长城永不倒-2026").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&plain).unwrap());
        let listed = list(&usb).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].reason, "manual");
    }

    #[test]
    fn every_encrypted_copy_is_written_with_the_fixed_work_factor() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        std::fs::write(&plain, b"SQLite format 3\0").unwrap();
        let made = encrypt_into(&plain, dir.path(), at(), "manual", "passphrase-1").unwrap();
        let header = String::from_utf8_lossy(&std::fs::read(&made).unwrap()).to_string();
        let stanza = header
            .lines()
            .find(|l| l.starts_with("-> scrypt "))
            .unwrap();
        assert_eq!(
            stanza.split(' ').nth(3),
            Some(WORK_FACTOR.to_string().as_str())
        );

        // A file claiming far more work than ours is refused before any of it is done.
        let claimed = header.replacen(
            &format!(" {WORK_FACTOR}\n"),
            &format!(" {}\n", MAX_WORK_FACTOR + 1),
            1,
        );
        let mut bytes = std::fs::read(&made).unwrap();
        bytes.splice(
            ..header.find("\n---").unwrap(),
            claimed[..claimed.find("\n---").unwrap()].bytes(),
        );
        std::fs::write(&made, bytes).unwrap();
        let out = dir.path().join("out.db");
        let e = decrypt_to(&made, &out, "passphrase-1").unwrap_err();
        assert!(e.to_string().contains("加密参数"), "{e}");
        assert!(!out.exists());
    }

    #[test]
    fn an_encrypted_copy_altered_after_writing_is_refused_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        std::fs::write(&plain, vec![7u8; 200_000]).unwrap();
        let made = encrypt_into(&plain, dir.path(), at(), "manual", "passphrase-1").unwrap();
        let mut bytes = std::fs::read(&made).unwrap();
        let last = bytes.len() - 10;
        bytes[last] ^= 1;
        std::fs::write(&made, bytes).unwrap();
        let out = dir.path().join("out.db");
        let e = decrypt_to(&made, &out, "passphrase-1").unwrap_err();
        assert!(e.to_string().contains("校验不通过"), "{e}");
        assert!(!out.exists());
    }
}
