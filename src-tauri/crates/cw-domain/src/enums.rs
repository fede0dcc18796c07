//! The registry's closed vocabularies; each value travels and prints as its Chinese label.

use crate::DomainError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $label)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The Chinese label, which is also the stored and wire form.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Reads a label back; `field` names the column in the error.
            pub fn parse(field: &'static str, text: &str) -> Result<Self, DomainError> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|v| v.label() == t).ok_or_else(|| {
                    let allowed: Vec<&str> = Self::ALL.iter().map(|v| v.label()).collect();
                    DomainError::invalid(field, format!("「{t}」不是可选值（可选：{}）", allowed.join("、")))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        /// Stored as its label, exactly.
        #[cfg(feature = "sql")]
        impl ::rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> ::rusqlite::Result<::rusqlite::types::ToSqlOutput<'_>> {
                Ok($crate::sql::to_sql(self.label()))
            }
        }

        /// Read back only from one of its labels; any other value is an error.
        #[cfg(feature = "sql")]
        impl ::rusqlite::types::FromSql for $name {
            fn column_result(value: ::rusqlite::types::ValueRef<'_>) -> ::rusqlite::types::FromSqlResult<Self> {
                $crate::sql::from_sql(value, stringify!($name), Self::ALL, |v| v.label())
            }
        }
    };
}

/// Other areas of the domain declare their vocabularies with the same macro.
pub(crate) use labelled_enum;

labelled_enum!(
    /// What a staff member does; one person may hold several roles.
    Role {
        /// Street cleaner.
        Cleaner => "保洁员",
        /// Supervisor who patrols zones.
        Supervisor => "监管人员",
        /// Fee collector.
        Collector => "收费人员",
        /// Community cadre, present at every collection.
        Cadre => "社区干部",
        /// Member of the campaign leadership group.
        Leader => "领导小组",
    }
);

labelled_enum!(
    /// Whether a staff member is still employed.
    StaffStatus {
        /// Employed.
        Active => "在岗",
        /// Has left.
        Left => "离职",
    }
);

labelled_enum!(
    /// How a staff member left.
    LeaveKind {
        /// 辞工: the worker resigned, held to the pay rule's notice (A4 for less).
        Resigned => "辞工",
        /// 辞退: let go by the committee; no notice is owed by the worker.
        Dismissed => "辞退",
    }
);

labelled_enum!(
    /// The kind of a responsibility zone.
    ZoneKind {
        /// A street or road.
        Street => "街道",
        /// A market.
        Market => "市场",
        /// A green belt.
        Green => "绿化带",
        /// A residential compound.
        Residential => "小区",
        /// Anything else.
        Other => "其他",
    }
);

labelled_enum!(
    /// The kind of a registered party.
    PartyKind {
        /// A resident household.
        Household => "住户",
        /// A shopfront.
        Shop => "门店",
        /// A unit: office, school, company.
        Unit => "单位",
    }
);

labelled_enum!(
    /// Whether a household, shop or unit is still there.
    PartyStatus {
        /// Present.
        Active => "正常",
        /// Household moved out.
        MovedOut => "已迁出",
        /// Shop or unit closed.
        Closed => "已关闭",
    }
);

labelled_enum!(
    /// Circumstances that matter for fees and pledges.
    Tag {
        /// Minimum-living-allowance household.
        Dibao => "低保",
        /// Five-guarantees household.
        Wubao => "五保",
        /// Elderly person living alone.
        ElderlyAlone => "独居老人",
        /// Household with a disabled member.
        Disabled => "残疾",
        /// Rented out.
        Rental => "出租",
    }
);

impl Tag {
    /// Whether the tag is a 特定身份 that 个人信息保护法 Art. 28 treats as sensitive (every tag
    /// but 出租): it prints on no list and shows only to the roles the head allows.
    pub fn is_sensitive(self) -> bool {
        self != Tag::Rental
    }
}

impl PartyKind {
    /// The fee category a new party of this kind starts with.
    pub fn default_fee_category(self) -> &'static str {
        match self {
            PartyKind::Household => "居民",
            PartyKind::Shop => "门店",
            PartyKind::Unit => "单位",
        }
    }
}

/// Parses a list like `低保、出租` or `低保,出租` into tags.
pub fn parse_tags(field: &'static str, text: &str) -> Result<Vec<Tag>, DomainError> {
    let mut tags = Vec::new();
    for part in text.split(['、', ',', '，', ';', '；', ' ', '/']) {
        if part.trim().is_empty() {
            continue;
        }
        let tag = Tag::parse(field, part)?;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags.sort();
    Ok(tags)
}

/// Parses a list of roles written the same way.
pub fn parse_roles(field: &'static str, text: &str) -> Result<Vec<Role>, DomainError> {
    let mut roles = Vec::new();
    for part in text.split(['、', ',', '，', ';', '；', ' ', '/']) {
        if part.trim().is_empty() {
            continue;
        }
        let role = Role::parse(field, part)?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    roles.sort();
    Ok(roles)
}

/// Joins labels with the Chinese enumeration comma.
pub fn join_labels<T: Copy, F: Fn(T) -> &'static str>(items: &[T], label: F) -> String {
    items
        .iter()
        .map(|i| label(*i))
        .collect::<Vec<_>>()
        .join("、")
}

labelled_enum!(
    /// What a local account may do: the committee head may also reopen months, void receipts of
    /// closed batches, change the fine schedule and fee standards, restore backups and manage accounts.
    AccountRole {
        /// The office clerk: day-to-day records.
        Clerk => "文员",
        /// The committee head 主任.
        Head => "主任",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_serialize_as_their_chinese_labels() {
        assert_eq!(serde_json::to_string(&Role::Cleaner).unwrap(), "\"保洁员\"");
        let r: Role = serde_json::from_str("\"社区干部\"").unwrap();
        assert_eq!(r, Role::Cadre);
    }

    #[test]
    fn an_unknown_label_lists_the_allowed_ones() {
        let err = PartyKind::parse("类型", "商铺").unwrap_err();
        assert!(err.to_string().contains("住户、门店、单位"), "{err}");
    }

    #[test]
    fn tag_lists_accept_the_separators_clerks_use() {
        let tags = parse_tags("标签", "出租、低保,低保").unwrap();
        assert_eq!(tags, vec![Tag::Dibao, Tag::Rental]);
    }
}
