//! Tests of table documents: layout plan, errors, and the rendered PDF read back by poppler/qpdf.

use super::*;
use crate::testutil::{pdffonts, pdfinfo, pdftotext_pages, qpdf_check, roster, write};

/// Whether `page` contains `needle`, ignoring whitespace (pdftotext guesses spaces).
fn has(page: &str, needle: &str) -> bool {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squash(page).contains(&squash(needle))
}

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn a_multi_page_table_reads_back_with_chinese_text_and_page_numbers() -> TestResult {
    let doc = roster(300);
    let bytes = render_table(&doc)?;
    assert!(bytes.starts_with(b"%PDF"));
    let total = plan(&doc, font()?)?.pages.len();
    assert!(
        total >= 8,
        "300 rows should need several pages, got {total}"
    );
    let file = write("roster300", &bytes)?;
    let Some(pages) = pdftotext_pages(&file) else {
        return Ok(());
    };
    assert_eq!(pages.len(), total);
    assert!(has(&pages[0], "住户花名册"));
    assert!(has(&pages[0], "石马山镇黄山社区居委会"));
    assert!(has(&pages[0], "责任区：黄山路东段"));
    assert!(has(&pages[0], "王建国"), "first row missing:\n{}", pages[0]);
    assert!(has(&pages[0], &format!("第 1 页 / 共 {total} 页")));
    assert!(has(&pages[0], "打印日期：2026年11月29日"));
    assert!(has(&pages[1], "住户花名册（续）"));
    assert!(has(&pages[1], "门牌地址"), "header not repeated on page 2");
    assert!(has(&pages[1], "第 2 页"));
    let last = &pages[total - 1];
    assert!(has(last, "300"), "last row missing");
    assert!(
        has(last, "制表人"),
        "footer note missing from the last page"
    );
    assert!(!has(&pages[0], "制表人"), "footer note printed on page 1");
    Ok(())
}

#[test]
fn a_header_row_repeats_on_every_page() -> TestResult {
    let file = write("roster120", &render_table(&roster(120))?)?;
    let Some(pages) = pdftotext_pages(&file) else {
        return Ok(());
    };
    assert!(pages.len() >= 3);
    for (i, p) in pages.iter().enumerate() {
        for h in ["序号", "户主", "门牌地址", "联系电话", "人口", "备注"] {
            assert!(has(p, h), "page {} lacks header {h}", i + 1);
        }
    }
    Ok(())
}

#[test]
fn a_row_never_splits_across_pages_and_every_row_is_placed_once() -> TestResult {
    let doc = roster(300);
    let p = plan(&doc, font()?)?;
    let mut next = 0;
    let bottom = p.size.height_mm - MARGIN_MM - FOOTER_BAND_MM;
    for (n, range) in p.pages.iter().enumerate() {
        assert_eq!(
            range.start,
            next,
            "rows skipped or repeated before page {}",
            n + 1
        );
        next = range.end;
        let top = if n == 0 {
            p.first_top
        } else {
            CONT_TABLE_TOP_MM
        };
        let used: f32 = p.rows[range.clone()].iter().map(|r| r.height).sum();
        assert!(
            top + p.header.height + used <= bottom + 1e-3,
            "page {} overflows",
            n + 1
        );
    }
    assert_eq!(next, 300);
    Ok(())
}

#[test]
fn a_long_cell_wraps_inside_its_column_and_the_row_grows() -> TestResult {
    let p = plan(&roster(4), font()?)?;
    let one_line = LINE_MM + 2.0 * PAD_Y_MM;
    assert!((p.rows[0].height - one_line).abs() < 1e-3);
    assert!(p.rows[3].cells[5].len() >= 2, "long note did not wrap");
    assert!(p.rows[3].height > one_line + LINE_MM - 1e-3);
    let note_w_pt = mm_to_pt(p.col_w[5] - 2.0 * PAD_X_MM);
    for line in &p.rows[3].cells[5] {
        assert!(font()?.text_width(line, BODY_PT) <= note_w_pt + 1e-3);
    }
    Ok(())
}

#[test]
fn a_rare_character_is_reported_not_printed_as_a_box() -> TestResult {
    let mut doc = roster(20);
    doc.rows[11][1] = "王\u{30EDE}".into();
    match render_table(&doc) {
        Err(PdfError::MissingGlyphs { chars, context }) => {
            assert_eq!(chars, "\u{30EDE}");
            assert_eq!(context, "第 12 行「户主」列");
        }
        other => panic!("expected MissingGlyphs, got {:?}", other.map(|b| b.len())),
    }
    Ok(())
}

