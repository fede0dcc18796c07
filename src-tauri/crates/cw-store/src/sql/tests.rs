//! Tests of reading a column: a known value reads, an unknown one names its table and column.

use super::*;
use crate::Store;
use cw_domain::enums::{StaffStatus, ZoneKind};
use rusqlite::Connection;

fn add_staff(c: &Connection, status: &str) {
    c.execute(
        "INSERT INTO staff (name, search_key, status, created_at, updated_at) VALUES ('甲', '', ?1, '', '')",
        [status],
    )
    .unwrap();
}

fn statuses(store: &Store) -> Result<Vec<StaffStatus>, StoreError> {
    store.read(|c| {
        let mut stmt = c.prepare("SELECT status FROM staff ORDER BY id")?;
        let out = stmt
            .query_map([], |r| column(r, "staff", "status"))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(out)
    })
}

#[test]
fn a_known_value_reads_as_its_enum() {
    let store = Store::open_in_memory().unwrap();
    store.outside(|c| add_staff(c, "离职"));
    assert_eq!(statuses(&store).unwrap(), [StaffStatus::Left]);
}

#[test]
fn an_unknown_value_is_an_error_naming_the_table_the_column_and_the_value() {
    let store = Store::open_in_memory().unwrap();
    // A file edited outside the app, past the CHECK constraint that keeps the value known.
    store.outside(|c| {
        c.execute_batch("PRAGMA ignore_check_constraints = ON")
            .unwrap();
        add_staff(c, "在岗");
        add_staff(c, "xyz");
    });
    let err = statuses(&store).unwrap_err();
    assert!(
        matches!(&err, StoreError::BadValue { table, column, value }
            if table == "staff" && column == "status" && value == "xyz"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "数据表 staff 的 status 列有无法识别的值「xyz」"
    );
    assert_eq!(err.code(), "store.bad_value");
}

#[test]
fn a_value_of_the_wrong_type_is_named_too() {
    let conn = Connection::open_in_memory().unwrap();
    let err = conn
        .query_row("SELECT 7 AS kind", [], |r| {
            column::<ZoneKind>(r, "zones", "kind")
        })
        .map_err(StoreError::from)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "数据表 zones 的 kind 列有无法识别的值「7」"
    );
    let err = conn
        .query_row("SELECT NULL", [], |r| column_at::<i64>(r, 0, "zones", "id"))
        .map_err(StoreError::from)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "数据表 zones 的 id 列有无法识别的值「NULL」"
    );
}

#[test]
fn text_that_is_not_utf8_stays_damaged_text() {
    let conn = Connection::open_in_memory().unwrap();
    let err = conn
        .query_row("SELECT CAST(x'ff' AS TEXT) AS kind", [], |r| {
            column::<ZoneKind>(r, "zones", "kind")
        })
        .map_err(StoreError::from)
        .unwrap_err();
    assert!(matches!(err, StoreError::DamagedText { .. }), "{err:?}");
}

#[test]
fn a_column_not_in_the_query_is_an_error_of_its_own() {
    let conn = Connection::open_in_memory().unwrap();
    let err = conn
        .query_row("SELECT 1 AS a", [], |r| column::<i64>(r, "zones", "b"))
        .unwrap_err();
    assert!(
        matches!(err, rusqlite::Error::InvalidColumnName(_)),
        "{err:?}"
    );
}
