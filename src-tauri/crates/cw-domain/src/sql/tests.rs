//! Tests of the enums at the SQL edge: every value round-trips through SQLite as its label, and
//! the labels are the texts the migrations' CHECK constraints (and the files) hold.

use super::UnknownLabel;
use crate::assessment::{
    CorrectionKind, FineKind, FineStatus, FineUnit, InspectionKind, InspectionResult,
};
use crate::enums::{AccountRole, PartyKind, PartyStatus, Role, StaffStatus, Tag, ZoneKind};
use rusqlite::types::{FromSql, ToSql};
use rusqlite::Connection;
use std::fmt::Debug;

/// Stores every value in a table, reads each back, and returns the stored texts in order.
fn round_trip<T>(all: &[T]) -> Vec<String>
where
    T: ToSql + FromSql + PartialEq + Debug,
{
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, v)")
        .unwrap();
    for v in all {
        conn.execute("INSERT INTO t (v) VALUES (?1)", [v]).unwrap();
    }
    let mut stmt = conn
        .prepare("SELECT v, typeof(v) FROM t ORDER BY id")
        .unwrap();
    let back: Vec<(T, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let values: Vec<&T> = back.iter().map(|(v, _)| v).collect();
    assert_eq!(values, all.iter().collect::<Vec<_>>());
    assert!(back.iter().all(|(_, ty)| ty == "text"), "stored as text");
    let mut texts = conn.prepare("SELECT v FROM t ORDER BY id").unwrap();
    texts
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_enum_round_trips_through_sqlite_as_the_text_the_files_hold() {
    // The lists of the migrations' CHECK constraints (0001, 0002, 0004, 0005), in label order.
    assert_eq!(
        round_trip(Role::ALL),
        ["保洁员", "监管人员", "收费人员", "社区干部", "领导小组"]
    );
    assert_eq!(round_trip(StaffStatus::ALL), ["在岗", "离职"]);
    assert_eq!(
        round_trip(ZoneKind::ALL),
        ["街道", "市场", "绿化带", "小区", "其他"]
    );
    assert_eq!(round_trip(PartyKind::ALL), ["住户", "门店", "单位"]);
    assert_eq!(round_trip(PartyStatus::ALL), ["正常", "已迁出", "已关闭"]);
    assert_eq!(
        round_trip(Tag::ALL),
        ["低保", "五保", "独居老人", "残疾", "出租"]
    );
    assert_eq!(round_trip(AccountRole::ALL), ["文员", "主任"]);
    assert_eq!(
        round_trip(FineUnit::ALL),
        ["每次", "每处", "每天", "一次性", "每次检查", "每年"]
    );
    assert_eq!(round_trip(FineKind::ALL), ["罚款", "扣发", "奖励"]);
    assert_eq!(round_trip(CorrectionKind::ALL), ["作废", "冲销"]);
    assert_eq!(round_trip(FineStatus::ALL), ["有效", "已作废", "已冲销"]);
    assert_eq!(
        round_trip(InspectionKind::ALL),
        ["巡查", "社区检查", "上级督查"]
    );
    assert_eq!(round_trip(InspectionResult::ALL), ["达标", "不达标"]);
}

fn read<T: FromSql>(sql: &str) -> rusqlite::Result<T> {
    let conn = Connection::open_in_memory().unwrap();
    conn.query_row(sql, [], |r| r.get(0))
}

#[test]
fn an_unknown_value_is_an_error_that_names_it_and_not_a_default() {
    let err = read::<StaffStatus>("SELECT 'xyz'").unwrap_err();
    let rusqlite::Error::FromSqlConversionFailure(_, _, inner) = &err else {
        panic!("{err:?}");
    };
    let unknown = inner.downcast_ref::<UnknownLabel>().unwrap();
    assert_eq!(unknown.value, "xyz");
    assert_eq!(unknown.enum_name, "StaffStatus");
    assert!(
        unknown.to_string().contains("可选：在岗、离职"),
        "{unknown}"
    );
}

#[test]
fn a_label_with_spaces_or_of_another_enum_is_not_read_as_a_value() {
    assert!(read::<StaffStatus>("SELECT ' 在岗'").is_err());
    assert!(read::<StaffStatus>("SELECT '正常'").is_err());
    assert!(read::<PartyStatus>("SELECT '正常'").is_ok());
}

#[test]
fn a_null_or_a_number_is_the_wrong_type_for_an_enum() {
    assert!(matches!(
        read::<ZoneKind>("SELECT NULL"),
        Err(rusqlite::Error::InvalidColumnType(..))
    ));
    assert!(matches!(
        read::<ZoneKind>("SELECT 1"),
        Err(rusqlite::Error::InvalidColumnType(..))
    ));
    assert_eq!(
        read::<Option<ZoneKind>>("SELECT NULL").unwrap(),
        None,
        "an optional column may be empty"
    );
}
