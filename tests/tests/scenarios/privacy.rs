//! Personal data on paper and on record (issue 19): lists print phones masked and no sensitive
//! tag, the full number only when asked for, exports carry the minimum by default, every print
//! or export of residents' data leaves a row in the export log, and the sensitive tags reach
//! only the roles the head allows.

use crate::common::{import_args, pdf_text, TestApp};
use cw_core::Output;
use serde_json::{json, Value};

/// The full mobile numbers (1[3-9] and nine more digits, not inside a longer run of digits).
fn full_phones(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let b = run.as_bytes();
        if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
            found.push(run);
        }
    }
    found
}

/// Every cell of a spreadsheet file, headers included, as one text.
fn sheet_text(f: &cw_core::FileOut) -> String {
    let sheet = cw_tabular::read_table(&f.file_name, &f.bytes).unwrap();
    let mut all = sheet.headers.join(" ");
    for r in &sheet.rows {
        all.push(' ');
        all.push_str(&r.cells.join(" "));
    }
    all
}

/// The newest rows of the export log.
fn log(t: &TestApp) -> Vec<Value> {
    t.ok("exports.log", json!({ "page_size": 500 }))["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn demo() -> TestApp {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    t
}

/// The job of a pledge batch for group 1, laid out as the UI does it.
fn pledge_job(t: &TestApp) -> Value {
    let v = t.ok("pledges.batch_start", json!({ "group_no": 1 }));
    let total = v["total"].as_i64().unwrap();
    let mut offset = 0;
    while offset < total {
        t.ok(
            "pledges.batch_layout",
            json!({ "job_id": v["job_id"], "offset": offset, "limit": 200 }),
        );
        offset += 200;
    }
    v["job_id"].clone()
}

#[test]
fn the_demo_households_have_mobile_numbers_for_the_masking_to_hide() {
    let t = demo();
    let page = t.ok("households.list", json!({ "page_size": 50 }));
    let text = page.to_string();
    assert!(full_phones(&text).len() > 10, "{text}");
}

#[test]
fn lists_that_leave_the_office_print_no_full_phone_and_no_sensitive_tag() {
    let t = demo();
    let docs = [
        ("print.roster", json!({ "target": "households" })),
        ("print.roster", json!({ "target": "staff" })),
        ("pledges.outstanding", json!({ "group_no": 1 })),
        ("print.arrears", json!({ "group_no": 1 })),
        ("print.notices", json!({ "group_no": 1 })),
        ("pledges.batch_pdf", json!({ "job_id": pledge_job(&t) })),
    ];
    for (i, (name, args)) in docs.iter().enumerate() {
        let f = t.file(name, args.clone());
        let Some(text) = pdf_text(&t, &f.bytes, &format!("list{i}.pdf"), &["-raw"]) else {
            return;
        };
        // The notices name no phone at all; the lists print it masked.
        if *name != "print.notices" {
            assert!(text.contains("****"), "{name}: no masked phone printed");
        }
        assert_eq!(full_phones(&text), Vec::<String>::new(), "{name}");
        if *name == "print.roster" {
            for tag in ["低保", "五保", "残疾", "独居老人"] {
                assert!(!text.contains(tag), "{name} prints {tag}");
            }
        }
    }
    for (name, args) in [
        (
            "print.roster",
            json!({ "target": "households", "format": "xlsx" }),
        ),
        (
            "pledges.outstanding",
            json!({ "group_no": 1, "format": "xlsx" }),
        ),
        ("print.arrears", json!({ "group_no": 1, "format": "xlsx" })),
        ("export.households", json!({})),
    ] {
        let text = sheet_text(&t.file(name, args));
        assert_eq!(full_phones(&text), Vec::<String>::new(), "{name}");
        assert!(
            !text.contains("低保") && !text.contains("独居老人"),
            "{name}"
        );
    }
}

#[test]
fn the_full_phone_choice_prints_the_number_and_is_recorded_unmasked() {
    let t = demo();
    let f = t.file(
        "print.arrears",
        json!({ "group_no": 1, "full_phones": true }),
    );
    if let Some(text) = pdf_text(&t, &f.bytes, "full.pdf", &["-raw"]) {
        assert!(!full_phones(&text).is_empty(), "{text}");
    }
    let row = &log(&t)[0];
    assert_eq!(row["document"], "卫生费欠费名单");
    assert_eq!(row["masked"], false);
    assert_eq!(row["actor"], "tester");
    assert_eq!(row["command"], "print.arrears");
    t.file("print.arrears", json!({ "group_no": 1 }));
    assert_eq!(log(&t)[0]["masked"], true);
}

#[test]
fn every_document_with_residents_data_writes_an_export_row() {
    let t = demo();
    let survey = t.ok("surveys.list", json!(null))[0]["id"].clone();
    let docs = [
        (
            "print.roster",
            json!({ "target": "households" }),
            "住户花名册",
        ),
        ("print.roster", json!({ "target": "staff" }), "人员花名册"),
        (
            "pledges.outstanding",
            json!({ "group_no": 1 }),
            "门前三包责任书未签户清单",
        ),
        ("print.arrears", json!({ "group_no": 1 }), "卫生费欠费名单"),
        ("print.notices", json!({ "group_no": 1 }), "催缴通知"),
        (
            "pledges.batch_pdf",
            json!({ "job_id": pledge_job(&t) }),
            "门前三包责任书",
        ),
        ("print.survey_sheets", json!({ "id": survey }), "入户调查表"),
        ("export.households", json!({}), "住户门店名单（导出）"),
        ("export.staff", json!({}), "人员名单（导出）"),
    ];
    for (name, args, document) in docs {
        let before = log(&t).len();
        t.file(name, args);
        let rows = log(&t);
        assert_eq!(rows.len(), before + 1, "{name}");
        assert_eq!(rows[0]["document"], document, "{name}");
        assert!(rows[0]["people"].as_i64().unwrap() > 0, "{name}");
        assert_eq!(rows[0]["at"], "2026-11-29 09:00:00");
    }
    // A document without personal data leaves no row.
    let before = log(&t).len();
    t.file("print.collection_rate", json!({}));
    assert_eq!(log(&t).len(), before);
    let filtered = t.ok(
        "exports.log",
        json!({ "month": "2026-11", "document": "催缴通知" }),
    );
    assert_eq!(filtered["total"], 1);
    let none = t.ok("exports.log", json!({ "month": "2026-10" }));
    assert_eq!(none["total"], 0);
    assert!(filtered["documents"]
        .as_array()
        .unwrap()
        .contains(&json!("住户花名册")));
}

#[test]
fn the_export_log_takes_no_update_or_delete() {
    let t = demo();
    t.file("print.arrears", json!({ "group_no": 1 }));
    let conn = cw_store::rusqlite::Connection::open(t.db_path()).unwrap();
    let update = conn.execute("UPDATE export_log SET masked = 0", []);
    assert!(update.is_err(), "update let through");
    let delete = conn.execute("DELETE FROM export_log", []);
    assert!(delete.is_err(), "delete let through");
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM export_log WHERE masked = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'export_log'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn an_export_without_phones_and_tags_imports_back_keeping_them() {
    let t = demo();
    let before = t.ok("households.list", json!({ "page_size": 500 }))["items"].clone();
    let plain = t.file("export.households", json!({}));
    let sheet = cw_tabular::read_table(&plain.file_name, &plain.bytes).unwrap();
    assert!(!sheet.headers.iter().any(|h| h == "电话" || h == "标签"));
    let args = import_args("households", &plain.file_name, &plain.bytes);
    t.ok("import.commit", args);
    let after = t.ok("households.list", json!({ "page_size": 500 }))["items"].clone();
    assert_eq!(before, after, "phones or tags changed by the import");

    let full = t.file(
        "export.households",
        json!({ "include_phones": true, "include_tags": true }),
    );
    let text = sheet_text(&full);
    assert!(!full_phones(&text).is_empty());
    assert!(text.contains("低保") || text.contains("五保") || text.contains("残疾"));
    assert_eq!(log(&t)[0]["masked"], false);
}

/// The app with the head `zhuren` and the clerk `wenyuan` signed in: (head, clerk) tokens.
fn signed_in(t: &TestApp) -> (String, String) {
    let call = |token: Option<&str>, name: &str, args: Value| -> Value {
        match t.app.call_in_session(token, name, args) {
            Ok(Output::Json(v)) => v,
            other => panic!("{name}: {:?}", other.err().map(|e| e.to_string())),
        }
    };
    let head = call(
        None,
        "auth.setup",
        json!({ "username": "zhuren", "display_name": "黄主任", "password": "hs-head-2026" }),
    )["token"]
        .as_str()
        .unwrap()
        .to_string();
    call(
        Some(&head),
        "accounts.create",
        json!({ "username": "wenyuan", "display_name": "李文员", "role": "文员", "password": "clerk-pw-1" }),
    );
    let clerk = call(
        None,
        "auth.login",
        json!({ "username": "wenyuan", "password": "clerk-pw-1" }),
    )["token"]
        .as_str()
        .unwrap()
        .to_string();
    (head, clerk)
}

fn session(t: &TestApp, token: &str, name: &str, args: Value) -> Result<Value, String> {
    match t.app.call_in_session(Some(token), name, args) {
        Ok(Output::Json(v)) => Ok(v),
        Ok(Output::File(f)) => Ok(json!({ "file": f.file_name })),
        Err(e) => Err(e.code().to_string()),
    }
}

#[test]
fn sensitive_tags_are_hidden_from_a_clerk_until_the_head_allows_it() {
    let t = TestApp::new();
    let (head, clerk) = signed_in(&t);
    let zone = t.zone("黄山路东段");
    let h = session(
        &t,
        &head,
        "households.create",
        json!({ "kind": "住户", "name": "张三", "contact": "张三", "phone": "13812345678",
                "address": { "street": "黄山路", "number": "1", "building": "", "unit": "", "room": "" },
                "zone_id": zone, "group_no": 1, "fee_category": "", "tags": ["低保", "出租"], "note": "" }),
    )
    .unwrap();
    let id = h["id"].clone();
    let seen = |token: &str| {
        session(&t, token, "households.get", json!({ "id": id })).unwrap()["tags"].clone()
    };
    assert_eq!(seen(&head), json!(["低保", "出租"]));
    assert_eq!(seen(&clerk), json!(["出租"]));
    let listed = session(&t, &clerk, "households.list", json!({})).unwrap();
    assert_eq!(listed["items"][0]["tags"], json!(["出租"]));
    assert_eq!(
        session(&t, &clerk, "households.list", json!({ "tag": "低保" })).unwrap_err(),
        "auth.forbidden"
    );
    let options = session(&t, &clerk, "meta.options", json!({})).unwrap();
    assert_eq!(options["tags"], json!(["出租"]));
    assert_eq!(
        session(
            &t,
            &clerk,
            "export.households",
            json!({ "include_tags": true })
        )
        .unwrap_err(),
        "auth.forbidden"
    );
    // The clerk's edit (its form never showed 低保) keeps the tag.
    let mut edit = session(&t, &clerk, "households.get", json!({ "id": id })).unwrap();
    edit["note"] = json!("换了门锁");
    edit["zone_id"] = json!(zone);
    session(
        &t,
        &clerk,
        "households.update",
        json!({ "id": id, "input": edit }),
    )
    .unwrap();
    assert_eq!(seen(&head), json!(["低保", "出租"]));
    // The record's history shows the tags as the page does.
    let history = |token: &str| {
        session(
            &t,
            token,
            "audit.history",
            json!({ "entity": "parties", "id": id }),
        )
        .unwrap()
        .to_string()
    };
    assert!(history(&head).contains("低保"));
    let for_clerk = history(&clerk);
    assert!(
        !for_clerk.contains("低保") && for_clerk.contains("出租"),
        "{for_clerk}"
    );
    // The setting is the head's.
    assert_eq!(
        session(
            &t,
            &clerk,
            "privacy.update",
            json!({ "tag_roles": ["文员"] })
        )
        .unwrap_err(),
        "auth.forbidden"
    );
    assert_eq!(
        session(&t, &clerk, "exports.log", json!({})).unwrap_err(),
        "auth.forbidden"
    );
    let view = session(
        &t,
        &head,
        "privacy.update",
        json!({ "tag_roles": ["文员"] }),
    )
    .unwrap();
    assert_eq!(view["tag_roles"], json!(["文员"]));
    assert_eq!(seen(&clerk), json!(["低保", "出租"]));
    assert_eq!(
        session(&t, &clerk, "privacy.get", json!({})).unwrap()["sees_tags"],
        true
    );
}
