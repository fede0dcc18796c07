//! Multi-page table documents: title block, repeated header row, page numbers and footer.

use chrono::NaiveDateTime;

use crate::cn::format_date_cn;
use crate::doc::{render_pages, render_pages_lenient, DocInfo, Rendered};
use crate::fonts::{font, Font};
use crate::page::{baseline_offset_mm, mm_to_pt, page_number, Page, PageSize};
use crate::wrap::wrap_with;
use crate::PdfError;

pub use crate::page::Align;

/// A table document: A4 portrait or landscape, title block, a table whose header row repeats on
/// every page, page numbers "第 N 页 / 共 M 页", footer with the community name and print date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableDoc {
    /// Document title, e.g. "住户花名册", centred at the top of the first page.
    pub title: String,
    /// Issuing body, e.g. "石马山镇黄山社区居委会"; printed under the title and in the footer.
    pub community: String,
    /// Optional line above the table, e.g. "责任区：黄山路东段　共 212 户".
    pub subtitle: Option<String>,
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// Rows of cells, each with `columns.len()` cells. Cells wrap inside their column and rows
    /// grow in height; a row never splits across pages.
    pub rows: Vec<Vec<String>>,
    /// A4 on its side when true.
    pub landscape: bool,
    /// Creation date of the PDF and the "打印日期：2026年11月29日" footer text.
    pub printed_at: NaiveDateTime,
    /// Printed after the table on the last page, e.g. "制表人：________  审核人：________".
    pub footer_note: Option<String>,
}

/// One table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text (wraps if the column is narrow).
    pub header: String,
    /// Relative width; the table always spans the full text width.
    pub width: f32,
    /// Alignment of the column's cells (headers are always centred).
    pub align: Align,
}

impl Column {
    /// A column with the given header, relative width and cell alignment.
    pub fn new(header: impl Into<String>, width: f32, align: Align) -> Column {
        Column {
            header: header.into(),
            width,
            align,
        }
    }
}

/// Page margin on all sides, mm.
pub const MARGIN_MM: f32 = 15.0;
const TITLE_PT: f32 = 18.0;
const COMMUNITY_PT: f32 = 11.0;
const SUBTITLE_PT: f32 = 10.5;
const BODY_PT: f32 = 10.0;
const FOOTER_PT: f32 = 9.0;
const LINE_MM: f32 = 5.0;
const PAD_X_MM: f32 = 1.6;
const PAD_Y_MM: f32 = 1.3;
/// Space between the table bottom limit and the footer baseline.
const FOOTER_BAND_MM: f32 = 7.0;
const OUTER_PT: f32 = 0.8;
const INNER_PT: f32 = 0.35;
const HEADER_RULE_PT: f32 = 0.5;
const HEADER_GREY: f32 = 0.9;
const NOTE_PT: f32 = 10.5;
const NOTE_GAP_MM: f32 = 8.0;
const NOTE_LINE_MM: f32 = 6.0;

/// The wrapped content of one table row and its height.
struct RowLayout {
    cells: Vec<Vec<String>>,
    height: f32,
}

/// Collects missing glyphs with where they occur; reports the first few places.
struct GlyphCheck<'a> {
    font: &'a Font,
    chars: Vec<char>,
    places: Vec<String>,
}

impl GlyphCheck<'_> {
    fn check(&mut self, text: &str, place: impl FnOnce() -> String) {
        let missing = self.font.missing_glyphs(text);
        if missing.is_empty() {
            return;
        }
        for c in missing {
            if !self.chars.contains(&c) {
                self.chars.push(c);
            }
        }
        self.places.push(place());
    }

    fn finish(self) -> Result<(), PdfError> {
        if self.chars.is_empty() {
            return Ok(());
        }
        const SHOWN: usize = 5;
        let mut context = self.places[..self.places.len().min(SHOWN)].join("、");
        if self.places.len() > SHOWN {
            context.push_str(&format!(" 等 {} 处", self.places.len()));
        }
        Err(PdfError::MissingGlyphs {
            chars: self.chars.into_iter().collect(),
            context,
        })
    }
}

