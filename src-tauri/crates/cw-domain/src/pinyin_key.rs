//! Pinyin search keys, so a clerk typing `wwcs` finds 王伟超市.

use pinyin::ToPinyin;

/// The lower-case initials of each Chinese character, with Latin letters and digits kept as they are
/// (lower-cased) and everything else dropped: 王伟超市 → `wwcs`, 3号楼 → `3hl`.
pub fn initials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (ch, py) in text.chars().zip(text.to_pinyin()) {
        match py {
            Some(p) => out.push_str(p.first_letter()),
            None if ch.is_ascii_alphanumeric() => out.push(ch.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

/// The full toneless pinyin, joined without spaces: 王伟 → `wangwei`.
pub fn full(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for (ch, py) in text.chars().zip(text.to_pinyin()) {
        match py {
            Some(p) => out.push_str(p.plain()),
            None if ch.is_ascii_alphanumeric() => out.push(ch.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

/// The one search key stored beside a record: initials and full pinyin of its searchable text,
/// separated so that a query cannot match across the two.
pub fn search_key(parts: &[&str]) -> String {
    let joined = parts.join(" ");
    format!("{}|{}", initials(&joined), full(&joined))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_a_shop_name_are_what_a_clerk_types() {
        assert_eq!(initials("王伟超市"), "wwcs");
        assert_eq!(initials("3号楼A座"), "3hlaz");
    }

    #[test]
    fn full_pinyin_has_no_tones_or_spaces() {
        assert_eq!(full("黄山社区"), "huangshanshequ");
    }

    #[test]
    fn the_search_key_holds_initials_and_full_pinyin() {
        let key = search_key(&["王伟超市"]);
        assert!(key.contains("wwcs"));
        assert!(key.contains("wangweichaoshi"));
    }
}
