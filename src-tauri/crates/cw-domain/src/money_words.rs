//! 大写金额: an amount in Chinese capitals per 《支付结算办法》附一, as receipts print it.
//!
//! The rules (DESIGN §3): the text starts with 人民币; a run of zeros between two written digits
//! is written as one 零 (whether it crosses 万 or 元); 整 follows 元 or 角 when there is no 分, and
//! never follows 分; zero is 人民币零元整.

use crate::DomainError;
use rust_decimal::Decimal;

/// The capital digits 零 to 玖.
pub const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// Every character a 大写金额 may contain.
pub const ALLOWED: &str = "人民币零壹贰叁肆伍陆柒捌玖拾佰仟万元角分整";

/// The largest amount written in capitals here: 99,999,999.99 元 (仟万 is the highest unit).
pub const MAX_FEN: i64 = 9_999_999_999;

/// Writes a count of 分 in capitals, e.g. 140950 → 人民币壹仟肆佰零玖元伍角整.
pub fn fen_to_words(fen: i64) -> Result<String, DomainError> {
    if !(0..=MAX_FEN).contains(&fen) {
        return Err(DomainError::invalid(
            "金额",
            "大写金额只能写 0 至 99,999,999.99 元",
        ));
    }
    if fen == 0 {
        return Ok("人民币零元整".into());
    }
    let yuan = fen / 100;
    let jiao = (fen / 10 % 10) as usize;
    let fen_digit = (fen % 10) as usize;
    // Digits from 千万 down to 分: 8 integer places then 角 and 分.
    let mut digits = [0usize; 10];
    let mut y = yuan;
    for d in digits[..8].iter_mut().rev() {
        *d = (y % 10) as usize;
        y /= 10;
    }
    digits[8] = jiao;
    digits[9] = fen_digit;

    const UNITS: [&str; 10] = ["仟", "佰", "拾", "", "仟", "佰", "拾", "", "角", "分"];
    let mut out = String::from("人民币");
    let mut written = false;
    let mut pending_zero = false;
    let mut wan_group = false;
    for (pos, &d) in digits.iter().enumerate() {
        if d == 0 {
            pending_zero |= written;
        } else {
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            out.push(DIGITS[d]);
            out.push_str(UNITS[pos]);
            written = true;
            if pos < 4 {
                wan_group = true;
            }
        }
        if pos == 3 && wan_group {
            out.push('万');
        }
        if pos == 7 && yuan > 0 {
            out.push('元');
        }
    }
    if fen_digit == 0 {
        out.push('整');
    }
    Ok(out)
}

/// Writes yuan in capitals; refuses fractions of a 分, negatives and amounts over 99,999,999.99.
pub fn yuan_to_words(yuan: Decimal) -> Result<String, DomainError> {
    let fen = crate::decimal_to_fen("金额", yuan)?;
    fen_to_words(fen)
}

/// Reads a 大写金额 back into 分 (the inverse of [`fen_to_words`]; used by tests and by checks
/// of hand-written forms). Refuses characters outside [`ALLOWED`] and a missing 人民币.
pub fn words_to_fen(words: &str) -> Result<i64, DomainError> {
    let bad = || DomainError::invalid("大写金额", format!("「{words}」不是有效的大写金额"));
    let body = words.strip_prefix("人民币").ok_or_else(bad)?;
    let body = body.strip_suffix('整').unwrap_or(body);
    let mut total: i64 = 0;
    let mut section: i64 = 0;
    let mut digit: Option<i64> = None;
    let mut fen: i64 = 0;
    for c in body.chars() {
        if let Some(d) = DIGITS.iter().position(|&x| x == c) {
            if digit.is_some() && d != 0 {
                return Err(bad());
            }
            if d != 0 {
                digit = Some(d as i64);
            }
            continue;
        }
        let take = |digit: &mut Option<i64>| digit.take().unwrap_or(0);
        match c {
            '拾' => section += take(&mut digit) * 10,
            '佰' => section += take(&mut digit) * 100,
            '仟' => section += take(&mut digit) * 1000,
            '万' => {
                total += (section + take(&mut digit)) * 10_000;
                section = 0;
            }
            '元' => {
                total += section + take(&mut digit);
                section = 0;
            }
            '角' => fen += take(&mut digit) * 10,
            '分' => fen += take(&mut digit),
            _ => return Err(bad()),
        }
    }
    if digit.is_some() || section != 0 {
        return Err(bad());
    }
    Ok(total * 100 + fen)
}

