//! Argument parsing and the thin mapping of each subcommand onto a command of the table.

use base64::Engine;
use cw_core::domain::SystemClock;
use cw_core::{App, CoreError, ErrorDto, Output, ProcessKind};
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Prints a line to stdout; a closed pipe (`| head`) is not an error worth a panic.
macro_rules! say {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

mod args;
mod print;

pub use args::Cli;
use args::{Command, ExportList, PledgeScope, Target};

fn scope_args(app: &App, s: &PledgeScope) -> Result<Value, ErrorDto> {
    let zone_id = match &s.zone {
        None => None,
        Some(z) => Some(resolve_zone(app, z)?),
    };
    Ok(json!({ "group_no": s.group, "zone_id": zone_id, "street": s.street }))
}

/// A server must hold the file for writing from the start: a second one on the same file
/// would come up and then refuse every write, sign-in included. When the lock cannot even be
/// made (a read-only folder), the server still comes up for reading; each write says why.
fn hold_for_serve(app: &App) -> Result<(), ErrorDto> {
    match app.hold_writer() {
        Ok(()) => Ok(()),
        Err(e) if e.code() == "store.held" => Err(ErrorDto {
            code: "store.held".into(),
            message: format!(
                "这个数据文件已由{}打开，不能再启动一个服务。请先关闭它再启动，或用 --db 指定另一个数据文件",
                app.writer_holder()
                    .unwrap_or_else(|| "另一个创卫办公台".into())
            ),
            rows: Vec::new(),
        }),
        Err(e) => {
            eprintln!("注意：{e}；服务照常启动，但只能查看、不能修改");
            Ok(())
        }
    }
}

fn err(e: CoreError) -> ErrorDto {
    e.to_dto()
}

fn io_err(path: &Path, e: std::io::Error) -> ErrorDto {
    ErrorDto {
        code: "io".into(),
        message: format!("无法读写文件 {}：{e}", path.display()),
        rows: Vec::new(),
    }
}

fn ext(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase()
}

fn write_output(out: Output, path: &Path) -> Result<(), ErrorDto> {
    match out {
        Output::File(f) => {
            cw_core::file_ops::write_durable(path, &f.bytes).map_err(|e| io_err(path, e))?;
            say!("已写入 {}（{} 字节）", path.display(), f.bytes.len());
            for w in &f.warnings {
                let _ = writeln!(std::io::stderr(), "注意：{w}");
            }
            Ok(())
        }
        Output::Json(v) => {
            say!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            Ok(())
        }
    }
}

/// `backup --to DIR`: encrypted with the backup passphrase (read from `passphrase_file`) once
/// the head has set one; a plain checked copy, with a warning, while none is set — the
/// administrator at the PC is trusted, and an office without a passphrase yet keeps its backups.
fn backup_to(app: &App, dir: &Path, passphrase_file: Option<&Path>) -> Result<Value, ErrorDto> {
    let is_set = cw_core::backups::offsite::passphrase_is_set(app).map_err(err)?;
    match (is_set, passphrase_file) {
        (true, Some(file)) => {
            let text = std::fs::read_to_string(file).map_err(|e| io_err(file, e))?;
            let passphrase = text.lines().next().unwrap_or("");
            let picked = app.register_picked_folder(dir).map_err(err)?;
            app.call_json(
                "backups.create_to",
                json!({ "token": picked.token, "passphrase": passphrase }),
                actor(),
            )
            .map_err(err)
        }
        (true, None) => Err(err(CoreError::BadArgs(
            "已设置备份密码，备份到文件夹的副本要加密：请用 --passphrase-file 指定存放备份密码的文件".into(),
        ))),
        (false, Some(_)) => Err(err(CoreError::BadArgs(
            "还没有设置备份密码（由主任在「备份」页设置），不能加密；去掉 --passphrase-file 可备份未加密的副本".into(),
        ))),
        (false, None) => {
            let made = cw_core::backups::offsite::create_plain(app, dir).map_err(err)?;
            eprintln!("注意：还没有设置备份密码，这份备份没有加密，请妥善保管；主任设置备份密码后，备份到文件夹的副本都会加密");
            serde_json::to_value(made).map_err(|e| err(CoreError::Internal(e.to_string())))
        }
    }
}

fn actor() -> &'static str {
    "cli"
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), ErrorDto> {
    let path = cw_core::paths::resolve_db_path(cli.db);
    // `serve` holds the file for its run like the desktop app; any other run is a command-line
    // one, which takes the writer lock only when it writes.
    let kind = match cli.command {
        Command::Serve { .. } => ProcessKind::Serve,
        _ => ProcessKind::Cli,
    };
    let app = Arc::new(App::open_as(&path, Arc::new(SystemClock), kind).map_err(err)?);
    let call = |name: &str, args: Value| app.call(name, args, actor()).map_err(err);
    match cli.command {
        Command::Demo { seed, scale } => {
            let v = call("demo.generate", json!({ "seed": seed, "scale": scale }))?;
            let summary = match &v {
                Output::Json(j) => j["summary"].as_str().unwrap_or_default().to_string(),
                Output::File(_) => String::new(),
            };
            say!("演示社区已生成：{}", path.display());
            if !summary.is_empty() {
                say!("{summary}");
            }
        }
        Command::Import {
            target,
            file,
            dry_run,
        } => {
            let bytes = std::fs::read(&file).map_err(|e| io_err(&file, e))?;
            let args = json!({
                "target": match target { Target::Staff => "staff", Target::Households => "households" },
                "file_name": file.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                "data_base64": base64::engine::general_purpose::STANDARD.encode(bytes),
            });
            let name = if dry_run {
                "import.preview"
            } else {
                "import.commit"
            };
            write_output(call(name, args)?, Path::new(""))?;
        }
        Command::Export { list, out } => {
            let name = match list {
                ExportList::Staff => "export.staff",
                ExportList::Zones => "export.zones",
                ExportList::Households => "export.households",
            };
            let format = if ext(&out) == "csv" { "csv" } else { "xlsx" };
            write_output(call(name, json!({ "format": format }))?, &out)?;
        }
        Command::Print { doc } => print::print(&app, doc)?,
        Command::Words { amount } => {
            let v = app
                .call_json("fees.words", json!({ "amount": amount }), actor())
                .map_err(err)?;
            say!(
                "{}　{}",
                v["figures"].as_str().unwrap_or(""),
                v["words"].as_str().unwrap_or("")
            );
        }
        Command::Serve { port, ui } => {
            hold_for_serve(&app)?;
            // The browser tests' stand-in for the folder dialog, which a browser has not got:
            // set only by whoever starts the server, never reachable from a page.
            if let Some(dir) = std::env::var_os("CW_TEST_PICK_DIR") {
                let dir = PathBuf::from(dir);
                eprintln!("测试用：「选择文件夹」将选中 {}", dir.display());
                app.offer_folder_to_pick(dir);
            }
            let ui_dir = ui.is_dir().then_some(ui);
            let running = cw_http::start(Arc::clone(&app), cw_http::ServeOptions { port, ui_dir })
                .map_err(|e| ErrorDto {
                    code: "http.bind".into(),
                    message: e.to_string(),
                    rows: Vec::new(),
                })?;
            say!("listening on http://{}", running.addr);
            running.wait();
        }
        Command::Call { name, json, out } => {
            let args: Value = serde_json::from_str(&json)
                .map_err(|e| err(CoreError::BadArgs(format!("JSON 参数有误：{e}"))))?;
            match (call(&name, args)?, out) {
                (Output::File(f), Some(path)) => write_output(Output::File(f), &path)?,
                (Output::File(f), None) => {
                    return Err(err(CoreError::BadArgs(format!(
                        "「{name}」生成文件 {}，请用 --out 指定保存位置",
                        f.file_name
                    ))))
                }
                (json, _) => write_output(json, Path::new(""))?,
            }
        }
        Command::Backup {
            to,
            passphrase_file,
        } => {
            let v = match to {
                Some(dir) => backup_to(&app, &dir, passphrase_file.as_deref())?,
                None => match call("backups.create", Value::Null)? {
                    Output::Json(v) => v,
                    Output::File(_) => Value::Null,
                },
            };
            say!(
                "已备份到 {}（{} 字节）",
                v["path"].as_str().unwrap_or(""),
                v["size_bytes"]
            );
        }
        Command::Check => {
            let status = app
                .call_json("backups.status", Value::Null, actor())
                .map_err(err)?;
            if let Some(reason) = status["damaged"].as_str() {
                let offer = status["last_good_backup"]["name"]
                    .as_str()
                    .map(|n| format!("；最近的完好备份：{n}"))
                    .unwrap_or_default();
                return Err(ErrorDto {
                    code: "store.damaged".into(),
                    message: format!("数据文件已损坏：{reason}{offer}"),
                    rows: Vec::new(),
                });
            }
            let v = app
                .call_json("check.run", Value::Null, actor())
                .map_err(err)?;
            if v["ok"] == Value::Bool(true) {
                say!(
                    "检查通过：结构完好，引用完整，审计链完整（最新哈希 {}）",
                    v["latest_hash"].as_str().unwrap_or("")
                );
            } else {
                let problems: Vec<String> = v["problems"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|p| p.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                return Err(ErrorDto {
                    code: "check.failed".into(),
                    message: format!("检查发现问题：\n  {}", problems.join("\n  ")),
                    rows: Vec::new(),
                });
            }
        }
        Command::Commands => {
            if let Output::Json(Value::Array(items)) = call("meta.commands", Value::Null)? {
                say!(
                    "{} 类型  可用者    其他                    说明",
                    crate::policy_words::pad("命令", 28)
                );
                for c in items {
                    let (name, summary) = (c["name"].as_str(), c["summary"].as_str());
                    say!(
                        "{:<28} {}  {}  {}  {}",
                        name.unwrap_or(""),
                        crate::policy_words::kind(&c["kind"]),
                        crate::policy_words::pad(crate::policy_words::allowed(&c["allowed"]), 8),
                        crate::policy_words::pad(&crate::policy_words::duties(&c), 22),
                        summary.unwrap_or("")
                    );
                }
            }
        }
    }
    // A failed backup is loud: the command's work is saved, but the run is not a success.
    app.wait_for_backups();
    if let Some(why) = app.backup_failure() {
        return Err(ErrorDto {
            code: "backup.failed".into(),
            message: format!("命令已完成、数据已保存，但自动备份没有成功：{why}。请尽快查看「备份」页或运行 chuangwei backup"),
            rows: Vec::new(),
        });
    }
    Ok(())
}

fn resolve_zone(app: &App, zone: &str) -> Result<i64, ErrorDto> {
    if let Ok(id) = zone.parse::<i64>() {
        return Ok(id);
    }
    let zones = app
        .call_json("zones.list", json!({ "include_inactive": true }), actor())
        .map_err(err)?;
    zones
        .as_array()
        .and_then(|zs| zs.iter().find(|z| z["name"] == zone))
        .and_then(|z| z["id"].as_i64())
        .ok_or_else(|| ErrorDto {
            code: "not_found".into(),
            message: format!("没有名为「{zone}」的责任区"),
            rows: Vec::new(),
        })
}
