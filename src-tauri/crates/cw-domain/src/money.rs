//! Money: integer 分 in storage, `Decimal` yuan in rules, strings across the wire; never a float.

use crate::DomainError;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Yuan as an exact decimal from a count of 分.
pub fn fen_to_decimal(fen: i64) -> Decimal {
    Decimal::new(fen, 2)
}

/// A count of 分 from yuan; refuses fractions of a 分 rather than rounding them away.
pub fn decimal_to_fen(field: &'static str, yuan: Decimal) -> Result<i64, DomainError> {
    let scaled = yuan * Decimal::ONE_HUNDRED;
    if scaled.fract() != Decimal::ZERO {
        return Err(DomainError::invalid(field, "金额最多两位小数（到分）"));
    }
    scaled
        .to_i64()
        .ok_or_else(|| DomainError::invalid(field, "金额超出范围"))
}

/// The largest amount accepted anywhere: 99,999,999.99 元 (far above any fee or fine, far below
/// where 分 in an `i64` could overflow when summed).
pub const MAX_FEN: i64 = 9_999_999_999;

/// Parses what a clerk types or a spreadsheet holds: `2800`, `2,800.50`, `￥2800`, `2800元`,
/// full-width `２８００．５`. Only a plain decimal is money: digits, thousands separators only
/// every three digits, at most two decimals. "5 5", "1e-2", "12.", "+5", "2,80" are refused with
/// the field's name rather than guessed at, as are negatives and amounts over [`MAX_FEN`].
pub fn parse_money(field: &'static str, text: &str) -> Result<Decimal, DomainError> {
    let shown = text.trim();
    let ascii: String = shown.chars().map(half_width).collect();
    let body = ascii.strip_prefix('¥').unwrap_or(&ascii);
    let body = body.strip_suffix('元').unwrap_or(body).trim();
    if body.is_empty() {
        return Err(DomainError::Required { field });
    }
    let not_money = |why: &str| {
        DomainError::invalid(
            field,
            format!("「{shown}」不是有效金额{why}（应写成 2800 或 2,800.50）"),
        )
    };
    if body.starts_with('-') {
        return Err(DomainError::invalid(field, "金额不能为负数"));
    }
    if body.chars().any(char::is_whitespace) {
        return Err(not_money("：数字中间不能有空格"));
    }
    if body.contains(['e', 'E']) {
        return Err(not_money("：不能用科学计数法"));
    }
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if !plain_integer(int) {
        let separators_misplaced =
            int.contains(',') && int.chars().all(|c| c.is_ascii_digit() || c == ',');
        return Err(not_money(if separators_misplaced {
            "：千位分隔符的位置不对"
        } else {
            ""
        }));
    }
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    let decimals = match frac {
        None => "",
        Some(f) if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) => {
            return Err(not_money(""))
        }
        Some(f) if f.len() > 2 => {
            return Err(DomainError::invalid(field, "金额最多两位小数（到分）"))
        }
        Some(f) => f,
    };
    // Validated as digits above, so only the size can fail here. The scale is kept as written
    // ("2800.5" stays 2800.5), as before.
    let out_of_range = || DomainError::invalid(field, "金额超出范围");
    let mantissa: i64 = format!("{digits}{decimals}")
        .parse()
        .map_err(|_| out_of_range())?;
    let value = Decimal::new(mantissa, decimals.len() as u32);
    if value > Decimal::new(MAX_FEN, 2) {
        return Err(out_of_range());
    }
    Ok(value)
}

/// Full-width digits, point, comma, minus and yen as their ASCII forms, so that text typed with a
/// Chinese input method reads as what it looks like.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        '．' => '.',
        '，' => ',',
        '－' => '-',
        '￥' => '¥',
        other => other,
    }
}

