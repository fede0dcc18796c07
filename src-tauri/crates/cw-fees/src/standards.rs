//! Fee standards by category and month, and yearly exemptions by tag; [`Tariff`] prices a month.

use super::types::{ExemptParty, Exemption, ExemptionInput, FeeStandard, StandardInput};
use super::{fen, month_text, parse_month, wire, MonthNo};
use cw_domain::enums::{PartyKind, PartyStatus, Tag};
use cw_domain::registry::{Household, HouseholdQuery};
use cw_domain::{text, DomainError};
use cw_kernel::IdArgs;
use cw_kernel::{CoreError, Ctx};
use cw_registry::households;
use rusqlite::params;
use serde::Deserialize;
use std::collections::HashMap;
use ts_rs::TS;

/// The tags that can exempt a household.
pub const EXEMPT_TAGS: [Tag; 4] = [Tag::Wubao, Tag::Dibao, Tag::ElderlyAlone, Tag::Disabled];

/// Every standard, newest first within a category.
pub fn list(ctx: &Ctx<'_>, _a: serde_json::Value) -> Result<Vec<FeeStandard>, CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT id, category, monthly_fen, effective_from, basis, created_at FROM fee_standards
         ORDER BY category, effective_from DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(FeeStandard {
            id: r.get(0)?,
            category: r.get(1)?,
            monthly: wire(r.get(2)?),
            effective_from: r.get(3)?,
            basis: r.get(4)?,
            created_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a standard; it applies from its month on (a later one for the same month wins).
pub fn create(ctx: &Ctx<'_>, i: StandardInput) -> Result<FeeStandard, CoreError> {
    let category = text::limited("收费类别", &text::required("收费类别", &i.category)?, 20)?;
    let monthly = fen("月标准", &i.monthly)?;
    let from = month_text(parse_month("起始月份", &i.effective_from)?);
    let basis = text::limited("依据", &text::required("依据", &i.basis)?, 100)?;
    ctx.conn.execute(
        "INSERT INTO fee_standards (category, monthly_fen, effective_from, basis, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![category, monthly, from, basis, ctx.now_text(), ctx.actor],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let s = FeeStandard {
        id,
        category,
        monthly: wire(monthly),
        effective_from: from,
        basis,
        created_at: ctx.now_text(),
    };
    ctx.audit::<(), _>("fee_standards", Some(id), None, Some(&s))?;
    Ok(s)
}

/// Arguments of [`exemptions`].
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, rename = "FeeYearArgs", optional_fields = nullable)]
#[serde(default)]
pub struct YearArgs {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// The exemptions, with how many active parties each covers.
pub fn exemptions(ctx: &Ctx<'_>, a: YearArgs) -> Result<Vec<Exemption>, CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT e.id, e.year, e.tag, e.approval, e.approved_on, v.reason,
           (SELECT count(*) FROM parties p WHERE p.status = '正常'
              AND (',' || p.tags || ',') LIKE '%,' || e.tag || ',%')
         FROM fee_exemptions e LEFT JOIN fee_exemption_revocations v ON v.exemption_id = e.id
         WHERE ?1 IS NULL OR e.year = ?1 ORDER BY e.year DESC, e.id",
    )?;
    let rows = stmt.query_map([a.year], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, i64>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, year, tag, approval, approved_on, revoked, household_count) = row?;
        out.push(Exemption {
            id,
            year,
            tag: Tag::parse("标签", &tag)?,
            approval,
            approved_on,
            revoked,
            household_count,
        });
    }
    Ok(out)
}

/// Approves an exemption for a year and tag.
pub fn create_exemption(ctx: &Ctx<'_>, i: ExemptionInput) -> Result<Exemption, CoreError> {
    if !EXEMPT_TAGS.contains(&i.tag) {
        return Err(
            DomainError::invalid("减免类别", "只有五保、低保、独居老人、残疾可以减免").into(),
        );
    }
    if !(2000..=2100).contains(&i.year) {
        return Err(DomainError::invalid("年度", "年度有误").into());
    }
    let approval = text::limited("批准情况", &text::required("批准情况", &i.approval)?, 100)?;
    let dup: bool = ctx.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM fee_exemptions e WHERE e.year = ?1 AND e.tag = ?2
           AND NOT EXISTS (SELECT 1 FROM fee_exemption_revocations v WHERE v.exemption_id = e.id))",
        params![i.year, i.tag.label()],
        |r| r.get(0),
    )?;
    if dup {
        return Err(CoreError::Conflict(format!(
            "{}年「{}」已有减免",
            i.year,
            i.tag.label()
        )));
    }
    ctx.conn.execute(
        "INSERT INTO fee_exemptions (year, tag, approval, approved_on, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            i.year,
            i.tag.label(),
            approval,
            i.approved_on.to_string(),
            ctx.now_text(),
            ctx.actor
        ],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let e = exemptions(ctx, YearArgs { year: Some(i.year) })?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(CoreError::NotFound { what: "减免", id })?;
    ctx.audit::<(), _>("fee_exemptions", Some(id), None, Some(&e))?;
    Ok(e)
}

/// Arguments of [`revoke_exemption`].
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct RevokeArgs {
    pub id: i64,
    pub reason: String,
}

