//! Writing answers: the headers every answer carries, JSON bodies, and the `{code, message}`
//! of a refusal or a core error with the status that fits it.

use crate::guard::Refusal;
use crate::wire::write_response;
use cw_core::{CoreError, ErrorDto};
use serde_json::json;
use std::net::TcpStream;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

pub(crate) fn respond(
    stream: &TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    extra: Vec<(&str, String)>,
) {
    let mut headers = vec![
        ("Content-Type", content_type.to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("Content-Security-Policy", CSP.to_string()),
    ];
    headers.extend(extra);
    write_response(stream, status, &headers, body);
}

pub(crate) fn respond_json(stream: &TcpStream, status: u16, value: serde_json::Value) {
    respond(
        stream,
        status,
        "application/json; charset=utf-8",
        value.to_string().as_bytes(),
        Vec::new(),
    );
}

pub(crate) fn respond_error(stream: &TcpStream, err: &CoreError) {
    let status = match err.code() {
        // Another server or the app holds the file: a conflict with it, not a fault here.
        "store.held" => 409,
        "store.busy" => 503,
        // The clerk typed the wrong backup passphrase: a bad request, not a fault here.
        "store.wrong_passphrase" => 400,
        _ => status_of(err),
    };
    let retry = match err {
        CoreError::Throttled { seconds } => vec![("Retry-After", seconds.max(&1).to_string())],
        _ => Vec::new(),
    };
    let body = json!({ "ok": false, "error": err.to_dto() });
    respond(
        stream,
        status,
        "application/json; charset=utf-8",
        body.to_string().as_bytes(),
        retry,
    );
}

fn status_of(err: &CoreError) -> u16 {
    match err {
        CoreError::Internal(_) | CoreError::Store(_) | CoreError::Pdf(_) => 500,
        CoreError::UnknownCommand(_) | CoreError::NotFound { .. } => 404,
        CoreError::Conflict(_) => 409,
        CoreError::LoginRequired | CoreError::Locked | CoreError::BadCredentials => 401,
        CoreError::Forbidden(_) => 403,
        CoreError::Throttled { .. } => 429,
        _ => 400,
    }
}

pub(crate) fn respond_refusal(stream: &TcpStream, refusal: &Refusal) {
    let dto = ErrorDto {
        code: refusal.code().to_string(),
        message: refusal.to_string(),
        rows: Vec::new(),
    };
    respond_json(
        stream,
        refusal.status(),
        json!({ "ok": false, "error": dto }),
    );
}
