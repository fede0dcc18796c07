//! Reading an imported sheet by column name, with the cell parsers that name row and column in errors.

use chrono::NaiveDate;
use cw_domain::DomainError;
use cw_kernel::RowError;
use cw_tabular::{Sheet, SheetRow};
use std::collections::HashMap;

/// One expected column: its name, the other names clerks give it, and whether it must be present.
pub struct Spec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// The columns of a sheet mapped to the expected ones.
pub struct Columns {
    index: HashMap<&'static str, usize>,
    /// Headers of the file that match no expected column; they are ignored.
    pub ignored: Vec<String>,
}

fn normalize(h: &str) -> String {
    h.trim()
        .trim_end_matches(['*', '＊'])
        .replace([' ', '　', '（', '）', '(', ')'], "")
}

impl Columns {
    /// Maps headers to specs; a missing required column is an error on row 1.
    pub fn map(sheet: &Sheet, specs: &[Spec]) -> Result<Columns, Vec<RowError>> {
        let mut index = HashMap::new();
        let mut used = vec![false; sheet.headers.len()];
        for spec in specs {
            let found = sheet.headers.iter().position(|h| {
                let h = normalize(h);
                h == spec.name || spec.aliases.contains(&h.as_str())
            });
            if let Some(i) = found {
                index.insert(spec.name, i);
                used[i] = true;
            }
        }
        let missing: Vec<RowError> = specs
            .iter()
            .filter(|s| s.required && !index.contains_key(s.name))
            .map(|s| RowError {
                row: 1,
                column: s.name.to_string(),
                message: format!("缺少「{}」列（请使用导入模板的表头）", s.name),
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let ignored = sheet
            .headers
            .iter()
            .zip(used)
            .filter(|(_, u)| !u)
            .map(|(h, _)| h.clone())
            .collect();
        Ok(Columns { index, ignored })
    }

    /// The cell of `column` in `row`, or "" when the file has no such column.
    /// Whether the sheet has the column at all (an export without phones has no 电话).
    pub fn has(&self, column: &str) -> bool {
        self.index.contains_key(column)
    }

    pub fn get<'r>(&self, row: &'r SheetRow, column: &str) -> &'r str {
        self.index
            .get(column)
            .and_then(|i| row.cells.get(*i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Turns a domain error on a row into a row error; the domain names the field.
pub fn row_error(row: usize, e: &DomainError) -> RowError {
    let message = match e {
        DomainError::Required { .. } => "不能为空".to_string(),
        DomainError::Invalid { reason, .. } => reason.clone(),
    };
    RowError {
        row,
        column: e.field().to_string(),
        message,
    }
}

/// A row error with a message of the caller's.
pub fn error(row: usize, column: &str, message: impl Into<String>) -> RowError {
    RowError {
        row,
        column: column.to_string(),
        message: message.into(),
    }
}

/// Dates as clerks write them: 2026-09-01, 2026/9/1, 2026.9.1, 2026年9月1日; empty is none.
pub fn parse_date(field: &'static str, text: &str) -> Result<Option<NaiveDate>, DomainError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let unified: String = t
        .replace(['年', '月', '/', '.'], "-")
        .trim_end_matches('日')
        .to_string();
    NaiveDate::parse_from_str(&unified, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| DomainError::invalid(field, format!("「{t}」不是有效日期（例：2026-09-01）")))
}

/// A collection group as written: 1, 第一小组, 一组, 1组; empty is none.
pub fn parse_group(field: &'static str, text: &str) -> Result<Option<i32>, DomainError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let core = t
        .trim_start_matches('第')
        .trim_end_matches("小组")
        .trim_end_matches('组');
    let n = match core {
        "1" | "一" => 1,
        "2" | "二" => 2,
        "3" | "三" => 3,
        "4" | "四" => 4,
        _ => {
            return Err(DomainError::invalid(
                field,
                format!("「{t}」不是收费小组（应为 1 到 4）"),
            ))
        }
    };
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_usual_chinese_forms_parse() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 1);
        for t in ["2026-09-01", "2026/9/1", "2026.9.1", "2026年9月1日"] {
            assert_eq!(parse_date("入职日期", t).unwrap(), d, "{t}");
        }
        assert!(parse_date("入职日期", "2026-02-30").is_err());
        assert_eq!(parse_date("入职日期", "").unwrap(), None);
    }

    #[test]
    fn groups_are_read_in_every_common_spelling() {
        for t in ["3", "第三小组", "三组", "3组"] {
            assert_eq!(parse_group("收费小组", t).unwrap(), Some(3), "{t}");
        }
        assert!(parse_group("收费小组", "5").is_err());
    }
}