/// [`words_to_fen`] as yuan.
pub fn words_to_yuan(words: &str) -> Result<Decimal, DomainError> {
    Ok(crate::fen_to_decimal(words_to_fen(words)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_four_official_examples_are_written_as_design_says() {
        assert_eq!(fen_to_words(140_950).unwrap(), "人民币壹仟肆佰零玖元伍角整");
        assert_eq!(fen_to_words(600_714).unwrap(), "人民币陆仟零柒元壹角肆分");
        assert_eq!(
            fen_to_words(1_640_902).unwrap(),
            "人民币壹万陆仟肆佰零玖元零贰分"
        );
        assert_eq!(fen_to_words(10_000_000).unwrap(), "人民币壹拾万元整");
    }

    #[test]
    fn fee_amounts_and_edge_cases_read_naturally() {
        assert_eq!(fen_to_words(0).unwrap(), "人民币零元整");
        assert_eq!(fen_to_words(2000).unwrap(), "人民币贰拾元整");
        assert_eq!(fen_to_words(50).unwrap(), "人民币伍角整");
        assert_eq!(fen_to_words(5).unwrap(), "人民币伍分");
        assert_eq!(fen_to_words(10_005).unwrap(), "人民币壹佰元零伍分");
        assert_eq!(fen_to_words(10_000_500).unwrap(), "人民币壹拾万零伍元整");
        assert_eq!(
            fen_to_words(1_000_050_000).unwrap(),
            "人民币壹仟万零伍佰元整"
        );
        assert_eq!(
            fen_to_words(MAX_FEN).unwrap(),
            "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"
        );
    }

    #[test]
    fn amounts_out_of_range_are_refused() {
        assert!(fen_to_words(-1).is_err());
        assert!(fen_to_words(MAX_FEN + 1).is_err());
    }

    #[test]
    fn the_inverse_refuses_what_is_not_capitals() {
        assert!(words_to_fen("壹元整").is_err(), "no 人民币");
        assert!(words_to_fen("人民币一元整").is_err());
        assert_eq!(
            words_to_fen("人民币壹拾万零柒仟元伍角叁分").unwrap(),
            10_700_053
        );
    }

    proptest! {
        #[test]
        fn any_amount_reads_back_to_itself_with_only_allowed_characters(fen in 0i64..=MAX_FEN) {
            let w = fen_to_words(fen).unwrap();
            prop_assert_eq!(words_to_fen(&w).unwrap(), fen, "{}", w);
            prop_assert!(w.starts_with("人民币"));
            prop_assert!(w.chars().all(|c| ALLOWED.contains(c)), "{}", w);
            // 整 only at the end, right after 元 or 角, and exactly when there is no 分.
            let zheng = w.matches('整').count();
            prop_assert_eq!(zheng, usize::from(fen % 10 == 0), "{}", w);
            if zheng == 1 {
                prop_assert!(w.ends_with("元整") || w.ends_with("角整"), "{}", w);
            }
            prop_assert!(!w.contains("分整"));
            // One 零 per run: never two in a row, never before a unit, never at the start.
            prop_assert!(!w.contains("零零"));
            prop_assert!(!w.starts_with("人民币零") || fen == 0);
            for unit in ['拾', '佰', '仟', '万', '元', '角', '分'] {
                prop_assert!(!w.contains(&format!("零{unit}")) || fen == 0, "{}", w);
            }
        }
    }
}
