//! The assessment's commands: schedule, fines, inspections, awards, months, statements and reports.

use crate::{
    attendance, awards, documents, fine_notices, fines, inspections, leaving, months, pay_rules,
    schedule, settings, statements, tools,
};
use cw_kernel::cmd;
use cw_kernel::commands::CommandInfo;

/// The assessment's commands.
pub static TABLE: &[CommandInfo] = &[
    cmd!(
        "assessment.settings.get",
        Read,
        "读取考核设置",
        settings::get
    ),
    cmd!(
        "assessment.settings.update",
        Write,
        "修改考核设置",
        settings::update
    )
    .head("修改考核规则设置"),
    cmd!(
        "schedule.versions",
        Read,
        "考核细则的全部版本",
        schedule::versions
    ),
    cmd!(
        "schedule.current",
        Read,
        "某日施行的考核细则",
        schedule::current
    ),
    cmd!(
        "schedule.create_version",
        Write,
        "新增考核细则版本",
        schedule::create_version
    )
    .head("修改考核细则"),
    cmd!(
        "pay_rules.versions",
        Read,
        "计薪规则的全部版本",
        pay_rules::versions
    ),
    cmd!("pay_rules.add", Write, "新增计薪规则版本", pay_rules::add).head("修改计薪规则"),
    cmd!("attendance.sheet", Read, "月度出勤表", attendance::sheet),
    cmd!("attendance.set", Write, "录入出勤", attendance::set),
    cmd!(
        "attendance.fill",
        Write,
        "按罚款记录填旷工、其余填出勤",
        attendance::fill
    ),
    cmd!("fines.list", Read, "罚款记录列表", fines::list),
    cmd!("fines.get", Read, "查看罚款记录", fines::get),
    cmd!("fines.create", Write, "录入罚款", fines::create),
    cmd!(
        "fines.create_batch",
        Write,
        "连续录入多条罚款",
        fines::create_batch
    ),
    cmd!("fines.void", Write, "作废罚款（未结账月份）", fines::void),
    cmd!(
        "fines.reverse",
        Write,
        "冲销已结账月份的罚款",
        fines::reverse
    ),
    cmd!("inspections.list", Read, "检查记录列表", inspections::list),
    cmd!("inspections.get", Read, "查看检查记录", inspections::get),
    cmd!(
        "inspections.correct",
        Write,
        "更正检查结果（须填原因）",
        inspections::correct
    ),
    cmd!(
        "inspections.propose",
        Read,
        "检查拟罚款项",
        inspections::propose
    ),
    cmd!(
        "inspections.create",
        Write,
        "登记检查及其罚款",
        inspections::create
    ),
    cmd!(
        "inspections.patrol_report",
        Read,
        "巡查不足报表",
        inspections::patrol_report
    ),
    cmd!("months.list", Read, "月份结账状态", months::list),
    cmd!("months.status", Read, "某月结账状态", months::status),
    cmd!("months.close", Write, "月度结账", months::close).backs_up("month-close"),
    cmd!("months.reopen", Write, "反结账（须填原因）", months::reopen)
        .head("反结账（重新开放已结账的月份）"),
    cmd!(
        "staff.deactivate",
        Write,
        "人员离职（辞工通知不足时扣发一周工资）",
        leaving::leave
    ),
    cmd!("tools.list", Read, "保洁工具领用登记", tools::list),
    cmd!("tools.issue", Write, "领用保洁工具", tools::issue),
    cmd!("tools.return", Write, "归还保洁工具", tools::hand_back),
    cmd!("tools.lose", Write, "保洁工具遗失（照价赔偿）", tools::lose),
    cmd!(
        "fine_notices.list",
        Read,
        "罚款缴纳通知（不领工资的人员）",
        fine_notices::notices
    ),
    cmd!("fine_notices.pay", Write, "登记罚款缴纳", fine_notices::pay),
    cmd!(
        "fine_notices.void_payment",
        Write,
        "作废罚款缴纳记录（须填原因）",
        fine_notices::void_payment
    ),
    cmd!("awards.ranking", Read, "年度保洁员排名", awards::ranking),
    cmd!("awards.grant", Write, "发放年终先进奖励", awards::grant),
    cmd!(
        "statements.month",
        Read,
        "月度考核结算（预览）",
        statements::statements
    ),
    cmd!(
        "statements.report",
        Read,
        "月度罚款汇总（预览）",
        statements::report
    ),
    cmd!(
        "print.statements",
        Document,
        "打印月度考核结算单",
        documents::statements_doc
    ),
    cmd!(
        "print.attendance",
        Document,
        "打印出勤表",
        documents::attendance_doc
    ),
    cmd!(
        "print.payroll",
        Document,
        "打印工资发放表",
        documents::payroll_doc
    ),
    cmd!(
        "print.tools",
        Document,
        "打印保洁工具领用登记表",
        documents::tools_doc
    ),
    cmd!(
        "print.fine_notices",
        Document,
        "打印罚款缴纳通知单",
        documents::fine_notices_doc
    ),
    cmd!(
        "print.fine_report",
        Document,
        "打印罚款月报",
        documents::fine_report_doc
    ),
];
