//! The Tauri commands: `call`, `save_document` and `pick_folder`. Each runs the core's command table off
//! the main thread and holds no business logic.

use crate::save;
use crate::state::{shell_error, Core};
use cw_core::backups::offsite::PickedFolder;
use cw_core::{ErrorDto, Output};
use serde_json::Value;
use tauri::{AppHandle, State};

/// Runs a data command and returns its JSON. Document commands must go through `save_document`.
#[tauri::command]
pub async fn call(
    core: State<'_, Core>,
    name: String,
    args: Value,
    session: Option<String>,
) -> Result<Value, ErrorDto> {
    let core = core.inner().clone();
    off_main_thread(move || match core.call(session.as_deref(), &name, args)? {
        Output::Json(value) => Ok(value),
        Output::File(file) => Err(shell_error(
            "shell.use_save_document",
            format!(
                "「{name}」生成的是文件「{}」，请用“保存”功能（save_document）",
                file.file_name
            ),
        )),
    })
    .await
}

/// What `save_document` did: where the file went (`None` if the clerk cancelled the dialog)
/// and what the clerk must know about it (characters printed as □).
#[derive(Debug, serde::Serialize)]
pub struct SavedDocument {
    pub path: Option<String>,
    pub warnings: Vec<String>,
}

/// Runs a document command, asks the clerk where to save the file, writes it and opens it for
/// printing.
#[tauri::command]
pub async fn save_document(
    app: AppHandle,
    core: State<'_, Core>,
    name: String,
    args: Value,
    session: Option<String>,
) -> Result<SavedDocument, ErrorDto> {
    let core = core.inner().clone();
    off_main_thread(move || match core.call(session.as_deref(), &name, args)? {
        Output::File(file) => Ok(SavedDocument {
            path: save::save_and_open(&app, &core, &file)?,
            warnings: file.warnings,
        }),
        Output::Json(_) => Err(shell_error(
            "shell.not_a_document",
            format!("「{name}」不生成文件，不能保存"),
        )),
    })
    .await
}

/// Shows the native folder dialog (e.g. to back up onto a USB stick) and returns the token of
/// the folder the clerk chose with its path to show, or `None` if they cancelled. The page names
/// the folder to the core's commands only by that token.
#[tauri::command]
pub async fn pick_folder(
    app: AppHandle,
    core: State<'_, Core>,
) -> Result<Option<PickedFolder>, ErrorDto> {
    let core = core.inner().clone();
    off_main_thread(move || save::pick_folder(&app, &core)).await
}

/// Runs `job` on the blocking thread pool so neither the window nor the async runtime stalls.
async fn off_main_thread<T, F>(job: F) -> Result<T, ErrorDto>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, ErrorDto> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(job)
        .await
        .map_err(|e| shell_error("internal", format!("程序内部错误：{e}")))?
}
