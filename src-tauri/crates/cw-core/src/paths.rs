//! Where the clerk's data lives by default, and how `--db` and `CHUANGWEI_DB` override it.

use std::path::PathBuf;

/// The environment variable that chooses another database file.
pub const DB_ENV: &str = "CHUANGWEI_DB";

/// The data folder: `%APPDATA%\chuangwei` on Windows, `$XDG_DATA_HOME/chuangwei` or
/// `~/.local/share/chuangwei` elsewhere. It is outside the install folder, so an uninstall keeps it.
pub fn data_dir() -> PathBuf {
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    };
    base.unwrap_or_else(|| PathBuf::from(".")).join("chuangwei")
}

/// The database file to open: the `--db` argument, else `CHUANGWEI_DB`, else the data folder's.
pub fn resolve_db_path(arg: Option<PathBuf>) -> PathBuf {
    arg.or_else(|| std::env::var_os(DB_ENV).map(PathBuf::from))
        .unwrap_or_else(|| data_dir().join("chuangwei.db"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_path_wins_over_everything() {
        let p = resolve_db_path(Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(p, PathBuf::from("/tmp/x.db"));
    }

    #[test]
    fn the_default_file_is_in_the_chuangwei_data_folder() {
        assert!(data_dir().ends_with("chuangwei"));
    }
}
