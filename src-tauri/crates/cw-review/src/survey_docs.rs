//! A survey on paper: the sheet the collectors carry door to door — each drawn household on a
//! line, a box per question to tick — and, once keyed, the result against the target.

use crate::surveys;
use cw_kernel::{CoreError, Ctx, FileOut, IdArgs};
use cw_pdf::{Align, Column, TableDoc};
use cw_registry::settings;

/// The door-to-door sheet: the questions spelled out above, a column per question to tick.
pub fn sheets_doc(ctx: &Ctx<'_>, a: IdArgs) -> Result<FileOut, CoreError> {
    let s = surveys::load(ctx.conn, a.id)?;
    let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
    let mut columns = vec![
        Column::new("序号", 5.0, Align::Center),
        Column::new("户主", 10.0, Align::Left),
        Column::new("地址", 22.0, Align::Left),
    ];
    for k in 0..s.questions.len() {
        columns.push(Column::new(format!("问{}", k + 1), 6.0, Align::Center));
    }
    columns.push(Column::new("签名", 12.0, Align::Center));
    let rows = s
        .households
        .iter()
        .map(|h| {
            let mut r = vec![h.seq.to_string(), h.name.clone(), h.address.clone()];
            r.extend(s.questions.iter().map(|_| "是□ 否□".to_string()));
            r.push(String::new());
            r
        })
        .collect();
    // The sheets name the sampled households and their addresses (no phones).
    ctx.record_export("入户调查表", s.households.len(), true);
    let asked: Vec<String> = s
        .questions
        .iter()
        .enumerate()
        .map(|(k, q)| format!("问{}：{q}", k + 1))
        .collect();
    let doc = TableDoc {
        title: format!("{}入户调查表", s.title),
        community,
        subtitle: Some(format!(
            "{}（{}）\n{}",
            s.sample_rule,
            s.kind.label(),
            asked.join("　")
        )),
        columns,
        rows,
        landscape: true,
        printed_at: ctx.clock.now(),
        footer_note: Some("调查人：____________　　调查日期：____________".into()),
    };
    Ok(FileOut::pdf(
        format!("入户调查表-{}.pdf", s.id),
        &doc.title,
        cw_pdf::render_table_lenient(&doc)?,
    ))
}

/// The result: the rate against the target, in all and by group, zone and question.
pub fn result_doc(ctx: &Ctx<'_>, a: IdArgs) -> Result<FileOut, CoreError> {
    let doc = result_table(ctx, a.id)?;
    Ok(FileOut::pdf(
        format!("调查结果-{}.pdf", a.id),
        &doc.title,
        cw_pdf::render_table_lenient(&doc)?,
    ))
}

/// The table [`result_doc`] prints for survey `id`.
pub fn result_table(ctx: &Ctx<'_>, id: i64) -> Result<TableDoc, CoreError> {
    let s = surveys::load(ctx.conn, id)?;
    let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
    let mut rows = Vec::new();
    for (part, list) in [
        ("总体", std::slice::from_ref(&s.overall)),
        ("按小组", s.by_group.as_slice()),
        ("按责任区", s.by_zone.as_slice()),
        ("按问题", s.by_question.as_slice()),
    ] {
        for r in list {
            rows.push(vec![
                part.to_string(),
                r.label.clone(),
                r.yes.to_string(),
                r.answered.to_string(),
                r.rate.clone(),
                if r.answered == 0 {
                    "—".into()
                } else if r.met {
                    "达标".into()
                } else {
                    "未达标".into()
                },
            ]);
        }
    }
    let doc = TableDoc {
        title: format!("{}结果", s.title),
        community,
        subtitle: Some(format!(
            "{}；收回 {} 户 / 抽样 {} 户；目标 {}",
            s.sample_rule,
            s.respondents,
            s.households.len(),
            s.target
        )),
        columns: vec![
            Column::new("统计", 8.0, Align::Center),
            Column::new("项目", 30.0, Align::Left),
            Column::new("肯定", 7.0, Align::Center),
            Column::new("回答", 7.0, Align::Center),
            Column::new("比例", 9.0, Align::Center),
            Column::new("对照目标", 9.0, Align::Center),
        ],
        rows,
        landscape: false,
        printed_at: ctx.clock.now(),
        footer_note: Some("统计人：____________　　审核人：____________".into()),
    };
    Ok(doc)
}
