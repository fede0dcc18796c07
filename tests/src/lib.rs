//! Black-box scenario tests of 创卫办公台 live in tests/*.rs; this library is empty on purpose.
