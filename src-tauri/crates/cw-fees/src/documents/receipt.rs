//! The receipt as printed: the full three-part receipt on plain paper (frame, labels and values;
//! or one part on its own paper), or only the values at their positions on the 经管站's
//! pre-printed form — each receipt on the form of its book (the pages that line the printer up
//! with the paper are in [`calibration`](super::calibration)).

use std::collections::hash_map::{Entry, HashMap};

use super::{cut_line, grid_row, heading, pdf, BatchArgs, Heading};
use crate::batches;
use crate::forms::{self, Layout};
use crate::receipt_numbers;
use crate::receipts::{self, ReceiptQuery};
use crate::settings as fee_settings;
use crate::types::Receipt;
use crate::{fen, parse_month, period_cn, yuan_cn};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{format_date_cn, Align, Page, PageSize};
use serde::Deserialize;
use ts_rs::TS;

const PARTS: [&str; 3] = ["存根联", "收据联", "记账联"];
const PART_NOTE: [&str; 3] = ["收费人员留存", "交缴费人", "交经管站记账"];
/// The QR code's square on each part, quiet zone included: it fits beside the seal box, and
/// at this size its 0.76 mm modules read back from a 150 dpi rasterisation every time.
const QR_MM: f32 = 22.0;

/// Draws one part of a receipt with its top-left at (x, y), 186 × 88 mm.
fn draw_part(
    p: &mut Page,
    x: f32,
    y: f32,
    part: usize,
    r: &Receipt,
    h: &Heading,
    reprint: bool,
) -> Result<(), CoreError> {
    let w = 186.0;
    let issued = issued_date(r);
    p.text(
        x + w / 2.0,
        y + 7.0,
        15.0,
        Align::Center,
        &format!("{}　收　据", h.community),
    )?;
    p.text(
        x + w,
        y + 7.0,
        10.0,
        Align::Right,
        &format!("第{}联　{}", ["一", "二", "三"][part], PARTS[part]),
    )?;
    p.text(
        x,
        y + 14.0,
        10.0,
        Align::Left,
        &format!("本号：{}　　No. {:07}", r.book_no, r.serial),
    )?;
    p.text(
        x + w,
        y + 14.0,
        10.0,
        Align::Right,
        &format!("开票日期：{issued}"),
    )?;
    let from = parse_month("起始月份", &r.period_from)?;
    let to = parse_month("终止月份", &r.period_to)?;
    let rh = 9.0;
    let mut ry = y + 17.0;
    grid_row(
        p,
        x,
        ry,
        rh,
        &[
            (24.0, "缴费人", true),
            (80.0, &r.payer_name, false),
            (22.0, "户号", true),
            (60.0, &r.party_code, false),
        ],
    )?;
    ry += rh;
    grid_row(
        p,
        x,
        ry,
        rh,
        &[(24.0, "地　址", true), (162.0, &r.address, false)],
    )?;
    ry += rh;
    let item = format!(
        "城乡环境卫生费　{}（共 {} 个月）",
        period_cn(from, to),
        r.months
    );
    grid_row(
        p,
        x,
        ry,
        rh,
        &[(24.0, "收费项目", true), (162.0, &item, false)],
    )?;
    ry += rh;
    let amount = fen("金额", &r.amount)?;
    grid_row(
        p,
        x,
        ry,
        rh,
        &[
            (24.0, "金额（大写）", true),
            (110.0, &r.amount_words, false),
            (16.0, "小写", true),
            (36.0, &yuan_cn(amount), false),
        ],
    )?;
    ry += rh;
    grid_row(
        p,
        x,
        ry,
        rh,
        &[
            (24.0, "收费人员", true),
            (40.0, &r.collector_name, false),
            (28.0, "在场社区干部", true),
            (40.0, &r.cadre_name, false),
            (22.0, "经手人", true),
            (32.0, "", false),
        ],
    )?;
    ry += rh;
    // The seal box sits below the grid on the right, where the community's seal is pressed.
    let seal_x = x + 132.0;
    p.stroke_rect(seal_x, ry + 2.0, 54.0, 24.0, 0.5);
    p.text(
        seal_x + 27.0,
        ry + 7.0,
        8.0,
        Align::Center,
        "收款单位（盖章）",
    )?;
    p.text_box(
        seal_x + 2.0,
        ry + 13.0,
        50.0,
        8.0,
        4.0,
        Align::Center,
        &h.seal,
    )?;
    // The receipt's number as a QR code left of the seal box, with the number under it: a
    // scanner in the 收据本 search opens the receipt's batch.
    let number = receipt_numbers::number(&r.book_no, r.serial);
    let qr_x = seal_x - 2.0 - QR_MM;
    p.qr_code(qr_x, ry + 1.0, QR_MM, &number)?;
    p.text(qr_x + QR_MM / 2.0, ry + 25.3, 6.5, Align::Center, &number)?;
    p.text(
        x,
        ry + 6.0,
        9.0,
        Align::Left,
        &format!("（{}）", PART_NOTE[part]),
    )?;
    if !r.override_reason.is_empty() {
        p.text(
            x,
            ry + 12.0,
            9.0,
            Align::Left,
            &format!(
                "标准 {}，实收按：{}",
                yuan_cn(fen("标准", &r.standard)?),
                r.override_reason
            ),
        )?;
    }
    if reprint {
        p.stroke_rect(x + 1.0, y + 1.0, 14.0, 8.0, 1.2);
        p.text(x + 8.0, y + 6.8, 12.0, Align::Center, "补打")?;
    }
    if let Some(reason) = &r.void_reason {
        p.text(x + w / 2.0, y + 52.0, 48.0, Align::Center, "作　废")?;
        // The reason goes under the grid, left of the seal box, where it overlaps nothing.
        p.text(
            x,
            y + 80.0,
            10.0,
            Align::Left,
            &format!("作废原因：{reason}"),
        )?;
    }
    Ok(())
}