/// Refuses a table whose columns or rows do not fit together.
fn validate(doc: &TableDoc) -> Result<(), PdfError> {
    if doc.columns.is_empty() {
        return Err(PdfError::Invalid("表格没有列".into()));
    }
    if let Some(c) = doc
        .columns
        .iter()
        .find(|c| !(c.width.is_finite() && c.width > 0.0))
    {
        return Err(PdfError::Invalid(format!(
            "「{}」列的宽度必须大于 0",
            c.header
        )));
    }
    if let Some((i, r)) = doc
        .rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() != doc.columns.len())
    {
        return Err(PdfError::Invalid(format!(
            "第 {} 行有 {} 个单元格，应为 {} 个",
            i + 1,
            r.len(),
            doc.columns.len()
        )));
    }
    Ok(())
}

/// Refuses a table with a character no font has, naming the cells it is in.
fn check_glyphs(doc: &TableDoc, font: &Font) -> Result<(), PdfError> {
    let mut g = GlyphCheck {
        font,
        chars: Vec::new(),
        places: Vec::new(),
    };
    g.check(&doc.title, || "标题".into());
    g.check(&doc.community, || "单位名称".into());
    if let Some(s) = &doc.subtitle {
        g.check(s, || "副标题".into());
    }
    for c in &doc.columns {
        g.check(&c.header, || format!("表头「{}」", c.header));
    }
    for (i, row) in doc.rows.iter().enumerate() {
        for (cell, col) in row.iter().zip(&doc.columns) {
            g.check(cell, || format!("第 {} 行「{}」列", i + 1, col.header));
        }
    }
    if let Some(s) = &doc.footer_note {
        g.check(s, || "表尾备注".into());
    }
    g.finish()
}

/// Where everything goes: computed once, then drawn page by page.
struct Plan {
    size: PageSize,
    col_x: Vec<f32>,
    col_w: Vec<f32>,
    /// Top of the table on page 1 (below the title block).
    first_top: f32,
    header: RowLayout,
    rows: Vec<RowLayout>,
    /// Row index ranges, one per page (the last may be empty when the note needs its own page).
    pages: Vec<std::ops::Range<usize>>,
    note: Vec<String>,
}

fn layout_row(font: &Font, cells: &[&str], col_w: &[f32]) -> RowLayout {
    let cells: Vec<Vec<String>> = cells
        .iter()
        .zip(col_w)
        .map(|(text, w)| {
            let width_pt = mm_to_pt(w - 2.0 * PAD_X_MM);
            wrap_with(text.trim_end(), width_pt, &|c| font.char_width(c, BODY_PT))
        })
        .collect();
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    RowLayout {
        cells,
        height: lines as f32 * LINE_MM + 2.0 * PAD_Y_MM,
    }
}

/// Draws title, community and subtitle (each wrapping if long); returns where the table starts.
fn draw_title_block(page: &mut Page, doc: &TableDoc) -> Result<f32, PdfError> {
    let width = page.size().width_mm - 2.0 * MARGIN_MM;
    let mut y = MARGIN_MM;
    y += page.text_box(
        MARGIN_MM,
        y,
        width,
        TITLE_PT,
        8.0,
        Align::Center,
        &doc.title,
    )?;
    y += 1.0;
    y += page.text_box(
        MARGIN_MM,
        y,
        width,
        COMMUNITY_PT,
        6.0,
        Align::Center,
        &doc.community,
    )?;
    if let Some(s) = &doc.subtitle {
        y += 1.5;
        y += page.text_box(MARGIN_MM, y, width, SUBTITLE_PT, 5.5, Align::Left, s)?;
    }
    Ok(y + 3.0)
}

const CONT_TABLE_TOP_MM: f32 = MARGIN_MM + 7.0;

