//! Saving a document: the native save dialog, writing the bytes, then opening the file with the
//! system's default program so the clerk can print it (Tauri has no print API).

use crate::state::{shell_error, Core};
use cw_core::backups::offsite::PickedFolder;
use cw_core::{ErrorDto, FileOut};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// Shows the save dialog for `file`, writes it where the clerk chose and opens it.
/// Must not run on the main thread: the dialog call blocks until the clerk answers.
pub fn save_and_open(
    app: &AppHandle,
    core: &Core,
    file: &FileOut,
) -> Result<Option<String>, ErrorDto> {
    let extension = extension_of(&file.file_name);
    let mut dialog = app
        .dialog()
        .file()
        .set_title("保存文件")
        .set_file_name(&file.file_name);
    if let Some(ext) = &extension {
        dialog = dialog.add_filter(filter_label(ext), &[ext.as_str()]);
    }
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let Some(chosen) = dialog.blocking_save_file() else {
        return Ok(None);
    };
    let chosen = chosen
        .into_path()
        .map_err(|e| shell_error("io.path", format!("无法使用所选位置：{e}")))?;
    let path = with_extension(chosen, extension.as_deref());
    cw_core::file_ops::write_durable(&path, &file.bytes).map_err(|e| {
        crate::notice::record(
            core.log(),
            cw_core::event_log::Level::Error,
            &format!("保存文件失败：{e}"),
        );
        shell_error(
            "io.write",
            format!(
                "无法保存到「{}」：{}。如果这个文件正在别的程序里打开，请先关闭它再保存。",
                path.display(),
                cw_core::io_words::io_cn(&e)
            ),
        )
    })?;
    // The file is saved either way; if no program opens it, the clerk can open it by hand.
    if let Err(error) = tauri_plugin_opener::open_path(&path, None::<&str>) {
        crate::notice::warn(
            app,
            core.log(),
            &format!("文件已保存，但无法打开：{error}"),
            &format!(
                "文件已保存到：\n{}\n\n但没有程序能打开它（{error}）。请在文件夹里找到它，用 PDF 阅读器或 WPS 打开后打印。",
                path.display()
            ),
        );
    }
    Ok(Some(path.display().to_string()))
}

/// Shows the folder dialog and registers the chosen folder with the core: the page gets a token
/// for it (and the path to show), so `backups.create_to` writes only where the clerk picked.
/// Must not run on the main thread.
pub fn pick_folder(app: &AppHandle, core: &Core) -> Result<Option<PickedFolder>, ErrorDto> {
    let mut dialog = app.dialog().file().set_title("选择备份文件夹");
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let Some(chosen) = dialog.blocking_pick_folder() else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|e| shell_error("io.path", format!("无法使用所选文件夹：{e}")))?;
    core.register_picked_folder(&path).map(Some)
}

/// The lower-case extension of a suggested file name, e.g. `pdf`.
fn extension_of(file_name: &str) -> Option<String> {
    Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| !e.is_empty())
        .map(str::to_ascii_lowercase)
}

/// What the dialog's file-type list says for an extension.
fn filter_label(extension: &str) -> String {
    match extension {
        "pdf" => "PDF 文档".to_string(),
        "xlsx" => "Excel 工作簿".to_string(),
        "csv" => "CSV 表格".to_string(),
        "zip" => "压缩包".to_string(),
        "db" => "数据库备份".to_string(),
        other => format!("{} 文件", other.to_ascii_uppercase()),
    }
}

/// The chosen path, with the document's extension added when the clerk typed a name without one.
fn with_extension(path: PathBuf, extension: Option<&str>) -> PathBuf {
    match extension {
        Some(ext) if path.extension().is_none() => path.with_extension(ext),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_lower_cased_and_optional() {
        assert_eq!(extension_of("门前三包责任书.PDF").as_deref(), Some("pdf"));
        assert_eq!(extension_of("住户.xlsx").as_deref(), Some("xlsx"));
        assert_eq!(extension_of("README"), None);
    }

    #[test]
    fn filters_have_chinese_labels() {
        assert_eq!(filter_label("pdf"), "PDF 文档");
        assert_eq!(filter_label("txt"), "TXT 文件");
    }

    #[test]
    fn a_name_typed_without_extension_gets_the_documents() {
        assert_eq!(
            with_extension(PathBuf::from("D:/u盘/罚款月报"), Some("pdf")),
            PathBuf::from("D:/u盘/罚款月报.pdf")
        );
        assert_eq!(
            with_extension(PathBuf::from("D:/u盘/月报.v2.pdf"), Some("pdf")),
            PathBuf::from("D:/u盘/月报.v2.pdf")
        );
    }
}
