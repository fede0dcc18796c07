//! Inspections: supervisor patrols 巡查, committee checks 社区检查 and higher-level inspections 督查;
//! their findings become proposed fines the clerk confirms, recorded with the inspection in one act.
//! A substandard 上级督查 always records its S1/S2 fines; an inspection is never changed, only
//! corrected by an added row with a reason, which voids or reverses (or adds) its rule's fines.

use super::fines::{self, CorrectArgs, Links};
use super::schedule::item_in_force;
use super::{check_time, month_bounds, not_future, settings, staff_name_with_role, wire};
use chrono::NaiveDate;
use cw_domain::assessment::{
    fine_amount, inspection_fan_out, FineInput, FineStatus, Inspection, InspectionCorrection,
    InspectionInput, InspectionKind, InspectionResult, PatrolGap, ProposedFine, INSPECTION_CLEANER,
    INSPECTION_SUPERVISOR,
};
use cw_domain::enums::Role;
use cw_domain::registry::Page;
use cw_domain::{text, DomainError};
use cw_kernel::sql::{paging, Filter};
use cw_kernel::{CoreError, Ctx};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The result as it stands: the latest correction's, or the one recorded.
pub const RESULT_NOW: &str = "coalesce((SELECT ic.result FROM inspection_corrections ic
    WHERE ic.inspection_id = i.id ORDER BY ic.id DESC LIMIT 1), i.result)";

const COLUMNS: &str = "i.id, i.kind, i.date, i.time, i.inspector_id, i.inspector, i.zone_id, z.name, i.result, i.findings, i.created_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Inspection, String, String)> {
    Ok((
        Inspection {
            id: r.get(0)?,
            kind: InspectionKind::Patrol,
            date: r.get(2)?,
            time: r.get(3)?,
            inspector_id: r.get(4)?,
            inspector: r.get(5)?,
            zone_id: r.get(6)?,
            zone_name: r.get(7)?,
            result: InspectionResult::Pass,
            findings: r.get(9)?,
            fine_ids: Vec::new(),
            created_at: r.get(10)?,
            original_result: InspectionResult::Pass,
            corrections: Vec::new(),
        },
        r.get(1)?,
        r.get(8)?,
    ))
}

