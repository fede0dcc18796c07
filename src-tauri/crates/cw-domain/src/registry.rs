//! Registry records as they cross to the UI: settings, staff, zones, groups, households; lists and pages.

use crate::address::Address;
use crate::enums::{LeaveKind, PartyKind, PartyStatus, Role, StaffStatus, Tag, ZoneKind};
use crate::ids::{StaffId, ZoneId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The community's own details, printed on every document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// e.g. 石马山镇黄山社区居委会.
    pub community_name: String,
    /// e.g. 石马山镇人民政府.
    pub street_office: String,
    /// The text of the community seal, e.g. 黄山社区居民委员会.
    pub seal_text: String,
    /// The campaign year, e.g. 2026.
    pub campaign_year: i32,
}

/// A staff member as entered or edited by the clerk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct StaffInput {
    #[ts(optional = nullable)]
    pub name: String,
    #[ts(optional = nullable)]
    pub roles: Vec<Role>,
    /// Collection group 1–4, if any.
    #[ts(optional = nullable)]
    pub group_no: Option<i32>,
    #[ts(optional = nullable)]
    pub phone: String,
    #[ts(optional = nullable)]
    pub hire_date: Option<NaiveDate>,
    #[ts(optional = nullable)]
    pub leave_date: Option<NaiveDate>,
    /// Monthly base wage in yuan as a decimal string (hired cleaners), e.g. "1800.00".
    #[ts(optional = nullable)]
    pub base_wage: Option<String>,
    /// Zones this person cleans (for cleaners).
    #[ts(optional = nullable)]
    pub zone_ids: Vec<ZoneId>,
    #[ts(optional = nullable)]
    pub note: String,
}

/// A staff member as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Staff {
    pub id: i64,
    pub name: String,
    /// The name's pinyin initials and full pinyin (`wwc|wangweichao`), so a drop-down filters
    /// as the clerk types, the way the search boxes do.
    #[serde(default)]
    pub pinyin: String,
    pub roles: Vec<Role>,
    pub group_no: Option<i32>,
    /// Whether this person leads their collection group.
    pub is_group_leader: bool,
    pub phone: String,
    pub hire_date: Option<NaiveDate>,
    pub leave_date: Option<NaiveDate>,
    /// How the staff member left (none while employed, or for a departure recorded before it was asked).
    pub leave_kind: Option<LeaveKind>,
    /// The day notice of leaving was given (none: no notice, or not asked).
    pub notice_date: Option<NaiveDate>,
    pub base_wage: Option<String>,
    pub status: StaffStatus,
    pub zone_ids: Vec<i64>,
    pub zone_names: Vec<String>,
    pub note: String,
    /// Earlier terms of employment of a worker taken back on, oldest first.
    #[serde(default)]
    pub past_terms: Vec<StaffTerm>,
}

/// An earlier term of employment, ended by leaving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StaffTerm {
    pub hire_date: Option<NaiveDate>,
    pub leave_date: NaiveDate,
    pub leave_kind: Option<LeaveKind>,
    pub notice_date: Option<NaiveDate>,
}

/// Every term of a person's employment, current and past: whether they were on the payroll on a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Employment {
    /// (first day, last day) of each term; none for an open end.
    pub terms: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
}

impl Employment {
    /// One term from a hire date to a leave date.
    pub fn single(hire: Option<NaiveDate>, leave: Option<NaiveDate>) -> Employment {
        Employment {
            terms: vec![(hire, leave)],
        }
    }

    /// Whether some term covers the day (hire and leave days included).
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.terms
            .iter()
            .any(|(h, l)| h.is_none_or(|h| h <= day) && l.is_none_or(|l| day <= l))
    }

    /// The term covering the day, if any.
    pub fn term_on(&self, day: NaiveDate) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
        self.terms
            .iter()
            .copied()
            .find(|(h, l)| h.is_none_or(|h| h <= day) && l.is_none_or(|l| day <= l))
    }
}

/// A responsibility zone as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ZoneInput {
    #[ts(optional = nullable)]
    pub name: String,
    /// The boundaries in words, e.g. 黄山路东段（建设路口至铁路桥）.
    #[ts(optional = nullable)]
    pub boundary: String,
    #[ts(optional = nullable)]
    pub kind: ZoneKind,
    #[ts(optional = nullable)]
    pub supervisor_id: Option<StaffId>,
    #[ts(optional = nullable)]
    pub cleaner_ids: Vec<StaffId>,
    #[ts(optional = nullable)]
    pub note: String,
}

impl Default for ZoneInput {
    fn default() -> Self {
        ZoneInput {
            name: String::new(),
            boundary: String::new(),
            kind: ZoneKind::Street,
            supervisor_id: None,
            cleaner_ids: Vec::new(),
            note: String::new(),
        }
    }
}

/// A responsibility zone as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Zone {
    pub id: i64,
    pub name: String,
    /// The name's pinyin initials and full pinyin, for drop-downs (see [`Staff::pinyin`]).
    #[serde(default)]
    pub pinyin: String,
    pub boundary: String,
    pub kind: ZoneKind,
    pub supervisor_id: Option<i64>,
    pub supervisor_name: Option<String>,
    pub cleaner_ids: Vec<i64>,
    pub cleaner_names: Vec<String>,
    pub active: bool,
    /// Active households, shops and units in the zone.
    pub party_count: i64,
    pub note: String,
}

