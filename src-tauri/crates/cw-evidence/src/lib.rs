//! The one attachment store: photos and scans kept as evidence on fines, inspections,
//! rectification notices, complaints, self-check items, meetings, publicity and pledges. Files
//! live beside the database, named by their SHA-256 (so a backup copies each once); a row says
//! whose each is; thumbnails are made on arrival for the pages and the 迎检 binder.

pub mod demo;
pub mod images;
pub mod kinds;
pub mod store;
pub mod table;

pub use kinds::OwnerKind;
pub use store::{Attachment, MAX_BYTES};
