//! The cash count of a closing by denomination: only faces of RMB that is legal tender today.

use super::types::Denomination;
use cw_domain::{money, DomainError};
use cw_kernel::CoreError;

/// The faces, in 分, of the notes and coins in circulation: notes of 100, 50, 20, 10, 5 and 1 元
/// and of 5 and 1 角 (fifth series), coins of 1 元, 5 角 and 1 角, and the 5, 2 and 1 分 coins,
/// which were never withdrawn. The 2 元 and 2 角 notes were fourth-series only and stopped being
/// legal tender on 2018-05-01, so a count of them is a typing mistake, not cash.
pub const RMB_FACES_FEN: [i64; 11] = [10_000, 5_000, 2_000, 1_000, 500, 100, 50, 10, 5, 2, 1];

/// The faces as the clerk reads them: 100 元, 5 角, 2 分.
fn faces_cn() -> String {
    RMB_FACES_FEN
        .iter()
        .map(|f| match f {
            f if *f >= 100 => format!("{} 元", f / 100),
            f if *f >= 10 => format!("{} 角", f / 10),
            f => format!("{f} 分"),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// Counted cash from denominations: Σ face × count, in 分; a face that is not a real RMB note or
/// coin, or a negative count, is refused naming the face.
pub(super) fn denominations_fen(ds: &[Denomination]) -> Result<i64, CoreError> {
    let mut total = 0i64;
    for d in ds {
        let face = money::decimal_to_fen("面额", money::parse_money("面额", &d.face)?)?;
        if !RMB_FACES_FEN.contains(&face) {
            return Err(DomainError::invalid(
                "面额",
                format!(
                    "没有「{} 元」的人民币；面额只能是 {}",
                    d.face.trim(),
                    faces_cn()
                ),
            )
            .into());
        }
        if d.count < 0 {
            return Err(DomainError::invalid("张数", "不能为负数").into());
        }
        total = face
            .checked_mul(d.count)
            .and_then(|v| total.checked_add(v))
            .ok_or(DomainError::invalid("张数", "金额超出范围"))?;
    }
    Ok(total)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn count(face: &str, n: i64) -> Result<i64, CoreError> {
        denominations_fen(&[Denomination {
            face: face.to_string(),
            count: n,
        }])
    }

    #[test]
    fn a_denomination_that_is_not_real_rmb_is_refused_naming_the_face() {
        for bad in ["3", "0.03", "1000", "2", "0.2", "200", "0.3"] {
            let err = count(bad, 1).unwrap_err();
            let text = err.to_string();
            assert!(text.contains("「面额」"), "{bad}: {text}");
            assert!(text.contains(&format!("「{bad} 元」")), "{bad}: {text}");
        }
    }

    #[test]
    fn every_note_and_coin_in_circulation_is_counted() {
        let all = [
            "100", "50", "20", "10", "5", "1", "0.5", "0.1", "0.05", "0.02", "0.01",
        ];
        let ds: Vec<Denomination> = all
            .iter()
            .map(|f| Denomination {
                face: f.to_string(),
                count: 2,
            })
            .collect();
        assert_eq!(denominations_fen(&ds).unwrap(), 2 * 18_668);
        assert_eq!(count("100.00", 3).unwrap(), 30_000);
        assert_eq!(
            faces_cn(),
            "100 元、50 元、20 元、10 元、5 元、1 元、5 角、1 角、5 分、2 分、1 分"
        );
    }
}
