//! One command call: let in on its head, then its JSON body run through the core, and its
//! data or file answered.

use crate::files;
use crate::guard::{self, Refusal};
use crate::reply::{respond, respond_error, respond_json};
use crate::wire::Request;
use cw_core::{App, CoreError, Output};
use serde_json::json;
use std::net::{SocketAddr, TcpStream};

/// Why a call is not let in.
pub(crate) enum Refused {
    Guard(Refusal),
    Core(CoreError),
}

/// Lets a call in on its head, before its body is read: from this server's own page (or not a
/// browser), declared JSON, a session the command accepts, and a body the command can take.
pub(crate) fn admit(app: &App, req: &Request, addr: SocketAddr, name: &str) -> Result<(), Refused> {
    guard::same_origin(req, addr).map_err(Refused::Guard)?;
    guard::json_body(req).map_err(Refused::Guard)?;
    app.admits(req.header("x-cw-session"), name)
        .map_err(Refused::Core)?;
    guard::length(req, cw_core::commands::max_args_bytes(name)).map_err(Refused::Guard)
}

pub(crate) fn call(app: &App, stream: &TcpStream, req: &Request, name: &str, body: &[u8]) {
    let args = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::Value::Null
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return respond_error(stream, &CoreError::BadArgs(e.to_string())),
        }
    };
    match app.call_in_session(req.header("x-cw-session"), name, args) {
        Ok(Output::Json(data)) => respond_json(stream, 200, json!({ "ok": true, "data": data })),
        Ok(Output::File(f)) => {
            let disposition = format!(
                "attachment; filename*=UTF-8''{}",
                files::percent_encode(&f.file_name)
            );
            let mut headers = vec![("Content-Disposition", disposition)];
            headers.extend(warnings_header(&f.warnings));
            respond(stream, 200, &f.mime, &f.bytes, headers);
        }
        Err(e) => respond_error(stream, &e),
    }
}

/// The `X-CW-Warnings` header of a file that came with warnings (characters printed as □): a
/// JSON list of Chinese lines, percent-encoded since a header carries ASCII only. The page
/// shows them after the download.
fn warnings_header(warnings: &[String]) -> Option<(&'static str, String)> {
    if warnings.is_empty() {
        return None;
    }
    let list = serde_json::to_string(warnings).unwrap_or_default();
    Some(("X-CW-Warnings", files::percent_encode(&list)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_warnings_travel_as_an_ascii_header_of_a_json_list() {
        assert_eq!(warnings_header(&[]), None);
        let line = "「人员花名册」中有字库没有的字：\u{30EDE}（第 1 页）".to_string();
        let (name, value) = warnings_header(std::slice::from_ref(&line)).unwrap();
        assert_eq!(name, "X-CW-Warnings");
        assert!(value.is_ascii());
        assert!(value.starts_with("%5B%22%E3%80%8C"), "{value}");
        assert!(value.ends_with("%22%5D"), "{value}");
    }
}
