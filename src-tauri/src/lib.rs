//! The desktop shell of 创卫办公台: opens the core once, shows the window and exposes the core's
//! command table to the page through `call` and `save_document`, plus the native folder picker.

mod args;
mod commands;
mod navigation;
mod save;
mod state;

use tauri::webview::NewWindowResponse;
use tauri::{App, Manager, WebviewWindowBuilder};

/// The label of the one window, as in `tauri.conf.json` and `capabilities/main.json`.
const MAIN_WINDOW: &str = "main";

/// Starts the app: resolves the database (`--db PATH`, else `CHUANGWEI_DB`, else the data folder),
/// opens it and runs the window until it is closed.
pub fn run() {
    let db = cw_core::paths::resolve_db_path(args::db_arg(std::env::args_os()));
    let core = state::Core::open(&db);
    let result = tauri::Builder::default()
        // First, so a second launch only focuses the running window and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main_window(app);
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(core)
        .invoke_handler(tauri::generate_handler![
            commands::call,
            commands::save_document,
            commands::pick_folder
        ])
        .setup(create_main_window)
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("创卫办公台: {error}");
        std::process::exit(1);
    }
}

/// Builds the main window from its `tauri.conf.json` entry (`create: false` there), adding what
/// config cannot say: navigation limited to the app's own pages, and no new windows.
fn create_main_window(app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .cloned()
        .ok_or("tauri.conf.json has no main window")?;
    WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_navigation(navigation::is_allowed)
        .on_new_window(|_url, _features| NewWindowResponse::Deny)
        .build()?;
    Ok(())
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
