//! Local accounts and sign-in: the committee head and clerks, argon2 passwords, sessions with an
//! idle lock; who may run which command is declared in the command table (`commands::Policy`).

pub mod accounts;
pub mod passwords;
pub use cw_kernel::sessions;
pub mod signin;
mod store;
pub mod table;
