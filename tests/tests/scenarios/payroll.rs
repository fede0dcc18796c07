//! Scenarios of the 工资发放表: it equals the month's statements to the 分, line by line and in
//! total, for every month of the demo season, on paper and in the workbook.

use crate::common::{pdf_text, TestApp};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn money(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

#[test]
fn the_payroll_of_every_demo_month_equals_the_sum_of_its_statements() {
    let t = TestApp::new();
    t.ok("demo.generate", json!({}));
    for month in ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12"] {
        let statements = t.ok("statements.month", json!({ "month": month }));
        let waged: Vec<&Value> = statements
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["waged"] == true)
            .collect();
        assert!(!waged.is_empty(), "{month}: nobody on a wage");
        let x = t.file("print.payroll", json!({ "month": month, "format": "xlsx" }));
        let sheet = cw_tabular::read_table(&x.file_name, &x.bytes).unwrap();
        let col = |h: &str| sheet.headers.iter().position(|x| x == h).unwrap();
        let (name, due, net) = (col("姓名"), col("应发工资"), col("实发金额"));
        let lines: Vec<_> = sheet
            .rows
            .iter()
            .filter(|r| r.cells[name] != "合计" && !r.cells[name].starts_with("审计"))
            .collect();
        assert_eq!(
            lines.len(),
            waged.len(),
            "{month}: one line per worker on a wage"
        );
        for (line, s) in lines.iter().zip(&waged) {
            assert_eq!(line.cells[name], s["name"].as_str().unwrap(), "{month}");
            assert_eq!(
                money(&line.cells[due]),
                money(s["wage_due"].as_str().unwrap()),
                "{month}"
            );
            assert_eq!(
                money(&line.cells[net]),
                money(s["net_pay"].as_str().unwrap()),
                "{month}"
            );
        }
        let total = sheet.rows.iter().find(|r| r.cells[name] == "合计").unwrap();
        let sum: Decimal = waged
            .iter()
            .map(|s| money(s["net_pay"].as_str().unwrap()))
            .sum();
        assert_eq!(
            money(&total.cells[net]),
            sum,
            "{month}: the foot is the sum"
        );
        let due_sum: Decimal = waged
            .iter()
            .map(|s| money(s["wage_due"].as_str().unwrap()))
            .sum();
        assert_eq!(money(&total.cells[due]), due_sum, "{month}");
        // Fines, withholdings and awards: the foot's net is wage due less and plus them.
        let part = |h: &str| money(&total.cells[col(h)]);
        assert_eq!(
            part("应发工资")
                + part("罚款")
                + part("扣发")
                + part("工具赔偿")
                + part("奖励")
                + part("冲销退还"),
            part("实发金额"),
            "{month}"
        );
    }
}

#[test]
fn the_printed_payroll_carries_the_total_the_signature_column_and_the_audit_hash() {
    let t = TestApp::new();
    t.ok(
        "staff.create",
        json!({ "name": "王秀英", "roles": ["保洁员"], "base_wage": "1800", "hire_date": "2026-11-16" }),
    );
    t.ok(
        "staff.create",
        json!({ "name": "颜永华", "roles": ["监管人员"] }),
    );
    let f = t.file("print.payroll", json!({ "month": "2026-11" }));
    assert_eq!(f.file_name, "工资发放表-2026-11.pdf");
    let Some(text) = pdf_text(&t, &f.bytes, "pay.pdf", &["-layout"]) else {
        return;
    };
    for want in [
        "2026年11月保洁员工资发放表",
        "王秀英",
        "15/30",
        "¥900.00",
        "本人签名",
        "合计",
        "审计校验码",
    ] {
        assert!(text.contains(want), "missing {want} in\n{text}");
    }
    // An unwaged supervisor is not paid on the payroll.
    assert!(!text.contains("颜永华"), "{text}");
}

#[test]
fn a_month_with_nobody_on_a_wage_has_no_payroll_to_print() {
    let t = TestApp::new();
    let e = t.fails("print.payroll", json!({ "month": "2026-11" }));
    assert_eq!(e.code, "conflict");
    assert!(e.message.contains("工资发放表是空的"), "{}", e.message);
}
