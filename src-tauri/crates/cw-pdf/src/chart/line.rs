//! Line charts: one line per series, told apart by dash pattern and marker shape.

use printpdf::{LineDashPattern, Op, PaintMode, Pt};

use super::draw::{
    axes_and_target, category_labels, frame, grey, line_style, polygon, polyline, stroke_setup,
};
use super::{Area, Chart, VALUE_PT};
use crate::page::{Align, Page};
use crate::PdfError;

fn marker(page: &Page, kind: u8, x: f32, y: f32) -> Vec<Op> {
    let r = 0.9;
    let square = [
        (x - r, y - r),
        (x + r, y - r),
        (x + r, y + r),
        (x - r, y + r),
    ];
    let diamond = [
        (x, y - r * 1.3),
        (x + r * 1.3, y),
        (x, y + r * 1.3),
        (x - r * 1.3, y),
    ];
    match kind {
        0 => vec![polygon(page, &square, PaintMode::Fill)],
        1 => vec![polygon(page, &square, PaintMode::FillStroke)],
        2 => vec![polygon(page, &diamond, PaintMode::Fill)],
        3 => vec![polygon(page, &diamond, PaintMode::FillStroke)],
        _ => vec![
            polyline(page, &[(x - r, y - r), (x + r, y + r)]),
            polyline(page, &[(x - r, y + r), (x + r, y - r)]),
        ],
    }
}

fn line_ops(page: &Page, i: usize, pts: &[(f32, f32)], with_line: bool) -> Vec<Op> {
    let (dash, kind) = line_style(i);
    let mut ops = stroke_setup(if i == 0 { 1.4 } else { 1.0 }, 0.0, dash);
    if with_line && pts.len() > 1 {
        ops.push(polyline(page, pts));
    }
    ops.push(Op::SetLineDashPattern {
        dash: LineDashPattern::new(0.0, &[]),
    });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
    // Open markers are white inside.
    ops.push(Op::SetFillColor {
        col: grey(if kind == 1 || kind == 3 { 1.0 } else { 0.0 }),
    });
    for (x, y) in pts {
        ops.extend(marker(page, kind, *x, *y));
    }
    ops
}

/// A line chart: one line per series over the categories (e.g. weeks), gaps where a value is none.
pub fn line_chart(page: &mut Page, area: Area, chart: &Chart) -> Result<(), PdfError> {
    let n = chart.categories.len();
    let max_value = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .max()
        .unwrap_or(0);
    let plot = frame(page, area, chart, max_value, &|p, i, x, y| {
        let ops = line_ops(p, i, &[(x, y + 1.5), (x + 5.0, y + 1.5)], true);
        let mut only_line = ops;
        // The sample shows the dash and one marker in the middle.
        let (_, kind) = line_style(i);
        only_line.retain(|op| !matches!(op, Op::DrawPolygon { .. }));
        only_line.extend(marker(p, kind, x + 2.5, y + 1.5));
        p.push_ops(only_line);
    })?;
    let step = if n > 1 {
        (plot.right - plot.left - 4.0) / (n - 1) as f32
    } else {
        0.0
    };
    let xs: Vec<f32> = (0..n)
        .map(|c| {
            if n > 1 {
                plot.left + 2.0 + step * c as f32
            } else {
                (plot.left + plot.right) / 2.0
            }
        })
        .collect();
    for (i, s) in chart.series.iter().enumerate() {
        // Runs of consecutive values become one polyline each.
        let mut run: Vec<(f32, f32)> = Vec::new();
        let mut runs = Vec::new();
        for (c, x) in xs.iter().enumerate() {
            match s.values.get(c).copied().flatten() {
                Some(v) => run.push((*x, plot.y(v))),
                None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
                None => {}
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
        for r in runs {
            let ops = line_ops(page, i, &r, true);
            page.push_ops(ops);
        }
        // The last value of the first series is written beside its point.
        if i == 0 {
            if let Some((c, v)) = s
                .values
                .iter()
                .enumerate()
                .rev()
                .find_map(|(c, v)| v.map(|v| (c, v)))
            {
                page.text(
                    xs[c] - 1.0,
                    plot.y(v) - 2.0,
                    VALUE_PT,
                    Align::Right,
                    &chart.axis.value_label(v),
                )?;
            }
        }
    }
    axes_and_target(page, &plot, chart)?;
    category_labels(page, &plot, chart, &xs)
}
