//! Scenarios of issue 13's fine rules, each on a clock the test sets and moves (December,
//! January, month ends): one absence a day, the 30-minute boundary, A4 once per departure, S1/S2
//! only through a higher inspection, an inspection's correction, the fines list's total, leave
//! dates against fines, a zone's cleaners on the day asked, the award ranking's basis and the
//! patrol check up to the last ended day.

use crate::assessment::{community, Fx};
use crate::common::TestApp;
use chrono::{NaiveDate, NaiveDateTime};
use cw_core::domain::Clock;
use cw_core::App;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// A clock the test moves.
struct MovableClock(Mutex<NaiveDateTime>);

impl Clock for MovableClock {
    fn now(&self) -> NaiveDateTime {
        *self.0.lock().unwrap()
    }
}

/// An app whose clock starts on `date` at 09:00 and can be moved.
struct At {
    t: TestApp,
    clock: Arc<MovableClock>,
}

fn at9(date: &str) -> NaiveDateTime {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

impl At {
    fn new(date: &str) -> At {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(MovableClock(Mutex::new(at9(date))));
        let app = App::open(&dir.path().join("cw.db"), clock.clone()).unwrap();
        At {
            t: TestApp { app, dir },
            clock,
        }
    }

    /// Moves the clock to `date` at 09:00.
    fn set(&self, date: &str) {
        *self.clock.0.lock().unwrap() = at9(date);
    }
}

impl std::ops::Deref for At {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.t
    }
}

fn late(t: &TestApp, fx: &Fx, staff: i64, minutes: i64, date: &str) -> Result<Value, String> {
    match t.app.call(
        "fines.create",
        json!({ "staff_id": staff, "minutes": minutes, "date": date, "recorded_by": fx.sup }),
        "tester",
    ) {
        Ok(cw_core::Output::Json(v)) => Ok(v),
        Ok(_) => panic!("a file"),
        Err(e) => Err(e.to_dto().message),
    }
}

fn fine(t: &TestApp, fx: &Fx, staff: i64, code: &str, date: &str, count: i64) -> Value {
    t.ok(
        "fines.create",
        json!({ "staff_id": staff, "item_code": code, "date": date, "time": "09:10",
                "count": count, "observed": "路面有烟头", "recorded_by": fx.sup }),
    )
}

// ---- 1. one absence a day; the 30-minute boundary is a setting -------------------------------

#[test]
fn a_second_late_entry_on_a_day_already_counted_as_absence_is_refused_naming_it() {
    let t = At::new("2027-01-15");
    let fx = community(&t);
    let first = late(&t, &fx, fx.a, 45, "2027-01-04").unwrap();
    assert_eq!(first["item_code"], "A1x");
    let id = first["id"].as_i64().unwrap();
    for minutes in [50, 10] {
        let e = late(&t, &fx, fx.a, minutes, "2027-01-04").unwrap_err();
        assert!(e.contains("旷工"), "{e}");
        assert!(e.contains(&format!("第 {id} 号")), "{e}");
        assert!(e.contains("2027年1月4日"), "{e}");
    }
    // Typed as the item, without minutes, it is refused the same way.
    assert!(t
        .fails("fines.create", json!({ "staff_id": fx.a, "item_code": "A1x", "date": "2027-01-04", "recorded_by": fx.sup }))
        .message
        .contains(&format!("第 {id} 号")));
    assert_eq!(t.statement("2027-01", fx.a)["fines_total"], "30.00");
    // Another worker, or another day, is another absence.
    late(&t, &fx, fx.b, 45, "2027-01-04").unwrap();
    late(&t, &fx, fx.a, 45, "2027-01-05").unwrap();
    assert_eq!(t.statement("2027-01", fx.a)["fines_total"], "60.00");
    // A voided absence leaves the day free again.
    t.ok("fines.void", json!({ "id": id, "reason": "打卡机故障" }));
    assert_eq!(
        late(&t, &fx, fx.a, 40, "2027-01-04").unwrap()["item_code"],
        "A1x"
    );
}

