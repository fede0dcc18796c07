//! Fee lists as PDF (header on every page) or .xlsx: arrears, collection rate, daily collection
//! per collector, batches and remittances, the book gap report for the auditors and the
//! compensation ledger; the rows are [`rates`](crate::rates)'s and the books'.

use crate::batches::{self, BatchQuery};
use crate::books;
use crate::rates::{self, arrears_rows, daily_rows, group_name, DailyArgs, RateArgs};
use crate::types::SerialState;
use crate::{fen, period_cn, yuan_cn};
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column};
use cw_registry::list_document::{self, ListDocument};
use cw_registry::print::DocFormat;
use serde::Deserialize;
use ts_rs::TS;

fn col(h: &str, w: f32, al: Align) -> Column {
    Column::new(h, w, al)
}

/// Arguments of the rate-based reports.
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct RateDocArgs {
    #[serde(flatten)]
    pub scope: RateArgs,
    #[ts(optional = nullable)]
    pub format: DocFormat,
    /// Print phones in full rather than masked (138****1234); recorded in the export log.
    #[ts(optional = nullable)]
    pub full_phones: bool,
}

fn period_text(ctx: &Ctx<'_>, a: &RateArgs) -> Result<String, CoreError> {
    let (f, t) = rates::period_of(ctx.conn, a)?;
    Ok(period_cn(f, t))
}

/// The arrears list 欠费名单 of a group, zone or the community, recorded in the export log.
pub fn arrears(ctx: &Ctx<'_>, a: RateDocArgs) -> Result<FileOut, CoreError> {
    let format = a.format;
    let doc = arrears_list(ctx, &a)?;
    ctx.record_export(&doc.title, doc.rows.len(), !a.full_phones);
    list_document::render(ctx, doc, format)
}

/// The list [`arrears`] prints; its phones masked unless `a.full_phones` (the default
/// arguments give the masked list).
pub fn arrears_list(ctx: &Ctx<'_>, a: &RateDocArgs) -> Result<ListDocument, CoreError> {
    let rows = arrears_rows(ctx.conn, &a.scope)?;
    let owed: i64 = rows
        .iter()
        .map(|r| fen("欠费", &r.owed))
        .sum::<Result<i64, _>>()?;
    let scope = a
        .scope
        .group_no
        .map(|g| group_name(Some(g)))
        .unwrap_or_else(|| "全社区".into());
    let t = ListDocument {
        title: "卫生费欠费名单".into(),
        subtitle: format!(
            "{scope}　{}　共 {} 户，欠费 {}",
            period_text(ctx, &a.scope)?,
            rows.len(),
            yuan_cn(owed)
        ),
        file_stem: format!("欠费名单-{scope}"),
        columns: vec![
            col("序号", 4.0, Align::Center),
            col("户号", 7.0, Align::Center),
            col("类型", 4.0, Align::Center),
            col("户主/店名", 11.0, Align::Left),
            col("地址", 18.0, Align::Left),
            col("电话", 10.0, Align::Center),
            col("欠费月份", 14.0, Align::Left),
            col("欠费金额", 8.0, Align::Right),
            col("签收", 6.0, Align::Center),
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                Ok(vec![
                    (i + 1).to_string(),
                    r.code.clone(),
                    r.kind.clone(),
                    r.name.clone(),
                    r.address.clone(),
                    list_document::phone_text(&r.phone, a.full_phones),
                    r.months_text.clone(),
                    yuan_cn(fen("欠费", &r.owed)?),
                    String::new(),
                ])
            })
            .collect::<Result<_, CoreError>>()?,
        ..Default::default()
    };
    Ok(t)
}

