//! The core's errors; every adapter shows them to the clerk as `{code, message}`.

use cw_domain::DomainError;
use cw_store::StoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One bad cell of an imported file: its row as Excel numbers it, its column, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowError {
    /// 1-based row number as shown in Excel (the header is row 1).
    pub row: usize,
    /// The column header, e.g. 户主.
    pub column: String,
    /// Why, in Chinese.
    pub message: String,
}

/// What can go wrong in a use-case.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A value was refused by a domain rule.
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The database refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file could not be read or written.
    #[error(transparent)]
    Tabular(#[from] cw_tabular::TabularError),
    /// A PDF could not be made.
    #[error(transparent)]
    Pdf(#[from] cw_pdf::PdfError),
    /// A record named by id does not exist.
    #[error("找不到{what}（编号 {id}）")]
    NotFound { what: &'static str, id: i64 },
    /// The change would contradict existing records.
    #[error("{0}")]
    Conflict(String),
    /// An import file has bad rows; nothing was written.
    #[error("导入文件有 {} 处错误，未写入任何数据：{}", .0.len(), summarize(.0))]
    Import(Vec<RowError>),
    /// No command has this name.
    #[error("未知的操作「{0}」")]
    UnknownCommand(String),
    /// The arguments of a command do not fit it.
    #[error("参数有误：{0}")]
    BadArgs(String),
    /// A bug: something that should not happen.
    #[error("程序内部错误：{0}")]
    Internal(String),
    /// The command needs a signed-in account.
    #[error("请先登录")]
    LoginRequired,
    /// The session is locked (idle or by the clerk) until the password is entered again.
    #[error("屏幕已锁定，请输入密码解锁")]
    Locked,
    /// Wrong username or password (deliberately not saying which).
    #[error("用户名或密码不正确")]
    BadCredentials,
    /// Too many wrong passwords in a row.
    #[error("密码连续输错次数过多，请 {seconds} 秒后再试")]
    Throttled { seconds: i64 },
    /// The signed-in account's role may not do this.
    #[error("只有主任可以{0}，请由主任登录后操作")]
    Forbidden(&'static str),
    /// A command the table keeps for the command line (the administrator's tool).
    #[error("「{0}」只能在本机命令行中使用")]
    CommandLineOnly(&'static str),
}

fn summarize(errors: &[RowError]) -> String {
    let shown: Vec<String> = errors
        .iter()
        .take(3)
        .map(|e| format!("第 {} 行「{}」{}", e.row, e.column, e.message))
        .collect();
    let more = if errors.len() > 3 { "……" } else { "" };
    format!("{}{more}", shown.join("；"))
}

impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        CoreError::Store(StoreError::from(e))
    }
}

impl CoreError {
    /// A stable code for the UI and tests.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Domain(e) => e.code(),
            CoreError::Store(e) => e.code(),
            CoreError::Tabular(e) => e.code(),
            CoreError::Pdf(e) => e.code(),
            CoreError::NotFound { .. } => "not_found",
            CoreError::Conflict(_) => "conflict",
            CoreError::Import(_) => "import.rows",
            CoreError::UnknownCommand(_) => "unknown_command",
            CoreError::BadArgs(_) => "bad_args",
            CoreError::Internal(_) => "internal",
            CoreError::LoginRequired => "auth.required",
            CoreError::Locked => "auth.locked",
            CoreError::BadCredentials => "auth.bad_credentials",
            CoreError::Throttled { .. } => "auth.throttled",
            CoreError::Forbidden(_) => "auth.forbidden",
            CoreError::CommandLineOnly(_) => "auth.command_line_only",
        }
    }

    /// The error as the UI receives it.
    pub fn to_dto(&self) -> ErrorDto {
        ErrorDto {
            code: self.code().to_string(),
            message: self.to_string(),
            rows: match self {
                CoreError::Import(rows) => rows.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// An error as it crosses to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorDto {
    pub code: String,
    /// In Chinese, ready to show.
    pub message: String,
    /// For import errors: every bad cell.
    pub rows: Vec<RowError>,
}
