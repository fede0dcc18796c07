//! Sign-in and account commands.

use crate::{accounts, signin};
use cw_kernel::cmd;
use cw_kernel::commands::CommandInfo;

/// Sign-in, the lock screen, accounts and the idle-lock setting.
pub static TABLE: &[CommandInfo] = &[
    cmd!("auth.status", Read, "登录状态", signin::status).public(),
    cmd!("auth.setup", Write, "首次使用：建立主任账号", signin::setup).public(),
    cmd!("auth.login", Write, "登录", signin::login)
        .public()
        .only_records_itself(),
    cmd!("auth.logout", Write, "退出登录", signin::logout)
        .when_locked()
        .only_records_itself(),
    cmd!("auth.lock", Read, "锁屏", signin::lock),
    cmd!("auth.unlock", Read, "输入密码解锁", signin::unlock).when_locked(),
    cmd!(
        "auth.change_password",
        Write,
        "修改自己的密码",
        signin::change_password
    ),
    cmd!("accounts.list", Read, "账号列表（主任）", accounts::list).head("管理账号"),
    cmd!("accounts.get", Read, "查看账号（主任）", accounts::get).head("管理账号"),
    cmd!(
        "accounts.create",
        Write,
        "新增账号（主任）",
        accounts::create
    )
    .head("管理账号"),
    cmd!(
        "accounts.update",
        Write,
        "修改、停用账号（主任）",
        accounts::update
    )
    .head("管理账号"),
    cmd!(
        "accounts.reset_password",
        Write,
        "重设他人密码（主任）",
        accounts::reset_password
    )
    .head("重设他人密码"),
    cmd!("security.get", Read, "读取锁屏设置", accounts::security_get),
    cmd!(
        "security.update",
        Write,
        "修改锁屏设置（主任）",
        accounts::security_update
    )
    .head("修改锁屏设置"),
];
