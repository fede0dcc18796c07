//! 迎检资料汇编: the binder the inspectors read first, as one PDF for a date range — a cover, a
//! table of contents with page numbers, then the plan and phases, the organisation, the meeting
//! records, the 8 standard areas with the latest self-check and its photos, pledge signing and
//! fee collection with the outstanding lists, fines and inspections per month, rectification
//! notices, complaints, surveys, publicity and the checklist, each section a PDF bookmark.
//!
//! Every section is a document the app already prints, or built from the same reads as its
//! page: the binder adds no figure of its own.

mod cover;
mod evidence;
mod sections;

use crate::figures;
use chrono::{Datelike, NaiveDate};
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Bookmark, DocInfo, Page};
use cw_registry::settings;
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`binder`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct BinderArgs {
    /// The first day covered; 1 January of the last day's year when absent.
    #[ts(optional = nullable)]
    pub from: Option<NaiveDate>,
    /// The last day covered; today when absent.
    #[ts(optional = nullable)]
    pub to: Option<NaiveDate>,
}

/// One section: its title (in the contents and the bookmarks) and its pages.
pub(crate) struct Section {
    pub(crate) title: String,
    pub(crate) pages: Vec<Page>,
}

/// The numbers of the sections, in order.
const ORDINALS: [&str; 12] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

/// The period the binder covers, refused when it runs backwards or past today.
fn period(ctx: &Ctx<'_>, a: &BinderArgs) -> Result<(NaiveDate, NaiveDate), CoreError> {
    let today = ctx.clock.today();
    let to = a.to.unwrap_or(today);
    if to > today {
        return Err(DomainError::invalid("截止日期", "不能晚于今天").into());
    }
    let from = match a.from {
        Some(d) => d,
        None => NaiveDate::from_ymd_opt(to.year(), 1, 1)
            .ok_or_else(|| CoreError::Internal("日期超出范围".into()))?,
    };
    if from > to {
        return Err(DomainError::invalid("起始日期", "不能晚于截止日期").into());
    }
    Ok((from, to))
}

/// The binder as one PDF.
pub fn binder(ctx: &Ctx<'_>, a: BinderArgs) -> Result<FileOut, CoreError> {
    let (from, to) = period(ctx, &a)?;
    let community = settings::get(ctx, serde_json::Value::Null)?.community_name;
    let progress = figures::compute(ctx, to.year())?;
    let parts = crate::documents::progress_report::parts(&progress, &community, ctx.clock.now())?;
    let built = sections::all(ctx, &community, from, to, parts)?;
    let mut sections: Vec<Section> = Vec::with_capacity(built.len());
    for (i, s) in built.into_iter().enumerate() {
        let title = format!("{}、{}", ORDINALS.get(i).copied().unwrap_or("续"), s.title);
        sections.push(Section {
            title,
            pages: s.pages,
        });
    }
    let (pages, outline) = cover::assemble(&community, from, to, ctx.clock.now(), sections)?;
    let title = format!("{community}迎检资料汇编");
    let rendered = cw_pdf::render_book(
        &DocInfo {
            title: title.clone(),
            created: ctx.clock.now(),
        },
        pages,
        &outline,
    )?;
    Ok(FileOut::pdf(
        format!(
            "迎检资料汇编-{}-{}.pdf",
            from.format("%Y%m%d"),
            to.format("%Y%m%d")
        ),
        &title,
        rendered,
    ))
}

/// The bookmarks of `sections` when the first starts at page `first` (from 0).
pub(crate) fn outline_of(sections: &[Section], first: usize) -> Vec<Bookmark> {
    let mut at = first;
    sections
        .iter()
        .map(|s| {
            let b = Bookmark {
                title: s.title.clone(),
                page: at,
            };
            at += s.pages.len();
            b
        })
        .collect()
}
