//! The schedule's rules the app applies instead of the clerk's arithmetic.

use super::types::{InspectionKind, InspectionResult};
use crate::DomainError;
use chrono::{Datelike, NaiveDate};

/// Item code for lateness or early leave within the limit (5 元 per time).
pub const LATE: &str = "A1";
/// Item code for lateness or early leave beyond the limit: absence for the day (30 元).
pub const LATE_ABSENCE: &str = "A1x";
/// Item code for resigning without 3 days' notice: one week's wage withheld.
pub const RESIGN_NO_NOTICE: &str = "A4";
/// Item code for a lost cleaning tool, charged at its price from the tool register.
pub const TOOL_LOST: &str = "T1";
/// Item code for the supervisor of a zone a higher-level inspection found substandard.
pub const INSPECTION_SUPERVISOR: &str = "S1";
/// Item code for each cleaner of that zone.
pub const INSPECTION_CLEANER: &str = "S2";
/// Item code of the year-end award.
pub const YEAR_AWARD: &str = "R1";

/// Which lateness item `minutes` late (or early) falls under. With `inclusive` (the plans'
/// 「以上均含本数」: 「30分钟以上」 includes 30) `limit` minutes or more is [`LATE_ABSENCE`];
/// without it only more than `limit` is. Anything less is [`LATE`]. Zero or negative minutes are
/// no lateness.
pub fn lateness_item(
    minutes: i64,
    limit: i64,
    inclusive: bool,
) -> Result<&'static str, DomainError> {
    if minutes <= 0 {
        return Err(DomainError::invalid("迟到/早退分钟数", "应大于 0"));
    }
    if minutes > 24 * 60 {
        return Err(DomainError::invalid("迟到/早退分钟数", "不能超过一天"));
    }
    let absence = if inclusive {
        minutes >= limit
    } else {
        minutes > limit
    };
    Ok(if absence { LATE_ABSENCE } else { LATE })
}

/// Days in the month of `date`.
pub fn days_in_month(date: NaiveDate) -> u32 {
    let (y, m) = (date.year(), date.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    let first = NaiveDate::from_ymd_opt(y, m, 1);
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 30,
    }
}

/// One week's wage withheld for resigning without notice, in 分:
/// `monthly wage × week_days ÷ days in the month`, rounded half-up to the 分 (四舍五入).
///
/// Integer arithmetic on 分, so no rounding happens before the last step.
pub fn week_wage_withholding(monthly_fen: i64, days_in_month: u32, week_days: i64) -> i64 {
    let dim = i64::from(days_in_month.max(1));
    let num = monthly_fen * week_days;
    // Half-up on non-negative values: floor((2·num + dim) / (2·dim)).
    (2 * num + dim).div_euclid(2 * dim)
}

