//! The desktop shell of 创卫办公台: opens the core once, shows the window and exposes the core's
//! command table to the page through `call` and `save_document`, plus the native folder picker.

mod args;
mod commands;
mod navigation;
mod notice;
mod save;
mod state;
mod window_fit;

use cw_core::event_log::EventLog;
use std::sync::Arc;
use tauri::webview::NewWindowResponse;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

/// The label of the one window, as in `tauri.conf.json` and `capabilities/main.json`.
const MAIN_WINDOW: &str = "main";

/// Starts the app: resolves the database (`--db PATH`, else `CHUANGWEI_DB`, else the data folder),
/// opens it and runs the window until it is closed.
///
/// The order matters: the single-instance plugin runs while the app is built, and a second
/// launch exits there; only then does `setup` open the database. Opened first, a second launch
/// would open the file, perhaps start the start-up backup, and be killed in the middle of it.
pub fn run() {
    let db = cw_core::paths::resolve_db_path(args::db_arg(std::env::args_os()));
    let log = Arc::new(EventLog::beside(&db));
    notice::log_panics(Arc::clone(&log));
    let setup_log = Arc::clone(&log);
    let result = tauri::Builder::default()
        // First, so a second launch only focuses the running window and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main_window(app);
        }))
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::call,
            commands::save_document,
            commands::pick_folder
        ])
        .setup(move |app| {
            app.manage(state::Core::open(&db, setup_log));
            create_main_window(app)
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        notice::fatal(
            &log,
            &format!("创卫办公台无法启动：{error}\n如果这台电脑没有安装 WebView2，请用“离线版”安装程序重新安装。"),
        );
        std::process::exit(1);
    }
}

/// Builds the main window from its `tauri.conf.json` entry (`create: false` there), adding what
/// config cannot say: navigation limited to the app's own pages, and no new windows; then
/// fits it to the screen.
fn create_main_window(app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .cloned()
        .ok_or("tauri.conf.json has no main window")?;
    let window = WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_navigation(navigation::is_allowed)
        .on_new_window(|_url, _features| NewWindowResponse::Deny)
        .build()?;
    fit_to_screen(&window, (config.width, config.height));
    Ok(())
}

/// Maximizes the window on a screen with less room than its default size (see [`window_fit`]).
fn fit_to_screen(window: &WebviewWindow, size: (f64, f64)) {
    let Ok(Some(monitor)) = window.current_monitor() else {
        return;
    };
    let area = monitor.work_area();
    let work = window_fit::logical(area.size.width, area.size.height, monitor.scale_factor());
    if window_fit::start_maximized(work, size) {
        // Best effort: a window that stays unmaximized can still be resized by the clerk.
        let _ = window.maximize();
    }
}

/// Brings the running window to the front (a second launch of the app lands here).
fn focus_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        // Best effort: a failure only means the window stays where it is.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
