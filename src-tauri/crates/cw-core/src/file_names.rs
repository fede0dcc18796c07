//! Suggested file names made safe for Windows: they are built from the clerk's data (party and
//! zone names), which may hold characters, endings or whole names that Windows refuses.

/// Names Windows reserves for devices, with or without an extension (`CON`, `con.pdf`, `COM1.xlsx`).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Windows' longest file name, in UTF-16 units; kept well under for the folder it lands in.
const MAX_UNITS: usize = 180;

/// `name` as a file name Windows accepts: each of `\ / : * ? " < > |` and control characters
/// becomes `_`, trailing dots and spaces go (Windows drops them silently, so two names would
/// collide), a reserved device name gets a `_` in front, an empty name becomes `文件`, and an
/// over-long stem is shortened with its extension kept.
pub fn windows_safe(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_start().trim_end_matches(['.', ' ']);
    let mut out = if trimmed.is_empty() {
        "文件".to_string()
    } else {
        trimmed.to_string()
    };
    let stem = out.split('.').next().unwrap_or_default().trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        out.insert(0, '_');
    }
    shorten(out)
}

fn shorten(name: String) -> String {
    if name.encode_utf16().count() <= MAX_UNITS {
        return name;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if name.len() - i <= 6 => (&name[..i], &name[i..]),
        _ => (name.as_str(), ""),
    };
    let room = MAX_UNITS - ext.encode_utf16().count();
    let mut kept = String::new();
    for c in stem.chars() {
        if kept.encode_utf16().count() + c.len_utf16() > room {
            break;
        }
        kept.push(c);
    }
    format!("{kept}{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_windows_refuses_become_underscores() {
        assert_eq!(
            windows_safe("住户花名册-黄山路/东段:1*2?\"3\"<4>|5\\6.pdf"),
            "住户花名册-黄山路_东段_1_2__3__4__5_6.pdf"
        );
        assert_eq!(windows_safe("甲\t乙\n.xlsx"), "甲_乙_.xlsx");
    }

    #[test]
    fn reserved_device_names_are_prefixed_with_or_without_an_extension() {
        assert_eq!(windows_safe("CON"), "_CON");
        assert_eq!(windows_safe("con.pdf"), "_con.pdf");
        assert_eq!(windows_safe("Com1.xlsx"), "_Com1.xlsx");
        assert_eq!(windows_safe("LPT9.tar.gz"), "_LPT9.tar.gz");
        assert_eq!(
            windows_safe("CONSOLE.pdf"),
            "CONSOLE.pdf",
            "only the whole name"
        );
        assert_eq!(windows_safe("王伟超市.pdf"), "王伟超市.pdf");
    }

    #[test]
    fn trailing_dots_and_spaces_go_and_an_empty_name_gets_one() {
        assert_eq!(windows_safe("收据 . . "), "收据");
        assert_eq!(windows_safe("  名单.pdf. "), "名单.pdf");
        assert_eq!(windows_safe(" ... "), "文件");
        assert_eq!(windows_safe(""), "文件");
    }

    #[test]
    fn an_over_long_name_is_shortened_and_keeps_its_extension() {
        let long = format!("{}.pdf", "黄".repeat(400));
        let safe = windows_safe(&long);
        assert!(safe.ends_with(".pdf"), "{safe}");
        assert!(
            safe.encode_utf16().count() <= MAX_UNITS,
            "{}",
            safe.encode_utf16().count()
        );
    }
}
