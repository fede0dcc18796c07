//! Receipt forms 收据版式: the paper a receipt book's receipts are printed on. 普通纸 prints the
//! whole three-part receipt (the receipt print settings); a 仅填值 form such as 经管站预印票据
//! prints only the values, each at its position in mm, onto the 经管站's pre-printed receipt.
//! Each book records its form; the positions are edited in 收费设置 and checked against the
//! real form with a calibration page.

use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The layout that prints everything (frame, labels, values) on plain paper.
pub const FULL: &str = "全版";
/// The layout that prints only the values, for a pre-printed form.
pub const FIELDS_ONLY: &str = "仅填值";
/// The form of books registered without one, and of every book registered before forms existed.
pub const PLAIN_PAPER_ID: i64 = 1;

/// The values a fields-only form can print, in the order the settings list them: key and name.
pub const FIELDS: [(&str, &str); 10] = [
    ("book_no", "本号"),
    ("serial", "号码"),
    ("date", "日期"),
    ("payer", "缴费人"),
    ("address", "地址"),
    ("period", "收费期间"),
    ("amount_words", "金额大写"),
    ("amount", "金额小写"),
    ("collector", "收费人员"),
    ("cadre", "在场社区干部"),
];

/// One value's place on a fields-only form: the left end of its baseline, from the paper's
/// top-left corner, in mm with one decimal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FormField {
    /// One of [`FIELDS`]: book_no, serial, date, payer, address, period, amount_words, amount,
    /// collector, cadre.
    pub key: String,
    /// Its Chinese name (ignored on update).
    #[serde(default)]
    pub name: String,
    /// mm from the left paper edge, e.g. "38" or "38.5".
    pub x_mm: String,
    /// mm from the top paper edge to the baseline.
    pub y_mm: String,
    /// Font size in points, e.g. "10.5".
    pub size_pt: String,
    /// Printed or left blank (e.g. the serial, when the form has it pre-printed).
    pub shown: bool,
}

/// A receipt form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReceiptForm {
    pub id: i64,
    /// e.g. 经管站预印票据, 普通纸.
    pub name: String,
    /// 全版 (plain paper, as the receipt print settings say) or 仅填值 (values only).
    pub layout: String,
    /// The paper of a fields-only form (one receipt a sheet).
    pub paper_width_mm: i64,
    pub paper_height_mm: i64,
    /// The values' positions (a fields-only form; empty for 全版).
    pub fields: Vec<FormField>,
}

/// What the clerk sends to create or change a form.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct FormInput {
    /// The form to change; none to create one.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<i64>,
    pub name: String,
    pub layout: String,
    pub paper_width_mm: i64,
    pub paper_height_mm: i64,
    /// Positions; a new fields-only form without them takes 经管站预印票据's defaults.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub fields: Vec<FormField>,
}

/// A field as stored: tenths of a mm and of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stored<'a> {
    key: &'a str,
    x: i64,
    y: i64,
    size: i64,
    shown: bool,
}

/// A field ready to draw, in mm and points.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub key: &'static str,
    pub name: &'static str,
    pub x_mm: f32,
    pub y_mm: f32,
    pub size_pt: f32,
    pub shown: bool,
}

/// A form ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub name: String,
    pub fields_only: bool,
    pub width_mm: f32,
    pub height_mm: f32,
    pub fields: Vec<Placed>,
}

/// The default positions: 经管站预印票据 as the migration seeds it, a 210 × 99 mm slip.
const DEFAULTS: [(i64, i64, i64); 10] = [
    (260, 200, 100),
    (700, 200, 100),
    (1500, 200, 100),
    (380, 290, 105),
    (380, 380, 105),
    (380, 470, 105),
    (380, 560, 105),
    (1640, 560, 105),
    (380, 650, 105),
    (1040, 650, 105),
];

fn tenths_text(t: i64) -> String {
    Decimal::new(t, 1).normalize().to_string()
}

/// Reads "38" / "38.5" as tenths, within `min..=max` tenths.
fn tenths(
    field: &'static str,
    what: &str,
    raw: &str,
    min: i64,
    max: i64,
) -> Result<i64, DomainError> {
    let t = raw.trim();
    let v: Decimal = t
        .parse()
        .map_err(|_| DomainError::invalid(field, format!("{what}「{t}」不是有效的数")))?;
    if (v * Decimal::TEN).fract() != Decimal::ZERO {
        return Err(DomainError::invalid(field, format!("{what}最多一位小数")));
    }
    let n = (v * Decimal::TEN).to_i64().unwrap_or(i64::MAX);
    if !(min..=max).contains(&n) {
        return Err(DomainError::invalid(
            field,
            format!(
                "{what}须在 {} 至 {} 之间",
                tenths_text(min),
                tenths_text(max)
            ),
        ));
    }
    Ok(n)
}

