//! The enums at the SQL edge: each is stored as its Chinese label, exactly as the app has always
//! stored it, and read back only from a label it knows. An unknown value (a file edited outside
//! the app, a newer program's value) is an error, never quietly some default.
//!
//! [`labelled_enum`](crate::enums) gives every enum its `ToSql` and `FromSql` through the two
//! helpers below.

use rusqlite::types::{FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};

/// A stored value that is none of an enum's labels.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("「{value}」不是 {enum_name} 的可选值（可选：{allowed}）")]
pub struct UnknownLabel {
    /// The enum's Rust name, e.g. `StaffStatus`.
    pub enum_name: &'static str,
    /// The value as stored.
    pub value: String,
    /// The labels it may take, joined with `、`.
    pub allowed: String,
}

/// The stored form of a label: the text itself.
pub fn to_sql(label: &'static str) -> ToSqlOutput<'static> {
    ToSqlOutput::Borrowed(ValueRef::Text(label.as_bytes()))
}

/// The value of `all` whose label is the stored text, exactly. Text that is not UTF-8 keeps
/// rusqlite's own error (the store reports it as damaged text); a number, a blob or NULL is the
/// wrong type.
pub fn from_sql<T: Copy>(
    value: ValueRef<'_>,
    enum_name: &'static str,
    all: &'static [T],
    label: impl Fn(T) -> &'static str,
) -> FromSqlResult<T> {
    let text = value.as_str()?;
    all.iter()
        .copied()
        .find(|v| label(*v) == text)
        .ok_or_else(|| {
            FromSqlError::Other(Box::new(UnknownLabel {
                enum_name,
                value: text.to_string(),
                allowed: all.iter().map(|v| label(*v)).collect::<Vec<_>>().join("、"),
            }))
        })
}

#[cfg(test)]
mod tests;
