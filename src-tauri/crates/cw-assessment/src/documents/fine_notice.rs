//! The 罚款缴纳通知单: for each supervisor or cadre not on the committee's payroll, the month's
//! fines and the amount to pay, what was paid already, and a line to sign for the notice.

use super::{line_rows, month_cn};
use crate::fine_notices;
use crate::yuan;
use cw_domain::ids::StaffId;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column, DocInfo, TableDoc};
use cw_registry::settings;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`fine_notices_doc`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct NoticeDocArgs {
    /// `YYYY-MM`.
    pub month: String,
    /// One person; everyone with a notice that month if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub staff_id: Option<StaffId>,
}

/// The month's notices to pay, each on its own page.
pub fn fine_notices_doc(ctx: &Ctx<'_>, a: NoticeDocArgs) -> Result<FileOut, CoreError> {
    let month = a.month.trim();
    let month_text = month_cn(month)?;
    let list: Vec<fine_notices::Notice> = fine_notices::of_month(ctx.conn, month)?
        .into_iter()
        .filter(|n| a.staff_id.is_none_or(|s| s.get() == n.notice.staff_id))
        .filter(|n| n.payable_fen > 0)
        .collect();
    if list.is_empty() {
        return Err(CoreError::Conflict(format!(
            "{month_text}没有需要缴纳罚款的人员"
        )));
    }
    let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
    let mut pages = Vec::new();
    for n in &list {
        pages.extend(cw_pdf::table_pages(&table(
            ctx,
            n,
            &month_text,
            &community,
        ))?);
    }
    let title = format!("{month_text}罚款缴纳通知单");
    let name = match (a.staff_id, list.first()) {
        (Some(_), Some(n)) => format!("罚款缴纳通知单-{month}-{}.pdf", n.notice.name),
        _ => format!("罚款缴纳通知单-{month}.pdf"),
    };
    let info = DocInfo {
        title: title.clone(),
        created: ctx.clock.now(),
    };
    Ok(FileOut::pdf(
        name,
        &title,
        cw_pdf::render_pages_lenient(&info, pages)?,
    ))
}

fn table(ctx: &Ctx<'_>, n: &fine_notices::Notice, month_text: &str, community: &str) -> TableDoc {
    let s = &n.month.statement;
    // A fine is what is owed: shown positive, as the notice's 应缴.
    let rows = line_rows(&n.month, -1);
    let mut who = format!("姓名：{}", s.name);
    if !s.roles.is_empty() {
        who.push_str(&format!("　岗位：{}", s.roles));
    }
    if !s.zones.is_empty() {
        who.push_str(&format!("　责任区：{}", s.zones));
    }
    TableDoc {
        title: "罚款缴纳通知单".into(),
        community: community.to_string(),
        subtitle: Some(format!(
            "{who}　月份：{month_text}\n按《保洁考核细则》，你本月以下考核记录应缴纳罚款（你不在社区领取工资，罚款不从工资中扣除）："
        )),
        columns: vec![
            Column::new("序号", 5.0, Align::Center),
            Column::new("日期", 12.0, Align::Center),
            Column::new("类型", 5.0, Align::Center),
            Column::new("编号", 5.0, Align::Center),
            Column::new("考核内容", 30.0, Align::Left),
            Column::new("数量", 4.5, Align::Center),
            Column::new("应缴", 10.0, Align::Right),
        ],
        rows,
        landscape: false,
        printed_at: ctx.clock.now(),
        footer_note: Some(format!(
            "应缴合计 {}　已缴 {}　尚欠 {}\n{}\n\n被通知人签收：______________　　经办人：______________　　日期：______________",
            yuan(n.payable_fen),
            yuan(n.paid_fen),
            yuan(n.outstanding_fen().max(0)),
            if n.outstanding_fen() > 0 {
                "请于收到本通知之日起 7 日内交至社区居委会，收款时开具收据。"
            } else {
                "本月罚款已缴清。"
            }
        )),
    }
}