/// The collection rate 收缴率 by group, zone or street.
pub fn rate(ctx: &Ctx<'_>, a: RateDocArgs) -> Result<FileOut, CoreError> {
    let r = rates::rate(ctx, a.scope.clone())?;
    let by = match r.by.as_str() {
        "zone" => "责任区",
        "street" => "街道",
        _ => "收费小组",
    };
    let mut rows = Vec::new();
    for x in r.rows.iter().chain(std::iter::once(&r.total)) {
        rows.push(vec![
            x.label.clone(),
            x.expected_parties.to_string(),
            x.exempt_parties.to_string(),
            x.paid.to_string(),
            x.partial.to_string(),
            x.unpaid.to_string(),
            yuan_cn(fen("应收", &x.expected)?),
            yuan_cn(fen("实收", &x.collected)?),
            yuan_cn(fen("欠收", &x.owed)?),
            yuan_cn(fen("减免", &x.reduced)?),
            yuan_cn(fen("多收", &x.excess)?),
            yuan_cn(fen("预收", &x.prepaid)?),
            x.rate.clone(),
        ]);
    }
    let t = ListDocument {
        title: "卫生费收缴率".into(),
        subtitle: format!("按{by}　{}", period_text(ctx, &a.scope)?),
        file_stem: format!("收缴率-按{by}"),
        columns: vec![
            col(by, 10.0, Align::Left),
            col("应缴户数", 6.0, Align::Right),
            col("减免户数", 6.0, Align::Right),
            col("缴清", 5.0, Align::Right),
            col("部分", 5.0, Align::Right),
            col("未缴", 5.0, Align::Right),
            col("应收金额", 9.0, Align::Right),
            col("实收金额", 9.0, Align::Right),
            col("欠收金额", 9.0, Align::Right),
            col("减免金额", 8.0, Align::Right),
            col("多收（应退）", 8.0, Align::Right),
            col("预收（期后）", 8.0, Align::Right),
            col("收缴率", 6.0, Align::Right),
        ],
        rows,
        footer_note: Some(format!(
            "应收 = 实收 + 欠收 + 减免；多收为已减免月份或超出标准的收款（应退还），预收为收费期以后月份的收款，二者另列。　{}",
            list_document::PREPARED_AND_CHECKED
        )),
        ..Default::default()
    };
    list_document::render(ctx, t, a.format)
}

/// Arguments of [`daily`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct DailyDocArgs {
    #[serde(flatten)]
    pub range: DailyArgs,
    #[ts(optional = nullable)]
    pub format: DocFormat,
}

/// Daily collection per collector 收费日报.
pub fn daily(ctx: &Ctx<'_>, a: DailyDocArgs) -> Result<FileOut, CoreError> {
    let rows = daily_rows(ctx.conn, &a.range)?;
    let total: i64 = rows
        .iter()
        .map(|r| fen("金额", &r.total))
        .sum::<Result<i64, _>>()?;
    let t = ListDocument {
        title: "收费日报（按收费人员）".into(),
        subtitle: format!("共 {} 条，合计 {}", rows.len(), yuan_cn(total)),
        file_stem: "收费日报".into(),
        columns: vec![
            col("日期", 8.0, Align::Center),
            col("收费人员", 8.0, Align::Left),
            col("有效收据", 6.0, Align::Right),
            col("作废", 5.0, Align::Right),
            col("金额", 8.0, Align::Right),
        ],
        rows: rows
            .iter()
            .map(|r| {
                Ok(vec![
                    r.date.clone(),
                    r.collector_name.clone(),
                    r.receipts.to_string(),
                    r.voids.to_string(),
                    yuan_cn(fen("金额", &r.total)?),
                ])
            })
            .collect::<Result<_, CoreError>>()?,
        ..Default::default()
    };
    list_document::render(ctx, t, a.format)
}

/// Arguments of [`batches`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct FormatArgs {
    #[ts(optional = nullable)]
    pub format: DocFormat,
}

/// Batches and remittances 批次与上解报表.
pub fn batches(ctx: &Ctx<'_>, a: FormatArgs) -> Result<FileOut, CoreError> {
    let bs = batches::list(ctx, BatchQuery::default())?;
    let mut rows = Vec::new();
    for b in bs.iter().rev() {
        let c = b.closing.as_ref();
        rows.push(vec![
            b.id.to_string(),
            b.on_date.clone(),
            group_name(Some(b.group_no)),
            b.collector_names.join("、"),
            b.cadre_name.clone(),
            format!("{}/{}", b.receipt_count - b.void_count, b.void_count),
            yuan_cn(fen("应收", &b.total)?),
            c.map(|c| fen("实点", &c.counted).map(yuan_cn))
                .transpose()?
                .unwrap_or_default(),
            c.map(|c| fen("短款", &c.shortage).map(yuan_cn))
                .transpose()?
                .unwrap_or_default(),
            b.remittance
                .as_ref()
                .map(|r| format!("{} {}", r.remitted_on, r.receiver))
                .unwrap_or_default(),
            if b.overdue {
                format!("{}（逾期未上解）", b.status)
            } else {
                b.status.clone()
            },
        ]);
    }
    let t = ListDocument {
        title: "收费批次与上解报表".into(),
        subtitle: format!("共 {} 个批次", rows.len()),
        file_stem: "收费批次与上解报表".into(),
        columns: vec![
            col("批次", 4.0, Align::Center),
            col("日期", 8.0, Align::Center),
            col("小组", 6.0, Align::Center),
            col("收费人员", 12.0, Align::Left),
            col("在场干部", 6.0, Align::Left),
            col("有效/作废", 6.0, Align::Center),
            col("应收", 8.0, Align::Right),
            col("实点", 8.0, Align::Right),
            col("短款", 7.0, Align::Right),
            col("上解", 12.0, Align::Left),
            col("状态", 10.0, Align::Left),
        ],
        rows,
        ..Default::default()
    };
    list_document::render(ctx, t, a.format)
}

