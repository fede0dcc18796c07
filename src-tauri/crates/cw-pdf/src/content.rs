//! PDF content-stream operators written straight into a byte buffer.
//!
//! A month's fine report draws about 560 pages of table rules and a million glyphs; building
//! printpdf `Op` values and letting lopdf turn each into objects cost more than the drawing
//! itself. Pages append their operators here as they draw, and [`crate::doc`] only compresses
//! the bytes.

use printpdf::{Color, Line, LinePoint, Op, PaintMode, Point, Polygon, WindingOrder};

use crate::PdfError;

/// Appends `v` rounded to 0.01 with no trailing zeros (`12.5`, `-3`, `0.35`).
pub(crate) fn push_num(out: &mut Vec<u8>, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push(b'-');
    }
    let n = hundredths.unsigned_abs();
    push_uint(out, n / 100);
    let frac = n % 100;
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
}

/// Appends `n` in decimal.
pub(crate) fn push_uint(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `v` as four upper-case hex digits (a two-byte Identity-H code).
pub(crate) fn push_hex4(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&[
        HEX[usize::from(v >> 12)],
        HEX[usize::from((v >> 8) & 0xF)],
        HEX[usize::from((v >> 4) & 0xF)],
        HEX[usize::from(v & 0xF)],
    ]);
}

/// Appends a two-byte Identity-H code inside a literal string: raw bytes, half the size of hex
/// (less to compress), with the delimiters, the backslash and line ends escaped — an
/// unescaped CR would be read back as LF.
pub(crate) fn push_code(out: &mut Vec<u8>, code: u16) {
    for b in code.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
}

/// The operators of one page's graphics, in PDF points with the origin at the bottom left.
#[derive(Debug, Clone, Default)]
pub(crate) struct Content {
    pub(crate) bytes: Vec<u8>,
}

impl Content {
    fn nums(&mut self, vs: &[f32], op: &str) {
        for v in vs {
            push_num(&mut self.bytes, *v);
            self.bytes.push(b' ');
        }
        self.bytes.extend_from_slice(op.as_bytes());
        self.bytes.push(b'\n');
    }

    fn op(&mut self, op: &str) {
        self.bytes.extend_from_slice(op.as_bytes());
        self.bytes.push(b'\n');
    }

    /// `w`: the stroke width in points.
    pub(crate) fn line_width(&mut self, pt: f32) {
        self.nums(&[pt], "w");
    }

    /// `q`.
    pub(crate) fn save(&mut self) {
        self.op("q");
    }

    /// `Q`.
    pub(crate) fn restore(&mut self) {
        self.op("Q");
    }

    /// `g`: a grey fill, 0 black … 1 white.
    pub(crate) fn fill_grey(&mut self, grey: f32) {
        self.nums(&[grey.clamp(0.0, 1.0)], "g");
    }

    /// A straight line from `a` to `b`, stroked.
    pub(crate) fn segment(&mut self, a: (f32, f32), b: (f32, f32)) {
        self.nums(&[a.0, a.1], "m");
        self.nums(&[b.0, b.1], "l");
        self.op("S");
    }

    /// `cm` scaling the unit square to `w` × `h` points with its lower-left corner at (x, y).
    pub(crate) fn transform(&mut self, w: f32, h: f32, x: f32, y: f32) {
        self.nums(&[w, 0.0, 0.0, h, x, y], "cm");
    }

    /// `/ImN Do`: the page's `n`-th image.
    pub(crate) fn draw_image(&mut self, n: usize) {
        self.bytes.extend_from_slice(b"/Im");
        push_uint(&mut self.bytes, n as u64);
        self.op(" Do");
    }

    /// `re` alone: one more rectangle on the current path, painted later by [`Content::fill`].
    pub(crate) fn rect_path(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.nums(&[x, y, w, h], "re");
    }

    /// `f`: fills the current path (every rectangle added since the last paint at once).
    pub(crate) fn fill(&mut self) {
        self.op("f");
    }

