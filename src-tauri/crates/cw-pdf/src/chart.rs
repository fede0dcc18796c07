//! Bar and line charts drawn as vector graphics on a [`Page`]: axes with round ticks, category
//! labels, a legend, an optional dashed target line and value labels. Series are told apart by
//! greys, hatching, dash patterns and marker shapes, so a black-and-white printout reads as well
//! as the screen.
//!
//! Values are integers with a divisor and a suffix (permille with divisor 10 and `%`, 分 with
//! divisor 100 and `元`, counts with divisor 1): no float ever carries a figure, only geometry.

use printpdf::{
    Color, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, Polygon, PolygonRing, Pt,
    WindingOrder,
};

use crate::fonts::font;
use crate::page::{pt_to_mm, Align, Page};
use crate::PdfError;

/// One series of values, one per category; `None` leaves a gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<i64>>,
}

/// How values read on the axis: `value / divisor` followed by `suffix`.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// A fixed top (e.g. 1000 for 100%); otherwise a round number above the largest value.
    pub max: Option<i64>,
    pub divisor: i64,
    pub suffix: String,
}

impl Axis {
    /// Rates in tenths of a percent, 0–100%.
    pub fn percent() -> Axis {
        Axis {
            max: Some(1000),
            divisor: 10,
            suffix: "%".into(),
        }
    }

    /// Plain counts.
    pub fn count(suffix: &str) -> Axis {
        Axis {
            max: None,
            divisor: 1,
            suffix: suffix.into(),
        }
    }

    /// Money in 分, labelled in 元.
    pub fn yuan() -> Axis {
        Axis {
            max: None,
            divisor: 100,
            suffix: "元".into(),
        }
    }

    /// A value drawn on a bar or a point: a rate as every document prints it
    /// (`cw_domain::rate::permille_text`: `99.9%`, `100.0%`), anything else as on the axis.
    pub fn value_label(&self, v: i64) -> String {
        if self.divisor == 10 && self.suffix == "%" {
            cw_domain::rate::permille_text(Some(v))
        } else {
            self.label(v)
        }
    }

    /// A value as the axis prints it: `93.4%`, `100%`, `12`, `1,250元`.
    pub fn label(&self, v: i64) -> String {
        let d = self.divisor.max(1);
        let sign = if v < 0 { "-" } else { "" };
        let a = v.unsigned_abs();
        let whole = group_thousands(a / d as u64);
        let frac = a % d as u64;
        if frac == 0 {
            format!("{sign}{whole}{}", self.suffix)
        } else {
            let digits = (d as f64).log10().ceil() as usize;
            let text = format!("{frac:0digits$}");
            format!(
                "{sign}{whole}.{}{}",
                text.trim_end_matches('0'),
                self.suffix
            )
        }
    }
}

fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A chart's content.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// Labels along the bottom, one per value of each series.
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub axis: Axis,
    /// A dashed horizontal line with its label, e.g. (1000, "目标 100%").
    pub target: Option<(i64, String)>,
    /// Bars: stack the series instead of setting them side by side.
    pub stacked: bool,
}

/// Where a chart goes on the page, in mm from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

const TITLE_PT: f32 = 10.5;
const LABEL_PT: f32 = 7.0;
const VALUE_PT: f32 = 6.0;
const LEGEND_PT: f32 = 7.5;
const AXIS_W_MM: f32 = 15.0;
const BOTTOM_MM: f32 = 8.0;

/// Fill grey and hatching (none, horizontal, vertical) of bar series `i`.
fn bar_style(i: usize) -> (f32, u8) {
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
fn line_style(i: usize) -> (&'static [f32], u8) {
    const STYLES: [(&[f32], u8); 5] = [
        (&[], 0),
        (&[4.0, 2.0], 1),
        (&[1.0, 1.5], 2),
        (&[6.0, 2.0, 1.0, 2.0], 3),
        (&[2.5, 2.5], 4),
    ];
    STYLES[i % STYLES.len()]
}

fn grey(g: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: g.clamp(0.0, 1.0),
        icc_profile: None,
    })
}

fn width_mm(text: &str, size_pt: f32) -> Result<f32, PdfError> {
    Ok(pt_to_mm(font()?.text_width(text, size_pt)))
}

/// A round step (1, 2 or 5 × 10ⁿ) giving at most five intervals up to `max`.
pub fn nice_step(max: i64) -> i64 {
    let max = max.max(1);
    let mut p = 1i64;
    loop {
        for m in [1, 2, 5] {
            let step = m * p;
            if max <= step * 5 {
                return step;
            }
        }
        p = p.saturating_mul(10);
    }
}

struct Plot {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    max: i64,
}

impl Plot {
    fn y(&self, v: i64) -> f32 {
        let v = v.clamp(0, self.max);
        self.bottom - (self.bottom - self.top) * (v as f32 / self.max as f32)
    }
}

fn polyline(page: &Page, pts: &[(f32, f32)]) -> Op {
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

fn polygon(page: &Page, pts: &[(f32, f32)], mode: PaintMode) -> Op {
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

fn stroke_setup(width_pt: f32, g: f32, dash: &[f32]) -> Vec<Op> {
    vec![
        Op::SetOutlineThickness { pt: Pt(width_pt) },
        Op::SetOutlineColor { col: grey(g) },
        Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, dash),
        },
    ]
}

