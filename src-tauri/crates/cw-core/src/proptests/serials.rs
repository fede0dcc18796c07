//! Property test: under any sequence of issue, skip, void and lose, every serial of a book is
//! exactly one of unused, issued, void or lost, no unused serial lies below an issued one, and a
//! refused operation changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::App;
use cw_domain::FixedClock;
use cw_kernel::Output;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::Arc;

#[derive(Debug, Clone)]
enum Op {
    Issue,
    Skip { by: i64, with_reason: bool },
    Void { nth: usize },
    Mark { ahead: i64, lost: bool },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => Just(Op::Issue),
        2 => (1i64..4, any::<bool>()).prop_map(|(by, with_reason)| Op::Skip { by, with_reason }),
        2 => (0usize..50).prop_map(|nth| Op::Void { nth }),
        1 => (0i64..25, any::<bool>()).prop_map(|(ahead, lost)| Op::Mark { ahead, lost }),
    ]
}

fn call(app: &App, name: &str, args: Value) -> Result<Value, String> {
    match app.call(name, args, "prop") {
        Ok(Output::Json(v)) => Ok(v),
        Ok(Output::File(_)) => Err("file".into()),
        Err(e) => Err(e.to_string()),
    }
}

struct World {
    app: App,
    batch: i64,
    collector: i64,
    parties: Vec<i64>,
    book: i64,
    issued: usize,
}

fn world() -> World {
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let app = App::open_in_memory(Arc::new(FixedClock(at))).unwrap();
    let collector = call(
        &app,
        "staff.create",
        json!({ "name": "王收费", "roles": ["收费人员"] }),
    )
    .unwrap()["id"]
        .as_i64()
        .unwrap();
    let cadre = call(
        &app,
        "staff.create",
        json!({ "name": "李干部", "roles": ["社区干部"] }),
    )
    .unwrap()["id"]
        .as_i64()
        .unwrap();
    let parties = (1..=4)
        .map(|n| {
            call(&app, "households.create", json!({ "name": format!("住户{n}"), "address": { "street": "黄山路", "number": n.to_string(), "building": "", "unit": "", "room": "" } }))
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    let book = call(
        &app,
        "fees.books.register",
        json!({ "book_no": "P1", "first_serial": 101, "last_serial": 120, "received_on": "2026-09-01", "collector_id": collector }),
    )
    .unwrap()["id"]
        .as_i64()
        .unwrap();
    let batch = call(
        &app,
        "fees.batches.open",
        json!({ "group_no": 1, "collector_ids": [collector], "cadre_id": cadre }),
    )
    .unwrap()["id"]
        .as_i64()
        .unwrap();
    World {
        app,
        batch,
        collector,
        parties,
        book,
        issued: 0,
    }
}

impl World {
    fn serials(&self) -> Vec<Value> {
        call(&self.app, "fees.books.serials", json!({ "id": self.book }))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
    fn next(&self) -> Option<i64> {
        call(&self.app, "fees.books.get", json!({ "id": self.book })).unwrap()["next_serial"]
            .as_i64()
    }
    fn issue_args(&mut self) -> Value {
        // Each receipt pays a month no earlier receipt of that party paid.
        let n = self.issued;
        self.issued += 1;
        let month = 2026 * 12 + (n / 4) as i32;
        let m = format!("{:04}-{:02}", month / 12, month % 12 + 1);
        json!({ "batch_id": self.batch, "party_id": self.parties[n % 4], "collector_id": self.collector,
                "period_from": m, "period_to": m })
    }
    fn apply(&mut self, op: &Op) -> Result<Value, String> {
        match op {
            Op::Issue => {
                let a = self.issue_args();
                call(&self.app, "fees.receipts.issue", a)
            }
            Op::Skip { by, with_reason } => {
                let mut a = self.issue_args();
                a["serial"] = json!(self.next().unwrap_or(121) + by);
                if *with_reason {
                    a["skip_reason"] = json!("污损");
                }
                call(&self.app, "fees.receipts.issue", a)
            }
            Op::Void { nth } => {
                let rs = call(
                    &self.app,
                    "fees.receipts.list",
                    json!({ "book_id": self.book }),
                )
                .unwrap();
                let rs = rs.as_array().unwrap();
                if rs.is_empty() {
                    return Err("none".into());
                }
                let id = rs[nth % rs.len()]["id"].clone();
                call(
                    &self.app,
                    "fees.receipts.void",
                    json!({ "id": id, "reason": "写错" }),
                )
            }
            Op::Mark { ahead, lost } => {
                let serial = self.next().unwrap_or(121) + ahead;
                let kind = if *lost { "遗失" } else { "作废" };
                call(
                    &self.app,
                    "fees.books.mark",
                    json!({ "book_id": self.book, "serial": serial, "kind": kind, "reason": "丢了" }),
                )
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_serial_is_exactly_one_state_under_any_sequence(ops in prop::collection::vec(op(), 1..30)) {
        let mut w = world();
        for op in &ops {
            let before = w.serials();
            let result = w.apply(op);
            let after = w.serials();
            if result.is_err() {
                prop_assert_eq!(&before, &after, "a refused {:?} changed the book", op);
            }
            if let Op::Skip { with_reason: false, .. } = op {
                prop_assert!(result.is_err(), "a skip without a reason was accepted");
            }
            prop_assert_eq!(after.len(), 20);
            let receipts = call(&w.app, "fees.receipts.list", json!({ "book_id": w.book })).unwrap();
            let receipts = receipts.as_array().unwrap();
            let mut last_used = 0;
            for s in &after {
                let state = s["state"].as_str().unwrap();
                prop_assert!(["未用", "已开", "作废", "遗失"].contains(&state));
                let serial = s["serial"].as_i64().unwrap();
                let receipt = receipts.iter().find(|r| r["serial"] == serial);
                match state {
                    "已开" => prop_assert!(receipt.is_some_and(|r| r["void_reason"].is_null())),
                    "作废" => prop_assert!(receipt.is_none_or(|r| r["void_reason"].is_string())),
                    _ => prop_assert!(receipt.is_none()),
                }
                if receipt.is_some() {
                    last_used = serial;
                }
            }
            for s in &after {
                if s["serial"].as_i64().unwrap() < last_used {
                    prop_assert_ne!(s["state"].as_str().unwrap(), "未用", "a gap below a used serial");
                }
            }
        }
    }
}
