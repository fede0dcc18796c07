//! Demo assessment data: August to November 2026 of patrols, checks, a substandard 督查, fines
//! with a void and a reversal, and the earlier months closed. Deterministic for a seed.

use super::{attendance, fine_notices, fines, inspections, leaving, months, tools};
use chrono::{Datelike, NaiveDate};
use cw_domain::assessment::{
    AttendanceEntry, AttendanceFill, AttendanceInput, AttendanceMark, FineInput, InspectionInput,
    InspectionKind, InspectionResult, ProposedFine, ToolEnd, ToolInput,
};
use cw_domain::ids::{StaffId, ZoneId};
use cw_kernel::rng::Rng;
use cw_kernel::{CoreError, Ctx};

/// Items a cleaner is most often fined for, with what the supervisor saw.
const OFFENCES: &[(&str, &str)] = &[
    ("B1", "路面烟头、纸屑 30 分钟未清"),
    ("B2", "路沿石泥土未清"),
    ("B4", "门店垃圾未按时收集"),
    ("B6", "清扫垃圾未及时归堆"),
    ("B7", "绿化带内留有垃圾袋"),
    ("C1", "未穿工作服作业"),
    ("A3", "上班时间坐岗聊天"),
    ("B5", "普扫未按时完成"),
];

struct Zone {
    id: i64,
    supervisor: i64,
    cleaners: Vec<i64>,
}

