//! The 保洁工具领用登记表: each cleaner's tools on their own pages (what was issued, at what
//! price, returned or lost), with the cleaner's signature line beneath.

use crate::tools;
use crate::tools::Registered;
use crate::yuan;
use cw_domain::assessment::ToolStatus;
use cw_domain::ids::StaffId;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column, DocInfo, TableDoc};
use cw_registry::settings;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`tools_doc`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ToolsDocArgs {
    /// One cleaner; everyone with a tool if absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub staff_id: Option<StaffId>,
}

/// The register as a PDF, one cleaner after another.
pub fn tools_doc(ctx: &Ctx<'_>, a: ToolsDocArgs) -> Result<FileOut, CoreError> {
    let list = tools::of(ctx.conn, a.staff_id.map(|s| s.get()), false)?;
    if list.is_empty() {
        return Err(CoreError::Conflict("还没有领用保洁工具的记录".into()));
    }
    let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
    let mut pages = Vec::new();
    let mut start = 0;
    while start < list.len() {
        let staff = list[start].tool.staff_id;
        let end = start
            + list[start..]
                .iter()
                .take_while(|t| t.tool.staff_id == staff)
                .count();
        pages.extend(cw_pdf::section_pages(&table(
            ctx,
            &list[start..end],
            &community,
        ))?);
        start = end;
    }
    let title = "保洁工具领用登记表";
    let name = match (a.staff_id, list.first()) {
        (Some(_), Some(t)) => format!("保洁工具领用登记-{}.pdf", t.tool.staff_name),
        _ => "保洁工具领用登记.pdf".to_string(),
    };
    let info = DocInfo {
        title: title.into(),
        created: ctx.clock.now(),
    };
    Ok(FileOut::pdf(
        name,
        title,
        cw_pdf::render_pages_lenient(&info, pages)?,
    ))
}

/// One cleaner's tools.
fn table(ctx: &Ctx<'_>, mine: &[Registered], community: &str) -> TableDoc {
    let name = mine
        .first()
        .map(|t| t.tool.staff_name.clone())
        .unwrap_or_default();
    let held = mine
        .iter()
        .filter(|t| t.tool.status == ToolStatus::InUse)
        .count();
    let rows = mine
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let t = &r.tool;
            vec![
                (i + 1).to_string(),
                t.kind.clone(),
                cw_pdf::format_date_cn(t.issued_on),
                yuan(r.price_fen),
                match (t.status, t.charged) {
                    (ToolStatus::Lost, true) => "遗失（已照价赔偿）".to_string(),
                    (ToolStatus::Lost, false) => "遗失（赔偿已撤销）".to_string(),
                    (s, _) => s.label().to_string(),
                },
                t.ended_on.map(cw_pdf::format_date_cn).unwrap_or_default(),
                t.reason.clone(),
            ]
        })
        .collect();
    TableDoc {
        title: "保洁工具领用登记表".into(),
        community: community.to_string(),
        subtitle: Some(format!(
            "领用人：{name}　共 {} 件，在用 {} 件（遗失照价赔偿，离职时交回）",
            mine.len(),
            held
        )),
        columns: vec![
            Column::new("序号", 5.0, Align::Center),
            Column::new("工具", 10.0, Align::Left),
            Column::new("领用日期", 12.0, Align::Center),
            Column::new("价格", 8.0, Align::Right),
            Column::new("状态", 12.0, Align::Center),
            Column::new("归还/遗失日期", 12.0, Align::Center),
            Column::new("说明", 14.0, Align::Left),
        ],
        rows,
        landscape: false,
        printed_at: ctx.clock.now(),
        footer_note: Some(
            "以上工具已领到，遗失照价赔偿。\n\n领用人签字：______________　　发放人：______________　　日期：______________"
                .into(),
        ),
    }
}
