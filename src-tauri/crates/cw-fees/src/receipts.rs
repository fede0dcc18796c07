//! Receipts: pricing a period, issuing a receipt on the next serial, voiding and reprinting.
//! A receipt is never changed; [`issue_receipt`] is the one way to write one.

use super::batches;
use super::books;
use super::standards::Tariff;
use super::types::{IssueInput, PayerOption, Quote, Receipt, Suggestion};
use super::{fen, month_text, parse_month, wire, MonthNo};
use cw_domain::enums::PartyStatus;
use cw_domain::{money_words, text, DomainError};
use cw_kernel::{CoreError, Ctx};
use cw_registry::{households, IdArgs};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

const SELECT: &str = "SELECT r.id, r.batch_id, r.book_id, b.book_no, r.serial, r.party_id, p.code, r.payer_name,
    r.period_from, r.period_to, r.months, r.standard_fen, r.amount_fen, r.override_reason, r.amount_words,
    r.collector_id, c.name, d.name, r.issued_at, v.reason,
    (SELECT count(*) FROM receipt_reprints x WHERE x.receipt_id = r.id),
    p.street, p.number, p.building, p.unit, p.room, cb.on_date
  FROM receipts r JOIN receipt_books b ON b.id = r.book_id JOIN parties p ON p.id = r.party_id
  JOIN collection_batches cb ON cb.id = r.batch_id
  JOIN staff c ON c.id = r.collector_id JOIN staff d ON d.id = r.cadre_id
  LEFT JOIN receipt_voids v ON v.receipt_id = r.id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Receipt> {
    let address = cw_domain::address::Address {
        street: r.get(21)?,
        number: r.get(22)?,
        building: r.get(23)?,
        unit: r.get(24)?,
        room: r.get(25)?,
    };
    Ok(Receipt {
        id: r.get(0)?,
        batch_id: r.get(1)?,
        book_id: r.get(2)?,
        book_no: r.get(3)?,
        serial: r.get(4)?,
        party_id: r.get(5)?,
        party_code: r.get(6)?,
        payer_name: r.get(7)?,
        address: address.display(),
        period_from: r.get(8)?,
        period_to: r.get(9)?,
        months: r.get(10)?,
        standard: wire(r.get(11)?),
        amount: wire(r.get(12)?),
        override_reason: r.get(13)?,
        amount_words: r.get(14)?,
        collector_id: r.get(15)?,
        collector_name: r.get(16)?,
        cadre_name: r.get(17)?,
        collected_on: r.get(26)?,
        issued_at: r.get(18)?,
        void_reason: r.get(19)?,
        reprints: r.get(20)?,
    })
}

/// One receipt.
pub fn load(conn: &Connection, id: i64) -> Result<Receipt, CoreError> {
    conn.query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { what: "收据", id })
}

/// Arguments of [`list`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct ReceiptQuery {
    #[ts(optional = nullable)]
    pub batch_id: Option<i64>,
    #[ts(optional = nullable)]
    pub party_id: Option<i64>,
    #[ts(optional = nullable)]
    pub book_id: Option<i64>,
}

/// Receipts of a batch, a payer or a book, in serial order.
pub fn list(ctx: &Ctx<'_>, q: ReceiptQuery) -> Result<Vec<Receipt>, CoreError> {
    list_where(ctx.conn, &q)
}

/// [`list`] on a connection.
pub fn list_where(conn: &Connection, q: &ReceiptQuery) -> Result<Vec<Receipt>, CoreError> {
    // Only the conditions given: `(?1 IS NULL OR r.batch_id = ?1)` kept SQLite from using the
    // batch and party indexes, so a batch's receipts read all 2,000,000 receipts at 10×.
    let mut f = cw_kernel::sql::Filter::default();
    f.eq_opt("r.batch_id", q.batch_id);
    f.eq_opt("r.party_id", q.party_id);
    f.eq_opt("r.book_id", q.book_id);
    let sql = format!("{SELECT}{} ORDER BY b.first_serial, r.serial", f.sql());
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(f.params.iter()), from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Months of a party already paid by valid receipts.
pub fn paid_months(conn: &Connection, party_id: i64) -> Result<Vec<MonthNo>, CoreError> {
    paid_months_as_of(conn, party_id, None)
}

/// Months of a party paid by receipts collected on or before `as_of` and not voided by then
/// (every valid receipt when `as_of` is none).
pub fn paid_months_as_of(
    conn: &Connection,
    party_id: i64,
    as_of: Option<chrono::NaiveDate>,
) -> Result<Vec<MonthNo>, CoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT period_from, period_to FROM receipts r WHERE party_id = ?1
         AND (?2 IS NULL OR (SELECT b.on_date FROM collection_batches b WHERE b.id = r.batch_id) <= ?2)
         AND NOT EXISTS (SELECT 1 FROM receipt_voids v WHERE v.receipt_id = r.id
                         AND (?2 IS NULL OR substr(v.at, 1, 10) <= ?2))",
    )?;
    let mut out = Vec::new();
    for row in stmt.query_map(params![party_id, as_of.map(|d| d.to_string())], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (f, t) = row?;
        out.extend(parse_month("起始月份", &f)?..=parse_month("终止月份", &t)?);
    }
    out.sort_unstable();
    Ok(out)
}

