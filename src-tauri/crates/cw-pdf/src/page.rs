//! A page builder in millimetres with a top-left origin, and assembly of pages into a PDF.
//!
//! Coordinates: `x` grows rightwards from the left paper edge, `y` grows downwards from the top
//! paper edge, both in mm — the way forms are measured with a ruler. Text is placed by its
//! baseline. Text uses the embedded font, and the fallback for the rare ideographs it lacks; a
//! character no font has is drawn as □ and recorded on the page:
//! [`render_pages`](crate::doc::render_pages) refuses such a page, while
//! [`render_pages_lenient`](crate::doc::render_pages_lenient) prints it and reports the
//! characters.

use printpdf::{Op, Point, Pt};

use crate::content::{push_code, push_num, Content};
use crate::fonts::{font, Face, Font, MISSING_MARK};
use crate::wrap::wrap_with;
use crate::PdfError;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub fn mm_to_pt(mm: f32) -> f32 {
    mm * PT_PER_MM
}

/// Converts points to millimetres.
pub fn pt_to_mm(pt: f32) -> f32 {
    pt / PT_PER_MM
}

/// Paper size in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    /// Paper width in mm.
    pub width_mm: f32,
    /// Paper height in mm.
    pub height_mm: f32,
}

impl PageSize {
    /// A4 upright, 210 × 297 mm.
    pub const A4_PORTRAIT: PageSize = PageSize {
        width_mm: 210.0,
        height_mm: 297.0,
    };
    /// A4 on its side, 297 × 210 mm.
    pub const A4_LANDSCAPE: PageSize = PageSize {
        width_mm: 297.0,
        height_mm: 210.0,
    };

    /// A4 in the requested orientation.
    pub fn a4(landscape: bool) -> PageSize {
        if landscape {
            Self::A4_LANDSCAPE
        } else {
            Self::A4_PORTRAIT
        }
    }
}

/// Horizontal alignment of text relative to its anchor `x` (or inside a box).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// `x` is the left edge of the text.
    #[default]
    Left,
    /// `x` is the centre of the text.
    Center,
    /// `x` is the right edge of the text.
    Right,
}

/// The resource name of each embedded font on every page, by [`Face::index`].
pub(crate) const FONT_RES: [&str; 2] = ["F1", "F2"];

/// One line of text on a page: where it starts and which part of [`Page::text`] it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextRun {
    /// Font size in points.
    pub(crate) size: f32,
    /// Left end of the baseline, in points from the left paper edge.
    pub(crate) x: f32,
    /// Baseline, in points from the bottom paper edge.
    pub(crate) y: f32,
    /// Byte range of the run in [`Page::text`].
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// One page being drawn. Create with [`Page::new`], draw, then pass to [`render_pages`](crate::doc::render_pages).
#[derive(Debug, Clone)]
pub struct Page {
    size: PageSize,
    /// Graphics (lines, fills) as content-stream operators — drawn first, under the text.
    graphics: Content,
    /// Every run's text back to back (one buffer a page, not a string a cell).
    text: String,
    runs: Vec<TextRun>,
    missing: Vec<char>,
    /// The first drawing operation the content writer refused (reported on save).
    refused: Option<PdfError>,
    /// Last stroke width set, to avoid repeating it.
    stroke_pt: Option<f32>,
    /// Where "第 N 页 / 共 M 页" of the whole document goes, drawn by `render_pages` once the
    /// document's length is known: (x mm, baseline mm, size pt), centred.
    number_slot: Option<(f32, f32, f32)>,
    /// The photos this page draws (`/Im0`, `/Im1`, … in order), shared with other pages.
    images: Vec<std::sync::Arc<crate::image::Jpeg>>,
}

/// Rounds a coordinate in points to 0.01 pt (invisible, and keeps the content stream short).
fn r2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// "第 3 页 / 共 12 页".
pub fn page_number(n: usize, total: usize) -> String {
    format!("第 {n} 页 / 共 {total} 页")
}

