//! Assembly of [`Page`]s into one PDF: metadata, the subset font, and the missing-glyph guard.

use std::hash::{Hash, Hasher};

use chrono::NaiveDateTime;

use crate::fonts::font;
use crate::page::Page;
use crate::writer::{write, FileInfo};
use crate::PdfError;

/// A six-capital-letter subset tag derived from `seed` (ISO 32000-1 §9.6.4).
fn subset_tag(seed: &impl Hash) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    seed.hash(&mut h);
    let mut n = h.finish();
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (n % 26) as u8);
            n /= 26;
            c
        })
        .collect()
}

/// Document-level metadata written into the PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct DocInfo {
    /// Document title (shown by PDF viewers).
    pub title: String,
    /// Creation date; local time in China (UTC+8).
    pub created: NaiveDateTime,
}

/// A PDF date for China local time, written as UTC (`D:20261129013000+00'00'` for 09:30 in
/// Beijing), as the files have always carried it.
fn pdf_date(local: NaiveDateTime) -> String {
    let t = local - chrono::Duration::hours(8);
    format!("D:{}+00'00'", t.format("%Y%m%d%H%M%S"))
}

/// Saves `pages` as one PDF with the font subset into it.
///
/// Fails with [`PdfError::MissingGlyphs`] (naming the pages) if any page drew a character the
/// font lacks, and with [`PdfError::Invalid`] if there are no pages.
pub fn render_pages(info: &DocInfo, mut pages: Vec<Page>) -> Result<Vec<u8>, PdfError> {
    if pages.is_empty() {
        return Err(PdfError::Invalid("文档没有任何页面".into()));
    }
    let total = pages.len();
    for (i, p) in pages.iter_mut().enumerate() {
        p.draw_number(i + 1, total)?;
    }
    let mut chars: Vec<char> = Vec::new();
    let mut where_: Vec<String> = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if !p.missing_glyphs().is_empty() {
            where_.push(format!("第 {} 页", i + 1));
            for &c in p.missing_glyphs() {
                if !chars.contains(&c) {
                    chars.push(c);
                }
            }
        }
    }
    if !chars.is_empty() {
        return Err(PdfError::MissingGlyphs {
            chars: chars.into_iter().collect(),
            context: where_.join("、"),
        });
    }

    if let Some(e) = pages.iter().find_map(Page::refused) {
        return Err(e.clone());
    }

    let f = font()?;
    let tag = subset_tag(&(&info.title, info.created, pages.len()));
    let date = pdf_date(info.created);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&info.title, info.created, pages.len()).hash(&mut h);
    write(
        f,
        &FileInfo {
            title: &info.title,
            date: &date,
            subset_tag: &tag,
            id_seed: h.finish(),
        },
        &pages,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Align, PageSize};

    fn info() -> DocInfo {
        DocInfo {
            title: "测试".into(),
            created: chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
                .and_then(|d| d.and_hms_opt(9, 30, 0))
                .unwrap_or_default(),
        }
    }

    #[test]
    fn a_page_with_text_and_lines_saves_as_a_pdf() -> Result<(), PdfError> {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        p.text(105.0, 30.0, 18.0, Align::Center, "门前三包责任书")?;
        p.line(15.0, 40.0, 195.0, 40.0, 0.5);
        p.fill_rect(15.0, 50.0, 180.0, 10.0, 0.9);
        p.stroke_rect(15.0, 50.0, 180.0, 10.0, 0.5);
        let bytes = render_pages(&info(), vec![p])?;
        assert!(bytes.starts_with(b"%PDF"));
        Ok(())
    }

    #[test]
    fn the_creation_date_is_the_print_date_not_1970() -> Result<(), PdfError> {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        p.text(20.0, 20.0, 10.0, Align::Left, "日期")?;
        let bytes = render_pages(&info(), vec![p])?;
        let text = String::from_utf8_lossy(&bytes);
        // 09:30 in Beijing is 01:30 UTC.
        assert!(
            text.contains("D:20261129013000+00'00'"),
            "no creation date in PDF"
        );
        assert!(!text.contains("D:1970"));
        Ok(())
    }

    #[test]
    fn a_character_the_font_lacks_stops_the_document_and_names_the_page() -> Result<(), PdfError> {
        let mut ok = Page::new(PageSize::A4_PORTRAIT);
        ok.text(20.0, 20.0, 10.0, Align::Left, "正常")?;
        let mut bad = Page::new(PageSize::A4_PORTRAIT);
        bad.text(20.0, 20.0, 10.0, Align::Left, "王\u{2A6D6}")?;
        match render_pages(&info(), vec![ok, bad]) {
            Err(PdfError::MissingGlyphs { chars, context }) => {
                assert_eq!(chars, "\u{2A6D6}");
                assert_eq!(context, "第 2 页");
            }
            other => panic!("expected MissingGlyphs, got {other:?}"),
        }
        Ok(())
    }

    #[test]
    fn subset_tags_are_six_capital_letters() {
        let t = subset_tag(&"x");
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
    }
}
