//! The campaign's documents, laid out: the progress report 创卫工作进度报告 as PDF (tables and
//! charts) or .xlsx. The figures come from [`figures::compute`](crate::figures::compute), gathered
//! by [`report`](crate::report); these modules only arrange them.

mod progress_charts;
mod progress_lines;
pub mod progress_report;
pub mod progress_sheets;