fn name_of(key: &str) -> Option<(&'static str, &'static str)> {
    FIELDS.iter().copied().find(|(k, _)| *k == key)
}

/// The stored fields with every known key once, in [`FIELDS`] order (a key the JSON lacks gets
/// its default position, hidden).
/// A stored field: its index in [`FIELDS`], x and y in tenths of a mm, size in tenths of a
/// point, shown.
type StoredField = (usize, i64, i64, i64, bool);

fn fields_of(json: &str) -> Result<Vec<StoredField>, CoreError> {
    let stored: Vec<Stored<'_>> = serde_json::from_str(json)
        .map_err(|e| CoreError::Internal(format!("收据版式的位置数据有误：{e}")))?;
    Ok(FIELDS
        .iter()
        .enumerate()
        .map(|(i, (key, _))| {
            let (x, y, size) = DEFAULTS[i];
            match stored.iter().find(|s| s.key == *key) {
                Some(s) => (i, s.x, s.y, s.size, s.shown),
                None => (i, x, y, size, false),
            }
        })
        .collect())
}

type Row = (i64, String, String, i64, i64, String);

fn row(conn: &Connection, id: i64) -> Result<Row, CoreError> {
    conn.query_row(
        "SELECT id, name, layout, paper_width_mm, paper_height_mm, fields FROM receipt_forms WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "收据版式",
        id,
    })
}

