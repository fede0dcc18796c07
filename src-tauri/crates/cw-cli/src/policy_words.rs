//! The policy of a command (`meta.commands`) in words, for `chuangwei commands`.

use serde_json::Value;

/// The kind: 读取, 修改 or 文件.
pub fn kind(kind: &Value) -> &'static str {
    match kind.as_str() {
        Some("Read") => "读取",
        Some("Write") => "修改",
        Some("Document") => "文件",
        _ => "？",
    }
}

/// Who may run it from the UI.
pub fn allowed(allowed: &Value) -> &'static str {
    match allowed.as_str() {
        Some("Public") => "无需登录",
        Some("Account") => "任何账号",
        Some("Head") => "仅主任",
        Some("CommandLine") => "仅命令行",
        _ => "？",
    }
}

/// Its other duties: works when locked, on the recovery page, backs up first.
pub fn duties(c: &Value) -> String {
    let mut out = Vec::new();
    if c["when_locked"].as_bool() == Some(true) {
        out.push("锁屏可用".to_string());
    }
    if c["in_recovery"].as_bool() == Some(true) {
        out.push("恢复时可用".to_string());
    }
    if let Some(reason) = c["backup_first"].as_str() {
        out.push(format!("先备份（{reason}）"));
    }
    if out.is_empty() {
        "—".into()
    } else {
        out.join("，")
    }
}

/// `text` padded with spaces to `columns` terminal columns (a Chinese character takes two).
pub fn pad(text: &str, columns: usize) -> String {
    let width: usize = text
        .chars()
        .map(|c| if c > '\u{2e80}' { 2 } else { 1 })
        .sum();
    format!("{text}{}", " ".repeat(columns.saturating_sub(width)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_head_only_command_reads_as_head_only() {
        assert_eq!(allowed(&json!("Head")), "仅主任");
        assert_eq!(kind(&json!("Write")), "修改");
    }

    #[test]
    fn duties_name_the_backup_reason_and_the_lock() {
        let c = json!({"when_locked": true, "in_recovery": false, "backup_first": "import"});
        assert_eq!(duties(&c), "锁屏可用，先备份（import）");
        assert_eq!(duties(&json!({})), "—");
    }

    #[test]
    fn chinese_is_padded_by_its_width_on_the_terminal() {
        assert_eq!(pad("仅主任", 8), "仅主任  ");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("任何账号任何账号", 4), "任何账号任何账号");
    }
}
