//! The bad-import corpus: each kind of bad file gets a clear message naming the row and column
//! (or the file), and the database is byte-identical afterwards. Plus a property: reading any
//! bytes as a table never panics.

use crate::common::{import_args, TestApp};
use cw_store::rusqlite::Connection;
use proptest::prelude::*;
use serde_json::json;

const HOUSEHOLD_HEADER: &str =
    "类型,名称,联系人,电话,街道,门牌号,楼栋,单元,房号,责任区,收费小组,收费类别,标签,备注";
const GOOD_HOUSEHOLD: &str = "住户,张三,张三,13800000001,黄山路,1,,,,黄山路东段,1,居民,,";
const STAFF_HEADER: &str = "姓名,岗位,收费小组,电话,入职日期,离职日期,月基本工资,责任区,备注";
const GOOD_STAFF: &str = "李明,保洁员,1,13912345678,2026-08-16,,1800.00,黄山路东段,";

fn households(rows: &[&str]) -> Vec<u8> {
    let mut s = String::from(HOUSEHOLD_HEADER);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s.into_bytes()
}

fn staff(rows: &[&str]) -> Vec<u8> {
    let mut s = String::from(STAFF_HEADER);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s.into_bytes()
}

/// The database file after merging the -wal, so that equal bytes mean equal data.
fn settled_bytes(t: &TestApp) -> Vec<u8> {
    let conn = Connection::open(t.db_path()).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    std::fs::read(t.db_path()).unwrap()
}

/// What the clerk must be told.
enum Told {
    /// A row error at this row and column, its message containing the text.
    Cell(usize, &'static str, &'static str),
    /// A message about the whole file containing one of the texts.
    File(&'static [&'static str]),
}

fn refused(kind: &str, target: &str, name: &str, bytes: &[u8], told: Told) {
    let t = TestApp::new();
    t.zone("黄山路东段");
    let before = settled_bytes(&t);
    let err = t.fails("import.commit", import_args(target, name, bytes));
    match told {
        Told::Cell(row, column, text) => {
            assert_eq!(err.code, "import.rows", "{kind}: {}", err.message);
            let hit = err
                .rows
                .iter()
                .find(|r| r.row == row && r.column.contains(column))
                .unwrap_or_else(|| {
                    panic!("{kind}: no error at row {row} {column}: {:?}", err.rows)
                });
            assert!(hit.message.contains(text), "{kind}: {}", hit.message);
            assert!(err.message.contains("未写入任何数据"), "{kind}");
        }
        Told::File(texts) => {
            assert!(
                texts.iter().any(|t| err.message.contains(t)),
                "{kind}: {} {}",
                err.code,
                err.message
            );
        }
    }
    // The preview says the same and writes nothing either.
    let _ = t
        .app
        .call("import.preview", import_args(target, name, bytes), "t");
    assert!(settled_bytes(&t) == before, "{kind}: the database changed");
}

#[test]
fn a_file_in_an_unknown_encoding_is_refused() {
    // Neither UTF-8 nor GBK: a Latin-1 é and bytes GBK never uses.
    let mut bytes = households(&[]);
    bytes.extend_from_slice(b"\xe9\xff\xfe,\xff\xff,,13800000001,\xff,1,,,,,1,,,\n");
    refused(
        "encoding",
        "households",
        "住户.csv",
        &bytes,
        Told::File(&["编码"]),
    );
}

#[test]
fn a_file_split_by_chinese_commas_is_refused() {
    let bytes = String::from_utf8(households(&[GOOD_HOUSEHOLD]))
        .unwrap()
        .replace(',', "，");
    refused(
        "chinese commas",
        "households",
        "住户.csv",
        bytes.as_bytes(),
        Told::File(&["中文逗号"]),
    );
}

#[test]
fn a_missing_column_is_named() {
    let bytes = "类型,联系人,电话\n住户,张三,13800000001\n";
    refused(
        "missing column",
        "households",
        "住户.csv",
        bytes.as_bytes(),
        Told::File(&["缺少「名称」列"]),
    );
}

#[test]
fn a_row_with_extra_cells_beyond_the_header_is_not_half_read() {
    let row = format!("{GOOD_HOUSEHOLD},多余,更多");
    refused(
        "extra cells",
        "households",
        "住户.csv",
        &households(&[&row]),
        Told::File(&["第 2 行有 16 列"]),
    );
}

#[test]
fn three_decimals_in_a_wage_are_refused() {
    let row = GOOD_STAFF.replace("1800.00", "1800.125");
    refused(
        "three decimals",
        "staff",
        "人员.csv",
        &staff(&[&row]),
        Told::Cell(2, "工资", ""),
    );
}

