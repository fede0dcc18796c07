//! The community's settings: name, street office, seal text, campaign year.

use cw_domain::registry::Settings;
use cw_domain::text;
use cw_domain::DomainError;
use cw_kernel::{CoreError, Ctx};
use rusqlite::{Connection, OptionalExtension};

/// The settings, or placeholders for a community not yet set up.
pub fn load(conn: &Connection) -> Result<Option<Settings>, CoreError> {
    Ok(conn
        .query_row(
            "SELECT community_name, street_office, seal_text, campaign_year FROM settings WHERE id = 1",
            [],
            |r| {
                Ok(Settings {
                    community_name: r.get(0)?,
                    street_office: r.get(1)?,
                    seal_text: r.get(2)?,
                    campaign_year: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Reads the settings; an unset community shows as 未命名社区 for the current year.
pub fn get(ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<Settings, CoreError> {
    Ok(load(ctx.conn)?.unwrap_or_else(|| Settings {
        community_name: "未命名社区".into(),
        street_office: String::new(),
        seal_text: String::new(),
        campaign_year: chrono::Datelike::year(&ctx.clock.today()),
    }))
}

/// Saves the settings after checking each field.
pub fn update(ctx: &Ctx<'_>, input: Settings) -> Result<Settings, CoreError> {
    let s = Settings {
        community_name: text::limited(
            "社区名称",
            &text::required("社区名称", &input.community_name)?,
            40,
        )?,
        street_office: text::limited("所属街道（镇）", &input.street_office, 40)?,
        seal_text: text::limited("公章文字", &input.seal_text, 40)?,
        campaign_year: input.campaign_year,
    };
    if !(2000..=2100).contains(&s.campaign_year) {
        return Err(DomainError::invalid("创卫年度", "应在 2000 到 2100 之间").into());
    }
    let before = load(ctx.conn)?;
    ctx.conn.execute(
        "INSERT INTO settings (id, community_name, street_office, seal_text, campaign_year)
         VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET community_name = ?1, street_office = ?2, seal_text = ?3, campaign_year = ?4",
        rusqlite::params![s.community_name, s.street_office, s.seal_text, s.campaign_year],
    )?;
    ctx.audit("settings", Some(1), before.as_ref(), Some(&s))?;
    Ok(s)
}
