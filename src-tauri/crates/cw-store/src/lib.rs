//! The SQLite store: opening, pragmas, numbered migrations and the audit trail.
