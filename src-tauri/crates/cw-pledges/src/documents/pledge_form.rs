//! The 门前三包责任书 form: one A4 page per copy, 第一联 (kept by the committee) and 第二联 (kept by
//! the party), each with the number, the party table, the clauses and two signature blocks.

use crate::template::PledgeTemplate;
use cw_domain::registry::{Household, Settings};
use cw_kernel::CoreError;
use cw_pdf::cn::year_cn_upper;
use cw_pdf::{Align, Page, PageSize};

/// What one pledge form shows.
pub struct FormData<'a> {
    pub number: &'a str,
    pub year: i32,
    pub party: &'a Household,
    pub template: &'a PledgeTemplate,
    pub settings: &'a Settings,
}

const LEFT: f32 = 20.0;
const WIDTH: f32 = 170.0;
const COPIES: [&str; 2] = ["第一联　社区居委会留存", "第二联　责任人留存"];
/// The QR code's square, quiet zone included: 0.76 mm modules for a short number, which read
/// back every time from a 150 dpi rasterisation (20 mm missed one code in ten, 19 mm half).
const QR_MM: f32 = 22.0;

/// 一 … 十 for numbering clauses.
fn clause_no(i: usize) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        .get(i)
        .copied()
        .unwrap_or("十")
}

/// Both copies of a pledge: two pages.
pub fn pages(d: &FormData<'_>) -> Result<Vec<Page>, CoreError> {
    let mut out = Vec::with_capacity(2);
    for copy in COPIES {
        // Shrink the text if a long edited template would run into the signatures.
        let mut page = None;
        for (size, line) in [(11.0, 6.2), (10.0, 5.5), (9.0, 4.9)] {
            let (p, end) = one_copy(d, copy, size, line)?;
            page = Some(p);
            if end <= 292.0 {
                break;
            }
        }
        if let Some(p) = page {
            out.push(p);
        }
    }
    Ok(out)
}

fn cell(
    p: &mut Page,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    text: &str,
    align: Align,
) -> Result<(), CoreError> {
    p.stroke_rect(x, y, w, h, 0.6);
    let used = 5.2;
    let top = y + (h - used) / 2.0;
    p.text_box(x + 1.5, top, w - 3.0, 10.5, used, align, text)?;
    Ok(())
}

/// One copy: the header, the party table, the text at `size` pt on `line` mm lines, and the
/// signatures; with where the signatures end.
fn one_copy(d: &FormData<'_>, copy: &str, size: f32, line: f32) -> Result<(Page, f32), CoreError> {
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    header(&mut p, d, copy)?;
    let y = party_table(&mut p, d.party)?;
    let y = clauses(&mut p, d.template, y, size, line)?;
    let end = signatures(&mut p, d, y)?;
    Ok((p, end))
}

/// Which copy, the number beside its QR code in the top right corner (a scanner reads a
/// returned pledge back as its number), the title and the year.
fn header(p: &mut Page, d: &FormData<'_>, copy: &str) -> Result<(), CoreError> {
    p.text(LEFT, 16.0, 9.5, Align::Left, copy)?;
    let qr_x = LEFT + WIDTH - QR_MM;
    p.qr_code(qr_x, 4.0, QR_MM, d.number)?;
    p.text(
        qr_x - 1.0,
        16.0,
        11.0,
        Align::Right,
        &format!("编号：{}", d.number),
    )?;
    p.text(105.0, 32.0, 22.0, Align::Center, &d.template.title)?;
    p.text(
        105.0,
        40.0,
        11.0,
        Align::Center,
        &format!("（{}年度）", d.year),
    )?;
    Ok(())
}

