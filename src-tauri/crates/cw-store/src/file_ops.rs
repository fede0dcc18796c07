//! Every rename, delete, copy, write and flush of the app's own files, done the way Windows
//! needs: tried again while another program holds the file for a moment, and flushed only
//! through a handle opened for writing.
//!
//! On the clerk's PC an antivirus scanner, the search indexer or a sync client opens a new file
//! for a moment after it is written; a rename or delete in that moment fails with a sharing
//! violation. SQLite's own Windows layer tries such calls again with a short back-off, and so do
//! these. `clippy.toml` forbids the `std::fs` calls outside this module, so no new code forgets.
#![allow(clippy::disallowed_methods)] // This module is where the forbidden calls live.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

/// How often a refused call is tried in all, and the first pause; each pause is one step longer
/// than the last (25, 50, … 225 ms: about 1.1 s before giving up), as in SQLite's `os_win.c`.
pub const TRIES: u32 = 10;
const STEP: Duration = Duration::from_millis(25);

/// Whether `e` is the refusal a program holding the file for a moment causes, worth trying
/// again: on Windows, access denied (5, what a scanner's open handle gives a delete), sharing
/// and lock violations (32, 33) and a file mapped by another process (1224); elsewhere `EBUSY`.
pub fn is_transient(e: &io::Error) -> bool {
    if cfg!(windows) {
        matches!(e.raw_os_error(), Some(5 | 32 | 33 | 1224))
    } else {
        e.kind() == io::ErrorKind::ResourceBusy
    }
}

/// Runs `op` until it succeeds, fails for another reason, or has been refused [`TRIES`] times;
/// `pause` waits between tries (a real sleep, or nothing in tests). A refusal that outlasts the
/// tries comes back as [`io::ErrorKind::ResourceBusy`], which `io_words` says in Chinese as a
/// file held by another program.
pub fn retrying<T>(
    mut op: impl FnMut() -> io::Result<T>,
    mut pause: impl FnMut(Duration),
) -> io::Result<T> {
    let mut tries = 0;
    loop {
        match op() {
            Ok(v) => return Ok(v),
            Err(e) if is_transient(&e) => {
                tries += 1;
                if tries >= TRIES {
                    return Err(gave_up(e));
                }
                pause(STEP * tries);
            }
            Err(e) => return Err(e),
        }
    }
}

fn gave_up(e: io::Error) -> io::Error {
    // Access denied that lasted is more likely a read-only file: keep what the system said.
    if e.kind() == io::ErrorKind::PermissionDenied || e.kind() == io::ErrorKind::ResourceBusy {
        return e;
    }
    io::Error::new(
        io::ErrorKind::ResourceBusy,
        format!("{e}; still refused after {TRIES} tries"),
    )
}

fn with_retry<T>(op: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    retrying(op, std::thread::sleep)
}

/// Renames `from` to `to`, replacing `to` if it exists.
pub fn rename(from: &Path, to: &Path) -> io::Result<()> {
    with_retry(|| std::fs::rename(from, to))
}

/// Deletes the file at `path`; a file that is not there is an error ([`io::ErrorKind::NotFound`]).
pub fn remove_file(path: &Path) -> io::Result<()> {
    with_retry(|| std::fs::remove_file(path))
}

/// Deletes the file at `path` if it is there.
pub fn remove_if_present(path: &Path) -> io::Result<()> {
    match remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Copies the file `from` to `to` (replacing it) and returns the bytes copied. Not flushed: see
/// [`flush`].
pub fn copy(from: &Path, to: &Path) -> io::Result<u64> {
    with_retry(|| std::fs::copy(from, to))
}

/// Opens `path` the way a flush needs it: for writing, never truncating or creating. Windows
/// refuses `FlushFileBuffers` on a handle without write access, so a file opened for reading
/// can never be flushed there (it can on Linux, which is how the first release missed it).
pub fn open_for_flush(path: &Path) -> io::Result<File> {
    with_retry(|| OpenOptions::new().write(true).open(path))
}

/// Makes the file at `path` durable: what was written to it reaches the disk.
pub fn flush(path: &Path) -> io::Result<()> {
    let file = open_for_flush(path)?;
    with_retry(|| file.sync_all())
}

/// Writes `bytes` to `path` (created, or replaced) without waiting for the disk.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    with_retry(|| std::fs::write(path, bytes))
}

