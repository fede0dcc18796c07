//! Fee records as they cross to the UI; money is a decimal string in yuan (`"20.00"`), months `YYYY-MM`.
//! One file per area; every type is re-exported here, so `types::Receipt` stays the path.

mod batches;
mod books;
mod rates;
mod receipts;
mod standards;

pub use batches::*;
pub use books::*;
pub use rates::*;
pub use receipts::*;
pub use standards::*;