#[test]
fn an_absence_on_a_day_with_a_lateness_is_refused_until_the_lateness_is_voided() {
    let t = At::new("2026-12-31");
    let fx = community(&t);
    let small = late(&t, &fx, fx.a, 10, "2026-12-31").unwrap();
    assert_eq!(small["item_code"], "A1");
    // Two small latenesses on one day are two times (A1 is 每次).
    late(&t, &fx, fx.a, 5, "2026-12-31").unwrap();
    let e = late(&t, &fx, fx.a, 90, "2026-12-31").unwrap_err();
    assert!(e.contains(&format!("第 {} 号", small["id"])), "{e}");
    assert!(e.contains("作废"), "{e}");
    assert_eq!(t.statement("2026-12", fx.a)["fines_total"], "10.00");
}

#[test]
fn a_batch_with_two_absences_of_one_worker_on_one_day_is_refused_whole() {
    let t = At::new("2026-12-01");
    let fx = community(&t);
    let row = |m: i64| json!({ "staff_id": fx.b, "minutes": m, "date": "2026-11-30", "recorded_by": fx.sup });
    let e = t.fails("fines.create_batch", json!({ "items": [row(40), row(35)] }));
    assert!(e.message.contains("第 2 行"), "{}", e.message);
    assert_eq!(t.ok("fines.list", json!({}))["page"]["total"], 0);
}

#[test]
fn exactly_thirty_minutes_counts_as_absence_by_default_and_the_boundary_is_a_setting() {
    let t = At::new("2026-12-31");
    let fx = community(&t);
    let s = t.ok("assessment.settings.get", json!({}));
    assert_eq!(s["lateness_limit_inclusive"], true, "{s}");
    assert_eq!(
        late(&t, &fx, fx.a, 30, "2026-12-30").unwrap()["item_code"],
        "A1x"
    );
    assert_eq!(
        late(&t, &fx, fx.a, 29, "2026-12-31").unwrap()["item_code"],
        "A1"
    );
    // Changing one setting leaves the others as they were.
    let s = t.ok(
        "assessment.settings.update",
        json!({ "lateness_limit_inclusive": false }),
    );
    assert_eq!(s["lateness_limit_inclusive"], false);
    assert_eq!(s["lateness_limit_min"], 30);
    assert_eq!(s["week_days"], 7);
    assert_eq!(
        late(&t, &fx, fx.b, 30, "2026-12-30").unwrap()["item_code"],
        "A1"
    );
    assert_eq!(
        late(&t, &fx, fx.b, 31, "2026-12-31").unwrap()["item_code"],
        "A1x"
    );
}

// ---- 2. A4 once per departure ----------------------------------------------------------------

#[test]
fn resigning_without_notice_is_charged_once_per_departure() {
    let t = At::new("2027-01-20");
    let fx = community(&t);
    let a4 = |date: &str| {
        t.app.call(
            "fines.create",
            json!({ "staff_id": fx.a, "item_code": "A4", "date": date, "recorded_by": fx.cadre }),
            "tester",
        )
    };
    let first = match a4("2027-01-10") {
        Ok(cw_core::Output::Json(v)) => v,
        _ => panic!("the first A4"),
    };
    let e = a4("2027-01-12").unwrap_err().to_dto();
    assert_eq!(e.code, "conflict");
    assert!(
        e.message.contains(&format!("第 {} 号", first["id"])),
        "{}",
        e.message
    );
    assert!(e.message.contains("2027年1月10日"), "{}", e.message);
    // Voided, it no longer counts: the right one can be charged.
    t.ok(
        "fines.void",
        json!({ "id": first["id"], "reason": "日期录错" }),
    );
    assert!(a4("2027-01-12").is_ok());
    assert!(a4("2027-01-13").is_err());
    assert_eq!(t.statement("2027-01", fx.a)["withholdings_total"], "406.45");
    // Taken back on and leaving again without notice is another departure.
    t.ok(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞退", "leave_date": "2027-01-13" }),
    );
    t.set("2027-02-01");
    t.ok("staff.reactivate", json!({ "id": fx.a }));
    t.set("2027-02-26");
    let again = t.ok(
        "fines.create",
        json!({ "staff_id": fx.a, "item_code": "A4", "date": "2027-02-26", "recorded_by": fx.cadre }),
    );
    assert_eq!(again["amount"], "450.00", "1800 × 7 ÷ 28");
}