fn form_of(r: Row) -> Result<ReceiptForm, CoreError> {
    let (id, name, layout, w, h, json) = r;
    let fields = if layout == FIELDS_ONLY {
        fields_of(&json)?
            .into_iter()
            .map(|(i, x, y, size, shown)| FormField {
                key: FIELDS[i].0.to_string(),
                name: FIELDS[i].1.to_string(),
                x_mm: tenths_text(x),
                y_mm: tenths_text(y),
                size_pt: tenths_text(size),
                shown,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(ReceiptForm {
        id,
        name,
        layout,
        paper_width_mm: w,
        paper_height_mm: h,
        fields,
    })
}

/// Every form, plain paper first.
pub fn list(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<Vec<ReceiptForm>, CoreError> {
    let ids: Vec<i64> = ctx
        .conn
        .prepare("SELECT id FROM receipt_forms ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter()
        .map(|id| form_of(row(ctx.conn, id)?))
        .collect()
}

/// One form.
pub fn load(conn: &Connection, id: i64) -> Result<ReceiptForm, CoreError> {
    form_of(row(conn, id)?)
}

/// The form a receipt book's receipts print on, ready to draw.
pub fn layout_of_book(conn: &Connection, book_id: i64) -> Result<Layout, CoreError> {
    let form_id: i64 = conn
        .query_row(
            "SELECT form_id FROM receipt_books WHERE id = ?1",
            [book_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "收据本",
            id: book_id,
        })?;
    layout(conn, form_id)
}

/// A form ready to draw.
pub fn layout(conn: &Connection, id: i64) -> Result<Layout, CoreError> {
    let (_, name, kind, w, h, json) = row(conn, id)?;
    let fields_only = kind == FIELDS_ONLY;
    let fields = if fields_only {
        fields_of(&json)?
            .into_iter()
            .map(|(i, x, y, size, shown)| Placed {
                key: FIELDS[i].0,
                name: FIELDS[i].1,
                // Layout coordinates only; money never passes through here.
                x_mm: x as f32 / 10.0,
                y_mm: y as f32 / 10.0,
                size_pt: size as f32 / 10.0,
                shown,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Layout {
        name,
        fields_only,
        width_mm: w as f32,
        height_mm: h as f32,
        fields,
    })
}

/// Checks `i` and turns its fields into the stored JSON; every error names the field.
fn checked(i: &FormInput) -> Result<(String, String), CoreError> {
    let name = text::limited("版式名称", &text::required("版式名称", &i.name)?, 30)?;
    if i.layout != FULL && i.layout != FIELDS_ONLY {
        return Err(DomainError::invalid("版式", "只能是全版或仅填值").into());
    }
    for (field, v) in [("纸宽", i.paper_width_mm), ("纸高", i.paper_height_mm)] {
        if !(50..=420).contains(&v) {
            return Err(DomainError::invalid(field, "须在 50 至 420 毫米之间").into());
        }
    }
    if i.layout == FULL {
        return Ok((name, "[]".into()));
    }
    let (w, h) = (i.paper_width_mm * 10, i.paper_height_mm * 10);
    let mut stored: Vec<Stored<'_>> = Vec::new();
    for f in &i.fields {
        let (key, label) = name_of(&f.key)
            .ok_or_else(|| DomainError::invalid("位置", format!("没有「{}」这一项", f.key)))?;
        if stored.iter().any(|s| s.key == key) {
            return Err(DomainError::invalid(label, "重复设置").into());
        }
        stored.push(Stored {
            key,
            x: tenths(label, "左边距", &f.x_mm, 0, w)?,
            y: tenths(label, "上边距", &f.y_mm, 0, h)?,
            size: tenths(label, "字号", &f.size_pt, 60, 240)?,
            shown: f.shown,
        });
    }
    if stored.is_empty() {
        stored = FIELDS
            .iter()
            .zip(DEFAULTS)
            .map(|((key, _), (x, y, size))| Stored {
                key,
                x: x.min(w),
                y: y.min(h),
                size,
                shown: true,
            })
            .collect();
    }
    let json = serde_json::to_string(&stored).map_err(|e| CoreError::Internal(e.to_string()))?;
    Ok((name, json))
}

/// Creates a form (no id) or changes one: its name, layout, paper and positions.
pub fn save(ctx: &Ctx<'_>, i: FormInput) -> Result<ReceiptForm, CoreError> {
    let (name, json) = checked(&i)?;
    let clash: Option<i64> = ctx
        .conn
        .query_row(
            "SELECT id FROM receipt_forms WHERE name = ?1 AND id IS NOT ?2",
            params![name, i.id],
            |r| r.get(0),
        )
        .optional()?;
    if clash.is_some() {
        return Err(CoreError::Conflict(format!("已有名为「{name}」的收据版式")));
    }
    let id = match i.id {
        Some(id) => {
            let before = load(ctx.conn, id)?;
            if id == PLAIN_PAPER_ID && i.layout != FULL {
                return Err(DomainError::invalid("版式", "普通纸始终打印全版收据").into());
            }
            ctx.conn.execute(
                "UPDATE receipt_forms SET name = ?2, layout = ?3, paper_width_mm = ?4, paper_height_mm = ?5,
                   fields = ?6 WHERE id = ?1",
                params![id, name, i.layout, i.paper_width_mm, i.paper_height_mm, json],
            )?;
            let after = load(ctx.conn, id)?;
            ctx.audit("receipt_forms", Some(id), Some(&before), Some(&after))?;
            return Ok(after);
        }
        None => {
            ctx.conn.execute(
                "INSERT INTO receipt_forms (name, layout, paper_width_mm, paper_height_mm, fields)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, i.layout, i.paper_width_mm, i.paper_height_mm, json],
            )?;
            ctx.conn.last_insert_rowid()
        }
    };
    let after = load(ctx.conn, id)?;
    ctx.audit::<(), _>("receipt_forms", Some(id), None, Some(&after))?;
    Ok(after)
}

/// Refuses a book's form that does not exist, naming it.
pub fn require(conn: &Connection, id: i64) -> Result<(), CoreError> {
    row(conn, id).map(|_| ()).map_err(|e| match e {
        CoreError::NotFound { .. } => {
            DomainError::invalid("收据版式", format!("没有编号为 {id} 的版式")).into()
        }
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_read_in_tenths_within_the_paper() {
        assert_eq!(tenths("缴费人", "左边距", "38.5", 0, 2100).unwrap(), 385);
        assert!(tenths("缴费人", "左边距", "38.25", 0, 2100).is_err());
        let e = tenths("缴费人", "左边距", "300", 0, 2100).unwrap_err();
        assert!(e.to_string().contains("缴费人"), "{e}");
        assert!(e.to_string().contains("0 至 210"), "{e}");
    }

    #[test]
    fn a_key_missing_from_the_stored_positions_is_hidden_at_its_default() {
        let f = fields_of(r#"[{"key":"payer","x":500,"y":300,"size":120,"shown":true}]"#).unwrap();
        assert_eq!(f.len(), FIELDS.len());
        assert_eq!(f[3], (3, 500, 300, 120, true));
        assert_eq!(f[0], (0, 260, 200, 100, false));
    }
}
