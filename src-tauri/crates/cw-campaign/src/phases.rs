//! The campaign's phases and checklists: read (stored, or the plan's defaults), set up, edit.
//! Every write is audited; a checklist item is removed by deactivating it, never deleted.

use super::defaults::{self, PHASES};
use super::permille_text;
use super::types::{
    CampaignPhase, CampaignPlan, CampaignTask, CampaignYearArgs, PhaseInput, PhaseState,
    TargetKind, TaskCreate, TaskInput,
};
use chrono::NaiveDate;
use cw_domain::{text, DomainError};
use cw_kernel::IdArgs;
use cw_kernel::{CoreError, Ctx};
use cw_pledges::year_or_current;
use rusqlite::{params, Connection, OptionalExtension};

/// 第一阶段 … 第九阶段.
pub fn ordinal(seq: i32) -> String {
    let n = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
        .get((seq - 1).clamp(0, 8) as usize)
        .copied()
        .unwrap_or("");
    format!("第{n}阶段")
}

fn state(today: NaiveDate, from: NaiveDate, to: NaiveDate) -> PhaseState {
    if today < from {
        PhaseState::Upcoming
    } else if today > to {
        PhaseState::Ended
    } else {
        PhaseState::Current
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, CoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| CoreError::Internal(format!("日期格式有误：{text}")))
}

fn default_phases(year: i32, today: NaiveDate) -> Result<Vec<CampaignPhase>, CoreError> {
    PHASES
        .iter()
        .map(|p| {
            let (from, to) = defaults::dates(year, p.seq)
                .ok_or_else(|| CoreError::Internal("默认阶段日期有误".into()))?;
            let target = (p.target != TargetKind::None).then_some(1000);
            Ok(CampaignPhase {
                id: 0,
                seq: p.seq,
                name: p.name.into(),
                starts_on: from,
                ends_on: to,
                target_kind: p.target,
                target_permille: target,
                target_text: target.map(|t| permille_text(Some(t))).unwrap_or_default(),
                goal: p.goal.into(),
                state: state(today, from, to),
                tasks: p
                    .tasks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| CampaignTask {
                        id: 0,
                        seq: i as i64 + 1,
                        title: (*t).into(),
                        done_on: None,
                        evidence: String::new(),
                    })
                    .collect(),
                tasks_done: 0,
            })
        })
        .collect()
}

fn tasks_of(conn: &Connection, phase_id: i64) -> Result<Vec<CampaignTask>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, seq, title, done_on, evidence FROM campaign_tasks
         WHERE phase_id = ?1 AND active = 1 ORDER BY seq, id",
    )?;
    let rows = stmt.query_map([phase_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, seq, title, done, evidence) = row?;
        out.push(CampaignTask {
            id,
            seq,
            title,
            done_on: done.as_deref().map(parse_date).transpose()?,
            evidence,
        });
    }
    Ok(out)
}

/// A stored phase as read: id, seq, name, start, end, target kind, target, goal.
type PhaseRow = (
    i64,
    i32,
    String,
    String,
    String,
    String,
    Option<i64>,
    String,
);

fn stored_phases(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
) -> Result<Vec<CampaignPhase>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, seq, name, starts_on, ends_on, target_kind, target_permille, goal
         FROM campaign_phases WHERE year = ?1 ORDER BY seq",
    )?;
    let rows: Vec<PhaseRow> = stmt
        .query_map([year], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (id, seq, name, from, to, kind, target, goal) in rows {
        let (from, to) = (parse_date(&from)?, parse_date(&to)?);
        let kind = TargetKind::parse(&kind);
        let target = if kind == TargetKind::None {
            None
        } else {
            target
        };
        let tasks = tasks_of(conn, id)?;
        out.push(CampaignPhase {
            id,
            seq,
            name,
            starts_on: from,
            ends_on: to,
            target_kind: kind,
            target_permille: target,
            target_text: target.map(|t| permille_text(Some(t))).unwrap_or_default(),
            goal,
            state: state(today, from, to),
            tasks_done: tasks.iter().filter(|t| t.done_on.is_some()).count() as i64,
            tasks,
        });
    }
    Ok(out)
}

