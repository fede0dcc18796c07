//! Fee forms drawn with `cw_pdf::Page`: the remittance slip 上解单 and payment notices 催缴通知
//! (the receipt and its calibration pages are in [`super::receipt_pdf`]).

use super::batches;
use super::rates::{arrears_rows, group_name, RateArgs};
use super::receipts::{self, ReceiptQuery};
use super::{fen, yuan_cn};
use cw_domain::money_words::fen_to_words;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{format_date_cn, format_date_cn_upper, Align, DocInfo, Page, PageSize};
use cw_registry::settings;
use serde::Deserialize;
use ts_rs::TS;

/// A fee document as PDF. Receipts, notices and slips name payers and collectors: a character
/// no font has prints as □ and is reported, and never stops a batch's receipts.
pub(super) fn pdf(
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
pub(super) fn grid_row(
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

/// The community's name and seal text, as forms print them.
pub(super) struct Heading {
    pub(super) community: String,
    pub(super) seal: String,
}

/// The heading of the fee forms.
pub(super) fn heading(ctx: &Ctx<'_>) -> Result<Heading, CoreError> {
    let s = settings::get(ctx, serde_json::Value::Null)?;
    Ok(Heading {
        community: s.community_name,
        seal: s.seal_text,
    })
}

/// Arguments naming a batch.
#[derive(Debug, Deserialize, TS)]
#[ts(export, rename = "FeeBatchArgs", optional_fields = nullable)]
pub struct BatchArgs {
    pub batch_id: i64,
}

/// The remittance slip 上解单 of a closed batch, with signature lines and the audit chain's hash.
pub fn remittance_slip(ctx: &Ctx<'_>, a: BatchArgs) -> Result<FileOut, CoreError> {
    let b = batches::load(ctx.conn, a.batch_id)?;
    let c = b.closing.as_ref().ok_or_else(|| {
        CoreError::Conflict(format!("第 {} 号批次尚未结账，不能打印上解单", b.id))
    })?;
    let h = heading(ctx)?;
    let rs = receipts::list_where(
        ctx.conn,
        &ReceiptQuery {
            batch_id: Some(b.id),
            ..Default::default()
        },
    )?;
    // Serial ranges per book.
    let mut ranges: Vec<(String, i64, i64)> = Vec::new();
    for r in &rs {
        match ranges.last_mut() {
            Some((book, _, last)) if *book == r.book_no => *last = r.serial,
            _ => ranges.push((r.book_no.clone(), r.serial, r.serial)),
        }
    }
    let ranges_text = ranges
        .iter()
        .map(|(bk, f, l)| format!("{bk} 本 {f:07}–{l:07}"))
        .collect::<Vec<_>>()
        .join("；");
    let voided = super::slip::unusable_serials(ctx.conn, &rs)?;
    let remit_fen = match &b.remittance {
        Some(r) => fen("上解金额", &r.amount)?,
        None => fen("应上解", b.remit_due.as_deref().unwrap_or(&c.counted))?,
    };
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    let x = 15.0;
    let w = 180.0;
    p.text(
        105.0,
        22.0,
        18.0,
        Align::Center,
        &format!("{}城乡环境卫生费上解单", h.community),
    )?;
    p.text(
        x,
        32.0,
        10.5,
        Align::Left,
        &format!("批次号：第 {} 号", b.id),
    )?;
    p.text(
        x + w,
        32.0,
        10.5,
        Align::Right,
        &format!("收费日期：{}", b.on_date.replace('-', ".")),
    )?;
    let rh = 10.0;
    let mut y = 36.0;
    let rows: Vec<Vec<(f32, String, bool)>> = vec![
        vec![
            (30.0, "收费小组".into(), true),
            (60.0, group_name(Some(b.group_no)), false),
            (30.0, "在场社区干部".into(), true),
            (60.0, b.cadre_name.clone(), false),
        ],
        vec![
            (30.0, "收费人员".into(), true),
            (150.0, b.collector_names.join("、"), false),
        ],
        vec![
            (30.0, "收据张数".into(), true),
            (
                60.0,
                format!(
                    "有效 {} 张，作废 {} 张",
                    b.receipt_count - b.void_count,
                    b.void_count
                ),
                false,
            ),
            (30.0, "作废号码".into(), true),
            (
                60.0,
                if voided.is_empty() {
                    "无".into()
                } else {
                    format!("共 {} 个，见表下", voided.len())
                },
                false,
            ),
        ],
        vec![
            (30.0, "收据号段".into(), true),
            (
                150.0,
                if ranges_text.is_empty() {
                    "无".into()
                } else {
                    ranges_text
                },
                false,
            ),
        ],
        vec![
            (30.0, "应收合计".into(), true),
            (60.0, yuan_cn(fen("应收", &c.expected)?), false),
            (30.0, "实点现金".into(), true),
            (60.0, yuan_cn(fen("实点", &c.counted)?), false),
        ],
        vec![
            (30.0, "假　　币".into(), true),
            (
                60.0,
                format!(
                    "{}{}",
                    yuan_cn(fen("假币", &c.counterfeit)?),
                    if c.counterfeit_note.is_empty() {
                        String::new()
                    } else {
                        format!("（{}）", c.counterfeit_note)
                    }
                ),
                false,
            ),
            (30.0, "短款 / 长款".into(), true),
            (
                60.0,
                format!(
                    "短 {}　长 {}",
                    yuan_cn(fen("短款", &c.shortage)?),
                    yuan_cn(fen("长款", &c.overage)?)
                ),
                false,
            ),
        ],
        vec![
            (30.0, "上解金额".into(), true),
            (60.0, yuan_cn(remit_fen), false),
            (30.0, "大　　写".into(), true),
            (60.0, fen_to_words(remit_fen)?, false),
        ],
        vec![
            (30.0, "上解日期".into(), true),
            (
                60.0,
                b.remittance
                    .as_ref()
                    .map(|r| r.remitted_on.replace('-', "."))
                    .unwrap_or_else(|| "　　年　　月　　日".into()),
                false,
            ),
            (30.0, "收款人".into(), true),
            (
                60.0,
                b.remittance
                    .as_ref()
                    .map(|r| r.receiver.clone())
                    .unwrap_or_default(),
                false,
            ),
        ],
    ];
    for row in &rows {
        let cells: Vec<(f32, &str, bool)> =
            row.iter().map(|(w, t, l)| (*w, t.as_str(), *l)).collect();
        grid_row(&mut p, x, y, rh, &cells)?;
        y += rh;
    }
    if let Some(denoms) = (!c.denominations.is_empty()).then_some(&c.denominations) {
        let text = denoms
            .iter()
            .map(|d| format!("{} 元 × {}", d.face, d.count))
            .collect::<Vec<_>>()
            .join("　");
        y += p.text_box(
            x,
            y + 2.0,
            w,
            9.5,
            5.0,
            Align::Left,
            &format!("面额清点：{text}"),
        )? + 2.0;
    }
    for line in super::slip::notes(&b, &voided)? {
        y += p.text_box(x, y + 2.0, w, 9.5, 5.0, Align::Left, &line)? + 2.0;
    }
    if fen("短款", &c.shortage)? > 0 {
        y += p.text_box(
            x,
            y + 2.0,
            w,
            9.5,
            5.0,
            Align::Left,
            &format!(
                "短款 {} 由收费人员赔偿，已记入赔偿台账。",
                yuan_cn(fen("短款", &c.shortage)?)
            ),
        )? + 2.0;
    }
    y += 16.0;
    for (i, who) in ["收费人员（签字）", "在场社区干部（签字）", "收款人（签字）"]
        .iter()
        .enumerate()
    {
        let sx = x + i as f32 * 62.0;
        p.text(sx, y, 10.5, Align::Left, who)?;
        p.line(sx, y + 12.0, sx + 54.0, y + 12.0, 0.5);
        p.text(sx, y + 19.0, 9.5, Align::Left, "　　年　　月　　日")?;
    }
    y += 32.0;
    // The audit chain's latest hash, so the slip can be matched to the trail at audit time.
    let hash = cw_store::audit::latest_hash(ctx.conn)?;
    p.text(x, y, 8.0, Align::Left, "审计链校验码（打印时最新记录）：")?;
    p.text(x, y + 5.0, 8.0, Align::Left, &hash)?;
    p.text(
        x + w,
        y + 12.0,
        9.0,
        Align::Right,
        &format!("打印日期：{}", format_date_cn(ctx.clock.today())),
    )?;
    pdf(
        ctx,
        "上解单",
        format!("上解单-第{}批次-{}.pdf", b.id, b.on_date),
        vec![p],
    )
}

/// Payment notices 催缴通知 for every party still owing in a group or zone, three to a page.
pub fn notices(ctx: &Ctx<'_>, a: RateArgs) -> Result<FileOut, CoreError> {
    let rows = arrears_rows(ctx.conn, &a)?;
    if rows.is_empty() {
        return Err(CoreError::Conflict("所选范围内没有欠费户".into()));
    }
    let h = heading(ctx)?;
    let today = ctx.clock.today();
    let deadline = today + chrono::Duration::days(15);
    let mut pages = Vec::new();
    for chunk in rows.chunks(3) {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        for (i, r) in chunk.iter().enumerate() {
            let top = i as f32 * 99.0;
            let x = 18.0;
            p.text(
                105.0,
                top + 16.0,
                16.0,
                Align::Center,
                "城乡环境卫生费催缴通知",
            )?;
            p.text(
                x,
                top + 27.0,
                11.0,
                Align::Left,
                &format!("{}（{}）：", r.name, r.address),
            )?;
            let body = format!(
                "　　根据市创卫工作安排，城乡环境卫生费按月收取。经核对，您{} {} 的卫生费共计 {}（{}）尚未缴纳。请于{}前缴清，届时{}收费人员将在社区干部陪同下上门收取，并出具经管站统一收据。五保、低保、独居老人、残疾家庭可凭证明申请减免。",
                match r.kind.as_str() {
                    "住户" => "户",
                    "门店" => "店",
                    _ => "单位",
                },
                r.months_text,
                yuan_cn(fen("欠费", &r.owed)?),
                fen_to_words(fen("欠费", &r.owed)?)?,
                format_date_cn(deadline),
                group_name(r.group_no),
            );
            p.text_box(x, top + 31.0, 174.0, 11.0, 6.5, Align::Left, &body)?;
            p.text(192.0, top + 74.0, 11.0, Align::Right, &h.community)?;
            p.text(
                192.0,
                top + 82.0,
                11.0,
                Align::Right,
                &format_date_cn_upper(today),
            )?;
            p.text(
                x,
                top + 82.0,
                9.0,
                Align::Left,
                &format!("户号：{}", r.code),
            )?;
            if i < 2 {
                let mut lx = 5.0;
                while lx < 205.0 {
                    p.line(lx, top + 99.0, lx + 3.0, top + 99.0, 0.3);
                    lx += 6.0;
                }
            }
        }
        pages.push(p);
    }
    let scope = a
        .group_no
        .map(|g| group_name(Some(g)))
        .unwrap_or_else(|| "全社区".into());
    pdf(ctx, "催缴通知", format!("催缴通知-{scope}.pdf"), pages)
}
