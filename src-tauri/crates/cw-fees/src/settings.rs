//! How receipts are printed: layout, paper size and the printer offset for pre-printed forms.

use super::types::FeeSettings;
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use rusqlite::Connection;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Tenths of a mm as text: 15 → "1.5", -20 → "-2".
fn tenths_text(t: i64) -> String {
    Decimal::new(t, 1).normalize().to_string()
}

/// Reads "1.5" / "-2" mm as tenths, within ±30 mm.
fn parse_tenths(field: &'static str, text: &str) -> Result<i64, DomainError> {
    let t = text.trim();
    let v: Decimal = if t.is_empty() {
        Decimal::ZERO
    } else {
        t.parse()
            .map_err(|_| DomainError::invalid(field, format!("「{t}」不是有效的毫米数")))?
    };
    let tenths = (v * Decimal::TEN).round();
    if (v * Decimal::TEN).fract() != Decimal::ZERO {
        return Err(DomainError::invalid(field, "最多一位小数"));
    }
    let n = tenths.to_i64().unwrap_or(i64::MAX);
    if !(-300..=300).contains(&n) {
        return Err(DomainError::invalid(field, "偏移不能超过 ±30 毫米"));
    }
    Ok(n)
}

/// The settings with the offset in tenths of a mm.
pub struct Print {
    pub settings: FeeSettings,
    pub dx_mm: f32,
    pub dy_mm: f32,
}

/// Reads the print settings.
pub fn load(conn: &Connection) -> Result<Print, CoreError> {
    let (layout, part, w, h, x, y, cap): (String, String, i64, i64, i64, i64, i64) = conn.query_row(
        "SELECT layout, single_part, paper_width_mm, paper_height_mm, offset_x_tenths, offset_y_tenths,
           override_cap_times
         FROM fee_settings WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    Ok(Print {
        settings: FeeSettings {
            layout,
            single_part: part,
            paper_width_mm: w,
            paper_height_mm: h,
            offset_x_mm: tenths_text(x),
            offset_y_mm: tenths_text(y),
            override_cap_times: Some(cap),
        },
        // Layout coordinates only; money never passes through here.
        dx_mm: x as f32 / 10.0,
        dy_mm: y as f32 / 10.0,
    })
}

/// The receipt print settings.
pub fn get(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<FeeSettings, CoreError> {
    Ok(load(ctx.conn)?.settings)
}

/// Changes the receipt print settings.
pub fn update(ctx: &Ctx<'_>, s: FeeSettings) -> Result<FeeSettings, CoreError> {
    let before = load(ctx.conn)?.settings;
    if s.layout != "三联" && s.layout != "单联" {
        return Err(DomainError::invalid("版式", "只能是三联或单联").into());
    }
    if !["存根联", "收据联", "记账联"].contains(&s.single_part.as_str()) {
        return Err(DomainError::invalid("单联打印", "只能是存根联、收据联或记账联").into());
    }
    for (field, v) in [("纸宽", s.paper_width_mm), ("纸高", s.paper_height_mm)] {
        if !(50..=420).contains(&v) {
            return Err(DomainError::invalid(field, "须在 50 至 420 毫米之间").into());
        }
    }
    let x = parse_tenths("左右偏移", &s.offset_x_mm)?;
    let y = parse_tenths("上下偏移", &s.offset_y_mm)?;
    let cap = s
        .override_cap_times
        .or(before.override_cap_times)
        .unwrap_or(super::override_cap::DEFAULT_TIMES);
    if !(1..=super::override_cap::MAX_TIMES).contains(&cap) {
        return Err(DomainError::invalid(
            "改价上限",
            format!("须在 1 至 {} 倍之间", super::override_cap::MAX_TIMES),
        )
        .into());
    }
    ctx.conn.execute(
        "UPDATE fee_settings SET layout = ?1, single_part = ?2, paper_width_mm = ?3, paper_height_mm = ?4,
           offset_x_tenths = ?5, offset_y_tenths = ?6, override_cap_times = ?7 WHERE id = 1",
        rusqlite::params![s.layout, s.single_part, s.paper_width_mm, s.paper_height_mm, x, y, cap],
    )?;
    let after = load(ctx.conn)?.settings;
    ctx.audit("fee_settings", Some(1), Some(&before), Some(&after))?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_in_tenths_of_a_millimetre() {
        assert_eq!(parse_tenths("x", "1.5").unwrap(), 15);
        assert_eq!(parse_tenths("x", "-2").unwrap(), -20);
        assert_eq!(tenths_text(-20), "-2");
        assert!(parse_tenths("x", "1.25").is_err());
        assert!(parse_tenths("x", "31").is_err());
    }
}
