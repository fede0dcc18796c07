//! Printing a 限期整改通知书: gathers the notice, the community's name and the pledge it
//! enforces; the layout is [`documents::rectify_notice`](crate::documents::rectify_notice).

use super::documents::rectify_notice;
use super::rectify::load_notice;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::DocInfo;
use cw_registry::settings;
use rusqlite::OptionalExtension;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments naming a notice.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct NoticeArgs {
    pub notice_id: i64,
}

/// The notice as a two-page PDF.
pub fn notice_pdf(ctx: &Ctx<'_>, a: NoticeArgs) -> Result<FileOut, CoreError> {
    let n = load_notice(ctx, a.notice_id)?;
    let s = settings::get(ctx, serde_json::Value::Null)?;
    // No pledge behind the inspection prints the notice without a number; a failing read is an
    // error, not a notice quietly missing its pledge.
    let pledge: Option<String> = ctx
        .conn
        .query_row(
            "SELECT g.number FROM shop_inspections i JOIN pledges g ON g.id = i.pledge_id WHERE i.id = ?1",
            [n.inspection_id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten();
    let pages = rectify_notice::pages(&n, pledge.as_deref(), &s.community_name)?;
    let bytes = cw_pdf::render_pages(
        &DocInfo {
            title: format!("限期整改通知书 {}", n.number),
            created: ctx.clock.now(),
        },
        pages,
    )?;
    Ok(FileOut {
        file_name: format!("限期整改通知书-{}-{}.pdf", n.number, n.party_name),
        mime: "application/pdf".into(),
        bytes,
        warnings: Vec::new(),
    })
}