impl Page {
    /// An empty page of the given size.
    pub fn new(size: PageSize) -> Page {
        Page {
            size,
            graphics: Content::default(),
            text: String::new(),
            runs: Vec::new(),
            missing: Vec::new(),
            refused: None,
            stroke_pt: None,
            number_slot: None,
            images: Vec::new(),
        }
    }

    /// Asks for this page's number within the whole document ("第 N 页 / 共 M 页"), centred on
    /// `x_mm` at `baseline_mm`: a document made of several sections (a report's summary, tables
    /// and charts) is numbered through, which no section can do alone.
    pub fn number_in_document(&mut self, x_mm: f32, baseline_mm: f32, size_pt: f32) {
        self.number_slot = Some((x_mm, baseline_mm, size_pt));
    }

    /// Draws the page number asked for by [`Page::number_in_document`], if any.
    pub(crate) fn draw_number(&mut self, n: usize, total: usize) -> Result<(), PdfError> {
        if let Some((x, y, pt)) = self.number_slot.take() {
            self.text(x, y, pt, Align::Center, &page_number(n, total))?;
        }
        Ok(())
    }

    /// The paper size.
    pub fn size(&self) -> PageSize {
        self.size
    }

    /// Characters drawn on this page that no font has (drawn as □), each once.
    pub fn missing_glyphs(&self) -> &[char] {
        &self.missing
    }

    /// A drawing operation the page could not write, if any; the document is refused with it.
    pub(crate) fn refused(&self) -> Option<&PdfError> {
        self.refused.as_ref()
    }

    /// The text drawn on the page, run after run, and where each run goes.
    pub(crate) fn text_runs(&self) -> (&str, &[TextRun]) {
        (&self.text, &self.runs)
    }

    fn point(&self, x_mm: f32, y_mm: f32) -> Point {
        Point {
            x: Pt(r2(mm_to_pt(x_mm))),
            y: Pt(r2(mm_to_pt(self.size.height_mm - y_mm))),
        }
    }

    fn set_stroke(&mut self, width_pt: f32) {
        if self.stroke_pt != Some(width_pt) {
            self.graphics.line_width(width_pt);
            self.stroke_pt = Some(width_pt);
        }
    }

    /// Draws one line of `text` at `size_pt` with its baseline at `baseline_mm`, aligned to `x_mm`.
    /// Returns the text width in mm. Tabs and line breaks are drawn as spaces.
    pub fn text(
        &mut self,
        x_mm: f32,
        baseline_mm: f32,
        size_pt: f32,
        align: Align,
        text: &str,
    ) -> Result<f32, PdfError> {
        let f: &Font = font()?;
        let start = self.text.len();
        let mut width_pt = 0.0;
        let mut blank = true;
        for c in text.chars() {
            let mut c = if c.is_control() { ' ' } else { c };
            let (glyph, width) = f.glyph_and_width(c, size_pt);
            if glyph.is_none() {
                if !self.missing.contains(&c) {
                    self.missing.push(c);
                }
                c = MISSING_MARK;
            }
            width_pt += width;
            blank &= c.is_whitespace();
            self.text.push(c);
        }
        let x_pt = match align {
            Align::Left => mm_to_pt(x_mm),
            Align::Center => mm_to_pt(x_mm) - width_pt / 2.0,
            Align::Right => mm_to_pt(x_mm) - width_pt,
        };
        let y_pt = mm_to_pt(self.size.height_mm - baseline_mm);
        match (u32::try_from(start), u32::try_from(self.text.len())) {
            (Ok(start), Ok(end)) if !blank => self.runs.push(TextRun {
                size: size_pt,
                x: r2(x_pt),
                y: r2(y_pt),
                start,
                end,
            }),
            _ => self.text.truncate(start),
        }
        Ok(pt_to_mm(width_pt))
    }

