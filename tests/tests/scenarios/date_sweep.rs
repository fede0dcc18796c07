//! The date sweep: the demo community built as of each of twenty days across two campaign years,
//! and on each of them every document and every 首页 figure works and every PDF is sound.
//!
//! The first release's tests all pinned one November day, and a report failed from 1 December
//! on; these days are the ones where dates turn: phase boundaries, month and year ends, the
//! Spring Festival's eve and day, 29 February of a leap year.

use crate::common::{has_tool, TestApp};
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};

/// The days of the sweep: the first and last day of each phase of the 2026 campaign and of the
/// 2027 one, month ends, 1 December, the Spring Festivals of 2027 and 2028 and their eves, and
/// 29 February 2028.
fn days() -> Vec<NaiveDate> {
    [
        (2026, 7, 5),   // phase 1 starts (宣传发动)
        (2026, 8, 15),  // phase 1 ends
        (2026, 8, 16),  // phase 2 starts (组织实施)
        (2026, 8, 31),  // a month end between phases
        (2026, 9, 1),   // phase 3 starts (上门收费)
        (2026, 10, 31), // a month end
        (2026, 11, 30), // a month end
        (2026, 12, 1),  // the day the first release's progress report failed
        (2026, 12, 31), // phase 3 and the year end
        (2027, 1, 1),   // phase 4 starts (巩固提高)
        (2027, 2, 5),   // the Spring Festival's eve: phase 4 ends
        (2027, 2, 6),   // the Spring Festival
        (2027, 2, 28),  // a short month's end
        (2027, 6, 30),  // between campaigns
        (2027, 7, 5),   // the next campaign starts
        (2027, 9, 1),   // its fee phase
        (2027, 12, 1),  // its December
        (2028, 1, 25),  // the next Spring Festival's eve
        (2028, 1, 26),  // the next Spring Festival
        (2028, 2, 29),  // a leap day
    ]
    .iter()
    .map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
    .collect()
}

/// `YYYY-MM` of a day.
fn month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The month before the one `d` falls in.
fn previous_month(d: NaiveDate) -> String {
    let first = d.with_day(1).unwrap() - chrono::Duration::days(1);
    month(first)
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap()
}

