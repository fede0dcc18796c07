//! Domain types and rules of 创卫办公台: money, names, validation; no I/O.
