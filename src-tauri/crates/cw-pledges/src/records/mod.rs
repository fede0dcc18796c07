//! Pledge records: numbering (MQ-YYYY-NNNNN, never reused), the list with each party's status,
//! recording signed / refused / void / printed as history rows, and one party's pledge history.
//!
//! [`query`] finds the list's rows, [`numbering`] gives a party its pledge of the year,
//! [`recording`] changes its status, [`quick`] is 快速登记's lookup, [`scan`] marks a scanned
//! pledge signed, and [`history`] a party's pledge with every change.

mod history;
mod numbering;
mod query;
mod quick;
mod recording;
mod scan;

pub use history::{get, PartyYearArgs, PledgeDetail, PledgeEvent};
pub use numbering::ensure;
pub use query::{all_matching, list};
pub use quick::{quick, QuickArgs, QuickMatch};
pub use recording::{record, RecordArgs};
pub use scan::{scan_signed, ScanArgs};

use super::{parse_date, PledgeStatus, Scope};
use chrono::NaiveDate;
use cw_domain::enums::{PartyKind, PartyStatus};
use cw_kernel::CoreError;
use cw_store::sql::column_at;
use query::query_rows;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A party with its live pledge of the year (if numbered yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PledgeRow {
    pub party_id: i64,
    pub party_code: String,
    pub kind: PartyKind,
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub address_text: String,
    pub zone_id: Option<i64>,
    pub zone_name: Option<String>,
    pub group_no: Option<i32>,
    pub party_status: PartyStatus,
    pub pledge_id: Option<i64>,
    /// MQ-2026-00001 once numbered.
    pub number: Option<String>,
    pub status: PledgeStatus,
    pub signed_on: Option<NaiveDate>,
    pub signer: String,
    pub collector_id: Option<i64>,
    pub collector_name: Option<String>,
    /// Why refused or void.
    pub reason: String,
    pub print_count: i64,
    pub has_attachment: bool,
}

/// Filters of the pledge list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PledgeQuery {
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub scope: Scope,
    #[ts(optional = nullable)]
    pub kind: Option<PartyKind>,
    #[ts(optional = nullable)]
    pub status: Option<PledgeStatus>,
    /// Name, contact, phone, address, code, pledge number or pinyin initials.
    #[ts(optional = nullable)]
    pub q: String,
    /// Moved-out households and closed shops too (they are left out by default).
    #[ts(optional = nullable)]
    pub include_inactive: bool,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

const COLUMNS: &str = "p.id, p.code, p.kind, p.name, p.contact, p.phone, p.street, p.number, p.building, p.unit, p.room,
    p.zone_id, z.name, p.group_no, p.status, g.id, g.number, COALESCE(g.status, '未打印'), g.signed_on, COALESCE(g.signer, ''),
    g.collector_id, s.name, COALESCE(g.reason, ''), COALESCE(g.print_count, 0), g.attachment IS NOT NULL";

/// Parties joined to their live pledge of the year `?1`.
pub const FROM: &str = "FROM parties p
    LEFT JOIN zones z ON z.id = p.zone_id
    LEFT JOIN pledges g ON g.party_id = p.id AND g.year = ?1 AND g.status <> '作废'
    LEFT JOIN staff s ON s.id = g.collector_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<PledgeRow, CoreError>> {
    let address = cw_domain::address::Address {
        street: r.get(6)?,
        number: r.get(7)?,
        building: r.get(8)?,
        unit: r.get(9)?,
        room: r.get(10)?,
    };
    // An unknown kind or status is an error naming its column, never quietly some default.
    let kind: PartyKind = column_at(r, 2, "parties", "kind")?;
    let party_status: PartyStatus = column_at(r, 14, "parties", "status")?;
    let status: PledgeStatus = column_at(r, 17, "pledges", "status")?;
    let signed: Option<String> = r.get(18)?;
    let build = || -> Result<PledgeRow, CoreError> {
        Ok(PledgeRow {
            party_id: r.get(0)?,
            party_code: r.get(1)?,
            kind,
            name: r.get(3)?,
            contact: r.get(4)?,
            phone: r.get(5)?,
            address_text: address.display(),
            zone_id: r.get(11)?,
            zone_name: r.get(12)?,
            group_no: r.get(13)?,
            party_status,
            pledge_id: r.get(15)?,
            number: r.get(16)?,
            status,
            signed_on: signed.as_deref().map(parse_date).transpose()?,
            signer: r.get(19)?,
            collector_id: r.get(20)?,
            collector_name: r.get(21)?,
            reason: r.get(22)?,
            print_count: r.get(23)?,
            has_attachment: r.get(24)?,
        })
    };
    Ok(build())
}

/// One party's row for a year.
pub fn row(conn: &Connection, year: i32, party_id: i64) -> Result<PledgeRow, CoreError> {
    query_rows(
        conn,
        FROM,
        " WHERE p.id = ?2",
        &[i64::from(year).into(), party_id.into()],
    )?
    .into_iter()
    .next()
    .ok_or(CoreError::NotFound {
        what: "住户",
        id: party_id,
    })
}

/// The pledge a batch or a form prints: number, year, template version and the party.
pub fn pledge_party(conn: &Connection, pledge_id: i64) -> Result<(i32, i64, i64), CoreError> {
    conn.query_row(
        "SELECT year, party_id, template_id FROM pledges WHERE id = ?1",
        [pledge_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "责任书",
        id: pledge_id,
    })
}
