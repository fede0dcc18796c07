//! The demo community's campaign: the plan's phases for the campaign year, with the checklist of
//! the phases already past done (dated inside each phase, with evidence) and part of the current
//! one. Deterministic: the same days and notes every time.

use super::phases::{load_plan, store_defaults, update_task};
use super::types::{PhaseState, TaskInput};
use crate::pledges::year_or_current;
use crate::{CoreError, Ctx};
use chrono::Duration;

/// Evidence notes, picked by the task's position so the demo reads plausibly.
const EVIDENCE: &[&str] = &[
    "会议记录及签到表存社区办公室",
    "照片 6 张，存创卫档案盒",
    "发放宣传单 1,200 份，签收单附后",
    "摸底登记表按小组装订",
    "责任书第一联按小组归档",
    "购置清单及发票复印件",
    "招聘协议 10 份",
];

/// Sets up the year's phases and ticks off what a community in the middle of its campaign has done.
pub fn generate(ctx: &Ctx<'_>, _seed: u64) -> Result<(), CoreError> {
    let year = year_or_current(ctx, None)?;
    let today = ctx.clock.today();
    store_defaults(ctx, year)?;
    for phase in load_plan(ctx.conn, year, today)?.phases {
        let n = phase.tasks.len() as i64;
        let span = (phase.ends_on - phase.starts_on).num_days().max(1);
        for (i, t) in phase.tasks.iter().enumerate() {
            let i = i as i64;
            // Past phases: all done; the current one: the first half; later ones: nothing.
            let done = match phase.state {
                PhaseState::Ended => true,
                PhaseState::Current => i < n / 2 + 1,
                PhaseState::Upcoming => false,
            };
            if !done {
                continue;
            }
            let on = (phase.starts_on + Duration::days(span * (i + 1) / (n + 1))).min(today);
            update_task(
                ctx,
                TaskInput {
                    id: t.id,
                    title: t.title.clone(),
                    done_on: Some(on),
                    evidence: EVIDENCE[(i as usize) % EVIDENCE.len()].into(),
                },
            )?;
        }
    }
    Ok(())
}
