//! A month's wage as earned: the base wage pro-rated by the days payable under the pay rule in
//! force, rounded half up to the 分, with the arithmetic spelled out for the statement.

use crate::enums::labelled_enum;
use crate::DomainError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

labelled_enum!(
    /// What a month's wage is divided by when a worker is paid for part of it.
    WageBasis {
        /// 按自然天数: the days of the month (28 to 31).
        CalendarDays => "自然天数",
        /// 按26天: 26 working days; rest days recorded on the attendance sheet are not paid.
        Days26 => "26天",
        /// 按30天: a fixed 30 days.
        Days30 => "30天",
    }
);

labelled_enum!(
    /// One day of a worker's attendance sheet 出勤表.
    AttendanceMark {
        /// Present.
        Present => "出勤",
        /// On leave 请假 (paid or not by the pay rule).
        Leave => "请假",
        /// Absent without leave 旷工 (fined by the schedule, A1x; the wage is not docked for it).
        Absent => "旷工",
        /// A rest day 休息.
        Rest => "休息",
    }
);

impl AttendanceMark {
    /// The one character a paper sheet prints for the mark: 出, 假, 旷, 休.
    pub fn short(self) -> &'static str {
        match self {
            AttendanceMark::Present => "出",
            AttendanceMark::Leave => "假",
            AttendanceMark::Absent => "旷",
            AttendanceMark::Rest => "休",
        }
    }
}

/// How a worker's days in a month fall, as the attendance sheet and the employment dates give them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonthDays {
    /// Days of the month (28 to 31).
    pub month: i64,
    /// Days of the month within the worker's employment (hire date to last day).
    pub employed: i64,
    /// Leave days that are not paid (all leave, unless the rule pays leave).
    pub unpaid_leave: i64,
    /// Rest days 休息 recorded within the employment.
    pub rest: i64,
}

/// A month's wage as earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarnedWage {
    /// 分.
    pub fen: i64,
    /// Days paid, the numerator of the pro-rating (for a full month, the divisor).
    pub payable_days: i64,
    /// What the wage is divided by.
    pub divisor: i64,
    /// Employed the whole month with no unpaid leave: the base wage itself.
    pub full: bool,
}

/// The wage of a month: the base wage when the worker was employed every day of it and took no
/// unpaid leave; otherwise base × payable days ÷ divisor, never more than the base, half up.
/// Payable days are the employed days less unpaid leave, and under [`WageBasis::Days26`] less
/// recorded rest days too (26 counts working days), capped at the divisor.
pub fn earned_wage(base_fen: i64, days: MonthDays, basis: WageBasis) -> EarnedWage {
    let divisor = match basis {
        WageBasis::CalendarDays => days.month.max(1),
        WageBasis::Days26 => 26,
        WageBasis::Days30 => 30,
    };
    let employed = days.employed.clamp(0, days.month);
    let full = employed == days.month && days.unpaid_leave <= 0;
    if full || base_fen <= 0 {
        return EarnedWage {
            fen: base_fen.max(0),
            payable_days: if full { divisor } else { 0 },
            divisor,
            full,
        };
    }
    let rest = if basis == WageBasis::Days26 {
        days.rest.max(0)
    } else {
        0
    };
    let payable = (employed - days.unpaid_leave.max(0) - rest).clamp(0, divisor);
    let num = base_fen * payable;
    EarnedWage {
        fen: (2 * num + divisor).div_euclid(2 * divisor).min(base_fen),
        payable_days: payable,
        divisor,
        full: false,
    }
}

/// A version of the pay rule, in force from its month until the next version's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PayRule {
    pub id: i64,
    /// First month it applies to, `YYYY-MM`.
    pub from_month: String,
    pub wage_basis: WageBasis,
    /// Leave 请假 is paid; otherwise leave days are taken off the wage.
    pub leave_paid: bool,
    /// Days of notice before leaving; less withholds a week's wage (A4).
    pub notice_days: i64,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
}

/// A new version of the pay rule.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct PayRuleInput {
    /// First month it applies to, `YYYY-MM`; not a month already closed.
    pub from_month: String,
    pub wage_basis: WageBasis,
    pub leave_paid: bool,
    pub notice_days: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: String,
}