    /// Wraps `text` into a box `width_mm` wide whose top is at `top_mm`, one line every
    /// `line_height_mm`, each line aligned inside the box. Returns the height used in mm.
    #[allow(clippy::too_many_arguments)]
    pub fn text_box(
        &mut self,
        x_mm: f32,
        top_mm: f32,
        width_mm: f32,
        size_pt: f32,
        line_height_mm: f32,
        align: Align,
        text: &str,
    ) -> Result<f32, PdfError> {
        let f = font()?;
        let lines = wrap_with(text, mm_to_pt(width_mm), &|c| f.char_width(c, size_pt));
        let anchor = match align {
            Align::Left => x_mm,
            Align::Center => x_mm + width_mm / 2.0,
            Align::Right => x_mm + width_mm,
        };
        for (i, line) in lines.iter().enumerate() {
            let baseline =
                top_mm + line_height_mm * i as f32 + baseline_offset_mm(line_height_mm, size_pt);
            self.text(anchor, baseline, size_pt, align, line)?;
        }
        Ok(line_height_mm * lines.len() as f32)
    }

    /// A straight line from (x1, y1) to (x2, y2), `width_pt` thick, black.
    pub fn line(&mut self, x1_mm: f32, y1_mm: f32, x2_mm: f32, y2_mm: f32, width_pt: f32) {
        let (a, b) = (self.point(x1_mm, y1_mm), self.point(x2_mm, y2_mm));
        self.set_stroke(width_pt);
        self.graphics.segment((a.x.0, a.y.0), (b.x.0, b.y.0));
    }

    fn rect(&mut self, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32, paint: &str) {
        let ll = self.point(x_mm, y_mm + h_mm);
        self.graphics.rect(
            ll.x.0,
            ll.y.0,
            r2(mm_to_pt(w_mm)),
            r2(mm_to_pt(h_mm)),
            paint,
        );
    }

    /// The outline of a rectangle whose top-left corner is (x, y), `width_pt` thick.
    pub fn stroke_rect(&mut self, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32, width_pt: f32) {
        self.set_stroke(width_pt);
        self.rect(x_mm, y_mm, w_mm, h_mm, "S");
    }

    /// A rectangle filled with grey (`0.0` black … `1.0` white), without outline.
    pub fn fill_rect(&mut self, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32, grey: f32) {
        self.graphics.save();
        self.graphics.fill_grey(grey);
        self.rect(x_mm, y_mm, w_mm, h_mm, "f");
        self.graphics.restore();
    }

    /// The page's number for `img` (the one it has if already drawn here).
    pub(crate) fn image_slot(&mut self, img: &std::sync::Arc<crate::image::Jpeg>) -> usize {
        if let Some(n) = self
            .images
            .iter()
            .position(|i| std::sync::Arc::ptr_eq(i, img))
        {
            return n;
        }
        self.images.push(img.clone());
        self.images.len() - 1
    }

    /// The photos this page draws, in the order of their names.
    pub(crate) fn images(&self) -> &[std::sync::Arc<crate::image::Jpeg>] {
        &self.images
    }

    pub(crate) fn graphics_mut(&mut self) -> &mut Content {
        &mut self.graphics
    }

    /// Rectangles `(x, y, w, h)` in mm filled with one grey as one path, inside their own
    /// graphics state: a QR code's hundreds of squares cost one colour and one paint, and the
    /// page's fill colour is unchanged afterwards.
    pub(crate) fn fill_rects(&mut self, rects: &[(f32, f32, f32, f32)], grey: f32) {
        if rects.is_empty() {
            return;
        }
        self.graphics.save();
        self.graphics.fill_grey(grey);
        for &(x, y, w, h) in rects {
            let ll = self.point(x, y + h);
            self.graphics
                .rect_path(ll.x.0, ll.y.0, r2(mm_to_pt(w)), r2(mm_to_pt(h)));
        }
        self.graphics.fill();
        self.graphics.restore();
    }

    /// The page's graphics operators so far, for tests of what a drawing writes.
    #[cfg(test)]
    pub(crate) fn graphics_bytes(&self) -> &[u8] {
        &self.graphics.bytes
    }

