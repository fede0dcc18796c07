//! Small text rules shared by every typed or imported text: trimming, required fields, invisible
//! characters, phone numbers.

use crate::DomainError;

/// Trims and refuses an empty value, or one with invisible characters ([`refuse_invisible`]).
pub fn required(field: &'static str, value: &str) -> Result<String, DomainError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(DomainError::Required { field });
    }
    refuse_invisible(field, v)?;
    Ok(v.to_string())
}

/// Trims and limits the length in characters; refuses invisible characters ([`refuse_invisible`]).
pub fn limited(field: &'static str, value: &str, max_chars: usize) -> Result<String, DomainError> {
    let v = value.trim();
    refuse_invisible(field, v)?;
    if v.chars().count() > max_chars {
        return Err(DomainError::invalid(
            field,
            format!("不能超过 {max_chars} 个字"),
        ));
    }
    Ok(v.to_string())
}

/// What an invisible character is, for the message; `None` for an ordinary character.
fn invisible_kind(c: char) -> Option<&'static str> {
    match c {
        // Embeddings, overrides and isolates reorder the text around them: 张三 could print as
        // 三张, or a receipt's name hide the amount beside it.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some("文字方向控制符"),
        // Zero-width characters make two names that look the same differ (and not match in a
        // search or a duplicate check).
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some("零宽字符"),
        _ => None,
    }
}

/// Refuses bidirectional overrides (U+202A–U+202E, U+2066–U+2069) and zero-width characters
/// (U+200B–U+200D, U+2060, U+FEFF) anywhere in a text: they are never typed on purpose, and in a
/// name they change what a document shows or make two equal-looking names differ. Every text
/// that [`required`] or [`limited`] reads is held to this, names above all.
pub fn refuse_invisible(field: &'static str, value: &str) -> Result<(), DomainError> {
    match value
        .chars()
        .find_map(|c| invisible_kind(c).map(|k| (c, k)))
    {
        None => Ok(()),
        Some((c, kind)) => Err(DomainError::invalid(
            field,
            format!(
                "含有看不见的{kind}（U+{:04X}），可能是从网页或聊天记录复制来的，请删去后重新输入",
                u32::from(c)
            ),
        )),
    }
}

/// A phone number: empty, an 11-digit mobile starting with 1, or a landline of digits and `-`.
pub fn phone(field: &'static str, value: &str) -> Result<String, DomainError> {
    let v: String = value.trim().chars().filter(|c| *c != ' ').collect();
    if v.is_empty() {
        return Ok(v);
    }
    let digits = v.chars().filter(|c| c.is_ascii_digit()).count();
    let only_allowed = v.chars().all(|c| c.is_ascii_digit() || c == '-');
    let mobile_ok = !v.starts_with('1') || v.contains('-') || digits == 11;
    if !only_allowed || !(7..=13).contains(&digits) || !mobile_ok {
        return Err(DomainError::invalid(
            field,
            format!("「{v}」不是有效的电话号码"),
        ));
    }
    Ok(v)
}

/// A phone number as printed on paper that leaves the office: the first three and the last four
/// digits of a mobile stay (138****1234), enough to tell two numbers apart at the door without
/// giving the number away. A shorter number still hides at least four digits (6543210 →
/// 6****10), a longer one (a landline with its area code) everything but seven; dashes and other
/// marks stay where they are, and text without digits is not a number and is left alone.
pub fn mask_phone(value: &str) -> String {
    let n = value.chars().filter(char::is_ascii_digit).count();
    let hidden = 4.max(n.saturating_sub(7));
    let shown = n.saturating_sub(hidden);
    let tail = 4.min(shown - shown / 2);
    let head = shown - tail;
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen <= head || seen > n - tail {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// Characters that would start a spreadsheet formula if a name were exported to CSV.
pub fn refuse_formula(field: &'static str, value: &str) -> Result<(), DomainError> {
    if value.starts_with(['=', '+', '@']) {
        return Err(DomainError::invalid(field, "不能以 = + @ 开头"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mobile_number_needs_eleven_digits() {
        assert_eq!(phone("电话", "138 1234 5678").unwrap(), "13812345678");
        assert!(phone("电话", "1381234567").is_err());
        assert_eq!(phone("电话", "0734-8123456").unwrap(), "0734-8123456");
        assert!(phone("电话", "abc").is_err());
        assert_eq!(phone("电话", "").unwrap(), "");
    }

    #[test]
    fn an_empty_required_field_names_itself() {
        assert_eq!(required("姓名", "  ").unwrap_err().field(), "姓名");
        assert_eq!(required("姓名", " 李四 ").unwrap(), "李四");
    }

    #[test]
    fn a_formula_looking_name_is_refused() {
        assert!(refuse_formula("户主", "=cmd|' /C calc'!A0").is_err());
        assert!(refuse_formula("户主", "张三").is_ok());
    }

    #[test]
    fn a_name_with_a_bidirectional_override_is_refused_naming_the_field() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            let name = format!("张{c}三");
            let err = required("姓名", &name).unwrap_err();
            assert_eq!(err.field(), "姓名");
            assert!(err.to_string().contains("文字方向控制符"), "{err}");
            assert!(limited("名称", &name, 60).is_err());
        }
    }

    #[test]
    fn a_name_with_a_zero_width_character_is_refused_naming_the_field() {
        for c in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'] {
            let err = limited("收款人", &format!("李{c}四"), 30).unwrap_err();
            assert_eq!(err.field(), "收款人");
            assert!(err.to_string().contains("零宽字符"), "{err}");
        }
        assert_eq!(
            limited("收款人", "李四（代收）", 30).unwrap(),
            "李四（代收）"
        );
    }

    #[test]
    fn a_mobile_keeps_its_first_three_and_last_four_digits() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("19900005678"), "199****5678");
    }

    #[test]
    fn a_landline_keeps_its_dashes_and_hides_the_middle_digits() {
        assert_eq!(mask_phone("0551-6543210"), "055*-***3210");
        assert_eq!(mask_phone("0551-65432100"), "055*-****2100");
    }

    #[test]
    fn a_short_number_still_hides_four_digits() {
        assert_eq!(mask_phone("6543210"), "6****10");
        assert_eq!(mask_phone("12345678"), "12****78");
        assert_eq!(mask_phone("1234"), "****");
        assert_eq!(mask_phone("12"), "**");
    }

    #[test]
    fn an_empty_phone_or_text_without_digits_is_left_as_it_is() {
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_phone("无"), "无");
    }
}
