//! Who sees the sensitive tags 低保, 五保, 残疾 and 独居老人 (个人信息保护法 Art. 28): the head
//! always, other account roles only when the head says so. Hidden tags are taken out of the
//! results on the server, so no page (or script) that calls the commands receives them.

use cw_domain::enums::{AccountRole, Tag};
use cw_domain::registry::Household;
use cw_kernel::{CoreError, Ctx};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The head's setting: the account roles besides the head that see the sensitive tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrivacySettings {
    pub tag_roles: Vec<AccountRole>,
}

/// The setting as the settings page shows it, with whether the caller sees the tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PrivacyView {
    pub tag_roles: Vec<AccountRole>,
    /// Whether the signed-in account sees the sensitive tags (the forms offer them then).
    pub sees_tags: bool,
}

/// The roles set by the head; a file without the row (never, after 0030) lets none.
pub fn tag_roles(conn: &rusqlite::Connection) -> Result<Vec<AccountRole>, CoreError> {
    let text: String = conn
        .prepare_cached("SELECT coalesce(max(tag_roles), '') FROM privacy_settings")?
        .query_row([], |r| r.get(0))?;
    Ok(text
        .split(',')
        .filter(|s| !s.is_empty())
        .filter_map(|s| AccountRole::parse("角色", s).ok())
        .collect())
}

/// Whether the caller sees the sensitive tags.
pub fn sees_tags(ctx: &Ctx<'_>) -> Result<bool, CoreError> {
    if ctx.sees_tags(&[]) {
        return Ok(true);
    }
    Ok(ctx.sees_tags(&tag_roles(ctx.conn)?))
}

/// Reads the setting.
pub fn get(ctx: &Ctx<'_>, _args: serde_json::Value) -> Result<PrivacyView, CoreError> {
    Ok(PrivacyView {
        tag_roles: tag_roles(ctx.conn)?,
        sees_tags: sees_tags(ctx)?,
    })
}

/// Sets which roles see the sensitive tags; the head's act.
pub fn update(ctx: &Ctx<'_>, a: PrivacySettings) -> Result<PrivacyView, CoreError> {
    ctx.require_head("设置谁能看到特殊身份标签")?;
    let before = PrivacySettings {
        tag_roles: tag_roles(ctx.conn)?,
    };
    // The head always sees them; storing 主任 too would only suggest it could be taken away.
    let mut roles: Vec<AccountRole> = a
        .tag_roles
        .into_iter()
        .filter(|r| *r != AccountRole::Head)
        .collect();
    roles.sort();
    roles.dedup();
    let text: Vec<&str> = roles.iter().map(|r| r.label()).collect();
    ctx.conn.execute(
        "UPDATE privacy_settings SET tag_roles = ?1 WHERE id = 1",
        [text.join(",")],
    )?;
    let after = PrivacySettings { tag_roles: roles };
    ctx.audit("privacy_settings", Some(1), Some(&before), Some(&after))?;
    get(ctx, serde_json::Value::Null)
}

/// `tags` without the sensitive ones.
pub fn plain_tags(tags: &[Tag]) -> Vec<Tag> {
    tags.iter().copied().filter(|t| !t.is_sensitive()).collect()
}

/// Takes the sensitive tags off `h` unless the caller sees them.
pub fn hide_from(seen: bool, h: &mut Household) {
    if !seen {
        h.tags = plain_tags(&h.tags);
    }
}

/// Refuses a search by a sensitive tag from someone who does not see them: the households it
/// finds would give the tag away.
pub fn check_filter(ctx: &Ctx<'_>, tag: Option<Tag>) -> Result<(), CoreError> {
    match tag {
        Some(t) if t.is_sensitive() && !sees_tags(ctx)? => {
            Err(CoreError::Forbidden("按特殊身份标签查找"))
        }
        _ => Ok(()),
    }
}

/// The tags to store when someone who may not see the sensitive ones saves a record: theirs
/// without the sensitive ones, and the record's sensitive ones kept as they were (the form
/// never showed them, so leaving them out is no wish to remove them).
pub fn merged_tags(seen: bool, given: &[Tag], stored: &[Tag]) -> Vec<Tag> {
    if seen {
        return given.to_vec();
    }
    let mut tags = plain_tags(given);
    tags.extend(stored.iter().copied().filter(|t| t.is_sensitive()));
    tags.sort();
    tags.dedup();
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_by_someone_who_cannot_see_them_keeps_the_stored_sensitive_tags() {
        let kept = merged_tags(false, &[Tag::Rental, Tag::Wubao], &[Tag::Dibao]);
        assert_eq!(kept, vec![Tag::Dibao, Tag::Rental]);
    }

    #[test]
    fn a_save_by_someone_who_sees_them_takes_the_tags_as_given() {
        assert_eq!(
            merged_tags(true, &[Tag::Rental], &[Tag::Dibao]),
            vec![Tag::Rental]
        );
    }
}