/// The pages of some receipts, each on the form of its book: a fields-only form gets one sheet
/// of its paper with the values alone; plain paper gets the full receipt per the print settings
/// (three parts on A4, or one part per sheet).
fn receipt_pages(
    ctx: &Ctx<'_>,
    rs: &[Receipt],
    force_reprint: bool,
) -> Result<Vec<Page>, CoreError> {
    let print = fee_settings::load(ctx.conn)?;
    let h = heading(ctx)?;
    let mut forms: HashMap<i64, Layout> = HashMap::new();
    let mut pages = Vec::new();
    for r in rs {
        let reprint = force_reprint || r.reprints > 0;
        let form = match forms.entry(r.book_id) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(forms::layout_of_book(ctx.conn, r.book_id)?),
        };
        if form.fields_only {
            pages.push(fields_page(form, &print, r, reprint)?);
        } else {
            pages.push(full_page(&print, r, &h, reprint)?);
        }
    }
    Ok(pages)
}

/// The full receipt on plain paper per the print settings.
fn full_page(
    print: &fee_settings::Print,
    r: &Receipt,
    h: &Heading,
    reprint: bool,
) -> Result<Page, CoreError> {
    if print.settings.layout == "三联" {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        for part in 0..3 {
            let top = part as f32 * 99.0;
            draw_part(
                &mut p,
                12.0 + print.dx_mm,
                top + 6.0 + print.dy_mm,
                part,
                r,
                h,
                reprint,
            )?;
            if part < 2 {
                cut_line(&mut p, top + 99.0);
            }
        }
        return Ok(p);
    }
    let part = PARTS
        .iter()
        .position(|x| *x == print.settings.single_part)
        .unwrap_or(1);
    let size = PageSize {
        width_mm: print.settings.paper_width_mm as f32,
        height_mm: print.settings.paper_height_mm as f32,
    };
    let mut p = Page::new(size);
    let x = ((size.width_mm - 186.0) / 2.0).max(2.0);
    draw_part(
        &mut p,
        x + print.dx_mm,
        5.0 + print.dy_mm,
        part,
        r,
        h,
        reprint,
    )?;
    Ok(p)
}

