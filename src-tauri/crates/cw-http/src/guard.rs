//! What a command request must show before it runs, checked on its head alone: that a page of
//! this server sent it (not another site the clerk has open), that it is JSON, and that its
//! body is no larger than the command can take.
//!
//! A browser lets any site send a "simple" cross-site POST (a form, or `fetch` with
//! `text/plain`) without asking; it cannot send `application/json` across sites without a
//! preflight, which this server never grants. So JSON is required on every call, and a
//! browser's own word on where the request came from (`Origin`, `Sec-Fetch-Site`) is checked
//! too. A client that is not a browser (the tests, a script) sends neither and is let in on
//! the JSON alone.

use crate::wire::Request;
use std::net::SocketAddr;

/// Why a command request is refused before it runs; the client gets `{code, message}`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refusal {
    /// The request came from a page of another site.
    #[error("拒绝了来自其他网页的请求：只有本机办公台自己的页面可以操作")]
    CrossSite,
    /// The body is not declared as JSON.
    #[error("请求格式不对：内容类型必须是 application/json")]
    NotJson,
    /// The body is larger than the command can take.
    #[error("提交的内容太大（{size}），这项操作最多接受 {limit}")]
    TooLarge { size: String, limit: String },
    /// Too many connections are open at once.
    #[error("办公台服务正忙，请稍后再试")]
    Busy,
}

impl Refusal {
    /// A stable code for the UI and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::CrossSite => "http.cross_site",
            Refusal::NotJson => "http.not_json",
            Refusal::TooLarge { .. } => "http.too_large",
            Refusal::Busy => "http.busy",
        }
    }

    /// The HTTP status it is sent with.
    pub fn status(&self) -> u16 {
        match self {
            Refusal::CrossSite => 403,
            Refusal::NotJson => 415,
            Refusal::TooLarge { .. } => 413,
            Refusal::Busy => 503,
        }
    }
}

/// The origins of this server's own pages.
fn own_origin(origin: &str, addr: SocketAddr) -> bool {
    let port = addr.port();
    origin == format!("http://127.0.0.1:{port}") || origin == format!("http://localhost:{port}")
}

/// Refuses a request a browser says came from another site. `Sec-Fetch-Site` must be
/// `same-origin` when sent; `Origin` must be this server when sent (`null`, from a sandboxed
/// frame or a file, is refused too).
pub fn same_origin(req: &Request, addr: SocketAddr) -> Result<(), Refusal> {
    if let Some(site) = req.header("sec-fetch-site") {
        if !site.trim().eq_ignore_ascii_case("same-origin") {
            return Err(Refusal::CrossSite);
        }
    }
    if let Some(origin) = req.header("origin") {
        if !own_origin(origin.trim(), addr) {
            return Err(Refusal::CrossSite);
        }
    }
    Ok(())
}

/// Refuses a body not declared as `application/json` (parameters such as `charset` allowed).
pub fn json_body(req: &Request) -> Result<(), Refusal> {
    let media = req
        .header("content-type")
        .and_then(|v| v.split(';').next())
        .map(str::trim)
        .unwrap_or("");
    if media.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(Refusal::NotJson)
    }
}

/// Refuses a declared body over `limit` bytes, before any of it is read.
pub fn length(req: &Request, limit: usize) -> Result<(), Refusal> {
    if req.content_length <= limit {
        return Ok(());
    }
    Err(Refusal::TooLarge {
        size: megabytes(req.content_length),
        limit: megabytes(limit),
    })
}

/// A size for the clerk, e.g. `2 MB`, `26.7 MB`.
fn megabytes(bytes: usize) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    let text = format!("{mb:.1}");
    format!("{} MB", text.strip_suffix(".0").unwrap_or(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(headers: &[(&str, &str)], content_length: usize) -> Request {
        Request {
            method: "POST".into(),
            target: "/api/call/auth.setup".into(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            content_length,
        }
    }

    fn addr() -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], 8787))
    }

    #[test]
    fn a_page_of_another_site_is_refused_and_the_servers_own_page_or_a_script_is_let_in() {
        let ours = req(
            &[
                ("Origin", "http://127.0.0.1:8787"),
                ("Sec-Fetch-Site", "same-origin"),
            ],
            2,
        );
        assert_eq!(same_origin(&ours, addr()), Ok(()));
        assert_eq!(
            same_origin(&req(&[("Origin", "http://localhost:8787")], 2), addr()),
            Ok(())
        );
        assert_eq!(same_origin(&req(&[], 2), addr()), Ok(()), "a script");
        for (name, value) in [
            ("Origin", "http://evil.example"),
            ("Origin", "http://127.0.0.1:9999"),
            ("Origin", "null"),
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Site", "same-site"),
            ("Sec-Fetch-Site", "none"),
        ] {
            assert_eq!(
                same_origin(&req(&[(name, value)], 2), addr()),
                Err(Refusal::CrossSite),
                "{name}: {value}"
            );
        }
    }

    #[test]
    fn only_a_body_declared_as_json_is_accepted() {
        for ok in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
        ] {
            assert_eq!(json_body(&req(&[("Content-Type", ok)], 2)), Ok(()), "{ok}");
        }
        for bad in [
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonx",
        ] {
            assert_eq!(
                json_body(&req(&[("Content-Type", bad)], 2)),
                Err(Refusal::NotJson)
            );
        }
        assert_eq!(json_body(&req(&[], 2)), Err(Refusal::NotJson), "none");
    }

    #[test]
    fn a_body_over_the_commands_limit_is_refused_naming_both_sizes() {
        assert_eq!(length(&req(&[], 2 * 1024 * 1024), 2 * 1024 * 1024), Ok(()));
        let e = length(&req(&[], 64 * 1024 * 1024), 2 * 1024 * 1024).unwrap_err();
        assert_eq!(e.status(), 413);
        assert_eq!(
            e.to_string(),
            "提交的内容太大（64 MB），这项操作最多接受 2 MB"
        );
    }
}
