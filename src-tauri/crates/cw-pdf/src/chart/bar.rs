//! Bar charts: series side by side per category, or stacked, told apart by grey and hatching.

use printpdf::PaintMode;

use super::draw::{
    axes_and_target, bar_style, category_labels, frame, polygon, polyline, stroke_setup,
};
use super::{Area, Chart, VALUE_PT};
use crate::page::{Align, Page};
use crate::PdfError;

pub(super) fn bar_rect(page: &mut Page, i: usize, x: f32, y: f32, w: f32, h: f32) {
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let (g, hatch) = bar_style(i);
    if g < 1.0 {
        page.fill_rect(x, y, w, h, g);
    }
    let mut ops = stroke_setup(0.35, 0.0, &[]);
    match hatch {
        1 => {
            let mut yy = y + h - 1.0;
            while yy > y + 0.3 {
                ops.push(polyline(page, &[(x, yy), (x + w, yy)]));
                yy -= 1.0;
            }
        }
        2 => {
            let mut xx = x + 0.8;
            while xx < x + w - 0.3 {
                ops.push(polyline(page, &[(xx, y), (xx, y + h)]));
                xx += 1.0;
            }
        }
        _ => {}
    }
    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
    ops.push(polygon(page, &corners, PaintMode::Stroke));
    page.push_ops(ops);
}

/// A bar chart: series side by side per category, or stacked.
pub fn bar_chart(page: &mut Page, area: Area, chart: &Chart) -> Result<(), PdfError> {
    let n = chart.categories.len();
    let max_value = (0..n)
        .map(|c| {
            let vals = chart
                .series
                .iter()
                .map(|s| s.values.get(c).copied().flatten().unwrap_or(0));
            if chart.stacked {
                vals.sum::<i64>()
            } else {
                vals.max().unwrap_or(0)
            }
        })
        .max()
        .unwrap_or(0);
    let plot = frame(page, area, chart, max_value, &|p, i, x, y| {
        bar_rect(p, i, x, y, 5.0, 3.0)
    })?;
    let slot = (plot.right - plot.left) / n.max(1) as f32;
    let group_w = slot * 0.72;
    let k = chart.series.len().max(1);
    let bar_w = if chart.stacked {
        group_w
    } else {
        group_w / k as f32
    };
    let mut centres = Vec::with_capacity(n);
    for c in 0..n {
        let x0 = plot.left + slot * c as f32 + (slot - group_w) / 2.0;
        centres.push(plot.left + slot * (c as f32 + 0.5));
        let mut stack = 0i64;
        for (i, s) in chart.series.iter().enumerate() {
            let Some(v) = s.values.get(c).copied().flatten() else {
                continue;
            };
            let (lo, hi) = if chart.stacked {
                (stack, stack + v)
            } else {
                (0, v)
            };
            stack += v;
            let x = if chart.stacked {
                x0
            } else {
                x0 + bar_w * i as f32
            };
            let (yt, yb) = (plot.y(hi), plot.y(lo));
            bar_rect(page, i, x, yt, bar_w, yb - yt);
            if !chart.stacked && bar_w >= 4.5 {
                page.text(
                    x + bar_w / 2.0,
                    yt - 0.8,
                    VALUE_PT,
                    Align::Center,
                    &chart.axis.value_label(v),
                )?;
            }
        }
        if chart.stacked && stack > 0 && group_w >= 4.5 {
            page.text(
                centres[c],
                plot.y(stack) - 0.8,
                VALUE_PT,
                Align::Center,
                &chart.axis.value_label(stack),
            )?;
        }
    }
    axes_and_target(page, &plot, chart)?;
    category_labels(page, &plot, chart, &centres)
}
