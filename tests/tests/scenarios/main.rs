//! Scenario tests: whole use-cases driven through the command table, as the UI and CLI drive them.
//! One test binary for all of them, so the suite links once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic
#![allow(clippy::disallowed_methods)] // tests play the other programs that touch the files

mod common;

mod accounts;
mod archive;
mod assessment;
mod assessment_rules;
mod binder;
mod campaign;
mod complaints;
mod date_sweep;
mod documents;
mod documents_fonts;
mod evidence;
mod fees;
mod fees_books;
mod fees_cash;
mod fees_forms;
mod fees_speed;
mod fine_notices;
mod home_speed;
mod households_order;
mod import;
mod input_strict;
mod invariants;
mod leaving;
mod meetings;
mod pay;
mod payroll;
mod perf;
mod pledges;
mod pledges_rectify;
mod privacy;
mod publicity;
mod qr_scan;
mod registry;
mod retention;
mod safety;
mod safety_crash;
mod safety_damaged;
mod safety_import;
mod safety_locks;
mod safety_offsite;
mod self_checks;
mod surveys;
mod tamper;
mod tools;
mod windows_files;
mod words;
