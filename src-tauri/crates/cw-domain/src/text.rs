//! Small text rules shared by registry records: trimming, required fields, phone numbers.

use crate::DomainError;

/// Trims and refuses an empty value.
pub fn required(field: &'static str, value: &str) -> Result<String, DomainError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(DomainError::Required { field });
    }
    Ok(v.to_string())
}

/// Trims and limits the length in characters.
pub fn limited(field: &'static str, value: &str, max_chars: usize) -> Result<String, DomainError> {
    let v = value.trim();
    if v.chars().count() > max_chars {
        return Err(DomainError::invalid(
            field,
            format!("不能超过 {max_chars} 个字"),
        ));
    }
    Ok(v.to_string())
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
}
