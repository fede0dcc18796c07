//! 年度归档: a closed campaign year's money records as one read-only workbook for the 经管站 —
//! the receipts (voids with their reasons), the remittances and the fines with their
//! corrections, with a first sheet of totals and the audit trail's hash at export, so the file
//! can be checked against the database it came from. Written as stored: names as on the receipt.

use chrono::Datelike;
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_registry::exports::XLSX_MIME;
use cw_tabular::{Cell, XlsxSheet};
use serde::Deserialize;
use ts_rs::TS;

/// Arguments of [`archive`].
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct ArchiveArgs {
    /// A campaign year that has ended.
    pub year: i32,
}

fn yuan(fen: i64) -> Cell {
    Cell::Money(cw_domain::money::to_wire(cw_domain::money::fen_to_decimal(
        fen,
    )))
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn strs(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

/// The year's archive workbook (head only; a year that has not ended is refused).
pub fn archive(ctx: &Ctx<'_>, a: ArchiveArgs) -> Result<FileOut, CoreError> {
    ctx.require_head("导出年度归档")?;
    if a.year >= ctx.clock.today().year() {
        return Err(DomainError::invalid("年度", "只能导出已结束的年度").into());
    }
    let y = format!("{:04}", a.year);
    let (receipts, receipt_total, voided) = receipts(ctx, &y)?;
    let (remittances, remitted) = remittances(ctx, &y)?;
    let (fines, fine_total) = fines(ctx, &y)?;
    let head = cw_store::audit::latest_hash(ctx.conn)?;
    // The receipts name their payers as written: the file leaves the office for the 经管站.
    ctx.record_export("年度归档", receipts.len(), false);
    let community = cw_registry::settings::get(ctx, serde_json::Value::Null)?.community_name;
    let summary = XlsxSheet {
        sheet_name: "说明".into(),
        title: Some(format!("{community}{}年度收费和罚款归档", a.year)),
        headers: strs(&["项目", "内容"]),
        rows: vec![
            vec![text("年度"), Cell::Int(i64::from(a.year))],
            vec![text("导出时间"), text(ctx.now_text())],
            vec![
                text("收据（有效）张数"),
                Cell::Int(receipts.len() as i64 - voided),
            ],
            vec![text("收据作废张数"), Cell::Int(voided)],
            vec![text("有效收据金额"), yuan(receipt_total)],
            vec![text("上解金额"), yuan(remitted)],
            vec![text("罚款（有效）金额"), yuan(fine_total)],
            vec![text("审计记录校验值（导出时）"), text(head)],
            vec![
                text("说明"),
                text("本文件为只读归档；金额以元计；收据缴费人按开具时所写。"),
            ],
        ],
        widths: Some(vec![26.0, 70.0]),
    };
    let bytes =
        cw_tabular::write_xlsx_read_only(&[summary, receipts_sheet(receipts), remittances, fines])?;
    Ok(FileOut {
        file_name: format!("年度归档-{}.xlsx", a.year),
        mime: XLSX_MIME.into(),
        bytes,
        warnings: Vec::new(),
    })
}

/// The year's receipts as rows, the valid total and the number voided.
fn receipts(ctx: &Ctx<'_>, y: &str) -> Result<(Vec<Vec<Cell>>, i64, i64), CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT b.book_no, r.serial, substr(r.issued_at, 1, 10), p.code, r.payer_name,
                r.period_from || '—' || r.period_to, r.months, r.amount_fen, s.name, v.reason
         FROM receipts r JOIN receipt_books b ON b.id = r.book_id JOIN parties p ON p.id = r.party_id
         JOIN staff s ON s.id = r.collector_id LEFT JOIN receipt_voids v ON v.receipt_id = r.id
         WHERE substr(r.issued_at, 1, 4) = ?1 ORDER BY b.book_no, r.serial",
    )?;
    let mut total = 0;
    let mut voided = 0;
    let mut out = Vec::new();
    let rows = stmt.query_map([y], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, i64>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, Option<String>>(9)?,
        ))
    })?;
    for row in rows {
        let (book, serial, day, code, payer, period, months, fen, collector, void) = row?;
        match &void {
            Some(_) => voided += 1,
            None => total += fen,
        }
        out.push(vec![
            text(book),
            Cell::Int(serial),
            Cell::Date(day),
            text(code),
            text(payer),
            text(period),
            Cell::Int(months),
            yuan(fen),
            text(collector),
            text(void.map_or_else(|| "有效".to_string(), |r| format!("作废：{r}"))),
        ]);
    }
    Ok((out, total, voided))
}

fn receipts_sheet(rows: Vec<Vec<Cell>>) -> XlsxSheet {
    XlsxSheet {
        sheet_name: "收据".into(),
        title: None,
        headers: strs(&[
            "本号",
            "号码",
            "开具日期",
            "户号",
            "缴费人",
            "所属期间",
            "月数",
            "金额",
            "收费员",
            "状态",
        ]),
        rows,
        widths: None,
    }
}

fn remittances(ctx: &Ctx<'_>, y: &str) -> Result<(XlsxSheet, i64), CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT batch_id, remitted_on, amount_fen, receiver, note FROM remittances
         WHERE substr(remitted_on, 1, 4) = ?1 ORDER BY remitted_on, id",
    )?;
    let mut total = 0;
    let mut rows = Vec::new();
    let found = stmt.query_map([y], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for row in found {
        let (batch, day, fen, receiver, note) = row?;
        total += fen;
        rows.push(vec![
            Cell::Int(batch),
            Cell::Date(day),
            yuan(fen),
            text(receiver),
            text(note),
        ]);
    }
    Ok((
        XlsxSheet {
            sheet_name: "上解".into(),
            title: None,
            headers: strs(&["批次", "上解日期", "金额", "接收人", "备注"]),
            rows,
            widths: None,
        },
        total,
    ))
}

fn fines(ctx: &Ctx<'_>, y: &str) -> Result<(XlsxSheet, i64), CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT f.id, f.date, s.name, f.kind, f.item_code, f.offence, f.count, f.amount_fen,
                c.kind, c.reason
         FROM fines f JOIN staff s ON s.id = f.staff_id LEFT JOIN fine_corrections c ON c.fine_id = f.id
         WHERE substr(f.date, 1, 4) = ?1 ORDER BY f.date, f.id",
    )?;
    let mut total = 0;
    let mut rows = Vec::new();
    let found = stmt.query_map([y], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, i64>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, Option<String>>(9)?,
        ))
    })?;
    for row in found {
        let (id, day, name, kind, code, offence, count, fen, corr, reason) = row?;
        if corr.is_none() && kind != "奖励" {
            total += fen;
        }
        rows.push(vec![
            Cell::Int(id),
            Cell::Date(day),
            text(name),
            text(kind),
            text(code),
            text(offence),
            Cell::Int(count),
            yuan(fen),
            text(match (corr, reason) {
                (Some(k), Some(r)) => format!("已{k}：{r}"),
                _ => "有效".into(),
            }),
        ]);
    }
    Ok((
        XlsxSheet {
            sheet_name: "罚款".into(),
            title: None,
            headers: strs(&[
                "编号", "日期", "人员", "类别", "条目", "事项", "数量", "金额", "状态",
            ]),
            rows,
            widths: None,
        },
        total,
    ))
}