#[test]
fn many_missing_places_are_summarised() {
    let mut doc = roster(20);
    for row in doc.rows.iter_mut().take(8) {
        row[5] = "😀".into();
    }
    let Err(e) = render_table(&doc) else {
        panic!("expected an error");
    };
    let msg = e.to_string();
    assert!(
        msg.starts_with("字库缺少以下字符：😀（出现在：第 1 行「备注」列、"),
        "{msg}"
    );
    assert!(msg.ends_with(" 等 8 处）"), "{msg}");
}

#[test]
fn a_row_with_the_wrong_number_of_cells_is_refused() {
    let mut doc = roster(5);
    doc.rows[2].pop();
    let err = render_table(&doc).err();
    assert_eq!(err.as_ref().map(PdfError::code), Some("pdf.invalid_input"));
    assert!(err
        .map(|e| e.to_string())
        .unwrap_or_default()
        .contains("第 3 行"));
}

#[test]
fn a_row_too_tall_for_any_page_is_refused_not_split() {
    let mut doc = roster(3);
    doc.rows[1][5] = "很长的备注。".repeat(400);
    let err = render_table(&doc).err();
    assert_eq!(err.as_ref().map(PdfError::code), Some("pdf.render"));
    assert!(err
        .map(|e| e.to_string())
        .unwrap_or_default()
        .contains("第 2 行"));
}

#[test]
fn an_empty_table_says_no_records() -> TestResult {
    let mut doc = roster(0);
    doc.footer_note = None;
    let file = write("empty", &render_table(&doc)?)?;
    if let Some(pages) = pdftotext_pages(&file) {
        assert_eq!(pages.len(), 1);
        assert!(has(&pages[0], "（无记录）"));
        assert!(has(&pages[0], "第 1 页 / 共 1 页"));
    }
    Ok(())
}

#[test]
fn a_footer_note_that_does_not_fit_gets_its_own_last_page() -> TestResult {
    // Grow rows until the table plus note no longer fit on page 1: the note moves first.
    let mut n = 0;
    while plan(&roster(n), font()?)?.pages.len() == 1 {
        n += 1;
    }
    let doc = roster(n);
    let p = plan(&doc, font()?)?;
    assert_eq!(p.pages.len(), 2, "note should move to a second page");
    assert_eq!(p.pages[0], 0..n, "all rows stay on page 1");
    assert!(p.pages[1].is_empty());
    let file = write("note_page", &render_table(&doc)?)?;
    if let Some(pages) = pdftotext_pages(&file) {
        assert!(has(&pages[1], "制表人"));
        assert!(
            !has(&pages[1], "门牌地址"),
            "no empty table on the note page"
        );
        assert!(has(&pages[1], "第 2 页 / 共 2 页"));
    }
    Ok(())
}

#[test]
fn a_long_title_and_subtitle_wrap_and_push_the_table_down() -> TestResult {
    let short = plan(&roster(10), font()?)?.first_top;
    let mut doc = roster(10);
    doc.title = "二〇二六年十一月黄山社区门前三包责任区巡查扣分及罚款情况汇总表（按责任区）".into();
    doc.subtitle = Some("责任区：黄山路东段、黄山路西段、石马山路、青年路、人民路北段、人民路南段、建设巷、解放巷　共 212 户".into());
    let long = plan(&doc, font()?)?.first_top;
    assert!(long >= short + 8.0 + 5.5 - 1e-3, "{short} → {long}");
    let file = write("long_title", &render_table(&doc)?)?;
    if let Some(pages) = pdftotext_pages(&file) {
        assert!(has(&pages[0], "按责任区"));
        assert!(has(&pages[0], "共 212 户"));
    }
    Ok(())
}

#[test]
fn a_landscape_table_is_a4_on_its_side() -> TestResult {
    let mut doc = roster(30);
    doc.landscape = true;
    let p = plan(&doc, font()?)?;
    assert_eq!(p.size, PageSize::A4_LANDSCAPE);
    let file = write("landscape", &render_table(&doc)?)?;
    if let Some(info) = pdfinfo(&file) {
        assert!(info.contains("841.89 x 595.2"), "{info}");
    }
    Ok(())
}

