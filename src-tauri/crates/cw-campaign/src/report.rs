//! The campaign progress report 创卫工作进度报告 for the inspectors: phases with targets against
//! actuals, the same per group and per zone, the charts drawn as vector graphics, the monthly
//! fines and inspections, and the checklist — as PDF, or the same figures as .xlsx. Every figure
//! comes from [`figures::compute`](super::figures::compute), the dashboard's own computation;
//! the layouts are in [`documents`](crate::documents).

use super::documents::{progress_report, progress_sheets};
use super::figures;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pledges::year_or_current;
use cw_registry::exports::XLSX_MIME;
use cw_registry::print::DocFormat;
use cw_registry::settings;
use serde::Deserialize;
use ts_rs::TS;

pub use super::documents::progress_report::range_cn;

/// Arguments of [`progress_doc`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct ProgressDocArgs {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    #[ts(optional = nullable)]
    pub format: DocFormat,
}

/// The progress report as PDF (charts drawn in) or .xlsx (the same figures).
pub fn progress_doc(ctx: &Ctx<'_>, a: ProgressDocArgs) -> Result<FileOut, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let p = figures::compute(ctx, year)?;
    let stem = format!("创卫工作进度报告-{}", p.as_of.format("%Y%m%d"));
    match a.format {
        DocFormat::Pdf => {
            let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
            Ok(FileOut {
                file_name: format!("{stem}.pdf"),
                mime: "application/pdf".into(),
                bytes: progress_report::pdf(&p, &community, ctx.clock.now())?,
                warnings: Vec::new(),
            })
        }
        DocFormat::Xlsx => Ok(FileOut {
            file_name: format!("{stem}.xlsx"),
            mime: XLSX_MIME.into(),
            bytes: progress_sheets::xlsx(&p)?,
            warnings: Vec::new(),
        }),
    }
}
