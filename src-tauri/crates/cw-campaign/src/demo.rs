//! The demo community's campaign: the plan's phases for the campaign year, with the checklist of
//! the phases already past done (dated inside each phase, with evidence) and part of the current
//! one. Deterministic: the same days and notes every time.

use super::phases::{load_plan, store_defaults, update_task};
use super::types::{PhaseState, TaskInput};
use chrono::Duration;
use cw_kernel::{CoreError, Ctx};
use cw_pledges::year_or_current;

/// Evidence notes of the plan's checklist items, phase by phase, item by item.
const EVIDENCE: &[&[&str]] = &[
    &[
        "社区两委会议纪要（领导小组名单）",
        "会议记录及签到表存社区办公室",
        "发放宣传单 1,200 份，签收单附后",
        "摸底登记表按小组装订",
        "责任书第一联按小组归档",
        "购置清单及发票复印件",
        "招聘协议 10 份",
    ],
    &[
        "培训签到表及照片",
        "责任区划分表（附图）",
        "更换人员名单及新签协议",
        "联合执法记录 3 次",
        "标语照片 12 张",
    ],
    &[
        "市政府收费文件及减免审批表",
        "票据领用登记簿",
        "收费批次记录（干部到场签字）",
        "上解单存根",
    ],
    &["检查记录表", "整改通知书及复查记录", "迎检材料汇编"],
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
                    evidence: EVIDENCE
                        .get((phase.seq - 1) as usize)
                        .and_then(|e| e.get(i as usize))
                        .copied()
                        .unwrap_or("材料存社区办公室")
                        .into(),
                },
            )?;
        }
    }
    Ok(())
}
