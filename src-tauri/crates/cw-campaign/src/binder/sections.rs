//! The binder's sections, in the order the inspectors read them; each is one of the app's own
//! documents (or built from the same reads as its page), limited to the binder's period.

use super::evidence::{self, photos_of, Group};
use super::Section;
use crate::documents::progress_report::Parts;
use chrono::Datelike;
use chrono::{NaiveDate, NaiveDateTime};
use cw_domain::review::{ComplaintQuery, MeetingQuery};
use cw_evidence::OwnerKind;
use cw_kernel::{CoreError, Ctx};
use cw_pdf::{format_date_cn, section_pages, Align, Column, TableDoc};
use cw_pledges::rectify::{notices, NoticeFilter, NoticeQuery};
use cw_registry::list_document::{table_doc, ListDocument};
use cw_review::publicity::PublicityQuery;

/// How a section's tables are printed.
struct Sheet<'a> {
    community: &'a str,
    now: NaiveDateTime,
    period: String,
}

impl Sheet<'_> {
    fn table(
        &self,
        title: &str,
        subtitle: String,
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    ) -> TableDoc {
        TableDoc {
            title: title.into(),
            community: self.community.into(),
            subtitle: Some(subtitle),
            landscape: false,
            columns,
            rows,
            printed_at: self.now,
            footer_note: None,
        }
    }
}

fn c(h: &str, w: f32, a: Align) -> Column {
    Column::new(h, w, a)
}

fn within(d: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    from <= d && d <= to
}

fn section(title: &str, pages: Vec<cw_pdf::Page>) -> Section {
    Section {
        title: title.into(),
        pages,
    }
}

/// A list that leaves the office with the binder prints no phone numbers.
fn without_phones(mut doc: ListDocument) -> ListDocument {
    if let Some(i) = doc.columns.iter().position(|c| c.header == "电话") {
        doc.columns.remove(i);
        for r in &mut doc.rows {
            if i < r.len() {
                r.remove(i);
            }
        }
    }
    doc
}

/// Every section, untitled by number (the caller numbers them).
pub(crate) fn all(
    ctx: &Ctx<'_>,
    community: &str,
    from: NaiveDate,
    to: NaiveDate,
    parts: Parts,
) -> Result<Vec<Section>, CoreError> {
    let sheet = Sheet {
        community,
        now: ctx.clock.now(),
        period: format!("{}至{}", format_date_cn(from), format_date_cn(to)),
    };
    let mut signing = parts.by_group;
    signing.extend(parts.by_zone);
    signing.extend(parts.charts);
    let outstanding = cw_pledges::outstanding::outstanding_list(ctx, &Default::default())?;
    let people = outstanding.rows.len();
    signing.extend(section_pages(&table_doc(
        ctx,
        without_phones(outstanding),
    )?)?);
    let arrears = cw_fees::documents::lists::arrears_list(ctx, &Default::default())?;
    // The binder leaves the office with these households' names and addresses on it.
    ctx.record_export("迎检资料汇编", people + arrears.rows.len(), true);
    signing.extend(section_pages(&table_doc(ctx, without_phones(arrears))?)?);
    Ok(vec![
        section("创卫工作方案与阶段安排", parts.summary),
        section("组织机构（领导小组和工作队伍）", organisation(ctx, &sheet)?),
        section("会议记录", meetings(ctx, &sheet, from, to)?),
        section("对照标准自查（8个方面）", self_check(ctx, &sheet, to)?),
        section("门前三包责任书签订与卫生费收缴", signing),
        section("罚款与检查（按月）", parts.monthly),
        section("整改通知书与复查", rectifications(ctx, &sheet, from, to)?),
        section("投诉举报处理", complaints(ctx, &sheet, from, to)?),
        section("入户调查结果", surveys(ctx, &sheet, from, to)?),
        section("宣传活动", publicity(ctx, &sheet, from, to)?),
        section("阶段工作清单", parts.checklist),
    ])
}

