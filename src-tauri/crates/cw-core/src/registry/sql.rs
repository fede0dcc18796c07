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
    fn paging_starts_at_one_and_caps_the_size() {
        assert_eq!(paging(Some(0), Some(10_000)), (1, 500, 0));
        assert_eq!(paging(Some(3), None), (3, 20, 40));
    }
}
