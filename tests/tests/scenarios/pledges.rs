//! Scenarios of 门前三包 pledges: numbering, recording, rates, batch printing and the documents.

use crate::common::{has_tool, pdf_text, TestApp};
use serde_json::{json, Value};

/// A small street: `n` households and `shops` shops in group 1, in zone 黄山路东段.
fn street(t: &TestApp, n: usize, shops: usize) -> Vec<i64> {
    t.ok(
        "settings.update",
        json!({ "community_name": "黄山社区居委会", "street_office": "石马山镇人民政府", "seal_text": "", "campaign_year": 2026 }),
    );
    let zone = t.zone("黄山路东段");
    let names = [
        "王建国",
        "李秀英",
        "张志强",
        "刘海燕",
        "陈春梅",
        "杨国庆",
        "黄德明",
        "赵小红",
        "周文斌",
        "吴金凤",
        "徐永红",
        "孙水生",
    ];
    let mut ids = Vec::new();
    for i in 0..n + shops {
        let shop = i >= n;
        let name = if shop {
            format!("{}超市", names[i % names.len()])
        } else {
            names[i % names.len()].to_string()
        };
        // Created out of walking order, so the batch has to sort them.
        let number = ((n + shops - i) * 2).to_string();
        let h = t.ok(
            "households.create",
            json!({
                "kind": if shop { "门店" } else { "住户" },
                "name": name, "contact": names[i % names.len()], "phone": "13812345678",
                "address": { "street": "黄山路", "number": number, "building": "", "unit": "", "room": "" },
                "zone_id": zone, "group_no": 1,
            }),
        );
        ids.push(h["id"].as_i64().unwrap());
    }
    ids
}

fn start(t: &TestApp, args: Value) -> i64 {
    t.ok("pledges.batch_start", args)["job_id"]
        .as_i64()
        .unwrap()
}

fn numbers(t: &TestApp) -> Vec<(i64, String)> {
    let page = t.ok("pledges.list", json!({ "page_size": 500 }));
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| Some((r["party_id"].as_i64()?, r["number"].as_str()?.to_string())))
        .collect()
}

fn rates(t: &TestApp) -> Value {
    t.ok("pledges.rates", json!({}))
}

fn sign(t: &TestApp, party: i64) -> Value {
    t.ok(
        "pledges.record",
        json!({ "party_id": party, "status": "已签订", "on_date": "2026-11-20" }),
    )
}

fn qpdf_ok(t: &TestApp, bytes: &[u8], name: &str) {
    assert!(bytes.starts_with(b"%PDF"), "{name} is a PDF");
    // CW_KEEP_PDF=folder keeps a copy to look at.
    if let Some(dir) = std::env::var_os("CW_KEEP_PDF") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
    if !has_tool("qpdf") {
        eprintln!("qpdf not installed: structure check skipped");
        return;
    }
    let path = t.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn numbers_are_unique_kept_by_reprints_and_never_reused_after_a_void() {
    let t = TestApp::new();
    let ids = street(&t, 5, 1);
    assert!(
        numbers(&t).is_empty(),
        "nothing is numbered before printing"
    );
    let job = start(&t, json!({ "group_no": 1 }));
    let first = numbers(&t);
    assert_eq!(first.len(), 6);
    let mut seen: Vec<&String> = first.iter().map(|(_, n)| n).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 6, "unique");
    assert!(
        first.iter().all(|(_, n)| n.starts_with("MQ-2026-")),
        "{first:?}"
    );
    // Numbers follow walking order: the list is in walking order too.
    let in_order: Vec<&String> = first.iter().map(|(_, n)| n).collect();
    let mut sorted = in_order.clone();
    sorted.sort();
    assert_eq!(in_order, sorted);

    t.ok("pledges.batch_confirm", json!({ "job_id": job }));
    start(&t, json!({ "group_no": 1 }));
    assert_eq!(numbers(&t), first, "a reprint keeps every number");
    let reprinted = t.ok("pledges.get", json!({ "party_id": ids[0] }));
    assert_eq!(reprinted["row"]["status"], "已打印");

    let voided = first.iter().find(|(p, _)| *p == ids[2]).unwrap().1.clone();
    t.ok(
        "pledges.record",
        json!({ "party_id": ids[2], "status": "作废", "reason": "表格污损" }),
    );
    let after_void = t.ok("pledges.get", json!({ "party_id": ids[2] }));
    assert_eq!(after_void["row"]["status"], "未打印");
    assert!(after_void["row"]["number"].is_null());
    start(&t, json!({ "party_ids": [ids[2]] }));
    let renewed = t.ok("pledges.get", json!({ "party_id": ids[2] }));
    let new_number = renewed["row"]["number"].as_str().unwrap();
    assert_eq!(
        new_number, "MQ-2026-00007",
        "the next number, not the voided one"
    );
    assert_ne!(new_number, voided);
    let history = renewed["history"].as_array().unwrap();
    assert!(
        history
            .iter()
            .any(|e| e["status"] == "作废" && e["number"] == voided.as_str()),
        "the void stays in the history: {history:?}"
    );
}

