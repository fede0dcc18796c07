//! Printed documents of the registry: the roster 花名册 of households or staff, as PDF or .xlsx.

use crate::list_document::{self, ListDocument};
use crate::{households, privacy, staff, zones};
use cw_domain::enums::{join_labels, Role, Tag};
use cw_domain::registry::{HouseholdQuery, StaffQuery};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column};
use serde::Deserialize;
use ts_rs::TS;

/// Which roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum RosterTarget {
    Households,
    Staff,
}

/// The output format of a printed document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    #[default]
    Pdf,
    Xlsx,
}

/// Arguments of [`roster`]: households of a zone or group, or staff by role.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct RosterArgs {
    pub target: RosterTarget,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub zone_id: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub group_no: Option<i32>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub role: Option<Role>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub format: DocFormat,
    /// Print phones in full rather than masked (138****1234); recorded in the export log.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub full_phones: bool,
}

fn household_table(ctx: &Ctx<'_>, a: &RosterArgs) -> Result<ListDocument, CoreError> {
    let q = HouseholdQuery {
        zone_id: a.zone_id,
        group_no: a.group_no,
        status: Some(cw_domain::enums::PartyStatus::Active),
        ..Default::default()
    };
    let items = households::all_matching(ctx.conn, &q)?;
    let mut scope = Vec::new();
    if let Some(z) = a.zone_id {
        scope.push(format!("责任区：{}", zones::load(ctx.conn, z)?.name));
    }
    if let Some(g) = a.group_no {
        scope.push(format!(
            "收费小组：第{}小组",
            ["一", "二", "三", "四"]
                .get((g - 1).clamp(0, 3) as usize)
                .unwrap_or(&"")
        ));
    }
    if scope.is_empty() {
        scope.push("全社区".into());
    }
    let stem = scope.join("-").replace("：", "");
    scope.push(format!("共 {} 户", items.len()));
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, h)| {
            vec![
                (i + 1).to_string(),
                h.code.clone(),
                h.kind.label().to_string(),
                h.name.clone(),
                h.contact.clone(),
                list_document::phone_text(&h.phone, a.full_phones),
                h.address_text.clone(),
                h.zone_name.clone().unwrap_or_default(),
                h.group_no.map(|g| g.to_string()).unwrap_or_default(),
                // Paper leaves the office: the sensitive tags never print, whoever prints.
                join_labels(&privacy::plain_tags(&h.tags), Tag::label),
            ]
        })
        .collect();
    let col = |h: &str, w: f32, al: Align| Column::new(h, w, al);
    Ok(ListDocument {
        title: "住户花名册".into(),
        subtitle: scope.join("　"),
        file_stem: format!("住户花名册-{stem}"),
        columns: vec![
            col("序号", 4.0, Align::Center),
            col("编号", 7.0, Align::Center),
            col("类型", 4.5, Align::Center),
            col("户主/店名", 12.0, Align::Left),
            col("联系人", 6.0, Align::Left),
            col("电话", 10.0, Align::Center),
            col("地址", 20.0, Align::Left),
            col("责任区", 9.0, Align::Left),
            col("小组", 4.0, Align::Center),
            col("标签", 7.0, Align::Left),
        ],
        rows,
        landscape: Some(true),
        ..Default::default()
    })
}

fn staff_table(ctx: &Ctx<'_>, a: &RosterArgs) -> Result<ListDocument, CoreError> {
    let q = StaffQuery {
        role: a.role,
        group_no: a.group_no,
        status: Some(cw_domain::enums::StaffStatus::Active),
        page_size: Some(500),
        ..Default::default()
    };
    let items = staff::list(ctx, q)?.items;
    let scope = a
        .role
        .map(|r| r.label().to_string())
        .unwrap_or_else(|| "全体人员".into());
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                (i + 1).to_string(),
                s.name.clone(),
                join_labels(&s.roles, Role::label),
                s.group_no.map(|g| g.to_string()).unwrap_or_default(),
                list_document::phone_text(&s.phone, a.full_phones),
                s.hire_date.map(cw_pdf::format_date_cn).unwrap_or_default(),
                s.zone_names.join("、"),
                String::new(),
            ]
        })
        .collect();
    let col = |h: &str, w: f32, al: Align| Column::new(h, w, al);
    Ok(ListDocument {
        title: "人员花名册".into(),
        subtitle: format!("{scope}　共 {} 人", items.len()),
        file_stem: format!("人员花名册-{scope}"),
        columns: vec![
            col("序号", 4.0, Align::Center),
            col("姓名", 8.0, Align::Left),
            col("岗位", 14.0, Align::Left),
            col("小组", 4.0, Align::Center),
            col("电话", 11.0, Align::Center),
            col("入职日期", 12.0, Align::Center),
            col("责任区", 16.0, Align::Left),
            col("签名", 9.0, Align::Center),
        ],
        rows,
        landscape: Some(false),
        ..Default::default()
    })
}

/// The roster 花名册 as an A4 PDF (header row on every page, page numbers) or as .xlsx, phones
/// masked unless asked for in full, and recorded in the export log.
pub fn roster(ctx: &Ctx<'_>, a: RosterArgs) -> Result<FileOut, CoreError> {
    let t = match a.target {
        RosterTarget::Households => household_table(ctx, &a)?,
        RosterTarget::Staff => staff_table(ctx, &a)?,
    };
    ctx.record_export(&t.title, t.rows.len(), !a.full_phones);
    list_document::render(ctx, t, a.format)
}
