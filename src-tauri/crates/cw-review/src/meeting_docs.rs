//! A meeting on paper: the 签到表 to sign at the door (the expected attendees and blank lines),
//! and the 会议记录 as recorded, for the 台账.

use crate::meetings;
use cw_domain::review::Meeting;
use cw_kernel::{CoreError, Ctx, FileOut, IdArgs};
use cw_pdf::{Align, Column, TableDoc};
use cw_registry::settings;

/// Blank lines under the expected attendees, for those who come unannounced.
const SPARE_LINES: usize = 6;

fn when(m: &Meeting) -> String {
    let day = cw_pdf::format_date_cn(m.held_on);
    if m.time.is_empty() {
        day
    } else {
        format!("{day} {}", m.time)
    }
}

/// The 签到表 of a meeting: each expected attendee on a line to sign, then blank lines.
pub fn signin_doc(ctx: &Ctx<'_>, a: IdArgs) -> Result<FileOut, CoreError> {
    let m = meetings::load(ctx.conn, a.id)?;
    let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
    let mut rows: Vec<Vec<String>> = m
        .attendees
        .iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                (i + 1).to_string(),
                p.name.clone(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    for i in 0..SPARE_LINES {
        rows.push(vec![
            (m.attendees.len() + i + 1).to_string(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    let doc = TableDoc {
        title: format!("{}签到表", m.kind.label()),
        community,
        subtitle: Some(format!(
            "议题：{}\n时间：{}　地点：{}　主持人：{}",
            m.topic,
            when(&m),
            if m.place.is_empty() {
                "____________"
            } else {
                &m.place
            },
            if m.chair.is_empty() {
                "________"
            } else {
                &m.chair
            },
        )),
        columns: vec![
            Column::new("序号", 6.0, Align::Center),
            Column::new("姓名", 20.0, Align::Left),
            Column::new("本人签到", 28.0, Align::Center),
            Column::new("备注", 20.0, Align::Left),
        ],
        rows,
        landscape: false,
        printed_at: ctx.clock.now(),
        footer_note: Some(format!(
            "应到 {} 人　实到 ____ 人　记录人：____________",
            m.attendees.len()
        )),
    };
    Ok(FileOut::pdf(
        format!("会议签到表-{}.pdf", m.held_on),
        &doc.title,
        cw_pdf::render_table_lenient(&doc)?,
    ))
}

/// The 会议记录 as recorded: the meeting's facts, who attended, and the proceedings.
pub fn record_doc(ctx: &Ctx<'_>, a: IdArgs) -> Result<FileOut, CoreError> {
    let m = meetings::load(ctx.conn, a.id)?;
    let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
    let names: Vec<&str> = m.attendees.iter().map(|p| p.name.as_str()).collect();
    let rows = vec![
        vec!["会议类型".to_string(), m.kind.label().to_string()],
        vec!["时间".to_string(), when(&m)],
        vec!["地点".to_string(), m.place.clone()],
        vec!["主持人".to_string(), m.chair.clone()],
        vec![format!("参会人员（{} 人）", names.len()), names.join("、")],
        vec!["议题".to_string(), m.topic.clone()],
        vec!["会议记录".to_string(), m.proceedings.clone()],
    ];
    let doc = TableDoc {
        title: "会议记录".into(),
        community,
        subtitle: None,
        columns: vec![
            Column::new("项目", 12.0, Align::Center),
            Column::new("内容", 60.0, Align::Left),
        ],
        rows,
        landscape: false,
        printed_at: ctx.clock.now(),
        footer_note: Some("记录人：____________　　审阅：____________".into()),
    };
    Ok(FileOut::pdf(
        format!("会议记录-{}.pdf", m.held_on),
        &doc.title,
        cw_pdf::render_table_lenient(&doc)?,
    ))
}
