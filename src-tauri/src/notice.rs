//! What the clerk is told when the page cannot say it: a native message box (a release build on
//! Windows has no console, so stderr reaches nobody), with the same line in the log file.

use cw_core::event_log::{EventLog, Level};
use std::sync::Arc;
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

/// The title of every message box.
const TITLE: &str = "创卫办公台";

/// Writes `text` to the log, at the local time, and to stderr for whoever runs the app from a
/// console. `text` must hold no personal data (see `cw_core::event_log`).
pub fn record(log: &EventLog, level: Level, text: &str) {
    log.write(chrono::Local::now().naive_local(), level, text);
    eprintln!("{TITLE}: {text}");
}

/// The app cannot go on (it failed to start): logs `text`, shows it in a message box of its own
/// (there may be no window to hang it on) and returns when the clerk has read it.
pub fn fatal(log: &EventLog, text: &str) {
    record(log, Level::Error, text);
    let shown = format!(
        "{text}\n\n这条信息已记录在日志文件中：{}\n如需求助，请把这个文件发给负责维护的同志。",
        log.path().display()
    );
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(TITLE)
        .set_description(shown)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// Something the window did not do (open a saved PDF, say): logs `logged` (which must hold no
/// personal data, so no file name) and shows `shown` in a message box over the window. Blocks
/// until the clerk closes it: call it off the main thread.
pub fn warn(app: &AppHandle, log: &EventLog, logged: &str, shown: &str) {
    record(log, Level::Warn, logged);
    app.dialog()
        .message(shown)
        .title(TITLE)
        .kind(MessageDialogKind::Warning)
        .blocking_show();
}

/// Logs every panic; one on the main thread ends the app, so it is also shown in a message box
/// (a panic elsewhere reaches the page as 程序内部错误).
pub fn log_panics(log: Arc<EventLog>) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let on_main = std::thread::current().name() == Some("main");
        let text = format!("程序内部错误（{place}）：{what}");
        if on_main {
            fatal(
                &log,
                &format!("{text}\n创卫办公台需要关闭，已保存的数据不受影响。"),
            );
        } else {
            // The default hook below prints it to stderr.
            log.write(chrono::Local::now().naive_local(), Level::Error, &text);
        }
        default(info);
    }));
}