/// One of the four collection groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Group {
    /// 1–4.
    pub no: i32,
    /// 第一小组 …
    pub name: String,
    pub leader_id: Option<i64>,
    pub leader_name: Option<String>,
    /// Active staff in the group.
    pub member_count: i64,
    /// Active households, shops and units assigned to the group.
    pub party_count: i64,
}

/// A household, shop or unit as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct HouseholdInput {
    #[ts(optional = nullable)]
    pub kind: PartyKind,
    /// 户主 / 店名 / 单位名.
    #[ts(optional = nullable)]
    pub name: String,
    /// The person to talk to (shop owner, unit contact); the head for a household.
    #[ts(optional = nullable)]
    pub contact: String,
    #[ts(optional = nullable)]
    pub phone: String,
    #[ts(optional = nullable)]
    pub address: Address,
    #[ts(optional = nullable)]
    pub zone_id: Option<ZoneId>,
    #[ts(optional = nullable)]
    pub group_no: Option<i32>,
    /// Fee category, e.g. 居民, 门店, 单位 (the fee standards name them).
    #[ts(optional = nullable)]
    pub fee_category: String,
    #[ts(optional = nullable)]
    pub tags: Vec<Tag>,
    #[ts(optional = nullable)]
    pub note: String,
}

impl Default for HouseholdInput {
    fn default() -> Self {
        HouseholdInput {
            kind: PartyKind::Household,
            name: String::new(),
            contact: String::new(),
            phone: String::new(),
            address: Address::default(),
            zone_id: None,
            group_no: None,
            fee_category: String::new(),
            tags: Vec::new(),
            note: String::new(),
        }
    }
}

/// A household, shop or unit as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Household {
    pub id: i64,
    /// The registry number, e.g. H00017: unique, never reused, the key for re-imports.
    pub code: String,
    pub kind: PartyKind,
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub address: Address,
    /// The address as one line, e.g. 黄山路12号3栋2单元301室.
    pub address_text: String,
    pub zone_id: Option<i64>,
    pub zone_name: Option<String>,
    pub group_no: Option<i32>,
    pub fee_category: String,
    pub tags: Vec<Tag>,
    pub status: PartyStatus,
    pub note: String,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Rows matching the filters, over all pages.
    pub total: i64,
    /// 1-based.
    pub page: i64,
    pub page_size: i64,
}

/// Filters, sort and page of the staff list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct StaffQuery {
    /// Name, phone or pinyin initials.
    #[ts(optional = nullable)]
    pub q: String,
    #[ts(optional = nullable)]
    pub role: Option<Role>,
    #[ts(optional = nullable)]
    pub group_no: Option<i32>,
    #[ts(optional = nullable)]
    pub zone_id: Option<i64>,
    #[ts(optional = nullable)]
    pub status: Option<StaffStatus>,
    /// `name`, `group_no`, `hire_date` or `id`.
    #[ts(optional = nullable)]
    pub sort: Option<String>,
    #[ts(optional = nullable)]
    pub desc: bool,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

/// Filters of the zone list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ZoneQuery {
    #[ts(optional = nullable)]
    pub q: String,
    #[ts(optional = nullable)]
    pub kind: Option<ZoneKind>,
    #[ts(optional = nullable)]
    pub include_inactive: bool,
}

/// Filters, sort and page of the household list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct HouseholdQuery {
    /// Name, contact, phone, address, code or pinyin initials.
    #[ts(optional = nullable)]
    pub q: String,
    #[ts(optional = nullable)]
    pub kind: Option<PartyKind>,
    #[ts(optional = nullable)]
    pub zone_id: Option<i64>,
    #[ts(optional = nullable)]
    pub group_no: Option<i32>,
    #[ts(optional = nullable)]
    pub status: Option<PartyStatus>,
    #[ts(optional = nullable)]
    pub tag: Option<Tag>,
    #[ts(optional = nullable)]
    pub street: Option<String>,
    /// `address` (walking order, the default), `name`, `code`, `zone`.
    #[ts(optional = nullable)]
    pub sort: Option<String>,
    #[ts(optional = nullable)]
    pub desc: bool,
    #[ts(optional = nullable)]
    pub page: Option<i64>,
    #[ts(optional = nullable)]
    pub page_size: Option<i64>,
}

/// Counts for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dashboard {
    pub settings: Settings,
    pub households: i64,
    pub shops: i64,
    pub units: i64,
    pub staff_active: i64,
    pub cleaners: i64,
    pub supervisors: i64,
    pub collectors: i64,
    pub cadres: i64,
    pub zones: i64,
    pub groups: Vec<Group>,
    /// Today's date as the app's clock sees it.
    pub today: NaiveDate,
}

/// Every choice the forms offer, so the UI never hard-codes a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Options {
    pub roles: Vec<Role>,
    pub staff_statuses: Vec<StaffStatus>,
    pub zone_kinds: Vec<ZoneKind>,
    pub party_kinds: Vec<PartyKind>,
    pub party_statuses: Vec<PartyStatus>,
    pub tags: Vec<Tag>,
    pub group_nos: Vec<i32>,
}
