//! Errors of the store, with Chinese messages for the clerk.

/// What went wrong opening or writing the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file was written by a newer 创卫办公台.
    #[error("数据文件由较新版本的创卫办公台创建（结构版本 {found}，本程序支持到 {supported}），请先升级程序")]
    TooNew { found: i64, supported: i64 },
    /// The file could not be opened or created.
    #[error("无法打开数据文件 {path}：{reason}")]
    Open { path: String, reason: String },
    /// A migration failed; nothing of it was applied.
    #[error("升级数据结构失败（第 {number} 步）：{reason}")]
    Migration { number: usize, reason: String },
    /// The database is busy (another program holds it).
    #[error("数据文件正被其他程序使用，请稍后再试")]
    Busy,
    /// The disk is full.
    #[error("磁盘已满，未能保存；请腾出空间后重试，已有数据没有丢失")]
    DiskFull,
    /// The file or folder is read-only.
    #[error("数据文件是只读的，无法保存；已有数据没有丢失。请去掉文件的只读属性，或把它复制到可写的文件夹后再打开")]
    ReadOnly,
    /// The folder or disk the file is on cannot be written (a read-only folder or mount, a CD):
    /// the file is opened for reading only. `place` says which: `文件夹` or `磁盘`.
    #[error("数据文件所在的{place}是只读的，现在只能查看、不能保存；数据文件没有损坏，已有数据没有丢失。若要修改，请把它复制到可写的文件夹后再打开")]
    ReadOnlyPlace { place: String },
    /// A file SQLite keeps beside the database (`-wal`, `-shm`) is not a file it can use: a
    /// folder, or unreadable. Nothing is opened, and nothing is called damaged.
    #[error("数据文件旁边的 {name} {problem}，所以无法打开数据文件；数据文件本身没有被判为损坏，程序也没有动它。{advice}")]
    Sidecar {
        name: String,
        problem: String,
        advice: String,
    },
    /// The file is damaged (or not a 创卫办公台 file); it is kept read-only until restored.
    #[error("数据文件已损坏：{reason}。为免进一步损坏，现在只能查看、不能修改；请到「备份」页从最近的完好备份恢复")]
    Damaged { reason: String },
    /// A text in the file is not valid UTF-8 (a flipped byte): `place` names the table, row and
    /// column when the query knows them, e.g. `：住户 H00017（编号 17）的「姓名」`.
    #[error("数据文件里的文字已损坏（不是有效的 UTF-8 编码）{place}，无法读出；其余记录照常可读。请运行「检查」，必要时从完好的备份恢复")]
    DamagedText { place: String },
    /// The file's audit trail ends earlier than (or elsewhere from) the newest row the app saw
    /// committed: an old `-wal` or an old copy was put back, or rows were deleted at its end.
    #[error("它比本程序上次保存时旧（审计记录上次写到第 {seen} 条，{}）：可能是旧的 -wal 日志或旧的副本被放回了数据文件旁（例如同步软件、U 盘或手工复制），之后保存的内容已不在文件里", if *elsewhere { format!("现在第 {seen} 条的内容与当时不同，共 {found} 条") } else { format!("现在只到第 {found} 条") })]
    WentBack {
        seen: i64,
        found: i64,
        elsewhere: bool,
    },
    /// Another 创卫办公台 process holds the database for writing; `by` names it (kind, process,
    /// since when), e.g. `桌面程序（进程 1234，自 2026-12-03 09:00:00 起）`.
    #[error("{by}正在使用这个数据文件，不能同时从这里修改；请等它结束或关闭它后再试（只读的查询可以照常进行）")]
    Held { by: String },
    /// A backup could not be made, read or restored.
    #[error("备份失败：{0}")]
    Backup(String),
    /// A read tried to change the database: a mistake in the program, not the clerk's, and
    /// nothing was changed.
    #[error("只读操作中不允许修改数据（程序错误）；数据没有被改动，请把这条消息告诉维护人员")]
    WriteInRead,
    /// A column holds a value the program does not know (see [`crate::sql::column`]).
    #[error("数据表 {table} 的 {column} 列有无法识别的值「{value}」")]
    BadValue {
        table: String,
        column: String,
        value: String,
    },
    /// The passphrase given for an encrypted backup does not open it; nothing was written.
    #[error("备份密码不正确，未能解开这个备份；现在的数据没有任何改动")]
    WrongPassphrase,
    /// Any other SQLite error.
    #[error("数据库错误：{0}")]
    Sqlite(String),
}

impl StoreError {
    /// A stable code for the UI and tests.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::TooNew { .. } => "store.too_new",
            StoreError::Open { .. } => "store.open",
            StoreError::Migration { .. } => "store.migration",
            StoreError::Busy => "store.busy",
            StoreError::DiskFull => "store.disk_full",
            StoreError::ReadOnly | StoreError::ReadOnlyPlace { .. } => "store.read_only",
            StoreError::Sidecar { .. } => "store.sidecar",
            StoreError::DamagedText { .. } => "store.damaged_text",
            StoreError::Damaged { .. } => "store.damaged",
            StoreError::WentBack { .. } => "store.went_back",
            StoreError::Held { .. } => "store.held",
            StoreError::Backup(_) => "store.backup",
            StoreError::WriteInRead => "store.write_in_read",
            StoreError::BadValue { .. } => "store.bad_value",
            StoreError::WrongPassphrase => "store.wrong_passphrase",
            StoreError::Sqlite(_) => "store.sqlite",
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return StoreError::Busy,
                ErrorCode::DiskFull => return StoreError::DiskFull,
                // A write tried inside a read is refused as a read-only file's would be.
                ErrorCode::ReadOnly if crate::query_only::reading() => {
                    return StoreError::WriteInRead
                }
                ErrorCode::ReadOnly => return StoreError::ReadOnly,
                ErrorCode::NotADatabase => {
                    return StoreError::Damaged {
                        reason: "文件不是 SQLite 数据库（文件头不对）".into(),
                    }
                }
                ErrorCode::DatabaseCorrupt => {
                    return StoreError::Damaged {
                        reason: format!("数据库结构损坏（{e}）"),
                    }
                }
                ErrorCode::SystemIoFailure => {
                    return StoreError::Sqlite(format!("读写磁盘出错（{e}），已有数据没有丢失"))
                }
                _ => {}
            }
        }
        if let Some(b) = crate::sql::bad_column(&e) {
            return StoreError::from(b.clone());
        }
        if is_bad_text(&e) {
            return StoreError::DamagedText {
                place: String::new(),
            };
        }
        StoreError::Sqlite(e.to_string())
    }
}

/// A text column that is not valid UTF-8, however rusqlite reports it.
pub(crate) fn is_bad_text(e: &rusqlite::Error) -> bool {
    match e {
        rusqlite::Error::Utf8Error(..) => true,
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => {
            inner.downcast_ref::<std::str::Utf8Error>().is_some()
                || inner.downcast_ref::<std::string::FromUtf8Error>().is_some()
        }
        _ => false,
    }
}
