//! Where attachments (photos and scans) live beside the database, and how a backup carries them:
//! `attachments/` next to the data file, mirrored into `attachments/` next to each backup.
//!
//! Files of the one store are named by their SHA-256 and never change or go, so a mirror only
//! copies the files the other side lacks: the tenth backup of a folder of photos copies only the
//! photos added since the ninth. Older pledge scans (named by their number and time) are as
//! immutable and travel the same way.

use crate::file_ops;
use std::io;
use std::path::{Path, PathBuf};

/// The folder of attachments for the database file `db`.
pub fn dir_for(db: &Path) -> PathBuf {
    db.parent()
        .map_or_else(|| PathBuf::from("attachments"), |p| p.join("attachments"))
}

/// The folder of attachments carried with the backups in `backup_dir`.
pub fn backup_dir_for(backup_dir: &Path) -> PathBuf {
    backup_dir.join("attachments")
}

/// What a mirror did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Mirrored {
    /// Files copied (the other side lacked them or held a different size).
    pub copied: usize,
    /// Files the other side already had.
    pub present: usize,
}

/// Copies every file under `from` that `to` lacks (or holds with another size), keeping the
/// sub-folders; each copy is written to a temporary name, flushed, then renamed, so a file cut
/// short by a pulled USB stick never carries a real name. A missing `from` is nothing to do.
pub fn mirror(from: &Path, to: &Path) -> io::Result<Mirrored> {
    let mut done = Mirrored::default();
    if !from.is_dir() {
        return Ok(done);
    }
    mirror_into(from, to, &mut done)?;
    Ok(done)
}

fn mirror_into(from: &Path, to: &Path, done: &mut Mirrored) -> io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let source = entry.path();
        let target = to.join(&name);
        let kind = entry.file_type()?;
        if kind.is_dir() {
            mirror_into(&source, &target, done)?;
            continue;
        }
        if !kind.is_file() || name.to_string_lossy().ends_with(".part") {
            continue;
        }
        let size = entry.metadata()?.len();
        if std::fs::metadata(&target).is_ok_and(|m| m.len() == size) {
            done.present += 1;
            continue;
        }
        std::fs::create_dir_all(to)?;
        let part = to.join(format!("{}.part", name.to_string_lossy()));
        file_ops::copy(&source, &part)?;
        file_ops::flush(&part)?;
        file_ops::rename(&part, &target)?;
        done.copied += 1;
    }
    file_ops::sync_dir(to);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mirror_copies_only_what_the_other_side_lacks_and_keeps_sub_folders() -> io::Result<()> {
        let t = tempfile::tempdir()?;
        let from = t.path().join("a");
        let to = t.path().join("b");
        std::fs::create_dir_all(from.join("store/ab"))?;
        std::fs::write(from.join("store/ab/abc.jpg"), b"photo")?;
        std::fs::write(from.join("P-1.png"), b"scan")?;
        std::fs::write(from.join("half.part"), b"x")?;
        assert_eq!(
            mirror(&from, &to)?,
            Mirrored {
                copied: 2,
                present: 0
            }
        );
        assert_eq!(std::fs::read(to.join("store/ab/abc.jpg"))?, b"photo");
        assert!(!to.join("half.part").exists());
        std::fs::write(from.join("P-2.png"), b"scan2")?;
        assert_eq!(
            mirror(&from, &to)?,
            Mirrored {
                copied: 1,
                present: 2
            }
        );
        Ok(())
    }

    #[test]
    fn a_missing_folder_mirrors_nothing() -> io::Result<()> {
        let t = tempfile::tempdir()?;
        let done = mirror(&t.path().join("none"), &t.path().join("b"))?;
        assert_eq!(done, Mirrored::default());
        assert!(!t.path().join("b").exists());
        Ok(())
    }
}
