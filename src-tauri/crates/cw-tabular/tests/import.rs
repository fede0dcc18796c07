//! Import behaviour on the kinds of files colleagues really send, and on broken ones.

#![allow(clippy::unwrap_used)]

use cw_tabular::{read_csv, read_table, read_xlsx, TabularError};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell for the xlsx fixture generator.
enum F {
    S(&'static str),
    N(f64),
    B(bool),
    D(u16, u8, u8),
}

/// Builds .xlsx bytes with one sheet holding `rows` from A1.
fn xlsx(rows: &[Vec<F>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                F::S(s) => ws.write_string(r, c, *s).map(|_| ()),
                F::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                F::B(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                F::D(y, m, d) => ws
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .map(|_| ()),
            }
            .unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

fn gbk(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(s);
    assert!(!unmappable);
    bytes.into_owned()
}

fn err(r: Result<cw_tabular::Sheet, TabularError>) -> TabularError {
    match r {
        Ok(s) => panic!("expected an error, got {s:?}"),
        Err(e) => e,
    }
}

#[test]
fn a_gbk_csv_reads_back_as_chinese() {
    let s = read_csv(&gbk("姓名,电话,住址\n张三,13812345678,幸福小区3栋\n")).unwrap();
    assert_eq!(s.headers, vec!["姓名", "电话", "住址"]);
    assert_eq!(s.rows[0].cells, vec!["张三", "13812345678", "幸福小区3栋"]);
    assert_eq!(s.rows[0].row, 2);
}

#[test]
fn a_utf8_csv_with_bom_has_a_clean_first_header() {
    let s = read_table("名单.csv", "\u{feff} 姓名 ,电话\r\n张三,1\r\n".as_bytes()).unwrap();
    assert_eq!(s.headers, vec!["姓名", "电话"]);
}

#[test]
fn excel_unicode_text_in_utf16_with_tabs_is_read() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "姓名\t电话\r\n李四\t0012\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let s = read_table("导出.txt", &bytes).unwrap();
    assert_eq!(s.rows[0].cells, vec!["李四", "0012"]);
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    let e = err(read_table("a.xlsx", b""));
    assert_eq!(e.code(), "import.empty");
    assert!(e.to_string().contains("空"), "{e}");
}

#[test]
fn a_file_of_blank_lines_has_no_content() {
    let e = err(read_csv(b" \r\n,,\r\n\r\n"));
    assert_eq!(e.code(), "import.empty");
}

#[test]
fn a_header_only_file_says_there_are_no_data_rows() {
    let e = err(read_csv("姓名,电话\n".as_bytes()));
    assert_eq!(e.code(), "import.no_rows");
    assert!(e.to_string().contains("姓名、电话"), "{e}");
    let e = err(read_xlsx(&xlsx(&[vec![F::S("姓名"), F::S("电话")]])));
    assert_eq!(e.code(), "import.no_rows");
}

#[test]
fn random_binary_bytes_are_not_a_table() {
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..4000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let e = err(read_table("居民.csv", &bytes));
    assert!(
        matches!(e.code(), "import.not_a_table" | "import.encoding"),
        "{e}"
    );
    assert_eq!(e.code(), "import.not_a_table", "{e}");
}

#[test]
fn a_picture_named_xlsx_is_called_a_picture() {
    let e = err(read_table("名单.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
    assert_eq!(e.code(), "import.not_a_table");
    assert!(e.to_string().contains("PNG 图片"), "{e}");
}

#[test]
fn a_truncated_xlsx_is_reported_as_incomplete() {
    let full = xlsx(&[vec![F::S("姓名")], vec![F::S("张三")]]);
    let half = &full[..full.len() / 2];
    let e = err(read_table("名单.xlsx", half));
    assert_eq!(e.code(), "import.bad_xlsx");
    assert!(e.to_string().contains("不完整"), "{e}");
}

#[test]
fn an_xlsx_with_corrupted_insides_is_a_bad_xlsx_not_a_panic() {
    let mut bytes = xlsx(&[vec![F::S("姓名")], vec![F::S("张三")]]);
    // Scribble over the compressed worksheet but keep the zip directory intact.
    let name = b"xl/worksheets/sheet1.xml";
    let at = bytes.windows(name.len()).position(|w| w == name).unwrap() + name.len();
    for b in &mut bytes[at..at + 40] {
        *b = b.wrapping_add(77);
    }
    let e = err(read_table("名单.xlsx", &bytes));
    assert_eq!(e.code(), "import.bad_xlsx", "{e}");
}

#[test]
fn bytes_that_are_neither_utf8_nor_gbk_are_an_encoding_error() {
    let e = err(read_csv(b"name,phone\nZhang,\xFF\xFF\xFF\n"));
    assert_eq!(e.code(), "import.encoding");
    assert!(e.to_string().contains("第 2 行"), "{e}");
    assert!(e.to_string().contains("另存为"), "{e}");
}

#[test]
fn a_semicolon_file_is_split_on_semicolons() {
    let s = read_csv("姓名;电话;备注\n张三;138;\"一,二\"\n".as_bytes()).unwrap();
    assert_eq!(s.headers, vec!["姓名", "电话", "备注"]);
    assert_eq!(s.rows[0].cells[2], "一,二");
}

#[test]
fn a_tab_file_named_csv_is_split_on_tabs() {
    let s = read_table("a.csv", "姓名\t电话\n张三\t138\n".as_bytes()).unwrap();
    assert_eq!(s.headers, vec!["姓名", "电话"]);
}

#[test]
fn a_row_with_more_cells_than_headers_is_named() {
    let mut text = String::from("a,b,c,d,e,f,g,h\n");
    for _ in 0..4 {
        text.push_str("1,2,3,4,5,6,7,8\n");
    }
    text.push('\n'); // row 6 is blank
    text.push_str("1,2,3,4,5,6,7,8,9\n");
    let e = err(read_csv(text.as_bytes()));
    assert_eq!(e.code(), "import.row_too_long");
    assert!(
        e.to_string().starts_with("第 7 行有 9 列，表头只有 8 列"),
        "{e}"
    );
}

#[test]
fn a_short_row_is_padded_with_empty_cells() {
    let s = read_csv("姓名,电话,住址\n张三\n".as_bytes()).unwrap();
    assert_eq!(s.rows[0].cells, vec!["张三", "", ""]);
}

#[test]
fn duplicate_headers_are_refused_naming_both_columns() {
    let e = err(read_csv("姓名,电话, 姓名\n张三,1,2\n".as_bytes()));
    assert_eq!(e.code(), "import.duplicate_header");
    let msg = e.to_string();
    assert!(msg.contains("「姓名」"), "{msg}");
    assert!(msg.contains("第 1 列（A 列）"), "{msg}");
    assert!(msg.contains("第 3 列（C 列）"), "{msg}");
}

#[test]
fn nul_bytes_inside_a_csv_are_dropped() {
    let s = read_csv(b"name,phone\nZhang\0,1\0\0\0\n").unwrap();
    assert_eq!(s.rows[0].cells, vec!["Zhang", "1"]);
}

#[test]
fn quoted_fields_with_newlines_stay_in_one_cell() {
    let s = read_csv("姓名,备注\r\n张三,\"第一行\r\n第二行\"\r\n李四,x\r\n".as_bytes()).unwrap();
    assert_eq!(s.rows[0].cells[1], "第一行\n第二行");
    assert_eq!(s.rows[1].row, 3);
}

#[test]
fn a_header_with_chinese_commas_is_explained() {
    let e = err(read_csv("姓名，电话，住址\n张三，1，2\n".as_bytes()));
    assert_eq!(e.code(), "import.delimiter");
    assert!(e.to_string().contains("中文逗号"), "{e}");
}

#[test]
fn a_csv_over_the_row_limit_is_refused() {
    let mut text = String::from("序号\n");
    for i in 0..100_001 {
        text.push_str(&format!("{i}\n"));
    }
    let e = err(read_csv(text.as_bytes()));
    assert_eq!(e.code(), "import.too_large");
    assert!(e.to_string().contains("100000"), "{e}");
}

#[test]
fn a_file_over_twenty_megabytes_is_refused_before_parsing() {
    let bytes = vec![b'a'; 21 * 1024 * 1024];
    let e = err(read_table("big.csv", &bytes));
    assert_eq!(e.code(), "import.too_large");
    assert!(e.to_string().contains("21 MB"), "{e}");
}

#[test]
fn a_phone_number_cell_keeps_all_its_digits() {
    let s = read_xlsx(&xlsx(&[
        vec![F::S("姓名"), F::S("电话"), F::S("人数"), F::S("面积")],
        vec![F::S("张三"), F::N(13_812_345_678.0), F::N(3.0), F::N(85.5)],
    ]))
    .unwrap();
    assert_eq!(s.rows[0].cells, vec!["张三", "13812345678", "3", "85.5"]);
}

#[test]
fn date_and_boolean_cells_read_as_text_the_clerk_recognises() {
    let s = read_xlsx(&xlsx(&[
        vec![F::S("入住日期"), F::S("党员")],
        vec![F::D(2026, 9, 1), F::B(true)],
    ]))
    .unwrap();
    assert_eq!(s.rows[0].cells, vec!["2026-09-01", "TRUE"]);
}

#[test]
fn an_xlsx_renamed_to_csv_is_still_read_as_excel() {
    let bytes = xlsx(&[vec![F::S("姓名")], vec![F::S("张三")]]);
    let s = read_table("名单.csv", &bytes).unwrap();
    assert_eq!(s.rows[0].cells, vec!["张三"]);
}

#[test]
fn a_csv_renamed_to_xlsx_is_still_read_as_text() {
    let s = read_table("名单.xlsx", &gbk("姓名,电话\n张三,1\n")).unwrap();
    assert_eq!(s.rows[0].cells, vec!["张三", "1"]);
}

#[test]
fn xlsx_row_numbers_match_excel_and_empty_rows_are_skipped() {
    let s = read_xlsx(&xlsx(&[
        vec![F::S(" 姓名 "), F::S("电话")],
        vec![F::S("张三"), F::S("1")],
        vec![F::S("  ")],
        vec![F::S("李四")],
    ]))
    .unwrap();
    assert_eq!(s.headers, vec!["姓名", "电话"]);
    assert_eq!(s.rows.len(), 2);
    assert_eq!(s.rows[1].row, 4);
    assert_eq!(s.rows[1].cells, vec!["李四", ""]);
}

#[test]
fn the_first_visible_sheet_is_read_when_the_first_is_hidden() {
    let mut wb = Workbook::new();
    let hidden = wb.add_worksheet();
    hidden.write_string(0, 0, "隐藏").unwrap();
    hidden.set_hidden(true);
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(1, 0, "王五").unwrap();
    ws.set_active(true);
    let s = read_xlsx(&wb.save_to_buffer().unwrap()).unwrap();
    assert_eq!(s.headers, vec!["姓名"]);
}

#[test]
fn an_empty_workbook_has_no_content() {
    let mut wb = Workbook::new();
    wb.add_worksheet();
    let e = err(read_xlsx(&wb.save_to_buffer().unwrap()));
    assert_eq!(e.code(), "import.empty");
}

#[test]
fn an_html_page_posing_as_xls_is_explained() {
    let e = err(read_table(
        "导出.xls",
        b"<html><head><meta charset=gbk></head><table></table></html>",
    ));
    assert_eq!(e.code(), "import.not_a_table");
    assert!(e.to_string().contains("网页"), "{e}");
}

#[test]
fn a_password_protected_workbook_asks_to_remove_the_password() {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.extend(vec![0u8; 504]);
    bytes.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    let e = err(read_table("名单.xlsx", &bytes));
    assert_eq!(e.code(), "import.encrypted");
    assert!(e.to_string().contains("密码"), "{e}");
}

#[test]
fn a_garbage_ole_file_is_a_bad_xls_not_a_panic() {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.extend(vec![0xABu8; 2000]);
    let e = err(read_table("名单.xls", &bytes));
    assert_eq!(e.code(), "import.bad_xlsx", "{e}");
}

#[test]
fn a_plain_zip_is_called_a_zip() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("照片.jpg", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(b"not really").unwrap();
        z.finish().unwrap();
    }
    let e = err(read_table("名单.xlsx", buf.get_ref()));
    assert_eq!(e.code(), "import.not_a_table");
    assert!(e.to_string().contains("压缩包"), "{e}");
}

#[test]
fn text_with_an_excel_name_that_is_not_text_either_says_so() {
    let e = err(read_table("名单.xlsx", b"abc,def\n\xFF\xFE\xFD\x80,1\n"));
    assert_eq!(e.code(), "import.not_a_table");
    assert!(e.to_string().contains(".xlsx"), "{e}");
}

#[test]
fn an_xlsx_over_the_row_limit_is_refused() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "序号").unwrap();
    for r in 1..=100_001u32 {
        ws.write_number(r, 0, f64::from(r)).unwrap();
    }
    let e = err(read_xlsx(&wb.save_to_buffer().unwrap()));
    assert_eq!(e.code(), "import.too_large");
}

#[test]
fn a_stray_cell_far_away_makes_the_row_too_long_not_a_huge_grid() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(1, 0, "张三").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let e = err(read_xlsx(&wb.save_to_buffer().unwrap()));
    assert_eq!(e.code(), "import.row_too_long");
    assert!(
        e.to_string()
            .starts_with("第 1048576 行有 16384 列，表头只有 1 列"),
        "{e}"
    );
}

