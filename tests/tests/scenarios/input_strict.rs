//! Input that used to be accepted but was wrong (issue 14): loose money, unreal cash faces,
//! impossible dates, receipts far above their standard, invisible characters in names and
//! import files whose mistake was blamed on the wrong cell. Each is refused naming the field
//! (and the row), and a refusal changes nothing.

use crate::assessment::community;
use crate::common::{import_args, TestApp};
use crate::fees::Fees;
use serde_json::json;

#[test]
fn an_impossible_fine_date_is_refused_in_chinese_naming_the_field() {
    let t = TestApp::new();
    let fx = community(&t);
    let before = t.audit_rows();
    let one = t.fails(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "B1", "date": "2026-02-30", "recorded_by": fx.sup }),
    );
    assert_eq!(one.code, "bad_args");
    assert!(
        one.message.contains("「日期」不是有效日期"),
        "{}",
        one.message
    );
    let batch = t.fails(
        "fines.create_batch",
        json!({ "items": [
            { "staff_id": fx.a, "item_code": "B1", "date": "2026-11-20", "recorded_by": fx.sup },
            { "staff_id": fx.b, "item_code": "B1", "date": "2026-02-30", "recorded_by": fx.sup }
        ] }),
    );
    assert!(
        batch.message.contains("第 2 条的「日期」不是有效日期"),
        "{}",
        batch.message
    );
    assert_eq!(t.audit_rows(), before, "nothing was written");
}

/// Every date argument of the command table, given a day that does not exist: each refusal is
/// Chinese and names its field, never chrono's "input is out of range" or a bare 「参数」.
#[test]
fn every_impossible_date_argument_is_named_in_chinese() {
    let t = TestApp::new();
    let keys = [
        "date",
        "on_date",
        "hire_date",
        "leave_date",
        "signed_on",
        "inspected_on",
        "issued_on",
        "deadline",
        "starts_on",
        "ends_on",
        "done_on",
        "approved_on",
        "received_on",
        "remitted_on",
        "as_of",
        "effective_date",
        "from",
        "to",
    ];
    let before = t.audit_rows();
    let mut checked = 0;
    for c in cw_core::commands::all() {
        // Documents, and the commands that act on the file or the accounts as a whole, are left
        // out, so that no command whose arguments all have defaults runs for real.
        let whole_file = [
            "accounts.",
            "auth.",
            "backups.",
            "demo.",
            "import.",
            "security.",
        ];
        if matches!(c.kind, cw_core::CommandKind::Document)
            || whole_file.iter().any(|p| c.name.starts_with(p))
            // Its arguments all have defaults, so it would save the default settings.
            || ["campaign.setup", "assessment.settings.update"].contains(&c.name)
        {
            continue;
        }
        for key in keys {
            for args in [
                json!({ key: "2026-02-30" }),
                json!({ "input": { key: "2026-02-30" } }),
                json!({ "items": [{ key: "2026-02-30" }] }),
            ] {
                let Err(e) = t.app.call(c.name, args.clone(), "tester") else {
                    continue;
                };
                let m = e.to_string();
                assert!(
                    !m.contains("out of range") && !m.contains("input "),
                    "{}: {m}",
                    c.name
                );
                if e.code() != "bad_args" || m.contains("多余的参数") || m.contains("缺少") {
                    continue;
                }
                checked += 1;
                assert!(m.contains("」不是有效日期"), "{} {args}: {m}", c.name);
            }
        }
    }
    assert!(checked > 10, "only {checked} date arguments found");
    assert_eq!(t.audit_rows(), before, "nothing was written");
}

fn receipts(f: &Fees) -> usize {
    f.t.ok("fees.receipts.list", json!({}))["items"]
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn money_with_a_space_or_an_exponent_is_refused_naming_the_field_and_changes_nothing() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    let before = f.t.audit_rows();
    for (amount, why) in [
        ("5 5", "空格"),
        ("1e-2", "科学计数法"),
        ("2,80", "千位分隔符"),
    ] {
        let e = f
            .issue(b, 0, json!({ "amount": amount, "override_reason": "协商" }))
            .unwrap_err();
        assert_eq!(e.code, "validation.invalid", "{amount}");
        assert!(
            e.message.contains("「实收金额」"),
            "{amount}: {}",
            e.message
        );
        assert!(e.message.contains(why), "{amount}: {}", e.message);
    }
    let wage = f.t.fails(
        "staff.create",
        json!({ "name": "周保洁", "roles": ["保洁员"], "base_wage": "1 800" }),
    );
    assert!(wage.message.contains("「月基本工资」"), "{}", wage.message);
    let standard = f.t.fails(
        "fees.standards.create",
        json!({ "category": "住户", "monthly": "1e1", "effective_from": "2027-01", "basis": "x" }),
    );
    assert!(
        standard.message.contains("「月标准」"),
        "{}",
        standard.message
    );
    assert_eq!(f.t.audit_rows(), before, "nothing was written");
    // Full-width digits, a yen sign and separators in the right places are money.
    let r = f.issue(b, 0, json!({ "amount": "￥２０．００" })).unwrap();
    assert_eq!(r["amount"], "20.00");
}

