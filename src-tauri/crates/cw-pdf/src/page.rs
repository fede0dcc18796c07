//! A page builder in millimetres with a top-left origin, and assembly of pages into a PDF.
//!
//! Coordinates: `x` grows rightwards from the left paper edge, `y` grows downwards from the top
//! paper edge, both in mm — the way forms are measured with a ruler. Text is placed by its
//! baseline. All text uses the embedded font; characters it lacks are recorded on the page and
//! make [`render_pages`](crate::doc::render_pages) fail rather than print empty boxes.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect,
    TextItem, TextMatrix, WindingOrder,
};

use crate::fonts::{font, Font};
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

/// The resource name every page uses for the embedded font (replaced per document on save).
pub(crate) const FONT_RES: &str = "FCWNOTO";

/// One page being drawn. Create with [`Page::new`], draw, then pass to [`render_pages`](crate::doc::render_pages).
#[derive(Debug, Clone)]
pub struct Page {
    size: PageSize,
    /// Graphics (lines, fills) — drawn first, under the text.
    graphics: Vec<Op>,
    /// Text runs: (size pt, x pt, baseline y pt from the bottom, text).
    texts: Vec<(f32, f32, f32, String)>,
    missing: Vec<char>,
    /// Last stroke width set, to avoid repeating it.
    stroke_pt: Option<f32>,
    /// Where "第 N 页 / 共 M 页" of the whole document goes, drawn by `render_pages` once the
    /// document's length is known: (x mm, baseline mm, size pt), centred.
    number_slot: Option<(f32, f32, f32)>,
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
            graphics: Vec::new(),
            texts: Vec::new(),
            missing: Vec::new(),
            stroke_pt: None,
            number_slot: None,
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

    /// Characters drawn on this page that the font lacks, each once.
    pub fn missing_glyphs(&self) -> &[char] {
        &self.missing
    }

    fn point(&self, x_mm: f32, y_mm: f32) -> Point {
        Point {
            x: Pt(r2(mm_to_pt(x_mm))),
            y: Pt(r2(mm_to_pt(self.size.height_mm - y_mm))),
        }
    }

    fn set_stroke(&mut self, width_pt: f32) {
        if self.stroke_pt != Some(width_pt) {
            self.graphics
                .push(Op::SetOutlineThickness { pt: Pt(width_pt) });
            self.stroke_pt = Some(width_pt);
        }
    }

    fn record_missing(&mut self, f: &Font, text: &str) {
        for c in f.missing_glyphs(text) {
            if !self.missing.contains(&c) {
                self.missing.push(c);
            }
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
        let f = font()?;
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.record_missing(f, &clean);
        let width_pt = f.text_width(&clean, size_pt);
        let x_pt = match align {
            Align::Left => mm_to_pt(x_mm),
            Align::Center => mm_to_pt(x_mm) - width_pt / 2.0,
            Align::Right => mm_to_pt(x_mm) - width_pt,
        };
        let y_pt = mm_to_pt(self.size.height_mm - baseline_mm);
        if !clean.trim().is_empty() {
            self.texts.push((size_pt, r2(x_pt), r2(y_pt), clean));
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
        let points = vec![
            LinePoint {
                p: self.point(x1_mm, y1_mm),
                bezier: false,
            },
            LinePoint {
                p: self.point(x2_mm, y2_mm),
                bezier: false,
            },
        ];
        self.set_stroke(width_pt);
        self.graphics.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: false,
            },
        });
    }

    fn rect(&mut self, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32, mode: PaintMode) {
        let ll = self.point(x_mm, y_mm + h_mm);
        self.graphics.push(Op::DrawRectangle {
            rectangle: Rect {
                x: ll.x,
                y: ll.y,
                width: Pt(r2(mm_to_pt(w_mm))),
                height: Pt(r2(mm_to_pt(h_mm))),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    /// The outline of a rectangle whose top-left corner is (x, y), `width_pt` thick.
    pub fn stroke_rect(&mut self, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32, width_pt: f32) {
        self.set_stroke(width_pt);
        self.rect(x_mm, y_mm, w_mm, h_mm, PaintMode::Stroke);
    }

    /// A rectangle filled with grey (`0.0` black … `1.0` white), without outline.
    pub fn fill_rect(&mut self, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32, grey: f32) {
        self.graphics.push(Op::SaveGraphicsState);
        self.graphics.push(Op::SetFillColor {
            col: Color::Greyscale(Greyscale {
                percent: grey.clamp(0.0, 1.0),
                icc_profile: None,
            }),
        });
        self.rect(x_mm, y_mm, w_mm, h_mm, PaintMode::Fill);
        self.graphics.push(Op::RestoreGraphicsState);
    }

    /// A point in mm (top-left origin) as printpdf's point, for the [`chart`](crate::chart) module.
    pub(crate) fn to_point(&self, x_mm: f32, y_mm: f32) -> Point {
        self.point(x_mm, y_mm)
    }

    /// Appends drawing operations (the charts' colours, dashes and polygons) inside their own
    /// graphics state, so the page's stroke width and colours are unchanged afterwards.
    pub(crate) fn push_ops(&mut self, ops: Vec<Op>) {
        self.graphics.push(Op::SaveGraphicsState);
        self.graphics.extend(ops);
        self.graphics.push(Op::RestoreGraphicsState);
    }

    /// The page's content as printpdf operations: graphics first, then one text section.
    pub(crate) fn into_ops(self, font_id: &FontId) -> Vec<Op> {
        let mut ops = self.graphics;
        if self.texts.is_empty() {
            return ops;
        }
        ops.reserve(self.texts.len() * 3 + 2);
        ops.push(Op::StartTextSection);
        let mut current_size = f32::NAN;
        for (size, x, y, text) in self.texts {
            if size != current_size {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id.clone()),
                    size: Pt(size),
                });
                current_size = size;
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x), Pt(y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text)],
            });
        }
        ops.push(Op::EndTextSection);
        ops
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
        let (_, x, _, _) = p.texts[0].clone();
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
        assert_eq!(p.texts.len(), 3);
        Ok(())
    }
}