// ---- 3. S1/S2 only through a higher inspection, to the zone's own people ---------------------

#[test]
fn s1_and_s2_cannot_be_entered_by_hand() {
    let t = At::new("2026-12-15");
    let fx = community(&t);
    for code in ["S1", "S2"] {
        let e = t.fails(
            "fines.create",
            json!({ "staff_id": fx.a, "item_code": code, "date": "2026-12-14", "recorded_by": fx.sup }),
        );
        assert!(e.message.contains("上级督查"), "{}", e.message);
    }
    assert_eq!(t.ok("fines.list", json!({}))["page"]["total"], 0);
}

#[test]
fn an_inspection_gives_s1_only_to_the_zones_supervisor_and_s2_only_to_its_cleaners() {
    let t = At::new("2026-12-15");
    let fx = community(&t);
    let outsider = t.ok(
        "staff.create",
        json!({ "name": "赵外区", "roles": ["保洁员"], "zone_ids": [fx.other] }),
    )["id"]
        .as_i64()
        .unwrap();
    let higher = |fines: Value| {
        t.app.call(
            "inspections.create",
            json!({ "kind": "上级督查", "date": "2026-12-14", "inspector": "区督查组", "zone_id": fx.zone,
                    "result": "不达标", "recorded_by": fx.cadre, "fines": fines }),
            "tester",
        )
    };
    for (who, code, says) in [
        (fx.a, "S1", "监管人员"),
        (fx.sup, "S2", "保洁员"),
        (outsider, "S2", "赵外区"),
    ] {
        let e = higher(json!([{ "staff_id": who, "item_code": code, "count": 1 }]))
            .unwrap_err()
            .to_dto();
        assert!(e.message.contains(code), "{}", e.message);
        assert!(e.message.contains(says), "{}", e.message);
    }
    // A patrol or a committee check never gives S1/S2.
    let e = t.fails(
        "inspections.create",
        json!({ "kind": "社区检查", "date": "2026-12-14", "inspector": "社区", "zone_id": fx.zone,
                "result": "不达标", "recorded_by": fx.cadre,
                "fines": [{ "staff_id": fx.a, "item_code": "S2", "count": 1 }] }),
    );
    assert!(e.message.contains("上级督查"), "{}", e.message);
    assert_eq!(t.ok("inspections.list", json!({}))["total"], 0);
    assert_eq!(t.ok("fines.list", json!({}))["page"]["total"], 0);
}

// ---- 4. a substandard higher inspection fines by itself; it can be opened and corrected ------

#[test]
fn a_substandard_higher_inspection_saved_without_fines_still_records_the_rules_fines() {
    let t = At::new("2027-01-31");
    let fx = community(&t);
    let insp = t.ok(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2027-01-31", "inspector": "市督查组", "zone_id": fx.zone,
                "result": "不达标", "recorded_by": fx.cadre, "fines": [] }),
    );
    assert_eq!(insp["fine_ids"].as_array().unwrap().len(), 3, "{insp}");
    // Extra fines the clerk adds are recorded beside the rule's, each S once.
    let insp = t.ok(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2027-01-30", "inspector": "市督查组", "zone_id": fx.zone,
                "result": "不达标", "recorded_by": fx.cadre,
                "fines": [{ "staff_id": fx.a, "item_code": "S2", "count": 1 },
                          { "staff_id": fx.a, "item_code": "B1", "count": 2, "observed": "两处垃圾" }] }),
    );
    let linked = t.ok("fines.list", json!({ "inspection_id": insp["id"] }));
    assert_eq!(linked["page"]["total"], 4, "{linked}");
    assert_eq!(linked["total_amount"], "160.00");
}

