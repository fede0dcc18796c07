//! Worksheet names Excel accepts: at most 31 characters, none of `[ ] : * ? / \`, not starting or
//! ending with an apostrophe, not "History", unique regardless of case.

/// Makes `wanted` a valid worksheet name not in `taken` (compared case-insensitively).
pub(crate) fn sanitize_sheet_name(wanted: &str, index: usize, taken: &[String]) -> String {
    const MAX: usize = 31;
    let cleaned: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut base = cleaned.trim().trim_matches('\'').trim().to_string();
    if base.is_empty() {
        base = format!("Sheet{}", index + 1);
    }
    if base.eq_ignore_ascii_case("history") {
        base.push('_');
    }
    let base: String = base.chars().take(MAX).collect();
    let is_taken = |n: &str| taken.iter().any(|t| t.to_lowercase() == n.to_lowercase());
    if !is_taken(&base) {
        return base;
    }
    (2..)
        .map(|k| {
            let suffix = format!("({k})");
            let keep = MAX.saturating_sub(suffix.chars().count());
            format!("{}{suffix}", base.chars().take(keep).collect::<String>())
        })
        .find(|n| !is_taken(n))
        .unwrap_or(base)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_replaced_and_length_capped() {
        let n = sanitize_sheet_name("2026/11 [居民]:名单?", 0, &[]);
        assert_eq!(n, "2026_11 _居民__名单_");
        let long = "很".repeat(40);
        assert_eq!(sanitize_sheet_name(&long, 0, &[]).chars().count(), 31);
    }

    #[test]
    fn duplicate_names_get_a_number() {
        let taken = vec!["名单".to_string()];
        assert_eq!(sanitize_sheet_name("名单", 1, &taken), "名单(2)");
        assert_eq!(sanitize_sheet_name("  ", 1, &taken), "Sheet2");
    }
}
