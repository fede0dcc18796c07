//! Guards the shell's security settings: fails when tauri.conf.json or a capability is loosened
//! (a weaker CSP, remote origins, global Tauri, file system/shell/HTTP/dialog/opener access for the page).

use serde_json::Value;
use std::error::Error;
use std::path::{Path, PathBuf};

type TestResult = Result<(), Box<dyn Error>>;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Result<Value, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?)
}

fn config() -> Result<Value, Box<dyn Error>> {
    read_json(&manifest_dir().join("tauri.conf.json"))
}

fn capabilities() -> Result<Vec<(PathBuf, Value)>, Box<dyn Error>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(manifest_dir().join("capabilities"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            let value = read_json(&path)?;
            out.push((path, value));
        }
    }
    Ok(out)
}

/// The CSP as (directive, sources) pairs.
fn csp_directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_string);
            let name = words.next().unwrap_or_default();
            (name, words.collect())
        })
        .collect()
}

#[test]
fn the_csp_is_strict() -> TestResult {
    let config = config()?;
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .ok_or("app.security.csp must be a string")?;
    let directives = csp_directives(csp);
    let get = |name: &str| {
        directives
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.clone())
    };
    assert_eq!(get("default-src"), Some(vec!["'self'".to_string()]));
    assert_eq!(get("script-src"), Some(vec!["'self'".to_string()]));
    assert_eq!(get("object-src"), Some(vec!["'none'".to_string()]));
    assert_eq!(get("base-uri"), Some(vec!["'none'".to_string()]));
    assert_eq!(get("frame-src"), Some(vec!["'none'".to_string()]));
    assert_eq!(get("form-action"), Some(vec!["'none'".to_string()]));
    for (name, sources) in &directives {
        for source in sources {
            let s = source.to_ascii_lowercase();
            assert!(!s.contains("unsafe-eval"), "{name} allows unsafe-eval");
            assert!(!s.contains("wasm-unsafe-eval"), "{name} allows wasm eval");
            assert!(!s.contains('*'), "{name} has a wildcard: {source}");
            assert!(
                !(name == "script-src" && s.contains("unsafe-inline")),
                "script-src allows inline scripts"
            );
            // The only non-'self' origin allowed anywhere is Tauri's own IPC endpoint.
            let remote = s.starts_with("http:")
                || s.starts_with("https:")
                || s.starts_with("ws:")
                || s.starts_with("wss:")
                || s.contains("://")
                || s.contains('.');
            let ipc = name == "connect-src" && (s == "ipc:" || s == "http://ipc.localhost");
            assert!(!remote || ipc, "{name} allows a remote origin: {source}");
        }
    }
    let security = &config["app"]["security"];
    assert!(
        security
            .get("dangerousDisableAssetCspModification")
            .is_none(),
        "Tauri's CSP nonces must stay on"
    );
    assert!(security.get("devCsp").is_none(), "no looser dev CSP");
    // freezePrototype stays off: dayjs (inside Element Plus) assigns `valueOf` on its own prototype,
    // which a frozen Object.prototype turns into a TypeError and the UI never mounts.
    Ok(())
}

#[test]
fn the_page_gets_no_global_tauri_and_no_remote_content() -> TestResult {
    let config = config()?;
    let global = config["app"].get("withGlobalTauri").cloned();
    assert!(
        matches!(global, None | Some(Value::Bool(false))),
        "withGlobalTauri must stay false"
    );
    assert_eq!(config["build"]["frontendDist"], "../ui/dist");
    for window in config["app"]["windows"].as_array().ok_or("app.windows")? {
        assert!(window.get("url").is_none_or(|u| {
            u.as_str()
                .is_some_and(|u| !u.contains("://") && !u.starts_with("//"))
        }));
    }
    Ok(())
}

#[test]
fn capabilities_grant_only_the_command_table_and_harmless_core_sets() -> TestResult {
    let config = config()?;
    assert_eq!(
        config["app"]["security"]["capabilities"],
        serde_json::json!(["main"]),
        "only the listed capability is active"
    );
    let caps = capabilities()?;
    assert!(!caps.is_empty(), "capabilities/main.json missing");
    for (path, cap) in caps {
        let where_ = path.display();
        assert!(
            cap.get("remote").is_none(),
            "{where_}: remote URLs must not reach IPC"
        );
        assert_eq!(cap["windows"], serde_json::json!(["main"]), "{where_}");
        assert!(cap.get("webviews").is_none(), "{where_}");
        for permission in cap["permissions"].as_array().ok_or("permissions")? {
            let id = match permission {
                Value::String(s) => s.as_str(),
                other => other["identifier"]
                    .as_str()
                    .ok_or("permission identifier")?,
            };
            for banned in [
                "fs:", "shell:", "http:", "dialog:", "opener:", "process:", "updater:",
            ] {
                assert!(
                    !id.starts_with(banned),
                    "{where_}: {id} is not for the page"
                );
            }
            let allowed = [
                "core:app:default",
                "core:event:default",
                "allow-call",
                "allow-save-document",
                "allow-pick-folder",
            ];
            assert!(
                allowed.contains(&id),
                "{where_}: {id} is new; review it and add it here deliberately"
            );
        }
    }
    Ok(())
}

#[test]
fn the_default_windows_installers_work_offline_with_a_small_one_beside_and_chinese() -> TestResult {
    let config = config()?;
    let windows = &config["bundle"]["windows"];
    // The default installers carry the whole WebView2 runtime installer: an office PC is often
    // offline. The workflow builds the small one with tauri.small.conf.json (bootstrapper only).
    assert_eq!(windows["webviewInstallMode"]["type"], "offlineInstaller");
    let minimum = windows["minimumWebview2Version"].as_str().unwrap_or("");
    assert!(
        minimum.split('.').count() == 4 && minimum.split('.').all(|p| p.parse::<u32>().is_ok()),
        "a minimum WebView2 version like 110.0.1587.40, got {minimum:?}"
    );
    let small: Value = serde_json::from_str(&std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.small.conf.json"),
    )?)?;
    assert_eq!(
        small["bundle"]["windows"]["webviewInstallMode"]["type"],
        "embedBootstrapper"
    );
    let workflow = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../.github/workflows/windows-installer.yml"),
    )?;
    assert!(workflow.contains("--config ../src-tauri/tauri.small.conf.json"));
    // The Windows job tests before it builds, and the installers come with their checksums.
    assert!(workflow.contains("needs: test"));
    assert!(workflow.contains("cargo test --workspace"));
    assert!(workflow.contains("SHA256SUMS"));
    assert_eq!(
        windows["nsis"]["languages"],
        serde_json::json!(["SimpChinese"])
    );
    assert_eq!(
        windows["nsis"]["displayLanguageSelector"],
        Value::Bool(false)
    );
    assert_eq!(windows["wix"]["language"], "zh-CN");
    // The NSIS "delete app data" box removes %APPDATA%\<identifier>; our data is %APPDATA%\chuangwei.
    assert_ne!(config["identifier"], "chuangwei");
    Ok(())
}
