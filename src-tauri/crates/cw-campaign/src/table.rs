//! The campaign's commands: phases and checklists, the dashboard's figures, today's work and the
//! progress report.

use crate::{figures, phases, report, today};
use cw_kernel::cmd;
use cw_kernel::commands::CommandInfo;

/// The campaign's commands.
pub static TABLE: &[CommandInfo] = &[
    cmd!("campaign.plan", Read, "创卫阶段与工作清单", phases::plan),
    cmd!(
        "campaign.setup",
        Write,
        "按实施方案建立本年度创卫阶段",
        phases::setup
    ),
    cmd!(
        "campaign.phases.update",
        Write,
        "修改创卫阶段（日期、目标）",
        phases::update_phase
    ),
    cmd!(
        "campaign.tasks.create",
        Write,
        "新增阶段工作清单项",
        phases::create_task
    ),
    cmd!(
        "campaign.tasks.update",
        Write,
        "登记工作清单项完成情况",
        phases::update_task
    ),
    cmd!(
        "campaign.tasks.remove",
        Write,
        "移除工作清单项",
        phases::remove_task
    ),
    cmd!(
        "campaign.progress",
        Read,
        "创卫进度（首页图表）",
        figures::progress
    ),
    cmd!("campaign.today", Read, "今日待办", today::today),
    cmd!(
        "archive.year",
        Document,
        "导出已结束年度的收费和罚款归档（只读）",
        crate::archive::archive
    ),
    cmd!(
        "print.binder",
        Document,
        "打印迎检资料汇编",
        crate::binder::binder
    ),
    cmd!(
        "print.progress",
        Document,
        "打印创卫工作进度报告",
        report::progress_doc
    ),
];