fn zones(ctx: &Ctx<'_>) -> Result<Vec<Zone>, CoreError> {
    let mut stmt = ctx.conn.prepare("SELECT id, supervisor_id FROM zones WHERE active = 1 AND supervisor_id IS NOT NULL ORDER BY id")?;
    let rows: Vec<(i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (id, supervisor) in rows {
        let mut c = ctx.conn.prepare_cached(
            "SELECT staff_id FROM zone_cleaners WHERE zone_id = ?1 ORDER BY staff_id",
        )?;
        let cleaners = c.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        out.push(Zone {
            id,
            supervisor,
            cleaners,
        });
    }
    Ok(out)
}

fn time(rng: &mut Rng, from_h: u32, span_h: u32) -> String {
    format!(
        "{:02}:{:02}",
        from_h + rng.below(span_h as usize) as u32,
        rng.below(12) * 5
    )
}

/// Adds the demo months to a freshly generated community.
pub fn generate(ctx: &Ctx<'_>, seed: u64) -> Result<(), CoreError> {
    let mut rng = Rng(seed ^ 0x5EED_F1E5);
    let zones = zones(ctx)?;
    let (Some(start), Some(end_cap)) = (
        NaiveDate::from_ymd_opt(2026, 8, 19),
        NaiveDate::from_ymd_opt(2026, 11, 28),
    ) else {
        return Ok(());
    };
    let end = end_cap.min(ctx.clock.today() - chrono::Duration::days(1));
    let mut sups: Vec<i64> = zones.iter().map(|z| z.supervisor).collect();
    sups.sort_unstable();
    sups.dedup();
    let mut day = start;
    let mut fine_ids: Vec<(NaiveDate, i64)> = Vec::new();
    while day <= end {
        let sunday = day.weekday() == chrono::Weekday::Sun;
        for s in &sups {
            // Two patrols a day as the plan requires, across the supervisor's zones; now and then one is missed.
            let mine: Vec<&Zone> = zones.iter().filter(|z| z.supervisor == *s).collect();
            let patrols = if rng.chance(6) { 1 } else { 2 };
            for p in 0..patrols {
                let z = mine[(p + day.day() as usize) % mine.len()];
                let fail = !sunday && rng.chance(6) && !z.cleaners.is_empty();
                let mut fines_list = Vec::new();
                let mut findings = String::new();
                if fail {
                    let (code, seen) = *rng.pick(OFFENCES);
                    let cleaner = *rng.pick(&z.cleaners);
                    findings = seen.to_string();
                    fines_list.push(ProposedFine {
                        staff_id: cleaner,
                        item_code: code.into(),
                        count: 1 + (rng.chance(25) as i64),
                        observed: seen.into(),
                        ..Default::default()
                    });
                }
                inspections::create(
                    ctx,
                    InspectionInput {
                        kind: Some(InspectionKind::Patrol),
                        date: Some(day),
                        time: if p == 0 {
                            time(&mut rng, 8, 3)
                        } else {
                            time(&mut rng, 14, 3)
                        },
                        inspector_id: Some(StaffId(z.supervisor)),
                        zone_id: Some(ZoneId(z.id)),
                        result: Some(if fail {
                            InspectionResult::Fail
                        } else {
                            InspectionResult::Pass
                        }),
                        findings,
                        fines: Some(fines_list),
                        ..Default::default()
                    },
                )?;
            }
        }
        // A cleaner of two zones is late once a day at most (absence is counted per day).
        let mut late_today: Vec<i64> = Vec::new();
        for z in &zones {
            // Lateness now and then, entered in minutes: the rule picks A1 or A1x.
            for c in &z.cleaners {
                if !sunday && rng.chance(2) && !late_today.contains(c) {
                    late_today.push(*c);
                    let minutes = if rng.chance(80) {
                        5 + rng.below(25) as i64
                    } else {
                        35 + rng.below(60) as i64
                    };
                    let f = fines::create(
                        ctx,
                        FineInput {
                            staff_id: Some(StaffId(*c)),
                            date: Some(day),
                            time: "07:".to_string() + &format!("{:02}", minutes.min(59)),
                            zone_id: Some(ZoneId(z.id)),
                            observed: format!("迟到 {minutes} 分钟"),
                            recorded_by: Some(StaffId(z.supervisor)),
                            minutes: Some(minutes),
                            ..Default::default()
                        },
                    )?;
                    fine_ids.push((day, f.id));
                }
            }
        }
        // A committee check each Wednesday, a higher-level 督查 mid-month.
        if day.weekday() == chrono::Weekday::Wed {
            let z = rng.pick(&zones);
            inspections::create(
                ctx,
                InspectionInput {
                    kind: Some(InspectionKind::Committee),
                    date: Some(day),
                    time: time(&mut rng, 9, 2),
                    inspector: "社区创卫办".into(),
                    zone_id: Some(ZoneId(z.id)),
                    result: Some(InspectionResult::Pass),
                    findings: "路面整洁，垃圾收集及时".into(),
                    fines: Some(Vec::new()),
                    ..Default::default()
                },
            )?;
        }
        if day.day() == 15 {
            let z = rng.pick(&zones);
            // September's 督查 found a zone substandard: the rule fines its supervisor and cleaners.
            let fail = day.month() == 9;
            inspections::create(
                ctx,
                InspectionInput {
                    kind: Some(InspectionKind::Higher),
                    date: Some(day),
                    time: "10:30".into(),
                    inspector: "石马山镇创卫督查组".into(),
                    zone_id: Some(ZoneId(z.id)),
                    result: Some(if fail {
                        InspectionResult::Fail
                    } else {
                        InspectionResult::Pass
                    }),
                    findings: if fail {
                        "绿化带垃圾成堆，路沿石积泥".into()
                    } else {
                        "达标".into()
                    },
                    recorded_by: Some(StaffId(z.supervisor)),
                    fines: None,
                    ..Default::default()
                },
            )?;
        }
        day += chrono::Duration::days(1);
    }
    // A disputed lateness reversed after October closed, and a mistaken one voided in November.
    let today = ctx.clock.today();
    notices_paid(ctx, "2026-09", end)?;
    tool_season(ctx, &zones, end)?;
    resignation(ctx, &zones, end)?;
    attendance_season(ctx, &mut rng, end)?;
    for m in ["2026-08", "2026-09", "2026-10"] {
        let (_, last) = super::month_bounds("月份", m)?;
        if last < today {
            months::close(ctx, months::MonthArgs { month: m.into() })?;
        }
    }
    let october = fine_ids
        .iter()
        .find(|(d, _)| d.month() == 10)
        .map(|(_, id)| *id);
    if let (Some(id), true) = (october, months::is_closed(ctx.conn, "2026-10")?) {
        fines::reverse(
            ctx,
            fines::CorrectArgs {
                id,
                reason: "本人提供就医证明，经领导小组同意撤销".into(),
                date: None,
            },
        )?;
    }
    let november = fine_ids
        .iter()
        .rev()
        .find(|(d, _)| d.month() == 11)
        .map(|(_, id)| *id);
    if let Some(id) = november {
        fines::void(
            ctx,
            fines::CorrectArgs {
                id,
                reason: "录错人员，已重新录入".into(),
                date: None,
            },
        )?;
    }
    Ok(())
}

/// The sheets of the demo months up to `end`: two rest days a month for each worker, now and
/// then a day or two of leave, 旷工 where a fine says so and 出勤 on the other days.
fn attendance_season(ctx: &Ctx<'_>, rng: &mut Rng, end: NaiveDate) -> Result<(), CoreError> {
    for m in ["2026-08", "2026-09", "2026-10", "2026-11"] {
        let sheet = attendance::load(ctx.conn, m)?;
        let (first, _) = super::month_bounds("月份", m)?;
        let mut entries = Vec::new();
        for row in &sheet.rows {
            let days: Vec<u32> = (1..=sheet.days)
                .filter(|d| row.employed[(*d - 1) as usize])
                .filter(|d| first + chrono::Duration::days(i64::from(*d - 1)) <= end)
                .filter(|d| !row.fined_absent.contains(d))
                .collect();
            if days.len() < 8 {
                continue;
            }
            let mut picked: Vec<u32> = Vec::new();
            let leave = if rng.chance(30) { 1 + rng.below(2) } else { 0 };
            for n in 0..2 + leave {
                let day = *rng.pick(&days);
                if picked.contains(&day) {
                    continue;
                }
                picked.push(day);
                entries.push(AttendanceEntry {
                    staff_id: row.staff_id,
                    day,
                    mark: Some(if n < 2 {
                        AttendanceMark::Rest
                    } else {
                        AttendanceMark::Leave
                    }),
                });
            }
        }
        attendance::set(
            ctx,
            AttendanceInput {
                month: m.into(),
                entries,
            },
        )?;
        attendance::fill(
            ctx,
            AttendanceFill {
                month: m.into(),
                present: true,
            },
        )?;
    }
    Ok(())
}

/// One cleaner resigns on the season's last day with two days' notice: short of the rule's three,
/// so A4 withholds a week's wage on November's statement.
fn resignation(ctx: &Ctx<'_>, zones: &[Zone], end: NaiveDate) -> Result<(), CoreError> {
    let (Some(last), Some(notice)) = (
        NaiveDate::from_ymd_opt(2026, 11, 28),
        NaiveDate::from_ymd_opt(2026, 11, 26),
    ) else {
        return Ok(());
    };
    let Some((zone, cleaner)) = zones
        .iter()
        .rev()
        .find_map(|z| z.cleaners.last().map(|c| (z, *c)))
    else {
        return Ok(());
    };
    if end < last {
        return Ok(());
    }
    leaving::leave(
        ctx,
        leaving::LeaveArgs {
            id: StaffId(cleaner),
            leave_date: Some(last),
            kind: cw_domain::enums::LeaveKind::Resigned,
            notice_date: Some(notice),
            recorded_by: Some(StaffId(zone.supervisor)),
        },
    )?;
    hand_back_all(ctx, cleaner, last)
}

/// What each cleaner is issued when the season starts, at the price the committee paid.
const KIT: &[(&str, &str)] = &[("板车", "380.00"), ("扫把", "15.00"), ("铲子", "25.00")];

/// The tool register of the season: every cleaner's kit issued on starting, one broom lost in
/// October (charged at its price), and the resigning cleaner's kit handed back on leaving.
fn tool_season(ctx: &Ctx<'_>, zones: &[Zone], end: NaiveDate) -> Result<(), CoreError> {
    let Some(start) = NaiveDate::from_ymd_opt(2026, 8, 19) else {
        return Ok(());
    };
    let mut issued: Vec<(i64, i64, i64)> = Vec::new();
    for z in zones {
        for c in &z.cleaners {
            if issued.iter().any(|(s, _, _)| s == c) {
                continue;
            }
            let hire: Option<NaiveDate> =
                ctx.conn
                    .query_row("SELECT hire_date FROM staff WHERE id = ?1", [c], |r| {
                        r.get(0)
                    })?;
            let day = hire.map_or(start, |h| h.max(start));
            if day > end {
                continue;
            }
            for (kind, price) in KIT {
                let t = tools::issue(
                    ctx,
                    ToolInput {
                        staff_id: Some(StaffId(*c)),
                        kind: (*kind).into(),
                        price: (*price).into(),
                        issued_on: Some(day),
                        note: String::new(),
                    },
                )?;
                issued.push((*c, t.id, z.supervisor));
            }
        }
    }
    // The first cleaner's broom, lost on 12 October.
    if let (Some(lost_on), Some((_, broom, sup))) =
        (NaiveDate::from_ymd_opt(2026, 10, 12), issued.get(1))
    {
        if lost_on <= end {
            tools::lose(
                ctx,
                ToolEnd {
                    id: *broom,
                    date: Some(lost_on),
                    reason: "清扫途中遗失".into(),
                    recorded_by: Some(StaffId(*sup)),
                },
            )?;
        }
    }
    Ok(())
}

/// The tools a leaving cleaner hands back on the last day.
fn hand_back_all(ctx: &Ctx<'_>, staff: i64, day: NaiveDate) -> Result<(), CoreError> {
    for t in tools::of(ctx.conn, Some(staff), true)? {
        tools::hand_back(
            ctx,
            ToolEnd {
                id: t.tool.id,
                date: Some(day),
                reason: "离职交回".into(),
                recorded_by: None,
            },
        )?;
    }
    Ok(())
}

/// The unwaged staff's notices of `month` paid in full early the next month (later months stay
/// owing, for 今日待办 to show).
fn notices_paid(ctx: &Ctx<'_>, month: &str, end: NaiveDate) -> Result<(), CoreError> {
    let (_, last) = super::month_bounds("月份", month)?;
    let paid_on = last + chrono::Duration::days(8);
    if paid_on > end {
        return Ok(());
    }
    for n in fine_notices::of_month(ctx.conn, month)? {
        if n.outstanding_fen() <= 0 {
            continue;
        }
        fine_notices::pay(
            ctx,
            cw_domain::assessment::PaymentInput {
                staff_id: Some(StaffId(n.notice.staff_id)),
                month: month.into(),
                amount: crate::wire(n.outstanding_fen()),
                paid_on: Some(paid_on),
                receiver: "社区会计".into(),
                slip_no: String::new(),
                note: String::new(),
            },
        )?;
    }
    Ok(())
}
