//! What a command returns: data for the UI, or a file (a document or an export).

use serde_json::Value;

/// A file a document command produced; the adapter decides where it goes (save dialog, download, path).
#[derive(Debug, Clone, Default)]
pub struct FileOut {
    /// A suggested file name, e.g. `住户花名册-黄山路东段.pdf`.
    pub file_name: String,
    /// e.g. `application/pdf`.
    pub mime: String,
    pub bytes: Vec<u8>,
    /// What the clerk must know about a file that was made all the same, in Chinese, one line
    /// per document: characters no font has, printed as □ (a batch never stops for one name).
    pub warnings: Vec<String>,
}

impl FileOut {
    /// A PDF rendered leniently, with its warning (if some characters could not print).
    pub fn pdf(file_name: String, title: &str, rendered: cw_pdf::Rendered) -> FileOut {
        FileOut {
            file_name,
            mime: "application/pdf".into(),
            warnings: rendered.warning(title).into_iter().collect(),
            bytes: rendered.bytes,
        }
    }
}

/// What a command returns.
#[derive(Debug, Clone)]
pub enum Output {
    /// Data for the UI.
    Json(Value),
    /// A document or export.
    File(FileOut),
}