fn plan(doc: &TableDoc, font: &Font) -> Result<Plan, PdfError> {
    let size = PageSize::a4(doc.landscape);
    let inner_w = size.width_mm - 2.0 * MARGIN_MM;
    let total: f32 = doc.columns.iter().map(|c| c.width).sum();
    let col_w: Vec<f32> = doc
        .columns
        .iter()
        .map(|c| inner_w * c.width / total)
        .collect();
    let col_x: Vec<f32> = col_w
        .iter()
        .scan(MARGIN_MM, |x, w| {
            let left = *x;
            *x += w;
            Some(left)
        })
        .collect();
    let headers: Vec<&str> = doc.columns.iter().map(|c| c.header.as_str()).collect();
    let header = layout_row(font, &headers, &col_w);
    let rows: Vec<RowLayout> = doc
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<&str> = r.iter().map(String::as_str).collect();
            layout_row(font, &cells, &col_w)
        })
        .collect();

    let bottom = size.height_mm - MARGIN_MM - FOOTER_BAND_MM;
    let mut pages = Vec::new();
    let mut start = 0;
    let first_top = draw_title_block(&mut Page::new(size), doc)?;
    let mut y = first_top + header.height;
    for (i, row) in rows.iter().enumerate() {
        if y + row.height > bottom + 1e-3 {
            if i == start {
                return Err(PdfError::Render(format!(
                    "第 {} 行内容太多，一页放不下",
                    i + 1
                )));
            }
            pages.push(start..i);
            start = i;
            y = CONT_TABLE_TOP_MM + header.height;
            if y + row.height > bottom + 1e-3 {
                return Err(PdfError::Render(format!(
                    "第 {} 行内容太多，一页放不下",
                    i + 1
                )));
            }
        }
        y += row.height;
    }
    if rows.is_empty() {
        y += LINE_MM + 2.0 * PAD_Y_MM; // the "（无记录）" row
    }
    pages.push(start..rows.len());

    let note_text = doc.footer_note.as_deref().unwrap_or("");
    let note = wrap_with(note_text, mm_to_pt(inner_w), &|c| {
        font.char_width(c, NOTE_PT)
    });
    let note_h = if note.is_empty() {
        0.0
    } else {
        NOTE_GAP_MM + note.len() as f32 * NOTE_LINE_MM
    };
    if y + note_h > bottom {
        pages.push(rows.len()..rows.len());
    }
    Ok(Plan {
        size,
        col_x,
        col_w,
        first_top,
        header,
        rows,
        pages,
        note,
    })
}

/// Draws one row's cells and its bottom rule; `top` is the row's top edge.
fn draw_row(
    page: &mut Page,
    plan: &Plan,
    row: &RowLayout,
    top: f32,
    aligns: &[Align],
) -> Result<(), PdfError> {
    for (i, lines) in row.cells.iter().enumerate() {
        let (x, w) = (plan.col_x[i], plan.col_w[i]);
        let align = aligns.get(i).copied().unwrap_or_default();
        let anchor = match align {
            Align::Left => x + PAD_X_MM,
            Align::Center => x + w / 2.0,
            Align::Right => x + w - PAD_X_MM,
        };
        let block = lines.len() as f32 * LINE_MM;
        let first = top + (row.height - block) / 2.0 + baseline_offset_mm(LINE_MM, BODY_PT);
        for (j, line) in lines.iter().enumerate() {
            page.text(anchor, first + j as f32 * LINE_MM, BODY_PT, align, line)?;
        }
    }
    Ok(())
}

/// Draws the header row, the rows in `range` and all rules; returns the table's bottom edge.
fn draw_table(
    page: &mut Page,
    plan: &Plan,
    range: std::ops::Range<usize>,
    top: f32,
    aligns: &[Align],
) -> Result<f32, PdfError> {
    let (left, right) = (MARGIN_MM, plan.size.width_mm - MARGIN_MM);
    let hh = plan.header.height;
    page.fill_rect(left, top, right - left, hh, HEADER_GREY);
    let centred = vec![Align::Center; plan.col_w.len()];
    draw_row(page, plan, &plan.header, top, &centred)?;
    let mut y = top + hh;
    page.line(left, y, right, y, HEADER_RULE_PT);
    let body_top = y;
    if plan.rows.is_empty() {
        let base = y + PAD_Y_MM + baseline_offset_mm(LINE_MM, BODY_PT);
        page.text(
            (left + right) / 2.0,
            base,
            BODY_PT,
            Align::Center,
            "（无记录）",
        )?;
        y += LINE_MM + 2.0 * PAD_Y_MM;
    }
    let count = range.len();
    for (k, row) in plan.rows[range].iter().enumerate() {
        draw_row(page, plan, row, y, aligns)?;
        y += row.height;
        if k + 1 < count {
            page.line(left, y, right, y, INNER_PT);
        }
    }
    // Column rules (through the header; not through the merged "no records" row).
    let rule_bottom = if plan.rows.is_empty() { body_top } else { y };
    for x in plan.col_x.iter().skip(1) {
        page.line(*x, top, *x, rule_bottom, INNER_PT);
    }
    page.stroke_rect(left, top, right - left, y - top, OUTER_PT);
    Ok(y)
}