#[test]
fn a_substandard_higher_inspection_of_a_zone_with_nobody_to_fine_is_refused() {
    let t = At::new("2026-12-31");
    let fx = community(&t);
    let e = t.fails(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2026-12-31", "inspector": "市督查组", "zone_id": fx.other,
                "result": "不达标", "recorded_by": fx.cadre }),
    );
    assert!(e.message.contains("建设路"), "{}", e.message);
}

#[test]
fn a_wrong_inspection_result_is_corrected_with_a_reason_its_fines_voided_and_its_history_kept() {
    let t = At::new("2026-12-20");
    let fx = community(&t);
    let insp = t.ok(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2026-12-18", "inspector": "区督查组", "zone_id": fx.zone,
                "result": "不达标", "findings": "绿化带有垃圾", "recorded_by": fx.cadre }),
    );
    let id = insp["id"].as_i64().unwrap();
    assert!(t
        .fails(
            "inspections.correct",
            json!({ "id": id, "result": "达标", "reason": "" })
        )
        .message
        .contains("原因"));
    let fixed = t.ok(
        "inspections.correct",
        json!({ "id": id, "result": "达标", "findings": "督查组复核后改判达标", "reason": "督查组来电更正" }),
    );
    assert_eq!(fixed["result"], "达标");
    assert_eq!(fixed["original_result"], "不达标");
    assert_eq!(fixed["corrections"][0]["reason"], "督查组来电更正");
    assert_eq!(
        t.ok("inspections.get", json!({ "id": id }))["result"],
        "达标"
    );
    let linked = t.ok("fines.list", json!({ "inspection_id": id }));
    assert_eq!(linked["page"]["total"], 3);
    for f in linked["page"]["items"].as_array().unwrap() {
        assert_eq!(f["status"], "已作废", "{f}");
        assert!(f["correction"]["reason"]
            .as_str()
            .unwrap()
            .contains("督查组来电更正"));
    }
    assert_eq!(linked["total_amount"], "0.00");
    assert_eq!(
        t.ok("inspections.list", json!({ "result": "达标" }))["total"],
        1
    );
    assert_eq!(
        t.ok("inspections.list", json!({ "result": "不达标" }))["total"],
        0
    );
    // The history shows the recording and the correction, who and when.
    let h = t.ok(
        "audit.history",
        json!({ "entity": "inspections", "id": id }),
    );
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 2, "{h:?}");
    assert_eq!(h[1]["command"], "inspections.correct");
    assert_eq!(h[1]["after"]["result"], "达标");
    assert_eq!(h[1]["before"]["result"], "不达标");
    // Corrected back to substandard, the rule's fines are recorded again.
    let again = t.ok(
        "inspections.correct",
        json!({ "id": id, "result": "不达标", "reason": "督查组再次更正" }),
    );
    assert_eq!(
        t.ok(
            "fines.list",
            json!({ "inspection_id": id, "status": "有效" })
        )["page"]["total"],
        3,
        "{again}"
    );
    // Corrections need a change.
    assert_eq!(
        t.fails(
            "inspections.correct",
            json!({ "id": id, "result": "不达标", "reason": "再改" })
        )
        .code,
        "conflict"
    );
}

