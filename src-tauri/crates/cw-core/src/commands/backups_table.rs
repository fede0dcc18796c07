//! The commands of backups, restore and checks.

use super::{wire_of_host, CommandInfo, CommandKind, Run};
use crate::backups::{self, NoArgs, RestoreArgs, RestoreOutcome, SafetyStatus};
use cw_kernel::cmd;

/// Backups, restore and checks.
pub static TABLE: &[CommandInfo] = &[
    CommandInfo::new(
        "backups.status",
        CommandKind::Read,
        "数据文件状态（是否损坏、最近的完好备份）",
        Run::Host(backups::run_status),
        wire_of_host::<NoArgs, SafetyStatus>,
    )
    .public()
    .in_recovery(),
    cmd!("backups.list", Read, "备份列表", backups::list).without_database(),
    cmd!("backups.verify", Read, "检查一个备份", backups::verify).without_database(),
    cmd!("backups.preview", Read, "预览备份的内容", backups::preview).without_database(),
    cmd!("backups.create", Read, "立即备份", backups::create).makes_backup(),
    cmd!(
        "backups.create_to",
        Read,
        "备份到指定文件夹（如 U 盘）",
        backups::create_to
    )
    .makes_backup(),
    CommandInfo::new(
        "backups.restore",
        CommandKind::Write,
        "从备份恢复（先保留当前文件）",
        Run::Host(backups::run_restore),
        wire_of_host::<RestoreArgs, RestoreOutcome>,
    )
    .head("恢复备份")
    .in_recovery(),
    cmd!(
        "check.run",
        Read,
        "检查数据文件（结构、引用、审计链）",
        backups::check
    ),
];