/// The leading group and the teams: who holds each role, and each zone's supervisor and cleaners.
fn organisation(ctx: &Ctx<'_>, sheet: &Sheet<'_>) -> Result<Vec<cw_pdf::Page>, CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT r.role, group_concat(s.name, '、') FROM staff_roles r JOIN staff s ON s.id = r.staff_id
         WHERE s.status = '在岗'
         GROUP BY r.role
         ORDER BY CASE r.role WHEN '领导小组' THEN 1 WHEN '社区干部' THEN 2 WHEN '监管人员' THEN 3
                  WHEN '收费人员' THEN 4 ELSE 5 END",
    )?;
    let roles: Vec<Vec<String>> = stmt
        .query_map([], |r| {
            let role: String = r.get(0)?;
            let names: String = r.get(1)?;
            let n = names.split('、').count();
            Ok(vec![role, n.to_string(), names])
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = ctx.conn.prepare(
        "SELECT z.name, z.kind, coalesce(sup.name, ''),
                coalesce((SELECT group_concat(s.name, '、') FROM zone_cleaners zc
                          JOIN staff s ON s.id = zc.staff_id AND s.status = '在岗'
                          WHERE zc.zone_id = z.id), '')
         FROM zones z LEFT JOIN staff sup ON sup.id = z.supervisor_id
         WHERE z.active = 1 ORDER BY z.id",
    )?;
    let zones: Vec<Vec<String>> = stmt
        .query_map([], |r| {
            let cleaners: String = r.get(3)?;
            Ok(vec![
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                if cleaners.is_empty() {
                    "缺保洁员".into()
                } else {
                    cleaners
                },
            ])
        })?
        .collect::<Result<_, _>>()?;
    let mut pages = section_pages(&sheet.table(
        "创卫工作领导小组和工作队伍",
        format!("在岗人员，截至{}", format_date_cn(sheet.now.date())),
        vec![
            c("职责", 10.0, Align::Center),
            c("人数", 5.0, Align::Center),
            c("人员", 45.0, Align::Left),
        ],
        roles,
    ))?;
    pages.extend(section_pages(&sheet.table(
        "责任区与保洁队伍",
        format!("共 {} 个责任区", zones.len()),
        vec![
            c("责任区", 14.0, Align::Left),
            c("类型", 6.0, Align::Center),
            c("监管人员", 9.0, Align::Center),
            c("保洁员", 31.0, Align::Left),
        ],
        zones,
    ))?);
    Ok(pages)
}

fn meetings(
    ctx: &Ctx<'_>,
    sheet: &Sheet<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<cw_pdf::Page>, CoreError> {
    let mut list: Vec<_> = cw_review::meetings::of(ctx.conn, &MeetingQuery::default())?
        .into_iter()
        .filter(|m| within(m.held_on, from, to))
        .collect();
    list.sort_by_key(|m| (m.held_on, m.id));
    let rows = list
        .iter()
        .map(|m| {
            let names: Vec<&str> = m.attendees.iter().map(|a| a.name.as_str()).collect();
            vec![
                format_date_cn(m.held_on),
                m.kind.label().to_string(),
                m.topic.clone(),
                m.chair.clone(),
                format!("{} 人：{}", names.len(), names.join("、")),
                m.proceedings.chars().take(300).collect(),
            ]
        })
        .collect();
    let mut pages = section_pages(&sheet.table(
        "会议记录",
        format!("{}　共 {} 次会议", sheet.period, list.len()),
        vec![
            c("日期", 11.0, Align::Center),
            c("会议", 10.0, Align::Center),
            c("议题", 14.0, Align::Left),
            c("主持", 5.0, Align::Center),
            c("参会人员", 18.0, Align::Left),
            c("会议内容", 26.0, Align::Left),
        ],
        rows,
    ))?;
    let mut groups = Vec::new();
    for m in &list {
        groups.push(Group {
            heading: format!("{}　{}", format_date_cn(m.held_on), m.topic),
            photos: photos_of(ctx, OwnerKind::Meeting, m.id, None)?,
        });
    }
    pages.extend(evidence::pages(ctx, "会议签到表和照片", &groups)?);
    Ok(pages)
}

/// The latest self-check on or before `to`: its score per area, the items that lost points, and
/// each area's evidence.
fn self_check(
    ctx: &Ctx<'_>,
    sheet: &Sheet<'_>,
    to: NaiveDate,
) -> Result<Vec<cw_pdf::Page>, CoreError> {
    let checks = cw_review::self_checks::of(ctx.conn, None)?;
    let Some(latest) = checks
        .iter()
        .filter(|c| c.checked_on <= to)
        .max_by_key(|c| (c.checked_on, c.id))
    else {
        return section_pages(&sheet.table(
            "对照标准自查",
            "还没有自查记录".into(),
            vec![c("方面", 20.0, Align::Left), c("得分", 10.0, Align::Center)],
            Vec::new(),
        ))
        .map_err(Into::into);
    };
    let rows = latest
        .areas
        .iter()
        .map(|a| {
            let lost: Vec<String> = latest
                .items
                .iter()
                .filter(|i| i.area == a.area && i.score < i.points)
                .map(|i| format!("{}（-{}）", i.code, i.points - i.score))
                .collect();
            vec![
                a.area.label().to_string(),
                a.points.to_string(),
                a.score.to_string(),
                if lost.is_empty() {
                    "—".into()
                } else {
                    lost.join("、")
                },
            ]
        })
        .collect();
    let mut pages = section_pages(&sheet.table(
        "对照卫生社区标准自查",
        format!(
            "{}自查（{}）　得分 {} / {}",
            format_date_cn(latest.checked_on),
            latest.checked_by,
            latest.score,
            latest.points
        ),
        vec![
            c("方面", 18.0, Align::Left),
            c("分值", 5.0, Align::Center),
            c("得分", 5.0, Align::Center),
            c("失分项", 30.0, Align::Left),
        ],
        rows,
    ))?;
    let lost: Vec<Vec<String>> = latest
        .items
        .iter()
        .filter(|i| i.score < i.points)
        .map(|i| {
            vec![
                i.code.clone(),
                i.text.clone(),
                format!("{} / {}", i.score, i.points),
                i.note.clone(),
            ]
        })
        .collect();
    pages.extend(section_pages(&sheet.table(
        "失分项与整改",
        format!("共 {} 项", lost.len()),
        vec![
            c("编号", 5.0, Align::Center),
            c("标准", 30.0, Align::Left),
            c("得分", 6.0, Align::Center),
            c("说明", 19.0, Align::Left),
        ],
        lost,
    ))?);
    let mut groups = Vec::new();
    for a in &latest.areas {
        let mut photos = Vec::new();
        for i in latest.items.iter().filter(|i| i.area == a.area) {
            photos.extend(photos_of(
                ctx,
                OwnerKind::SelfCheck,
                latest.id,
                Some(i.item_id),
            )?);
        }
        groups.push(Group {
            heading: format!("{}　{} / {} 分", a.area.label(), a.score, a.points),
            photos,
        });
    }
    pages.extend(evidence::pages(ctx, "自查佐证照片（按方面）", &groups)?);
    Ok(pages)
}

fn rectifications(
    ctx: &Ctx<'_>,
    sheet: &Sheet<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<cw_pdf::Page>, CoreError> {
    let mut list: Vec<_> = notices(
        ctx,
        NoticeQuery {
            filter: NoticeFilter::All,
            party_id: None,
        },
    )?
    .into_iter()
    .filter(|n| within(n.issued_on, from, to))
    .collect();
    list.sort_by_key(|n| (n.issued_on, n.id));
    let rows = list
        .iter()
        .map(|n| {
            let re = n
                .reinspections
                .iter()
                .map(|r| {
                    format!(
                        "{} {}",
                        format_date_cn(r.inspected_on),
                        if r.passed { "合格" } else { "不合格" }
                    )
                })
                .collect::<Vec<_>>()
                .join("；");
            vec![
                n.number.clone(),
                n.party_name.clone(),
                n.findings.clone(),
                format_date_cn(n.issued_on),
                format_date_cn(n.deadline),
                if re.is_empty() { "—".into() } else { re },
                n.status.label().to_string(),
            ]
        })
        .collect();
    let mut pages = section_pages(&sheet.table(
        "限期整改通知书与复查",
        format!("{}　下发 {} 份", sheet.period, list.len()),
        vec![
            c("编号", 11.0, Align::Center),
            c("门店", 10.0, Align::Left),
            c("问题", 15.0, Align::Left),
            c("下发", 10.0, Align::Center),
            c("期限", 10.0, Align::Center),
            c("复查", 14.0, Align::Left),
            c("状态", 7.0, Align::Center),
        ],
        rows,
    ))?;
    let mut groups = Vec::new();
    for n in &list {
        groups.push(Group {
            heading: format!("{}　{}", n.number, n.party_name),
            photos: photos_of(ctx, OwnerKind::Rectification, n.id, None)?,
        });
    }
    pages.extend(evidence::pages(ctx, "整改前后照片", &groups)?);
    Ok(pages)
}

fn complaints(
    ctx: &Ctx<'_>,
    sheet: &Sheet<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<cw_pdf::Page>, CoreError> {
    let mut list: Vec<_> =
        cw_review::complaints::of(ctx.conn, &ComplaintQuery::default(), ctx.clock.today())?
            .into_iter()
            .filter(|c| within(c.received_on, from, to))
            .collect();
    list.reverse();
    let mut doc = cw_review::documents::register_table(
        sheet.community.into(),
        "投诉举报处理台账".into(),
        &list,
        sheet.now,
    );
    doc.subtitle = doc.subtitle.map(|s| format!("{}　{s}", sheet.period));
    Ok(section_pages(&doc)?)
}

fn surveys(
    ctx: &Ctx<'_>,
    sheet: &Sheet<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<cw_pdf::Page>, CoreError> {
    let list: Vec<_> = cw_review::surveys::list(ctx, serde_json::Value::Null)?
        .into_iter()
        .filter(|s| within(s.started_on, from, to))
        .collect();
    if list.is_empty() {
        return Ok(section_pages(&sheet.table(
            "入户调查结果",
            format!("{}　没有入户调查", sheet.period),
            vec![c("调查", 30.0, Align::Left), c("结果", 30.0, Align::Left)],
            Vec::new(),
        ))?);
    }
    let mut pages = Vec::new();
    for s in &list {
        pages.extend(section_pages(&cw_review::survey_docs::result_table(
            ctx, s.id,
        )?)?);
    }
    Ok(pages)
}

fn publicity(
    ctx: &Ctx<'_>,
    sheet: &Sheet<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<cw_pdf::Page>, CoreError> {
    // The page's own list, year by year (oldest first), without the withdrawn.
    let mut list = Vec::new();
    for year in from.year()..=to.year() {
        let mut of_year = cw_review::publicity::list(ctx, PublicityQuery { year: Some(year) })?;
        of_year.reverse();
        list.extend(
            of_year
                .into_iter()
                .filter(|p| p.withdrawn.is_none() && within(p.done_on, from, to)),
        );
    }
    let rows = list
        .iter()
        .map(|p| {
            vec![
                format_date_cn(p.done_on),
                p.kind.label().to_string(),
                p.content.clone(),
                p.place.clone(),
                format!("{} {}", p.count, p.count_unit),
            ]
        })
        .collect();
    let mut pages = section_pages(&sheet.table(
        "宣传活动",
        format!("{}　共 {} 次", sheet.period, list.len()),
        vec![
            c("日期", 11.0, Align::Center),
            c("形式", 9.0, Align::Center),
            c("内容", 24.0, Align::Left),
            c("地点", 10.0, Align::Left),
            c("数量", 7.0, Align::Center),
        ],
        rows,
    ))?;
    let mut groups = Vec::new();
    for p in &list {
        groups.push(Group {
            heading: format!(
                "{}　{}：{}",
                format_date_cn(p.done_on),
                p.kind.label(),
                p.content.chars().take(24).collect::<String>()
            ),
            photos: photos_of(ctx, OwnerKind::Publicity, p.id, None)?,
        });
    }
    pages.extend(evidence::pages(ctx, "宣传活动照片", &groups)?);
    Ok(pages)
}
