//! The remittance slip 上解单 of a closed batch: the grid of its figures, the notes under it,
//! three signature lines and the audit chain's hash; the figures are [`slip::gather`]'s.

use super::{grid_row, heading, pdf, BatchArgs};
use crate::rates::group_name;
use crate::slip::{self, SlipFacts};
use crate::yuan_cn;
use cw_domain::money_words::fen_to_words;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{format_date_cn, Align, Page, PageSize};

/// The remittance slip 上解单 of a closed batch, with signature lines and the audit chain's hash.
pub fn remittance_slip(ctx: &Ctx<'_>, a: BatchArgs) -> Result<FileOut, CoreError> {
    let f = slip::gather(ctx.conn, a.batch_id)?;
    let community = heading(ctx)?.community;
    // The audit chain's latest hash, so the slip can be matched to the trail at audit time.
    let hash = cw_store::audit::latest_hash(ctx.conn)?;
    let printed = format_date_cn(ctx.clock.today());
    let page = draw(&f, &community, &hash, &printed)?;
    pdf(
        ctx,
        "上解单",
        format!("上解单-第{}批次-{}.pdf", f.batch.id, f.batch.on_date),
        vec![page],
    )
}

const X: f32 = 15.0;
const W: f32 = 180.0;

/// The slip on one A4 page.
fn draw(f: &SlipFacts, community: &str, hash: &str, printed: &str) -> Result<Page, CoreError> {
    let (b, c) = (&f.batch, &f.closing);
    let mut p = Page::new(PageSize::A4_PORTRAIT);
    p.text(
        105.0,
        22.0,
        18.0,
        Align::Center,
        &format!("{community}城乡环境卫生费上解单"),
    )?;
    p.text(
        X,
        32.0,
        10.5,
        Align::Left,
        &format!("批次号：第 {} 号", b.id),
    )?;
    p.text(
        X + W,
        32.0,
        10.5,
        Align::Right,
        &format!("收费日期：{}", b.on_date.replace('-', ".")),
    )?;
    let mut y = 36.0;
    for row in &grid(f)? {
        let cells: Vec<(f32, &str, bool)> =
            row.iter().map(|(w, t, l)| (*w, t.as_str(), *l)).collect();
        grid_row(&mut p, X, y, 10.0, &cells)?;
        y += 10.0;
    }
    let mut lines = Vec::new();
    if !c.denominations.is_empty() {
        let text = c
            .denominations
            .iter()
            .map(|d| format!("{} 元 × {}", d.face, d.count))
            .collect::<Vec<_>>()
            .join("　");
        lines.push(format!("面额清点：{text}"));
    }
    lines.extend(f.notes.iter().cloned());
    if f.shortage > 0 {
        lines.push(format!(
            "短款 {} 由收费人员赔偿，已记入赔偿台账。",
            yuan_cn(f.shortage)
        ));
    }
    for line in &lines {
        y += p.text_box(X, y + 2.0, W, 9.5, 5.0, Align::Left, line)? + 2.0;
    }
    y += 16.0;
    for (i, who) in ["收费人员（签字）", "在场社区干部（签字）", "收款人（签字）"]
        .iter()
        .enumerate()
    {
        let sx = X + i as f32 * 62.0;
        p.text(sx, y, 10.5, Align::Left, who)?;
        p.line(sx, y + 12.0, sx + 54.0, y + 12.0, 0.5);
        p.text(sx, y + 19.0, 9.5, Align::Left, "　　年　　月　　日")?;
    }
    y += 32.0;
    p.text(X, y, 8.0, Align::Left, "审计链校验码（打印时最新记录）：")?;
    p.text(X, y + 5.0, 8.0, Align::Left, hash)?;
    p.text(
        X + W,
        y + 12.0,
        9.0,
        Align::Right,
        &format!("打印日期：{printed}"),
    )?;
    Ok(p)
}

/// A grid cell: width in mm, text, and whether it is a label.
type Cell = (f32, String, bool);

/// The grid's rows of cells.
fn grid(f: &SlipFacts) -> Result<Vec<Vec<Cell>>, CoreError> {
    let (b, c) = (&f.batch, &f.closing);
    let label = |t: &str| (30.0, t.to_string(), true);
    let half = |t: String| (60.0, t, false);
    let whole = |t: String| (150.0, t, false);
    let or_none = |t: String| if t.is_empty() { "无".to_string() } else { t };
    let remittance = b.remittance.as_ref();
    Ok(vec![
        vec![
            label("收费小组"),
            half(group_name(Some(b.group_no))),
            label("在场社区干部"),
            half(b.cadre_name.clone()),
        ],
        vec![label("收费人员"), whole(b.collector_names.join("、"))],
        vec![
            label("收据张数"),
            half(format!(
                "有效 {} 张，作废 {} 张",
                b.receipt_count - b.void_count,
                b.void_count
            )),
            label("作废号码"),
            half(if f.unusable.is_empty() {
                "无".into()
            } else {
                format!("共 {} 个，见表下", f.unusable.len())
            }),
        ],
        vec![label("收据号段"), whole(or_none(f.ranges.join("；")))],
        vec![
            label("应收合计"),
            half(yuan_cn(f.expected)),
            label("实点现金"),
            half(yuan_cn(f.counted)),
        ],
        vec![
            label("假　　币"),
            half(if c.counterfeit_note.is_empty() {
                yuan_cn(f.counterfeit)
            } else {
                format!("{}（{}）", yuan_cn(f.counterfeit), c.counterfeit_note)
            }),
            label("短款 / 长款"),
            half(format!(
                "短 {}　长 {}",
                yuan_cn(f.shortage),
                yuan_cn(f.overage)
            )),
        ],
        vec![
            label("上解金额"),
            half(yuan_cn(f.remit)),
            label("大　　写"),
            half(fen_to_words(f.remit)?),
        ],
        vec![
            label("上解日期"),
            half(
                remittance
                    .map(|r| r.remitted_on.replace('-', "."))
                    .unwrap_or_else(|| "　　年　　月　　日".into()),
            ),
            label("收款人"),
            half(remittance.map(|r| r.receiver.clone()).unwrap_or_default()),
        ],
    ])
}