#[test]
fn a_header_not_in_row_one_keeps_excel_row_numbers() {
    let s = read_xlsx(&xlsx(&[
        vec![],
        vec![],
        vec![F::S("姓名"), F::S("电话")],
        vec![F::S("张三"), F::S("1")],
    ]))
    .unwrap();
    assert_eq!(s.headers, vec!["姓名", "电话"]);
    assert_eq!(s.rows[0].row, 4);
}

#[test]
fn crlf_and_blank_lines_keep_csv_row_numbers_as_excel_shows_them() {
    let s = read_csv(b"a,b\r\n\r\n1,2\r\n\r\n\r\n3,4\r\n").unwrap();
    let rows: Vec<usize> = s.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, vec![3, 6]);
}

/// `bytes` (an .xlsx) with its first worksheet's XML replaced by `sheet_data` inside a
/// `<sheetData>`, as a program that writes formulas without calculating them would leave it.
fn with_sheet_data(bytes: &[u8], sheet_data: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut body = Vec::new();
            f.read_to_end(&mut body).unwrap();
            if name == "xl/worksheets/sheet1.xml" {
                body = format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                     <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
                     <sheetData>{sheet_data}</sheetData></worksheet>"
                )
                .into_bytes();
            }
            z.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(&body).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn a_formula_cell_without_its_result_is_named_as_a_formula_not_as_empty() {
    let base = xlsx(&[vec![F::S("x")]]);
    let data = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>编号</t></is></c>\
                <c r=\"B1\" t=\"inlineStr\"><is><t>名称</t></is></c></row>\
                <row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>张三</t></is></c></row>\
                <row r=\"3\"><c r=\"A3\"><v>2</v></c><c r=\"B3\"><f>CONCAT(\"李\",\"四\")</f></c></row>";
    let e = err(read_xlsx(&with_sheet_data(&base, data)));
    assert_eq!(e.code(), "import.formula_without_value");
    assert!(
        e.to_string()
            .starts_with("第 3 行「名称」：是公式，但文件里没有公式的结果"),
        "{e}"
    );
}