/// Title, legend (with each series' sample drawn by `sample`) and the frame; returns the plot.
fn frame(
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

fn axes_and_target(page: &mut Page, plot: &Plot, chart: &Chart) -> Result<(), PdfError> {
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
fn category_labels(
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

fn bar_rect(page: &mut Page, i: usize, x: f32, y: f32, w: f32, h: f32) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::PageSize;
    use crate::testutil;
    use crate::{render_pages, DocInfo};

    fn sample(stacked: bool) -> Chart {
        Chart {
            title: "签订率与收缴率（按收费小组）".into(),
            categories: vec![
                "第一小组".into(),
                "第二小组".into(),
                "第三小组".into(),
                "第四小组".into(),
            ],
            series: vec![
                Series {
                    name: "签订率".into(),
                    values: vec![Some(934), Some(1000), Some(871), None],
                },
                Series {
                    name: "收缴率".into(),
                    values: vec![Some(615), Some(702), Some(498), Some(655)],
                },
            ],
            axis: Axis::percent(),
            target: Some((1000, "目标 100%".into())),
            stacked,
        }
    }

    fn info() -> DocInfo {
        DocInfo {
            title: "图表".into(),
            created: chrono::NaiveDate::from_ymd_opt(2026, 11, 29)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        }
    }

    #[test]
    fn axis_labels_read_as_percent_yuan_and_counts() {
        assert_eq!(Axis::percent().label(934), "93.4%");
        assert_eq!(Axis::percent().label(1000), "100%");
        // On a bar or a point a rate reads as in the tables.
        assert_eq!(Axis::percent().value_label(1000), "100.0%");
        assert_eq!(Axis::percent().value_label(930), "93.0%");
        assert_eq!(Axis::yuan().value_label(500), "5元");
        assert_eq!(Axis::yuan().label(125_050), "1,250.5元");
        assert_eq!(Axis::yuan().label(500), "5元");
        assert_eq!(Axis::count("次").label(12), "12次");
    }

    #[test]
    fn steps_are_round_and_give_at_most_five_intervals() {
        assert_eq!(nice_step(1000), 200);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(0), 1);
        assert_eq!(nice_step(12_345), 5000);
        for m in [1, 9, 10, 11, 99, 101, 4_999, 123_456] {
            let s = nice_step(m);
            assert!(m <= s * 5, "{m}: step {s}");
        }
    }

    #[test]
    fn a_bar_and_a_line_chart_print_their_labels_and_values() {
        let mut page = Page::new(PageSize::A4_PORTRAIT);
        let top = Area {
            x: 20.0,
            y: 20.0,
            w: 170.0,
            h: 90.0,
        };
        bar_chart(&mut page, top, &sample(false)).unwrap();
        let mut line = sample(false);
        line.title = "签订率（每周）".into();
        line.categories = vec!["7/11".into(), "7/18".into(), "7/25".into(), "8/1".into()];
        line_chart(&mut page, Area { y: 130.0, ..top }, &line).unwrap();
        let bytes = render_pages(&info(), vec![page]).unwrap();
        let file = testutil::write("chart", &bytes).unwrap();
        if let Some(pages) = testutil::pdftotext_pages(&file) {
            let text = &pages[0];
            for want in [
                "签订率与收缴率（按收费小组）",
                "第三小组",
                "93.4%",
                "61.5%",
                "目标 100%",
                "7/25",
                "收缴率",
            ] {
                assert!(text.contains(want), "missing {want} in\n{text}");
            }
        }
        if let Some((ok, out)) = testutil::qpdf_check(&file) {
            assert!(ok, "{out}");
        }
    }

    #[test]
    fn stacked_bars_print_the_total_of_each_category() {
        let mut page = Page::new(PageSize::A4_PORTRAIT);
        let mut c = sample(true);
        c.axis = Axis::count("");
        c.target = None;
        c.series[0].values = vec![Some(3), Some(4), Some(0), None];
        c.series[1].values = vec![Some(2), Some(7), Some(1), Some(5)];
        bar_chart(
            &mut page,
            Area {
                x: 20.0,
                y: 20.0,
                w: 120.0,
                h: 80.0,
            },
            &c,
        )
        .unwrap();
        let bytes = render_pages(&info(), vec![page]).unwrap();
        let file = testutil::write("stacked", &bytes).unwrap();
        if let Some(pages) = testutil::pdftotext_pages(&file) {
            // Totals 5, 11, 1, 5 above the stacks; the axis reaches the round step above 11.
            assert!(pages[0].contains("11"), "{}", pages[0]);
        }
    }

    #[test]
    fn a_chart_with_a_character_the_font_lacks_is_refused() {
        let mut page = Page::new(PageSize::A4_PORTRAIT);
        let mut c = sample(false);
        c.title = "\u{30EDE}".into();
        bar_chart(
            &mut page,
            Area {
                x: 20.0,
                y: 20.0,
                w: 120.0,
                h: 80.0,
            },
            &c,
        )
        .unwrap();
        assert!(render_pages(&info(), vec![page]).is_err());
    }
}
