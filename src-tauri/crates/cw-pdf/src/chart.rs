//! Bar and line charts drawn as vector graphics on a [`Page`]: axes with round ticks, category
//! labels, a legend, an optional dashed target line and value labels. Series are told apart by
//! greys, hatching, dash patterns and marker shapes, so a black-and-white printout reads as well
//! as the screen.
//!
//! Values are integers with a divisor and a suffix (permille with divisor 10 and `%`, 分 with
//! divisor 100 and `元`, counts with divisor 1): no float ever carries a figure, only geometry.

mod bar;
mod draw;
mod line;
#[cfg(test)]
mod tests;

pub use bar::bar_chart;
pub use line::line_chart;

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