#[test]
fn correcting_an_inspection_of_a_closed_month_reverses_its_fines_in_the_open_month() {
    let t = At::new("2026-11-20");
    let fx = community(&t);
    let insp = t.ok(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2026-11-18", "inspector": "区督查组", "zone_id": fx.zone,
                "result": "不达标", "recorded_by": fx.cadre }),
    );
    t.set("2026-12-03");
    t.ok("months.close", json!({ "month": "2026-11" }));
    t.ok(
        "inspections.correct",
        json!({ "id": insp["id"], "result": "达标", "reason": "督查组更正" }),
    );
    let reversed = t.ok(
        "fines.list",
        json!({ "inspection_id": insp["id"], "status": "已冲销" }),
    );
    assert_eq!(reversed["page"]["total"], 3);
    assert_eq!(t.statement("2026-12", fx.a)["reversals_total"], "50.00");
}

// ---- 5. the fines list's total leaves voided fines out --------------------------------------

#[test]
fn the_fines_footer_total_leaves_out_voided_fines_and_awards() {
    let t = At::new("2026-12-31");
    let fx = community(&t);
    // ¥185 of fines, ¥30 of them voided: ¥155.
    fine(&t, &fx, fx.a, "B9", "2026-12-02", 5); // 100
    fine(&t, &fx, fx.b, "B10", "2026-12-03", 3); // 30
    fine(&t, &fx, fx.a, "B1", "2026-12-04", 5); // 25
    let wrong = fine(&t, &fx, fx.b, "B5", "2026-12-31", 3); // 30
    t.ok(
        "fines.void",
        json!({ "id": wrong["id"], "reason": "录错人员" }),
    );
    t.ok(
        "awards.grant",
        json!({ "staff_id": fx.a, "year": 2026, "date": "2026-12-31" }),
    );
    let all = t.ok("fines.list", json!({ "month": "2026-12" }));
    assert_eq!(all["page"]["total"], 5);
    assert_eq!(all["total_amount"], "155.00", "{all}");
    assert_eq!(all["voided_count"], 1);
    assert_eq!(all["voided_amount"], "30.00");
    assert_eq!(all["awards_amount"], "200.00");
    let report = t.ok("statements.report", json!({ "month": "2026-12" }));
    assert_eq!(report["total"], all["total_amount"]);
    let status = t.ok("months.status", json!({ "month": "2026-12" }));
    assert_eq!(status["deductions"], "155.00");
    let voided = t.ok(
        "fines.list",
        json!({ "month": "2026-12", "status": "已作废" }),
    );
    assert_eq!(voided["total_amount"], "0.00");
    assert_eq!(voided["voided_amount"], "30.00");
}

#[test]
fn a_reversed_fine_counts_in_its_own_month_and_its_reversal_in_the_later_one() {
    let t = At::new("2026-11-30");
    let fx = community(&t);
    let f = fine(&t, &fx, fx.a, "B9", "2026-11-30", 1); // 20
    fine(&t, &fx, fx.a, "B1", "2026-11-30", 1); // 5
    t.set("2026-12-01");
    t.ok("months.close", json!({ "month": "2026-11" }));
    t.ok(
        "fines.reverse",
        json!({ "id": f["id"], "reason": "复核不属实" }),
    );
    let nov = t.ok("fines.list", json!({ "month": "2026-11" }));
    assert_eq!(nov["total_amount"], "25.00", "charged in November");
    assert_eq!(nov["reversed_amount"], "20.00", "{nov}");
    assert_eq!(
        t.ok("statements.report", json!({ "month": "2026-11" }))["total"],
        "25.00"
    );
    assert_eq!(
        t.ok("statements.report", json!({ "month": "2026-12" }))["total"],
        "-20.00"
    );
}

// ---- 6. leave dates against fines; a zone's cleaners on the day asked ------------------------

