//! Pledge progress for the demo community: every pledge printed by group, most signed in phase
//! one (July to mid-August), some refused, a few voided and reissued; and shop inspections
//! with rectification notices (one rectified, one failed, one overdue, one still open).

use super::jobs::{batch_confirm, batch_start, BatchArgs, JobArgs};
use super::records::{ensure, record, RecordArgs};
use super::rectify::{inspect, reinspect, InspectArgs, InspectionOutcome, ReinspectArgs};
use super::{PledgeStatus, Scope};
use chrono::{Duration, NaiveDate};
use cw_kernel::rng::Rng;
use cw_kernel::{CoreError, Ctx};

const REFUSALS: &[&str] = &[
    "认为门前卫生应由保洁员负责",
    "房屋出租，房东不愿代签",
    "对收费有意见，暂不签",
    "户主长期在外，家人不肯代签",
];

fn ids(ctx: &Ctx<'_>, sql: &str) -> Result<Vec<i64>, CoreError> {
    let mut stmt = ctx.conn.prepare(sql)?;
    let v = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(v)
}

/// Adds the demo's pledges and rectifications; called by the demo community once its parties exist.
pub fn generate(ctx: &Ctx<'_>, seed: u64) -> Result<(), CoreError> {
    let mut rng = Rng(seed ^ 0x6d71_3362);
    let today = ctx.clock.today();
    let year = 2026;
    let day = |m: u32, d: u32| {
        NaiveDate::from_ymd_opt(year, m, d)
            .unwrap_or(today)
            .min(today)
    };

    // Printed group by group, confirmed.
    for g in 1..=4 {
        let job = batch_start(
            ctx,
            BatchArgs {
                year: Some(year),
                scope: Scope {
                    group_no: Some(g),
                    ..Default::default()
                },
                party_ids: Vec::new(),
            },
        )?;
        batch_confirm(
            ctx,
            JobArgs {
                job_id: job.job_id,
                ..Default::default()
            },
        )?;
    }
    // Signatures, collected by the group's cadres; group three lags behind.
    let cadres: Vec<(i64, i64)> = {
        let mut stmt = ctx.conn.prepare(
            "SELECT s.group_no, s.id FROM staff s JOIN staff_roles r ON r.staff_id = s.id AND r.role = '社区干部'
             WHERE s.group_no IS NOT NULL ORDER BY s.id",
        )?;
        let v = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        v
    };
    let parties: Vec<(i64, i64)> = {
        let mut stmt = ctx.conn.prepare(
            "SELECT id, COALESCE(group_no, 1) FROM parties WHERE status = '正常' ORDER BY address_sort, id",
        )?;
        let v = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        v
    };
    for (party_id, group) in &parties {
        let sign_pct = [95, 91, 82, 93][(*group as usize).clamp(1, 4) - 1];
        let roll = rng.below(100) as u64;
        let (status, reason) = if roll < sign_pct {
            (PledgeStatus::Signed, String::new())
        } else if roll < sign_pct + 3 {
            (PledgeStatus::Refused, rng.pick(REFUSALS).to_string())
        } else {
            continue;
        };
        let mine: Vec<i64> = cadres
            .iter()
            .filter(|(g, _)| g == group)
            .map(|(_, id)| *id)
            .collect();
        // Most doors were signed in the first weeks of phase one.
        let offset = (rng.below(24) + rng.below(24)) as i64;
        let on = (day(7, 8) + Duration::days(offset)).min(day(8, 15));
        record(
            ctx,
            RecordArgs {
                party_id: *party_id,
                year: Some(year),
                status,
                on_date: Some(on),
                signer: String::new(),
                collector_id: (!mine.is_empty()).then(|| *rng.pick(&mine)),
                reason,
            },
        )?;
    }
    // A few forms spoiled and replaced (new numbers, not printed yet).
    let unsigned = ids(
        ctx,
        &format!(
            "SELECT party_id FROM pledges WHERE year = {year} AND status = '已打印' ORDER BY id"
        ),
    )?;
    for party_id in unsigned.iter().step_by(9).take(3) {
        record(
            ctx,
            RecordArgs {
                party_id: *party_id,
                year: Some(year),
                status: PledgeStatus::Void,
                on_date: None,
                signer: String::new(),
                collector_id: None,
                reason: "表格污损，重新打印".into(),
            },
        )?;
        ensure(ctx, *party_id, year)?;
    }
    let shops = ids(
        ctx,
        "SELECT p.id FROM parties p JOIN pledges g ON g.party_id = p.id AND g.status = '已签订'
         WHERE p.kind = '门店' AND p.status = '正常' ORDER BY p.address_sort, p.id",
    )?;

    // Consolidation-phase inspections of shops against their pledges.
    let inspector = cadres.first().map(|(_, id)| *id);
    let ago = |d: i64| today - Duration::days(d);
    let plan: [(i64, InspectionOutcome, &str, i64, Option<bool>); 7] = [
        (40, InspectionOutcome::Passed, "", 0, None),
        (
            35,
            InspectionOutcome::Warning,
            "门前堆放纸箱，当场口头警告",
            0,
            None,
        ),
        (
            30,
            InspectionOutcome::Notice,
            "店外摆卖占用人行道，门前有污水",
            7,
            Some(true),
        ),
        (
            25,
            InspectionOutcome::Notice,
            "货物堆放占用人行道，门前未清扫",
            7,
            Some(false),
        ),
        (
            20,
            InspectionOutcome::Notice,
            "门前油污严重，垃圾未装袋",
            7,
            None,
        ),
        (
            3,
            InspectionOutcome::Notice,
            "招牌破损未修复，门前乱贴小广告",
            10,
            None,
        ),
        (2, InspectionOutcome::Passed, "", 0, None),
    ];
    for (i, (days_ago, outcome, findings, term, re)) in plan.into_iter().enumerate() {
        let Some(party_id) = shops.get(i * 7) else {
            break;
        };
        let on = ago(days_ago);
        let out = inspect(
            ctx,
            InspectArgs {
                party_id: *party_id,
                inspected_on: on,
                inspector_id: inspector,
                findings: findings.into(),
                outcome,
                deadline: (term > 0).then(|| on + Duration::days(term)),
                requirements: String::new(),
            },
        )?;
        if let (Some(n), Some(passed)) = (out.notice, re) {
            reinspect(
                ctx,
                ReinspectArgs {
                    notice_id: n.id,
                    inspected_on: (n.deadline + Duration::days(1)).min(today),
                    inspector_id: inspector,
                    passed,
                    findings: if passed {
                        String::new()
                    } else {
                        "货物仍占道堆放".into()
                    },
                },
            )?;
        }
    }
    Ok(())
}