/// The phases of `year` as of `today`: the stored ones, or the plan's defaults when the year has
/// not been set up.
pub fn load_plan(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
) -> Result<CampaignPlan, CoreError> {
    let stored = stored_phases(conn, year, today)?;
    let is_stored = !stored.is_empty();
    let phases = if is_stored {
        stored
    } else {
        default_phases(year, today)?
    };
    let current = phases.iter().find(|p| p.state == PhaseState::Current);
    let current_text = match current {
        Some(p) => format!("{}　{}", ordinal(p.seq), p.name),
        None => match phases.iter().find(|p| p.state == PhaseState::Upcoming) {
            Some(next) if phases.first().is_some_and(|f| f.seq == next.seq) => {
                format!(
                    "尚未开始（{}自{}起）",
                    ordinal(next.seq),
                    cw_pdf::format_date_cn(next.starts_on)
                )
            }
            Some(next) => format!(
                "阶段之间（{}自{}起）",
                ordinal(next.seq),
                cw_pdf::format_date_cn(next.starts_on)
            ),
            None => "各阶段均已结束".into(),
        },
    };
    Ok(CampaignPlan {
        year,
        stored: is_stored,
        today,
        current_seq: current.map(|p| p.seq),
        current_text,
        phases,
    })
}

/// The campaign year's phases and checklists (command).
pub fn plan(ctx: &Ctx<'_>, a: CampaignYearArgs) -> Result<CampaignPlan, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    load_plan(ctx.conn, year, ctx.clock.today())
}

/// Stores the plan's default phases and checklists for `year` (refused if already set up).
pub fn store_defaults(ctx: &Ctx<'_>, year: i32) -> Result<CampaignPlan, CoreError> {
    let today = ctx.clock.today();
    if !stored_phases(ctx.conn, year, today)?.is_empty() {
        return Err(CoreError::Conflict(format!("{year}年度的创卫阶段已经建立")));
    }
    for p in default_phases(year, today)? {
        ctx.conn.execute(
            "INSERT INTO campaign_phases (year, seq, name, starts_on, ends_on, target_kind, target_permille, goal)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                year,
                p.seq,
                p.name,
                p.starts_on.to_string(),
                p.ends_on.to_string(),
                p.target_kind.stored(),
                p.target_permille,
                p.goal
            ],
        )?;
        let phase_id = ctx.conn.last_insert_rowid();
        for t in &p.tasks {
            ctx.conn.execute(
                "INSERT INTO campaign_tasks (phase_id, seq, title) VALUES (?1, ?2, ?3)",
                params![phase_id, t.seq, t.title],
            )?;
        }
        let after = stored_phases(ctx.conn, year, today)?
            .into_iter()
            .find(|x| x.id == phase_id);
        ctx.audit(
            "campaign_phases",
            Some(phase_id),
            None::<&CampaignPhase>,
            after.as_ref(),
        )?;
    }
    load_plan(ctx.conn, year, today)
}

/// Sets up the year's phases from the plan's defaults (command).
pub fn setup(ctx: &Ctx<'_>, a: CampaignYearArgs) -> Result<CampaignPlan, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    store_defaults(ctx, year)
}

fn load_phase(
    conn: &Connection,
    id: i64,
    today: NaiveDate,
) -> Result<(i32, CampaignPhase), CoreError> {
    let year: i32 = conn
        .query_row(
            "SELECT year FROM campaign_phases WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "创卫阶段",
            id,
        })?;
    let phase = stored_phases(conn, year, today)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(CoreError::NotFound {
            what: "创卫阶段",
            id,
        })?;
    Ok((year, phase))
}

