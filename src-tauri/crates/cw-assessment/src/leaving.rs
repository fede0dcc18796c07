//! A worker leaving: the last day, how they left, when notice was given, and the A4 (a week's
//! wage withheld) that short notice of a resignation charges, once, in the same step.

use crate::pay_rules::rule_for;
use crate::{fines, yuan};
use chrono::NaiveDate;
use cw_domain::assessment::{month_of, Fine, FineInput, RESIGN_NO_NOTICE};
use cw_domain::enums::LeaveKind;
use cw_domain::ids::StaffId;
use cw_domain::registry::Staff;
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use cw_registry::staff::{self, DeactivateArgs};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Arguments of [`leave`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct LeaveArgs {
    pub id: StaffId,
    /// The last day worked; today if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub leave_date: Option<NaiveDate>,
    /// 辞工 (resigned) or 辞退 (let go).
    pub kind: LeaveKind,
    /// The day a resigning worker gave notice; none for no notice at all.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub notice_date: Option<NaiveDate>,
    /// Who records the A4 if short notice charges one (a cadre or supervisor).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub recorded_by: Option<StaffId>,
}

/// What leaving did: the staff member as left, the notice given against the rule, and the A4
/// withheld (or why none was).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Leaving {
    pub staff: Staff,
    /// Days between notice and the last day; none when no notice was given.
    pub notice_days: Option<i64>,
    /// Days of notice the pay rule asks for.
    pub required_days: i64,
    /// The A4 charged by this departure.
    pub withheld: Option<Fine>,
    /// The outcome in words, for the clerk.
    pub note: String,
}

/// Records the departure and, for a resignation with less notice than the pay rule asks, charges
/// A4 on the last day (or today, if that is still to come), unless this term already has one.
/// A dismissal, or a worker with no wage, is charged nothing. Nothing is saved if any part fails.
pub fn leave(ctx: &Ctx<'_>, a: LeaveArgs) -> Result<Leaving, CoreError> {
    let before = staff::load(ctx.conn, a.id.get())?;
    let last = a.leave_date.unwrap_or_else(|| ctx.clock.today());
    let rule = rule_for(ctx.conn, &month_of(last))?;
    let notice_days = a.notice_date.map(|n| (last - n).num_days());
    let left = staff::deactivate(
        ctx,
        DeactivateArgs {
            id: a.id.get(),
            leave_date: Some(last),
            kind: a.kind,
            notice_date: a.notice_date,
        },
    )?;
    let short = notice_days.is_none_or(|d| d < rule.notice_days);
    let given = match notice_days {
        Some(d) => format!("提前 {d} 天提出辞工"),
        None => "未提前提出辞工".to_string(),
    };
    let (withheld, note) = match a.kind {
        LeaveKind::Dismissed => (None, "辞退，不扣发工资".to_string()),
        LeaveKind::Resigned if !short => (
            None,
            format!("{given}（规定 {} 天），不扣发", rule.notice_days),
        ),
        LeaveKind::Resigned if before.base_wage.is_none() => (
            None,
            format!("{given}，不足 {} 天；不领工资，无可扣发", rule.notice_days),
        ),
        LeaveKind::Resigned => {
            if let Some((id, _)) = fines::withheld_this_term(ctx.conn, a.id, before.hire_date)? {
                (
                    None,
                    format!(
                        "{given}，不足 {} 天；本次已扣发过（第 {id} 号）",
                        rule.notice_days
                    ),
                )
            } else {
                let fine = charge(ctx, &a, last.min(ctx.clock.today()), &given)?;
                let fen: i64 = ctx.conn.query_row(
                    "SELECT amount_fen FROM fines WHERE id = ?1",
                    [fine.id],
                    |r| r.get(0),
                )?;
                let note = format!(
                    "{given}，不足 {} 天：按 {RESIGN_NO_NOTICE} 扣发一周工资 {}（第 {} 号）",
                    rule.notice_days,
                    yuan(fen),
                    fine.id
                );
                (Some(fine), note)
            }
        }
    };
    let held = crate::tools::held(ctx.conn, a.id.get())?;
    let note = if held > 0 {
        format!("{note}。尚有 {held} 件保洁工具未归还，请在「保洁工具」登记归还或遗失")
    } else {
        note
    };
    Ok(Leaving {
        staff: left,
        notice_days,
        required_days: rule.notice_days,
        withheld,
        note,
    })
}

/// The A4 withholding of a resignation on short notice.
fn charge(ctx: &Ctx<'_>, a: &LeaveArgs, date: NaiveDate, given: &str) -> Result<Fine, CoreError> {
    if a.recorded_by.is_none() {
        return Err(DomainError::invalid(
            "记录人",
            "辞工通知不足规定天数，要扣发一周工资（A4），请选择记录人",
        )
        .into());
    }
    fines::create(
        ctx,
        FineInput {
            staff_id: Some(a.id),
            item_code: RESIGN_NO_NOTICE.into(),
            date: Some(date),
            observed: format!("{given}，办理离职时自动扣发"),
            recorded_by: a.recorded_by,
            ..Default::default()
        },
    )
}
