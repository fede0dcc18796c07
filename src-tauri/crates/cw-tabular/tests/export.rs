//! Export behaviour: what the clerk sees when opening our .xlsx and .csv files, and round trips
//! back through our own reader.
#![allow(clippy::disallowed_methods)] // a test plays the other programs that touch the files
#![allow(clippy::unwrap_used)]

use std::io::Read;

use cw_tabular::{
    normalize_cell, read_csv, read_xlsx, write_csv, write_xlsx, Cell, TabularError, XlsxSheet,
};
use proptest::prelude::*;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn sheet(headers: &[&str], rows: Vec<Vec<Cell>>) -> XlsxSheet {
    XlsxSheet {
        sheet_name: "名单".to_string(),
        title: None,
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        widths: None,
    }
}

/// One XML part of an .xlsx, as text.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Column widths declared in a worksheet part, in column order.
fn col_widths(sheet_xml: &str) -> Vec<f64> {
    sheet_xml
        .split("<col ")
        .skip(1)
        .map(|c| {
            let w = c.split("width=\"").nth(1).unwrap();
            w[..w.find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

fn err<T: std::fmt::Debug>(r: Result<T, TabularError>) -> TabularError {
    r.unwrap_err()
}

#[test]
fn codes_and_phone_numbers_come_back_as_the_same_text() {
    let bytes = write_xlsx(&[sheet(
        &["编号", "电话", "人数"],
        vec![vec![text("0012"), text("13812345678"), Cell::Int(3)]],
    )])
    .unwrap();
    let back = read_xlsx(&bytes).unwrap();
    assert_eq!(back.headers, vec!["编号", "电话", "人数"]);
    assert_eq!(back.rows[0].cells, vec!["0012", "13812345678", "3"]);
    // Stored as strings, not numbers.
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(r#"<c r="A2" s="#) && xml.contains(r#"t="s""#),
        "{xml}"
    );
    assert!(!xml.contains("<v>12</v>"), "{xml}");
}

#[test]
fn money_is_a_number_shown_with_two_decimals() {
    let bytes = write_xlsx(&[sheet(
        &["姓名", "工资"],
        vec![vec![text("张三"), Cell::Money("1234.50".into())]],
    )])
    .unwrap();
    assert!(part(&bytes, "xl/styles.xml").contains(r##"formatCode="#,##0.00""##));
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<v>1234.5</v>"), "{xml}");
    assert_eq!(read_xlsx(&bytes).unwrap().rows[0].cells[1], "1234.5");
}

#[test]
fn a_date_is_a_real_excel_date_in_chinese_format() {
    let bytes = write_xlsx(&[sheet(
        &["入职日期"],
        vec![vec![Cell::Date("2026-11-29".into())]],
    )])
    .unwrap();
    let styles = part(&bytes, "xl/styles.xml");
    assert!(
        styles.contains("yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"),
        "{styles}"
    );
    // 2026-11-29 is serial 46355 in the 1900 date system.
    assert!(part(&bytes, "xl/worksheets/sheet1.xml").contains("<v>46355</v>"));
    assert_eq!(read_xlsx(&bytes).unwrap().rows[0].cells[0], "2026-11-29");
}

#[test]
fn the_header_is_frozen_filtered_and_repeated_on_print() {
    let mut s = sheet(
        &["姓名", "电话", "住址"],
        vec![vec![text("张三")], vec![text("李四")]],
    );
    s.title = Some("2026年居民名单".into());
    let bytes = write_xlsx(&[s]).unwrap();
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"ySplit="2""#), "{xml}");
    assert!(xml.contains(r#"<autoFilter ref="A2:C4"/>"#), "{xml}");
    assert!(xml.contains(r#"<mergeCell ref="A1:C1"/>"#), "{xml}");
    assert!(part(&bytes, "xl/workbook.xml").contains("$2:$2"));
    // Our reader skips the title and finds the header in row 2.
    let back = read_xlsx(&bytes).unwrap();
    assert_eq!(back.headers, vec!["姓名", "电话", "住址"]);
    assert_eq!(back.rows[1].row, 4);
}

#[test]
fn the_header_is_bold_and_shaded() {
    let bytes = write_xlsx(&[sheet(&["姓名"], vec![vec![text("张三")]])]).unwrap();
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("<b/>"), "{styles}");
    assert!(styles.contains(r#"<fgColor rgb="FFD9E1F2"/>"#), "{styles}");
}

#[test]
fn chinese_columns_are_about_twice_as_wide_as_latin_ones() {
    let bytes = write_xlsx(&[sheet(
        &["a", "b", "c"],
        vec![vec![
            text("幸福小区三栋二单元五零一室"),
            text("Happy Estate 3-2-501"),
            text("x"),
        ]],
    )])
    .unwrap();
    let w = col_widths(&part(&bytes, "xl/worksheets/sheet1.xml"));
    assert_eq!(w.len(), 3);
    // 13 CJK characters = 26 units, 20 Latin = 20 units, each plus padding.
    assert!(w[0] > w[1] && w[1] > w[2], "{w:?}");
    assert!(w[2] >= 6.0, "{w:?}");
}

#[test]
fn given_widths_are_used() {
    let mut s = sheet(&["a", "b"], vec![vec![text("1")]]);
    s.widths = Some(vec![30.0]);
    let w = col_widths(&part(
        &write_xlsx(&[s]).unwrap(),
        "xl/worksheets/sheet1.xml",
    ));
    assert!((w[0] - 30.71).abs() < 0.5, "{w:?}");
    assert!(w[1] < 10.0, "{w:?}");
}

#[test]
fn formula_like_text_stays_inert_text_in_xlsx() {
    let bytes = write_xlsx(&[sheet(&["备注"], vec![vec![text("=HYPERLINK(\"x\")")]])]).unwrap();
    assert!(!part(&bytes, "xl/worksheets/sheet1.xml").contains("<f>"));
    assert_eq!(
        read_xlsx(&bytes).unwrap().rows[0].cells[0],
        "=HYPERLINK(\"x\")"
    );
}

#[test]
fn an_invalid_money_string_names_sheet_row_and_column() {
    let e = err(write_xlsx(&[sheet(
        &["姓名", "工资"],
        vec![
            vec![text("张三"), Cell::Money("100".into())],
            vec![text("李四"), Cell::Money("1,200元".into())],
        ],
    )]));
    assert_eq!(e.code(), "export.bad_money");
    let msg = e.to_string();
    assert!(
        msg.contains("「名单」") && msg.contains("第 2 条") && msg.contains("「工资」"),
        "{msg}"
    );
}

#[test]
fn an_impossible_date_is_refused() {
    let e = err(write_xlsx(&[sheet(
        &["日期"],
        vec![vec![Cell::Date("2026-02-30".into())]],
    )]));
    assert_eq!(e.code(), "export.bad_date");
}

#[test]
fn a_row_wider_than_the_header_is_refused() {
    let e = err(write_xlsx(&[sheet(
        &["a"],
        vec![vec![text("1"), text("2")]],
    )]));
    assert_eq!(e.code(), "export.row_too_wide");
}

#[test]
fn no_sheets_is_an_error_not_an_empty_file() {
    assert_eq!(err(write_xlsx(&[])).code(), "export.no_sheets");
}

#[test]
fn sheet_names_are_made_valid_and_unique() {
    let mut a = sheet(&["a"], vec![vec![text("1")]]);
    a.sheet_name = "2026/11 名单".into();
    let b = a.clone();
    let bytes = write_xlsx(&[a, b]).unwrap();
    let wb = part(&bytes, "xl/workbook.xml");
    assert!(wb.contains(r#"name="2026_11 名单""#), "{wb}");
    assert!(wb.contains(r#"name="2026_11 名单(2)""#), "{wb}");
}

#[test]
fn an_id_number_as_int_beyond_excel_precision_stays_exact() {
    let bytes = write_xlsx(&[sheet(
        &["号"],
        vec![vec![Cell::Int(1_234_567_890_123_456_789)]],
    )])
    .unwrap();
    assert_eq!(
        read_xlsx(&bytes).unwrap().rows[0].cells[0],
        "1234567890123456789"
    );
}

#[test]
fn a_csv_export_opens_in_chinese_excel_and_reads_back() {
    let bytes = write_csv(
        &["姓名".into(), "电话".into(), "备注".into()],
        &[vec!["张三".into(), "13812345678".into(), "=1+1".into()]],
    );
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(bytes.ends_with(b"\r\n"));
    let back = read_csv(&bytes).unwrap();
    assert_eq!(back.rows[0].cells, vec!["张三", "13812345678", "'=1+1"]);
}

#[test]
fn an_exported_xlsx_converts_with_libreoffice_when_it_is_installed() {
    let Ok(out) = std::process::Command::new("which")
        .arg("libreoffice")
        .output()
    else {
        return;
    };
    if !out.status.success() {
        return; // not installed here; nothing to check
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.xlsx");
    let bytes = write_xlsx(&[sheet(
        &["编号", "工资", "日期"],
        vec![vec![
            text("0012"),
            Cell::Money("1234.50".into()),
            Cell::Date("2026-11-29".into()),
        ]],
    )])
    .unwrap();
    std::fs::write(&path, bytes).unwrap();
    let status = std::process::Command::new("libreoffice")
        // UTF-8 (76) and cells "as shown" (the 9th token), as the clerk sees them in a spreadsheet.
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let csv = std::fs::read_to_string(dir.path().join("名单.csv")).unwrap();
    assert!(csv.contains("0012"), "{csv}");
    assert!(csv.contains("1,234.50"), "{csv}");
    assert!(csv.contains("2026年11月29日"), "{csv}");
    assert!(csv.starts_with("编号,工资,日期"), "{csv}");
}

/// Cell text mixing arbitrary characters with the ones that break naive writers and readers.
fn cell_text() -> impl Strategy<Value = String> {
    let tricky = prop_oneof![
        Just(",".to_string()),
        Just(";".to_string()),
        Just("\t".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just(" ".to_string()),
        Just("\u{3000}".to_string()),
        Just("=".to_string()),
        Just("+".to_string()),
        Just("-".to_string()),
        Just("@".to_string()),
        Just("'".to_string()),
        Just("0012".to_string()),
        Just("_x0041_".to_string()),
        Just("张三".to_string()),
        Just("，".to_string()),
        Just("&<>".to_string()),
    ];
    let any_char = any::<char>()
        .prop_filter("no ASCII control", |c| {
            !c.is_ascii_control() || matches!(c, '\t' | '\n' | '\r')
        })
        .prop_map(String::from);
    prop::collection::vec(prop_oneof![tricky, any_char], 0..6).prop_map(|v| v.concat())
}

/// Headers are unique by construction: "0-…", "1-…", …, and hold no "，" (a one-column CSV
/// header with it is refused on purpose, see `a_header_with_chinese_commas_is_explained`).
fn table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (1usize..5).prop_flat_map(|ncols| {
        let headers = prop::collection::vec(cell_text(), ncols).prop_map(|hs| {
            hs.into_iter()
                .enumerate()
                .map(|(i, h)| format!("{i}-{}", h.replace('，', "、")))
                .collect::<Vec<_>>()
        });
        let rows = prop::collection::vec(prop::collection::vec(cell_text(), ncols), 0..6);
        (headers, rows)
    })
}

/// What a reader should give back for `rows`, after `prepare` (the CSV guard or nothing) and
/// trimming: (Excel row number, cells) for each non-empty row.
fn expected(rows: &[Vec<String>], prepare: impl Fn(&str) -> String) -> Vec<(usize, Vec<String>)> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            (
                i + 2,
                r.iter()
                    .map(|c| normalize_cell(&prepare(c)))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .collect()
}

fn check(
    got: Result<cw_tabular::Sheet, TabularError>,
    headers: Vec<String>,
    want: Vec<(usize, Vec<String>)>,
) -> Result<(), TestCaseError> {
    if want.is_empty() {
        prop_assert_eq!(got.map_err(|e| e.code()).err(), Some("import.no_rows"));
        return Ok(());
    }
    let got = got.map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(got.headers, headers);
    let got: Vec<(usize, Vec<String>)> = got.rows.into_iter().map(|r| (r.row, r.cells)).collect();
    prop_assert_eq!(got, want);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_table_survives_write_csv_then_read_csv((headers, rows) in table()) {
        let bytes = write_csv(&headers, &rows);
        let guard = |c: &str| cw_tabular::guard_formula(c).into_owned();
        let want_headers: Vec<String> = headers.iter().map(|h| normalize_cell(&guard(h))).collect();
        check(read_csv(&bytes), want_headers, expected(&rows, guard))?;
    }

    #[test]
    fn any_table_survives_write_xlsx_then_read_xlsx((headers, rows) in table()) {
        let cells = rows.iter().map(|r| r.iter().map(|c| Cell::Text(c.clone())).collect()).collect();
        let bytes = write_xlsx(&[XlsxSheet {
            sheet_name: "表".into(),
            title: None,
            headers: headers.clone(),
            rows: cells,
            widths: None,
        }]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let want_headers: Vec<String> = headers.iter().map(|h| normalize_cell(h)).collect();
        check(read_xlsx(&bytes), want_headers, expected(&rows, str::to_string))?;
    }

    #[test]
    fn any_int_and_money_survive_a_trip_through_xlsx(
        i in -999_999_999_999_999i64..=999_999_999_999_999,
        cents in -99_999_999_999i64..=99_999_999_999,
    ) {
        let money = format!("{}{}.{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100);
        let bytes = write_xlsx(&[sheet(&["整数", "金额"], vec![vec![Cell::Int(i), Cell::Money(money.clone())]])])
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = read_xlsx(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back.rows[0].cells[0], &i.to_string());
        let read_money: f64 = back.rows[0].cells[1].parse().map_err(|_| TestCaseError::fail("not a number"))?;
        prop_assert_eq!(format!("{read_money:.2}"), if money == "-0.00" { "0.00".to_string() } else { money });
    }
}
