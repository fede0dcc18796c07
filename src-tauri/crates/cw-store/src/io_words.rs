//! File errors in the clerk's words: the OS's own text (English, and different on Windows) is
//! kept in brackets for whoever supports the office, after a Chinese reason.

use std::io::ErrorKind;

/// `e` said in Chinese, e.g. 「那里已有一个同名的文件，不是文件夹（File exists (os error 17)）」.
pub fn io_cn(e: &std::io::Error) -> String {
    let reason = match e.kind() {
        ErrorKind::NotFound => "找不到这个文件或文件夹",
        ErrorKind::PermissionDenied => "没有权限（文件可能是只读的，或正被其他程序如杀毒软件占用）",
        ErrorKind::AlreadyExists => "那里已有一个同名的文件，不是文件夹",
        ErrorKind::NotADirectory => "路径中有一段是文件，不是文件夹",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        ErrorKind::ResourceBusy => {
            "文件正被其他程序使用（如杀毒软件、文件预览或另一个创卫办公台窗口），请稍后再试"
        }
        ErrorKind::InvalidFilename => "文件名不合法",
        _ if e.raw_os_error() == Some(28) => "磁盘已满",
        _ => "读写文件出错",
    };
    format!("{reason}（{e}）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_is_a_file_is_said_in_chinese_with_the_os_text_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("backups");
        std::fs::write(&file, b"x").unwrap();
        let e = std::fs::create_dir_all(file.join("sub")).unwrap_err();
        let said = io_cn(&e);
        assert!(
            said.starts_with("路径中有一段是文件") || said.starts_with("那里已有"),
            "{said}"
        );
        assert!(said.contains("os error"), "{said}");
    }
}
