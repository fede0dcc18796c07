//! The campaign at a glance (plan 1 §6): phases with dates and targets and a checklist per phase,
//! the home dashboard's figures and today's work, and the progress report for the inspectors.

pub mod archive;
pub mod binder;
pub mod defaults;
pub mod demo;
pub mod documents;
pub mod figures;
pub mod fine_chart;
pub mod phases;
pub mod report;
pub mod table;
pub mod today;
pub mod types;

/// A rate in tenths of a percent as printed: `93.4%`, or `—` when there is none (the one rule,
/// `cw_domain::rate`).
pub fn permille_text(p: Option<i64>) -> String {
    cw_domain::rate::permille_text(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_permille_prints_as_a_percent_with_one_decimal() {
        assert_eq!(permille_text(Some(934)), "93.4%");
        assert_eq!(permille_text(Some(1000)), "100.0%");
        assert_eq!(permille_text(None), "—");
    }
}