/// The party in a bordered table; returns where the text starts.
fn party_table(p: &mut Page, party: &Household) -> Result<f32, CoreError> {
    let (lw, vw) = (26.0, 59.0);
    let rh = 9.0;
    let mut y = 46.0;
    let kind = party.kind.label();
    let who = match party.kind {
        cw_domain::enums::PartyKind::Household => "户　　主",
        _ => "店名/单位",
    };
    let rows: [(&str, String, &str, String); 2] = [
        (who, party.name.clone(), "类　　型", kind.to_string()),
        (
            "负 责 人",
            party.contact.clone(),
            "联系电话",
            // Batches of forms go round the doors: the number prints masked (the household
            // knows its own, and the registry keeps it).
            cw_domain::text::mask_phone(&party.phone),
        ),
    ];
    for (l1, v1, l2, v2) in rows {
        cell(p, LEFT, y, lw, rh, l1, Align::Center)?;
        cell(p, LEFT + lw, y, vw, rh, &v1, Align::Left)?;
        cell(p, LEFT + lw + vw, y, lw, rh, l2, Align::Center)?;
        cell(p, LEFT + 2.0 * lw + vw, y, vw, rh, &v2, Align::Left)?;
        y += rh;
    }
    cell(p, LEFT, y, lw, rh, "地　　址", Align::Center)?;
    cell(
        p,
        LEFT + lw,
        y,
        WIDTH - lw,
        rh,
        &party.address_text,
        Align::Left,
    )?;
    y += rh;
    let zone = party.zone_name.clone().unwrap_or_default();
    let group = party.group_no.map(crate::group_name).unwrap_or_default();
    cell(p, LEFT, y, lw, rh, "责 任 区", Align::Center)?;
    cell(p, LEFT + lw, y, vw, rh, &zone, Align::Left)?;
    cell(p, LEFT + lw + vw, y, lw, rh, "收费小组", Align::Center)?;
    cell(p, LEFT + 2.0 * lw + vw, y, vw, rh, &group, Align::Left)?;
    y += rh;
    cell(p, LEFT, y, lw, rh, "责任范围", Align::Center)?;
    cell(
        p,
        LEFT + lw,
        y,
        WIDTH - lw,
        rh,
        "门前自建筑物墙基至道路路沿石，两侧以本门面（住宅）边界为限",
        Align::Left,
    )?;
    Ok(y + rh + 6.0)
}

/// The preamble, the numbered clauses and the closing from `y`; returns where they end.
fn clauses(
    p: &mut Page,
    t: &PledgeTemplate,
    mut y: f32,
    size: f32,
    line: f32,
) -> Result<f32, CoreError> {
    let indent = "　　";
    y += p.text_box(
        LEFT,
        y,
        WIDTH,
        size,
        line,
        Align::Left,
        &format!("{indent}{}", t.preamble),
    )?;
    y += 2.0;
    for (i, c) in t.clauses.iter().enumerate() {
        y += p.text_box(
            LEFT,
            y,
            WIDTH,
            size,
            line,
            Align::Left,
            &format!("{indent}{}、{c}", clause_no(i)),
        )?;
        y += 1.0;
    }
    y += 1.0;
    y += p.text_box(
        LEFT,
        y,
        WIDTH,
        size,
        line,
        Align::Left,
        &format!("{indent}{}", t.closing),
    )?;
    Ok(y)
}

/// Two signature blocks below `y`, each with a date in the form 二〇二六年　　月　　日, and the
/// printer's line at the foot; returns where the blocks end.
fn signatures(p: &mut Page, d: &FormData<'_>, y: f32) -> Result<f32, CoreError> {
    let top = (y + 10.0).max(232.0);
    let date = format!("{}年　　月　　日", year_cn_upper(d.year));
    let right = LEFT + 92.0;
    let s = &d.settings;
    p.text(LEFT, top, 11.0, Align::Left, "甲方（盖章）：")?;
    p.text_box(
        LEFT,
        top + 3.0,
        84.0,
        11.0,
        6.0,
        Align::Left,
        &s.community_name,
    )?;
    p.text(
        LEFT,
        top + 22.0,
        11.0,
        Align::Left,
        "经办人：________________",
    )?;
    p.text(LEFT, top + 32.0, 11.0, Align::Left, &date)?;
    p.text(right, top, 11.0, Align::Left, "乙方（责任人签字）：")?;
    p.text(
        right,
        top + 12.0,
        11.0,
        Align::Left,
        "________________________",
    )?;
    p.text(
        right,
        top + 22.0,
        11.0,
        Align::Left,
        "联系电话：______________",
    )?;
    p.text(right, top + 32.0, 11.0, Align::Left, &date)?;
    let foot = if s.street_office.is_empty() {
        s.community_name.clone()
    } else {
        format!("{}　{}", s.street_office, s.community_name)
    };
    p.text(105.0, 289.0, 8.5, Align::Center, &format!("{foot}　印制"))?;
    Ok(top + 34.0)
}
