//! The commands of backups, restore and checks.

use super::{wire_of_host, CommandInfo, CommandKind, Run};
use crate::backups::offsite::{
    self, CreateToArgs, EncryptedBackup, PickedArgs, PickedFolder, RestoreFromArgs,
};
use crate::backups::{self, passphrase, NoArgs, RestoreArgs, RestoreOutcome, SafetyStatus};
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
    CommandInfo::new(
        "backups.pick_folder",
        CommandKind::Read,
        "选择备份文件夹（没有系统对话框时：仅供测试服务）",
        Run::Host(offsite::run_pick),
        wire_of_host::<NoArgs, PickedFolder>,
    ),
    CommandInfo::new(
        "backups.create_to",
        CommandKind::Read,
        "加密备份到本次选择的文件夹（如 U 盘）",
        Run::Host(offsite::run_create_to),
        wire_of_host::<CreateToArgs, EncryptedBackup>,
    )
    .makes_backup(),
    CommandInfo::new(
        "backups.list_in",
        CommandKind::Read,
        "所选文件夹里的加密备份",
        Run::Host(offsite::run_list_in),
        wire_of_host::<PickedArgs, Vec<EncryptedBackup>>,
    )
    .in_recovery(),
    CommandInfo::new(
        "backups.restore_from",
        CommandKind::Write,
        "从所选文件夹的加密备份恢复（需备份密码，先保留当前文件）",
        Run::Host(offsite::run_restore_from),
        wire_of_host::<RestoreFromArgs, RestoreOutcome>,
    )
    .head("恢复备份")
    .in_recovery(),
    cmd!(
        "backups.passphrase.status",
        Read,
        "备份密码是否已设置",
        passphrase::status
    ),
    cmd!(
        "backups.passphrase.set",
        Write,
        "设置备份密码（加密备份到 U 盘等文件夹的副本）",
        passphrase::set
    )
    .head("设置备份密码"),
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
