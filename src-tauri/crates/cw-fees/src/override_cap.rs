//! 改价上限: how far above its standard an overridden receipt may go, so that a slip of the
//! keyboard (10,000,000.00 for 30.00) is refused even when a reason is written.

use super::standards::Tariff;
use super::{yuan_cn, MonthNo};
use cw_domain::enums::PartyKind;
use cw_domain::DomainError;
use cw_kernel::CoreError;

/// The multiple a fresh file starts with (as migration 0017 sets it).
pub const DEFAULT_TIMES: i64 = 5;

/// The largest multiple the setting accepts.
pub const MAX_TIMES: i64 = 100;

/// What a party pays for the months `from..=to` at its category's standard, exemptions ignored;
/// for a category with no standard at all, the dearest standard of any category. An exempt
/// household may still pay (with a reason) but not more than others would be charged.
fn full_price(tariff: &Tariff, category: &str, kind: PartyKind, from: MonthNo, to: MonthNo) -> i64 {
    let own: i64 = (from..=to)
        .map(|m| tariff.monthly(category, kind, m).unwrap_or(0))
        .sum();
    if own > 0 {
        own
    } else {
        (from..=to).map(|m| tariff.dearest(m)).sum()
    }
}

/// Refuses an 实收 above `times` × the standard (or the full price when the standard is 0),
/// naming 实收金额 and the setting that would allow it. With no standard anywhere there is
/// nothing to compare with, and only the general limit on amounts applies.
pub(super) fn check(
    tariff: &Tariff,
    category: &str,
    kind: PartyKind,
    (from, to): (MonthNo, MonthNo),
    standard: i64,
    amount: i64,
    times: i64,
) -> Result<(), CoreError> {
    let base = if standard > 0 {
        standard
    } else {
        full_price(tariff, category, kind, from, to)
    };
    if base <= 0 {
        return Ok(());
    }
    let cap = base.saturating_mul(times);
    if amount <= cap {
        return Ok(());
    }
    Err(DomainError::invalid(
        "实收金额",
        format!(
            "{} 超过改价上限：最多为标准金额 {} 的 {times} 倍（{}）。请核对金额；确需多收，请在「收费标准与减免」页「收据打印设置」中调高「改价上限」",
            yuan_cn(amount),
            yuan_cn(base),
            yuan_cn(cap)
        ),
    )
    .into())
}
