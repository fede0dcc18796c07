//! The calibration pages that line the printer up with the receipt paper: a millimetre grid
//! with crosses where the plain-paper receipt's frame falls, or, for a pre-printed form, where
//! each of its values prints.

use super::pdf;
use crate::forms;
use crate::settings as fee_settings;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Page, PageSize};
use serde::Deserialize;
use ts_rs::TS;

/// A calibration page: a millimetre grid and marks where the receipt's fields print.
pub fn calibration(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<FileOut, CoreError> {
    let print = fee_settings::load(ctx.conn)?;
    let size = if print.settings.layout == "三联" {
        PageSize::A4_PORTRAIT
    } else {
        PageSize {
            width_mm: print.settings.paper_width_mm as f32,
            height_mm: print.settings.paper_height_mm as f32,
        }
    };
    let mut p = Page::new(size);
    let mut x = 0.0;
    while x <= size.width_mm {
        let long = (x as i32) % 50 == 0;
        p.line(x, 0.0, x, if long { 8.0 } else { 4.0 }, 0.3);
        if long && x > 0.0 {
            p.text(x, 12.0, 7.0, Align::Center, &format!("{}", x as i32))?;
        }
        x += 10.0;
    }
    let mut y = 0.0;
    while y <= size.height_mm {
        let long = (y as i32) % 50 == 0;
        p.line(0.0, y, if long { 8.0 } else { 4.0 }, y, 0.3);
        if long && y > 0.0 {
            p.text(10.0, y + 1.0, 7.0, Align::Left, &format!("{}", y as i32))?;
        }
        y += 10.0;
    }
    // Crosses where the first part's box corners fall with the current offset.
    let (ox, oy) = (12.0 + print.dx_mm, 6.0 + 17.0 + print.dy_mm);
    for (cx, cy) in [
        (ox, oy),
        (ox + 186.0, oy),
        (ox, oy + 45.0),
        (ox + 186.0, oy + 45.0),
    ] {
        p.line(cx - 4.0, cy, cx + 4.0, cy, 0.6);
        p.line(cx, cy - 4.0, cx, cy + 4.0, 0.6);
    }
    p.text_box(30.0, 40.0, 150.0, 11.0, 6.0, Align::Left, &format!(
        "收据打印校准页：当前偏移 左右 {} 毫米、上下 {} 毫米。将本页打印在预印收据上，十字应落在表格外框四角；若偏右或偏下，请在“收费设置”中减小偏移，反之增大。",
        print.settings.offset_x_mm, print.settings.offset_y_mm
    ))?;
    pdf(ctx, "收据打印校准页", "收据打印校准页.pdf".into(), vec![p])
}

/// Arguments of [`form_calibration`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct FormArgs {
    pub form_id: i64,
}

/// The calibration page of a fields-only form: a millimetre grid over its paper, and at each
/// value's position a cross with the value's name and its position, where the printer (with its
/// offset) puts it. The clerk prints it on plain paper and holds it against the real form (or
/// prints it on a spoilt form), then moves the positions in 收费设置.
pub fn form_calibration(ctx: &Ctx<'_>, a: FormArgs) -> Result<FileOut, CoreError> {
    let form = forms::layout(ctx.conn, a.form_id)?;
    if !form.fields_only {
        return calibration(ctx, serde_json::Value::Null);
    }
    let print = fee_settings::load(ctx.conn)?;
    let (w, h) = (form.width_mm, form.height_mm);
    let mut p = Page::new(PageSize {
        width_mm: w,
        height_mm: h,
    });
    // The grid, in grey under the black crosses: a line every 5 mm, darker every 10,
    // numbered every 10 along the edges.
    let grid = |ten: bool| if ten { (0.15, 0.55) } else { (0.1, 0.8) };
    let mut x = 0.0;
    while x <= w + 0.01 {
        let ten = (x as i32) % 10 == 0;
        let (t, grey) = grid(ten);
        p.fill_rect(x - t / 2.0, 0.0, t, h, grey);
        if ten && x > 0.0 && x < w - 3.0 {
            p.text(x + 0.5, 3.0, 5.0, Align::Left, &format!("{}", x as i32))?;
        }
        x += 5.0;
    }
    let mut y = 0.0;
    while y <= h + 0.01 {
        let ten = (y as i32) % 10 == 0;
        let (t, grey) = grid(ten);
        p.fill_rect(0.0, y - t / 2.0, w, t, grey);
        if ten && y > 0.0 && y < h - 3.0 {
            p.text(0.5, y - 0.6, 5.0, Align::Left, &format!("{}", y as i32))?;
        }
        y += 5.0;
    }
    for f in form.fields.iter().filter(|f| f.shown) {
        let (cx, cy) = (f.x_mm + print.dx_mm, f.y_mm + print.dy_mm);
        p.line(cx - 3.0, cy, cx + 3.0, cy, 0.9);
        p.line(cx, cy - 3.0, cx, cy + 3.0, 0.9);
        p.stroke_rect(cx - 0.8, cy - 0.8, 1.6, 1.6, 0.5);
        p.text(
            cx + 1.0,
            cy - 1.2,
            7.0,
            Align::Left,
            &format!("{}（{}，{}）", f.name, mm(f.x_mm), mm(f.y_mm)),
        )?;
    }
    p.text(
        w / 2.0,
        h - 4.0,
        7.5,
        Align::Center,
        &format!(
            "「{}」校准页：十字为各项文字基线的起点（左边距，上边距，毫米）；打印机偏移 左右 {} 毫米、上下 {} 毫米",
            form.name, print.settings.offset_x_mm, print.settings.offset_y_mm
        ),
    )?;
    pdf(
        ctx,
        "收据版式校准页",
        format!("收据版式校准页-{}.pdf", form.name),
        vec![p],
    )
}

/// A position as the settings write it: 38, 38.5.
fn mm(v: f32) -> String {
    let tenths = (v * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, (tenths % 10).abs())
    }
}