#[test]
fn a_leave_date_before_a_fine_is_refused_naming_the_fine() {
    let t = At::new("2027-01-10");
    let fx = community(&t);
    let f = fine(&t, &fx, fx.a, "B1", "2027-01-08", 1);
    let e = t.fails(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞退", "leave_date": "2026-12-31" }),
    );
    assert!(e.message.contains("2027年1月8日"), "{}", e.message);
    assert!(
        e.message.contains(&format!("第 {} 号", f["id"])),
        "{}",
        e.message
    );
    let e = t.fails(
        "staff.update",
        json!({ "id": fx.a, "input": { "name": "王秀英", "roles": ["保洁员"], "base_wage": "1800",
                "leave_date": "2027-01-07", "zone_ids": [fx.zone] } }),
    );
    assert!(e.message.contains("2027年1月8日"), "{}", e.message);
    let s = t.ok("staff.get", json!({ "id": fx.a }));
    assert!(s["leave_date"].is_null());
    // On the fine's day, or once it is voided, the date is accepted.
    t.ok("fines.void", json!({ "id": f["id"], "reason": "录错" }));
    t.ok(
        "staff.deactivate",
        json!({ "id": fx.a, "kind": "辞退", "leave_date": "2026-12-31" }),
    );
}

#[test]
fn a_cleaner_who_left_is_no_longer_listed_in_the_zone_from_the_day_after() {
    let t = At::new("2026-12-31");
    let fx = community(&t);
    t.ok(
        "staff.deactivate",
        json!({ "id": fx.b, "kind": "辞退", "leave_date": "2026-12-31" }),
    );
    let names = |z: &Value| -> Vec<String> {
        z["cleaner_names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect()
    };
    let zone = t.ok("zones.get", json!({ "id": fx.zone }));
    assert_eq!(names(&zone).len(), 2, "on the payroll on the last day");
    t.set("2027-01-01");
    let zone = t.ok("zones.get", json!({ "id": fx.zone }));
    assert_eq!(names(&zone), vec!["王秀英".to_string()]);
    let listed = t.ok("zones.list", json!({}));
    let z = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|z| z["id"] == fx.zone)
        .unwrap();
    assert_eq!(z["cleaner_ids"], json!([fx.a]));
    // A higher inspection after the departure fines only the cleaners still there.
    let insp = t.ok(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2027-01-01", "inspector": "区督查组", "zone_id": fx.zone,
                "result": "不达标", "recorded_by": fx.cadre }),
    );
    assert_eq!(insp["fine_ids"].as_array().unwrap().len(), 2);
    // One on the leaving day still fines the leaver.
    let insp = t.ok(
        "inspections.create",
        json!({ "kind": "上级督查", "date": "2026-12-31", "inspector": "区督查组", "zone_id": fx.zone,
                "result": "不达标", "recorded_by": fx.cadre }),
    );
    assert_eq!(insp["fine_ids"].as_array().unwrap().len(), 3);
    // Saving the zone from the dialog (which lists only current cleaners) keeps the leaver's
    // past link, so December's statement still names the zone.
    t.ok(
        "zones.update",
        json!({ "id": fx.zone, "input": { "name": "黄山路东段", "kind": "街道", "supervisor_id": fx.sup,
                "cleaner_ids": [fx.a] } }),
    );
    assert_eq!(t.statement("2026-12", fx.b)["zones"], "黄山路东段");
}

// ---- 7. the award ranking by a rate, with a minimum time in post ----------------------------

