//! The commands of backups, restore and checks.

use super::{CommandInfo, CommandKind};
use crate::backups;

/// Backups, restore and checks.
pub static TABLE: &[CommandInfo] = &[
    CommandInfo {
        name: "backups.status",
        kind: backups::STATUS_KIND,
        summary: "数据文件状态（是否损坏、最近的完好备份）",
        run: backups::app_only,
    },
    cmd!("backups.list", Read, "备份列表", backups::list),
    cmd!("backups.verify", Read, "检查一个备份", backups::verify),
    cmd!("backups.preview", Read, "预览备份的内容", backups::preview),
    cmd!("backups.create", Read, "立即备份", backups::create),
    cmd!(
        "backups.create_to",
        Read,
        "备份到指定文件夹（如 U 盘）",
        backups::create_to
    ),
    CommandInfo {
        name: "backups.restore",
        kind: CommandKind::Write,
        summary: "从备份恢复（先保留当前文件）",
        run: backups::app_only,
    },
    cmd!(
        "check.run",
        Read,
        "检查数据文件（结构、引用、审计链）",
        backups::check
    ),
];