/// Withdraws an exemption (kept, marked with the reason).
pub fn revoke_exemption(ctx: &Ctx<'_>, a: RevokeArgs) -> Result<Exemption, CoreError> {
    let reason = text::limited("撤销原因", &text::required("撤销原因", &a.reason)?, 100)?;
    let before = exemptions(ctx, YearArgs::default())?
        .into_iter()
        .find(|e| e.id == a.id)
        .ok_or(CoreError::NotFound {
            what: "减免",
            id: a.id,
        })?;
    if before.revoked.is_some() {
        return Err(CoreError::Conflict("该减免已撤销".into()));
    }
    ctx.conn.execute(
        "INSERT INTO fee_exemption_revocations (exemption_id, reason, at, by) VALUES (?1, ?2, ?3, ?4)",
        params![a.id, reason, ctx.now_text(), ctx.actor],
    )?;
    let after = Exemption {
        revoked: Some(reason),
        ..before.clone()
    };
    ctx.audit("fee_exemptions", Some(a.id), Some(&before), Some(&after))?;
    Ok(after)
}

/// The active parties an exemption of `year` drops from what is expected.
pub fn exempt_parties(ctx: &Ctx<'_>, a: YearArgs) -> Result<Vec<ExemptParty>, CoreError> {
    let year = a
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&ctx.clock.today()));
    let tariff = Tariff::load(ctx.conn)?;
    let mut out = Vec::new();
    for h in active_parties(ctx.conn)? {
        let exempting: Vec<Tag> = h
            .tags
            .iter()
            .copied()
            .filter(|t| tariff.exempt_tags(year).contains(t))
            .collect();
        if !exempting.is_empty() {
            out.push(ExemptParty {
                party_id: h.id,
                code: h.code,
                name: h.name,
                address: h.address_text,
                group_no: h.group_no,
                tags: exempting,
            });
        }
    }
    Ok(out)
}

/// Every party still there, in walking order.
pub fn active_parties(conn: &rusqlite::Connection) -> Result<Vec<Household>, CoreError> {
    households::all_matching(
        conn,
        &HouseholdQuery {
            status: Some(PartyStatus::Active),
            ..Default::default()
        },
    )
}

/// Standards and exemptions in memory, to price many months quickly.
pub struct Tariff {
    /// Per category: (effective_from, monthly 分), in insertion order.
    standards: HashMap<String, Vec<(MonthNo, i64)>>,
    exempt: HashMap<i32, Vec<Tag>>,
}

impl Tariff {
    /// Reads every standard and every exemption not withdrawn.
    pub fn load(conn: &rusqlite::Connection) -> Result<Tariff, CoreError> {
        let mut standards: HashMap<String, Vec<(MonthNo, i64)>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT category, effective_from, monthly_fen FROM fee_standards ORDER BY effective_from, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (cat, from, f) = row?;
            standards
                .entry(cat)
                .or_default()
                .push((parse_month("起始月份", &from)?, f));
        }
        let mut exempt: HashMap<i32, Vec<Tag>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT year, tag FROM fee_exemptions e
             WHERE NOT EXISTS (SELECT 1 FROM fee_exemption_revocations v WHERE v.exemption_id = e.id)",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (year, tag) = row?;
            exempt
                .entry(year)
                .or_default()
                .push(Tag::parse("标签", &tag)?);
        }
        Ok(Tariff { standards, exempt })
    }

    /// The tags exempt in a year.
    pub fn exempt_tags(&self, year: i32) -> &[Tag] {
        self.exempt.get(&year).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The monthly fee of a category in a month, falling back to the kind's default category
    /// (a shop typed 餐馆 without its own standard pays the 门店 standard). None: no standard.
    pub fn monthly(&self, category: &str, kind: PartyKind, month: MonthNo) -> Option<i64> {
        let find = |cat: &str| {
            self.standards.get(cat).and_then(|v| {
                v.iter()
                    .filter(|(from, _)| *from <= month)
                    .max_by_key(|(from, _)| *from)
                    .map(|(_, f)| *f)
            })
        };
        find(category).or_else(|| find(kind.default_fee_category()))
    }

    /// The dearest monthly standard of any category in a month; 0 when there is none.
    pub fn dearest(&self, month: MonthNo) -> i64 {
        self.standards
            .values()
            .filter_map(|v| {
                v.iter()
                    .filter(|(from, _)| *from <= month)
                    .max_by_key(|(from, _)| *from)
                    .map(|(_, f)| *f)
            })
            .max()
            .unwrap_or(0)
    }

    /// Whether a party with these tags is exempt in the month.
    pub fn is_exempt(&self, tags: &[Tag], month: MonthNo) -> bool {
        let year = month / 12;
        tags.iter().any(|t| self.exempt_tags(year).contains(t))
    }

    /// What a party owes for one month: None when exempt or without a standard.
    pub fn due(
        &self,
        category: &str,
        kind: PartyKind,
        tags: &[Tag],
        month: MonthNo,
    ) -> Option<i64> {
        if self.is_exempt(tags, month) {
            None
        } else {
            self.monthly(category, kind, month).filter(|f| *f > 0)
        }
    }
}

/// Reads a standard by id (for the audit of later changes).
pub fn get(ctx: &Ctx<'_>, a: IdArgs) -> Result<FeeStandard, CoreError> {
    list(ctx, serde_json::Value::Null)?
        .into_iter()
        .find(|s| s.id == a.id)
        .ok_or(CoreError::NotFound {
            what: "收费标准",
            id: a.id,
        })
}
