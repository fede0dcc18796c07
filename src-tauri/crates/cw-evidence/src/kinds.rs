//! What an attachment may belong to, and the table that holds each kind of owner.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The kind of record an attachment is evidence for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OwnerKind {
    /// A fine (罚款记录).
    Fine,
    /// An inspection of a zone (检查记录).
    Inspection,
    /// A rectification notice (整改通知书).
    Rectification,
    /// A complaint (投诉举报).
    Complaint,
    /// A self-check; each file is for one item of the standard.
    SelfCheck,
    /// A meeting (its sign-in sheet, photos).
    Meeting,
    /// A publicity action.
    Publicity,
    /// A signed pledge (责任书).
    Pledge,
}

impl OwnerKind {
    /// Every kind, in the order the clerk meets them.
    pub const ALL: [OwnerKind; 8] = [
        OwnerKind::Fine,
        OwnerKind::Inspection,
        OwnerKind::Rectification,
        OwnerKind::Complaint,
        OwnerKind::SelfCheck,
        OwnerKind::Meeting,
        OwnerKind::Publicity,
        OwnerKind::Pledge,
    ];

    /// The word stored in `attachments.owner_kind`.
    pub fn code(self) -> &'static str {
        match self {
            OwnerKind::Fine => "fine",
            OwnerKind::Inspection => "inspection",
            OwnerKind::Rectification => "rectification",
            OwnerKind::Complaint => "complaint",
            OwnerKind::SelfCheck => "self_check",
            OwnerKind::Meeting => "meeting",
            OwnerKind::Publicity => "publicity",
            OwnerKind::Pledge => "pledge",
        }
    }

    /// The kind stored as `code`.
    pub fn from_code(code: &str) -> Option<OwnerKind> {
        OwnerKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The table whose `id` the owner is.
    pub(crate) fn table(self) -> &'static str {
        match self {
            OwnerKind::Fine => "fines",
            OwnerKind::Inspection => "inspections",
            OwnerKind::Rectification => "rectification_notices",
            OwnerKind::Complaint => "complaints",
            OwnerKind::SelfCheck => "self_checks",
            OwnerKind::Meeting => "meetings",
            OwnerKind::Publicity => "publicity",
            OwnerKind::Pledge => "pledges",
        }
    }

    /// The clerk's word for the owner, e.g. 投诉.
    pub fn label(self) -> &'static str {
        match self {
            OwnerKind::Fine => "罚款记录",
            OwnerKind::Inspection => "检查记录",
            OwnerKind::Rectification => "整改通知书",
            OwnerKind::Complaint => "投诉",
            OwnerKind::SelfCheck => "自查",
            OwnerKind::Meeting => "会议记录",
            OwnerKind::Publicity => "宣传记录",
            OwnerKind::Pledge => "责任书",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_code() {
        for k in OwnerKind::ALL {
            assert_eq!(OwnerKind::from_code(k.code()), Some(k));
        }
        assert_eq!(OwnerKind::from_code("party"), None);
    }
}
