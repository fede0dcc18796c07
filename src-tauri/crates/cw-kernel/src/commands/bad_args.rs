//! Bad arguments told in Chinese: serde's messages ("missing field `reason`", "invalid type: …",
//! "unknown variant …", chrono's "input is out of range") become 缺少「原因」, 「住户」应为整数,
//! 「签订日期」不是有效日期…, naming the field by its label. serde does not say which field a
//! wrong value was in, so the arguments are tried again without each field in turn: the one
//! whose removal cures the error (or turns it into "missing field") is the culprit.

use crate::words::field_label_or_name;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Labels a command gives a field beyond the general ones (`on_date` is the signing day of a
/// pledge but the collection day of a batch).
const COMMAND_LABELS: &[(&str, &str, &str)] = &[
    ("pledges.record", "on_date", "签订日期"),
    ("pledges.record", "collector_id", "收回干部"),
    ("fees.batches.open", "on_date", "收费日期"),
    ("fees.batches.remit", "on_date", "上解日期"),
    ("fees.receipts.issue", "collector_id", "收费员"),
];

fn label(command: &str, field: &str) -> String {
    COMMAND_LABELS
        .iter()
        .find(|(c, f, _)| *c == command && *f == field)
        .map(|(_, _, l)| l.to_string())
        .unwrap_or_else(|| field_label_or_name(field))
}

/// The text between the first pair of backticks after `prefix`.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.strip_prefix(prefix)?;
    let start = rest.find('`')? + 1;
    let len = rest[start..].find('`')?;
    Some(&rest[start..start + len])
}

/// One step into the arguments: `at`'s key, or its index when `at` is a list.
fn step<'v>(at: &'v mut Value, key: &str) -> Option<&'v mut Value> {
    match at {
        Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?),
        other => other.get_mut(key),
    }
}

/// The field (a path of keys, and of indices into lists) whose value the error is about, found
/// by trying without it.
fn culprit<A: DeserializeOwned>(args: &Value, message: &str) -> Option<Vec<String>> {
    fn search<A: DeserializeOwned>(
        root: &Value,
        path: &mut Vec<String>,
        here: &Map<String, Value>,
        message: &str,
    ) -> Option<Vec<String>> {
        for (key, value) in here {
            let mut trial = root.clone();
            let mut at = &mut trial;
            for p in path.iter() {
                at = step(at, p)?;
            }
            at.as_object_mut()?.remove(key);
            let cured = match A::deserialize(&trial) {
                Ok(_) => true,
                Err(e) => {
                    let m = e.to_string();
                    // Without it only something missing is left (this or another field).
                    m != message && m.starts_with("missing field ")
                }
            };
            if cured {
                path.push(key.clone());
                // Inside an object (an update's `input`), find the field itself.
                if let Some(inner) = value.as_object() {
                    if let Some(deeper) = search::<A>(root, path, inner, message) {
                        return Some(deeper);
                    }
                }
                // Inside a list (a batch's `items`): the item without which the error is gone
                // or another, then the field inside it. Keys of the other items are not tried:
                // without one of them an earlier item would fail first, which proves nothing.
                if let Some(items) = value.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        let mut trial = root.clone();
                        let mut at = &mut trial;
                        for p in path.iter() {
                            at = step(at, p)?;
                        }
                        at.as_array_mut()?.remove(i);
                        if A::deserialize(&trial).is_err_and(|e| e.to_string() == message) {
                            continue;
                        }
                        path.push(i.to_string());
                        if let Some(inner) = item.as_object() {
                            if let Some(deeper) = search::<A>(root, path, inner, message) {
                                return Some(deeper);
                            }
                        }
                        return Some(path.clone());
                    }
                }
                return Some(path.clone());
            }
        }
        None
    }
    search::<A>(args, &mut Vec::new(), args.as_object()?, message)
}

/// The field as the message names it: 「日期」, or 第 2 条的「日期」 inside a list.
fn field_words(command: &str, path: &[String]) -> Option<String> {
    let field = path.iter().rev().find(|p| p.parse::<usize>().is_err())?;
    let items: Vec<String> = path
        .iter()
        .filter_map(|p| p.parse::<usize>().ok())
        .map(|i| format!("第 {} 条", i + 1))
        .collect();
    let label = format!("「{}」", label(command, field));
    Some(if items.is_empty() {
        label
    } else {
        format!("{}的{label}", items.join(""))
    })
}

