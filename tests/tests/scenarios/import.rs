//! Scenarios of importing staff and households: preview, all-or-nothing, re-import, round trip.

use crate::common::{import_args, TestApp};
use serde_json::json;

const GOOD: &str = "类型,名称,联系人,电话,街道,门牌号,楼栋,单元,房号,责任区,收费小组,标签\n\
住户,张三,张三,13800000001,黄山路,1,,,,黄山路东段,1,低保\n\
门店,王伟超市,王伟,13800000002,黄山路,3,,,,黄山路东段,第一小组,出租\n\
单位,黄山小学,刘校长,0734-8123456,建设路,20,,,,,2,\n";

fn with_zone() -> TestApp {
    let t = TestApp::new();
    t.zone("黄山路东段");
    t
}

#[test]
fn a_file_with_one_bad_row_is_reported_by_row_and_column_and_writes_nothing() {
    let t = with_zone();
    let bad = GOOD
        .replace("门店,王伟超市", "商铺,王伟超市")
        .replace("0734-8123456", "12345");
    let before = t.audit_rows();
    let preview = t.ok(
        "import.preview",
        import_args("households", "住户.csv", bad.as_bytes()),
    );
    let errors = preview["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0]["row"], 3);
    assert_eq!(errors[0]["column"], "类型");
    assert!(errors[0]["message"].as_str().unwrap().contains("商铺"));
    assert_eq!(errors[1]["row"], 4);
    assert_eq!(errors[1]["column"], "电话");
    let err = t.fails(
        "import.commit",
        import_args("households", "住户.csv", bad.as_bytes()),
    );
    assert_eq!(err.code, "import.rows");
    assert_eq!(err.rows.len(), 2);
    assert!(err.message.contains("未写入任何数据"));
    assert_eq!(t.household_count(), 0);
    assert_eq!(t.audit_rows(), before);
}

#[test]
fn a_good_file_imports_and_importing_it_again_creates_no_duplicates() {
    let t = with_zone();
    let preview = t.ok(
        "import.preview",
        import_args("households", "住户.csv", GOOD.as_bytes()),
    );
    assert_eq!(preview["to_create"], 3);
    assert_eq!(t.household_count(), 0, "a preview writes nothing");
    let first = t.ok(
        "import.commit",
        import_args("households", "住户.csv", GOOD.as_bytes()),
    );
    assert_eq!(first["created"], 3);
    let again = t.ok(
        "import.commit",
        import_args("households", "住户.csv", GOOD.as_bytes()),
    );
    assert_eq!(
        (again["created"].as_i64(), again["unchanged"].as_i64()),
        (Some(0), Some(3))
    );
    assert_eq!(t.household_count(), 3);
    let shop = t.ok("households.list", json!({ "q": "wwcs" }));
    assert_eq!(shop["items"][0]["group_no"], 1);
    assert_eq!(shop["items"][0]["tags"][0], "出租");
}

#[test]
fn a_changed_phone_in_a_reimport_updates_the_record() {
    let t = with_zone();
    t.ok(
        "import.commit",
        import_args("households", "住户.csv", GOOD.as_bytes()),
    );
    let changed = GOOD.replace("13800000001", "13900000009");
    let out = t.ok(
        "import.commit",
        import_args("households", "住户.csv", changed.as_bytes()),
    );
    assert_eq!(
        (out["updated"].as_i64(), out["unchanged"].as_i64()),
        (Some(1), Some(2))
    );
    let h = t.ok("households.list", json!({ "q": "张三" }));
    assert_eq!(h["items"][0]["phone"], "13900000009");
}

#[test]
fn a_gbk_file_from_chinese_excel_imports() {
    let t = with_zone();
    let (gbk, _, _) = encoding_rs::GBK.encode(GOOD);
    let out = t.ok("import.commit", import_args("households", "住户.csv", &gbk));
    assert_eq!(out["created"], 3);
    assert_eq!(
        t.ok("households.list", json!({ "q": "黄山小学" }))["total"],
        1
    );
}

#[test]
fn an_export_imports_back_unchanged() {
    let t = with_zone();
    t.ok(
        "import.commit",
        import_args("households", "住户.csv", GOOD.as_bytes()),
    );
    let xlsx = t.file("export.households", json!({}));
    assert!(xlsx.file_name.ends_with(".xlsx"));
    assert_eq!(&xlsx.bytes[..2], b"PK");
    // The export carries a title row above the header; the import reads from the header.
    let out = t.ok(
        "import.commit",
        import_args("households", &xlsx.file_name, &xlsx.bytes),
    );
    assert_eq!(
        (out["created"].as_i64(), out["unchanged"].as_i64()),
        (Some(0), Some(3)),
        "{out}"
    );
}

#[test]
fn duplicate_rows_in_one_file_are_caught() {
    let t = with_zone();
    let dup = format!("{GOOD}住户,张三,张三,13800000001,黄山路,1,,,,黄山路东段,1,低保\n");
    let preview = t.ok(
        "import.preview",
        import_args("households", "住户.csv", dup.as_bytes()),
    );
    let e = &preview["errors"][0];
    assert_eq!(e["row"], 5);
    assert!(e["message"].as_str().unwrap().contains("与第 2 行重复"));
}

#[test]
fn a_file_without_a_required_column_says_which() {
    let t = with_zone();
    let preview = t.ok(
        "import.preview",
        import_args(
            "households",
            "x.csv",
            "名称,电话\n张三,13800000001\n".as_bytes(),
        ),
    );
    let cols: Vec<&str> = preview["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["column"].as_str().unwrap())
        .collect();
    assert_eq!(cols, ["类型", "街道"]);
}

#[test]
fn staff_import_resolves_zones_and_reimport_is_idempotent() {
    let t = with_zone();
    let csv = "姓名,岗位,收费小组,电话,入职日期,月基本工资,责任区\n\
李明,保洁员,,13912345678,2026/8/16,1800,黄山路东段\n\
颜永华,社区干部、收费人员,第一小组,13900000001,2026年7月1日,,\n";
    let out = t.ok(
        "import.commit",
        import_args("staff", "人员.csv", csv.as_bytes()),
    );
    assert_eq!(out["created"], 2);
    let again = t.ok(
        "import.commit",
        import_args("staff", "人员.csv", csv.as_bytes()),
    );
    assert_eq!(again["unchanged"], 2, "{again}");
    let z = t.ok("zones.list", json!({}));
    assert_eq!(z[0]["cleaner_names"][0], "李明");
    let bad = csv.replace("2026/8/16", "2026-02-30");
    let p = t.ok(
        "import.preview",
        import_args("staff", "人员.csv", bad.as_bytes()),
    );
    assert_eq!(p["errors"][0]["column"], "入职日期");
}

#[test]
fn the_template_has_the_import_headers() {
    let t = TestApp::new();
    let f = t.file("import.template", json!({ "target": "households" }));
    let sheet = cw_tabular::read_table(&f.file_name, &f.bytes).unwrap();
    assert_eq!(sheet.headers[1], "类型");
    assert_eq!(sheet.rows.len(), 1);
}
