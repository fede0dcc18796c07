//! One party's pledge of the year with every status change of its pledges.

use super::{row, PledgeRow};
use crate::{parse_date, year_or_current, PledgeStatus};
use chrono::NaiveDate;
use cw_kernel::{CoreError, Ctx};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One status change of a pledge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PledgeEvent {
    pub number: String,
    pub at: String,
    pub actor: String,
    pub status: PledgeStatus,
    pub on_date: Option<NaiveDate>,
    pub signer: String,
    pub collector_name: Option<String>,
    pub reason: String,
}

/// A party's pledge of the year and every status change of its pledges (void ones included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PledgeDetail {
    pub row: PledgeRow,
    pub history: Vec<PledgeEvent>,
}

/// Arguments naming a party (and optionally a year).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartyYearArgs {
    pub party_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
}

/// A party's pledge and its history.
pub fn get(ctx: &Ctx<'_>, a: PartyYearArgs) -> Result<PledgeDetail, CoreError> {
    let year = year_or_current(ctx, a.year)?;
    let row = row(ctx.conn, year, a.party_id)?;
    let mut stmt = ctx.conn.prepare(
        "SELECT g.number, e.at, e.actor, e.status, e.on_date, e.signer, s.name, e.reason
         FROM pledge_events e JOIN pledges g ON g.id = e.pledge_id LEFT JOIN staff s ON s.id = e.collector_id
         WHERE g.party_id = ?1 AND g.year = ?2 ORDER BY e.id",
    )?;
    let history = stmt
        .query_map(params![a.party_id, year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                cw_store::sql::column_at::<PledgeStatus>(r, 3, "pledge_events", "status")?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?
        .map(|r| {
            let (number, at, actor, status, on, signer, collector_name, reason) = r?;
            Ok(PledgeEvent {
                number,
                at,
                actor: cw_kernel::words::actor_name(ctx.conn, &actor),
                status,
                on_date: on.as_deref().map(parse_date).transpose()?,
                signer,
                collector_name,
                reason,
            })
        })
        .collect::<Result<Vec<_>, CoreError>>()?;
    Ok(PledgeDetail { row, history })
}
