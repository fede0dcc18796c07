//! The scale community's people and places: staff, zones and parties, through the registry's own
//! checks and inserts (so codes, search keys and addresses are exactly what the app writes).

use super::Counts;
use crate::demo::{name, phone, Rng, SHOP_KINDS, ZONES};
use chrono::NaiveDate;
use cw_domain::address::Address;
use cw_domain::enums::{PartyKind, Role, ZoneKind};
use cw_domain::ids::{StaffId, ZoneId};
use cw_domain::registry::{HouseholdInput, StaffInput, ZoneInput};
use cw_domain::FixedClock;
use cw_kernel::{CoreError, Ctx};
use cw_registry::{households, staff, zones};

/// A party as the money and pledge generators need it.
pub struct Party {
    pub id: i64,
    pub group: i32,
    pub contact: String,
    pub name: String,
    pub shop: bool,
}

/// Who and where, by group (index 0 is group 1).
pub struct People {
    pub cadres: [Vec<i64>; 4],
    pub collectors: [Vec<i64>; 4],
    pub supervisors: Vec<(i64, String)>,
    pub cleaners: Vec<i64>,
    pub zones: Vec<i64>,
    pub parties: Vec<Party>,
}

fn clock(y: i32, m: u32, d: u32) -> Result<FixedClock, CoreError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .map(FixedClock)
        .ok_or_else(|| CoreError::Internal("规模测试日期有误".into()))
}

/// Creates the staff (by role and group), the zones and the parties.
pub fn generate(ctx: &Ctx<'_>, rng: &mut Rng, c: &Counts) -> Result<People, CoreError> {
    let hired = clock(2021, 6, 20)?;
    let cx = Ctx::new(ctx.conn, &hired, ctx.actor, ctx.command);
    let mut p = People {
        cadres: Default::default(),
        collectors: Default::default(),
        supervisors: Vec::new(),
        cleaners: Vec::new(),
        zones: Vec::new(),
        parties: Vec::new(),
    };
    // Per group a twentieth cadres and a twentieth collectors, a tenth supervisors, the rest cleaners.
    let per_group = (c.staff / 80).max(1);
    let supervisors = (c.staff / 10).max(2);
    for n in 0..c.staff {
        let (roles, group) = if n < per_group * 4 {
            (vec![Role::Cadre, Role::Collector], Some((n % 4) as i32 + 1))
        } else if n < per_group * 8 {
            (vec![Role::Collector], Some((n % 4) as i32 + 1))
        } else if n < per_group * 8 + supervisors {
            (vec![Role::Supervisor], None)
        } else {
            (vec![Role::Cleaner], None)
        };
        let cleaner = roles == [Role::Cleaner];
        let nm = name(rng);
        let input = StaffInput {
            name: nm.clone(),
            roles: roles.clone(),
            group_no: group,
            phone: phone(rng),
            hire_date: NaiveDate::from_ymd_opt(2021, 6, 20),
            base_wage: cleaner.then(|| "1800.00".to_string()),
            ..Default::default()
        };
        let id = staff::insert(&cx, &staff::check(cx.conn, &input)?)?;
        match (roles.first(), group) {
            (Some(Role::Cadre), Some(g)) => {
                p.cadres[g as usize - 1].push(id);
                p.collectors[g as usize - 1].push(id);
            }
            (Some(Role::Collector), Some(g)) => p.collectors[g as usize - 1].push(id),
            (Some(Role::Supervisor), _) => p.supervisors.push((id, nm)),
            _ => p.cleaners.push(id),
        }
    }
    if p.cleaners.is_empty() {
        return Err(CoreError::Internal("规模太小，没有保洁员".into()));
    }
    for z in 0..c.zones {
        let (base, kind, boundary, _) = ZONES[z % ZONES.len()];
        let zone = zones::create(
            &cx,
            ZoneInput {
                name: format!("{base}{}片", z / ZONES.len() + 1),
                boundary: boundary.to_string(),
                kind,
                supervisor_id: Some(StaffId(p.supervisors[z % p.supervisors.len()].0)),
                cleaner_ids: vec![StaffId(p.cleaners[z % p.cleaners.len()])],
                note: String::new(),
            },
        )?;
        p.zones.push(zone.id);
    }
    for n in 0..c.parties {
        let zi = n % c.zones;
        let (_, kind, _, streets) = ZONES[zi % ZONES.len()];
        let group = (zi % 4) as i32 + 1;
        let shop = kind == ZoneKind::Market || rng.chance(22);
        let owner = name(rng);
        let (pkind, pname) = if shop {
            (
                PartyKind::Shop,
                format!("{owner}{}", rng.pick(SHOP_KINDS).0),
            )
        } else {
            (PartyKind::Household, owner.clone())
        };
        // Every party its own address: the registry refuses two of a kind, name and address.
        let address = if kind == ZoneKind::Residential {
            Address {
                street: streets[0].to_string(),
                building: (n / 24 + 1).to_string(),
                unit: ((n % 24) / 12 + 1).to_string(),
                room: format!("{}0{}", (n % 12) / 2 + 1, n % 2 + 1),
                ..Default::default()
            }
        } else {
            Address {
                street: streets[n % streets.len()].to_string(),
                number: (n + 1).to_string(),
                ..Default::default()
            }
        };
        let input = HouseholdInput {
            kind: pkind,
            name: pname.clone(),
            contact: owner.clone(),
            phone: if rng.chance(85) {
                phone(rng)
            } else {
                String::new()
            },
            address,
            zone_id: Some(ZoneId(p.zones[zi])),
            group_no: Some(group),
            ..Default::default()
        };
        let id = households::insert(&cx, &households::check(cx.conn, &input)?)?;
        p.parties.push(Party {
            id,
            group,
            contact: owner,
            name: pname,
            shop,
        });
    }
    Ok(p)
}