#[test]
fn rates_count_refusals_voids_and_moved_out_households_as_documented() {
    let t = TestApp::new();
    let ids = street(&t, 6, 2); // 6 households, 2 shops, all in group 1
    let job = start(&t, json!({ "group_no": 1 }));
    t.ok("pledges.batch_confirm", json!({ "job_id": job }));
    sign(&t, ids[0]);
    sign(&t, ids[1]);
    sign(&t, ids[6]); // a shop
    t.ok(
        "pledges.record",
        json!({ "party_id": ids[2], "status": "拒签", "reason": "对收费有意见" }),
    );
    sign(&t, ids[3]);
    t.ok(
        "pledges.record",
        json!({ "party_id": ids[3], "status": "作废", "reason": "签字人不是户主" }),
    );
    sign(&t, ids[4]);
    t.ok(
        "households.set_status",
        json!({ "id": ids[4], "status": "已迁出" }),
    );
    let r = rates(&t);
    let all = &r["overall"];
    // 8 parties − 1 moved out = 7 due; signed: ids 0, 1, 6 (ids 3 voided, 4 moved out).
    assert_eq!(all["due"], 7);
    assert_eq!(all["signed"], 3);
    assert_eq!(all["refused"], 1);
    assert_eq!(all["inactive"], 1);
    assert_eq!(all["outstanding"], 3); // 7 due − 3 signed − 1 refused
    assert_eq!(all["rate_text"], "42.9%"); // 3/7 = 42.857…%, half up
    assert_eq!(r["voided"], 1);
    let kinds = r["by_kind"].as_array().unwrap();
    let household = kinds.iter().find(|k| k["label"] == "住户").unwrap();
    let shop = kinds.iter().find(|k| k["label"] == "门店").unwrap();
    assert_eq!(
        (household["due"].as_i64(), household["signed"].as_i64()),
        (Some(5), Some(2))
    );
    assert_eq!(
        (shop["due"].as_i64(), shop["signed"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(r["by_group"][0]["label"], "第一小组");
    assert_eq!(r["by_group"][0]["signed"], 3);
    assert_eq!(r["by_zone"][0]["label"], "黄山路东段");
    // A refusal that later signs counts as signed.
    sign(&t, ids[2]);
    assert_eq!(rates(&t)["overall"]["signed"], 4);
    // Before any of the signing days, nothing was signed.
    let early = t.ok("pledges.rates", json!({ "as_of": "2026-11-19" }));
    assert_eq!(early["overall"]["signed"], 0);
    assert_eq!(early["overall"]["due"], 7);
}

#[test]
fn status_changes_follow_the_rules_and_leave_history_and_audit_rows() {
    let t = TestApp::new();
    let ids = street(&t, 2, 0);
    let audits = t.audit_rows();
    let e = t.fails(
        "pledges.record",
        json!({ "party_id": ids[0], "status": "拒签" }),
    );
    assert_eq!(e.code, "validation.invalid");
    assert!(e.message.contains("原因"), "{}", e.message);
    assert_eq!(t.audit_rows(), audits, "a refused change writes nothing");
    let e = t.fails(
        "pledges.record",
        json!({ "party_id": ids[0], "status": "已签订", "on_date": "2026-12-01" }),
    );
    assert!(e.message.contains("签订日期"), "{}", e.message);
    let signed = sign(&t, ids[0]);
    assert_eq!(
        signed["signer"], "王建国",
        "the signer defaults to the contact"
    );
    assert_eq!(
        signed["number"], "MQ-2026-00001",
        "recording numbers an unprinted pledge"
    );
    let e = t.fails(
        "pledges.record",
        json!({ "party_id": ids[0], "status": "拒签", "reason": "x" }),
    );
    assert_eq!(e.code, "conflict");
    let h = t.ok("pledges.get", json!({ "party_id": ids[0] }));
    let statuses: Vec<&str> = h["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["未打印", "已签订"]);
    assert!(t.audit_rows() >= audits + 2);
}

#[test]
fn a_batch_pdf_holds_both_copies_of_every_unsigned_party_in_walking_order() {
    let t = TestApp::new();
    let ids = street(&t, 10, 2);
    sign(&t, ids[0]); // signed: left out of the batch
    let job = start(&t, json!({ "group_no": 1 }));
    // Two layout steps, as the UI does, then the file.
    let step = t.ok(
        "pledges.batch_layout",
        json!({ "job_id": job, "offset": 0, "limit": 5 }),
    );
    assert_eq!(
        (step["done"].as_i64(), step["total"].as_i64()),
        (Some(5), Some(11))
    );
    let step = t.ok(
        "pledges.batch_layout",
        json!({ "job_id": job, "offset": 5, "limit": 5 }),
    );
    assert_eq!(step["done"], 10);
    let f = t.file("pledges.batch_pdf", json!({ "job_id": job }));
    assert!(f.file_name.contains("第一小组"), "{}", f.file_name);
    qpdf_ok(&t, &f.bytes, "batch.pdf");
    let Some(text) = pdf_text(&t, &f.bytes, "batch.pdf", &["-raw"]) else {
        return;
    };
    assert_eq!(text.matches('\u{c}').count(), 22, "two pages per party");
    assert_eq!(text.matches("第一联").count(), 11);
    assert_eq!(text.matches("第二联").count(), 11);
    assert_eq!(text.matches("门前三包责任书").count(), 22);
    assert!(
        text.contains("二〇二六年"),
        "form dates in Chinese numerals"
    );
    assert!(text.contains("包卫生") && text.contains("包秩序") && text.contains("包绿化"));
    let list = t.ok("pledges.list", json!({ "page_size": 500 }));
    let mut last = 0;
    for r in list["items"].as_array().unwrap() {
        let name = r["name"].as_str().unwrap();
        let number = r["number"].as_str().unwrap();
        if r["party_id"] == ids[0] {
            assert!(!text.contains(number), "a signed pledge is not reprinted");
            continue;
        }
        assert_eq!(text.matches(number).count(), 2, "{number} on both copies");
        assert!(text.contains(name), "{name} missing");
        // Walking order: each number appears after the previous party's.
        let at = text.find(number).unwrap();
        assert!(at >= last, "{number} out of walking order");
        last = at;
    }
    // Nothing is marked printed until the clerk confirms.
    assert_eq!(rates(&t)["overall"]["printed"], 0);
    let done = t.ok("pledges.batch_confirm", json!({ "job_id": job }));
    assert_eq!(done["marked"], 11);
    assert_eq!(rates(&t)["overall"]["printed"], 11);
}

#[test]
fn a_cancelled_batch_marks_nothing_and_cannot_be_confirmed() {
    let t = TestApp::new();
    street(&t, 3, 0);
    let job = start(&t, json!({ "group_no": 1 }));
    t.ok("pledges.batch_layout", json!({ "job_id": job, "limit": 1 }));
    let c = t.ok("pledges.batch_cancel", json!({ "job_id": job }));
    assert_eq!(c["state"], "已取消");
    assert_eq!(
        t.fails("pledges.batch_confirm", json!({ "job_id": job }))
            .code,
        "conflict"
    );
    assert_eq!(
        t.fails("pledges.batch_pdf", json!({ "job_id": job })).code,
        "conflict"
    );
    assert_eq!(rates(&t)["overall"]["not_printed"], 3);
}

#[test]
fn the_outstanding_list_names_every_unsigned_door_as_pdf_and_xlsx() {
    let t = TestApp::new();
    let ids = street(&t, 6, 1);
    sign(&t, ids[0]);
    t.ok(
        "pledges.record",
        json!({ "party_id": ids[1], "status": "拒签", "reason": "不在家" }),
    );
    let f = t.file("pledges.outstanding", json!({ "group_no": 1 }));
    qpdf_ok(&t, &f.bytes, "outstanding.pdf");
    if let Some(text) = pdf_text(&t, &f.bytes, "outstanding.pdf", &["-raw"]) {
        // 7 due: 1 signed, 1 refused (still listed, to visit again), 5 unsigned.
        assert!(text.contains("未签 5 户，拒签 1 户"), "{text}");
        let joined: String = text.split_whitespace().collect();
        assert!(joined.contains("拒签（不在家）"), "{joined}");
        assert!(text.contains("李秀英"));
        assert!(
            !text.contains("王建国\n"),
            "the signed household is not listed"
        );
    }
    let x = t.file(
        "pledges.outstanding",
        json!({ "group_no": 1, "format": "xlsx" }),
    );
    let sheet = cw_tabular::read_table(&x.file_name, &x.bytes).unwrap();
    assert_eq!(sheet.rows.len(), 6);
}

#[test]
fn a_scan_is_kept_in_the_attachment_store_as_the_pledges_evidence_and_handed_back() {
    let t = TestApp::new();
    let ids = street(&t, 1, 0);
    let png = &cw_evidence::demo::picture(5).unwrap();
    let args = |name: &str| {
        json!({ "party_id": ids[0], "file_name": name,
            "data_base64": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, png) })
    };
    assert_eq!(
        t.fails("pledges.attach", args("扫描.jpg")).code,
        "conflict",
        "not numbered yet"
    );
    sign(&t, ids[0]);
    assert_eq!(
        t.fails("pledges.attach", args("扫描.exe")).code,
        "validation.invalid"
    );
    let r = t.ok("pledges.attach", args("扫描.jpg"));
    assert_eq!(r["has_attachment"], true);
    let pledge = r["pledge_id"].as_i64().unwrap();
    let kept = t.ok(
        "attachments.list",
        json!({ "owner_kind": "pledge", "owner_id": pledge }),
    );
    assert_eq!(kept.as_array().unwrap().len(), 1, "{kept}");
    assert!(kept[0]["caption"]
        .as_str()
        .unwrap()
        .starts_with("已签责任书"));
    let sha = kept[0]["sha256"].as_str().unwrap();
    let stored = t
        .dir
        .path()
        .join("attachments/store")
        .join(&sha[..2])
        .join(format!("{sha}.jpg"));
    assert_eq!(&std::fs::read(stored).unwrap(), png);
    let back = t.file("pledges.attachment", json!({ "party_id": ids[0] }));
    assert_eq!(&back.bytes, png);
    assert_eq!(back.mime, "image/jpeg");
}

#[test]
fn the_pledge_text_is_versioned_and_a_reprint_keeps_the_signed_wording() {
    let t = TestApp::new();
    let ids = street(&t, 1, 0);
    let job = start(&t, json!({ "party_ids": [ids[0]] }));
    let old = t.ok("pledges.template.get", json!({}));
    assert_eq!(old["id"], 1);
    let mut edited = old.clone();
    edited["clauses"][0] = json!("包卫生：每日两次清扫门前责任区。");
    let v2 = t.ok("pledges.template.update", edited);
    assert_eq!(v2["id"], 2);
    let f = t.file("pledges.batch_pdf", json!({ "job_id": job }));
    if let Some(text) = pdf_text(&t, &f.bytes, "old.pdf", &["-raw"]) {
        assert!(
            !text.contains("每日两次"),
            "the numbered pledge keeps version 1"
        );
    }
    let e = t.fails(
        "pledges.template.update",
        json!({ "title": "x", "preamble": "", "clauses": [], "closing": "" }),
    );
    assert!(e.message.contains("条款"));
}

#[test]
fn the_list_counts_each_party_once_under_exactly_one_status() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    for scope in [json!({}), json!({ "group_no": 3 })] {
        let mut args = scope.clone();
        let all = t.ok("pledges.list", args.clone())["total"]
            .as_i64()
            .unwrap();
        assert!(all > 100, "{all}");
        let mut by_status = 0;
        for status in ["未打印", "已打印", "已签订", "拒签"] {
            args["status"] = json!(status);
            let page = t.ok("pledges.list", args.clone());
            let n = page["total"].as_i64().unwrap();
            for row in page["items"].as_array().unwrap() {
                assert_eq!(row["status"], status, "{row}");
            }
            by_status += n;
        }
        assert_eq!(by_status, all, "{scope}: the statuses partition the list");
    }
}

#[test]
fn a_pledge_status_the_app_does_not_know_is_an_error_naming_the_column_not_unprinted() {
    let t = TestApp::new();
    let ids = street(&t, 1, 0);
    sign(&t, ids[0]);
    let conn = rusqlite::Connection::open(t.db_path()).unwrap();
    conn.execute_batch("PRAGMA ignore_check_constraints = ON; UPDATE pledges SET status = '遗失';")
        .unwrap();
    drop(conn);
    let err = t.fails("pledges.get", json!({ "party_id": ids[0] }));
    assert!(
        err.message.contains("pledges")
            && err.message.contains("status")
            && err.message.contains("遗失"),
        "{}",
        err.message
    );
}
