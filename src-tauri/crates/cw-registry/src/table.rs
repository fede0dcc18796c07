//! The registry's commands: settings, groups, staff, zones, households, import, export, demo, roster.

use crate::{exports, import, print};
use cw_kernel::cmd;
use cw_kernel::commands::CommandInfo;

/// The registry's commands.
pub static TABLE: &[CommandInfo] = &[
    cmd!("meta.options", Read, "表单可选项", crate::options),
    cmd!(
        "dashboard.summary",
        Read,
        "首页统计",
        crate::dashboard::summary
    ),
    cmd!("settings.get", Read, "读取社区设置", crate::settings::get),
    cmd!(
        "settings.update",
        Write,
        "修改社区设置",
        crate::settings::update
    ),
    cmd!("groups.list", Read, "收费小组列表", crate::groups::list),
    cmd!(
        "groups.set_leader",
        Write,
        "指定收费小组组长",
        crate::groups::set_leader
    ),
    cmd!("staff.list", Read, "人员列表", crate::staff::list),
    cmd!("staff.get", Read, "查看人员", crate::staff::get),
    cmd!("staff.create", Write, "新增人员", crate::staff::create),
    cmd!("staff.update", Write, "修改人员", crate::staff::update),
    cmd!(
        "staff.reactivate",
        Write,
        "人员复职",
        crate::staff::reactivate
    ),
    cmd!("zones.list", Read, "责任区列表", crate::zones::list),
    cmd!("zones.get", Read, "查看责任区", crate::zones::get),
    cmd!("zones.create", Write, "新增责任区", crate::zones::create),
    cmd!("zones.update", Write, "修改责任区", crate::zones::update),
    cmd!(
        "zones.deactivate",
        Write,
        "停用责任区",
        crate::zones::deactivate
    ),
    cmd!(
        "zones.reactivate",
        Write,
        "启用责任区",
        crate::zones::reactivate
    ),
    cmd!(
        "households.list",
        Read,
        "住户、门店与单位列表",
        crate::households::list
    ),
    cmd!(
        "households.get",
        Read,
        "查看住户、门店或单位",
        crate::households::get
    ),
    cmd!(
        "households.create",
        Write,
        "新增住户、门店或单位",
        crate::households::create
    ),
    cmd!(
        "households.update",
        Write,
        "修改住户、门店或单位",
        crate::households::update
    ),
    cmd!(
        "retention.settings",
        Read,
        "个人信息保留期限",
        crate::retention::settings
    ),
    cmd!(
        "retention.set_settings",
        Write,
        "设置个人信息保留期限",
        crate::retention::set_settings
    ),
    cmd!(
        "retention.due",
        Read,
        "已迁出、已关闭户的匿名化日期",
        crate::retention::due
    ),
    cmd!(
        "retention.pseudonymise",
        Write,
        "到期的迁出户、关闭门店匿名化",
        crate::retention::pseudonymise
    ),
    cmd!(
        "households.set_status",
        Write,
        "住户迁出、门店关闭或恢复",
        crate::households::set_status
    ),
    cmd!(
        "import.preview",
        Read,
        "预览导入文件（不写入）",
        import::preview
    )
    .carries_file(cw_tabular::limits::MAX_FILE_BYTES),
    cmd!(
        "import.commit",
        Write,
        "导入文件（全部成功才写入）",
        import::commit
    )
    .carries_file(cw_tabular::limits::MAX_FILE_BYTES)
    .backs_up("import"),
    cmd!(
        "import.template",
        Document,
        "下载导入模板",
        import::template
    ),
    cmd!("export.staff", Document, "导出人员名单", exports::staff),
    cmd!("export.zones", Document, "导出责任区", exports::zones),
    cmd!(
        "export.households",
        Document,
        "导出住户、门店与单位",
        exports::households
    ),
    cmd!("print.roster", Document, "打印花名册", print::roster),
    cmd!(
        "privacy.get",
        Read,
        "谁能看到特殊身份标签",
        crate::privacy::get
    ),
    cmd!(
        "privacy.update",
        Write,
        "设置谁能看到特殊身份标签",
        crate::privacy::update
    )
    .head("设置谁能看到特殊身份标签"),
    cmd!("exports.log", Read, "数据导出记录", crate::export_log::log).head("查看数据导出记录"),
];
