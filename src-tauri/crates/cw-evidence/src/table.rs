//! The attachment commands.

use crate::store;
use cw_kernel::cmd;
use cw_kernel::commands::CommandInfo;

/// The attachment commands.
pub static TABLE: &[CommandInfo] = &[
    cmd!("attachments.list", Read, "查看附件", store::list),
    cmd!("attachments.thumb", Read, "附件缩略图", store::thumb),
    cmd!("attachments.counts", Read, "各记录的附件数", store::counts),
    cmd!("attachments.add", Write, "上传照片或扫描件", store::add).carries_file(store::MAX_BYTES),
    cmd!(
        "attachments.withdraw",
        Write,
        "撤回误传的附件",
        store::withdraw
    ),
    cmd!("attachments.file", Document, "打开附件", store::file),
];