#[test]
fn the_font_is_embedded_as_a_subset_and_the_file_is_valid() -> TestResult {
    let file = write("fonts", &render_table(&roster(40))?)?;
    if let Some(out) = pdffonts(&file) {
        let line = out
            .lines()
            .find(|l| l.contains("NotoSerif"))
            .ok_or_else(|| format!("no Noto font listed:\n{out}"))?;
        let name = line.split_whitespace().next().unwrap_or("");
        let (tag, _) = name.split_once('+').ok_or("font name has no subset tag")?;
        assert!(
            tag.len() >= 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name type… encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb/sub/uni: {line}"
        );
    }
    if let Some((ok, out)) = qpdf_check(&file) {
        assert!(ok, "qpdf --check failed:\n{out}");
    }
    Ok(())
}

#[test]
fn a_file_stays_small_because_the_font_is_subset() -> TestResult {
    let bytes = render_table(&roster(300))?;
    let pages = plan(&roster(300), font()?)?.pages.len();
    let per_page = bytes.len() / pages;
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
    assert!(per_page < 12_000, "{per_page} bytes a page");
    Ok(())
}

fn time_render(label: &str, doc: &TableDoc) -> TestResult {
    let started = std::time::Instant::now();
    let bytes = render_table(doc)?;
    let took = started.elapsed();
    let pages = plan(doc, font()?)?.pages.len();
    eprintln!(
        "{label}: {} rows, {pages} pages, {:.0} ms, {} bytes, {} bytes/page",
        doc.rows.len(),
        took.as_secs_f64() * 1000.0,
        bytes.len(),
        bytes.len() / pages
    );
    write(label, &bytes)?;
    Ok(())
}

/// `cargo test --release -p cw-pdf -- --ignored --nocapture a_thousand_rows`
#[test]
#[ignore]
fn a_thousand_rows_render_quickly() -> TestResult {
    let started = std::time::Instant::now();
    let _ = font()?;
    eprintln!(
        "font parse: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    time_render("roster1", &roster(1))?;
    time_render("roster1000", &roster(1000))?;
    let mut simple = roster(1000);
    for row in &mut simple.rows {
        row[5].clear();
    }
    time_render("simple1000", &simple)
}

#[test]
fn sections_of_one_document_are_numbered_through_it() -> TestResult {
    let first = roster(60);
    let second = roster(30);
    let mut pages = section_pages(&first)?;
    let first_len = pages.len();
    let mut chart = Page::new(PageSize::A4_PORTRAIT);
    chart.text(105.0, 20.0, 15.0, crate::page::Align::Center, "图表")?;
    chart.number_in_document(105.0, 285.0, 8.0);
    pages.push(chart);
    pages.extend(section_pages(&second)?);
    let total = pages.len();
    assert!(first_len >= 2 && total > first_len + 2);
    let info = DocInfo {
        title: "报告".into(),
        created: first.printed_at,
    };
    let file = write("sections", &render_pages(&info, pages)?)?;
    let Some(read) = pdftotext_pages(&file) else {
        return Ok(());
    };
    assert_eq!(read.len(), total);
    for (i, page) in read.iter().enumerate() {
        let want = format!("第 {} 页 / 共 {total} 页", i + 1);
        assert!(has(page, &want), "page {} lacks {want}:\n{page}", i + 1);
    }
    assert!(
        !read.iter().any(|p| has(p, &format!("共 {first_len} 页"))),
        "a section's own count leaked into the document"
    );
    Ok(())
}

#[test]
fn a_table_printed_alone_keeps_its_own_numbering() -> TestResult {
    let pages = table_pages(&roster(60))?;
    let total = pages.len();
    let info = DocInfo {
        title: "花名册".into(),
        created: crate::testutil::printed_at(),
    };
    let mut all = pages;
    all.extend(table_pages(&roster(60))?);
    let file = write("two-statements", &render_pages(&info, all)?)?;
    let Some(read) = pdftotext_pages(&file) else {
        return Ok(());
    };
    // Two statements in one file: each is numbered on its own (one per worker, handed out apart).
    assert!(has(&read[0], &format!("第 1 页 / 共 {total} 页")));
    assert!(has(&read[total], &format!("第 1 页 / 共 {total} 页")));
    Ok(())
}