/// Renders `doc` to PDF bytes with the font subset in.
///
/// Fails with [`PdfError::MissingGlyphs`] naming the characters and cells (e.g. "第 12 行「户主」列")
/// if any text cannot be drawn, and with [`PdfError::Invalid`] for malformed input.
pub fn render_table(doc: &TableDoc) -> Result<Vec<u8>, PdfError> {
    validate(doc)?;
    check_glyphs(doc, font()?)?;
    let info = DocInfo {
        title: doc.title.clone(),
        created: doc.printed_at,
    };
    render_pages(&info, table_pages(doc)?)
}

/// Renders `doc` even if some cells hold characters no font has: they print as □ and come
/// back in [`Rendered::missing`], so a roster of hundreds is not stopped by one name.
pub fn render_table_lenient(doc: &TableDoc) -> Result<Rendered, PdfError> {
    let info = DocInfo {
        title: doc.title.clone(),
        created: doc.printed_at,
    };
    render_pages_lenient(&info, table_pages(doc)?)
}

/// The drawn pages of `doc`, numbered within it, so one file can hold several table documents
/// (a statement per worker, a report's summary and detail) — pass them to [`render_pages`].
pub fn table_pages(doc: &TableDoc) -> Result<Vec<Page>, PdfError> {
    pages_of(doc, false)
}

/// The drawn pages of `doc` as one section of a longer document: their footers carry the page
/// number within the whole document, filled in by [`render_pages`] (a report's summary, detail
/// and chart pages numbered 1 to N through).
pub fn section_pages(doc: &TableDoc) -> Result<Vec<Page>, PdfError> {
    pages_of(doc, true)
}

fn pages_of(doc: &TableDoc, whole_document: bool) -> Result<Vec<Page>, PdfError> {
    let font = font()?;
    validate(doc)?;
    let plan = plan(doc, font)?;
    let total = plan.pages.len();
    let (pw, ph) = (plan.size.width_mm, plan.size.height_mm);
    let (left, right) = (MARGIN_MM, pw - MARGIN_MM);
    let centre = pw / 2.0;
    let date = format!("打印日期：{}", format_date_cn(doc.printed_at.date()));
    let aligns: Vec<Align> = doc.columns.iter().map(|c| c.align).collect();

    let mut pages = Vec::with_capacity(total);
    for (n, range) in plan.pages.iter().enumerate() {
        let mut page = Page::new(plan.size);
        let table_top = if n == 0 {
            draw_title_block(&mut page, doc)?;
            plan.first_top
        } else {
            let caption = format!("{}（续）", doc.title);
            page.text(
                centre,
                MARGIN_MM + 3.5,
                SUBTITLE_PT,
                Align::Center,
                &caption,
            )?;
            CONT_TABLE_TOP_MM
        };

        // A last page that holds only the footer note (it did not fit under the table).
        let note_only = n > 0 && range.is_empty();
        let y = if note_only {
            table_top
        } else {
            draw_table(&mut page, &plan, range.clone(), table_top, &aligns)?
        };
        if n + 1 == total && !plan.note.is_empty() {
            let mut base = if note_only {
                table_top
            } else {
                y + NOTE_GAP_MM
            };
            for line in &plan.note {
                base += NOTE_LINE_MM;
                page.text(left, base - 1.5, NOTE_PT, Align::Left, line)?;
            }
        }

        let footer_base = ph - MARGIN_MM;
        page.text(left, footer_base, FOOTER_PT, Align::Left, &doc.community)?;
        if whole_document {
            page.number_in_document(centre, footer_base, FOOTER_PT);
        } else {
            page.text(
                centre,
                footer_base,
                FOOTER_PT,
                Align::Center,
                &page_number(n + 1, total),
            )?;
        }
        page.text(right, footer_base, FOOTER_PT, Align::Right, &date)?;
        pages.push(page);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests;