/// Every document command with arguments the demo community has on that day.
fn documents(t: &TestApp, day: NaiveDate) -> Vec<(&'static str, Value)> {
    let mut docs = vec![
        ("print.progress", json!({})),
        ("print.progress", json!({ "format": "xlsx" })),
        ("print.fine_report", json!({ "month": month(day) })),
        ("print.fine_report", json!({ "month": previous_month(day) })),
        (
            "print.fine_report",
            json!({ "month": previous_month(day), "format": "xlsx" }),
        ),
        ("print.arrears", json!({ "group_no": 1 })),
        ("print.arrears", json!({ "group_no": 2, "format": "xlsx" })),
        ("print.collection_rate", json!({ "by": "group" })),
        ("print.collection_rate", json!({ "by": "zone" })),
        (
            "print.collection_rate",
            json!({ "by": "street", "format": "xlsx" }),
        ),
        ("print.daily", json!({})),
        ("print.batches", json!({})),
        ("print.gaps", json!({})),
        ("print.notices", json!({ "group_no": 3 })),
        ("print.receipt_calibration", json!({})),
        ("pledges.outstanding", json!({ "group_no": 1 })),
        (
            "pledges.outstanding",
            json!({ "group_no": 4, "format": "xlsx" }),
        ),
        ("print.roster", json!({ "target": "staff" })),
        ("print.complaints", json!({})),
        ("print.binder", json!({})),
        ("export.staff", json!({})),
        ("export.zones", json!({})),
        ("export.households", json!({})),
    ];
    // Statements are printed for a month someone is on the payroll; a month before anyone was
    // hired is refused with a message, which the sweep checks too.
    for m in [month(day), previous_month(day)] {
        let people = t.ok("statements.month", json!({ "month": m }));
        if people.as_array().is_some_and(|p| !p.is_empty()) {
            docs.push(("print.statements", json!({ "month": m })));
        } else {
            let e = t.fails("print.statements", json!({ "month": m }));
            assert!(
                e.message.contains("没有需要结算的人员"),
                "{day} {m}: {}",
                e.message
            );
        }
    }
    // The pay documents of both months: the payroll and the attendance sheet where someone is on
    // a wage (else refused with a message), notices to pay where an unwaged person owes.
    for m in [month(day), previous_month(day)] {
        let people = t.ok("statements.month", json!({ "month": m }));
        let waged = people
            .as_array()
            .is_some_and(|p| p.iter().any(|s| s["waged"] == true));
        if waged {
            docs.push(("print.payroll", json!({ "month": m })));
            docs.push(("print.payroll", json!({ "month": m, "format": "xlsx" })));
            docs.push(("print.attendance", json!({ "month": m })));
        } else {
            let e = t.fails("print.payroll", json!({ "month": m }));
            assert!(
                e.message.contains("工资发放表是空的"),
                "{day} {m}: {}",
                e.message
            );
        }
        let owing = t.ok("fine_notices.list", json!({ "month": m }));
        if owing
            .as_array()
            .is_some_and(|n| n.iter().any(|n| n["payable"] != "0.00"))
        {
            docs.push(("print.fine_notices", json!({ "month": m })));
        }
    }
    let surveys = t.ok("surveys.list", json!(null));
    if let Some(s) = surveys.as_array().and_then(|s| s.first()) {
        docs.push(("print.survey_sheets", json!({ "id": id(s) })));
        docs.push(("print.survey_result", json!({ "id": id(s) })));
    }
    let meetings = t.ok("meetings.list", json!({}));
    if let Some(m) = meetings.as_array().and_then(|m| m.first()) {
        docs.push(("print.meeting_signin", json!({ "id": id(m) })));
        docs.push(("print.meeting_record", json!({ "id": id(m) })));
    }
    if t.ok("tools.list", json!({}))
        .as_array()
        .is_some_and(|t| !t.is_empty())
    {
        docs.push(("print.tools", json!({})));
    }
    let zones = t.ok("zones.list", json!({}));
    if let Some(z) = zones.as_array().and_then(|z| z.first()) {
        docs.push((
            "print.roster",
            json!({ "target": "households", "zone_id": id(z) }),
        ));
    }
    let batches = t.ok("fees.batches.list", json!({}));
    let batches = batches.as_array().unwrap();
    if let Some(b) = batches.first() {
        docs.push(("print.receipts", json!({ "batch_id": id(b) })));
        let receipts = t.ok("fees.receipts.list", json!({ "batch_id": id(b) }));
        if let Some(r) = receipts.as_array().and_then(|r| r.first()) {
            docs.push(("print.receipt", json!({ "id": id(r) })));
        }
    }
    // A slip is printed for a batch that has been closed.
    if let Some(b) = batches.iter().find(|b| !b["closing"].is_null()) {
        docs.push(("print.remittance", json!({ "batch_id": id(b) })));
    }
    let notices = t.ok("rectify.notices", json!({}));
    let notices = notices
        .get("items")
        .cloned()
        .unwrap_or_else(|| notices.clone());
    if let Some(n) = notices.as_array().and_then(|n| n.first()) {
        docs.push(("rectify.notice_pdf", json!({ "notice_id": id(n) })));
    }
    docs
}

/// `qpdf --check` on a PDF; `None` when qpdf is not installed.
fn qpdf_check(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Option<Result<(), String>> {
    if !has_tool("qpdf") {
        return None;
    }
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stdout).into_owned())
    })
}