    /// A point in mm (top-left origin) as printpdf's point, for the [`chart`](crate::chart) module.
    pub(crate) fn to_point(&self, x_mm: f32, y_mm: f32) -> Point {
        self.point(x_mm, y_mm)
    }

    /// Appends drawing operations (the charts' colours, dashes and polygons) inside their own
    /// graphics state, so the page's stroke width and colours are unchanged afterwards.
    pub(crate) fn push_ops(&mut self, ops: Vec<Op>) {
        let mark = self.graphics.bytes.len();
        self.graphics.save();
        let written = self.graphics.ops(&ops);
        self.graphics.restore();
        if let Err(e) = written {
            self.graphics.bytes.truncate(mark);
            self.refused.get_or_insert(e);
        }
    }

    /// Appends the page's content stream: graphics first, then one text section whose glyph
    /// codes come from `code` (the font of each character and its glyph, renumbered for that
    /// font's subset). A run that mixes fonts is split into one string per font: each `Tj`
    /// moves the text position on, so the next string starts where the last one ended.
    pub(crate) fn write_content(
        &self,
        out: &mut Vec<u8>,
        code: &mut dyn FnMut(char) -> Result<(Face, u16), PdfError>,
    ) -> Result<(), PdfError> {
        out.extend_from_slice(&self.graphics.bytes);
        if self.runs.is_empty() {
            return Ok(());
        }
        out.extend_from_slice(b"BT\n");
        let mut current: Option<(Face, f32)> = None;
        for run in &self.runs {
            let text = self
                .text
                .get(run.start as usize..run.end as usize)
                .unwrap_or_default();
            let (mut placed, mut open) = (false, false);
            for c in text.chars() {
                let (face, glyph) = code(c)?;
                if current != Some((face, run.size)) {
                    if open {
                        out.extend_from_slice(b")Tj\n");
                        open = false;
                    }
                    out.push(b'/');
                    out.extend_from_slice(FONT_RES[face.index()].as_bytes());
                    out.push(b' ');
                    push_num(out, run.size);
                    out.extend_from_slice(b" Tf\n");
                    current = Some((face, run.size));
                }
                if !placed {
                    out.extend_from_slice(b"1 0 0 1 ");
                    push_num(out, run.x);
                    out.push(b' ');
                    push_num(out, run.y);
                    out.extend_from_slice(b" Tm");
                    placed = true;
                }
                if !open {
                    out.push(b'(');
                    open = true;
                }
                push_code(out, glyph);
            }
            if open {
                out.extend_from_slice(b")Tj\n");
            }
        }
        out.extend_from_slice(b"ET\n");
        Ok(())
    }
}

/// Distance from a line box's top to the baseline that centres CJK glyphs vertically in it.
///
/// Ideographs occupy the em box from 0.88 em above to 0.12 em below the baseline.
pub fn baseline_offset_mm(line_height_mm: f32, size_pt: f32) -> f32 {
    let em = pt_to_mm(size_pt);
    (line_height_mm - em) / 2.0 + 0.88 * em
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_and_centre_alignment_measure_the_text() -> Result<(), PdfError> {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        let w = p.text(100.0, 20.0, 10.0, Align::Right, "十个字十个字十个字十")?;
        assert!((w - pt_to_mm(100.0)).abs() < 0.01, "width {w}");
        let x = p.runs[0].x;
        assert!((x - (mm_to_pt(100.0) - 100.0)).abs() < 0.01);
        Ok(())
    }

    #[test]
    fn a_text_box_wraps_and_reports_its_height() -> Result<(), PdfError> {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        // 10 pt ≈ 3.53 mm per character; 20 mm holds 5 characters.
        let h = p.text_box(
            20.0,
            20.0,
            20.0,
            10.0,
            5.0,
            Align::Left,
            "一二三四五六七八九十十一",
        )?;
        assert!((h - 15.0).abs() < 1e-3, "height {h}");
        assert_eq!(p.runs.len(), 3);
        Ok(())
    }
}
