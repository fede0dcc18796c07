//! The chuangwei command-line tool over the shared command table.

fn main() {}
