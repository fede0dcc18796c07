//! The registry: settings, collection groups, staff, zones and households/shops/units.

pub mod dashboard;
pub mod groups;
pub mod households;
mod households_by_zone;
pub mod settings;
pub mod sql;
pub mod staff;
pub mod zones;

use crate::commands::{self, Allowed, CommandKind};
use crate::{CoreError, Ctx};
use cw_domain::enums::{PartyKind, PartyStatus, Role, StaffStatus, Tag, ZoneKind};
use cw_domain::registry::Options;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Arguments naming one record.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct IdArgs {
    pub id: i64,
}

/// Arguments of an update: the record and its new values.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct UpdateArgs<T> {
    pub id: i64,
    pub input: T,
}

/// Every choice the forms offer.
pub fn options(_ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<Options, CoreError> {
    Ok(Options {
        roles: Role::ALL.to_vec(),
        staff_statuses: StaffStatus::ALL.to_vec(),
        zone_kinds: ZoneKind::ALL.to_vec(),
        party_kinds: PartyKind::ALL.to_vec(),
        party_statuses: PartyStatus::ALL.to_vec(),
        tags: Tag::ALL.to_vec(),
        group_nos: vec![1, 2, 3, 4],
    })
}

/// One line of the command listing, with its policy: the UI hides what the signed-in role may
/// not do from it, and `chuangwei commands` prints it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CommandLine {
    pub name: &'static str,
    pub kind: CommandKind,
    pub summary: &'static str,
    /// Who may run it.
    pub allowed: Allowed,
    /// Whether a locked session may still run it.
    pub when_locked: bool,
    /// Whether it runs on the recovery page of a damaged file.
    pub in_recovery: bool,
    /// The reason tag of the backup made before it, if it makes one.
    pub backup_first: Option<&'static str>,
}

/// Every command with its kind, summary and policy.
pub fn command_list(
    _ctx: &Ctx<'_>,
    _args: serde_json::Value,
) -> Result<Vec<CommandLine>, CoreError> {
    Ok(commands::all()
        .map(|c| CommandLine {
            name: c.name,
            kind: c.kind,
            summary: c.summary,
            allowed: c.policy.allowed,
            when_locked: c.policy.when_locked,
            in_recovery: c.policy.in_recovery,
            backup_first: c.policy.backup_first,
        })
        .collect())
}