/// Writes `bytes` to `path` (created, or replaced) and flushes it, through the one handle that
/// wrote it: for documents the clerk saves, which may be carried away on a USB stick at once.
pub fn write_durable(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = with_retry(|| File::create(path))?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes a rename in `dir` durable (POSIX needs the folder flushed; Windows has no handle for a
/// folder to flush, and NTFS journals the rename itself).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        // Best effort: the rename itself has happened; only its durability is at stake.
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// The error a held file gives on this platform.
    fn held() -> io::Error {
        if cfg!(windows) {
            io::Error::from_raw_os_error(32)
        } else {
            io::Error::from(io::ErrorKind::ResourceBusy)
        }
    }

    #[test]
    fn a_file_held_for_a_moment_is_renamed_on_a_later_try() {
        let calls = Cell::new(0);
        let mut pauses = Vec::new();
        let got = retrying(
            || {
                calls.set(calls.get() + 1);
                if calls.get() < 4 {
                    Err(held())
                } else {
                    Ok("done")
                }
            },
            |d| pauses.push(d.as_millis()),
        );
        assert_eq!(got.unwrap(), "done");
        assert_eq!(calls.get(), 4);
        assert_eq!(pauses, vec![25, 50, 75], "each pause is one step longer");
    }

    #[test]
    fn a_file_held_for_good_is_given_up_after_the_last_try_as_busy() {
        let calls = Cell::new(0);
        let got: io::Result<()> = retrying(
            || {
                calls.set(calls.get() + 1);
                Err(held())
            },
            |_| {},
        );
        assert_eq!(calls.get(), TRIES);
        let e = got.unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::ResourceBusy);
        assert!(
            crate::io_words::io_cn(&e).starts_with("文件正被其他程序"),
            "{}",
            crate::io_words::io_cn(&e)
        );
    }

    #[test]
    fn a_missing_file_is_not_tried_again() {
        let calls = Cell::new(0);
        let got: io::Result<()> = retrying(
            || {
                calls.set(calls.get() + 1);
                Err(io::Error::from(io::ErrorKind::NotFound))
            },
            |_| panic!("no pause for a missing file"),
        );
        assert_eq!(calls.get(), 1);
        assert_eq!(got.unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn removing_a_file_that_is_not_there_is_fine_only_when_asked_so() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.db");
        assert_eq!(
            remove_file(&gone).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        remove_if_present(&gone).unwrap();
        write(&gone, b"x").unwrap();
        remove_if_present(&gone).unwrap();
        assert!(!gone.exists());
    }

    #[test]
    fn rename_replaces_the_target_and_copy_keeps_the_source() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a"),
            dir.path().join("b"),
            dir.path().join("c"),
        );
        write(&a, b"new").unwrap();
        write(&b, b"old").unwrap();
        assert_eq!(copy(&a, &c).unwrap(), 3);
        rename(&a, &b).unwrap();
        assert!(!a.exists());
        assert_eq!(std::fs::read(&b).unwrap(), b"new");
        assert_eq!(std::fs::read(&c).unwrap(), b"new");
    }

    /// The access mode of an open handle as the kernel holds it (`O_ACCMODE` of the flags in
    /// `/proc/self/fdinfo`): what Windows would check before `FlushFileBuffers`.
    #[cfg(target_os = "linux")]
    fn access_mode(file: &File) -> u32 {
        use std::os::fd::AsRawFd;
        let info =
            std::fs::read_to_string(format!("/proc/self/fdinfo/{}", file.as_raw_fd())).unwrap();
        let flags = info
            .lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .unwrap()
            .trim();
        u32::from_str_radix(flags, 8).unwrap() & 0o3
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_flush_goes_through_a_handle_opened_for_writing() {
        const O_RDONLY: u32 = 0;
        const O_WRONLY: u32 = 1;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.db");
        write(&path, b"backup").unwrap();
        // The probe can tell the modes apart: a plain open is read-only.
        assert_eq!(access_mode(&File::open(&path).unwrap()), O_RDONLY);
        assert_eq!(access_mode(&open_for_flush(&path).unwrap()), O_WRONLY);
        flush(&path).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"backup",
            "a flush keeps the bytes"
        );
    }

    #[test]
    fn a_flush_never_creates_a_file_that_is_not_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.db");
        assert_eq!(flush(&path).unwrap_err().kind(), io::ErrorKind::NotFound);
        assert!(!path.exists());
    }

    #[test]
    fn a_durable_write_replaces_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("报表.pdf");
        write_durable(&path, b"long first version").unwrap();
        write_durable(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
    }
}
