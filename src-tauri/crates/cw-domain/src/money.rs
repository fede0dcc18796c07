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

/// Parses what a clerk types or a spreadsheet holds: `2800`, `2,800.50`, `￥2800`, `2800元`.
/// Refuses negatives, more than two decimals, and anything that is not a number.
pub fn parse_money(field: &'static str, text: &str) -> Result<Decimal, DomainError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .chars()
        .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return Err(DomainError::Required { field });
    }
    let value: Decimal = cleaned
        .parse()
        .map_err(|_| DomainError::invalid(field, format!("「{}」不是有效金额", text.trim())))?;
    if value.is_sign_negative() {
        return Err(DomainError::invalid(field, "金额不能为负数"));
    }
    if value.scale() > 2 && value.normalize().scale() > 2 {
        return Err(DomainError::invalid(field, "金额最多两位小数（到分）"));
    }
    if value > Decimal::new(9_999_999_999, 2) {
        return Err(DomainError::invalid(field, "金额超出范围"));
    }
    Ok(value.round_dp(2))
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
}
