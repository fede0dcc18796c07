//! Money as every document prints it (`¥1,409.50`): the one formatter, so a receipt, a slip, a
//! fine statement and a report never disagree on how an amount looks.

/// An amount of 分 as printed: `¥1,409.50`, `-¥30.00`, thousands grouped by commas.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    // unsigned_abs: i64::MIN has no positive counterpart, and a formatter must not panic.
    let a = fen.unsigned_abs();
    let whole = (a / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}¥{grouped}.{:02}", a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_prints_with_yen_thousands_and_sign() {
        assert_eq!(yuan(140_950), "¥1,409.50");
        assert_eq!(yuan(10_000_000), "¥100,000.00");
        assert_eq!(yuan(5), "¥0.05");
        assert_eq!(yuan(0), "¥0.00");
        assert_eq!(yuan(-3_000), "-¥30.00");
        assert_eq!(yuan(123_456_789_012), "¥1,234,567,890.12");
        assert_eq!(yuan(i64::MIN), "-¥92,233,720,368,547,758.08");
    }
}
