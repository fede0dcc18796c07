//! Assembly of [`Page`]s into one PDF: metadata, the subset fonts, and what becomes of a
//! character no font has — refused ([`render_pages`]) or printed as □ and reported
//! ([`render_pages_lenient`], for documents that print many people at once).

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

/// One entry of a document's outline (the bookmarks a viewer lists beside the pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    /// What the entry reads, e.g. 三、会议记录.
    pub title: String,
    /// The page it opens, counted from 0.
    pub page: usize,
}

/// A PDF and the characters no font could draw in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file.
    pub bytes: Vec<u8>,
    /// Characters no embedded font has, each once in order of first appearance; each is
    /// printed as □.
    pub missing: Vec<char>,
    /// The pages (numbered from 1) on which they are.
    pub pages: Vec<usize>,
}

impl Rendered {
    /// The warning the clerk sees for document `title` when some characters could not be
    /// printed, e.g. 「工资考核结算单」有字库中没有的字：𰻞（第 2、5 页），已印作□，请在纸上手写补齐。
    pub fn warning(&self, title: &str) -> Option<String> {
        if self.missing.is_empty() {
            return None;
        }
        const SHOWN: usize = 10;
        let mut pages: Vec<String> = self
            .pages
            .iter()
            .take(SHOWN)
            .map(usize::to_string)
            .collect();
        if self.pages.len() > SHOWN {
            pages.push(format!("等 {} 页", self.pages.len()));
        }
        Some(format!(
            "「{title}」中有字库没有的字：{}（第 {} 页），已印作□，请在纸上手写补齐。",
            self.missing.iter().collect::<String>(),
            pages.join("、")
        ))
    }
}

/// The characters no font has on `pages`, each once, and the pages (from 1) they are on.
fn missing_on(pages: &[Page]) -> (Vec<char>, Vec<usize>) {
    let mut chars: Vec<char> = Vec::new();
    let mut on: Vec<usize> = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if !p.missing_glyphs().is_empty() {
            on.push(i + 1);
            for &c in p.missing_glyphs() {
                if !chars.contains(&c) {
                    chars.push(c);
                }
            }
        }
    }
    (chars, on)
}

/// Saves `pages` as one PDF with the fonts subset into it.
///
/// Fails with [`PdfError::MissingGlyphs`] (naming the pages) if any page drew a character no
/// font has, and with [`PdfError::Invalid`] if there are no pages. For a single form (one
/// notice, one report) the clerk corrects the text and prints again.
pub fn render_pages(info: &DocInfo, pages: Vec<Page>) -> Result<Vec<u8>, PdfError> {
    let (pages, chars, on) = prepare(pages)?;
    if !chars.is_empty() {
        return Err(PdfError::MissingGlyphs {
            chars: chars.into_iter().collect(),
            context: on
                .iter()
                .map(|n| format!("第 {n} 页"))
                .collect::<Vec<_>>()
                .join("、"),
        });
    }
    save(info, &pages)
}

/// Saves `pages` as one PDF even when some characters are in no font: they print as □ and are
/// returned with the pages they are on, so a batch (a month's statements, a roster, a book of
/// receipts) never stops for one name.
pub fn render_pages_lenient(info: &DocInfo, pages: Vec<Page>) -> Result<Rendered, PdfError> {
    let (pages, missing, on) = prepare(pages)?;
    Ok(Rendered {
        bytes: save(info, &pages)?,
        missing,
        pages: on,
    })
}

/// Saves `pages` leniently (see [`render_pages_lenient`]) with `outline` as its bookmarks: a
/// long document of sections, such as the 迎检 binder.
pub fn render_book(
    info: &DocInfo,
    pages: Vec<Page>,
    outline: &[Bookmark],
) -> Result<Rendered, PdfError> {
    let (pages, missing, on) = prepare(pages)?;
    Ok(Rendered {
        bytes: save_with(info, &pages, outline)?,
        missing,
        pages: on,
    })
}

/// Numbered pages, the characters on them no font has, and the pages (from 1) those are on.
type Prepared = (Vec<Page>, Vec<char>, Vec<usize>);

/// Numbers the pages and finds what no font has; refuses an empty document and a drawing the
/// content writer could not write.
fn prepare(mut pages: Vec<Page>) -> Result<Prepared, PdfError> {
    if pages.is_empty() {
        return Err(PdfError::Invalid("文档没有任何页面".into()));
    }
    let total = pages.len();
    for (i, p) in pages.iter_mut().enumerate() {
        p.draw_number(i + 1, total)?;
    }
    let (chars, on) = missing_on(&pages);
    if let Some(e) = pages.iter().find_map(Page::refused) {
        return Err(e.clone());
    }
    Ok((pages, chars, on))
}

fn save(info: &DocInfo, pages: &[Page]) -> Result<Vec<u8>, PdfError> {
    save_with(info, pages, &[])
}

fn save_with(info: &DocInfo, pages: &[Page], outline: &[Bookmark]) -> Result<Vec<u8>, PdfError> {
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
            outline,
        },
        pages,
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
        bad.text(20.0, 20.0, 10.0, Align::Left, "王\u{30EDE}")?;
        match render_pages(&info(), vec![ok, bad]) {
            Err(PdfError::MissingGlyphs { chars, context }) => {
                assert_eq!(chars, "\u{30EDE}");
                assert_eq!(context, "第 2 页");
            }
            other => panic!("expected MissingGlyphs, got {other:?}"),
        }
        Ok(())
    }

    #[test]
    fn a_lenient_document_prints_a_box_for_a_character_no_font_has_and_names_it(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let mut ok = Page::new(PageSize::A4_PORTRAIT);
        ok.text(20.0, 20.0, 10.0, Align::Left, "李建国　王\u{2A6A5}")?;
        let mut bad = Page::new(PageSize::A4_PORTRAIT);
        bad.text(20.0, 20.0, 10.0, Align::Left, "张\u{30EDE}\u{30EDE}面馆")?;
        let r = render_pages_lenient(&info(), vec![ok, bad])?;
        assert_eq!(r.missing, vec!['\u{30EDE}']);
        assert_eq!(r.pages, vec![2]);
        assert_eq!(
            r.warning("工资考核结算单").as_deref(),
            Some("「工资考核结算单」中有字库没有的字：\u{30EDE}（第 2 页），已印作□，请在纸上手写补齐。")
        );
        let file = crate::testutil::write("lenient", &r.bytes)?;
        if let Some(pages) = crate::testutil::pdftotext_pages(&file) {
            assert!(pages[0].contains("李建国"), "{}", pages[0]);
            assert!(pages[0].contains("王\u{2A6A5}"), "{}", pages[0]);
            assert!(pages[1].contains("张□□面馆"), "{}", pages[1]);
        }
        if let Some((ok, out)) = crate::testutil::qpdf_check(&file) {
            assert!(ok, "{out}");
        }
        Ok(())
    }

    #[test]
    fn a_lenient_document_with_every_character_printable_has_no_warning() -> Result<(), PdfError> {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        p.text(20.0, 20.0, 10.0, Align::Left, "王\u{2A6A5}")?;
        let r = render_pages_lenient(&info(), vec![p])?;
        assert!(r.missing.is_empty() && r.pages.is_empty());
        assert_eq!(r.warning("收据"), None);
        Ok(())
    }

    #[test]
    fn subset_tags_are_six_capital_letters() {
        let t = subset_tag(&"x");
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
    }
}