#[test]
fn a_receipt_far_above_its_standard_is_refused_even_with_a_reason() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    assert_eq!(
        f.t.ok("fees.settings.get", json!({}))["override_cap_times"],
        5
    );
    let before = f.t.audit_rows();
    let e = f
        .issue(
            b,
            0,
            json!({ "amount": "10,000,000.00", "override_reason": "协商" }),
        )
        .unwrap_err();
    assert_eq!(e.code, "validation.invalid");
    assert!(
        e.message
            .starts_with("「实收金额」¥10,000,000.00 超过改价上限"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains("¥20.00 的 5 倍（¥100.00）"),
        "{}",
        e.message
    );
    // An exempt household (王五, 低保) is held to its full price too.
    let exempt = f
        .issue(
            b,
            2,
            json!({ "amount": "100.01", "override_reason": "自愿缴纳" }),
        )
        .unwrap_err();
    assert!(exempt.message.contains("改价上限"), "{}", exempt.message);
    assert_eq!(f.t.audit_rows(), before, "nothing was written");
    assert_eq!(receipts(&f), 0);
    // Up to the cap is fine; the cap is a setting.
    f.issue(
        b,
        0,
        json!({ "amount": "100", "override_reason": "补交往年" }),
    )
    .unwrap();
    let mut s = f.t.ok("fees.settings.get", json!({}));
    s["override_cap_times"] = json!(2);
    assert_eq!(
        f.t.ok("fees.settings.update", s.clone())["override_cap_times"],
        2
    );
    let e = f
        .issue(
            b,
            1,
            json!({ "amount": "40.01", "override_reason": "协商" }),
        )
        .unwrap_err();
    assert!(e.message.contains("的 2 倍（¥40.00）"), "{}", e.message);
    for bad in [0, 101] {
        s["override_cap_times"] = json!(bad);
        let e = f.t.fails("fees.settings.update", s.clone());
        assert!(e.message.contains("「改价上限」"), "{}", e.message);
    }
    // An update that leaves it out (an older caller) keeps it.
    s.as_object_mut().unwrap().remove("override_cap_times");
    assert_eq!(f.t.ok("fees.settings.update", s)["override_cap_times"], 2);
}

#[test]
fn a_cash_count_in_faces_that_are_not_rmb_is_refused_and_the_batch_stays_open() {
    let f = Fees::new();
    f.book("A01", 1, 50);
    let b = f.batch();
    f.issue(b, 0, json!({})).unwrap();
    let before = f.t.audit_rows();
    for face in ["3", "0.03", "1000"] {
        let e = f.t.fails(
            "fees.batches.close",
            json!({ "batch_id": b, "denominations": [{ "face": "10", "count": 1 }, { "face": face, "count": 1 }],
                    "confirm_charge": true }),
        );
        assert!(e.message.starts_with("「面额」"), "{face}: {}", e.message);
        assert!(
            e.message.contains(&format!("「{face} 元」")),
            "{face}: {}",
            e.message
        );
    }
    assert_eq!(f.t.audit_rows(), before, "nothing was written");
    let closed = f.t.ok(
        "fees.batches.close",
        json!({ "batch_id": b, "denominations": [{ "face": "10", "count": 1 }, { "face": "5", "count": 1 },
                { "face": "0.5", "count": 8 }, { "face": "0.01", "count": 100 }] }),
    );
    assert_eq!(closed["closing"]["counted"], "20.00");
}

#[test]
fn a_name_with_invisible_characters_is_refused_naming_the_field() {
    let t = TestApp::new();
    let before = t.audit_rows();
    let e = t.fails(
        "households.create",
        json!({ "kind": "住户", "name": "张\u{202E}三", "group_no": 1,
                "address": { "street": "黄山路", "number": "1", "building": "", "unit": "", "room": "" } }),
    );
    assert!(
        e.message.starts_with("「名称」含有看不见的文字方向控制符"),
        "{}",
        e.message
    );
    let e = t.fails(
        "staff.create",
        json!({ "name": "李\u{200B}四", "roles": ["收费人员"], "group_no": 1 }),
    );
    assert!(
        e.message.starts_with("「姓名」含有看不见的零宽字符"),
        "{}",
        e.message
    );
    let e = t.fails(
        "zones.create",
        json!({ "name": "黄山路\u{2066}东段", "kind": "街道", "boundary": "" }),
    );
    assert!(e.message.starts_with("「名称」"), "{}", e.message);
    assert_eq!(t.audit_rows(), before, "nothing was written");
    // In an import, the row and the column are named.
    let csv = "类型,名称,街道,门牌号\n住户,张三,黄山路,1\n住户,李\u{200D}四,黄山路,3\n";
    let e = t.fails(
        "import.commit",
        import_args("households", "住户.csv", csv.as_bytes()),
    );
    assert_eq!(e.rows.len(), 1, "{:?}", e.rows);
    assert_eq!((e.rows[0].row, e.rows[0].column.as_str()), (3, "名称"));
    assert!(e.rows[0].message.contains("零宽字符"), "{:?}", e.rows);
    assert_eq!(t.household_count(), 0);
}

#[test]
fn an_unclosed_quote_in_an_import_is_named_at_its_row_not_blamed_on_an_empty_street() {
    let t = TestApp::new();
    let csv =
        "类型,名称,街道,门牌号\n住户,张三,黄山路,1\n住户,\"李四,黄山路,3\n住户,王五,黄山路,5\n";
    let before = t.audit_rows();
    for command in ["import.preview", "import.commit"] {
        let e = t.fails(
            command,
            import_args("households", "住户.csv", csv.as_bytes()),
        );
        assert_eq!(e.code, "import.unclosed_quote", "{}", e.message);
        assert!(
            e.message.starts_with("第 3 行「名称」：引号没有配对"),
            "{}",
            e.message
        );
        assert!(!e.message.contains("不能为空"), "{}", e.message);
    }
    assert_eq!(t.household_count(), 0);
    assert_eq!(t.audit_rows(), before);
}
