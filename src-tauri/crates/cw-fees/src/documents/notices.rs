//! Payment notices 催缴通知: one per party still owing in a group or zone, three to an A4 sheet
//! with cutting lines between them; who owes what is [`arrears_rows`]'s.

use super::{cut_line, heading, pdf};
use crate::rates::{arrears_rows, group_name, RateArgs};
use crate::{fen, yuan_cn};
use cw_domain::money_words::fen_to_words;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{format_date_cn, format_date_cn_upper, Align, Page, PageSize};

/// Payment notices 催缴通知 for every party still owing in a group or zone, three to a page.
pub fn notices(ctx: &Ctx<'_>, a: RateArgs) -> Result<FileOut, CoreError> {
    let rows = arrears_rows(ctx.conn, &a)?;
    if rows.is_empty() {
        return Err(CoreError::Conflict("所选范围内没有欠费户".into()));
    }
    // Names and addresses go door to door (no phone is printed on a notice).
    ctx.record_export("催缴通知", rows.len(), true);
    let community = heading(ctx)?.community;
    let today = ctx.clock.today();
    let deadline = today + chrono::Duration::days(15);
    let mut pages = Vec::new();
    for chunk in rows.chunks(3) {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        for (i, r) in chunk.iter().enumerate() {
            let top = i as f32 * 99.0;
            let x = 18.0;
            p.text(
                105.0,
                top + 16.0,
                16.0,
                Align::Center,
                "城乡环境卫生费催缴通知",
            )?;
            p.text(
                x,
                top + 27.0,
                11.0,
                Align::Left,
                &format!("{}（{}）：", r.name, r.address),
            )?;
            let owed = fen("欠费", &r.owed)?;
            let body = format!(
                "　　根据市创卫工作安排，城乡环境卫生费按月收取。经核对，您{} {} 的卫生费共计 {}（{}）尚未缴纳。请于{}前缴清，届时{}收费人员将在社区干部陪同下上门收取，并出具经管站统一收据。五保、低保、独居老人、残疾家庭可凭证明申请减免。",
                match r.kind.as_str() {
                    "住户" => "户",
                    "门店" => "店",
                    _ => "单位",
                },
                r.months_text,
                yuan_cn(owed),
                fen_to_words(owed)?,
                format_date_cn(deadline),
                group_name(r.group_no),
            );
            p.text_box(x, top + 31.0, 174.0, 11.0, 6.5, Align::Left, &body)?;
            p.text(192.0, top + 74.0, 11.0, Align::Right, &community)?;
            p.text(
                192.0,
                top + 82.0,
                11.0,
                Align::Right,
                &format_date_cn_upper(today),
            )?;
            p.text(
                x,
                top + 82.0,
                9.0,
                Align::Left,
                &format!("户号：{}", r.code),
            )?;
            if i < 2 {
                cut_line(&mut p, top + 99.0);
            }
        }
        pages.push(p);
    }
    let scope = a
        .group_no
        .map(|g| group_name(Some(g)))
        .unwrap_or_else(|| "全社区".into());
    pdf(ctx, "催缴通知", format!("催缴通知-{scope}.pdf"), pages)
}
