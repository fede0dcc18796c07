//! The registry: settings, collection groups, staff, zones and households/shops/units.

pub mod dashboard;
pub mod groups;
pub mod households;
mod households_by_zone;
pub mod settings;
pub use cw_kernel::sql;
pub mod staff;
pub mod zones;

pub mod export_log;
pub mod exports;
pub mod import;
pub mod list_document;
pub mod print;
pub mod privacy;
pub mod retention;
pub mod table;

pub use cw_kernel::{IdArgs, UpdateArgs};

use cw_domain::enums::{PartyKind, PartyStatus, Role, StaffStatus, Tag, ZoneKind};
use cw_domain::registry::Options;
use cw_kernel::{CoreError, Ctx};

/// Every choice the forms offer.
pub fn options(ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<Options, CoreError> {
    // Someone who does not see the sensitive tags is not offered them either.
    let tags = if privacy::sees_tags(ctx)? {
        Tag::ALL.to_vec()
    } else {
        privacy::plain_tags(Tag::ALL)
    };
    Ok(Options {
        roles: Role::ALL.to_vec(),
        staff_statuses: StaffStatus::ALL.to_vec(),
        zone_kinds: ZoneKind::ALL.to_vec(),
        party_kinds: PartyKind::ALL.to_vec(),
        party_statuses: PartyStatus::ALL.to_vec(),
        tags,
        group_nos: vec![1, 2, 3, 4],
    })
}
