//! The notice status rule: the deadline day itself, the day after, and re-inspections.

use super::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
}

#[test]
fn a_notice_is_not_overdue_on_its_deadline_but_is_the_day_after() {
    assert_eq!(notice_status(d(12, 6), d(12, 6), None), NoticeStatus::Open);
    assert_eq!(
        notice_status(d(12, 7), d(12, 6), None),
        NoticeStatus::Overdue
    );
}

#[test]
fn the_latest_reinspection_decides_once_there_is_one() {
    assert_eq!(
        notice_status(d(12, 20), d(12, 6), Some(true)),
        NoticeStatus::Rectified
    );
    assert_eq!(
        notice_status(d(12, 1), d(12, 6), Some(false)),
        NoticeStatus::Failed
    );
}
