//! Entry point of the 创卫办公台 desktop app.
fn main() {}
