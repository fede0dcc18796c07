//! QR codes of document numbers, drawn as black squares so that a USB scanner at the office
//! reads a returned pledge, notice or receipt back as its number.
//!
//! The code is vector graphics like the rest of the page (no image, sharp at any printer's
//! resolution): each row's run of dark modules is one rectangle, all of them one filled path.

use qrcode::{Color, EcLevel, QrCode};

use crate::{Page, PdfError};

/// White modules around the code on every side: readers need them to find the code, and a
/// frame or text drawn closer makes it unreadable.
pub const QUIET_ZONE: usize = 4;

/// The dark rectangles of `code`, as (first column, row, length) in modules, quiet zone
/// excluded: one per horizontal run of dark modules.
fn dark_runs(code: &QrCode) -> Vec<(usize, usize, usize)> {
    let n = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for (row, line) in colors.chunks(n).enumerate() {
        let mut col = 0;
        while col < line.len() {
            if line[col] == Color::Dark {
                let start = col;
                while col < line.len() && line[col] == Color::Dark {
                    col += 1;
                }
                runs.push((start, row, col - start));
            } else {
                col += 1;
            }
        }
    }
    runs
}

impl Page {
    /// Draws `text` as a QR code (error correction M: a smudge or a fold still reads) in a
    /// square `size_mm` wide whose top-left corner is (`x_mm`, `y_mm`). The square includes the
    /// quiet zone, which is painted white so a rule or shading underneath cannot spoil it; the
    /// page's fill colour is unchanged afterwards. For a number of a dozen characters (29
    /// modules with the quiet zone) 22 mm gives 0.76 mm modules, which read back from a 150 dpi
    /// rasterisation every time; at 20 mm one code in ten did not.
    pub fn qr_code(
        &mut self,
        x_mm: f32,
        y_mm: f32,
        size_mm: f32,
        text: &str,
    ) -> Result<(), PdfError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| PdfError::Render(format!("无法为「{text}」生成二维码：{e}")))?;
        let modules = code.width() + 2 * QUIET_ZONE;
        let m = size_mm / modules as f32;
        self.fill_rects(&[(x_mm, y_mm, size_mm, size_mm)], 1.0);
        let rects: Vec<(f32, f32, f32, f32)> = dark_runs(&code)
            .into_iter()
            .map(|(col, row, len)| {
                (
                    x_mm + (QUIET_ZONE + col) as f32 * m,
                    y_mm + (QUIET_ZONE + row) as f32 * m,
                    len as f32 * m,
                    m,
                )
            })
            .collect();
        self.fill_rects(&rects, 0.0);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{self, printed_at};
    use crate::{render_pages, Align, DocInfo, PageSize};

    fn count(haystack: &str, op: &str) -> usize {
        haystack.lines().filter(|l| l.ends_with(op)).count()
    }

    #[test]
    fn a_qr_code_decodes_to_the_number_it_was_given() -> Result<(), Box<dyn std::error::Error>> {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        p.text(20.0, 20.0, 11.0, Align::Left, "编号：MQ-2026-00042")?;
        p.qr_code(168.0, 4.0, 22.0, "MQ-2026-00042")?;
        let bytes = render_pages(
            &DocInfo {
                title: "二维码".into(),
                created: printed_at(),
            },
            vec![p],
        )?;
        let file = testutil::write("qr", &bytes)?;
        let Some(png) = testutil::pdftoppm_first_page(&file, 150) else {
            return Ok(());
        };
        let img = image::open(&png)?.to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1, "one code on the page");
        let (_, content) = grids[0].decode()?;
        assert_eq!(content, "MQ-2026-00042");
        Ok(())
    }

    #[test]
    fn each_run_of_dark_modules_is_one_rectangle_in_one_black_fill() -> Result<(), PdfError> {
        let text = "ZG-2026-0007";
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        p.qr_code(10.0, 10.0, 20.0, text)?;
        let ops = String::from_utf8_lossy(p.graphics_bytes()).into_owned();
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| PdfError::Render(e.to_string()))?;
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        let runs = dark_runs(&code);
        assert_eq!(runs.iter().map(|r| r.2).sum::<usize>(), dark);
        assert!(
            runs.len() < dark,
            "runs are merged: {} of {dark}",
            runs.len()
        );
        // The white square, then the runs: one rectangle each, painted by two fills.
        assert_eq!(count(&ops, " re"), runs.len() + 1);
        assert_eq!(count(&ops, "f"), 2);
        assert!(ops.contains("\n0 g\n"), "the squares are black: {ops:.80}");
        assert!(ops.starts_with("q\n1 g\n"), "the quiet zone is white");
        Ok(())
    }

    #[test]
    fn drawing_a_code_leaves_the_fill_colour_as_it_was() -> Result<(), PdfError> {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        p.fill_rect(0.0, 0.0, 10.0, 10.0, 0.85);
        p.qr_code(20.0, 20.0, 20.0, "HS01-0000123")?;
        let ops = String::from_utf8_lossy(p.graphics_bytes()).into_owned();
        // Every colour change sits inside its own q … Q, so what follows is drawn as before.
        assert_eq!(count(&ops, "q"), count(&ops, "Q"));
        let mut depth = 0i32;
        for line in ops.lines() {
            match line {
                "q" => depth += 1,
                "Q" => depth -= 1,
                l if l.ends_with(" g") => assert!(depth > 0, "colour set outside q/Q: {l}"),
                _ => {}
            }
        }
        assert_eq!(depth, 0);
        assert!(ops.ends_with("f\nQ\n"));
        Ok(())
    }

    #[test]
    fn a_text_too_long_for_any_code_is_refused_in_chinese() {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        let long = "MQ".repeat(2000);
        match p.qr_code(10.0, 10.0, 20.0, &long) {
            Err(PdfError::Render(m)) => assert!(m.contains("无法为"), "{m}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
