//! The outstanding-door list: every present party of a group (zone, street) whose pledge is not
//! signed yet (未签, and 拒签 to be visited again, each marked), in walking order, with a blank
//! column for the cadre's notes; PDF or .xlsx.

use super::rates::compute;
use super::records::{all_matching, PledgeQuery};
use super::{year_or_current, PledgeStatus, Scope};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column};
use cw_registry::list_document::{self, ListDocument};
use cw_registry::print::DocFormat;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`outstanding`].
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct OutstandingArgs {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    #[serde(flatten)]
    pub scope: Scope,
    /// `pdf` (default) or `xlsx`.
    #[ts(optional = nullable)]
    pub format: DocFormat,
    /// Print phones in full rather than masked (138****1234); recorded in the export log.
    #[ts(optional = nullable)]
    pub full_phones: bool,
}

/// The unsigned doors of a scope as a list to take round, recorded in the export log.
pub fn outstanding(ctx: &Ctx<'_>, a: OutstandingArgs) -> Result<FileOut, CoreError> {
    let format = a.format;
    let doc = outstanding_list(ctx, &a)?;
    ctx.record_export(&doc.title, doc.rows.len(), !a.full_phones);
    list_document::render(ctx, doc, format)
}

/// The list [`outstanding`] prints; its phones masked unless `a.full_phones` (the default
/// arguments give the masked list).
pub fn outstanding_list(ctx: &Ctx<'_>, a: &OutstandingArgs) -> Result<ListDocument, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let q = PledgeQuery {
        scope: a.scope.clone(),
        ..Default::default()
    };
    let rows: Vec<_> = all_matching(ctx.conn, year, &q)?
        .into_iter()
        .filter(|r| r.status != PledgeStatus::Signed)
        .collect();
    let rates = compute(ctx.conn, year, None, &a.scope)?.overall;
    let scope = a.scope.describe(ctx.conn)?;
    // The doors to visit are the unsigned and the refused; the subtitle counts them apart so
    // that 已签 + 拒签 + 未签 = 应签 on the paper too.
    let subtitle = format!(
        "{scope}　{year}年度　未签 {} 户，拒签 {} 户（应签 {} 户，已签 {} 户，签订率 {}）",
        rates.outstanding, rates.refused, rates.due, rates.signed, rates.rate_text
    );
    let headers = [
        "序号",
        "地址",
        "户主/店名",
        "电话",
        "责任书编号",
        "状态",
        "走访情况",
    ];
    let table: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let status = match r.status {
                PledgeStatus::Refused if !r.reason.is_empty() => format!("拒签（{}）", r.reason),
                s => s.label().to_string(),
            };
            vec![
                (i + 1).to_string(),
                r.address_text.clone(),
                r.name.clone(),
                list_document::phone_text(&r.phone, a.full_phones),
                r.number.clone().unwrap_or_default(),
                status,
                String::new(),
            ]
        })
        .collect();
    let col = |h: &str, w: f32, al: Align| Column::new(h, w, al);
    let doc = ListDocument {
        title: "门前三包责任书未签户清单".into(),
        subtitle,
        file_stem: format!("责任书未签户清单-{scope}"),
        columns: vec![
            col(headers[0], 5.0, Align::Center),
            col(headers[1], 13.0, Align::Left),
            col(headers[2], 10.0, Align::Left),
            col(headers[3], 12.5, Align::Center),
            col(headers[4], 14.5, Align::Center),
            col(headers[5], 14.0, Align::Center),
            col(headers[6], 13.0, Align::Left),
        ],
        rows: table,
        landscape: Some(false),
        footer_note: Some("走访人：____________　　社区干部：____________".into()),
    };
    Ok(doc)
}