/// One worker's line of the attendance sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceRow {
    pub staff_id: i64,
    pub name: String,
    pub zones: String,
    /// One per day of the month: its mark, or none while unmarked.
    pub marks: Vec<Option<AttendanceMark>>,
    /// One per day: whether the worker was employed that day (only those days take a mark).
    pub employed: Vec<bool>,
    /// Days of the month (1, 2, …) with a valid 旷工 fine (A1x).
    pub fined_absent: Vec<u32>,
    pub present: i64,
    pub leave: i64,
    pub absent: i64,
    pub rest: i64,
    /// Employed days not yet marked.
    pub unmarked: i64,
}

/// A month's attendance sheet 出勤表: every worker on a wage employed in the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceSheet {
    /// `YYYY-MM`.
    pub month: String,
    pub days: u32,
    /// A closed month's sheet is read-only.
    pub closed: bool,
    /// The pay rule in force in the month.
    pub rule: PayRule,
    pub rows: Vec<AttendanceRow>,
}

/// One cell keyed from the paper sheet.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct AttendanceEntry {
    pub staff_id: i64,
    /// Day of the month, 1 to 31.
    pub day: u32,
    /// None clears the day.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub mark: Option<AttendanceMark>,
}

/// Cells of one month's sheet, saved together.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceInput {
    /// `YYYY-MM`.
    pub month: String,
    pub entries: Vec<AttendanceEntry>,
}

/// Filling a month's unmarked days: 旷工 where an A1x fine says so, and (with `present`) 出勤 on
/// every other unmarked employed day.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct AttendanceFill {
    /// `YYYY-MM`.
    pub month: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub present: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(month: i64, employed: i64, unpaid_leave: i64, rest: i64) -> MonthDays {
        MonthDays {
            month,
            employed,
            unpaid_leave,
            rest,
        }
    }

    #[test]
    fn a_whole_month_pays_the_base_wage_whatever_the_basis() {
        for &basis in WageBasis::ALL {
            let w = earned_wage(180_000, days(31, 31, 0, 4), basis);
            assert_eq!(w.fen, 180_000, "{basis:?}");
            assert!(w.full);
        }
    }

    #[test]
    fn hired_on_the_sixteenth_of_november_is_paid_fifteen_thirtieths() {
        let w = earned_wage(180_000, days(30, 15, 0, 0), WageBasis::CalendarDays);
        assert_eq!((w.fen, w.payable_days, w.divisor), (90_000, 15, 30));
    }

    #[test]
    fn leaving_on_the_tenth_of_december_pays_ten_thirty_firsts_rounded_half_up() {
        // 1800 × 10 ÷ 31 = 580.645… → 580.65.
        let w = earned_wage(180_000, days(31, 10, 0, 0), WageBasis::CalendarDays);
        assert_eq!(w.fen, 58_065);
    }

    #[test]
    fn unpaid_leave_is_taken_off_a_whole_month() {
        // 1650 × 28 ÷ 30 = 1540.00.
        let w = earned_wage(165_000, days(30, 30, 2, 0), WageBasis::CalendarDays);
        assert_eq!((w.fen, w.full), (154_000, false));
    }

    #[test]
    fn the_26_day_basis_counts_rest_days_out_and_never_pays_more_than_the_base() {
        // Hired on the 16th of a 30-day month with 2 rest days: 13 working days of 26.
        let w = earned_wage(182_000, days(30, 15, 0, 2), WageBasis::Days26);
        assert_eq!((w.fen, w.payable_days), (91_000, 13));
        // 28 employed days without rest would be 28/26: capped at the base.
        let w = earned_wage(182_000, days(31, 28, 0, 0), WageBasis::Days26);
        assert_eq!(w.fen, 182_000);
    }

    #[test]
    fn a_fixed_thirty_day_basis_divides_by_thirty_in_february_too() {
        let w = earned_wage(180_000, days(28, 14, 0, 0), WageBasis::Days30);
        assert_eq!(w.fen, 84_000);
    }

    #[test]
    fn the_earned_wage_never_exceeds_the_base_nor_falls_below_zero() {
        for month in 28..=31 {
            for employed in 0..=month {
                for leave in 0..=5 {
                    for &basis in WageBasis::ALL {
                        let w = earned_wage(123_457, days(month, employed, leave, 3), basis);
                        assert!(
                            (0..=123_457).contains(&w.fen),
                            "{month} {employed} {leave} {basis:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_basis_reads_back_from_its_label_and_nothing_else() {
        for b in WageBasis::ALL {
            assert_eq!(WageBasis::parse("计薪方式", b.label()).ok(), Some(*b));
        }
        assert!(WageBasis::parse("计薪方式", "按月").is_err());
    }
}
