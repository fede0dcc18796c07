//! Scenarios of pay: the wage pro-rated by hire and leave dates and unpaid leave under the dated
//! pay rule, and the attendance sheet that feeds it, driven through the command table.

use crate::common::{pdf_text, TestApp};
use serde_json::{json, Value};

fn worker(t: &TestApp, name: &str, wage: &str, hire: Option<&str>, leave: Option<&str>) -> i64 {
    t.ok(
        "staff.create",
        json!({ "name": name, "roles": ["保洁员"], "base_wage": wage,
                "hire_date": hire, "leave_date": leave }),
    )["id"]
        .as_i64()
        .unwrap()
}

fn day_cells(t: &TestApp, month: &str, staff: i64) -> Vec<Value> {
    let sheet = t.ok("attendance.sheet", json!({ "month": month }));
    let row = sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["staff_id"] == staff)
        .unwrap()
        .clone();
    row["marks"].as_array().unwrap().clone()
}

#[test]
fn a_worker_hired_on_the_sixteenth_is_paid_fifteen_thirtieths_and_the_statement_says_how() {
    let t = TestApp::new();
    let a = worker(&t, "王秀英", "1800", Some("2026-11-16"), None);
    let s = t.statement("2026-11", a);
    assert_eq!(s["base_wage"], "1800.00");
    assert_eq!(s["wage_due"], "900.00");
    assert_eq!(s["net_pay"], "900.00");
    let note = s["wage_note"].as_str().unwrap();
    assert!(note.contains("× 15 ÷ 30"), "{note}");
    assert!(note.contains("11月16日入职"), "{note}");
    // October, before the hire: no statement at all.
    assert!(t
        .ok(
            "statements.month",
            json!({ "month": "2026-10", "staff_id": a })
        )
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn a_whole_month_is_the_base_wage_with_nothing_to_explain() {
    let t = TestApp::new();
    let a = worker(&t, "李建国", "1650", Some("2026-01-05"), None);
    let s = t.statement("2026-10", a);
    assert_eq!(s["wage_due"], "1650.00");
    assert_eq!(s["wage_note"], "");
}

#[test]
fn a_worker_leaving_on_the_tenth_is_paid_ten_days_of_the_month_rounded_half_up() {
    let t = TestApp::new();
    let a = worker(&t, "赵玉兰", "1800", Some("2025-03-01"), Some("2026-10-10"));
    let s = t.statement("2026-10", a);
    // 1800 × 10 ÷ 31 = 580.645… → 580.65.
    assert_eq!(s["wage_due"], "580.65");
    assert!(s["wage_note"].as_str().unwrap().contains("10月10日离职"));
}

#[test]
fn unpaid_leave_on_the_sheet_is_taken_off_and_a_rule_that_pays_leave_is_dated() {
    let t = TestApp::new();
    let a = worker(&t, "王秀英", "1800", Some("2025-03-01"), None);
    t.ok(
        "attendance.set",
        json!({ "month": "2026-10", "entries": [
            { "staff_id": a, "day": 8, "mark": "请假" },
            { "staff_id": a, "day": 9, "mark": "请假" },
            { "staff_id": a, "day": 10, "mark": "休息" },
        ] }),
    );
    // 1800 × 29 ÷ 31 = 1683.870… → 1683.87; rest days are not taken off under calendar days.
    let s = t.statement("2026-10", a);
    assert_eq!(s["wage_due"], "1683.87");
    assert!(s["wage_note"].as_str().unwrap().contains("请假 2 天不计薪"));
    // From November leave is paid: October keeps its rule.
    t.ok(
        "pay_rules.add",
        json!({ "from_month": "2026-11", "wage_basis": "自然天数", "leave_paid": true, "notice_days": 3 }),
    );
    t.ok(
        "attendance.set",
        json!({ "month": "2026-11", "entries": [{ "staff_id": a, "day": 3, "mark": "请假" }] }),
    );
    assert_eq!(t.statement("2026-11", a)["wage_due"], "1800.00");
    assert_eq!(t.statement("2026-10", a)["wage_due"], "1683.87");
}

#[test]
fn the_26_day_rule_pays_working_days_and_counts_rest_days_out() {
    let t = TestApp::new();
    t.ok(
        "pay_rules.add",
        json!({ "from_month": "2026-11", "wage_basis": "26天", "leave_paid": false, "notice_days": 3 }),
    );
    let a = worker(&t, "王秀英", "1820", Some("2026-11-16"), None);
    let entries: Vec<Value> = [22, 29]
        .iter()
        .map(|d| json!({ "staff_id": a, "day": d, "mark": "休息" }))
        .collect();
    t.ok(
        "attendance.set",
        json!({ "month": "2026-11", "entries": entries }),
    );
    // 15 days employed − 2 rest = 13 of 26: 1820 × 13 ÷ 26 = 910.00.
    let s = t.statement("2026-11", a);
    assert_eq!(s["wage_due"], "910.00");
    assert!(s["wage_note"].as_str().unwrap().starts_with("按26天"));
}

#[test]
fn a_pay_rule_cannot_start_in_or_before_a_closed_month_and_a_version_is_never_changed() {
    let t = TestApp::new();
    t.ok("months.close", json!({ "month": "2026-10" }));
    let e = t.fails(
        "pay_rules.add",
        json!({ "from_month": "2026-09", "wage_basis": "30天", "leave_paid": false, "notice_days": 3 }),
    );
    assert_eq!(e.code, "conflict");
    assert!(e.message.contains("2026-10 已结账"), "{}", e.message);
    let bad = t.fails(
        "pay_rules.add",
        json!({ "from_month": "2026-12", "wage_basis": "30天", "leave_paid": false, "notice_days": 99 }),
    );
    assert!(bad.message.contains("提前告知天数"), "{}", bad.message);
    t.ok(
        "pay_rules.add",
        json!({ "from_month": "2026-12", "wage_basis": "30天", "leave_paid": false, "notice_days": 3 }),
    );
    let again = t.fails(
        "pay_rules.add",
        json!({ "from_month": "2026-12", "wage_basis": "自然天数", "leave_paid": true, "notice_days": 3 }),
    );
    assert_eq!(again.code, "conflict");
    let versions = t.ok("pay_rules.versions", json!(null));
    let months: Vec<&str> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["from_month"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2026-12", "2000-01"]);
}

#[test]
fn a_day_outside_the_employment_is_refused_and_nothing_of_the_entry_is_saved() {
    let t = TestApp::new();
    let a = worker(&t, "王秀英", "1800", Some("2026-11-16"), None);
    let e = t.fails(
        "attendance.set",
        json!({ "month": "2026-11", "entries": [
            { "staff_id": a, "day": 20, "mark": "出勤" },
            { "staff_id": a, "day": 3, "mark": "出勤" },
        ] }),
    );
    assert!(e.message.contains("第 2 项"), "{}", e.message);
    assert!(e.message.contains("不在岗"), "{}", e.message);
    assert!(day_cells(&t, "2026-11", a).iter().all(Value::is_null));
}

#[test]
fn a_corrected_day_shows_its_latest_mark_and_clearing_it_leaves_it_unmarked() {
    let t = TestApp::new();
    let a = worker(&t, "王秀英", "1800", Some("2025-03-01"), None);
    let set = |mark: Value| {
        t.ok(
            "attendance.set",
            json!({ "month": "2026-11", "entries": [{ "staff_id": a, "day": 5, "mark": mark }] }),
        )
    };
    set(json!("请假"));
    set(json!("出勤"));
    assert_eq!(day_cells(&t, "2026-11", a)[4], "出勤");
    assert_eq!(t.statement("2026-11", a)["wage_due"], "1800.00");
    let sheet = set(Value::Null);
    assert!(sheet["rows"][0]["marks"][4].is_null());
    assert_eq!(sheet["rows"][0]["unmarked"], 30);
}

#[test]
fn filling_the_sheet_marks_fined_absences_and_leaves_marked_days_alone() {
    let t = TestApp::new();
    let sup = t.ok(
        "staff.create",
        json!({ "name": "颜永华", "roles": ["监管人员"] }),
    )["id"]
        .as_i64()
        .unwrap();
    let a = worker(&t, "王秀英", "1800", Some("2025-03-01"), None);
    t.ok(
        "fines.create",
        json!({ "staff_id": a, "item_code": "A1x", "date": "2026-11-12", "time": "08:00",
                "count": 1, "observed": "迟到 45 分钟", "recorded_by": sup }),
    );
    t.ok(
        "attendance.set",
        json!({ "month": "2026-11", "entries": [{ "staff_id": a, "day": 1, "mark": "休息" }] }),
    );
    let sheet = t.ok(
        "attendance.fill",
        json!({ "month": "2026-11", "present": true }),
    );
    let row = &sheet["rows"][0];
    assert_eq!(row["marks"][11], "旷工");
    assert_eq!(row["marks"][0], "休息");
    assert_eq!(row["marks"][1], "出勤");
    assert_eq!(
        (
            row["present"].as_i64(),
            row["absent"].as_i64(),
            row["rest"].as_i64()
        ),
        (Some(27), Some(1), Some(1))
    );
    // The 30th is still to come on the 29th: it stays blank.
    assert!(row["marks"][29].is_null());
    assert_eq!(row["unmarked"], 1);
    assert_eq!(row["fined_absent"], json!([12]));
    // Absence is fined, not docked from the wage as well.
    assert_eq!(t.statement("2026-11", a)["wage_due"], "1800.00");
}

#[test]
fn a_closed_month_keeps_its_attendance_sheet() {
    let t = TestApp::new();
    let a = worker(&t, "王秀英", "1800", Some("2025-03-01"), None);
    t.ok("months.close", json!({ "month": "2026-10" }));
    let e = t.fails(
        "attendance.set",
        json!({ "month": "2026-10", "entries": [{ "staff_id": a, "day": 5, "mark": "请假" }] }),
    );
    assert_eq!(e.code, "conflict");
    assert!(
        t.ok("attendance.sheet", json!({ "month": "2026-10" }))["closed"]
            .as_bool()
            .unwrap()
    );
    assert_eq!(
        t.fails("attendance.fill", json!({ "month": "2026-10" }))
            .code,
        "conflict"
    );
}

#[test]
fn the_printed_statement_shows_the_wage_due_and_how_it_was_reached() {
    let t = TestApp::new();
    let a = worker(&t, "王秀英", "1800", Some("2026-11-16"), None);
    let f = t.file(
        "print.statements",
        json!({ "month": "2026-11", "staff_id": a }),
    );
    let Some(text) = pdf_text(&t, &f.bytes, "st.pdf", &[]) else {
        return; // pdftotext missing: the figures are asserted above
    };
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("应发工资¥900.00"), "{text}");
    assert!(flat.contains("×15÷30"), "{text}");
}

#[test]
fn presence_cannot_be_marked_ahead_but_an_approved_leave_can() {
    let t = TestApp::new();
    let a = worker(&t, "王秀英", "1800", Some("2025-03-01"), None);
    let e = t.fails(
        "attendance.set",
        json!({ "month": "2026-12", "entries": [
            { "staff_id": a, "day": 1, "mark": "请假" },
            { "staff_id": a, "day": 2, "mark": "出勤" },
        ] }),
    );
    assert!(
        e.message.contains("第 2 项") && e.message.contains("还没到"),
        "{}",
        e.message
    );
    assert!(day_cells(&t, "2026-12", a).iter().all(Value::is_null));
    let sheet = t.ok(
        "attendance.set",
        json!({ "month": "2026-12", "entries": [{ "staff_id": a, "day": 1, "mark": "请假" }] }),
    );
    assert_eq!(sheet["rows"][0]["marks"][0], "请假");
}

#[test]
fn the_printed_sheet_of_a_month_to_come_is_blank_and_shows_days_outside_the_employment() {
    let t = TestApp::new();
    let a = worker(&t, "王秀英", "1800", Some("2025-03-01"), None);
    worker(&t, "李建国", "1650", Some("2026-12-16"), None);
    t.ok(
        "attendance.set",
        json!({ "month": "2026-12", "entries": [{ "staff_id": a, "day": 3, "mark": "请假" }] }),
    );
    let f = t.file("print.attendance", json!({ "month": "2026-12" }));
    assert_eq!(f.file_name, "出勤表-2026-12.pdf");
    let Some(text) = pdf_text(&t, &f.bytes, "att.pdf", &["-layout"]) else {
        return;
    };
    assert!(text.contains("2026年12月保洁员出勤表"), "{text}");
    let line = |name: &str| {
        text.lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    // Only the leave keyed ahead: no presence, and no totals on a line still being kept.
    let keyed = line("王秀英");
    assert_eq!(keyed.matches('假').count(), 1, "{keyed}");
    assert!(!keyed.contains('出'), "{keyed}");
    // Fifteen days before the hire on the 16th.
    assert_eq!(
        line("李建国").matches('—').count(),
        15,
        "{}",
        line("李建国")
    );
}

#[test]
fn the_award_ranking_counts_days_worked_less_leave_and_absence_on_the_sheet() {
    let t = TestApp::new();
    let a = worker(&t, "王秀英", "1800", Some("2026-01-01"), None);
    worker(&t, "李建国", "1650", Some("2026-01-01"), None);
    let entries: Vec<Value> = (1..=10)
        .map(|d| json!({ "staff_id": a, "day": d, "mark": if d <= 8 { "请假" } else { "旷工" } }))
        .collect();
    t.ok(
        "attendance.set",
        json!({ "month": "2026-11", "entries": entries }),
    );
    let ranking = t.ok("awards.ranking", json!({ "year": 2026 }));
    let months = |name: &str| {
        ranking
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()["months_worked"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // 1 January to 29 November is 333 days: 333 × 12 ÷ 365 = 10.9; less 10 days away, 10.6.
    assert_eq!(months("李建国"), "10.9");
    assert_eq!(months("王秀英"), "10.6");
}
