//! `demo --scale N`: a deterministic community N times the size of one committee over five years
//! (DESIGN §6: 20,000 parties, 300 staff, 200,000 receipts, 100,000 fines, 2,000 inspections per
//! unit of scale), written with bulk prepared inserts in the command's one transaction. Every
//! record gets its audit row, and money records their seal, so `check` passes on the result.

mod bulk;
mod money;
mod people;
mod pledges;

use cw_domain::registry::Settings;
use cw_kernel::rng::Rng;
use cw_kernel::{CoreError, Ctx};
use cw_registry::settings;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// How many of each record a scale asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub parties: usize,
    pub staff: usize,
    pub zones: usize,
    pub receipts: usize,
    pub fines: usize,
    pub inspections: usize,
}

impl Counts {
    /// The counts at `scale` times DESIGN §6's envelope, with small floors so that a tiny scale
    /// still has every role, group and zone.
    pub fn at(scale: Decimal) -> Result<Counts, CoreError> {
        if scale <= Decimal::ZERO || scale > Decimal::from(20) {
            return Err(cw_domain::DomainError::invalid("规模", "应大于 0 且不超过 20").into());
        }
        let n = |base: i64, floor: usize| -> usize {
            (Decimal::from(base) * scale)
                .round()
                .to_usize()
                .unwrap_or(floor)
                .max(floor)
        };
        Ok(Counts {
            parties: n(20_000, 40),
            staff: n(300, 16),
            zones: n(8, 8),
            receipts: n(200_000, 40),
            fines: n(100_000, 20),
            inspections: n(2_000, 8),
        })
    }
}

/// Fills an empty database with the community at `scale`; the caller has checked it is empty.
pub fn generate(ctx: &Ctx<'_>, seed: u64, scale: Decimal) -> Result<Counts, CoreError> {
    let counts = Counts::at(scale)?;
    // A large page cache: the bulk inserts touch every index of every big table.
    ctx.conn.execute_batch("PRAGMA cache_size = -262144")?;
    let mut rng = Rng(seed ^ 0x5CA1_E000);
    settings::update(
        ctx,
        Settings {
            community_name: "石马山镇黄山社区居委会（规模测试）".into(),
            street_office: "石马山镇人民政府".into(),
            seal_text: "石马山镇黄山社区居民委员会".into(),
            campaign_year: 2026,
        },
    )?;
    cw_auth::accounts::demo_accounts(ctx)?;
    let people = people::generate(ctx, &mut rng, &counts)?;
    money::generate(ctx, &mut rng, &counts, &people)?;
    pledges::generate(ctx, &mut rng, &people)?;
    ctx.conn.execute_batch("PRAGMA cache_size = -16384")?;
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_times_is_the_envelope_of_the_issue() {
        let c = Counts::at(Decimal::from(10)).unwrap();
        assert_eq!(
            (c.parties, c.staff, c.receipts, c.fines, c.inspections),
            (200_000, 3_000, 2_000_000, 1_000_000, 20_000)
        );
    }

    #[test]
    fn a_scale_of_zero_or_beyond_twenty_is_refused() {
        assert!(Counts::at(Decimal::ZERO).is_err());
        assert!(Counts::at(Decimal::from(21)).is_err());
    }
}