/// Digits, with `,` either nowhere or exactly every three digits from the right (`2,800`).
fn plain_integer(int: &str) -> bool {
    if int.is_empty() {
        return false;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or_default();
    let digits = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    if !int.contains(',') {
        return digits(int);
    }
    (1..=3).contains(&first.len()) && digits(first) && groups.all(|g| g.len() == 3 && digits(g))
}

/// Money from the wire as a figure (分), negatives included: a total, a difference or a month of
/// reversals can be below zero and is printed as such (`-¥30.00`), unlike an amount typed in.
pub fn signed_wire_fen(field: &'static str, text: &str) -> Result<i64, DomainError> {
    let t = text.trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let fen = decimal_to_fen(field, parse_money(field, digits)?)?;
    Ok(if negative { -fen } else { fen })
}

/// Formats yuan with two decimals and no separators, the wire format (`"2800.00"`).
pub fn to_wire(value: Decimal) -> String {
    format!("{:.2}", value.round_dp(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn fen_and_yuan_convert_both_ways_exactly() {
        assert_eq!(fen_to_decimal(140950).to_string(), "1409.50");
        assert_eq!(
            decimal_to_fen("f", Decimal::from_str("1409.5").unwrap()),
            Ok(140950)
        );
        assert_eq!(
            decimal_to_fen("f", Decimal::from_str("0.01").unwrap()),
            Ok(1)
        );
    }

    #[test]
    fn a_fraction_of_a_fen_is_refused_not_rounded() {
        let err = decimal_to_fen("月工资", Decimal::from_str("1.005").unwrap()).unwrap_err();
        assert_eq!(err.field(), "月工资");
    }

    #[test]
    fn money_as_clerks_type_it_parses() {
        assert_eq!(parse_money("f", "2,800.5").unwrap().to_string(), "2800.5");
        assert_eq!(to_wire(parse_money("f", "￥2800").unwrap()), "2800.00");
        assert_eq!(to_wire(parse_money("f", " 1500元 ").unwrap()), "1500.00");
        assert_eq!(to_wire(parse_money("f", "12.50").unwrap()), "12.50");
    }

    #[test]
    fn a_figure_from_the_wire_may_be_negative() {
        assert_eq!(signed_wire_fen("f", "-30.00"), Ok(-3000));
        assert_eq!(signed_wire_fen("f", "1409.50"), Ok(140950));
        assert_eq!(signed_wire_fen("f", "-0.05"), Ok(-5));
        assert!(signed_wire_fen("f", "--5").is_err());
        assert!(signed_wire_fen("f", "abc").is_err());
    }

    #[test]
    fn bad_money_is_refused_with_the_field_named() {
        for bad in ["-5", "1.234", "abc", "1e5x", ""] {
            let err = parse_money("月工资", bad).unwrap_err();
            assert_eq!(err.field(), "月工资", "{bad}");
        }
    }

    fn refusal(text: &str) -> String {
        let err = parse_money("实收金额", text).unwrap_err();
        assert_eq!(err.field(), "实收金额", "{text}");
        err.to_string()
    }

    #[test]
    fn money_with_a_space_inside_is_refused_naming_the_field() {
        assert!(refusal("5 5").contains("空格"), "{}", refusal("5 5"));
        assert!(refusal("1 000.00").contains("「实收金额」"));
    }

    #[test]
    fn money_in_scientific_notation_is_refused_naming_the_field() {
        for bad in ["1e-2", "1E3", "5e0"] {
            assert!(refusal(bad).contains("科学计数法"), "{bad}");
        }
    }

    #[test]
    fn thousands_separators_must_fall_every_three_digits() {
        assert_eq!(
            to_wire(parse_money("f", "1,234,567.89").unwrap()),
            "1234567.89"
        );
        assert_eq!(to_wire(parse_money("f", "2，800").unwrap()), "2800.00");
        for bad in ["2,80", "28,00", ",280", "1,2345", "1,,234", "1234,567"] {
            assert!(
                refusal(bad).contains("千位分隔符") || refusal(bad).contains("不是有效金额"),
                "{bad}"
            );
        }
        assert!(refusal("2,80").contains("千位分隔符"));
    }

    #[test]
    fn full_width_digits_point_and_yen_are_read_as_typed() {
        assert_eq!(
            to_wire(parse_money("f", "２８００．５").unwrap()),
            "2800.50"
        );
        assert_eq!(
            to_wire(parse_money("f", "￥１，２００").unwrap()),
            "1200.00"
        );
        assert_eq!(to_wire(parse_money("f", "¥ 30元").unwrap()), "30.00");
    }

    #[test]
    fn anything_but_a_plain_decimal_is_refused() {
        for bad in [
            "12.",
            ".5",
            "+5",
            "1.2.3",
            "0x10",
            "５元５",
            "¥¥5",
            "NaN",
            "1_000",
            "١٢",
        ] {
            refusal(bad);
        }
        assert!(refusal("1.230").contains("两位小数"));
        assert!(refusal("100000000").contains("超出范围"));
        assert!(refusal("99999999999999999999999999999").contains("超出范围"));
        assert_eq!(
            to_wire(parse_money("f", "99,999,999.99").unwrap()),
            "99999999.99"
        );
        assert_eq!(to_wire(parse_money("f", "0").unwrap()), "0.00");
    }
}
