//! The demo community's fees: books, exemptions, and a season (September–November) of closed,
//! remitted batches with a couple of voids, a skipped serial and one shortage. Deterministic.

use super::types::{
    BatchInput, BookInput, CloseInput, Denomination, ExemptionInput, IssueInput, RemitInput,
    StandardInput,
};
use super::{batches, books, month_text, receipts, standards};
use chrono::NaiveDate;
use cw_domain::enums::{PartyStatus, Tag};
use cw_domain::registry::HouseholdQuery;
use cw_domain::FixedClock;
use cw_kernel::{CoreError, Ctx};
use cw_registry::households;

/// SplitMix64, as the registry demo uses, so the same seed gives the same season.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn day(m: u32, d: u32) -> Result<NaiveDate, CoreError> {
    NaiveDate::from_ymd_opt(2026, m, d).ok_or_else(|| CoreError::Internal("演示日期有误".into()))
}

fn at(date: NaiveDate, hour: u32) -> Result<FixedClock, CoreError> {
    Ok(FixedClock(date.and_hms_opt(hour, 0, 0).ok_or_else(
        || CoreError::Internal("演示时间有误".into()),
    )?))
}

/// Staff ids with a role in a group, by id.
fn staff_of(ctx: &Ctx<'_>, role: &str, group: i32, only_role: bool) -> Result<Vec<i64>, CoreError> {
    let mut stmt = ctx.conn.prepare(
        "SELECT s.id FROM staff s JOIN staff_roles r ON r.staff_id = s.id AND r.role = ?1
         WHERE s.group_no = ?2 AND s.status = '在岗'
           AND (?3 = 0 OR (SELECT count(*) FROM staff_roles x WHERE x.staff_id = s.id) = 1)
         ORDER BY s.id",
    )?;
    let ids = stmt
        .query_map(rusqlite::params![role, group, only_role], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Adds the fee season to the freshly generated demo community.
pub fn generate(ctx: &Ctx<'_>, seed: u64) -> Result<usize, CoreError> {
    let mut rng = Rng(seed ^ 0x005E_A50F_FEE5);
    let setup = at(day(8, 28)?, 9)?;
    let c0 = Ctx::new(ctx.conn, &setup, ctx.actor, ctx.command);
    standards::create(
        &c0,
        StandardInput {
            category: "单位".into(),
            monthly: "20".into(),
            effective_from: "2026-09".into(),
            basis: "社区两委会议决定（单位每月20元）".into(),
        },
    )?;
    for tag in [Tag::Wubao, Tag::Dibao] {
        standards::create_exemption(
            &c0,
            ExemptionInput {
                year: 2026,
                tag,
                approval: "镇民政办审核，石民〔2026〕12号".into(),
                approved_on: day(8, 25)?,
            },
        )?;
    }
    // Two books of 100 for each group's collector, two spare books in the office.
    let mut collectors = Vec::new();
    let mut cadres = Vec::new();
    let mut serial = 2_026_001;
    for g in 1..=4 {
        let collector = *staff_of(ctx, "收费人员", g, true)?
            .first()
            .ok_or_else(|| CoreError::Internal("演示社区缺少收费人员".into()))?;
        let cadre = *staff_of(ctx, "社区干部", g, false)?
            .last()
            .ok_or_else(|| CoreError::Internal("演示社区缺少社区干部".into()))?;
        collectors.push(collector);
        cadres.push(cadre);
        for k in 0..2 {
            books::register(
                &c0,
                BookInput {
                    book_no: format!("HS{:02}", (g - 1) * 2 + k + 1),
                    first_serial: serial,
                    last_serial: serial + 99,
                    received_on: day(8, 28)?,
                    collector_id: Some(collector),
                    form_id: None,
                },
            )?;
            serial += 100;
        }
    }
    for k in 9..=10 {
        books::register(
            &c0,
            BookInput {
                book_no: format!("HS{k:02}"),
                first_serial: serial,
                last_serial: serial + 99,
                received_on: day(8, 28)?,
                collector_id: None,
                form_id: None,
            },
        )?;
        serial += 100;
    }

    let sep = 2026 * 12 + 8;
    let dec = sep + 3;
    let mut paid_until: std::collections::HashMap<i64, i32> = std::collections::HashMap::new();
    let mut issued = 0;
    for (mi, month) in [9u32, 10, 11].into_iter().enumerate() {
        for g in 1..=4i32 {
            let date = day(month, 3 + g as u32 * 3)?;
            let clock = at(date, 9)?;
            let c = Ctx::new(ctx.conn, &clock, ctx.actor, ctx.command);
            let collector = collectors[(g - 1) as usize];
            let batch = batches::open(
                &c,
                BatchInput {
                    group_no: g,
                    on_date: Some(date),
                    collector_ids: vec![collector],
                    cadre_id: Some(cadres[(g - 1) as usize]),
                    note: String::new(),
                },
            )?;
            let parties = households::all_matching(
                ctx.conn,
                &HouseholdQuery {
                    group_no: Some(g),
                    status: Some(PartyStatus::Active),
                    ..Default::default()
                },
            )?;
            let mut in_batch = 0;
            for h in parties {
                if in_batch >= 30 {
                    break;
                }
                let from = paid_until.get(&h.id).map(|m| m + 1).unwrap_or(sep);
                if from > dec || !rng.chance([30, 25, 20][mi]) {
                    continue;
                }
                let this_month = sep + mi as i32;
                let to = if rng.chance(75) {
                    dec
                } else {
                    this_month.max(from)
                };
                let args = IssueInput {
                    batch_id: batch.id,
                    party_id: h.id,
                    collector_id: collector,
                    period_from: month_text(from),
                    period_to: month_text(to),
                    ..Default::default()
                };
                let q = receipts::quote(
                    &c,
                    receipts::QuoteArgs {
                        party_id: h.id,
                        period_from: args.period_from.clone(),
                        period_to: args.period_to.clone(),
                    },
                )?;
                if q.amount == "0.00" {
                    continue;
                }
                let skip = mi == 1 && g == 2 && in_batch == 5;
                let r = receipts::issue_receipt(
                    &c,
                    IssueInput {
                        serial: skip
                            .then(|| {
                                books::book_for(ctx.conn, collector, None)
                                    .ok()
                                    .and_then(|b| b.next_serial)
                                    .map(|s| s + 1)
                            })
                            .flatten(),
                        skip_reason: if skip {
                            "收据填写污损".into()
                        } else {
                            String::new()
                        },
                        ..args.clone()
                    },
                )?;
                issued += 1;
                in_batch += 1;
                // A wrong amount voided and issued again; a payer who had already paid elsewhere.
                let void_reason = match (mi, g, in_batch) {
                    (0, 2, 3) => Some("金额填写错误，重开"),
                    (1, 3, 7) => Some("缴费人已在单位代缴，退回现金"),
                    _ => None,
                };
                if let Some(reason) = void_reason {
                    receipts::void(
                        &c,
                        receipts::ReasonArgs {
                            id: r.id,
                            reason: reason.into(),
                        },
                    )?;
                    if mi == 0 {
                        receipts::issue_receipt(&c, args)?;
                        issued += 1;
                    } else {
                        continue;
                    }
                }
                paid_until.insert(h.id, to);
            }
            let b = batches::load(ctx.conn, batch.id)?;
            let close_clock = at(date, 17)?;
            let cc = Ctx::new(ctx.conn, &close_clock, ctx.actor, ctx.command);
            // One shortage: a counterfeit ¥10 note found in group 1's October cash.
            let short = mi == 1 && g == 1;
            let expected = super::fen("应收", &b.total)?;
            let counted = if short { expected - 1000 } else { expected };
            batches::close(
                &cc,
                CloseInput {
                    batch_id: b.id,
                    counted: super::wire(counted),
                    denominations: if mi == 0 && g == 1 {
                        vec![
                            Denomination {
                                face: "10".into(),
                                count: counted / 1000,
                            },
                            Denomination {
                                face: "5".into(),
                                count: (counted % 1000) / 500,
                            },
                        ]
                    } else {
                        Vec::new()
                    },
                    counterfeit: if short { "10".into() } else { String::new() },
                    // The demo's clerk has counted and confirms the counterfeit note's charge.
                    confirm_charge: true,
                    counterfeit_note: if short {
                        "10元假币1张，已收缴".into()
                    } else {
                        String::new()
                    },
                    ..Default::default()
                },
            )?;
            // The last batch of the season is not yet remitted (it shows as overdue).
            if !(mi == 2 && g == 4) {
                let next = date + chrono::Duration::days(1);
                let rc = at(next, 10)?;
                batches::remit(
                    &Ctx::new(ctx.conn, &rc, ctx.actor, ctx.command),
                    RemitInput {
                        batch_id: b.id,
                        remitted_on: Some(next),
                        receiver: "经管站 刘会计".into(),
                        ..Default::default()
                    },
                )?;
            }
        }
    }
    Ok(issued)
}
