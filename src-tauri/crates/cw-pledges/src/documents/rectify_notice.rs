//! The 限期整改通知书 laid out: what was found, what must be done, the deadline and the
//! re-inspection date; two copies (社区留存 / 被检查人留存) with signature blocks.

use crate::rectify::Notice;
use chrono::Duration;
use cw_kernel::CoreError;
use cw_pdf::cn::year_cn_upper;
use cw_pdf::{format_date_cn, format_date_cn_upper, Align, Page, PageSize};

const LEFT: f32 = 22.0;
const WIDTH: f32 = 166.0;
const COPIES: [&str; 2] = ["第一联　社区居委会留存", "第二联　被检查人留存"];
/// The QR code's square, quiet zone included (as on the pledge, see `pledge_form::QR_MM`).
const QR_MM: f32 = 22.0;

/// Both copies of notice `n` (its pledge's number when it has one), one page each.
pub fn pages(n: &Notice, pledge: Option<&str>, community: &str) -> Result<Vec<Page>, CoreError> {
    let mut pages = Vec::new();
    for copy in COPIES {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        header(&mut p, n, copy)?;
        let y = body(&mut p, n, pledge)?;
        signatures(&mut p, n, community, y)?;
        p.text(
            105.0,
            287.0,
            8.5,
            Align::Center,
            "本通知书一式两份，社区居委会和被检查人各执一份",
        )?;
        pages.push(p);
    }
    Ok(pages)
}

/// Which copy, the number beside its QR code in the top right corner (scanned at the
/// re-inspection to find the notice), and the title.
fn header(p: &mut Page, n: &Notice, copy: &str) -> Result<(), CoreError> {
    p.text(LEFT, 16.0, 9.5, Align::Left, copy)?;
    let qr_x = LEFT + WIDTH - QR_MM;
    p.qr_code(qr_x, 4.0, QR_MM, &n.number)?;
    p.text(
        qr_x - 1.0,
        16.0,
        11.0,
        Align::Right,
        &format!("编号：{}", n.number),
    )?;
    p.text(105.0, 34.0, 22.0, Align::Center, "限期整改通知书")?;
    Ok(())
}

/// The addressee, what the inspection found against the pledge, the two boxes and the
/// deadline; returns where the text ends.
fn body(p: &mut Page, n: &Notice, pledge: Option<&str>) -> Result<f32, CoreError> {
    let mut y = 48.0;
    let who = if n.contact.is_empty() || n.contact == n.party_name {
        n.party_name.clone()
    } else {
        format!("{}（{}）", n.party_name, n.contact)
    };
    p.text(LEFT, y, 12.0, Align::Left, &format!("{who}："))?;
    y += 4.0;
    let pledge_text = pledge
        .map(|no| format!("《门前三包责任书》（编号 {no}）"))
        .unwrap_or_else(|| "门前三包责任".into());
    let opening = format!(
        "　　{}，社区对你位于{}的门前责任区（自墙基至路沿石）进行了检查，发现存在下列问题，不符合{}的约定。现责令你限期整改。",
        format_date_cn(n.issued_on),
        n.address_text,
        pledge_text
    );
    y += p.text_box(LEFT, y, WIDTH, 12.0, 7.0, Align::Left, &opening)?;
    y += 2.0;
    y = boxed(p, y, "存在问题：", &n.findings)?;
    y = boxed(p, y, "整改要求：", &n.requirements)?;
    let reinspect = n.deadline + Duration::days(1);
    let tail = format!(
        "　　请于{}前整改完毕。社区将于{}进行复查；逾期未整改或复查不合格的，将报请城市管理部门依法处理。",
        format_date_cn(n.deadline),
        format_date_cn(reinspect)
    );
    y += 2.0;
    y += p.text_box(LEFT, y, WIDTH, 12.0, 7.0, Align::Left, &tail)?;
    Ok(y)
}

/// A labelled text in a frame at least 26 mm high; returns where the next one starts.
fn boxed(p: &mut Page, y: f32, label: &str, text: &str) -> Result<f32, CoreError> {
    p.text(LEFT, y + 5.0, 11.5, Align::Left, label)?;
    let top = y + 8.0;
    let used = p.text_box(
        LEFT + 3.0,
        top + 2.0,
        WIDTH - 6.0,
        11.5,
        6.4,
        Align::Left,
        text,
    )?;
    let h = (used + 4.0).max(26.0);
    p.stroke_rect(LEFT, top, WIDTH, h, 0.6);
    Ok(top + h + 4.0)
}

/// The receipt for the inspected party on the left, the committee's seal and date on the right.
fn signatures(p: &mut Page, n: &Notice, community: &str, y: f32) -> Result<(), CoreError> {
    let top = (y + 14.0).max(222.0);
    p.text(
        LEFT,
        top,
        11.5,
        Align::Left,
        "被检查人签收：________________",
    )?;
    p.text(
        LEFT,
        top + 12.0,
        11.5,
        Align::Left,
        &format!(
            "{}年　　月　　日",
            year_cn_upper(chrono::Datelike::year(&n.issued_on))
        ),
    )?;
    let right = LEFT + WIDTH;
    p.text(
        right,
        top,
        11.5,
        Align::Right,
        &format!("{community}（盖章）"),
    )?;
    p.text(
        right,
        top + 12.0,
        11.5,
        Align::Right,
        &format_date_cn_upper(n.issued_on),
    )?;
    Ok(())
}
