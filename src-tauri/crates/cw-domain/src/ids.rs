//! Typed ids for the records a use-case takes several of at once (a receipt's batch, party,
//! collector and book), so that passing one where another belongs fails to compile.
//!
//! On the wire and in SQLite each is the bare integer it always was (serde writes a newtype as
//! its inner value; a TypeScript `number`); only Rust tells them apart.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        id_type!($(#[$meta])* $name as stringify!($name));
    };
    // `as` names the TypeScript type where the Rust name is taken there by an argument struct.
    ($(#[$meta:meta])* $name:ident as $ts:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[ts(export, rename = $ts, type = "number")]
        pub struct $name(pub i64);

        impl $name {
            /// The row id as SQLite stores it.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        /// Stored as the bare row id.
        #[cfg(feature = "sql")]
        impl ::rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> ::rusqlite::Result<::rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        /// A filter's bound value (paging and search SQL binds `Value`s).
        #[cfg(feature = "sql")]
        impl From<$name> for ::rusqlite::types::Value {
            fn from(id: $name) -> Self {
                ::rusqlite::types::Value::Integer(id.0)
            }
        }

        /// Read from an integer column; anything else is rusqlite's type error.
        #[cfg(feature = "sql")]
        impl ::rusqlite::types::FromSql for $name {
            fn column_result(value: ::rusqlite::types::ValueRef<'_>) -> ::rusqlite::types::FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

id_type!(
    /// A row of `staff`: a cleaner, supervisor, collector or cadre.
    StaffId
);
id_type!(
    /// A row of `parties`: a household or a shop.
    PartyId
);
id_type!(
    /// A row of `zones`.
    ZoneId
);
id_type!(
    /// A row of `collection_batches`: one day's door-to-door round.
    BatchId
);
id_type!(
    /// A row of `receipts`.
    ReceiptId
);
id_type!(
    /// A row of `receipt_books`.
    BookId
);
id_type!(
    /// A row of `fines` (`FineRowId` in TypeScript, where `FineId` is the argument naming one).
    FineId as "FineRowId"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_crosses_the_wire_as_a_bare_number() {
        let json = serde_json::to_string(&PartyId(42)).unwrap();
        assert_eq!(json, "42");
        let back: BatchId = serde_json::from_str("7").unwrap();
        assert_eq!(back, BatchId(7));
    }

    #[cfg(feature = "sql")]
    #[test]
    fn an_id_is_stored_and_read_as_its_integer() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id INTEGER)").unwrap();
        conn.execute("INSERT INTO t VALUES (?1)", [StaffId(9)])
            .unwrap();
        let raw: i64 = conn
            .query_row("SELECT id FROM t", [], |r| r.get(0))
            .unwrap();
        let typed: StaffId = conn
            .query_row("SELECT id FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!((raw, typed), (9, StaffId(9)));
    }

    #[cfg(feature = "sql")]
    #[test]
    fn a_text_where_an_id_belongs_is_an_error_not_zero() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let got: rusqlite::Result<ZoneId> = conn.query_row("SELECT 'x'", [], |r| r.get(0));
        assert!(got.is_err());
    }
}