#[test]
fn a_negative_wage_is_refused() {
    let row = GOOD_STAFF.replace("1800.00", "-100");
    refused(
        "negative",
        "staff",
        "人员.csv",
        &staff(&[&row]),
        Told::Cell(2, "工资", ""),
    );
}

#[test]
fn an_impossible_date_is_refused() {
    let row = GOOD_STAFF.replace("2026-08-16", "2026-02-30");
    refused(
        "impossible date",
        "staff",
        "人员.csv",
        &staff(&[&row]),
        Told::Cell(2, "入职日期", ""),
    );
}

#[test]
fn a_duplicate_row_is_refused() {
    refused(
        "duplicate",
        "households",
        "住户.csv",
        &households(&[GOOD_HOUSEHOLD, GOOD_HOUSEHOLD]),
        Told::Cell(3, "名称", "重复"),
    );
}

#[test]
fn a_formula_is_refused_not_stored() {
    let row = GOOD_HOUSEHOLD.replace("张三,张三", "=cmd|' /C calc'!A0,张三");
    refused(
        "formula",
        "households",
        "住户.csv",
        &households(&[&row]),
        Told::Cell(2, "名称", "开头"),
    );
}

#[test]
fn a_truncated_workbook_is_refused() {
    let t = TestApp::new();
    let template = t
        .file("import.template", json!({ "target": "households" }))
        .bytes;
    let cut = &template[..template.len() / 2];
    refused(
        "truncated xlsx",
        "households",
        "住户.xlsx",
        cut,
        Told::File(&["Excel 文件已损坏"]),
    );
}

#[test]
fn a_binary_file_is_refused() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    refused(
        "binary",
        "households",
        "住户.csv",
        &bytes,
        Told::File(&["不是有效的", "编码"]),
    );
}

#[test]
fn a_very_large_file_is_refused_before_it_is_read() {
    let mut bytes = households(&[GOOD_HOUSEHOLD]);
    bytes.resize(21 * 1024 * 1024, b' ');
    refused(
        "very large",
        "households",
        "住户.csv",
        &bytes,
        Told::File(&["文件太大"]),
    );
}

#[test]
fn an_empty_file_is_refused() {
    refused(
        "empty",
        "households",
        "住户.csv",
        b"",
        Told::File(&["文件是空的"]),
    );
}

#[test]
fn a_bad_phone_number_is_refused() {
    let row = GOOD_HOUSEHOLD.replace("13800000001", "12345");
    refused(
        "phone",
        "households",
        "住户.csv",
        &households(&[&row]),
        Told::Cell(2, "电话", ""),
    );
}

#[test]
fn an_unknown_zone_is_refused() {
    let row = GOOD_HOUSEHOLD.replace("黄山路东段", "没有这个区");
    refused(
        "zone",
        "households",
        "住户.csv",
        &households(&[&row]),
        Told::Cell(2, "责任区", "没有这个区"),
    );
}

#[test]
fn an_unknown_kind_is_refused() {
    let row = GOOD_HOUSEHOLD.replace("住户,张三", "商铺,张三");
    refused(
        "kind",
        "households",
        "住户.csv",
        &households(&[&row]),
        Told::Cell(2, "类型", "商铺"),
    );
}

#[test]
fn a_group_that_does_not_exist_is_refused() {
    let row = GOOD_HOUSEHOLD.replace("黄山路东段,1,", "黄山路东段,9,");
    refused(
        "group",
        "households",
        "住户.csv",
        &households(&[&row]),
        Told::Cell(2, "收费小组", ""),
    );
}

#[test]
fn a_code_that_does_not_exist_is_refused() {
    let bytes = format!("编号,{HOUSEHOLD_HEADER}\nH9999999,{GOOD_HOUSEHOLD}\n");
    refused(
        "unknown code",
        "households",
        "住户.csv",
        bytes.as_bytes(),
        Told::Cell(2, "编号", ""),
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn reading_any_bytes_as_a_table_never_panics(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        xlsx in any::<bool>(),
    ) {
        let name = if xlsx { "x.xlsx" } else { "x.csv" };
        let _ = cw_tabular::read_table(name, &bytes);
    }

    #[test]
    fn reading_a_mangled_workbook_never_panics(
        cut in 0usize..6000,
        flips in proptest::collection::vec((0usize..6000, any::<u8>()), 0..8),
    ) {
        let mut bytes = template_bytes();
        for (at, b) in flips {
            let n = bytes.len();
            bytes[at % n] = b;
        }
        bytes.truncate(cut.min(bytes.len()));
        let _ = cw_tabular::read_table("x.xlsx", &bytes);
    }
}

fn template_bytes() -> Vec<u8> {
    use std::sync::OnceLock;
    static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let t = TestApp::new();
            t.file("import.template", json!({ "target": "households" }))
                .bytes
        })
        .clone()
}
