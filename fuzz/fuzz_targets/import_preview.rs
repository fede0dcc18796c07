//! Fuzz target: the whole import check (`import.preview`) on any bytes, for households and staff,
//! must answer a preview or a Chinese error, never panic.
#![no_main]

use base64::Engine;
use cw_core::domain::SystemClock;
use cw_core::App;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

static APP: OnceLock<App> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let app = APP.get_or_init(|| match App::open_in_memory(Arc::new(SystemClock)) {
        Ok(app) => app,
        Err(e) => panic!("cannot open: {e}"),
    });
    let (target, bytes) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => ("staff", rest),
        Some((_, rest)) => ("households", rest),
        None => ("households", data),
    };
    let args = serde_json::json!({
        "target": target,
        "file_name": "x.csv",
        "data_base64": base64::engine::general_purpose::STANDARD.encode(bytes),
    });
    let _ = app.call("import.preview", args, "fuzz");
});