/// The fines a higher-level inspection that found a zone substandard fans out to: [`INSPECTION_SUPERVISOR`]
/// to the zone's supervisor and [`INSPECTION_CLEANER`] to each of its cleaners that day.
/// Any other inspection, or a pass, proposes nothing by rule.
pub fn inspection_fan_out(
    kind: InspectionKind,
    result: InspectionResult,
    supervisor: Option<i64>,
    cleaners: &[i64],
) -> Vec<(i64, &'static str)> {
    if kind != InspectionKind::Higher || result != InspectionResult::Fail {
        return Vec::new();
    }
    let mut out: Vec<(i64, &'static str)> = supervisor
        .map(|s| (s, INSPECTION_SUPERVISOR))
        .into_iter()
        .collect();
    let mut seen = Vec::new();
    for c in cleaners {
        if !seen.contains(c) {
            seen.push(*c);
            out.push((*c, INSPECTION_CLEANER));
        }
    }
    out
}

/// The amount of a fine in 分: the item's amount times the count, refusing overflow.
pub fn fine_amount(unit_fen: i64, count: i64) -> Result<i64, DomainError> {
    if count < 1 {
        return Err(DomainError::invalid("数量", "至少为 1"));
    }
    if count > 1000 {
        return Err(DomainError::invalid("数量", "不能超过 1000"));
    }
    unit_fen
        .checked_mul(count)
        .ok_or_else(|| DomainError::invalid("金额", "超出范围"))
}

/// Net pay in 分: base wage less fines and withholdings, plus awards and reversed fines.
pub fn net_pay(base: i64, fines: i64, withholdings: i64, awards: i64, reversals: i64) -> i64 {
    base - fines - withholdings + awards + reversals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn exactly_thirty_minutes_is_an_absence_when_the_limit_counts_itself() {
        assert_eq!(lateness_item(30, 30, true).unwrap(), "A1x");
        assert_eq!(lateness_item(29, 30, true).unwrap(), "A1");
        assert_eq!(lateness_item(1, 30, true).unwrap(), "A1");
    }

    #[test]
    fn without_the_limit_counting_itself_thirty_minutes_is_a_lateness() {
        assert_eq!(lateness_item(30, 30, false).unwrap(), "A1");
        assert_eq!(lateness_item(31, 30, false).unwrap(), "A1x");
    }

    #[test]
    fn zero_minutes_late_is_refused() {
        assert_eq!(
            lateness_item(0, 30, true).unwrap_err().field(),
            "迟到/早退分钟数"
        );
    }

    #[test]
    fn days_in_month_counts_leap_februaries() {
        assert_eq!(days_in_month(d(2026, 2, 10)), 28);
        assert_eq!(days_in_month(d(2028, 2, 1)), 29);
        assert_eq!(days_in_month(d(2026, 11, 30)), 30);
        assert_eq!(days_in_month(d(2026, 12, 31)), 31);
    }

    #[test]
    fn a_week_wage_is_the_monthly_wage_times_seven_over_the_days_of_the_month() {
        // 1800 元 over 28 days: 1800 × 7 ÷ 28 = 450.00 exactly.
        assert_eq!(week_wage_withholding(180_000, 28, 7), 45_000);
        // 29 days: 12600 ÷ 29 = 434.4827… → 434.48.
        assert_eq!(week_wage_withholding(180_000, 29, 7), 43_448);
        // 30 days: 420.00.
        assert_eq!(week_wage_withholding(180_000, 30, 7), 42_000);
        // 31 days: 406.4516… → 406.45.
        assert_eq!(week_wage_withholding(180_000, 31, 7), 40_645);
        // 1650 元 over 31 days: 372.5806… → 372.58.
        assert_eq!(week_wage_withholding(165_000, 31, 7), 37_258);
    }

    #[test]
    fn a_week_wage_rounds_half_a_fen_up() {
        // 1 分 × 7 ÷ 2 = 3.5 分 → 4 分; 1 分 × 7 ÷ 14 = 0.5 → 1.
        assert_eq!(week_wage_withholding(1, 2, 7), 4);
        assert_eq!(week_wage_withholding(1, 14, 7), 1);
        assert_eq!(week_wage_withholding(1, 15, 7), 0);
    }

    #[test]
    fn a_substandard_higher_inspection_fines_the_supervisor_and_every_cleaner() {
        let out = inspection_fan_out(
            InspectionKind::Higher,
            InspectionResult::Fail,
            Some(1),
            &[7, 8, 7],
        );
        assert_eq!(out, vec![(1, "S1"), (7, "S2"), (8, "S2")]);
    }

    #[test]
    fn a_passed_or_local_inspection_fines_nobody_by_rule() {
        assert!(inspection_fan_out(
            InspectionKind::Higher,
            InspectionResult::Pass,
            Some(1),
            &[7]
        )
        .is_empty());
        assert!(inspection_fan_out(
            InspectionKind::Committee,
            InspectionResult::Fail,
            Some(1),
            &[7]
        )
        .is_empty());
    }

    #[test]
    fn a_fine_is_the_item_times_the_count() {
        assert_eq!(fine_amount(500, 3).unwrap(), 1500);
        assert!(fine_amount(500, 0).is_err());
    }

    #[test]
    fn net_pay_deducts_fines_and_adds_awards() {
        assert_eq!(net_pay(180_000, 1_500, 0, 20_000, 500), 199_000);
    }
}
