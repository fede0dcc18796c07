//! Tests of the file writer: strings, the ToUnicode map, the subsets, and files read back.

use super::*;
use crate::testutil::{pdffonts, pdftotext_pages, qpdf_check, write as write_file};
use crate::{render_pages, Align, DocInfo, PageSize};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn info() -> DocInfo {
    DocInfo {
        title: "写出测试".into(),
        created: crate::testutil::printed_at(),
    }
}

#[test]
fn a_title_is_written_as_utf16_with_a_byte_order_mark() {
    assert_eq!(text_string("罚A"), "<FEFF7F5A0041>");
}

#[test]
fn the_unicode_map_covers_every_glyph_in_blocks_of_at_most_a_hundred() {
    let glyphs: Vec<(u16, u16, char)> = (1..=150u16)
        .map(|i| {
            (
                i,
                i + 1000,
                char::from_u32(0x4E00 + u32::from(i)).unwrap_or('?'),
            )
        })
        .chain([(151, 9, '\u{20BB7}')])
        .collect();
    let cmap = String::from_utf8_lossy(&to_unicode(&glyphs)).into_owned();
    assert!(cmap.contains("100 beginbfchar"));
    assert!(cmap.contains("51 beginbfchar"));
    assert!(cmap.contains("<0001> <4E01>"));
    assert!(cmap.contains("<0096> <4E96>"));
    // Beyond the BMP: a surrogate pair.
    assert!(cmap.contains("<0097> <D842DFB7>"));
}

/// 300 different ideographs, so the subset numbers glyphs past 0x28, 0x29, 0x5C, 0x0A and
/// 0x0D — the bytes a literal string must escape.
fn many_characters() -> String {
    (0x4E00u32..0x4E00 + 300)
        .filter_map(char::from_u32)
        .filter(|c| crate::fonts::missing_glyphs(&c.to_string()).is_empty())
        .collect()
}

#[test]
fn every_character_reads_back_exactly_through_the_unicode_map() -> TestResult {
    let text = many_characters();
    assert!(text.chars().count() > 200, "font lacks too many");
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    let lines: Vec<String> = text
        .chars()
        .collect::<Vec<_>>()
        .chunks(20)
        .map(|c| c.iter().collect())
        .collect();
    for (i, line) in lines.iter().enumerate() {
        p.text(15.0, 20.0 + 6.0 * i as f32, 10.0, Align::Left, line)?;
    }
    // Parentheses and a backslash as text, too.
    p.text(15.0, 200.0, 10.0, Align::Left, r"(a\b) （甲）")?;
    let file = write_file("many", &render_pages(&info(), vec![p])?)?;
    if let Some(pages) = pdftotext_pages(&file) {
        let got: Vec<&str> = pages[0]
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        for line in &lines {
            assert!(
                got.contains(&line.as_str()),
                "{line} not read back:\n{}",
                pages[0]
            );
        }
        assert!(got.contains(&r"(a\b) （甲）"), "{}", pages[0]);
    }
    if let Some(out) = pdffonts(&file) {
        assert!(out.contains("+NotoSerifSC-Regular"), "{out}");
        assert!(out.contains("CID TrueType"), "{out}");
        assert!(out.contains("yes yes yes"), "{out}");
    }
    if let Some((ok, out)) = qpdf_check(&file) {
        assert!(ok, "{out}");
    }
    Ok(())
}

#[test]
fn only_the_glyphs_drawn_are_in_the_subset_each_numbered_once() -> Result<(), PdfError> {
    let f = crate::fonts::font()?;
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    p.text(10.0, 10.0, 10.0, Align::Left, "罚款罚款 12")?;
    let [sub, fallback] = subsets(f, &[p])?;
    assert!(fallback.is_none(), "no rare character, no fallback subset");
    let sub = sub.ok_or_else(|| PdfError::Render("no subset".into()))?;
    let chars: String = sub.glyphs.iter().map(|g| g.2).collect();
    let mut want: Vec<char> = "罚款 12".chars().collect();
    want.sort_by_key(|c| f.glyph(*c));
    assert_eq!(chars, want.into_iter().collect::<String>());
    let codes: Vec<u16> = sub.glyphs.iter().map(|g| g.0).collect();
    assert_eq!(codes, (1..=codes.len() as u16).collect::<Vec<_>>());
    for &(code, orig, _) in &sub.glyphs {
        assert_eq!(sub.code_of[usize::from(orig)], code);
    }
    Ok(())
}

