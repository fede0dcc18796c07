//! Chinese date formatting used on printed documents.

use chrono::{Datelike, NaiveDate};

/// Formats a date the way office documents print it: `2026年11月29日` (no zero padding).
pub fn format_date_cn(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Writes a year digit by digit in Chinese numerals, as on forms: 2026 → `二〇二六`.
pub fn year_cn_upper(year: i32) -> String {
    year.unsigned_abs()
        .to_string()
        .chars()
        .filter_map(|c| c.to_digit(10).and_then(|d| DIGITS.get(d as usize)).copied())
        .collect()
}

/// Writes 1..=31 in Chinese numerals: 10 → `十`, 11 → `十一`, 20 → `二十`, 29 → `二十九`.
fn small_number_cn(n: u32) -> String {
    let digit = |d: u32| DIGITS.get(d as usize).copied().unwrap_or('〇');
    match (n / 10, n % 10) {
        (0, d) => digit(d).to_string(),
        (1, 0) => "十".to_string(),
        (1, d) => format!("十{}", digit(d)),
        (t, 0) => format!("{}十", digit(t)),
        (t, d) => format!("{}十{}", digit(t), digit(d)),
    }
}

/// Formats a date fully in Chinese numerals, as on seals and pledge forms:
/// `二〇二六年十一月二十九日`.
pub fn format_date_cn_upper(date: NaiveDate) -> String {
    format!(
        "{}年{}月{}日",
        year_cn_upper(date.year()),
        small_number_cn(date.month()),
        small_number_cn(date.day())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_date_prints_without_zero_padding() {
        assert_eq!(format_date_cn(d(2026, 11, 29)), "2026年11月29日");
        assert_eq!(format_date_cn(d(2027, 1, 5)), "2027年1月5日");
    }

    #[test]
    fn a_form_date_uses_chinese_numerals_with_ling_for_zero() {
        assert_eq!(
            format_date_cn_upper(d(2026, 11, 29)),
            "二〇二六年十一月二十九日"
        );
        assert_eq!(
            format_date_cn_upper(d(2030, 10, 20)),
            "二〇三〇年十月二十日"
        );
        assert_eq!(format_date_cn_upper(d(2027, 1, 5)), "二〇二七年一月五日");
        assert_eq!(year_cn_upper(2026), "二〇二六");
    }
}
