//! A small builder for the list screens' WHERE clauses, paging and the search text of a record.

use rusqlite::types::Value;

/// Conditions joined by AND, with their positional parameters.
#[derive(Default)]
pub struct Filter {
    clauses: Vec<String>,
    /// The parameters, in order.
    pub params: Vec<Value>,
}

impl Filter {
    /// Adds a condition with `?` placeholders and their values.
    pub fn and(&mut self, clause: &str, values: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.to_string());
        self.params.extend(values);
    }

    /// Adds `column = ?` when the value is present.
    pub fn eq_opt<T: Into<Value>>(&mut self, column: &str, value: Option<T>) {
        if let Some(v) = value {
            self.and(&format!("{column} = ?"), [v.into()]);
        }
    }

    /// ` WHERE …` or nothing.
    pub fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// A LIKE pattern that matches `q` anywhere, with `%`, `_` and `\` escaped (use `ESCAPE '\'`).
pub fn contains_pattern(q: &str) -> String {
    let mut p = String::from("%");
    for c in q.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The full-text query that narrows a party search to the parties holding every trigram of `q`
/// (migration 0008's `parties_fts`), or `None` when `q` is shorter than three characters and
/// the LIKE test alone must decide. The LIKE test still runs on the candidates, so the result is
/// exactly the LIKE search's; the index only spares scanning every party.
pub fn trigram_query(q: &str) -> Option<String> {
    let chars: Vec<char> = q.trim().to_lowercase().chars().collect();
    if chars.len() < 3 {
        return None;
    }
    let mut grams: Vec<String> = chars
        .windows(3)
        .map(|w| format!("\"{}\"", w.iter().collect::<String>().replace('"', "\"\"")))
        .collect();
    grams.sort();
    grams.dedup();
    Some(grams.join(" "))
}

/// The text a record is found by: its own words and their pinyin initials and full pinyin.
pub fn search_text(parts: &[&str]) -> String {
    let raw = parts.join(" ").to_lowercase();
    format!("{raw}|{}", cw_domain::pinyin_key::search_key(parts))
}

/// Page number and size, clamped: pages start at 1, sizes from 1 to 500 (default 20).
pub fn paging(page: Option<i64>, size: Option<i64>) -> (i64, i64, i64) {
    let size = size.unwrap_or(20).clamp(1, 500);
    let page = page.unwrap_or(1).max(1);
    (page, size, (page - 1) * size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_typed_by_the_clerk_are_taken_literally() {
        assert_eq!(contains_pattern("50%_"), "%50\\%\\_%");
    }

    #[test]
    fn the_search_text_finds_by_initials_and_by_words() {
        let t = search_text(&["王伟超市", "黄山路"]);
        assert!(t.contains("王伟超市"));
        assert!(t.contains("wwcs"));
    }

    #[test]
    fn a_search_of_three_characters_or_more_becomes_trigrams_and_a_shorter_one_does_not() {
        assert_eq!(trigram_query(" WWcs "), Some(r#""wcs" "wwc""#.into()));
        assert_eq!(trigram_query("王伟"), None);
        // A double quote typed by the clerk is doubled inside the FTS5 string.
        assert_eq!(trigram_query(r#"a"bc"#), Some(r#""""bc" "a""b""#.into()));
    }

    #[test]
    fn paging_starts_at_one_and_caps_the_size() {
        assert_eq!(paging(Some(0), Some(10_000)), (1, 500, 0));
        assert_eq!(paging(Some(3), None), (3, 20, 40));
    }
}
