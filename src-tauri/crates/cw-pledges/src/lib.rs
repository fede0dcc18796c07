//! 门前三包 pledges: the template, one numbered pledge per party per campaign year, its status
//! history, printing, signing rates, the outstanding-door list, and the rectification that
//! enforces a broken pledge.

pub mod attachments;
pub mod counts;
pub mod demo;
pub mod documents;
pub mod jobs;
pub mod outstanding;
pub mod rates;
pub mod records;
pub mod rectify;
pub mod rectify_pdf;
pub mod table;
pub mod template;

/// The pledge form's layout, at the path it has always had.
pub use documents::pledge_form as form;

use chrono::{Datelike, NaiveDate};
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use cw_registry::settings;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a pledge stands. A party without a pledge row counts as [`PledgeStatus::NotPrinted`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum PledgeStatus {
    /// Numbered (or not yet) but not confirmed printed.
    #[serde(rename = "未打印")]
    NotPrinted,
    /// Printed, waiting to be taken round and signed.
    #[serde(rename = "已打印")]
    Printed,
    /// Signed by the party.
    #[serde(rename = "已签订")]
    Signed,
    /// The party refused to sign.
    #[serde(rename = "拒签")]
    Refused,
    /// Cancelled (a wrong form, a duplicate); the number is never reused.
    #[serde(rename = "作废")]
    Void,
}

impl PledgeStatus {
    /// Every status in display order.
    pub const ALL: &'static [PledgeStatus] = &[
        PledgeStatus::NotPrinted,
        PledgeStatus::Printed,
        PledgeStatus::Signed,
        PledgeStatus::Refused,
        PledgeStatus::Void,
    ];

    /// The Chinese label, also the stored form.
    pub fn label(self) -> &'static str {
        match self {
            PledgeStatus::NotPrinted => "未打印",
            PledgeStatus::Printed => "已打印",
            PledgeStatus::Signed => "已签订",
            PledgeStatus::Refused => "拒签",
            PledgeStatus::Void => "作废",
        }
    }
}

/// Stored as its label, exactly.
impl rusqlite::types::ToSql for PledgeStatus {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(cw_domain::sql::to_sql(self.label()))
    }
}

/// Read back only from one of its labels; any other value is an error (through
/// [`cw_store::sql::column`] one naming the table and column).
impl rusqlite::types::FromSql for PledgeStatus {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        cw_domain::sql::from_sql(value, "PledgeStatus", Self::ALL, |s| s.label())
    }
}

/// Which parties a batch, a rate or a list covers: a group, a zone or a street (or all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Scope {
    #[ts(optional = nullable)]
    pub group_no: Option<i32>,
    #[ts(optional = nullable)]
    pub zone_id: Option<i64>,
    #[ts(optional = nullable)]
    pub street: Option<String>,
}

impl Scope {
    /// A WHERE fragment over `p` (parties) with its parameters.
    pub fn filter(&self) -> (String, Vec<rusqlite::types::Value>) {
        let mut clauses = Vec::new();
        let mut params: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(g) = self.group_no {
            clauses.push("p.group_no = ?".to_string());
            params.push(i64::from(g).into());
        }
        if let Some(z) = self.zone_id {
            clauses.push("p.zone_id = ?".to_string());
            params.push(z.into());
        }
        if let Some(s) = self.street.as_deref().filter(|s| !s.trim().is_empty()) {
            clauses.push("p.street = ?".to_string());
            params.push(s.trim().to_string().into());
        }
        (clauses.join(" AND "), params)
    }

    /// How the scope reads on a document: `第一小组`, `责任区：黄山路东段`, `街道：建设路`, `全社区`.
    pub fn describe(&self, conn: &rusqlite::Connection) -> Result<String, CoreError> {
        let mut parts = Vec::new();
        if let Some(g) = self.group_no {
            parts.push(group_name(g));
        }
        if let Some(z) = self.zone_id {
            parts.push(cw_registry::zones::load(conn, z)?.name);
        }
        if let Some(s) = self.street.as_deref().filter(|s| !s.trim().is_empty()) {
            parts.push(s.trim().to_string());
        }
        Ok(if parts.is_empty() {
            "全社区".into()
        } else {
            parts.join("-")
        })
    }
}

/// `第一小组` … `第四小组`.
pub fn group_name(g: i32) -> String {
    let n = ["一", "二", "三", "四"]
        .get((g - 1).clamp(0, 3) as usize)
        .copied()
        .unwrap_or("");
    format!("第{n}小组")
}

/// The campaign year pledges are counted in: the argument, else the community's setting.
pub fn year_or_current(ctx: &Ctx<'_>, year: Option<i32>) -> Result<i32, CoreError> {
    match year {
        Some(y) if (2000..=2100).contains(&y) => Ok(y),
        Some(_) => Err(DomainError::invalid("年度", "应在 2000 到 2100 之间").into()),
        None => Ok(settings::load(ctx.conn)?
            .map(|s| s.campaign_year)
            .unwrap_or_else(|| ctx.clock.today().year())),
    }
}

/// Reads a stored `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<NaiveDate, CoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| CoreError::Internal(format!("日期格式有误：{text}")))
}

/// A date entered by the clerk: not after today.
pub fn not_future(
    ctx: &Ctx<'_>,
    field: &'static str,
    d: NaiveDate,
) -> Result<NaiveDate, CoreError> {
    if d > ctx.clock.today() {
        return Err(DomainError::invalid(field, "不能晚于今天").into());
    }
    Ok(d)
}

/// The cadre who collected a signed form on `on`: a 社区干部 or a member of the 领导小组 (the
/// plan has cadres take the pledges round; a cleaner or collector is not one), on the payroll
/// that day. Refused with the person named otherwise.
pub fn collecting_cadre(
    conn: &rusqlite::Connection,
    id: i64,
    on: NaiveDate,
) -> Result<String, CoreError> {
    use cw_domain::enums::Role;
    let s = cw_registry::staff::load(conn, id)?;
    if !s
        .roles
        .iter()
        .any(|r| matches!(r, Role::Cadre | Role::Leader))
    {
        return Err(DomainError::invalid(
            "收回干部",
            format!(
                "{}不是社区干部或领导小组成员，只有他们可以收回责任书",
                s.name
            ),
        )
        .into());
    }
    if let Some(left) = s.leave_date.filter(|d| *d < on) {
        return Err(DomainError::invalid(
            "收回干部",
            format!(
                "{}已于{}离职，不能在{}收回责任书",
                s.name,
                cw_pdf::format_date_cn(left),
                cw_pdf::format_date_cn(on)
            ),
        )
        .into());
    }
    Ok(s.name)
}

/// The name of a staff member, checked to exist.
pub fn staff_name(conn: &rusqlite::Connection, id: i64) -> Result<String, CoreError> {
    Ok(cw_registry::staff::load(conn, id)?.name)
}
