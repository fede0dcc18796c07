//! Black-box scenario tests of 创卫办公台 live in tests/*.rs; this library holds only
//! what the crash-test binaries (src/bin) share with them.

pub mod crash;
