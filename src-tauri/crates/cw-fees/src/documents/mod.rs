//! The fee documents, laid out: the receipt (full, one part, or values on a pre-printed form)
//! and its calibration pages, the remittance slip 上解单, payment notices 催缴通知 and the fee
//! lists. The figures come from the use-cases ([`batches`](super::batches),
//! [`receipts`](super::receipts), [`rates`](super::rates), [`slip`](super::slip)); these modules
//! only arrange them on the page or sheet, over the few helpers below.

pub mod calibration;
pub mod lists;
pub mod notices;
pub mod receipt;
pub mod remittance_slip;

use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, DocInfo, Page};
use cw_registry::settings;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments naming a batch.
#[derive(Debug, Deserialize, TS)]
#[ts(export, rename = "FeeBatchArgs", optional_fields = nullable)]
pub struct BatchArgs {
    pub batch_id: i64,
}

/// A fee document as PDF. Receipts, notices and slips name payers and collectors: a character
/// no font has prints as □ and is reported, and never stops a batch's receipts.
fn pdf(
    ctx: &Ctx<'_>,
    title: &str,
    file_name: String,
    pages: Vec<Page>,
) -> Result<FileOut, CoreError> {
    let rendered = cw_pdf::render_pages_lenient(
        &DocInfo {
            title: title.into(),
            created: ctx.clock.now(),
        },
        pages,
    )?;
    Ok(FileOut::pdf(file_name, title, rendered))
}

/// A grid row of label/value cells: `cells` as (width mm, text, is_label).
fn grid_row(
    p: &mut Page,
    x: f32,
    y: f32,
    h: f32,
    cells: &[(f32, &str, bool)],
) -> Result<(), CoreError> {
    let mut cx = x;
    for (w, text, label) in cells {
        p.stroke_rect(cx, y, *w, h, 0.6);
        let size = if *label { 9.5 } else { 10.5 };
        let align = if *label { Align::Center } else { Align::Left };
        let pad = if *label { 0.0 } else { 2.0 };
        p.text_box(
            cx + pad,
            y + (h - 5.0) / 2.0,
            w - 2.0 * pad,
            size,
            5.0,
            align,
            text,
        )?;
        cx += w;
    }
    Ok(())
}

/// The dashed line along which an A4 sheet of three forms is cut, at height `y`.
fn cut_line(p: &mut Page, y: f32) {
    let mut x = 5.0;
    while x < 205.0 {
        p.line(x, y, x + 3.0, y, 0.3);
        x += 6.0;
    }
}

/// The community's name and seal text, as forms print them.
struct Heading {
    community: String,
    seal: String,
}

/// The heading of the fee forms.
fn heading(ctx: &Ctx<'_>) -> Result<Heading, CoreError> {
    let s = settings::get(ctx, serde_json::Value::Null)?;
    Ok(Heading {
        community: s.community_name,
        seal: s.seal_text,
    })
}
