//! Today's work on the home screen: what is open or overdue, each a count taken from the very
//! list it links to (the same use-case the list page calls), so the two never disagree.

use chrono::Datelike;
use cw_assessment::inspections::{self, PatrolArgs};
use cw_assessment::{fine_notices, months};
use cw_domain::assessment::month_of;
use cw_fees::batches::{self, BatchQuery};
use cw_kernel::{CoreError, Ctx};
use cw_pledges::records::{self, PledgeQuery};
use cw_pledges::rectify::{self, NoticeFilter, NoticeQuery, NoticeStatus};
use cw_pledges::PledgeStatus;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One item of today's work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TodayItem {
    /// `batches_open`, `cash_unremitted`, `patrols_missing`, `rectify_due`, `pledges_refused`,
    /// `months_to_close`, `fines_unpaid`, `complaints_open`, `selfcheck_weak`: the UI links each
    /// to its list.
    pub key: String,
    pub label: String,
    pub count: i64,
    /// 个, 户, 人·天 …
    pub unit: String,
    /// A short explanation, e.g. 涉及 3 名监管人员.
    pub note: String,
    /// The month the linked list should show (patrols, months to close).
    pub month: Option<String>,
}

/// Everything open or overdue today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TodayWork {
    pub today: chrono::NaiveDate,
    pub items: Vec<TodayItem>,
}

fn item(key: &str, label: &str, count: i64, unit: &str, note: String) -> TodayItem {
    TodayItem {
        key: key.into(),
        label: label.into(),
        count,
        unit: unit.into(),
        note,
        month: None,
    }
}

/// Today's work (command).
pub fn today(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<TodayWork, CoreError> {
    let today = ctx.clock.today();
    let this_month = month_of(today);
    let mut items = Vec::new();

    // The 收费批次 page's 只看未上解 list: not closed, or closed and not remitted.
    let open = batches::list(
        ctx,
        BatchQuery {
            group_no: None,
            open_only: true,
            // Unremitted batches are few (a day's or a week's); the most the list gives.
            limit: Some(2000),
        },
    )?;
    let not_closed = open.iter().filter(|b| b.closing.is_none()).count() as i64;
    let overdue = open.iter().filter(|b| b.overdue).count() as i64;
    items.push(item(
        "batches_open",
        "收费批次未结账",
        not_closed,
        "个",
        format!("未上解的批次共 {} 个", open.len()),
    ));
    items.push(item(
        "cash_unremitted",
        "现金逾期未上解",
        overdue,
        "个",
        "收费次日后仍未上解的批次".into(),
    ));

    let gaps = inspections::patrol_report(
        ctx,
        PatrolArgs {
            month: Some(this_month.clone()),
            ..Default::default()
        },
    )?;
    let mut who: Vec<i64> = gaps.iter().map(|g| g.supervisor_id).collect();
    who.sort_unstable();
    who.dedup();
    items.push(TodayItem {
        month: Some(this_month.clone()),
        ..item(
            "patrols_missing",
            "本月巡查不足",
            gaps.len() as i64,
            "人·天",
            format!(
                "涉及 {} 名监管人员（每天至少巡查 {} 次；只计已结束的日子，今天不计）",
                who.len(),
                cw_assessment::settings::load(ctx.conn)?.min_patrols_per_day
            ),
        )
    });

    let overdue_notices = rectify::notices(
        ctx,
        NoticeQuery {
            filter: NoticeFilter::OverdueOrFailed,
            party_id: None,
        },
    )?;
    let due_today = rectify::notices(
        ctx,
        NoticeQuery {
            filter: NoticeFilter::Open,
            party_id: None,
        },
    )?
    .into_iter()
    .filter(|n| n.status == NoticeStatus::Open && n.deadline == today)
    .count();
    items.push(item(
        "rectify_due",
        "整改逾期或复查不合格",
        overdue_notices.len() as i64,
        "份",
        format!("另有 {due_today} 份今天到期"),
    ));

    let refused = records::list(
        ctx,
        PledgeQuery {
            status: Some(PledgeStatus::Refused),
            page_size: Some(1),
            ..Default::default()
        },
    )?;
    items.push(item(
        "pledges_refused",
        "责任书拒签",
        refused.total,
        "户",
        "需再次上门做工作".into(),
    ));

    let waiting = months::waiting_to_close(ctx.conn, today)?;
    items.push(TodayItem {
        month: waiting.last().cloned(),
        ..item(
            "months_to_close",
            "月份待结账",
            waiting.len() as i64,
            "个",
            if waiting.is_empty() {
                "已结束的月份都已结账".into()
            } else {
                waiting.iter().rev().cloned().collect::<Vec<_>>().join("、")
            },
        )
    });
    // Notices to pay of months that have ended, as 月度结算's 罚款缴纳 tab lists them.
    let last_month = month_of(today - chrono::Duration::days(i64::from(today.day())));
    let balances = fine_notices::balances(ctx.conn, None, &last_month)?;
    let owing: Vec<_> = balances
        .iter()
        .filter(|b| b.payable_fen > b.paid_fen)
        .collect();
    let refunds = balances
        .iter()
        .filter(|b| b.payable_fen < b.paid_fen)
        .count();
    items.push(TodayItem {
        month: owing.last().map(|b| b.month.clone()),
        ..item(
            "fines_unpaid",
            "罚款待缴纳",
            owing.len() as i64,
            "人·月",
            format!(
                "不领工资人员尚欠 {}{}",
                cw_kernel::money::yuan(owing.iter().map(|b| b.payable_fen - b.paid_fen).sum()),
                if refunds > 0 {
                    format!("；另有 {refunds} 笔多缴待退还")
                } else {
                    String::new()
                }
            ),
        )
    });
    // The complaint register's 只看未办结 list.
    let open = cw_review::complaints::of(
        ctx.conn,
        &cw_domain::review::ComplaintQuery {
            open_only: true,
            ..Default::default()
        },
        today,
    )?;
    items.push(item(
        "complaints_open",
        "投诉举报未办结",
        open.len() as i64,
        "件",
        format!(
            "其中超过 {} 天的 {} 件",
            cw_domain::review::COMPLAINT_DUE_DAYS,
            open.iter().filter(|c| c.overdue).count()
        ),
    ));
    // The latest self-check's items short of full marks, the weakest named.
    let weak = cw_review::self_checks::weakest(ctx.conn, usize::MAX)?;
    items.push(item(
        "selfcheck_weak",
        "自查失分项",
        weak.len() as i64,
        "项",
        if weak.is_empty() {
            "最近一次自查没有失分".into()
        } else {
            let worst: Vec<String> = weak
                .iter()
                .take(3)
                .map(|i| format!("{} {}/{}", i.code, i.score, i.points))
                .collect();
            format!("最弱：{}", worst.join("、"))
        },
    ));
    Ok(TodayWork { today, items })
}
