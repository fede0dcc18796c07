//! Fuzz target: any bytes, as .csv or .xlsx, must give a table or a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => ("x.xlsx", rest),
        Some((_, rest)) => ("x.csv", rest),
        None => ("x.csv", data),
    };
    let _ = cw_tabular::read_table(name, bytes);
});
