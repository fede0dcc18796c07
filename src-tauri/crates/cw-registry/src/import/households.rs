//! Importing households, shops and units.

use super::columns::{error, row_error, Columns, Spec};
use super::{plan_failed, ImportAction, ImportOutcome, ImportRowPreview, Plan};
use crate::households::{self as reg, Checked};
use cw_domain::address::Address;
use cw_domain::enums::{parse_tags, PartyKind};
use cw_domain::ids::ZoneId;
use cw_domain::registry::{Household, HouseholdInput};
use cw_kernel::{CoreError, Ctx, RowError};
use cw_tabular::Sheet;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// The template's headers, in order; exports use the same names so an export imports back.
pub const HEADERS: &[&str] = &[
    "编号",
    "类型",
    "名称",
    "联系人",
    "电话",
    "街道",
    "门牌号",
    "楼栋",
    "单元",
    "房号",
    "责任区",
    "收费小组",
    "收费类别",
    "标签",
    "备注",
];
/// The template's example row.
pub const EXAMPLE: &[&str] = &[
    "",
    "门店",
    "王伟超市",
    "王伟",
    "13812345678",
    "黄山路",
    "12",
    "",
    "",
    "",
    "黄山路东段",
    "1",
    "门店",
    "出租",
    "",
];

const SPECS: &[Spec] = &[
    Spec {
        name: "编号",
        aliases: &["户号"],
        required: false,
    },
    Spec {
        name: "类型",
        aliases: &["户别", "类别"],
        required: true,
    },
    Spec {
        name: "名称",
        aliases: &["户主", "店名", "单位名称", "户主/店名", "姓名"],
        required: true,
    },
    Spec {
        name: "联系人",
        aliases: &[],
        required: false,
    },
    Spec {
        name: "电话",
        aliases: &["联系电话", "手机", "手机号"],
        required: false,
    },
    Spec {
        name: "街道",
        aliases: &["路名", "街路巷"],
        required: true,
    },
    Spec {
        name: "门牌号",
        aliases: &["门牌"],
        required: false,
    },
    Spec {
        name: "楼栋",
        aliases: &["栋"],
        required: false,
    },
    Spec {
        name: "单元",
        aliases: &[],
        required: false,
    },
    Spec {
        name: "房号",
        aliases: &["室", "房间"],
        required: false,
    },
    Spec {
        name: "责任区",
        aliases: &[],
        required: false,
    },
    Spec {
        name: "收费小组",
        aliases: &["小组", "组别"],
        required: false,
    },
    Spec {
        name: "收费类别",
        aliases: &[],
        required: false,
    },
    Spec {
        name: "标签",
        aliases: &["特殊情况"],
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

fn as_input(h: &Household) -> HouseholdInput {
    HouseholdInput {
        kind: h.kind,
        name: h.name.clone(),
        contact: h.contact.clone(),
        phone: h.phone.clone(),
        address: h.address.clone(),
        zone_id: h.zone_id.map(ZoneId),
        group_no: h.group_no,
        fee_category: h.fee_category.clone(),
        tags: h.tags.clone(),
        note: h.note.clone(),
    }
}

fn zone_ids(conn: &Connection) -> Result<HashMap<String, i64>, CoreError> {
    let mut stmt = conn.prepare("SELECT name, id FROM zones WHERE active = 1")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Checks every row and decides what to do with it.
pub fn plan(conn: &Connection, sheet: &Sheet) -> Result<Plan<Op>, CoreError> {
    let cols = match Columns::map(sheet, SPECS) {
        Ok(c) => c,
        Err(e) => return Ok(plan_failed(e)),
    };
    let zones = zone_ids(conn)?;
    let mut plan = Plan {
        rows: Vec::new(),
        errors: Vec::new(),
        ignored: cols.ignored.clone(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &sheet.rows {
        let n = row.row;
        let get = |c: &str| cols.get(row, c);
        let mut errs: Vec<RowError> = Vec::new();
        let kind = PartyKind::parse("类型", get("类型"))
            .map_err(|e| errs.push(row_error(n, &e)))
            .ok();
        let zone_id = match get("责任区").is_empty() {
            true => None,
            false => match zones.get(get("责任区")) {
                Some(id) => Some(*id),
                None => {
                    errs.push(error(
                        n,
                        "责任区",
                        format!("没有名为「{}」的在用责任区", get("责任区")),
                    ));
                    None
                }
            },
        };
        let group_no = super::columns::parse_group("收费小组", get("收费小组"))
            .map_err(|e| errs.push(row_error(n, &e)))
            .ok()
            .flatten();
        let tags = parse_tags("标签", get("标签"))
            .map_err(|e| errs.push(row_error(n, &e)))
            .unwrap_or_default();
        let Some(kind) = kind else {
            plan.errors.extend(errs);
            continue;
        };
        let input = HouseholdInput {
            kind,
            name: get("名称").to_string(),
            contact: get("联系人").to_string(),
            phone: get("电话").to_string(),
            address: Address {
                street: get("街道").to_string(),
                number: get("门牌号").to_string(),
                building: get("楼栋").to_string(),
                unit: get("单元").to_string(),
                room: get("房号").to_string(),
            },
            zone_id: zone_id.map(ZoneId),
            group_no,
            fee_category: get("收费类别").to_string(),
            tags,
            note: get("备注").to_string(),
        };
        let checked = match reg::check(conn, &input) {
            Ok(c) => Some(c),
            Err(CoreError::Domain(e)) => {
                errs.push(row_error(n, &e));
                None
            }
            Err(e) => return Err(e),
        };
        if !errs.is_empty() {
            plan.errors.extend(errs);
            continue;
        }
        let Some(mut checked) = checked else {
            continue;
        };
        let code = get("编号").trim().to_uppercase();
        let existing = if code.is_empty() {
            reg::find_same(conn, &checked.0, None)?.map(|(id, _)| id)
        } else {
            let id: Option<i64> = conn
                .query_row("SELECT id FROM parties WHERE code = ?1", [&code], |r| {
                    r.get(0)
                })
                .optional()?;
            if id.is_none() {
                plan.errors.push(error(
                    n,
                    "编号",
                    format!("编号「{code}」不存在；新增的户请留空编号"),
                ));
                continue;
            }
            id
        };
        let stored = existing
            .map(|id| reg::load(conn, id).map(|h| as_input(&h)))
            .transpose()?;
        if let Some(stored) = &stored {
            // An export made without phones or tags leaves those columns out: importing it
            // back keeps what is stored rather than emptying it.
            if !cols.has("电话") {
                checked.0.phone = stored.phone.clone();
            }
            if !cols.has("标签") {
                checked.0.tags = stored.tags.clone();
            }
        }
        let key = if code.is_empty() {
            format!(
                "{}|{}|{}",
                checked.0.kind,
                checked.0.name,
                checked.0.address.sort_key()
            )
        } else {
            code.clone()
        };
        if let Some(first) = seen.insert(key, n) {
            plan.errors
                .push(error(n, "名称", format!("与第 {first} 行重复")));
            continue;
        }
        let preview = |action| ImportRowPreview {
            row: n,
            action,
            name: checked.0.name.clone(),
            detail: format!("{} {}", checked.0.kind, checked.0.address.display()),
        };
        let op = match existing {
            None => (preview(ImportAction::Create), Op::Create(checked)),
            Some(id) => {
                if stored.as_ref() == Some(&checked.0) {
                    (preview(ImportAction::Unchanged), Op::Unchanged)
                } else {
                    (preview(ImportAction::Update), Op::Update(id, checked))
                }
            }
        };
        plan.rows.push(op);
    }
    Ok(plan)
}

/// Writes a plan that has no errors.
pub fn apply(ctx: &Ctx<'_>, plan: Plan<Op>) -> Result<ImportOutcome, CoreError> {
    super::apply(ctx, plan, reg::insert, reg::replace)
}
