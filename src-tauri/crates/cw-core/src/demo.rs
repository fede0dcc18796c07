//! A deterministic, realistic demo community: 4 groups, 8 zones, 22 staff, about 1,500 parties.

use chrono::NaiveDate;
use cw_domain::address::Address;
use cw_domain::enums::{PartyKind, Role, Tag, ZoneKind};
use cw_domain::ids::{StaffId, ZoneId};
use cw_domain::registry::{HouseholdInput, Settings, StaffInput, ZoneInput};
pub(crate) use cw_kernel::rng::Rng;
use cw_kernel::{CoreError, Ctx};
use cw_registry::{groups, households, settings, staff, zones};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "曾", "彭",
    "邹", "颜", "聂", "毛", "谭", "廖", "贺", "邓",
];
pub(crate) const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "桂英", "建华", "建国", "志强", "海燕", "春梅", "红霞", "玉兰", "国庆", "德明",
    "小红", "文斌", "金凤", "永红", "水生", "长青", "月娥", "德华",
];
pub(crate) const SHOP_KINDS: &[(&str, &str)] = &[
    ("超市", "门店"),
    ("五金店", "门店"),
    ("餐馆", "门店"),
    ("早餐店", "门店"),
    ("理发店", "门店"),
    ("药店", "门店"),
    ("建材店", "门店"),
    ("木材行", "门店"),
    ("水果店", "门店"),
    ("粮油店", "门店"),
    ("服装店", "门店"),
    ("手机店", "门店"),
];
const UNITS: &[&str] = &[
    "黄山小学",
    "石马山镇卫生院",
    "黄山社区卫生服务站",
    "石马山派出所黄山警务室",
    "石马山镇农村信用社",
    "黄山幼儿园",
    "市自来水公司黄山营业所",
    "石马山邮政支局",
    "黄山木材市场管理处",
];

/// (zone, kind, boundary, streets in it)
pub(crate) const ZONES: &[(&str, ZoneKind, &str, &[&str])] = &[
    (
        "黄山路东段",
        ZoneKind::Street,
        "黄山路建设路口至铁路桥，两侧人行道及路沿石",
        &["黄山路"],
    ),
    (
        "黄山路西段",
        ZoneKind::Street,
        "黄山路铁路桥至石马山大道口",
        &["黄山西路"],
    ),
    (
        "建设路",
        ZoneKind::Street,
        "建设路全段及两侧巷道",
        &["建设路", "建设一巷"],
    ),
    ("人民路", ZoneKind::Street, "人民路全段", &["人民路"]),
    (
        "木材市场",
        ZoneKind::Market,
        "黄山木材市场内外及停车场",
        &["木材市场路"],
    ),
    (
        "向阳小区",
        ZoneKind::Residential,
        "向阳小区1至12栋及小区道路",
        &["向阳街"],
    ),
    (
        "新华街片区",
        ZoneKind::Street,
        "新华街、新华巷及菜市场周边",
        &["新华街", "新华巷"],
    ),
    (
        "滨河绿化带",
        ZoneKind::Green,
        "滨河路沿河绿化带及步道",
        &["滨河路"],
    ),
];

/// Arguments of [`generate`].
#[derive(Debug, Default, Deserialize, Serialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DemoArgs {
    /// Another seed gives another (equally plausible) community.
    #[ts(optional = nullable)]
    pub seed: Option<u64>,
    /// Times the size of DESIGN §6's community (e.g. "10" or "0.01"); `None` is the usual demo.
    #[ts(type = "string | null")]
    #[ts(optional = nullable)]
    pub scale: Option<rust_decimal::Decimal>,
}

/// What the demo created.
#[derive(Debug, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DemoOutcome {
    pub staff: usize,
    pub zones: usize,
    pub parties: usize,
    #[serde(default)]
    pub receipts: usize,
    #[serde(default)]
    pub fines: usize,
    #[serde(default)]
    pub inspections: usize,
    /// Pledges numbered (signed, refused, printed or void).
    #[serde(default)]
    pub pledges: usize,
    /// The same counts as the clerk reads them: 人员 22 人，……罚款 63 笔……
    #[serde(default)]
    pub summary: String,
}

