//! The 经管站's pre-printed receipt: a book records its form; a fields-only form prints the values
//! alone at their positions (edited in 收费设置), with a calibration page; plain paper keeps the
//! full three-part receipt.

use crate::common::has_tool;
use crate::fees::{id, Fees};
use serde_json::{json, Value};

/// 经管站预印票据, as the migration seeds it.
const PREPRINTED: i64 = 2;

/// The labels of the full receipt: none of them may print on a pre-printed form.
const LABELS: [&str; 16] = [
    "收　据",
    "存根联",
    "收据联",
    "记账联",
    "本号",
    "No.",
    "开票日期",
    "缴费人",
    "户号",
    "地　址",
    "收费项目",
    "金额（大写）",
    "小写",
    "收费人员",
    "在场社区干部",
    "收款单位",
];

fn book(f: &Fees, no: &str, first: i64, form: Option<i64>) -> Value {
    f.t.ok(
        "fees.books.register",
        json!({ "book_no": no, "first_serial": first, "last_serial": first + 49,
                "received_on": "2026-08-28", "collector_id": f.collector, "form_id": form }),
    )
}

/// Words of page 1 with their left edge and baseline-ish bottom, in points (`pdftotext -bbox`).
fn words(f: &Fees, bytes: &[u8], name: &str) -> Option<Vec<(String, f32, f32)>> {
    if !has_tool("pdftotext") {
        eprintln!("pdftotext not installed: text check skipped");
        return None;
    }
    let path = f.t.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |w: &str, name: &str| -> f32 {
        let at = w.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        w[at..].split('"').next().unwrap().parse().unwrap()
    };
    Some(
        html.split("<word ")
            .skip(1)
            .map(|w| {
                let text = w.split('>').nth(1).unwrap().split('<').next().unwrap();
                (text.to_string(), attr(w, "xMin"), attr(w, "yMax"))
            })
            .collect(),
    )
}

fn text(f: &Fees, bytes: &[u8], name: &str) -> Option<String> {
    // CW_PDF_KEEP=dir keeps a copy for a human to look at.
    if let Ok(dir) = std::env::var("CW_PDF_KEEP") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
    if !has_tool("pdftotext") {
        return None;
    }
    let path = f.t.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn a_book_records_its_form_and_plain_paper_is_the_default() {
    let f = Fees::new();
    assert_eq!(book(&f, "A01", 1001, None)["form_name"], "普通纸");
    let b = book(&f, "B01", 2001, Some(PREPRINTED));
    assert_eq!(b["form_id"], PREPRINTED);
    assert_eq!(b["form_name"], "经管站预印票据");
    let e = f.t.fails(
        "fees.books.register",
        json!({ "book_no": "C01", "first_serial": 3001, "last_serial": 3010,
                "received_on": "2026-08-28", "form_id": 99 }),
    );
    assert!(e.message.contains("收据版式"), "{}", e.message);
    assert_eq!(
        f.t.ok("fees.books.list", json!({}))["total"],
        2,
        "nothing written"
    );
    let forms = f.t.ok("fees.forms.list", json!({}));
    let names: Vec<&str> = forms
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["普通纸", "经管站预印票据"]);
    assert_eq!(forms[1]["fields"].as_array().unwrap().len(), 10);
    assert_eq!(forms[1]["fields"][3]["name"], "缴费人");
}

#[test]
fn a_receipt_on_a_pre_printed_form_prints_the_values_and_none_of_the_labels() {
    let f = Fees::new();
    book(&f, "B01", 2026001, Some(PREPRINTED));
    let b = f.batch();
    let r = f.issue(b, 0, json!({})).unwrap();
    let file = f.t.file("print.receipt", json!({ "id": id(&r) }));
    assert!(file.warnings.is_empty());
    let Some(text) = text(&f, &file.bytes, "r.pdf") else {
        return;
    };
    for value in [
        "B01",
        "2026001",
        "2026年11月29日",
        "张三",
        "黄山路1号",
        "2026年9月–12月",
        "人民币贰拾元整",
        "¥20.00",
        "王收费",
        "李干部",
    ] {
        assert!(text.contains(value), "{value} missing in\n{text}");
    }
    for label in LABELS {
        assert!(!text.contains(label), "label {label} printed:\n{text}");
    }
    assert_eq!(
        text.matches("人民币贰拾元整").count(),
        1,
        "one part, not three"
    );
    if has_tool("pdfinfo") {
        let path = f.t.dir.path().join("r.pdf");
        let info = std::process::Command::new("pdfinfo")
            .arg(&path)
            .output()
            .unwrap();
        let info = String::from_utf8(info.stdout).unwrap();
        assert!(info.contains("595.28 x 280.63 pts"), "210 × 99 mm: {info}");
    }
}

