//! Rates as the office posts them: signing rates, collection rates, any share of a whole.
//!
//! One rule everywhere a rate is shown (screens, charts, PDFs, spreadsheets): the share in tenths
//! of a percent, rounded half up (314/382 = 82.198…% → 82.2%), by exact integer arithmetic (no
//! floats), except that a share below the whole never reads 100.0% (3,999/4,000 = 99.975% →
//! 99.9%): a target of 100% is met only when every party is counted.

/// `part / whole` in tenths of a percent (822 = 82.2%), rounded half up and never 1000 unless
/// `part >= whole`; `None` when the whole is empty (there is no rate, not a 0% one).
pub fn permille(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 {
        return None;
    }
    let part = i128::from(part.max(0));
    let whole = i128::from(whole);
    let rounded = (part * 2000 + whole) / (2 * whole);
    let capped = if part < whole {
        rounded.min(999)
    } else {
        rounded
    };
    Some(i64::try_from(capped).unwrap_or(i64::MAX))
}

/// Tenths of a percent as printed: `82.2%`, `100.0%`; `—` when there is no rate.
pub fn permille_text(p: Option<i64>) -> String {
    match p {
        Some(p) if p < 0 => format!("-{}", permille_text(Some(-p))),
        Some(p) => format!("{}.{}%", p / 10, p % 10),
        None => "—".into(),
    }
}

/// `part / whole` as printed: [`permille`] then [`permille_text`].
pub fn rate_text(part: i64, whole: i64) -> String {
    permille_text(permille(part, whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_rounds_half_up_to_a_tenth_of_a_percent() {
        // 314/382 = 82.198…%: truncation showed 82.1%.
        assert_eq!(permille(314, 382), Some(822));
        assert_eq!(rate_text(314, 382), "82.2%");
        // 2/3 = 66.666…% → 66.7%; 1/8 = 12.5% exactly; 1/16 = 6.25% → 6.3% (half up).
        assert_eq!(rate_text(2, 3), "66.7%");
        assert_eq!(rate_text(1, 8), "12.5%");
        assert_eq!(rate_text(1, 16), "6.3%");
        // 1/2000 = 0.05% → 0.1%; 1/2001 → 0.0%.
        assert_eq!(rate_text(1, 2000), "0.1%");
        assert_eq!(rate_text(1, 2001), "0.0%");
    }

    #[test]
    fn a_rate_below_the_whole_never_reads_one_hundred_percent() {
        assert_eq!(rate_text(3999, 4000), "99.9%");
        assert_eq!(rate_text(2499, 2500), "99.9%");
        assert_eq!(rate_text(199_999, 200_000), "99.9%");
        assert_eq!(rate_text(4000, 4000), "100.0%");
        assert_eq!(rate_text(0, 4000), "0.0%");
    }

    #[test]
    fn nothing_to_count_has_no_rate() {
        assert_eq!(permille(0, 0), None);
        assert_eq!(rate_text(0, 0), "—");
        assert_eq!(permille_text(Some(934)), "93.4%");
    }

    #[test]
    fn every_rounding_is_within_half_a_tenth_and_never_overstates_completion() {
        for whole in 1..=400i64 {
            for part in 0..=whole {
                let p = permille(part, whole).unwrap();
                // |p/1000 − part/whole| ≤ 1/2000, except where capped at 999.
                let err = (p * whole - part * 1000).abs() * 2;
                if part < whole {
                    assert!(p <= 999, "{part}/{whole}");
                }
                if !(part < whole && p == 999) {
                    assert!(err <= whole, "{part}/{whole} → {p}");
                }
            }
        }
    }
}
