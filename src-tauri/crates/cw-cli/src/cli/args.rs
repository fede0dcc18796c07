//! The command line's shape: the subcommands, their arguments and the documents `print` makes.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// 创卫办公台 command line.
#[derive(Debug, Parser)]
#[command(name = "chuangwei", version, about = "创卫办公台：命令行工具")]
pub struct Cli {
    /// The database file (default: CHUANGWEI_DB, else the data folder).
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty database with the demo community.
    Demo {
        #[arg(long)]
        seed: Option<u64>,
        /// Times the size of one committee over five years (10: 200,000 parties, 2,000,000 receipts).
        #[arg(long)]
        scale: Option<String>,
    },
    /// Import staff or households from .xlsx or .csv (all or nothing).
    Import {
        target: Target,
        file: PathBuf,
        /// Only check the file and say what would happen.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export a list; .xlsx or .csv by the output file's extension.
    Export {
        list: ExportList,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Print a document; .pdf or .xlsx by the output file's extension.
    Print {
        #[command(subcommand)]
        doc: PrintDoc,
    },
    /// Serve the app to a browser on this machine (127.0.0.1 only).
    Serve {
        #[arg(long, default_value_t = 8765)]
        port: u16,
        /// The built UI folder.
        #[arg(long, default_value = "ui/dist")]
        ui: PathBuf,
    },
    /// Run any command of the table with JSON arguments and print its JSON result.
    Call {
        name: String,
        #[arg(default_value = "{}")]
        json: String,
        /// Where to write the file, for document commands.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// List every command of the table.
    Commands,
    /// Write an amount in capitals 大写金额, e.g. `words 1409.50`.
    Words { amount: String },
    /// Back up the database now (checked copy), into the backup folder or `--to DIR`.
    Backup {
        /// A folder to back up to (e.g. a USB stick) instead of the backup folder. Encrypted
        /// with the backup passphrase once the head has set one (then `--passphrase-file` is
        /// needed); a plain copy, with a warning, while none is set.
        #[arg(long)]
        to: Option<PathBuf>,
        /// A file holding the backup passphrase (its first line), for `--to`.
        #[arg(long, requires = "to")]
        passphrase_file: Option<PathBuf>,
    },
    /// Check the database: integrity, references and the audit hash chain (exit code 1 on problems).
    Check,
}

/// What an import holds.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Target {
    Staff,
    Households,
}

/// Which list to export.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportList {
    Staff,
    Zones,
    Households,
}

/// The printable documents.
#[derive(Debug, Subcommand)]
pub enum PrintDoc {
    /// The roster 花名册 of households (of a zone or group) or of staff (by role).
    Roster {
        /// Staff instead of households.
        #[arg(long)]
        staff: bool,
        /// A zone's id or name.
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        group: Option<i32>,
        /// A role such as 保洁员.
        #[arg(long)]
        role: Option<String>,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Monthly statements 考核结算单: one worker (`--worker ID`) or everyone in one file.
    Statements {
        /// The month, `YYYY-MM`.
        #[arg(long)]
        month: String,
        /// A worker's id.
        #[arg(long)]
        worker: Option<i64>,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The month's payroll 工资发放表: every worker on a wage, to sign; .pdf or .xlsx.
    Payroll {
        /// The month, `YYYY-MM`.
        #[arg(long)]
        month: String,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The tool register 保洁工具领用登记表: one cleaner (`--worker ID`) or everyone, each to sign.
    Tools {
        /// A worker's id.
        #[arg(long)]
        worker: Option<i64>,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Notices to pay 罚款缴纳通知单 of unwaged staff fined in the month: one (`--worker ID`) or all.
    Notices {
        /// The month, `YYYY-MM`.
        #[arg(long)]
        month: String,
        /// A worker's id.
        #[arg(long)]
        worker: Option<i64>,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The complaint ledger 投诉举报处理台账 of a year (no reporters on it).
    Complaints {
        /// The year; this year if absent.
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// A meeting's sign-in sheet 签到表 (`--record` for its 会议记录 instead).
    Meeting {
        /// The meeting's id.
        #[arg(long)]
        id: i64,
        #[arg(long)]
        record: bool,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The month's attendance sheet 出勤表: as keyed, blank where nothing is keyed yet.
    Attendance {
        /// The month, `YYYY-MM`.
        #[arg(long)]
        month: String,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The monthly fine report 罚款月报: totals per worker, zone, item and category, then the detail.
    FineReport {
        /// The month, `YYYY-MM`.
        #[arg(long)]
        month: String,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Every receipt of a collection batch, printed one after another.
    Receipts {
        #[arg(long)]
        batch: i64,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The remittance slip 上解单 of a closed batch.
    Remittance {
        #[arg(long)]
        batch: i64,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The arrears list 欠费名单 of a group (or the community).
    Arrears {
        #[arg(long)]
        group: Option<i32>,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The gap report 缺号报告 of every receipt book.
    Gaps {
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The campaign progress report 创卫工作进度报告: targets against actuals, charts (.pdf or .xlsx).
    Progress {
        /// The campaign year (the community's by default).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// 门前三包责任书: every unsigned, unrefused pledge of a group, zone or street, both copies.
    Pledges {
        #[command(flatten)]
        scope: PledgeScope,
        /// Mark them 已打印 once the file is written (otherwise confirm in the app).
        #[arg(long)]
        mark_printed: bool,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// The outstanding-door list (unsigned pledges) of a group, zone or street; .pdf or .xlsx.
    Outstanding {
        #[command(flatten)]
        scope: PledgeScope,
        #[arg(long, short)]
        out: PathBuf,
    },
}

/// Which parties a pledge document covers.
#[derive(Debug, clap::Args)]
pub struct PledgeScope {
    /// A collection group, 1 to 4.
    #[arg(long)]
    pub(super) group: Option<i32>,
    /// A zone's id or name.
    #[arg(long)]
    pub(super) zone: Option<String>,
    /// A street name, e.g. 建设路.
    #[arg(long)]
    pub(super) street: Option<String>,
}