/// Changes a phase's name, dates, target and goal. Phases of a year may not overlap, so that one
/// phase at most is in progress on any day.
pub fn update_phase(ctx: &Ctx<'_>, i: PhaseInput) -> Result<CampaignPhase, CoreError> {
    let today = ctx.clock.today();
    let (year, before) = load_phase(ctx.conn, i.id, today)?;
    let name = text::limited("阶段名称", &text::required("阶段名称", &i.name)?, 30)?;
    let goal = text::limited("工作目标", i.goal.trim(), 500)?;
    if i.ends_on < i.starts_on {
        return Err(DomainError::invalid("结束日期", "不能早于开始日期").into());
    }
    let first = NaiveDate::from_ymd_opt(year, 1, 1);
    let last = NaiveDate::from_ymd_opt(year + 1, 12, 31);
    if first.is_some_and(|f| i.starts_on < f) || last.is_some_and(|l| i.ends_on > l) {
        return Err(
            DomainError::invalid("开始日期", format!("应在{year}年至{}年之间", year + 1)).into(),
        );
    }
    for other in stored_phases(ctx.conn, year, today)? {
        if other.id != i.id && other.starts_on <= i.ends_on && i.starts_on <= other.ends_on {
            return Err(DomainError::invalid(
                "起止日期",
                format!(
                    "与{}（{}至{}）重叠",
                    ordinal(other.seq),
                    cw_pdf::format_date_cn(other.starts_on),
                    cw_pdf::format_date_cn(other.ends_on)
                ),
            )
            .into());
        }
    }
    let target = match before.target_kind {
        TargetKind::None => None,
        _ => {
            let t = i.target_permille.unwrap_or(1000);
            if !(0..=1000).contains(&t) {
                return Err(DomainError::invalid("目标", "应在 0% 到 100% 之间").into());
            }
            Some(t)
        }
    };
    ctx.conn.execute(
        "UPDATE campaign_phases SET name = ?2, starts_on = ?3, ends_on = ?4, target_permille = ?5, goal = ?6
         WHERE id = ?1",
        params![i.id, name, i.starts_on.to_string(), i.ends_on.to_string(), target, goal],
    )?;
    let (_, after) = load_phase(ctx.conn, i.id, today)?;
    ctx.audit("campaign_phases", Some(i.id), Some(&before), Some(&after))?;
    Ok(after)
}

fn load_task(conn: &Connection, id: i64) -> Result<(i64, CampaignTask), CoreError> {
    conn.query_row(
        "SELECT phase_id, id, seq, title, done_on, evidence FROM campaign_tasks WHERE id = ?1 AND active = 1",
        [id],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        },
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "工作清单项", id })
    .and_then(|(phase, id, seq, title, done, evidence)| {
        Ok((
            phase,
            CampaignTask {
                id,
                seq,
                title,
                done_on: done.as_deref().map(parse_date).transpose()?,
                evidence,
            },
        ))
    })
}

/// Adds an item to a phase's checklist.
pub fn create_task(ctx: &Ctx<'_>, i: TaskCreate) -> Result<CampaignTask, CoreError> {
    load_phase(ctx.conn, i.phase_id, ctx.clock.today())?;
    let title = text::limited("工作内容", &text::required("工作内容", &i.title)?, 100)?;
    let seq: i64 = ctx.conn.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM campaign_tasks WHERE phase_id = ?1",
        [i.phase_id],
        |r| r.get(0),
    )?;
    ctx.conn.execute(
        "INSERT INTO campaign_tasks (phase_id, seq, title) VALUES (?1, ?2, ?3)",
        params![i.phase_id, seq, title],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let (_, after) = load_task(ctx.conn, id)?;
    ctx.audit(
        "campaign_tasks",
        Some(id),
        None::<&CampaignTask>,
        Some(&after),
    )?;
    Ok(after)
}

/// Changes a checklist item: its title, and done (a date not after today, evidence) or not.
pub fn update_task(ctx: &Ctx<'_>, i: TaskInput) -> Result<CampaignTask, CoreError> {
    let (_, before) = load_task(ctx.conn, i.id)?;
    let title = text::limited("工作内容", &text::required("工作内容", &i.title)?, 100)?;
    let evidence = text::limited("佐证材料", i.evidence.trim(), 300)?;
    if let Some(d) = i.done_on {
        if d > ctx.clock.today() {
            return Err(DomainError::invalid("完成日期", "不能晚于今天").into());
        }
    }
    ctx.conn.execute(
        "UPDATE campaign_tasks SET title = ?2, done_on = ?3, evidence = ?4 WHERE id = ?1",
        params![i.id, title, i.done_on.map(|d| d.to_string()), evidence],
    )?;
    let (_, after) = load_task(ctx.conn, i.id)?;
    ctx.audit("campaign_tasks", Some(i.id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Takes an item off its checklist (kept in the file, deactivated).
pub fn remove_task(ctx: &Ctx<'_>, a: IdArgs) -> Result<CampaignTask, CoreError> {
    let (_, before) = load_task(ctx.conn, a.id)?;
    ctx.conn
        .execute("UPDATE campaign_tasks SET active = 0 WHERE id = ?1", [a.id])?;
    ctx.audit(
        "campaign_tasks",
        Some(a.id),
        Some(&before),
        None::<&CampaignTask>,
    )?;
    Ok(before)
}