/// Ranges of consecutive serials: 0001231–0001240、0001250.
fn serial_ranges(ss: &[i64]) -> String {
    let mut runs: Vec<(i64, i64)> = Vec::new();
    for &s in ss {
        match runs.last_mut() {
            Some((_, e)) if *e + 1 == s => *e = s,
            _ => runs.push((s, s)),
        }
    }
    runs.iter()
        .map(|(a, b)| {
            if a == b {
                format!("{a:07}")
            } else {
                format!("{a:07}–{b:07}")
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The gap report 缺号报告: unused, void and lost serials of every book, for the auditors.
pub fn gaps(ctx: &Ctx<'_>, a: FormatArgs) -> Result<FileOut, CoreError> {
    let mut rows = Vec::new();
    for b in books::all(ctx.conn)? {
        let serials = books::serial_rows(ctx.conn, b.id)?;
        let pick = |st: SerialState| -> Vec<i64> {
            serials
                .iter()
                .filter(|s| s.state == st)
                .map(|s| s.serial)
                .collect()
        };
        let reasons: Vec<String> = serials
            .iter()
            .filter(|s| matches!(s.state, SerialState::Void | SerialState::Lost))
            .map(|s| {
                format!(
                    "{:07} {}：{}",
                    s.serial,
                    books::state_label(s.state),
                    s.reason
                )
            })
            .collect();
        rows.push(vec![
            b.book_no.clone(),
            format!("{:07}–{:07}", b.first_serial, b.last_serial),
            b.holder_name.clone().unwrap_or_else(|| {
                if b.returned {
                    "已交回".into()
                } else {
                    "未发放".into()
                }
            }),
            b.issued.to_string(),
            yuan_cn(fen("合计", &b.total)?),
            serial_ranges(&pick(SerialState::Unused)),
            serial_ranges(&pick(SerialState::Void)),
            serial_ranges(&pick(SerialState::Lost)),
            reasons.join("；"),
        ]);
    }
    let t = ListDocument {
        title: "收据缺号报告".into(),
        subtitle: format!("共 {} 本收据；列出每本未用、作废、遗失的号码", rows.len()),
        file_stem: "收据缺号报告".into(),
        columns: vec![
            col("本号", 6.0, Align::Center),
            col("号段", 11.0, Align::Center),
            col("领用人", 6.0, Align::Left),
            col("已开", 4.0, Align::Right),
            col("金额", 7.0, Align::Right),
            col("未用", 11.0, Align::Left),
            col("作废", 9.0, Align::Left),
            col("遗失", 7.0, Align::Left),
            col("原因", 16.0, Align::Left),
        ],
        rows,
        ..Default::default()
    };
    list_document::render(ctx, t, a.format)
}

/// The collectors' ledger 收费人员赔偿台账: owed by kind, repaid, balance.
pub fn compensations(ctx: &Ctx<'_>, a: FormatArgs) -> Result<FileOut, CoreError> {
    let ledger = crate::compensations::totals(ctx, serde_json::Value::Null)?;
    let mut rows = Vec::new();
    for l in &ledger {
        rows.push(vec![
            l.staff_name.clone(),
            yuan_cn(fen("短款", &l.shortage)?),
            yuan_cn(fen("假币", &l.counterfeit)?),
            yuan_cn(fen("遗失", &l.lost)?),
            yuan_cn(fen("应赔", &l.owed)?),
            yuan_cn(fen("已还", &l.repaid)?),
            yuan_cn(fen("余额", &l.balance)?),
        ]);
    }
    let t = ListDocument {
        title: "收费人员赔偿台账".into(),
        subtitle: format!("共 {} 人；余额 = 短款 + 假币 + 遗失 − 已还", rows.len()),
        file_stem: "收费人员赔偿台账".into(),
        columns: vec![
            col("收费人员", 10.0, Align::Left),
            col("短款", 8.0, Align::Right),
            col("假币", 8.0, Align::Right),
            col("遗失收据", 8.0, Align::Right),
            col("应赔合计", 8.0, Align::Right),
            col("已还", 8.0, Align::Right),
            col("余额", 8.0, Align::Right),
        ],
        rows,
        ..Default::default()
    };
    list_document::render(ctx, t, a.format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_collapse_into_ranges() {
        assert_eq!(serial_ranges(&[1, 2, 3, 7]), "0000001–0000003、0000007");
        assert_eq!(serial_ranges(&[]), "");
    }
}