/// Arguments of [`quote`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct QuoteArgs {
    pub party_id: i64,
    pub period_from: String,
    pub period_to: String,
}

fn period(from: &str, to: &str) -> Result<(MonthNo, MonthNo), CoreError> {
    let f = parse_month("起始月份", from)?;
    let t = parse_month("终止月份", to)?;
    if t < f {
        return Err(DomainError::invalid("终止月份", "不能早于起始月份").into());
    }
    if t - f >= 36 {
        return Err(DomainError::invalid("终止月份", "一张收据最多 36 个月").into());
    }
    Ok((f, t))
}

/// What a party owes for a period by the standard (a part month counts as a month).
pub fn quote(ctx: &Ctx<'_>, a: QuoteArgs) -> Result<Quote, CoreError> {
    let (f, t) = period(&a.period_from, &a.period_to)?;
    let h = households::load(ctx.conn, a.party_id)?;
    let tariff = Tariff::load(ctx.conn)?;
    let paid = paid_months(ctx.conn, a.party_id)?;
    let mut amount = 0;
    let mut exempt = Vec::new();
    for m in f..=t {
        if tariff.is_exempt(&h.tags, m) {
            exempt.push(month_text(m));
        } else {
            amount += tariff.monthly(&h.fee_category, h.kind, m).unwrap_or(0);
        }
    }
    Ok(Quote {
        party_id: h.id,
        months: i64::from(t - f + 1),
        amount: wire(amount),
        amount_words: money_words::fen_to_words(amount)?,
        paid_months: paid
            .into_iter()
            .filter(|m| (f..=t).contains(m))
            .map(month_text)
            .collect(),
        exempt_months: exempt,
    })
}

