//! Importing staff.

use super::columns::{error, parse_date, parse_group, row_error, Columns, Spec};
use super::{plan_failed, ImportAction, ImportOutcome, ImportRowPreview, Plan};
use crate::staff::{self as reg, Checked};
use cw_domain::enums::{join_labels, parse_roles, Role};
use cw_domain::ids::ZoneId;
use cw_domain::registry::StaffInput;
use cw_kernel::{CoreError, Ctx, RowError};
use cw_tabular::Sheet;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// The template's headers, in order; the staff export uses the same names.
pub const HEADERS: &[&str] = &[
    "姓名",
    "岗位",
    "收费小组",
    "电话",
    "入职日期",
    "离职日期",
    "月基本工资",
    "责任区",
    "备注",
];
/// The template's example row.
pub const EXAMPLE: &[&str] = &[
    "李明",
    "保洁员",
    "1",
    "13912345678",
    "2026-08-16",
    "",
    "1800.00",
    "黄山路东段",
    "",
];

const SPECS: &[Spec] = &[
    Spec {
        name: "姓名",
        aliases: &[],
        required: true,
    },
    Spec {
        name: "岗位",
        aliases: &["职务", "角色"],
        required: true,
    },
    Spec {
        name: "收费小组",
        aliases: &["小组", "组别"],
        required: false,
    },
    Spec {
        name: "电话",
        aliases: &["联系电话", "手机", "手机号"],
        required: false,
    },
    Spec {
        name: "入职日期",
        aliases: &["聘用日期"],
        required: false,
    },
    Spec {
        name: "离职日期",
        aliases: &[],
        required: false,
    },
    Spec {
        name: "月基本工资",
        aliases: &["基本工资", "月工资", "工资"],
        required: false,
    },
    Spec {
        name: "责任区",
        aliases: &[],
        required: false,
    },
    Spec {
        name: "备注",
        aliases: &[],
        required: false,
    },
];

/// What the import does with one row.
pub type Op = super::Op<Checked>;

fn same(existing: &cw_domain::registry::Staff, c: &Checked) -> bool {
    existing.name == c.name
        && existing.roles == c.roles
        && existing.group_no == c.group_no
        && existing.phone == c.phone
        && existing.hire_date == c.hire_date
        && existing.leave_date == c.leave_date
        && existing
            .base_wage
            .as_deref()
            .map(|w| cw_domain::parse_money("", w).ok())
            == c.wage_fen.map(|f| Some(cw_domain::fen_to_decimal(f)))
        && existing
            .zone_ids
            .iter()
            .copied()
            .map(ZoneId)
            .eq(c.zone_ids.iter().copied())
        && existing.note == c.note
}

/// Checks every row and decides what to do with it.
pub fn plan(conn: &Connection, sheet: &Sheet) -> Result<Plan<Op>, CoreError> {
    let cols = match Columns::map(sheet, SPECS) {
        Ok(c) => c,
        Err(e) => return Ok(plan_failed(e)),
    };
    let zones: HashMap<String, i64> = {
        let mut stmt = conn.prepare("SELECT name, id FROM zones")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut plan = Plan {
        rows: Vec::new(),
        errors: Vec::new(),
        ignored: cols.ignored.clone(),
    };
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for row in &sheet.rows {
        let n = row.row;
        let get = |c: &str| cols.get(row, c);
        let mut errs: Vec<RowError> = Vec::new();
        let roles: Vec<Role> = parse_roles("岗位", get("岗位"))
            .map_err(|e| errs.push(row_error(n, &e)))
            .unwrap_or_default();
        let group_no = parse_group("收费小组", get("收费小组"))
            .map_err(|e| errs.push(row_error(n, &e)))
            .ok()
            .flatten();
        let hire_date = parse_date("入职日期", get("入职日期"))
            .map_err(|e| errs.push(row_error(n, &e)))
            .ok()
            .flatten();
        let leave_date = parse_date("离职日期", get("离职日期"))
            .map_err(|e| errs.push(row_error(n, &e)))
            .ok()
            .flatten();
        let mut zone_ids = Vec::new();
        for z in get("责任区")
            .split(['、', ',', '，', ';', '；'])
            .map(str::trim)
            .filter(|z| !z.is_empty())
        {
            match zones.get(z) {
                Some(id) => zone_ids.push(*id),
                None => errs.push(error(n, "责任区", format!("没有名为「{z}」的责任区"))),
            }
        }
        let wage = get("月基本工资");
        let input = StaffInput {
            name: get("姓名").to_string(),
            roles,
            group_no,
            phone: get("电话").to_string(),
            hire_date,
            leave_date,
            base_wage: (!wage.is_empty()).then(|| wage.to_string()),
            zone_ids: zone_ids.into_iter().map(ZoneId).collect(),
            note: get("备注").to_string(),
        };
        if !errs.is_empty() {
            plan.errors.extend(errs);
            continue;
        }
        let checked = match reg::check(conn, &input) {
            Ok(c) => c,
            Err(CoreError::Domain(e)) => {
                plan.errors.push(row_error(n, &e));
                continue;
            }
            Err(e) => return Err(e),
        };
        let key = (checked.name.clone(), checked.phone.clone());
        if let Some(first) = seen.insert(key, n) {
            plan.errors.push(error(
                n,
                "姓名",
                format!("与第 {first} 行是同一人（姓名和电话相同）"),
            ));
            continue;
        }
        let existing: Option<i64> = conn
            .query_row(
                "SELECT id FROM staff WHERE name = ?1 AND phone = ?2 ORDER BY id LIMIT 1",
                params![checked.name, checked.phone],
                |r| r.get(0),
            )
            .optional()?;
        let preview = |action| ImportRowPreview {
            row: n,
            action,
            name: checked.name.clone(),
            detail: join_labels(&checked.roles, Role::label),
        };
        let op = match existing {
            None => (preview(ImportAction::Create), Op::Create(checked)),
            Some(id) if same(&reg::load(conn, id)?, &checked) => {
                (preview(ImportAction::Unchanged), Op::Unchanged)
            }
            Some(id) => (preview(ImportAction::Update), Op::Update(id, checked)),
        };
        plan.rows.push(op);
    }
    Ok(plan)
}

/// Writes a plan that has no errors.
pub fn apply(ctx: &Ctx<'_>, plan: Plan<Op>) -> Result<ImportOutcome, CoreError> {
    super::apply(ctx, plan, reg::insert, reg::replace)
}
