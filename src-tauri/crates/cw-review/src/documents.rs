//! The 投诉举报处理台账 as inspectors read it: each complaint with its handling and the days it
//! took. It leaves the office, so the reporter's name and phone are never on it.

use crate::complaints;
use cw_domain::review::{Complaint, ComplaintQuery, ComplaintStepKind};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column, TableDoc};
use cw_registry::settings;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`register_doc`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ComplaintRegisterArgs {
    /// This year if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// The year's register as a landscape PDF.
pub fn register_doc(ctx: &Ctx<'_>, a: ComplaintRegisterArgs) -> Result<FileOut, CoreError> {
    let today = ctx.clock.today();
    let year = a.year.unwrap_or_else(|| chrono::Datelike::year(&today));
    let mut list = complaints::of(
        ctx.conn,
        &ComplaintQuery {
            year: Some(year),
            ..Default::default()
        },
        today,
    )?;
    list.reverse();
    let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
    let title = format!("{year}年投诉举报处理台账");
    let doc = register_table(community, title.clone(), &list, ctx.clock.now());
    Ok(FileOut::pdf(
        format!("投诉举报处理台账-{year}.pdf"),
        &title,
        cw_pdf::render_table_lenient(&doc)?,
    ))
}

/// The register of `list` (oldest first) as a table, printed `now`; no reporter.
pub fn register_table(
    community: String,
    title: String,
    list: &[Complaint],
    now: chrono::NaiveDateTime,
) -> TableDoc {
    let closed = list.iter().filter(|c| c.closed_on.is_some()).count();
    TableDoc {
        title,
        community,
        subtitle: Some(format!(
            "共受理 {} 件，已办结 {closed} 件，重大投诉 {} 件",
            list.len(),
            list.iter().filter(|c| c.major).count()
        )),
        columns: vec![
            Column::new("序号", 5.5, Align::Center),
            Column::new("收到日期", 15.5, Align::Center),
            Column::new("来源", 9.5, Align::Center),
            Column::new("投诉内容", 23.0, Align::Left),
            Column::new("地点/责任区", 13.0, Align::Left),
            Column::new("核实", 7.0, Align::Center),
            Column::new("处理情况", 22.0, Align::Left),
            Column::new("答复", 16.0, Align::Left),
            Column::new("办结日期", 15.5, Align::Center),
            Column::new("用时（天）", 7.0, Align::Center),
        ],
        rows: list.iter().enumerate().map(|(i, c)| row(i, c)).collect(),
        landscape: true,
        printed_at: now,
        footer_note: Some("登记人：____________　　审核人：____________".into()),
    }
}

/// One complaint as the register prints it; no reporter.
fn row(i: usize, c: &Complaint) -> Vec<String> {
    let texts = |k: ComplaintStepKind| -> String {
        c.steps
            .iter()
            .filter(|s| s.kind == k)
            .map(|s| {
                let what = match (s.action, s.fine_id, s.notice_id) {
                    (Some(a), Some(f), _) => format!("{}（第 {f} 号）", a.label()),
                    (Some(a), _, Some(n)) => format!("{}（第 {n} 号）", a.label()),
                    (Some(a), _, _) => a.label().to_string(),
                    _ => String::new(),
                };
                [what, s.text.clone()]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("：")
            })
            .collect::<Vec<_>>()
            .join("；")
    };
    let place = [c.place.clone(), c.zone_name.clone().unwrap_or_default()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    vec![
        (i + 1).to_string(),
        cw_pdf::format_date_cn(c.received_on),
        c.channel.label().to_string(),
        if c.major {
            format!("【重大】{}", c.content)
        } else {
            c.content.clone()
        },
        place,
        match c.verified {
            Some(true) => "属实".into(),
            Some(false) => "不属实".into(),
            None => "待核实".into(),
        },
        texts(ComplaintStepKind::Act),
        texts(ComplaintStepKind::Reply),
        c.closed_on.map(cw_pdf::format_date_cn).unwrap_or_default(),
        if c.closed_on.is_some() {
            c.days.to_string()
        } else {
            format!("未结（{}）", c.days)
        },
    ]
}
