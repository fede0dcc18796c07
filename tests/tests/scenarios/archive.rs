//! Scenarios of the yearly archive: a closed year's receipts, remittances and fines in one
//! read-only workbook whose totals agree with the records, and the current year refused.

use crate::common::TestApp;
use chrono::NaiveDate;
use cw_core::domain::FixedClock;
use cw_core::App;
use serde_json::json;
use std::sync::Arc;

#[test]
fn a_closed_years_archive_is_a_read_only_workbook_whose_totals_agree_with_the_records() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    let refused = t.fails("archive.year", json!({ "year": 2026 }));
    assert!(refused.message.contains("已结束"), "{}", refused.message);
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    let (valid, voided, fen): (i64, i64, i64) = conn
        .query_row(
            "SELECT count(*) FILTER (WHERE v.id IS NULL), count(v.id),
                    coalesce(sum(r.amount_fen) FILTER (WHERE v.id IS NULL), 0)
             FROM receipts r LEFT JOIN receipt_voids v ON v.receipt_id = r.id
             WHERE substr(r.issued_at, 1, 4) = '2026'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    drop(conn);
    assert!(valid > 0);
    let TestApp { app, dir } = t;
    drop(app);
    let at = NaiveDate::from_ymd_opt(2027, 1, 5)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let t = TestApp {
        app: App::open(&dir.path().join("cw.db"), Arc::new(FixedClock(at))).unwrap(),
        dir,
    };
    let f = t.file("archive.year", json!({ "year": 2026 }));
    assert_eq!(f.file_name, "年度归档-2026.xlsx");
    let sheet = cw_tabular::read_table(&f.file_name, &f.bytes).unwrap();
    let cell = |label: &str| {
        sheet
            .rows
            .iter()
            .find(|r| r.cells.first().map(String::as_str) == Some(label))
            .and_then(|r| r.cells.get(1).cloned())
            .unwrap_or_default()
    };
    assert_eq!(cell("收据（有效）张数"), valid.to_string());
    assert_eq!(cell("收据作废张数"), voided.to_string());
    let total: f64 = cell("有效收据金额").replace(',', "").parse().unwrap();
    assert_eq!((total * 100.0).round() as i64, fen);
    // Read-only: every sheet is protected and the file asks to be opened read-only.
    let xml = unzip_text(&f.bytes);
    assert!(xml.contains("<sheetProtection"), "sheets protected");
    assert!(
        xml.contains("readOnlyRecommended=\"1\""),
        "read-only recommended"
    );
}

/// The XML parts of an .xlsx, concatenated.
fn unzip_text(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = String::new();
        if std::io::Read::read_to_string(&mut f, &mut s).is_ok() {
            out.push_str(&s);
        }
    }
    out
}