impl DemoOutcome {
    /// The counts as they stand in the file (every record the demo made, whichever part made it).
    fn counted(conn: &rusqlite::Connection) -> Result<DemoOutcome, CoreError> {
        let count = |table: &str| -> Result<usize, CoreError> {
            let n: i64 =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        let mut o = DemoOutcome {
            staff: count("staff")?,
            zones: count("zones")?,
            parties: count("parties")?,
            receipts: count("receipts")?,
            fines: count("fines")?,
            inspections: count("inspections")?,
            pledges: count("pledges")?,
            summary: String::new(),
        };
        o.summary = format!(
            "人员 {} 人，责任区 {} 个，住户/门店/单位 {} 户，责任书 {} 份，收据 {} 张，罚款 {} 笔，检查 {} 次",
            o.staff, o.zones, o.parties, o.pledges, o.receipts, o.fines, o.inspections
        );
        Ok(o)
    }
}

pub(crate) fn name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

pub(crate) fn phone(rng: &mut Rng) -> String {
    let prefix = rng.pick(&[
        "138", "139", "137", "150", "151", "158", "187", "189", "135", "136",
    ]);
    format!("{prefix}{:08}", rng.next() % 100_000_000)
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Fills an empty database with the demo community; refuses when any registry data exists.
pub fn generate(ctx: &Ctx<'_>, a: DemoArgs) -> Result<DemoOutcome, CoreError> {
    let existing: i64 = ctx.conn.query_row(
        "SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM parties) + (SELECT count(*) FROM zones)",
        [],
        |r| r.get(0),
    )?;
    if existing > 0 {
        return Err(CoreError::Conflict(
            "数据库中已有登记数据，不能再生成演示社区".into(),
        ));
    }
    if let Some(scale) = a.scale {
        crate::scale::generate(ctx, a.seed.unwrap_or(20260705), scale)?;
        return DemoOutcome::counted(ctx.conn);
    }
    let mut rng = Rng(a.seed.unwrap_or(20260705));
    let year = 2026;
    settings::update(
        ctx,
        Settings {
            community_name: "石马山镇黄山社区居委会".into(),
            street_office: "石马山镇人民政府".into(),
            seal_text: "石马山镇黄山社区居民委员会".into(),
            campaign_year: year,
        },
    )?;
    cw_auth::accounts::demo_accounts(ctx)?;

    // The leadership, supervisors and group leaders named in the committee's plan.
    use Role::*;
    let cadres: &[(&str, &[Role], Option<i32>)] = &[
        ("肖建中", &[Leader, Supervisor, Cadre, Collector], Some(4)),
        ("颜永华", &[Leader, Supervisor, Cadre, Collector], Some(1)),
        ("李文莲", &[Leader, Supervisor, Cadre, Collector], Some(3)),
        ("邹安四", &[Leader, Supervisor, Cadre, Collector], Some(2)),
        ("毛克昌", &[Leader, Collector, Cadre], Some(1)),
        ("聂良文", &[Leader, Collector, Cadre], Some(2)),
        ("李美松", &[Leader, Cadre], Some(3)),
        ("黄林", &[Leader, Collector, Cadre], Some(4)),
    ];
    let mut cadre_ids = Vec::new();
    for (n, roles, group) in cadres {
        let input = StaffInput {
            name: n.to_string(),
            roles: roles.to_vec(),
            group_no: *group,
            phone: phone(&mut rng),
            hire_date: date(year, 7, 1),
            ..Default::default()
        };
        cadre_ids.push(staff::insert(ctx, &staff::check(ctx.conn, &input)?)?);
    }
    // Collectors from the police post and group members.
    for g in 1..=4 {
        let input = StaffInput {
            name: name(&mut rng),
            roles: vec![Collector],
            group_no: Some(g),
            phone: phone(&mut rng),
            hire_date: date(year, 8, 20),
            note: if g == 2 {
                "警务室".into()
            } else {
                String::new()
            },
            ..Default::default()
        };
        staff::insert(ctx, &staff::check(ctx.conn, &input)?)?;
    }
    // Cleaners, hired in August at a monthly wage.
    let mut cleaner_ids = Vec::new();
    for i in 0..10 {
        let input = StaffInput {
            name: name(&mut rng),
            roles: vec![Cleaner],
            phone: phone(&mut rng),
            hire_date: date(year, 8, 16 + (i % 3)),
            base_wage: Some(["1800.00", "1800.00", "1650.00", "2000.00"][i as usize % 4].into()),
            ..Default::default()
        };
        cleaner_ids.push(staff::insert(ctx, &staff::check(ctx.conn, &input)?)?);
    }
    for (no, leader) in [(1, 1usize), (2, 3), (3, 2), (4, 0)] {
        groups::set_leader(
            ctx,
            groups::LeaderArgs {
                no,
                leader_id: Some(StaffId(cadre_ids[leader])),
            },
        )?;
    }

    let mut zone_ids = Vec::new();
    for (i, (zname, kind, boundary, _)) in ZONES.iter().enumerate() {
        let mut cleaners = vec![cleaner_ids[i % cleaner_ids.len()]];
        if i < 2 {
            cleaners.push(cleaner_ids[8 + i]);
        }
        let z = zones::create(
            ctx,
            ZoneInput {
                name: zname.to_string(),
                boundary: boundary.to_string(),
                kind: *kind,
                supervisor_id: Some(StaffId(cadre_ids[i % 4])),
                cleaner_ids: cleaners.into_iter().map(StaffId).collect(),
                note: String::new(),
            },
        )?;
        zone_ids.push(z.id);
    }

    for (zi, (_, kind, _, streets)) in ZONES.iter().enumerate() {
        let group = (zi as i32 % 4) + 1;
        let count = match kind {
            ZoneKind::Market => 90,
            ZoneKind::Green => 40,
            ZoneKind::Residential => 300,
            _ => 190,
        };
        for n in 0..count {
            let street = streets[n % streets.len()];
            let shop = *kind == ZoneKind::Market || rng.chance(22);
            let (pkind, pname, contact) = if shop {
                let owner = name(&mut rng);
                let (suffix, _) = if *kind == ZoneKind::Market && rng.chance(60) {
                    ("木材行", "门店")
                } else {
                    *rng.pick(SHOP_KINDS)
                };
                (PartyKind::Shop, format!("{owner}{suffix}"), owner)
            } else {
                let head = name(&mut rng);
                (PartyKind::Household, head.clone(), head)
            };
            let residential = *kind == ZoneKind::Residential;
            let address = Address {
                street: street.to_string(),
                number: if residential {
                    (n / 24 + 1).to_string()
                } else {
                    (n / 2 * 2 + 1 + n % 2).to_string()
                },
                building: if residential {
                    format!("{}", n / 24 + 1)
                } else {
                    String::new()
                },
                unit: if residential {
                    format!("{}", (n % 24) / 12 + 1)
                } else {
                    String::new()
                },
                room: if residential {
                    format!("{}0{}", (n % 12) / 2 + 1, n % 2 + 1)
                } else {
                    String::new()
                },
            };
            let address = if residential {
                Address {
                    number: String::new(),
                    ..address
                }
            } else {
                address
            };
            let mut tags = Vec::new();
            if pkind == PartyKind::Household {
                for (tag, pct) in [
                    (Tag::Dibao, 4),
                    (Tag::Wubao, 1),
                    (Tag::ElderlyAlone, 3),
                    (Tag::Disabled, 2),
                    (Tag::Rental, 8),
                ] {
                    if rng.chance(pct) {
                        tags.push(tag);
                    }
                }
            } else if rng.chance(70) {
                tags.push(Tag::Rental);
            }
            let input = HouseholdInput {
                kind: pkind,
                name: pname,
                contact,
                phone: if rng.chance(85) {
                    phone(&mut rng)
                } else {
                    String::new()
                },
                address,
                zone_id: Some(ZoneId(zone_ids[zi])),
                group_no: Some(group),
                fee_category: String::new(),
                tags,
                note: String::new(),
            };
            let checked = households::check(ctx.conn, &input)?;
            if households::find_same(ctx.conn, &checked.0, None)?.is_some() {
                continue;
            }
            households::insert(ctx, &checked)?;
        }
    }
    for (i, unit) in UNITS.iter().enumerate() {
        let zi = i % ZONES.len();
        let input = HouseholdInput {
            kind: PartyKind::Unit,
            name: unit.to_string(),
            contact: name(&mut rng),
            phone: phone(&mut rng),
            address: Address {
                street: ZONES[zi].3[0].to_string(),
                number: format!("{}", 200 + i * 2),
                ..Default::default()
            },
            zone_id: Some(ZoneId(zone_ids[zi])),
            group_no: Some((zi as i32 % 4) + 1),
            ..Default::default()
        };
        households::insert(ctx, &households::check(ctx.conn, &input)?)?;
    }
    cw_assessment::demo::generate(ctx, a.seed.unwrap_or(20260705))?;
    cw_fees::demo::generate(ctx, a.seed.unwrap_or(20260705))?;
    cw_pledges::demo::generate(ctx, a.seed.unwrap_or(20260705))?;
    cw_campaign::demo::generate(ctx, a.seed.unwrap_or(20260705))?;
    cw_review::demo::generate(ctx, ctx.clock.today() - chrono::Duration::days(1))?;
    // Counted from the file, not from what this function kept track of: the fines, receipts and
    // inspections are made by the other parts' demos.
    DemoOutcome::counted(ctx.conn)
}
