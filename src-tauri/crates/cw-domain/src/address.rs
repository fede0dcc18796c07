//! Addresses by street, number, building, unit and room, formatted the way Chinese forms write them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A postal address inside the community.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Address {
    /// 街道/路名, e.g. 黄山路.
    pub street: String,
    /// 门牌号, e.g. 12号 (digits only are suffixed with 号 when shown).
    pub number: String,
    /// 楼栋, e.g. 3栋.
    pub building: String,
    /// 单元.
    pub unit: String,
    /// 室/房号.
    pub room: String,
}

impl Address {
    /// 黄山路12号3栋2单元301室 — each part suffixed when the clerk typed digits only.
    pub fn display(&self) -> String {
        let mut s = self.street.trim().to_string();
        push_part(&mut s, &self.number, "号");
        push_part(&mut s, &self.building, "栋");
        push_part(&mut s, &self.unit, "单元");
        push_part(&mut s, &self.room, "室");
        s
    }

    /// A key that sorts addresses in walking order: street, then numbers by value.
    pub fn sort_key(&self) -> String {
        format!(
            "{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}",
            self.street.trim(),
            pad_number(&self.number),
            pad_number(&self.building),
            pad_number(&self.unit),
            pad_number(&self.room)
        )
    }
}

fn push_part(s: &mut String, part: &str, suffix: &str) {
    let p = part.trim();
    if p.is_empty() {
        return;
    }
    s.push_str(p);
    if p.chars().all(|c| c.is_ascii_digit()) {
        s.push_str(suffix);
    }
}

/// Left-pads the leading digits so that 9 sorts before 12.
fn pad_number(part: &str) -> String {
    let p = part.trim();
    let digits: String = p.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return p.to_string();
    }
    format!("{:0>8}{}", digits, &p[digits.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(street: &str, number: &str, building: &str, unit: &str, room: &str) -> Address {
        Address {
            street: street.into(),
            number: number.into(),
            building: building.into(),
            unit: unit.into(),
            room: room.into(),
        }
    }

    #[test]
    fn digits_get_their_chinese_suffixes() {
        assert_eq!(
            addr("黄山路", "12", "3", "2", "301").display(),
            "黄山路12号3栋2单元301室"
        );
        assert_eq!(addr("黄山路", "12号", "", "", "").display(), "黄山路12号");
    }

    #[test]
    fn house_nine_walks_before_house_twelve() {
        assert!(
            addr("黄山路", "9", "", "", "").sort_key()
                < addr("黄山路", "12", "", "", "").sort_key()
        );
    }
}