    /// `re` followed by the paint operator `paint` (`f`, `S`, …).
    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, paint: &str) {
        self.nums(&[x, y, w, h], "re");
        self.op(paint);
    }

    fn colour(&mut self, col: &Color, stroke: bool) -> Result<(), PdfError> {
        match col {
            Color::Greyscale(g) => self.nums(&[g.percent], if stroke { "G" } else { "g" }),
            Color::Rgb(c) => self.nums(&[c.r, c.g, c.b], if stroke { "RG" } else { "rg" }),
            Color::Cmyk(c) => self.nums(&[c.c, c.m, c.y, c.k], if stroke { "K" } else { "k" }),
            Color::SpotColor(_) => {
                return Err(PdfError::Render("不支持专色（spot color）".into()));
            }
        }
        Ok(())
    }

    fn path(&mut self, points: &[LinePoint]) -> Result<(), PdfError> {
        if points.iter().any(|p| p.bezier) {
            return Err(PdfError::Render("图形不支持曲线".into()));
        }
        for (
            i,
            LinePoint {
                p: Point { x, y }, ..
            },
        ) in points.iter().enumerate()
        {
            self.nums(&[x.0, y.0], if i == 0 { "m" } else { "l" });
        }
        Ok(())
    }

    fn line(&mut self, line: &Line) -> Result<(), PdfError> {
        if line.points.is_empty() {
            return Ok(());
        }
        self.path(&line.points)?;
        self.op(if line.is_closed { "h S" } else { "S" });
        Ok(())
    }

    fn polygon(&mut self, poly: &Polygon) -> Result<(), PdfError> {
        let mut any = false;
        for ring in poly.rings.iter().filter(|r| !r.points.is_empty()) {
            self.path(&ring.points)?;
            self.op("h");
            any = true;
        }
        if !any {
            return Ok(());
        }
        let even_odd = matches!(poly.winding_order, WindingOrder::EvenOdd);
        self.op(match (poly.mode, even_odd) {
            (PaintMode::Stroke, _) => "S",
            (PaintMode::Fill, false) => "f",
            (PaintMode::Fill, true) => "f*",
            (PaintMode::FillStroke, false) => "B",
            (PaintMode::FillStroke, true) => "B*",
            (PaintMode::Clip, false) => "W n",
            (PaintMode::Clip, true) => "W* n",
        });
        Ok(())
    }

    /// Writes the printpdf operations the [`chart`](crate::chart) module builds: paths,
    /// polygons, stroke width, colours, dashes and graphics-state saves. Anything else is
    /// refused, so a new kind of drawing cannot silently vanish from the page.
    pub(crate) fn ops(&mut self, ops: &[Op]) -> Result<(), PdfError> {
        for op in ops {
            match op {
                Op::SaveGraphicsState => self.save(),
                Op::RestoreGraphicsState => self.restore(),
                Op::SetOutlineThickness { pt } => self.line_width(pt.0),
                Op::SetOutlineColor { col } => self.colour(col, true)?,
                Op::SetFillColor { col } => self.colour(col, false)?,
                Op::SetLineDashPattern { dash } => {
                    self.bytes.push(b'[');
                    for (i, d) in dash.pattern.iter().enumerate() {
                        if i > 0 {
                            self.bytes.push(b' ');
                        }
                        push_num(&mut self.bytes, *d);
                    }
                    self.bytes.extend_from_slice(b"] ");
                    self.nums(&[dash.offset], "d");
                }
                Op::DrawLine { line } => self.line(line)?,
                Op::DrawPolygon { polygon } => self.polygon(polygon)?,
                other => {
                    return Err(PdfError::Render(format!("图形操作不受支持：{other:?}")));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use printpdf::{Greyscale, LineDashPattern, PolygonRing, Pt};

    fn num(v: f32) -> String {
        let mut out = Vec::new();
        push_num(&mut out, v);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn numbers_are_written_to_the_hundredth_without_trailing_zeros() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(0.35), "0.35");
        assert_eq!(num(841.89), "841.89");
        assert_eq!(num(-3.004), "-3");
        assert_eq!(num(-0.05), "-0.05");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(7.999), "8");
    }

    #[test]
    fn glyph_codes_are_four_hex_digits() {
        let mut out = Vec::new();
        push_hex4(&mut out, 0x0A3F);
        push_hex4(&mut out, 0);
        push_hex4(&mut out, 0xFFFF);
        assert_eq!(out, b"0A3F0000FFFF");
    }

    #[test]
    fn glyph_codes_in_literal_strings_escape_what_a_reader_would_misread() {
        let mut out = Vec::new();
        for code in [0x0041, 0x2829, 0x5C0D, 0x0A07] {
            push_code(&mut out, code);
        }
        assert_eq!(out, b"\0A\\(\\)\\\\\\r\\n\x07");
    }

    #[test]
    fn chart_operations_become_pdf_operators() -> Result<(), PdfError> {
        let p = |x: f32, y: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        let mut c = Content::default();
        c.ops(&[
            Op::SaveGraphicsState,
            Op::SetOutlineThickness { pt: Pt(0.6) },
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale {
                    percent: 0.5,
                    icc_profile: None,
                }),
            },
            Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &[3.0, 1.5]),
            },
            Op::DrawLine {
                line: Line {
                    points: vec![p(1.0, 2.0), p(3.0, 4.0)],
                    is_closed: false,
                },
            },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing {
                        points: vec![p(0.0, 0.0), p(5.0, 0.0), p(5.0, 5.0)],
                    }],
                    mode: PaintMode::FillStroke,
                    winding_order: WindingOrder::NonZero,
                },
            },
            Op::RestoreGraphicsState,
        ])?;
        assert_eq!(
            String::from_utf8_lossy(&c.bytes),
            "q\n0.6 w\n0.5 G\n[3 1.5] 0 d\n1 2 m\n3 4 l\nS\n0 0 m\n5 0 l\n5 5 l\nh\nB\nQ\n"
        );
        Ok(())
    }

    #[test]
    fn an_operation_the_writer_does_not_know_is_refused_not_dropped() {
        let mut c = Content::default();
        assert!(matches!(
            c.ops(&[Op::SetWordSpacing { pt: Pt(1.0) }]),
            Err(PdfError::Render(_))
        ));
    }
}
