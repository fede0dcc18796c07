//! The clock: rules never read the system time themselves, so tests can fix it.

use chrono::{Local, NaiveDate, NaiveDateTime};

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    /// The current local date and time.
    fn now(&self) -> NaiveDateTime;
    /// Today's local date.
    fn today(&self) -> NaiveDate {
        self.now().date()
    }
}

/// The real wall clock in the PC's local time zone.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        Local::now().naive_local()
    }
}

/// A clock stopped at one instant, for tests and reproducible demo data.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NaiveDateTime);

impl Clock for FixedClock {
    fn now(&self) -> NaiveDateTime {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_always_tells_the_same_day() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 29)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .unwrap();
        let clock = FixedClock(at);
        assert_eq!(clock.now(), at);
        assert_eq!(clock.today().to_string(), "2026-11-29");
    }
}
