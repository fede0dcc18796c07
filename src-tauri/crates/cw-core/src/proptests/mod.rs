//! Property tests that drive the whole App through its command table.

mod fines;
mod serials;