/// Everything that must work on one day; returns what failed, one line each.
fn sweep_one(day: NaiveDate) -> Vec<String> {
    let t = TestApp::at(day.and_hms_opt(9, 0, 0).unwrap());
    let mut failed = Vec::new();
    let mut call = |name: &str, args: Value| match t.app.call(name, args.clone(), "tester") {
        Ok(out) => Some(out),
        Err(e) => {
            failed.push(format!("{day} {name} {args}: {} {e}", e.code()));
            None
        }
    };
    let began = std::time::Instant::now();
    call("demo.generate", json!({}));
    eprintln!("{day} demo.generate: {} ms", began.elapsed().as_millis());
    for name in [
        "dashboard.summary",
        "campaign.plan",
        "campaign.progress",
        "campaign.today",
        "pledges.rates",
        "fees.rate",
        "statements.report",
    ] {
        let args = if name == "statements.report" {
            json!({ "month": month(day) })
        } else {
            json!({})
        };
        call(name, args);
    }
    let mut pdfs = 0;
    for (i, (name, args)) in documents(&t, day).into_iter().enumerate() {
        let began = std::time::Instant::now();
        let out = t.app.call(name, args.clone(), "tester");
        eprintln!("{day} {name} {args}: {} ms", began.elapsed().as_millis());
        match out {
            Ok(cw_core::Output::File(f)) => {
                if f.file_name.ends_with(".pdf") {
                    if !f.bytes.starts_with(b"%PDF") {
                        failed.push(format!("{day} {name} {args}: not a PDF"));
                    }
                    pdfs += 1;
                    if let Some(Err(why)) = qpdf_check(t.dir.path(), &format!("{i}.pdf"), &f.bytes)
                    {
                        failed.push(format!("{day} {name} {args}: qpdf --check: {why}"));
                    }
                } else if f.file_name.ends_with(".xlsx") && !f.bytes.starts_with(b"PK") {
                    failed.push(format!("{day} {name} {args}: not an .xlsx"));
                }
            }
            Ok(cw_core::Output::Json(_)) => failed.push(format!("{day} {name}: no file")),
            Err(e) => failed.push(format!("{day} {name} {args}: {} {e}", e.code())),
        }
    }
    // The pledge batch: started, laid out and written, as the UI does it.
    match t
        .app
        .call("pledges.batch_start", json!({ "group_no": 2 }), "tester")
    {
        Ok(cw_core::Output::Json(v)) => {
            let job = v["job_id"].clone();
            let total = v["total"].as_i64().unwrap_or(0);
            let mut offset = 0;
            while offset < total.max(1) {
                if let Err(e) = t.app.call(
                    "pledges.batch_layout",
                    json!({ "job_id": job, "offset": offset, "limit": 200 }),
                    "tester",
                ) {
                    failed.push(format!("{day} pledges.batch_layout: {} {e}", e.code()));
                    break;
                }
                offset += 200;
            }
            if total > 0 {
                match t
                    .app
                    .call("pledges.batch_pdf", json!({ "job_id": job }), "tester")
                {
                    Ok(cw_core::Output::File(f)) => {
                        pdfs += 1;
                        if let Some(Err(why)) = qpdf_check(t.dir.path(), "pledges.pdf", &f.bytes) {
                            failed.push(format!("{day} pledges.batch_pdf: qpdf --check: {why}"));
                        }
                    }
                    Ok(_) => failed.push(format!("{day} pledges.batch_pdf: no file")),
                    Err(e) => failed.push(format!("{day} pledges.batch_pdf: {} {e}", e.code())),
                }
            }
        }
        Ok(_) => failed.push(format!("{day} pledges.batch_start: no job")),
        Err(e) => failed.push(format!("{day} pledges.batch_start: {} {e}", e.code())),
    }
    assert!(pdfs >= 15, "{day}: only {pdfs} PDFs were written");
    failed
}

#[test]
fn every_document_and_home_figure_works_on_every_day_of_two_campaign_years() {
    let days = days();
    assert!(days.len() >= 15);
    // Two threads: each day builds its own community on its own file.
    let (a, b): (Vec<_>, Vec<_>) = days.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let failed: Vec<String> = std::thread::scope(|s| {
        let ha = s.spawn(|| {
            a.iter()
                .flat_map(|(_, d)| sweep_one(**d))
                .collect::<Vec<_>>()
        });
        let hb = s.spawn(|| {
            b.iter()
                .flat_map(|(_, d)| sweep_one(**d))
                .collect::<Vec<_>>()
        });
        let mut f = ha.join().unwrap();
        f.extend(hb.join().unwrap());
        f
    });
    assert!(
        failed.is_empty(),
        "{} failures:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