/// What a type in serde's words is in the clerk's.
fn kind_cn(expected: &str) -> &'static str {
    let e = expected.trim();
    if [
        "i64", "i32", "u64", "u32", "usize", "i16", "u16", "u8", "i8", "integer",
    ]
    .iter()
    .any(|t| e.contains(t))
    {
        "整数"
    } else if e.contains("bool") {
        "是或否"
    } else if e.contains("sequence") {
        "列表"
    } else if e.contains("NaiveDate") || e.contains("date") {
        "日期（如 2026-11-29）"
    } else if e.contains("Decimal") || e.contains("decimal") || e.contains("f64") {
        "数字"
    } else if e.contains("string") || e.contains("str") || e.contains("char") {
        "文字"
    } else {
        "规定的格式"
    }
}

/// chrono's and rust_decimal's messages for a value that is not a date or a number.
fn is_date_error(message: &str) -> bool {
    message.starts_with("input ")
        || message.starts_with("premature end of input")
        || message.starts_with("trailing input")
        || message.starts_with("no possible date")
}

/// The error explained in Chinese, naming the field.
pub(super) fn explain<A: DeserializeOwned>(
    command: &str,
    args: &Value,
    error: &serde_json::Error,
) -> String {
    let message = error.to_string();
    if let Some(field) = quoted_after(&message, "missing field ") {
        return format!("缺少「{}」", label(command, field));
    }
    if let Some(field) = quoted_after(&message, "unknown field ") {
        return format!("多余的参数「{}」", label(command, field));
    }
    let what = culprit::<A>(args, &message)
        .and_then(|p| field_words(command, &p))
        .unwrap_or_else(|| "参数".to_string());
    if message.starts_with("unknown variant ") {
        let value = quoted_after(&message, "unknown variant ").unwrap_or_default();
        let choices: Vec<&str> = message
            .split_once("expected ")
            .map(|(_, rest)| rest.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        return if choices.is_empty() {
            format!("{what}不能是「{value}」")
        } else {
            format!("{what}不能是「{value}」，应为：{}", choices.join("、"))
        };
    }
    if message.starts_with("invalid type: ") || message.starts_with("invalid value: ") {
        let expected = message
            .rsplit_once(", expected ")
            .map(|(_, e)| e)
            .unwrap_or("");
        return format!("{what}应为{}", kind_cn(expected));
    }
    if is_date_error(&message) {
        return format!("{what}不是有效日期（应为 2026-11-29 这样的日期）");
    }
    if message.contains("decimal") || message.contains("Decimal") {
        return format!("{what}不是有效数字");
    }
    if message.chars().any(|c| c > '\u{2e80}') {
        // Our own types' messages are Chinese already.
        return format!("{what}{message}");
    }
    format!("{what}的格式不对")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Args {
        id: i64,
        reason: String,
        #[serde(default)]
        on_date: Option<NaiveDate>,
        #[serde(default)]
        input: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        #[serde(default)]
        group_no: Option<i32>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Batch {
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        staff_id: i64,
        #[serde(default)]
        date: Option<NaiveDate>,
    }

    fn why(command: &str, v: Value) -> String {
        let e = Args::deserialize(&v).unwrap_err();
        explain::<Args>(command, &v, &e)
    }

    #[test]
    fn a_missing_field_is_named_by_its_label() {
        assert_eq!(why("fines.void", json!({ "id": 1 })), "缺少「原因」");
    }

    #[test]
    fn a_wrong_value_is_found_and_named() {
        assert_eq!(
            why("", json!({ "id": "一号", "reason": "x" })),
            "「编号」应为整数"
        );
        assert_eq!(
            why(
                "pledges.record",
                json!({ "id": 1, "reason": "x", "on_date": "2026-13-01" })
            ),
            "「签订日期」不是有效日期（应为 2026-11-29 这样的日期）"
        );
        assert_eq!(
            why(
                "",
                json!({ "id": 1, "reason": "x", "input": { "group_no": "二" } })
            ),
            "「收费小组」应为整数"
        );
    }

    #[test]
    fn an_impossible_date_in_the_second_item_of_a_batch_names_the_item_and_the_field() {
        let v = json!({ "items": [
            { "staff_id": 1, "date": "2026-11-20" },
            { "staff_id": 2, "date": "2026-02-30" }
        ] });
        let e = Batch::deserialize(&v).unwrap_err();
        assert_eq!(
            explain::<Batch>("fines.create_batch", &v, &e),
            "第 2 条的「日期」不是有效日期（应为 2026-11-29 这样的日期）"
        );
    }
}