#[test]
fn the_award_ranking_rates_fines_per_month_worked_and_lists_newcomers_apart() {
    let t = At::new("2026-12-20");
    let fx = community(&t);
    for (id, hire) in [(fx.a, "2026-01-05"), (fx.b, "2026-03-01")] {
        let s = t.ok("staff.get", json!({ "id": id }));
        let mut input = s.clone();
        input["hire_date"] = json!(hire);
        t.ok("staff.update", json!({ "id": id, "input": input }));
    }
    let new = t.ok(
        "staff.create",
        json!({ "name": "周新来", "roles": ["保洁员"], "hire_date": "2026-12-02", "zone_ids": [fx.zone] }),
    )["id"]
        .as_i64()
        .unwrap();
    // 王秀英 has 3 fines in nearly a year, 李建国 2 in under ten months: 李建国's rate is lower.
    for d in ["2026-02-10", "2026-06-10", "2026-10-10"] {
        fine(&t, &fx, fx.a, "B1", d, 1);
    }
    for d in ["2026-04-10", "2026-09-10"] {
        fine(&t, &fx, fx.b, "B1", d, 1);
    }
    let rank = t.ok("awards.ranking", json!({ "year": 2026 }));
    let rows = rank.as_array().unwrap();
    let by = |id: i64| rows.iter().find(|r| r["staff_id"] == id).unwrap().clone();
    let newcomer = by(new);
    assert_eq!(newcomer["eligible"], false, "{newcomer}");
    assert!(newcomer["rank"].is_null());
    assert!(
        newcomer["note"].as_str().unwrap().contains("不足"),
        "{newcomer}"
    );
    assert_eq!(rows.last().unwrap()["staff_id"], new, "listed apart, after");
    assert_eq!(rows[0]["staff_id"], fx.b, "{rank}");
    assert_eq!(rows[0]["rank"], 1);
    assert_eq!(rows[1]["staff_id"], fx.a);
    // The basis is shown: months worked, fines and the rate.
    let a = by(fx.a);
    assert_eq!(a["fines"], 3);
    assert_eq!(a["months_worked"], "11.5", "{a}");
    assert_eq!(a["fines_per_month"], "0.26", "{a}");
    // The minimum is a setting.
    t.ok(
        "assessment.settings.update",
        json!({ "award_min_months": 10 }),
    );
    let rank = t.ok("awards.ranking", json!({ "year": 2026 }));
    let b = rank
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["staff_id"] == fx.b)
        .unwrap();
    assert_eq!(b["eligible"], false, "9.7 months is under 10: {b}");
    // The core refuses the award to a worker below the minimum, whatever the screen shows.
    let e = t.fails("awards.grant", json!({ "staff_id": new, "year": 2026 }));
    assert!(e.message.contains("不参评"), "{}", e.message);
    let e = t.fails("awards.grant", json!({ "staff_id": fx.b, "year": 2026 }));
    assert!(e.message.contains("不足 10 个月"), "{}", e.message);
    t.ok("awards.grant", json!({ "staff_id": fx.a, "year": 2026 }));
}

// ---- 8. the patrol check counts a day only once it has ended ----------------------------------

#[test]
fn the_patrol_check_and_todays_work_leave_out_the_day_not_yet_ended() {
    let t = At::new("2026-12-01");
    let fx = community(&t);
    let gaps = t.ok("inspections.patrol_report", json!({ "month": "2026-12" }));
    assert_eq!(gaps, json!([]), "the 1st has not ended at 09:00");
    let count = |t: &TestApp| {
        t.ok("campaign.today", json!({}))["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["key"] == "patrols_missing")
            .unwrap()["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(count(&t), 0);
    t.set("2027-01-15");
    // Two patrols on the 14th; none on other days.
    for _ in 0..2 {
        t.ok(
            "inspections.create",
            json!({ "kind": "巡查", "date": "2027-01-14", "inspector_id": fx.sup, "zone_id": fx.zone, "result": "达标" }),
        );
    }
    let gaps = t.ok("inspections.patrol_report", json!({ "month": "2027-01" }));
    let days: Vec<&str> = gaps
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["date"].as_str().unwrap())
        .collect();
    assert_eq!(days.len(), 13, "1–13 January: {days:?}");
    assert!(!days.contains(&"2027-01-15"));
    assert!(!days.contains(&"2027-01-14"));
    assert_eq!(count(&t), 13);
    // December ended long ago: every day of it counts.
    let dec = t.ok("inspections.patrol_report", json!({ "month": "2026-12" }));
    assert_eq!(dec.as_array().unwrap().len(), 31);
}
