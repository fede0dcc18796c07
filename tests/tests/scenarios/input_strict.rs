//! Input that used to be accepted but was wrong (issue 14): loose money, unreal cash faces,
//! impossible dates, receipts far above their standard, invisible characters in names and
//! import files whose mistake was blamed on the wrong cell. Each is refused naming the field
//! (and the row), and a refusal changes nothing.

use crate::assessment::community;
use crate::common::TestApp;
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
