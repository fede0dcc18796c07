//! What both kinds of chart draw alike: series styles, strokes and shapes, the frame with its
//! title, legend and grid, the axes with the target line, and the category labels.

use printpdf::{
    Color, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, Polygon, PolygonRing, Pt,
    WindingOrder,
};

use super::{nice_step, Area, Chart, AXIS_W_MM, BOTTOM_MM, LABEL_PT, LEGEND_PT, TITLE_PT};
use crate::fonts::font;
use crate::page::{pt_to_mm, Align, Page};
use crate::PdfError;

/// Fill grey and hatching (none, horizontal, vertical) of bar series `i`.
pub(super) fn bar_style(i: usize) -> (f32, u8) {
    const STYLES: [(f32, u8); 6] = [
        (0.25, 0),
        (0.62, 0),
        (0.86, 0),
        (1.0, 1),
        (1.0, 2),
        (0.45, 0),
    ];
    STYLES[i % STYLES.len()]
}

/// Dash pattern (pt) and marker of line series `i`: 0 filled square, 1 open square, 2 filled
/// diamond, 3 open diamond, 4 cross.
pub(super) fn line_style(i: usize) -> (&'static [f32], u8) {
    const STYLES: [(&[f32], u8); 5] = [
        (&[], 0),
        (&[4.0, 2.0], 1),
        (&[1.0, 1.5], 2),
        (&[6.0, 2.0, 1.0, 2.0], 3),
        (&[2.5, 2.5], 4),
    ];
    STYLES[i % STYLES.len()]
}

pub(super) fn grey(g: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: g.clamp(0.0, 1.0),
        icc_profile: None,
    })
}

pub(super) fn width_mm(text: &str, size_pt: f32) -> Result<f32, PdfError> {
    Ok(pt_to_mm(font()?.text_width(text, size_pt)))
}

pub(super) struct Plot {
    pub(super) left: f32,
    pub(super) right: f32,
    pub(super) top: f32,
    pub(super) bottom: f32,
    pub(super) max: i64,
}

impl Plot {
    pub(super) fn y(&self, v: i64) -> f32 {
        let v = v.clamp(0, self.max);
        self.bottom - (self.bottom - self.top) * (v as f32 / self.max as f32)
    }
}

pub(super) fn polyline(page: &Page, pts: &[(f32, f32)]) -> Op {
    Op::DrawLine {
        line: Line {
            points: pts
                .iter()
                .map(|(x, y)| LinePoint {
                    p: page.to_point(*x, *y),
                    bezier: false,
                })
                .collect(),
            is_closed: false,
        },
    }
}

pub(super) fn polygon(page: &Page, pts: &[(f32, f32)], mode: PaintMode) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing {
                points: pts
                    .iter()
                    .map(|(x, y)| LinePoint {
                        p: page.to_point(*x, *y),
                        bezier: false,
                    })
                    .collect(),
            }],
            mode,
            winding_order: WindingOrder::NonZero,
        },
    }
}

pub(super) fn stroke_setup(width_pt: f32, g: f32, dash: &[f32]) -> Vec<Op> {
    vec![
        Op::SetOutlineThickness { pt: Pt(width_pt) },
        Op::SetOutlineColor { col: grey(g) },
        Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, dash),
        },
    ]
}

/// Title, legend (with each series' sample drawn by `sample`) and the frame; returns the plot.
pub(super) fn frame(
    page: &mut Page,
    area: Area,
    chart: &Chart,
    max_value: i64,
    sample: &dyn Fn(&mut Page, usize, f32, f32),
) -> Result<Plot, PdfError> {
    page.text(area.x, area.y + 4.5, TITLE_PT, Align::Left, &chart.title)?;
    // The legend, wrapping onto a second row if the names are long.
    let mut lx = area.x;
    let mut ly = area.y + 9.5;
    for (i, s) in chart.series.iter().enumerate() {
        let w = 7.0 + width_mm(&s.name, LEGEND_PT)? + 4.0;
        if lx + w > area.x + area.w && lx > area.x {
            lx = area.x;
            ly += 4.5;
        }
        sample(page, i, lx, ly - 2.4);
        page.text(lx + 7.0, ly, LEGEND_PT, Align::Left, &s.name)?;
        lx += w;
    }
    let top_value = match chart.axis.max {
        Some(m) => m.max(1),
        None => {
            let m = max_value.max(chart.target.as_ref().map(|t| t.0).unwrap_or(0));
            let step = nice_step(m);
            (m + step - 1) / step * step
        }
    }
    .max(1);
    let plot = Plot {
        left: area.x + AXIS_W_MM,
        right: area.x + area.w - 2.0,
        top: ly + 5.0,
        bottom: area.y + area.h - BOTTOM_MM,
        max: top_value,
    };
    // Grid and tick labels.
    let step = nice_step(top_value);
    let mut grid = stroke_setup(0.3, 0.75, &[]);
    let mut v = 0;
    while v <= top_value {
        let y = plot.y(v);
        if v > 0 {
            grid.push(polyline(page, &[(plot.left, y), (plot.right, y)]));
        }
        page.text(
            plot.left - 1.5,
            y + 1.2,
            LABEL_PT,
            Align::Right,
            &chart.axis.label(v),
        )?;
        v += step;
    }
    page.push_ops(grid);
    Ok(plot)
}

pub(super) fn axes_and_target(page: &mut Page, plot: &Plot, chart: &Chart) -> Result<(), PdfError> {
    page.line(plot.left, plot.top, plot.left, plot.bottom, 0.6);
    page.line(plot.left, plot.bottom, plot.right, plot.bottom, 0.6);
    if let Some((v, label)) = &chart.target {
        let y = plot.y(*v);
        let mut ops = stroke_setup(0.9, 0.0, &[5.0, 3.0]);
        ops.push(polyline(page, &[(plot.left, y), (plot.right, y)]));
        page.push_ops(ops);
        page.text(plot.right, y - 1.0, LABEL_PT, Align::Right, label)?;
    }
    Ok(())
}

/// Category labels under the plot, skipping some when they would overlap.
pub(super) fn category_labels(
    page: &mut Page,
    plot: &Plot,
    chart: &Chart,
    xs: &[f32],
) -> Result<(), PdfError> {
    let n = chart.categories.len();
    if n == 0 {
        return Ok(());
    }
    let widest = chart
        .categories
        .iter()
        .map(|c| width_mm(c, LABEL_PT))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .fold(0.0f32, f32::max);
    let room = (plot.right - plot.left) / n as f32;
    let every = ((widest + 1.5) / room).ceil().max(1.0) as usize;
    for (i, (c, x)) in chart.categories.iter().zip(xs).enumerate() {
        // Always label the last category (today, the latest month).
        if i % every == 0 || i + 1 == n {
            if i + 1 == n && i % every != 0 && i % every < every.div_ceil(2) {
                continue;
            }
            page.text(*x, plot.bottom + 4.0, LABEL_PT, Align::Center, c)?;
        }
    }
    Ok(())
}