/// The value of each field of a fields-only form for receipt `r`.
fn field_values(r: &Receipt) -> Result<Vec<(&'static str, String)>, CoreError> {
    let from = parse_month("起始月份", &r.period_from)?;
    let to = parse_month("终止月份", &r.period_to)?;
    Ok(vec![
        ("book_no", r.book_no.clone()),
        ("serial", format!("{:07}", r.serial)),
        ("date", issued_date(r)),
        ("payer", r.payer_name.clone()),
        ("address", r.address.clone()),
        ("period", period_cn(from, to)),
        ("amount_words", r.amount_words.clone()),
        ("amount", yuan_cn(fen("金额", &r.amount)?)),
        ("collector", r.collector_name.clone()),
        ("cadre", r.cadre_name.clone()),
    ])
}

/// The date a receipt prints, 2026年11月29日.
fn issued_date(r: &Receipt) -> String {
    // The collection day of the batch, not the moment the receipt was keyed in.
    chrono::NaiveDate::parse_from_str(&r.collected_on, "%Y-%m-%d")
        .map(format_date_cn)
        .unwrap_or_default()
}

/// One receipt on a pre-printed form: only the values, each at its position (plus the printer
/// offset), no frame and no labels — the form has them. A void receipt prints 作废 across it and
/// a reprint 补打 after the serial, as the clerk would write them.
fn fields_page(
    form: &Layout,
    print: &fee_settings::Print,
    r: &Receipt,
    reprint: bool,
) -> Result<Page, CoreError> {
    let mut p = Page::new(PageSize {
        width_mm: form.width_mm,
        height_mm: form.height_mm,
    });
    let values = field_values(r)?;
    for f in form.fields.iter().filter(|f| f.shown) {
        let Some((_, value)) = values.iter().find(|(k, _)| *k == f.key) else {
            continue;
        };
        let (x, y) = (f.x_mm + print.dx_mm, f.y_mm + print.dy_mm);
        let w = p.text(x, y, f.size_pt, Align::Left, value)?;
        if reprint && f.key == "serial" {
            p.text(x + w + 2.0, y, f.size_pt, Align::Left, "补打")?;
        }
    }
    if r.void_reason.is_some() {
        p.text(
            form.width_mm / 2.0 + print.dx_mm,
            form.height_mm / 2.0 + 8.0 + print.dy_mm,
            40.0,
            Align::Center,
            "作　废",
        )?;
    }
    Ok(p)
}

/// Arguments of [`receipt`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ReceiptPrintArgs {
    pub id: i64,
    /// Print as a reprint 补打 even before one is recorded.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reprint: bool,
}

/// One receipt as PDF.
pub fn receipt(ctx: &Ctx<'_>, a: ReceiptPrintArgs) -> Result<FileOut, CoreError> {
    let r = receipts::load(ctx.conn, a.id)?;
    let pages = receipt_pages(ctx, std::slice::from_ref(&r), a.reprint)?;
    pdf(
        ctx,
        "收据",
        format!("收据-{}-{:07}.pdf", r.book_no, r.serial),
        pages,
    )
}

/// Every receipt of a batch, one after another (voided ones print 作废).
pub fn batch_receipts(ctx: &Ctx<'_>, a: BatchArgs) -> Result<FileOut, CoreError> {
    let b = batches::load(ctx.conn, a.batch_id)?;
    let rs = receipts::list_where(
        ctx.conn,
        &ReceiptQuery {
            batch_id: Some(b.id),
            ..Default::default()
        },
    )?;
    if rs.is_empty() {
        return Err(CoreError::Conflict(format!("第 {} 号批次还没有收据", b.id)));
    }
    let pages = receipt_pages(ctx, &rs, false)?;
    pdf(
        ctx,
        "批次收据",
        format!("收据-第{}批次-{}.pdf", b.id, b.on_date),
        pages,
    )
}
