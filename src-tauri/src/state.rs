//! The core as the shell holds it: opened once at start, or the error that kept it closed, and
//! the log file beside the database.

use cw_core::backups::offsite::PickedFolder;
use cw_core::domain::SystemClock;
use cw_core::event_log::{EventLog, Level};
use cw_core::{App, ErrorDto, Output};
use std::path::Path;
use std::sync::Arc;

/// The managed state: the opened [`App`], or the error from opening it, which every call returns
/// so the page can show it (e.g. a database written by a newer version).
#[derive(Clone)]
pub struct Core {
    app: Arc<Result<App, ErrorDto>>,
    log: Arc<EventLog>,
}

impl Core {
    /// Opens the database at `path` with the system clock; a failure is kept (and logged), not
    /// fatal: the page shows it.
    pub fn open(path: &Path, log: Arc<EventLog>) -> Core {
        let opened = App::open(path, Arc::new(SystemClock)).map_err(|e| e.to_dto());
        if let Err(error) = &opened {
            let text = format!("无法打开数据文件（{}）：{}", error.code, error.message);
            crate::notice::record(&log, Level::Error, &text);
        }
        Core {
            app: Arc::new(opened),
            log,
        }
    }

    /// The log file beside the database.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// Registers a folder the clerk picked in the native dialog; the page gets only its token
    /// (see `cw_core::backups::offsite`).
    pub fn register_picked_folder(&self, path: &Path) -> Result<PickedFolder, ErrorDto> {
        match self.app.as_ref() {
            Ok(app) => app.register_picked_folder(path).map_err(|e| e.to_dto()),
            Err(error) => Err(error.clone()),
        }
    }

    /// Runs the command `name` for the page's signed-in session (`None` before sign-in).
    pub fn call(
        &self,
        session: Option<&str>,
        name: &str,
        args: serde_json::Value,
    ) -> Result<Output, ErrorDto> {
        match self.app.as_ref() {
            Ok(app) => app
                .call_in_session(session, name, args)
                .map_err(|e| e.to_dto()),
            Err(error) => Err(error.clone()),
        }
    }
}

/// An error raised by the shell itself (not the core), in the core's `{code, message, rows}` shape.
pub fn shell_error(code: &str, message: String) -> ErrorDto {
    ErrorDto {
        code: code.to_string(),
        message,
        rows: Vec::new(),
    }
}
