//! The binder's cover and table of contents, the running head on every page of a section, and
//! the assembly of it all into pages and bookmarks.

use super::{outline_of, Section};
use chrono::{NaiveDate, NaiveDateTime};
use cw_kernel::CoreError;
use cw_pdf::{format_date_cn, Align, Bookmark, Page, PageSize};

/// The cover and contents come first: one page each (twelve sections fit on one page).
const FRONT_PAGES: usize = 2;

fn cover(
    community: &str,
    from: NaiveDate,
    to: NaiveDate,
    now: NaiveDateTime,
) -> Result<Page, CoreError> {
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    p.text(105.0, 70.0, 16.0, Align::Center, community)?;
    p.text(105.0, 105.0, 32.0, Align::Center, "迎检资料汇编")?;
    p.line(45.0, 118.0, 165.0, 118.0, 1.2);
    p.text(
        105.0,
        135.0,
        13.0,
        Align::Center,
        "创建国家卫生城市　五星级卫生社区",
    )?;
    p.text(
        105.0,
        200.0,
        12.0,
        Align::Center,
        &format!("资料期间：{}至{}", format_date_cn(from), format_date_cn(to)),
    )?;
    p.text(
        105.0,
        212.0,
        12.0,
        Align::Center,
        "编制：社区创卫工作领导小组办公室",
    )?;
    p.text(
        105.0,
        224.0,
        12.0,
        Align::Center,
        &format!("编印日期：{}", format_date_cn(now.date())),
    )?;
    Ok(p)
}

/// The contents: each section with the page (counted from the cover, as the footers print)
/// it starts on.
fn contents(marks: &[Bookmark]) -> Result<Page, CoreError> {
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    p.text(105.0, 32.0, 20.0, Align::Center, "目　　录")?;
    let mut y = 52.0;
    for m in marks {
        p.text(25.0, y, 12.0, Align::Left, &m.title)?;
        p.text(185.0, y, 12.0, Align::Right, &(m.page + 1).to_string())?;
        p.line(25.0, y + 2.0, 185.0, y + 2.0, 0.3);
        y += 12.0;
    }
    p.number_in_document(105.0, 287.0, 9.0);
    Ok(p)
}

/// The line above every page of a section, so a loose sheet says where it belongs.
fn running_head(p: &mut Page, title: &str) -> Result<(), CoreError> {
    p.text(
        15.0,
        9.0,
        8.0,
        Align::Left,
        &format!("迎检资料汇编　{title}"),
    )?;
    Ok(())
}

/// The whole binder as pages (cover, contents, sections) and its bookmarks.
pub(crate) fn assemble(
    community: &str,
    from: NaiveDate,
    to: NaiveDate,
    now: NaiveDateTime,
    sections: Vec<Section>,
) -> Result<(Vec<Page>, Vec<Bookmark>), CoreError> {
    let marks = outline_of(&sections, FRONT_PAGES);
    let mut pages = vec![cover(community, from, to, now)?, contents(&marks)?];
    for mut s in sections {
        for p in &mut s.pages {
            running_head(p, &s.title)?;
        }
        pages.extend(s.pages);
    }
    let mut outline = vec![
        Bookmark {
            title: "封面".into(),
            page: 0,
        },
        Bookmark {
            title: "目录".into(),
            page: 1,
        },
    ];
    outline.extend(marks);
    Ok((pages, outline))
}
