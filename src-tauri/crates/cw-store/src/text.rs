//! Reading text that may be damaged: a flipped byte in a TEXT column makes it invalid UTF-8, and
//! rusqlite's `get::<String>` then fails the whole query. Lists, exports and the checks read such
//! columns here instead: the text comes back with U+FFFD (�) where the bad bytes were, and the
//! column is marked damaged, so the caller names the row and the other rows still read.

use rusqlite::types::ValueRef;
use rusqlite::Row;

/// The mark a damaged text shows where its bad bytes were.
pub const MARK: char = char::REPLACEMENT_CHARACTER;

/// Which columns of one row were read with damaged text (their labels, in reading order).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Damage(pub Vec<&'static str>);

impl Damage {
    /// True when every text read was sound.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Column `idx` as text (NULL as empty); invalid UTF-8 is replaced and `label` marked.
    pub fn text(
        &mut self,
        row: &Row<'_>,
        idx: usize,
        label: &'static str,
    ) -> rusqlite::Result<String> {
        Ok(self.opt_text(row, idx, label)?.unwrap_or_default())
    }

    /// Like [`Damage::text`], NULL kept as `None`.
    pub fn opt_text(
        &mut self,
        row: &Row<'_>,
        idx: usize,
        label: &'static str,
    ) -> rusqlite::Result<Option<String>> {
        let (text, damaged) = lenient(row, idx)?;
        if damaged {
            self.0.push(label);
        }
        Ok(text)
    }

    /// The marked columns as `「姓名」「备注」`.
    pub fn columns(&self) -> String {
        self.0.iter().map(|c| format!("「{c}」")).collect()
    }
}

/// Column `idx` as text, and whether it had to be repaired for reading. Numbers read as their
/// text; a BLOB is read as text too (damage can change a value's type byte).
pub fn lenient(row: &Row<'_>, idx: usize) -> rusqlite::Result<(Option<String>, bool)> {
    let bytes = match row.get_ref(idx)? {
        ValueRef::Null => return Ok((None, false)),
        ValueRef::Integer(i) => return Ok((Some(i.to_string()), false)),
        ValueRef::Real(f) => return Ok((Some(f.to_string()), false)),
        ValueRef::Text(b) | ValueRef::Blob(b) => b,
    };
    Ok(match std::str::from_utf8(bytes) {
        Ok(s) => (Some(s.to_string()), false),
        Err(_) => (Some(String::from_utf8_lossy(bytes).into_owned()), true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flipped_byte_reads_as_a_mark_and_names_its_column() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a TEXT, b TEXT)")
            .unwrap();
        conn.execute(
            "INSERT INTO t VALUES (?1, CAST(?2 AS TEXT))",
            rusqlite::params!["好", b"\xe5\xa5".to_vec()],
        )
        .unwrap();
        let (a, b, damage) = conn
            .query_row("SELECT a, b FROM t", [], |r| {
                let mut d = Damage::default();
                Ok((d.text(r, 0, "甲")?, d.text(r, 1, "乙")?, d))
            })
            .unwrap();
        assert_eq!(a, "好");
        assert_eq!(b, MARK.to_string());
        assert_eq!(damage.columns(), "「乙」");
    }

    #[test]
    fn a_strict_read_of_damaged_text_is_said_in_chinese() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let err = conn
            .query_row("SELECT CAST(x'e5a5' AS TEXT)", [], |r| {
                r.get::<_, String>(0)
            })
            .unwrap_err();
        let err = crate::StoreError::from(err);
        assert_eq!(err.code(), "store.damaged_text");
        assert!(!err.to_string().contains("utf-8 sequence"), "{err}");
    }
}
