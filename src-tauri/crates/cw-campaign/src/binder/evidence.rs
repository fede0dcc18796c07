//! The binder's photo pages: each group (an area of the standard, a meeting, a notice) under its
//! heading, its photos two to a row with their captions, as many pages as they need.

use cw_evidence::{Attachment, OwnerKind};
use cw_kernel::{CoreError, Ctx};
use cw_pdf::{format_date_cn, Align, Jpeg, Page, PageSize};
use std::sync::Arc;

/// The photos of one heading.
pub(crate) struct Group {
    pub(crate) heading: String,
    pub(crate) photos: Vec<Attachment>,
}

const LEFT: f32 = 15.0;
const TOP: f32 = 22.0;
const BOTTOM: f32 = 275.0;
const BOX_W: f32 = 85.0;
const BOX_H: f32 = 62.0;
const GAP: f32 = 10.0;
const CAPTION_H: f32 = 9.0;

/// The photos (not withdrawn) of `kind` `id`, or of one item of a self-check.
pub(crate) fn photos_of(
    ctx: &Ctx<'_>,
    kind: OwnerKind,
    id: i64,
    item: Option<i64>,
) -> Result<Vec<Attachment>, CoreError> {
    Ok(cw_evidence::store::of_owner(ctx.conn, kind, id)?
        .into_iter()
        .filter(|a| a.is_image && a.withdrawn.is_none() && (item.is_none() || a.item_id == item))
        .collect())
}

/// Pages titled `title` showing `groups`; none when no group has a photo. A photo whose file is
/// gone is named in its place, so the binder still prints (and says what is missing).
pub(crate) fn pages(ctx: &Ctx<'_>, title: &str, groups: &[Group]) -> Result<Vec<Page>, CoreError> {
    if groups.iter().all(|g| g.photos.is_empty()) {
        return Ok(Vec::new());
    }
    let folder = cw_evidence::store::folder(ctx)?;
    let mut pages: Vec<Page> = Vec::new();
    let mut page = new_page(title)?;
    let mut y = TOP + 8.0;
    for g in groups.iter().filter(|g| !g.photos.is_empty()) {
        if y + 8.0 + BOX_H + CAPTION_H > BOTTOM {
            pages.push(std::mem::replace(&mut page, new_page(title)?));
            y = TOP + 8.0;
        }
        page.text(LEFT, y + 5.0, 11.0, Align::Left, &g.heading)?;
        y += 9.0;
        for (i, a) in g.photos.iter().enumerate() {
            let col = i % 2;
            if col == 0 && i > 0 {
                y += BOX_H + CAPTION_H + 2.0;
            }
            if y + BOX_H + CAPTION_H > BOTTOM {
                pages.push(std::mem::replace(&mut page, new_page(title)?));
                y = TOP + 8.0;
            }
            let x = LEFT + col as f32 * (BOX_W + GAP);
            photo(&mut page, &folder, a, x, y)?;
        }
        y += BOX_H + CAPTION_H + 6.0;
    }
    pages.push(page);
    Ok(pages)
}

fn new_page(title: &str) -> Result<Page, CoreError> {
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    p.text(105.0, TOP, 14.0, Align::Center, title)?;
    p.number_in_document(105.0, 287.0, 9.0);
    Ok(p)
}

/// One photo fitted in its box at (x, y), its caption and date beneath.
fn photo(
    page: &mut Page,
    folder: &std::path::Path,
    a: &Attachment,
    x: f32,
    y: f32,
) -> Result<(), CoreError> {
    let img = cw_evidence::store::thumb_bytes(folder, a)
        .ok()
        .flatten()
        .and_then(|b| Jpeg::from_bytes(b).ok());
    match img {
        Some(img) => {
            let img = Arc::new(img);
            let (w, h) = cw_pdf::image::fit(&img, BOX_W, BOX_H);
            page.image(x + (BOX_W - w) / 2.0, y + (BOX_H - h) / 2.0, w, h, &img);
        }
        None => {
            page.stroke_rect(x, y, BOX_W, BOX_H, 0.5);
            page.text(
                x + BOX_W / 2.0,
                y + BOX_H / 2.0,
                9.0,
                Align::Center,
                &format!("（照片文件缺失：{}）", a.file_name),
            )?;
        }
    }
    let day = a
        .created_at
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(format_date_cn)
        .unwrap_or_default();
    let caption = if a.caption.is_empty() {
        a.file_name.clone()
    } else {
        a.caption.clone()
    };
    // Two lines at most under the photo: a long caption is cut, the date always shows.
    let mut caption: String = caption.chars().take(40).collect();
    if caption.chars().count() < a.caption.chars().count() {
        caption.push('…');
    }
    page.text_box(
        x,
        y + BOX_H + 1.0,
        BOX_W,
        8.0,
        3.6,
        Align::Center,
        &format!("{caption}（{day}）"),
    )?;
    Ok(())
}
