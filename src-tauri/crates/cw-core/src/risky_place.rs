//! Whether the database lies where SQLite is known to corrupt: on a network share, or in a
//! folder a sync client manages (OneDrive and the common Chinese sync clients), which copy or
//! lock the file and its `-wal` separately while the app writes.
//!
//! Only a warning at start: the file still opens (the clerk may be moving it away), but the
//! banner and the log say where it is and what to do.

use std::ffi::OsString;
use std::path::{Component, Path};

/// Folder names that sync clients give the folder they manage, lower-case: a database under
/// one of them is synced while it is written.
const SYNC_FOLDERS: &[(&str, &str)] = &[
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google 云端硬盘"),
    ("icloud drive", "iCloud"),
    ("iclouddrive", "iCloud"),
    ("baidunetdisk", "百度网盘"),
    ("baidusyncdisk", "百度网盘同步空间"),
    ("百度网盘", "百度网盘"),
    ("百度云同步盘", "百度云同步盘"),
    ("nutstore", "坚果云"),
    ("我的坚果云", "坚果云"),
    ("坚果云", "坚果云"),
    ("wpsdrive", "WPS 云盘"),
    ("wps云盘", "WPS 云盘"),
    ("wps网盘", "WPS 云盘"),
    ("adrive", "阿里云盘"),
    ("阿里云盘", "阿里云盘"),
    ("weiyun", "腾讯微云"),
    ("微云同步盘", "腾讯微云"),
    ("tencent weiyun", "腾讯微云"),
    ("synologydrive", "Synology Drive"),
    ("seafile", "Seafile"),
    ("nextcloud", "Nextcloud"),
    ("owncloud", "ownCloud"),
];

/// Environment variables Windows sets to the OneDrive folders of the signed-in user.
const SYNC_ENV: &[&str] = &["OneDrive", "OneDriveCommercial", "OneDriveConsumer"];

/// File systems (as `/proc/mounts` names them) that are network shares.
const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "afs",
    "9p",
    "davfs",
    "fuse.rclone",
];

/// The warning for the database at `db`, in Chinese, or `None` when its place is fine.
pub fn warning(db: &Path) -> Option<String> {
    // A mapped network drive (Z:\) canonicalizes to its \\?\UNC\server\share form on Windows.
    let real = db
        .parent()
        .and_then(|d| std::fs::canonicalize(d).ok())
        .unwrap_or_else(|| db.to_path_buf());
    let env: Vec<OsString> = SYNC_ENV.iter().filter_map(std::env::var_os).collect();
    let fs_type = mount_type(&real);
    warning_for(&real, fs_type.as_deref(), &env)
}

/// [`warning`] for the folder `path` (already made absolute), on a file system of `fs_type`
/// when known, with `sync_roots` the folders a sync client is known to manage.
pub fn warning_for(path: &Path, fs_type: Option<&str>, sync_roots: &[OsString]) -> Option<String> {
    let text = path.to_string_lossy();
    let unc = text.starts_with(r"\\?\UNC\")
        || ((text.starts_with(r"\\") || text.starts_with("//")) && !text.starts_with(r"\\?\"));
    if unc || fs_type.is_some_and(|t| NETWORK_FS.contains(&t)) {
        return Some(format!(
            "数据文件在网络共享文件夹中（{text}）。数据库放在网络盘上容易损坏、丢失记录：请把数据文件放回本机硬盘（默认的数据文件夹），网络盘只用来存放备份。"
        ));
    }
    let by_env = sync_roots
        .iter()
        .filter(|r| !r.is_empty())
        .any(|root| path.starts_with(Path::new(root)));
    let by_name = path.components().find_map(|c| match c {
        Component::Normal(name) => {
            let name = name.to_string_lossy().to_lowercase();
            SYNC_FOLDERS
                .iter()
                .find(|(folder, _)| name == *folder || name.starts_with(&format!("{folder} - ")))
                .map(|(_, client)| *client)
        }
        _ => None,
    });
    let client = by_name.or(by_env.then_some("OneDrive"))?;
    Some(format!(
        "数据文件在「{client}」同步文件夹中（{text}）。同步软件会在写入时复制或占用文件，数据库可能因此损坏、丢失最近的记录：请把数据文件移到本机的普通文件夹（默认的数据文件夹），同步文件夹只用来存放备份。"
    ))
}

/// The file system type of the mount holding `path` (Linux; `None` elsewhere or when unknown).
fn mount_type(path: &Path) -> Option<String> {
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    mounts
        .lines()
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let (_, point, kind) = (parts.next()?, parts.next()?, parts.next()?);
            // /proc/mounts writes a space in a mount point as \040.
            let point = point.replace("\\040", " ");
            path.starts_with(&point)
                .then(|| (point.len(), kind.to_string()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warn(path: &str) -> Option<String> {
        warning_for(Path::new(path), None, &[])
    }

    #[test]
    fn a_network_share_is_warned_about() {
        for p in [
            r"\\居委会服务器\共享\chuangwei",
            r"\\?\UNC\nas\data\chuangwei",
            "//nas/data/chuangwei",
        ] {
            let said = warn(p).unwrap_or_default();
            assert!(said.contains("网络共享文件夹"), "{p}: {said}");
        }
        let nfs = warning_for(Path::new("/mnt/office"), Some("nfs4"), &[]).unwrap();
        assert!(nfs.contains("网络"), "{nfs}");
    }

    #[test]
    fn a_local_folder_and_a_verbatim_local_path_are_fine() {
        assert_eq!(warn(r"C:\Users\clerk\AppData\Roaming\chuangwei"), None);
        assert_eq!(warn(r"\\?\C:\Users\clerk\AppData\Roaming\chuangwei"), None);
        assert_eq!(
            warning_for(
                Path::new("/home/clerk/.local/share/chuangwei"),
                Some("ext4"),
                &[]
            ),
            None
        );
    }

    #[test]
    fn sync_client_folders_are_named_in_the_warning() {
        for (p, client) in [
            ("/home/clerk/OneDrive/chuangwei", "OneDrive"),
            ("/home/clerk/OneDrive - 黄山街道/chuangwei", "OneDrive"),
            ("/home/clerk/BaiduSyncdisk/台账", "百度网盘同步空间"),
            ("/home/clerk/我的坚果云/创卫", "坚果云"),
            ("/home/clerk/WPSDrive/123/创卫", "WPS 云盘"),
            ("/home/clerk/Dropbox/x", "Dropbox"),
        ] {
            let said = warn(p).unwrap_or_default();
            assert!(said.contains(&format!("「{client}」")), "{p}: {said}");
        }
    }

    #[test]
    fn a_folder_under_the_onedrive_variable_is_warned_about_whatever_its_name() {
        let roots = [OsString::from("/home/clerk/公司文档")];
        let said = warning_for(Path::new("/home/clerk/公司文档/创卫"), None, &roots).unwrap();
        assert!(said.contains("OneDrive"), "{said}");
        assert_eq!(
            warning_for(Path::new("/home/clerk/其他"), None, &roots),
            None
        );
    }

    #[test]
    fn a_name_that_only_contains_a_client_word_is_not_a_sync_folder() {
        assert_eq!(warn("/home/clerk/onedrive-notes-old/chuangwei"), None);
    }

    #[test]
    fn the_test_machines_temporary_folder_is_not_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(warning(&dir.path().join("chuangwei.db")), None);
    }
}