/// Issues a receipt: checks the batch is open, the collector is in it, the months are not
/// already paid, prices the period by the standard (an override needs a reason), takes the next
/// unused serial of the collector's book (a skip voids the skipped serials, with a reason) and
/// writes the receipt with its 大写金额 and an audit row.
pub fn issue_receipt(ctx: &Ctx<'_>, i: IssueInput) -> Result<Receipt, CoreError> {
    let batch = batches::load(ctx.conn, i.batch_id)?;
    if batch.closing.is_some() {
        return Err(CoreError::Conflict(format!(
            "第 {} 号批次已结账，不能再开收据",
            batch.id
        )));
    }
    if !batch.collector_ids.contains(&i.collector_id) {
        return Err(DomainError::invalid("收费人员", "不是本批次的收费人员").into());
    }
    let h = households::load(ctx.conn, i.party_id)?;
    if h.status != PartyStatus::Active {
        return Err(
            DomainError::invalid("缴费人", format!("{}已{}", h.name, h.status.label())).into(),
        );
    }
    if h.group_no != Some(batch.group_no) && !i.confirm_other_group {
        return Err(CoreError::Conflict(format!(
            "{}（{}）属{}，不是本批次的{}：请确认是否为其开收据",
            h.name,
            h.code,
            super::rates::group_name(h.group_no),
            super::rates::group_name(Some(batch.group_no))
        )));
    }
    let q = quote(
        ctx,
        QuoteArgs {
            party_id: i.party_id,
            period_from: i.period_from.clone(),
            period_to: i.period_to.clone(),
        },
    )?;
    if !q.paid_months.is_empty() {
        return Err(CoreError::Conflict(format!(
            "{}的 {} 已缴费",
            h.name,
            q.paid_months.join("、")
        )));
    }
    let standard = fen("应收金额", &q.amount)?;
    let amount = match i.amount.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(a) => fen("实收金额", a)?,
        None => standard,
    };
    if amount <= 0 {
        return Err(
            DomainError::invalid("实收金额", "该户本期免收或无收费标准，金额须大于 0").into(),
        );
    }
    let override_reason = text::limited("改价原因", &i.override_reason, 100)?;
    if amount != standard && override_reason.is_empty() {
        return Err(DomainError::invalid(
            "改价原因",
            format!(
                "实收 {} 与标准 {} 不符，须写明原因",
                wire(amount),
                wire(standard)
            ),
        )
        .into());
    }
    if amount > standard {
        let times = super::settings::load(ctx.conn)?
            .settings
            .override_cap_times
            .unwrap_or(super::override_cap::DEFAULT_TIMES);
        super::override_cap::check(
            &Tariff::load(ctx.conn)?,
            &h.fee_category,
            h.kind,
            period(&i.period_from, &i.period_to)?,
            standard,
            amount,
            times,
        )?;
    }
    let book = books::book_for(ctx.conn, i.collector_id, i.book_id)?;
    let next = book
        .next_serial
        .ok_or_else(|| CoreError::Conflict(format!("收据本「{}」已用完", book.book_no)))?;
    let serial = i.serial.unwrap_or(next);
    if serial < next || serial > book.last_serial {
        return Err(DomainError::invalid(
            "收据号",
            format!("{serial} 号不可用，下一张应为 {next} 号"),
        )
        .into());
    }
    if serial > next {
        let skip_reason = text::limited("跳号原因", &i.skip_reason, 100)?;
        if skip_reason.is_empty() {
            return Err(DomainError::invalid(
                "跳号原因",
                format!(
                    "下一张应为 {next} 号；跳到 {serial} 号须先将 {next}–{} 号作废并写明原因",
                    serial - 1
                ),
            )
            .into());
        }
        let skipped: Vec<i64> = (next..serial).collect();
        books::mark_serials(
            ctx,
            book.id,
            &skipped,
            "作废",
            &format!("跳号作废：{skip_reason}"),
        )?;
    }
    let (f, t) = period(&i.period_from, &i.period_to)?;
    let words = money_words::fen_to_words(amount)?;
    ctx.conn.execute(
        "INSERT INTO receipts (batch_id, book_id, serial, party_id, payer_name, period_from, period_to, months,
           standard_fen, amount_fen, override_reason, amount_words, collector_id, cadre_id, issued_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            batch.id,
            book.id,
            serial,
            h.id,
            h.name,
            month_text(f),
            month_text(t),
            t - f + 1,
            standard,
            amount,
            override_reason,
            words,
            i.collector_id,
            batch.cadre_id,
            ctx.now_text(),
            ctx.actor
        ],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let r = load(ctx.conn, id)?;
    ctx.audit::<(), _>("receipts", Some(id), None, Some(&r))?;
    Ok(r)
}

/// Arguments of [`suggest`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct SuggestArgs {
    pub party_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub batch_id: Option<i64>,
}

/// What the fee form starts with for a payer: from the first month of the collection period
/// (the rate report's period) not yet paid, to the period's end; when the period is paid, the
/// next unpaid month alone (paid ahead, 预收). Priced by the standard.
pub fn suggest(ctx: &Ctx<'_>, a: SuggestArgs) -> Result<Suggestion, CoreError> {
    let (start, end) = super::rates::period_of(ctx.conn, &super::rates::RateArgs::default())?;
    let paid = paid_months(ctx.conn, a.party_id)?;
    let mut first = start;
    while paid.binary_search(&first).is_ok() {
        first += 1;
    }
    let mut last = if first <= end { end } else { first };
    // A receipt never covers a month already paid (a later one paid ahead).
    if let Some(p) = paid.iter().find(|&&m| m > first && m <= last) {
        last = p - 1;
    }
    let q = quote(
        ctx,
        QuoteArgs {
            party_id: a.party_id,
            period_from: month_text(first),
            period_to: month_text(last),
        },
    )?;
    Ok(Suggestion {
        party_id: a.party_id,
        period_from: month_text(first),
        period_to: month_text(last),
        amount: q.amount,
    })
}

