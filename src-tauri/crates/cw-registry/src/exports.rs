//! Exports of every registry list to .xlsx (or CSV with a BOM), with the import's column names.

use crate::{households, privacy, staff, zones};
use cw_domain::enums::{join_labels, Role, Tag};
use cw_domain::registry::{Household, HouseholdQuery, Staff, StaffQuery, ZoneQuery};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_tabular::{Cell, XlsxSheet};
use serde::Deserialize;
use ts_rs::TS;

/// The MIME type of .xlsx files.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The file format of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Xlsx,
    Csv,
}

/// Export arguments: the list's own query plus the format, and for households whether the
/// phones and the tags go with it (by default neither: the minimum the clerk needs).
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ExportArgs<Q> {
    #[serde(flatten)]
    pub query: Q,
    #[serde(default)]
    pub format: Format,
    /// Include the 电话 column.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub include_phones: bool,
    /// Include the 标签 column (the sensitive tags among them).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub include_tags: bool,
}

/// Writes one table as the requested format.
pub fn table_file(
    base_name: &str,
    title: Option<String>,
    headers: &[&str],
    rows: Vec<Vec<Cell>>,
    format: Format,
) -> Result<FileOut, CoreError> {
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    match format {
        Format::Xlsx => Ok(FileOut {
            file_name: format!("{base_name}.xlsx"),
            mime: XLSX_MIME.into(),
            bytes: cw_tabular::write_xlsx(&[XlsxSheet {
                sheet_name: base_name.to_string(),
                title,
                headers,
                rows,
                widths: None,
            }])?,
            warnings: Vec::new(),
        }),
        Format::Csv => {
            let text_rows: Vec<Vec<String>> = rows
                .into_iter()
                .map(|r| r.into_iter().map(cell_text).collect())
                .collect();
            Ok(FileOut {
                file_name: format!("{base_name}.csv"),
                mime: "text/csv; charset=utf-8".into(),
                bytes: cw_tabular::write_csv(&headers, &text_rows),
                warnings: Vec::new(),
            })
        }
    }
}

fn cell_text(c: Cell) -> String {
    match c {
        Cell::Text(s) | Cell::Money(s) | Cell::Date(s) => s,
        Cell::Int(i) => i.to_string(),
        Cell::Number(n) => n.to_string(),
        Cell::Empty => String::new(),
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_int(v: Option<i32>) -> Cell {
    v.map(|g| Cell::Int(i64::from(g))).unwrap_or(Cell::Empty)
}

/// The household row in the import's column order, then address and status for reading.
pub fn household_row(h: &Household) -> Vec<Cell> {
    vec![
        text(&h.code),
        text(h.kind.label()),
        text(&h.name),
        text(&h.contact),
        text(&h.phone),
        text(&h.address.street),
        text(&h.address.number),
        text(&h.address.building),
        text(&h.address.unit),
        text(&h.address.room),
        text(h.zone_name.clone().unwrap_or_default()),
        opt_int(h.group_no),
        text(&h.fee_category),
        text(join_labels(&h.tags, Tag::label)),
        text(&h.note),
        text(&h.address_text),
        text(h.status.label()),
    ]
}

/// Households, shops and units matching the list's filters. The 电话 and 标签 columns go only
/// when asked for: a file without them imports back leaving the stored phones and tags alone.
pub fn households(ctx: &Ctx<'_>, a: ExportArgs<HouseholdQuery>) -> Result<FileOut, CoreError> {
    if a.include_tags && !privacy::sees_tags(ctx)? {
        return Err(CoreError::Forbidden("导出特殊身份标签"));
    }
    privacy::check_filter(ctx, a.query.tag)?;
    let items = households::all_matching_marked(ctx.conn, &a.query)?;
    let mut headers: Vec<&str> = crate::import::HOUSEHOLD_HEADERS.to_vec();
    headers.extend(["地址", "状态"]);
    let keep: Vec<bool> = headers
        .iter()
        .map(|h| match *h {
            "电话" => a.include_phones,
            "标签" => a.include_tags,
            _ => true,
        })
        .collect();
    let pick = |row: Vec<Cell>| -> Vec<Cell> {
        row.into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c)
            .collect()
    };
    let rows = items.iter().map(|(h, _)| pick(household_row(h))).collect();
    let headers: Vec<&str> = headers
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(h, _)| h)
        .collect();
    let title = format!("住户、门店与单位（共 {} 条）", items.len());
    let mut out = table_file("住户门店名单", Some(title), &headers, rows, a.format)?;
    ctx.record_export("住户门店名单（导出）", items.len(), !a.include_phones);
    // A damaged row is exported as read, its bad bytes shown as �, and named here.
    out.warnings.extend(items.iter().filter(|(_, d)| !d.is_empty()).map(|(h, d)| {
        format!(
            "数据文件里的文字已损坏{}，导出时读不出的字节以 � 标出；请运行「检查」，必要时从完好的备份恢复",
            households::damage_place(h, d)
        )
    }));
    Ok(out)
}

