//! The registry's commands: settings, groups, staff, zones, households, import, export, demo, roster.

use super::CommandInfo;
use crate::{demo, exports, import, print, registry};

/// The registry's commands.
pub static TABLE: &[CommandInfo] = &[
    cmd!("meta.options", Read, "表单可选项", registry::options),
    cmd!(
        "meta.commands",
        Read,
        "全部操作的清单",
        registry::command_list
    ),
    cmd!(
        "dashboard.summary",
        Read,
        "首页统计",
        registry::dashboard::summary
    ),
    cmd!(
        "settings.get",
        Read,
        "读取社区设置",
        registry::settings::get
    ),
    cmd!(
        "settings.update",
        Write,
        "修改社区设置",
        registry::settings::update
    ),
    cmd!("groups.list", Read, "收费小组列表", registry::groups::list),
    cmd!(
        "groups.set_leader",
        Write,
        "指定收费小组组长",
        registry::groups::set_leader
    ),
    cmd!("staff.list", Read, "人员列表", registry::staff::list),
    cmd!("staff.get", Read, "查看人员", registry::staff::get),
    cmd!("staff.create", Write, "新增人员", registry::staff::create),
    cmd!("staff.update", Write, "修改人员", registry::staff::update),
    cmd!(
        "staff.deactivate",
        Write,
        "人员离职",
        registry::staff::deactivate
    ),
    cmd!(
        "staff.reactivate",
        Write,
        "人员复职",
        registry::staff::reactivate
    ),
    cmd!("zones.list", Read, "责任区列表", registry::zones::list),
    cmd!("zones.get", Read, "查看责任区", registry::zones::get),
    cmd!("zones.create", Write, "新增责任区", registry::zones::create),
    cmd!("zones.update", Write, "修改责任区", registry::zones::update),
    cmd!(
        "zones.deactivate",
        Write,
        "停用责任区",
        registry::zones::deactivate
    ),
    cmd!(
        "zones.reactivate",
        Write,
        "启用责任区",
        registry::zones::reactivate
    ),
    cmd!(
        "households.list",
        Read,
        "住户、门店与单位列表",
        registry::households::list
    ),
    cmd!(
        "households.get",
        Read,
        "查看住户、门店或单位",
        registry::households::get
    ),
    cmd!(
        "households.create",
        Write,
        "新增住户、门店或单位",
        registry::households::create
    ),
    cmd!(
        "households.update",
        Write,
        "修改住户、门店或单位",
        registry::households::update
    ),
    cmd!(
        "households.set_status",
        Write,
        "住户迁出、门店关闭或恢复",
        registry::households::set_status
    ),
    cmd!(
        "import.preview",
        Read,
        "预览导入文件（不写入）",
        import::preview
    ),
    cmd!(
        "import.commit",
        Write,
        "导入文件（全部成功才写入）",
        import::commit
    )
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
    cmd!(
        "demo.generate",
        Write,
        "生成演示社区（仅限空数据库）",
        demo::generate
    ),
    cmd!("print.roster", Document, "打印花名册", print::roster),
    cmd!(
        "audit.history",
        Read,
        "查看一条记录的修改历史",
        crate::history::history
    ),
];