#[test]
fn a_name_in_extension_b_prints_with_the_fallback_font_and_reads_back() -> TestResult {
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    // The rare character mid-run: the text after it must follow on the same line.
    p.text(20.0, 20.0, 12.0, Align::Left, "保洁员王\u{2A6A5}（黄山路）")?;
    p.text(20.0, 30.0, 10.0, Align::Left, "\u{2A6A5}\u{20BB7}")?;
    p.text(20.0, 40.0, 10.0, Align::Left, "李建国")?;
    assert!(p.missing_glyphs().is_empty());
    let file = write_file("ext-b", &render_pages(&info(), vec![p])?)?;
    if let Some(pages) = pdftotext_pages(&file) {
        assert!(
            pages[0].contains("保洁员王\u{2A6A5}（黄山路）"),
            "{}",
            pages[0]
        );
        assert!(pages[0].contains("\u{2A6A5}\u{20BB7}"), "{}", pages[0]);
        assert!(pages[0].contains("李建国"), "{}", pages[0]);
    }
    if let Some(out) = pdffonts(&file) {
        let lines: Vec<&str> = out.lines().filter(|l| l.contains('+')).collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(out.contains("+NotoSerifSC-Regular"), "{out}");
        assert!(out.contains("+ChuangweiExtB-Regular"), "{out}");
        for l in lines {
            assert!(l.contains("CID TrueType"), "{l}");
            assert!(
                l.contains("yes yes yes"),
                "embedded, subset, ToUnicode: {l}"
            );
        }
    }
    if let Some((ok, out)) = qpdf_check(&file) {
        assert!(ok, "{out}");
    }
    Ok(())
}

#[test]
fn the_fallback_subset_holds_only_the_rare_characters_drawn() -> Result<(), PdfError> {
    let f = crate::fonts::font()?;
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    p.text(10.0, 10.0, 10.0, Align::Left, "王\u{2A6A5}\u{2A6A5}明")?;
    let [main, fallback] = subsets(f, &[p])?;
    let chars = |s: &Option<Subset>| -> String {
        s.iter()
            .flat_map(|s| s.glyphs.iter().map(|g| g.2))
            .collect()
    };
    assert_eq!(chars(&fallback), "\u{2A6A5}");
    let mut want: Vec<char> = "王明".chars().collect();
    want.sort_by_key(|c| f.glyph(*c));
    assert_eq!(chars(&main), want.into_iter().collect::<String>());
    Ok(())
}

#[test]
fn a_run_switches_fonts_only_where_the_rare_character_is() -> Result<(), PdfError> {
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    p.text(10.0, 10.0, 10.0, Align::Left, "王\u{2A6A5}明")?;
    let mut out = Vec::new();
    p.write_content(&mut out, &mut |c| {
        Ok(if u32::from(c) > 0xFFFF {
            (Face::Fallback, 7)
        } else {
            (Face::Main, 1)
        })
    })?;
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("/F1 10 Tf\n1 0 0 1 28.35 813.54 Tm(\0\u{1})Tj\n/F2 10 Tf\n(\0\u{7})Tj\n/F1 10 Tf\n(\0\u{1})Tj"),
        "{text:?}"
    );
    Ok(())
}

#[test]
fn a_page_of_lines_only_is_a_valid_file_without_a_font() -> TestResult {
    let mut p = Page::new(PageSize::A4_LANDSCAPE);
    p.line(10.0, 10.0, 100.0, 10.0, 0.5);
    p.fill_rect(10.0, 20.0, 50.0, 10.0, 0.8);
    let bytes = render_pages(&info(), vec![p])?;
    let file = write_file("lines", &bytes)?;
    if let Some(out) = pdffonts(&file) {
        assert!(!out.contains("Noto"), "{out}");
    }
    if let Some((ok, out)) = qpdf_check(&file) {
        assert!(ok, "{out}");
    }
    Ok(())
}

#[test]
fn a_long_document_compressed_on_several_threads_keeps_its_page_order() -> TestResult {
    let pages: Vec<Page> = (1..=40)
        .map(|n| {
            let mut p = Page::new(PageSize::A4_PORTRAIT);
            p.text(20.0, 20.0, 12.0, Align::Left, &format!("第{n}张"))
                .map(|_| p)
        })
        .collect::<Result<_, _>>()?;
    let file = write_file("order", &render_pages(&info(), pages)?)?;
    if let Some(text) = pdftotext_pages(&file) {
        assert_eq!(text.len(), 40);
        for (i, t) in text.iter().enumerate() {
            assert_eq!(t.trim(), format!("第{}张", i + 1));
        }
    }
    Ok(())
}
