//! The pledges' commands: template, records, batch printing, rates, outstanding list, scans,
//! and the rectification of broken pledges.

use crate::{attachments, jobs, outstanding, rates, records, rectify, rectify_pdf, template};
use cw_kernel::cmd;
use cw_kernel::commands::CommandInfo;

/// The pledges' commands.
pub static TABLE: &[CommandInfo] = &[
    cmd!(
        "pledges.template.get",
        Read,
        "读取门前三包责任书文本",
        template::get
    ),
    cmd!(
        "pledges.template.update",
        Write,
        "修改门前三包责任书文本（存为新版本）",
        template::update
    ),
    cmd!("pledges.list", Read, "责任书签订情况列表", records::list),
    cmd!(
        "pledges.get",
        Read,
        "查看一户的责任书及其记录",
        records::get
    ),
    cmd!(
        "pledges.quick",
        Read,
        "快速登记：按编号或姓名找到要登记的住户",
        records::quick
    ),
    cmd!(
        "pledges.record",
        Write,
        "登记责任书签订、拒签或作废",
        records::record
    ),
    cmd!(
        "pledges.scan_signed",
        Write,
        "扫描责任书二维码，登记为已签订",
        records::scan_signed
    ),
    cmd!("pledges.rates", Read, "责任书签订率", rates::rates),
    cmd!(
        "pledges.batch_start",
        Write,
        "准备批量打印责任书（编号）",
        jobs::batch_start
    ),
    cmd!(
        "pledges.batch_layout",
        Read,
        "排版一批责任书（进度）",
        jobs::batch_layout
    ),
    cmd!("pledges.batch_get", Read, "查看打印任务", jobs::batch_get),
    cmd!(
        "pledges.batch_pdf",
        Document,
        "生成批量责任书 PDF",
        jobs::batch_pdf
    ),
    cmd!(
        "pledges.batch_confirm",
        Write,
        "确认责任书已打印",
        jobs::batch_confirm
    ),
    cmd!(
        "pledges.batch_cancel",
        Write,
        "取消打印任务",
        jobs::batch_cancel
    ),
    cmd!(
        "pledges.outstanding",
        Document,
        "打印责任书未签户清单",
        outstanding::outstanding
    ),
    cmd!(
        "pledges.attach",
        Write,
        "上传已签责任书的扫描件或照片",
        attachments::attach
    )
    .carries_file(crate::attachments::MAX_BYTES),
    cmd!(
        "pledges.attachment",
        Document,
        "取回责任书扫描件",
        attachments::attachment
    ),
    cmd!(
        "rectify.inspect",
        Write,
        "登记门店检查（可下发限期整改通知书）",
        rectify::inspect
    ),
    cmd!(
        "rectify.reinspect",
        Write,
        "登记整改复查",
        rectify::reinspect
    ),
    cmd!("rectify.notices", Read, "整改通知书列表", rectify::notices),
    cmd!(
        "rectify.inspections",
        Read,
        "门店检查记录",
        rectify::inspections
    ),
    cmd!(
        "rectify.history",
        Read,
        "一家门店的检查与整改记录",
        rectify::history
    ),
    cmd!(
        "rectify.notice_pdf",
        Document,
        "打印限期整改通知书",
        rectify_pdf::notice_pdf
    ),
];