fn finish(
    conn: &Connection,
    (mut i, kind, result): (Inspection, String, String),
) -> Result<Inspection, CoreError> {
    i.kind = InspectionKind::parse("检查类型", &kind)?;
    i.original_result = InspectionResult::parse("检查结果", &result)?;
    i.result = i.original_result;
    let mut stmt =
        conn.prepare_cached("SELECT id FROM fines WHERE inspection_id = ?1 ORDER BY id")?;
    i.fine_ids = stmt
        .query_map([i.id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, result, findings, reason, created_at, created_by FROM inspection_corrections
         WHERE inspection_id = ?1 ORDER BY id",
    )?;
    let rows: Vec<(i64, String, String, String, String, String)> = stmt
        .query_map([i.id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    for (id, result, findings, reason, created_at, created_by) in rows {
        let result = InspectionResult::parse("检查结果", &result)?;
        // The latest correction is what stands.
        i.result = result;
        i.findings = findings.clone();
        i.corrections.push(InspectionCorrection {
            id,
            result,
            findings,
            reason,
            created_at,
            created_by,
        });
    }
    Ok(i)
}

/// One inspection by id.
pub fn load(conn: &Connection, id: i64) -> Result<Inspection, CoreError> {
    let r = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM inspections i JOIN zones z ON z.id = i.zone_id WHERE i.id = ?1"),
            [id],
            row,
        )
        .optional()?
        .ok_or(CoreError::NotFound { what: "检查记录", id })?;
    finish(conn, r)
}

/// Filters of the inspection list.
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct InspectionQuery {
    /// `YYYY-MM`.
    #[ts(optional = nullable)]
    pub month: Option<String>,
    #[ts(optional = nullable)]
    pub kind: Option<InspectionKind>,
    #[ts(optional = nullable)]
    pub zone_id: Option<i64>,
    #[ts(optional = nullable)]
    pub result: Option<InspectionResult>,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

/// Inspections matching the filters, newest first.
pub fn list(ctx: &Ctx<'_>, q: InspectionQuery) -> Result<Page<Inspection>, CoreError> {
    let mut f = Filter::default();
    if let Some(m) = q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        let (a, b) = month_bounds("月份", m)?;
        f.and(
            "i.date BETWEEN ? AND ?",
            [a.to_string().into(), b.to_string().into()],
        );
    }
    f.eq_opt("i.kind", q.kind.map(|k| k.label().to_string()));
    f.eq_opt("i.zone_id", q.zone_id);
    if let Some(r) = q.result {
        f.and(&format!("{RESULT_NOW} = ?"), [r.label().to_string().into()]);
    }
    let total: i64 = ctx.conn.query_row(
        &format!("SELECT count(*) FROM inspections i{}", f.sql()),
        rusqlite::params_from_iter(f.params.iter()),
        |r| r.get(0),
    )?;
    let (page, size, offset) = paging(q.page, q.page_size);
    let mut stmt = ctx.conn.prepare(&format!(
        "SELECT {COLUMNS} FROM inspections i JOIN zones z ON z.id = i.zone_id{} ORDER BY i.date DESC, i.time DESC, i.id DESC LIMIT {size} OFFSET {offset}",
        f.sql()
    ))?;
    let rows: Vec<_> = stmt
        .query_map(rusqlite::params_from_iter(f.params.iter()), row)?
        .collect::<Result<_, _>>()?;
    let items = rows
        .into_iter()
        .map(|r| finish(ctx.conn, r))
        .collect::<Result<_, _>>()?;
    Ok(Page {
        items,
        total,
        page,
        page_size: size,
    })
}

/// The fines the schedule's rules propose for an inspection (a substandard 督查 fans out to the
/// zone's supervisor and every cleaner of the zone); the clerk confirms or drops them.
pub fn propose(ctx: &Ctx<'_>, i: InspectionInput) -> Result<Vec<ProposedFine>, CoreError> {
    let kind = i.kind.ok_or(DomainError::Required {
        field: "检查类型"
    })?;
    let result = i.result.ok_or(DomainError::Required {
        field: "检查结果"
    })?;
    let zone_id = i.zone_id.ok_or(DomainError::Required { field: "责任区" })?;
    let date = i.date.unwrap_or_else(|| ctx.clock.today());
    let zone = cw_registry::zones::load(ctx.conn, zone_id)?;
    let observed = match i.findings.trim() {
        "" => format!("{}：{}不达标", kind.label(), zone.name),
        f => format!("{}：{}不达标，{f}", kind.label(), zone.name),
    };
    let cleaners = cw_registry::zones::cleaners_on(ctx.conn, zone_id, date)?;
    let mut out = Vec::new();
    for (staff_id, code) in inspection_fan_out(kind, result, zone.supervisor_id, &cleaners) {
        let item = item_in_force(ctx.conn, code, date)?;
        let unit = item.amount_fen.unwrap_or(0);
        let (name, _) = staff_name_with_role(ctx.conn, staff_id, &[])?;
        out.push(ProposedFine {
            staff_id,
            staff_name: name,
            item_code: code.to_string(),
            count: 1,
            amount: wire(fine_amount(unit, 1)?),
            observed: observed.clone(),
        });
    }
    Ok(out)
}

/// Records an inspection and, in the same act, the fines it leads to (the confirmed proposals;
/// when `fines` is absent, the rule's proposals), each linked to the inspection.
pub fn create(ctx: &Ctx<'_>, i: InspectionInput) -> Result<Inspection, CoreError> {
    let kind = i.kind.ok_or(DomainError::Required {
        field: "检查类型"
    })?;
    let result = i.result.ok_or(DomainError::Required {
        field: "检查结果"
    })?;
    let zone_id = i.zone_id.ok_or(DomainError::Required { field: "责任区" })?;
    let date = i.date.ok_or(DomainError::Required { field: "日期" })?;
    not_future("日期", date, ctx.clock.today())?;
    cw_registry::zones::load(ctx.conn, zone_id)?;
    let time = check_time(&i.time)?;
    let inspector = match i.inspector_id {
        Some(id) => {
            let (name, is_sup) = staff_name_with_role(ctx.conn, id, &[Role::Supervisor])?;
            if kind == InspectionKind::Patrol && !is_sup {
                return Err(DomainError::invalid(
                    "检查人",
                    format!("{name} 不是监管人员，巡查须由监管人员进行"),
                )
                .into());
            }
            name
        }
        None if kind == InspectionKind::Patrol => {
            return Err(DomainError::Required { field: "检查人" }.into())
        }
        None => text::limited("检查人", &text::required("检查人", &i.inspector)?, 40)?,
    };
    let findings = text::limited("检查情况", &i.findings, 500)?;
    let proposals = confirmed_fines(ctx, &i, kind, result, zone_id)?;
    ctx.conn.execute(
        "INSERT INTO inspections (kind, date, time, inspector_id, inspector, zone_id, result, findings, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![kind.label(), date, time, i.inspector_id, inspector, zone_id, result.label(), findings, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let recorder = i.recorded_by.or(i.inspector_id);
    record_fines(
        ctx, id, date, &time, zone_id, &findings, recorder, &proposals,
    )?;
    let after = load(ctx.conn, id)?;
    ctx.audit("inspections", Some(id), None::<&Inspection>, Some(&after))?;
    Ok(after)
}

/// The fines an inspection records: the rule's S1/S2 of a substandard 上级督查 always (the clerk
/// cannot drop them; a wrong one is voided afterwards with a reason), with the other fines the
/// clerk confirmed. S1/S2 the clerk sends must be the rule's: S1 to the zone's supervisor, S2 to
/// a cleaner of the zone on the payroll that day, and only for a substandard 上级督查.
fn confirmed_fines(
    ctx: &Ctx<'_>,
    i: &InspectionInput,
    kind: InspectionKind,
    result: InspectionResult,
    zone_id: i64,
) -> Result<Vec<ProposedFine>, CoreError> {
    let rule = propose(ctx, i.clone())?;
    let is_rule = |p: &ProposedFine| {
        p.item_code == INSPECTION_SUPERVISOR || p.item_code == INSPECTION_CLEANER
    };
    let rule_fines: Vec<ProposedFine> = rule.iter().filter(|p| is_rule(p)).cloned().collect();
    if kind == InspectionKind::Higher && result == InspectionResult::Fail && rule_fines.is_empty() {
        let zone = cw_registry::zones::load(ctx.conn, zone_id)?;
        return Err(DomainError::invalid(
            "责任区",
            format!(
                "责任区「{}」没有监管人员，当天也没有在岗的保洁员，上级督查不达标无人可罚：请先在「责任区」中登记其监管人员和保洁员",
                zone.name
            ),
        )
        .into());
    }
    let Some(given) = &i.fines else {
        return Ok(rule);
    };
    let zone = cw_registry::zones::load(ctx.conn, zone_id)?;
    let mut out = rule_fines.clone();
    for p in given {
        if !is_rule(p) {
            out.push(p.clone());
            continue;
        }
        let (name, _) = staff_name_with_role(ctx.conn, p.staff_id, &[])?;
        if kind != InspectionKind::Higher || result != InspectionResult::Fail {
            return Err(DomainError::invalid(
                "考核项目",
                format!(
                    "{} 只用于上级督查不达标，{}不能记 {name} 的 {}",
                    p.item_code,
                    kind.label(),
                    p.item_code
                ),
            )
            .into());
        }
        if rule_fines
            .iter()
            .any(|r| r.staff_id == p.staff_id && r.item_code == p.item_code)
        {
            // Already the rule's: recorded once.
            continue;
        }
        let why = if p.item_code == INSPECTION_SUPERVISOR {
            match &zone.supervisor_name {
                Some(sup) => format!(
                    "S1 只罚责任区「{}」的监管人员 {sup}，{name} 不是",
                    zone.name
                ),
                None => format!("责任区「{}」没有监管人员，S1 无人可罚", zone.name),
            }
        } else {
            format!(
                "S2 只罚责任区「{}」当天在岗的保洁员，{name} 不是该责任区的保洁员",
                zone.name
            )
        };
        return Err(DomainError::invalid("被考核人", why).into());
    }
    Ok(out)
}

/// Records `proposals` as fines of inspection `id`, each linked to it.
#[allow(clippy::too_many_arguments)]
fn record_fines(
    ctx: &Ctx<'_>,
    id: i64,
    date: NaiveDate,
    time: &str,
    zone_id: i64,
    findings: &str,
    recorder: Option<i64>,
    proposals: &[ProposedFine],
) -> Result<(), CoreError> {
    for (n, p) in proposals.iter().enumerate() {
        let input = FineInput {
            staff_id: Some(p.staff_id),
            item_code: p.item_code.clone(),
            date: Some(date),
            time: time.to_string(),
            zone_id: Some(zone_id),
            count: Some(p.count.max(1)),
            observed: if p.observed.trim().is_empty() {
                findings.to_string()
            } else {
                p.observed.clone()
            },
            recorded_by: recorder,
            minutes: None,
        };
        fines::insert(
            ctx,
            &input,
            Links {
                inspection_id: Some(id),
                allow_award: false,
            },
        )
        .map_err(|e| match e {
            CoreError::Domain(d) => {
                DomainError::invalid(d.field(), format!("第 {} 条拟罚：{d}", n + 1)).into()
            }
            other => other,
        })?;
    }
    Ok(())
}

/// One inspection, with its corrections.
pub fn get(ctx: &Ctx<'_>, a: fines::FineId) -> Result<Inspection, CoreError> {
    load(ctx.conn, a.id)
}

/// Arguments of [`correct`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct CorrectInspectionArgs {
    pub id: i64,
    /// The right result.
    #[ts(optional = nullable)]
    pub result: Option<InspectionResult>,
    /// The right findings; as they stand if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub findings: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reason: String,
    /// Who records the fines a correction to 不达标 adds (a supervisor or cadre); by default
    /// whoever recorded the inspection's earlier fines, or its staff inspector.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub recorded_by: Option<i64>,
}

/// Corrects a wrongly entered inspection the way an auditor accepts: the record stays as it was
/// and a correction row is added with the reason (in the audit trail). Corrected to 达标, every
/// valid fine it led to is voided (or, in a closed month, reversed in today's open month) citing
/// the correction; a 上级督查 corrected to 不达标 records the rule's S1/S2 fines.
pub fn correct(ctx: &Ctx<'_>, a: CorrectInspectionArgs) -> Result<Inspection, CoreError> {
    let reason = text::limited("原因", &text::required("原因", &a.reason)?, 200)?;
    let before = load(ctx.conn, a.id)?;
    let result = a.result.unwrap_or(before.result);
    let findings = match &a.findings {
        Some(f) => text::limited("检查情况", f, 500)?,
        None => before.findings.clone(),
    };
    if result == before.result && findings == before.findings {
        return Err(CoreError::Conflict(format!(
            "检查第 {} 号已是「{}」，检查情况也相同，无需更正",
            before.id,
            result.label()
        )));
    }
    ctx.conn.execute(
        "INSERT INTO inspection_corrections (inspection_id, result, findings, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.id, result.label(), findings, reason, ctx.now_text(), ctx.actor],
    )?;
    let why = format!("检查第 {} 号更正为{}：{reason}", before.id, result.label());
    if result == InspectionResult::Pass && before.result == InspectionResult::Fail {
        for fid in &before.fine_ids {
            let f = fines::load(ctx.conn, *fid)?;
            if f.status != FineStatus::Valid {
                continue;
            }
            let args = CorrectArgs {
                id: f.id,
                reason: why.clone(),
                date: None,
            };
            if super::months::is_closed(ctx.conn, &f.month)? {
                fines::reverse(ctx, args)?;
            } else {
                fines::void(ctx, args)?;
            }
        }
    }
    if result == InspectionResult::Fail
        && before.result == InspectionResult::Pass
        && before.kind == InspectionKind::Higher
    {
        let input = InspectionInput {
            kind: Some(before.kind),
            date: Some(before.date),
            time: before.time.clone(),
            inspector_id: before.inspector_id,
            inspector: before.inspector.clone(),
            zone_id: Some(before.zone_id),
            result: Some(result),
            findings: findings.clone(),
            recorded_by: None,
            fines: Some(Vec::new()),
        };
        let proposals = confirmed_fines(ctx, &input, before.kind, result, before.zone_id)?;
        let recorder = match a.recorded_by {
            Some(r) => Some(r),
            None => before_recorder(ctx.conn, &before)?,
        };
        record_fines(
            ctx,
            before.id,
            before.date,
            &before.time,
            before.zone_id,
            &findings,
            recorder,
            &proposals,
        )?;
    }
    let after = load(ctx.conn, a.id)?;
    ctx.audit("inspections", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Who records the fines an inspection corrected to 不达标 leads to: whoever recorded its earlier
/// fines, else a staff inspector.
fn before_recorder(conn: &Connection, i: &Inspection) -> Result<Option<i64>, CoreError> {
    let earlier: Option<i64> = conn
        .query_row(
            "SELECT recorded_by FROM fines WHERE inspection_id = ?1 AND recorded_by IS NOT NULL ORDER BY id LIMIT 1",
            [i.id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(earlier.or(i.inspector_id))
}

/// Arguments of [`patrol_report`]: a month, or a range of days.
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct PatrolArgs {
    #[ts(optional = nullable)]
    pub month: Option<String>,
    #[ts(optional = nullable)]
    pub from: Option<NaiveDate>,
    #[ts(optional = nullable)]
    pub to: Option<NaiveDate>,
}

/// Days and supervisors with fewer patrols than required (P1 §5.1: at least twice a day), for
/// every supervisor responsible for an active zone, up to today.
pub fn patrol_report(ctx: &Ctx<'_>, a: PatrolArgs) -> Result<Vec<PatrolGap>, CoreError> {
    let today = ctx.clock.today();
    let (from, to) = match (
        a.month.as_deref().filter(|m| !m.trim().is_empty()),
        a.from,
        a.to,
    ) {
        (Some(m), _, _) => month_bounds("月份", m.trim())?,
        (None, Some(f), Some(t)) => (f, t),
        _ => month_bounds("月份", &cw_domain::assessment::month_of(today))?,
    };
    // A day counts once it has ended: today's patrols may still come (today is never a gap).
    let to = to.min(today - chrono::Duration::days(1));
    if (to - from).num_days() > 366 {
        return Err(DomainError::invalid("日期范围", "最多一年").into());
    }
    let required = settings::load(ctx.conn)?.min_patrols_per_day;
    let mut stmt = ctx.conn.prepare(
        "SELECT DISTINCT s.id, s.name, s.hire_date, s.leave_date FROM zones z JOIN staff s ON s.id = z.supervisor_id
         WHERE z.active = 1 ORDER BY s.name, s.id",
    )?;
    let sups: Vec<(i64, String, Option<NaiveDate>, Option<NaiveDate>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut count = ctx.conn.prepare(
        "SELECT date, count(*) FROM inspections WHERE kind = '巡查' AND inspector_id = ?1 AND date BETWEEN ?2 AND ?3 GROUP BY date",
    )?;
    let mut out = Vec::new();
    let mut day = from;
    let mut counts: Vec<std::collections::HashMap<NaiveDate, i64>> = Vec::new();
    for (id, _, _, _) in &sups {
        counts.push(
            count
                .query_map(params![id, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?,
        );
    }
    while day <= to {
        for ((id, name, hire, leave), c) in sups.iter().zip(&counts) {
            if hire.is_some_and(|h| day < h) || leave.is_some_and(|l| day > l) {
                continue;
            }
            let patrols = c.get(&day).copied().unwrap_or(0);
            if patrols < required {
                out.push(PatrolGap {
                    date: day,
                    supervisor_id: *id,
                    supervisor_name: name.clone(),
                    patrols,
                    required,
                });
            }
        }
        day += chrono::Duration::days(1);
    }
    Ok(out)
}