#[test]
fn positions_move_when_the_settings_change() {
    let f = Fees::new();
    book(&f, "B01", 2026001, Some(PREPRINTED));
    let b = f.batch();
    let r = f.issue(b, 0, json!({})).unwrap();
    let at = |bytes: &[u8], word: &str| -> Option<(f32, f32)> {
        let ws = words(&f, bytes, "w.pdf")?;
        let (_, x, y) = ws.iter().find(|(t, _, _)| t == word).unwrap().clone();
        Some((x, y))
    };
    let before = f.t.file("print.receipt", json!({ "id": id(&r) }));
    let mut form = f.t.ok("fees.forms.list", json!({}))[1].clone();
    assert_eq!(form["fields"][3]["key"], "payer");
    form["fields"][3]["x_mm"] = json!("60");
    form["fields"][3]["y_mm"] = json!("40.5");
    form["fields"][9]["shown"] = json!(false); // the cadre left blank
    let saved = f.t.ok("fees.forms.save", form);
    assert_eq!(saved["fields"][3]["x_mm"], "60");
    let after = f.t.file("print.receipt", json!({ "id": id(&r) }));
    let (Some((x0, y0)), Some((x1, y1))) = (at(&before.bytes, "张三"), at(&after.bytes, "张三"))
    else {
        return;
    };
    let pt = |mm: f32| mm * 72.0 / 25.4;
    assert!((x1 - x0 - pt(60.0 - 38.0)).abs() < 0.5, "{x0} → {x1}");
    assert!((y1 - y0 - pt(40.5 - 29.0)).abs() < 0.5, "{y0} → {y1}");
    let printed = text(&f, &after.bytes, "a.pdf").unwrap();
    assert!(!printed.contains("李干部"), "a hidden field prints nothing");
    // The printer offset moves every value too.
    f.t.ok(
        "fees.settings.update",
        json!({ "layout": "三联", "single_part": "收据联", "paper_width_mm": 210, "paper_height_mm": 99,
                "offset_x_mm": "2.5", "offset_y_mm": "0" }),
    );
    let shifted = f.t.file("print.receipt", json!({ "id": id(&r) }));
    let (x2, _) = at(&shifted.bytes, "张三").unwrap();
    assert!((x2 - x1 - pt(2.5)).abs() < 0.5, "{x1} → {x2}");
}

#[test]
fn a_position_off_the_paper_is_refused_naming_the_field_and_changes_nothing() {
    let f = Fees::new();
    let mut form = f.t.ok("fees.forms.list", json!({}))[1].clone();
    form["fields"][3]["x_mm"] = json!("230");
    let e = f.t.fails("fees.forms.save", form.clone());
    assert!(
        e.message.contains("缴费人") && e.message.contains("210"),
        "{}",
        e.message
    );
    form["fields"][3]["x_mm"] = json!("38.25");
    assert!(f
        .t
        .fails("fees.forms.save", form)
        .message
        .contains("一位小数"));
    assert_eq!(
        f.t.ok("fees.forms.list", json!({}))[1]["fields"][3]["x_mm"],
        "38"
    );
    let plain = f.t.ok("fees.forms.list", json!({}))[0].clone();
    let mut bad = plain.clone();
    bad["layout"] = json!("仅填值");
    assert!(f.t.fails("fees.forms.save", bad).message.contains("普通纸"));
}

#[test]
fn a_batch_prints_each_receipt_on_the_form_of_its_book() {
    let f = Fees::new();
    let plain = id(&book(&f, "A01", 1001, None));
    let pre = id(&book(&f, "B01", 2001, Some(PREPRINTED)));
    let b = f.batch();
    f.issue(b, 0, json!({ "book_id": plain })).unwrap();
    f.issue(b, 1, json!({ "book_id": pre })).unwrap();
    let file = f.t.file("print.receipts", json!({ "batch_id": b }));
    let Some(text) = text(&f, &file.bytes, "b.pdf") else {
        return;
    };
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(
        pages[0].contains("张三") && pages[0].contains("收据联"),
        "{}",
        pages[0]
    );
    assert!(pages[1].contains("李四"), "{}", pages[1]);
    for label in LABELS {
        assert!(!pages[1].contains(label), "{label} on the pre-printed form");
    }
}

#[test]
fn the_calibration_page_draws_each_position_with_its_name() {
    let f = Fees::new();
    let file = f.t.file(
        "print.receipt_form_calibration",
        json!({ "form_id": PREPRINTED }),
    );
    assert!(
        file.file_name.contains("经管站预印票据"),
        "{}",
        file.file_name
    );
    let Some(text) = text(&f, &file.bytes, "cal.pdf") else {
        return;
    };
    for want in [
        "缴费人（38，29）",
        "金额大写（38，56）",
        "号码（70，20）",
        "校准页",
    ] {
        assert!(text.contains(want), "{want} missing in\n{text}");
    }
    if has_tool("qpdf") {
        let path = f.t.dir.path().join("cal.pdf");
        let ok = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .status()
            .unwrap();
        assert!(ok.success());
    }
}
