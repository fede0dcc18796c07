//! Recording an inspection: the fines its rule proposes, the ones the clerk confirms (a
//! substandard 上级督查's S1/S2 always), and the inspection with its fines in one act.

use super::load;
use crate::fines::{self, Links};
use crate::schedule::item_in_force;
use crate::{check_time, not_future, staff_name_with_role, wire};
use chrono::NaiveDate;
use cw_domain::assessment::{
    fine_amount, inspection_fan_out, FineInput, Inspection, InspectionInput, InspectionKind,
    InspectionResult, ProposedFine, INSPECTION_CLEANER, INSPECTION_SUPERVISOR,
};
use cw_domain::enums::Role;
use cw_domain::ids::{StaffId, ZoneId};
use cw_domain::{text, DomainError};
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;

/// The fines the schedule's rules propose for an inspection (a substandard 督查 fans out to the
/// zone's supervisor and every cleaner of the zone); the clerk confirms or drops them.
pub fn propose(ctx: &Ctx<'_>, i: InspectionInput) -> Result<Vec<ProposedFine>, CoreError> {
    let kind = i.kind.ok_or(DomainError::Required {
        field: "检查类型"
    })?;
    let result = i.result.ok_or(DomainError::Required {
        field: "检查结果"
    })?;
    let zone_id = i
        .zone_id
        .ok_or(DomainError::Required { field: "责任区" })?
        .get();
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
        let (name, _) = staff_name_with_role(ctx.conn, StaffId(staff_id), &[])?;
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
    let zone_id = i
        .zone_id
        .ok_or(DomainError::Required { field: "责任区" })?
        .get();
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
pub(super) fn confirmed_fines(
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
        let (name, _) = staff_name_with_role(ctx.conn, StaffId(p.staff_id), &[])?;
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
pub(super) fn record_fines(
    ctx: &Ctx<'_>,
    id: i64,
    date: NaiveDate,
    time: &str,
    zone_id: i64,
    findings: &str,
    recorder: Option<StaffId>,
    proposals: &[ProposedFine],
) -> Result<(), CoreError> {
    for (n, p) in proposals.iter().enumerate() {
        let input = FineInput {
            staff_id: Some(StaffId(p.staff_id)),
            item_code: p.item_code.clone(),
            date: Some(date),
            time: time.to_string(),
            zone_id: Some(ZoneId(zone_id)),
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
                ..Links::default()
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
