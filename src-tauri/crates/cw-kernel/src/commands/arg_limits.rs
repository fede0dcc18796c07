//! How large a command's arguments may be.
//!
//! As JSON text: an adapter that receives them over a wire (the loopback server) refuses a
//! larger body before reading it; only the commands that carry a file (base64) need more than
//! a few megabytes, and their limits follow the file limits.
//!
//! A search's text (`q` of every list, lookup and list export), as the arguments are read: a
//! search is a name, an address, a phone number or a code, and a huge one only makes the
//! database grind (a 60 MB search once held every other request for 80 s).

use crate::words::field_label_or_name;
use crate::CoreError;
use serde_json::Value;

/// The arguments of an ordinary command: forms, filters and lists of ids are far smaller.
pub const MAX_ARGS_BYTES: usize = 2 * 1024 * 1024;

/// Room beside a file's base64 for its name and the other fields.
const ENVELOPE: usize = 64 * 1024;

/// Characters of the base64 text of `bytes` bytes (with padding).
const fn base64_len(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}

/// The largest JSON arguments of a command carrying a file of up to `bytes` bytes as base64,
/// beside its name and the other fields.
pub const fn args_bytes_for_file(bytes: usize) -> usize {
    base64_len(bytes) + ENVELOPE
}

/// Longest search accepted, in characters; the longest address or name is well under it.
pub const MAX_SEARCH_CHARS: usize = 100;

/// Refuses a search's text over [`MAX_SEARCH_CHARS`], naming the field (「查找内容」).
pub fn check_search(args: &Value) -> Result<(), CoreError> {
    let text = args.get("q").and_then(Value::as_str).unwrap_or("");
    // Counting stops one past the limit, so a huge text is not walked to its end.
    if text.chars().nth(MAX_SEARCH_CHARS).is_none() {
        return Ok(());
    }
    Err(CoreError::BadArgs(format!(
        "「{}」太长了（最多 {MAX_SEARCH_CHARS} 个字），请只输入名称、地址、电话或编号的一部分",
        field_label_or_name("q")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_s_arguments_hold_its_whole_base64() {
        assert!(args_bytes_for_file(3_000_000) > 4_000_000);
        assert_eq!(base64_len(3), 4);
        assert_eq!(base64_len(4), 8);
    }

    #[test]
    fn a_search_up_to_a_hundred_characters_is_read_and_a_longer_one_is_refused_naming_the_field() {
        let fits = "王".repeat(MAX_SEARCH_CHARS);
        assert!(check_search(&serde_json::json!({ "q": fits })).is_ok());
        let long = "王".repeat(MAX_SEARCH_CHARS + 1);
        let e = check_search(&serde_json::json!({ "q": long })).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("参数有误：「查找内容」太长了（最多 100 个字）"),
            "{e}"
        );
        assert!(
            check_search(&serde_json::json!({ "q": 5 })).is_ok(),
            "its type is serde's to refuse"
        );
        assert!(check_search(&serde_json::Value::Null).is_ok());
    }
}