#[test]
fn a_formula_whose_result_is_empty_text_or_a_number_still_reads() {
    let base = xlsx(&[vec![F::S("x")]]);
    let data = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>编号</t></is></c>\
                <c r=\"B1\" t=\"inlineStr\"><is><t>备注</t></is></c></row>\
                <row r=\"2\"><c r=\"A2\"><f>1+1</f><v>2</v></c><c r=\"B2\" t=\"str\"><f>IF(1,\"\",1)</f><v></v></c></row>";
    let s = read_xlsx(&with_sheet_data(&base, data)).unwrap();
    assert_eq!(s.rows[0].cells, vec!["2", ""]);
}

#[test]
fn a_worksheet_over_the_unzipped_limit_is_refused_before_it_is_read() {
    let mut bytes = xlsx(&[vec![F::S("姓名")], vec![F::S("张三")]]);
    // Claim, in the zip directory, a 271 MB sheet: the claim alone must refuse the file, so
    // nothing of the sheet is inflated or parsed.
    let name = b"xl/worksheets/sheet1.xml";
    let at = (0..bytes.len() - 46)
        .find(|&i| bytes[i..].starts_with(b"PK\x01\x02") && bytes[i + 46..].starts_with(name))
        .unwrap();
    bytes[at + 24..at + 28].copy_from_slice(&(271u32 * 1024 * 1024).to_le_bytes());
    let e = err(read_table("名单.xlsx", &bytes));
    assert_eq!(e.code(), "import.too_large");
    assert!(e.to_string().contains("271 MB"), "{e}");
    assert!(e.to_string().contains("sheet1.xml"), "{e}");
}
