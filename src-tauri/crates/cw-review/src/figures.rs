//! The complaint register's figures for a year, taken from the same list the register page shows.

use crate::complaints;
use cw_domain::review::{ComplaintChannel, ComplaintFigures, ComplaintQuery, ComplaintStatus};
use cw_kernel::{CoreError, Ctx};
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`figures`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ComplaintFiguresArgs {
    /// This year if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// Received, closed, open and overdue, 重大, found true, mean days to close, per channel.
pub fn figures(ctx: &Ctx<'_>, a: ComplaintFiguresArgs) -> Result<ComplaintFigures, CoreError> {
    let today = ctx.clock.today();
    let year = a.year.unwrap_or_else(|| chrono::Datelike::year(&today));
    let list = complaints::of(
        ctx.conn,
        &ComplaintQuery {
            year: Some(year),
            ..Default::default()
        },
        today,
    )?;
    let closed: Vec<i64> = list
        .iter()
        .filter(|c| c.status == ComplaintStatus::Closed)
        .map(|c| c.days)
        .collect();
    // Tenths of a day, half up, in integers: never a float on the way to the page.
    let mean = if closed.is_empty() {
        String::new()
    } else {
        let n = closed.len() as i64;
        let tenths = (closed.iter().sum::<i64>() * 20 + n) / (2 * n);
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    let by_channel = [
        ComplaintChannel::Resident,
        ComplaintChannel::Letter,
        ComplaintChannel::Media,
        ComplaintChannel::Referred,
    ]
    .into_iter()
    .map(|ch| (ch, list.iter().filter(|c| c.channel == ch).count() as i64))
    .collect();
    Ok(ComplaintFigures {
        year,
        received: list.len() as i64,
        closed: closed.len() as i64,
        open: (list.len() - closed.len()) as i64,
        overdue: list.iter().filter(|c| c.overdue).count() as i64,
        major: list.iter().filter(|c| c.major).count() as i64,
        verified_true: list.iter().filter(|c| c.verified == Some(true)).count() as i64,
        mean_days_to_close: mean,
        by_channel,
    })
}