/// Arguments of [`payers`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(default)]
pub struct PayerArgs {
    #[ts(optional = nullable)]
    pub batch_id: i64,
    #[ts(optional = nullable)]
    pub q: String,
}

/// Payers matching what the clerk typed, for the fee form: the party whose code is the text
/// typed (or its number: `761` is H000761) first, then the batch's own group in walking order,
/// then other groups' (marked, so a receipt for them needs a confirmation). Active parties only.
pub fn payers(ctx: &Ctx<'_>, a: PayerArgs) -> Result<Vec<PayerOption>, CoreError> {
    let batch = batches::load(ctx.conn, a.batch_id)?;
    let q = a.q.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    // A code is its kind's letter and the party's id in six digits (H000761), so the number
    // typed alone names the party too.
    let by_number = q
        .chars()
        .all(|c| c.is_ascii_digit())
        .then(|| q.parse::<i64>().ok())
        .flatten();
    let exact_id: Option<i64> = ctx
        .conn
        .query_row(
            "SELECT id FROM parties WHERE (code = upper(?1) OR id = ?2) AND status = '正常'
             ORDER BY code = upper(?1) DESC LIMIT 1",
            params![q, by_number],
            |r| r.get(0),
        )
        .optional()?;
    let page = households::list(
        ctx,
        cw_domain::registry::HouseholdQuery {
            q: q.to_string(),
            status: Some(PartyStatus::Active),
            page_size: Some(50),
            ..Default::default()
        },
    )?;
    let mut found = page.items;
    if let Some(id) = exact_id {
        if !found.iter().any(|h| h.id == id) {
            found.insert(0, households::load(ctx.conn, id)?);
        }
    }
    let mut out: Vec<PayerOption> = found
        .into_iter()
        .map(|h| PayerOption {
            exact: Some(h.id) == exact_id,
            other_group: h.group_no != Some(batch.group_no),
            group_name: super::rates::group_name(h.group_no),
            id: h.id,
            code: h.code,
            name: h.name,
            address: h.address_text,
            group_no: h.group_no,
        })
        .collect();
    // Stable: walking order is kept inside each of the three ranks.
    out.sort_by_key(|p| (!p.exact, p.other_group));
    out.truncate(20);
    Ok(out)
}

/// Arguments of [`void`] and [`reprint`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct ReasonArgs {
    pub id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reason: String,
}

/// Voids a receipt with a reason; all its parts are kept and print 作废.
pub fn void(ctx: &Ctx<'_>, a: ReasonArgs) -> Result<Receipt, CoreError> {
    let reason = text::limited("作废原因", &text::required("作废原因", &a.reason)?, 100)?;
    let before = load(ctx.conn, a.id)?;
    if before.void_reason.is_some() {
        return Err(CoreError::Conflict(format!(
            "{} 号收据已作废",
            before.serial
        )));
    }
    if batches::load(ctx.conn, before.batch_id)?.closing.is_some() {
        // The cash was counted against it: voiding it would leave the batch's receipts short of
        // the cash counted and remitted, unseen. The batch records what happened to the money.
        return Err(CoreError::Conflict(format!(
            "第 {} 号批次已结账，{} 号收据不能直接作废：请在批次中登记调整（退款给缴费人，或短款由收费人员赔偿）",
            before.batch_id, before.serial
        )));
    }
    ctx.conn.execute(
        "INSERT INTO receipt_voids (receipt_id, reason, at, by) VALUES (?1, ?2, ?3, ?4)",
        params![a.id, reason, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, a.id)?;
    ctx.audit("receipts", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}

/// Records a reprint 补打 of a receipt (same serial); the print then says 补打.
pub fn reprint(ctx: &Ctx<'_>, a: ReasonArgs) -> Result<Receipt, CoreError> {
    let before = load(ctx.conn, a.id)?;
    let reason = text::limited("补打原因", &a.reason, 100)?;
    ctx.conn.execute(
        "INSERT INTO receipt_reprints (receipt_id, reason, at, by) VALUES (?1, ?2, ?3, ?4)",
        params![a.id, reason, ctx.now_text(), ctx.actor],
    )?;
    let after = load(ctx.conn, a.id)?;
    ctx.audit("receipts", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}

/// One receipt by id.
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<Receipt, CoreError> {
    load(ctx.conn, a.id)
}