fn all_staff(ctx: &Ctx<'_>, mut q: StaffQuery) -> Result<Vec<Staff>, CoreError> {
    q.page = Some(1);
    q.page_size = Some(500);
    let mut out = Vec::new();
    loop {
        let page = staff::list(ctx, q.clone())?;
        let done = page.items.len() < 500;
        out.extend(page.items);
        if done {
            return Ok(out);
        }
        q.page = q.page.map(|p| p + 1);
    }
}

/// Staff matching the list's filters.
pub fn staff(ctx: &Ctx<'_>, a: ExportArgs<StaffQuery>) -> Result<FileOut, CoreError> {
    let items = all_staff(ctx, a.query)?;
    // Staff match on import by 姓名 + 电话, so their export keeps the phones (and is recorded
    // as unmasked).
    ctx.record_export("人员名单（导出）", items.len(), false);
    let mut headers: Vec<&str> = crate::import::STAFF_HEADERS.to_vec();
    headers.push("状态");
    let rows = items
        .iter()
        .map(|s| {
            vec![
                text(&s.name),
                text(join_labels(&s.roles, Role::label)),
                opt_int(s.group_no),
                text(&s.phone),
                s.hire_date
                    .map(|d| Cell::Date(d.to_string()))
                    .unwrap_or(Cell::Empty),
                s.leave_date
                    .map(|d| Cell::Date(d.to_string()))
                    .unwrap_or(Cell::Empty),
                s.base_wage.clone().map(Cell::Money).unwrap_or(Cell::Empty),
                text(s.zone_names.join("、")),
                text(&s.note),
                text(s.status.label()),
            ]
        })
        .collect();
    table_file(
        "人员名单",
        Some(format!("人员名单（共 {} 人）", items.len())),
        &headers,
        rows,
        a.format,
    )
}

/// Zones matching the list's filters.
pub fn zones(ctx: &Ctx<'_>, a: ExportArgs<ZoneQuery>) -> Result<FileOut, CoreError> {
    let items = zones::list(ctx, a.query)?;
    let headers = [
        "名称",
        "类型",
        "范围",
        "监管人员",
        "保洁员",
        "户数",
        "状态",
        "备注",
    ];
    let rows = items
        .iter()
        .map(|z| {
            vec![
                text(&z.name),
                text(z.kind.label()),
                text(&z.boundary),
                text(z.supervisor_name.clone().unwrap_or_default()),
                text(z.cleaner_names.join("、")),
                Cell::Int(z.party_count),
                text(if z.active { "在用" } else { "停用" }),
                text(&z.note),
            ]
        })
        .collect();
    table_file(
        "责任区",
        Some(format!("责任区（共 {} 个）", items.len())),
        &headers,
        rows,
        a.format,
    )
}
