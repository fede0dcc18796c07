//! What the loopback server refuses, over real sockets: calls from other sites' pages, bodies
//! that are not JSON, bodies larger than the command takes or sent without a session (refused
//! before they are read), more connections than it serves at once; and the status lines it
//! answers with.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use cw_core::domain::SystemClock;
use cw_core::App;
use cw_http::{start, Running, ServeOptions, MAX_CONNECTIONS};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

const HEAD: &str = r#"{"username":"zhuren","display_name":"主任","password":"head-pass-2026"}"#;

fn serve(app: App) -> Running {
    start(Arc::new(app), ServeOptions::default()).unwrap()
}

fn in_memory() -> Running {
    serve(App::open_in_memory(Arc::new(SystemClock)).unwrap())
}

/// Sends `raw` and reads the whole answer (the server closes every exchange).
fn exchange(addr: SocketAddr, raw: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(raw).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

/// A POST of `body` to the command `name` with the extra header lines `extra`.
fn post(addr: SocketAddr, name: &str, extra: &str, body: &str) -> String {
    let raw = format!(
        "POST /api/call/{name} HTTP/1.1\r\nHost: {addr}\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    exchange(addr, raw.as_bytes())
}

const JSON: &str = "Content-Type: application/json\r\n";

fn needs_setup(addr: SocketAddr) -> bool {
    let status = post(addr, "auth.status", JSON, "{}");
    assert!(status.starts_with("HTTP/1.1 200 OK"), "{status}");
    status.contains("\"needs_setup\":true")
}

/// The token in a sign-in's answer.
fn token_of(answer: &str) -> String {
    let body = &answer[answer.find("\r\n\r\n").unwrap() + 4..];
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["data"]["token"].as_str().unwrap().to_string()
}

#[test]
fn a_cross_site_text_plain_post_is_refused_before_it_runs() {
    let r = in_memory();
    // What a page of another site can send without the browser asking first.
    let form = post(
        r.addr,
        "auth.setup",
        "Content-Type: text/plain;charset=UTF-8\r\nOrigin: http://evil.example\r\nSec-Fetch-Site: cross-site\r\n",
        HEAD,
    );
    assert!(form.starts_with("HTTP/1.1 403 Forbidden"), "{form}");
    assert!(form.contains("http.cross_site") && form.contains("拒绝了来自其他网页的请求"));
    // Without the browser's headers, text/plain is refused all the same.
    let plain = post(r.addr, "auth.setup", "Content-Type: text/plain\r\n", HEAD);
    assert!(
        plain.starts_with("HTTP/1.1 415 Unsupported Media Type"),
        "{plain}"
    );
    assert!(plain.contains("http.not_json") && plain.contains("application/json"));
    let untyped = post(r.addr, "auth.setup", "", HEAD);
    assert!(untyped.starts_with("HTTP/1.1 415"), "{untyped}");
    // JSON from another site's page (it would need a preflight, but the Origin is checked too).
    let json_elsewhere = post(
        r.addr,
        "auth.setup",
        &format!("{JSON}Origin: http://127.0.0.1:1\r\n"),
        HEAD,
    );
    assert!(
        json_elsewhere.starts_with("HTTP/1.1 403"),
        "{json_elsewhere}"
    );
    assert!(needs_setup(r.addr), "no password was set");
    r.stop();
}

#[test]
fn the_servers_own_page_and_a_script_sending_json_are_let_in() {
    let r = in_memory();
    let page = format!(
        "{JSON}Origin: http://127.0.0.1:{}\r\nSec-Fetch-Site: same-origin\r\n",
        r.addr.port()
    );
    let setup = post(r.addr, "auth.setup", &page, HEAD);
    assert!(setup.starts_with("HTTP/1.1 200 OK"), "{setup}");
    let login = post(
        r.addr,
        "auth.login",
        "Content-Type: application/json; charset=utf-8\r\n",
        r#"{"username":"zhuren","password":"head-pass-2026"}"#,
    );
    assert!(login.starts_with("HTTP/1.1 200 OK"), "{login}");
    r.stop();
}

#[test]
fn cross_site_wrong_logins_cannot_lock_the_head_out() {
    let r = in_memory();
    assert!(post(r.addr, "auth.setup", JSON, HEAD).starts_with("HTTP/1.1 200"));
    let wrong = r#"{"username":"zhuren","password":"guess"}"#;
    for _ in 0..6 {
        let refused = post(
            r.addr,
            "auth.login",
            "Content-Type: text/plain\r\nOrigin: http://evil.example\r\n",
            wrong,
        );
        assert!(refused.starts_with("HTTP/1.1 403"), "{refused}");
    }
    let login = post(
        r.addr,
        "auth.login",
        JSON,
        r#"{"username":"zhuren","password":"head-pass-2026"}"#,
    );
    assert!(login.starts_with("HTTP/1.1 200 OK"), "{login}");
    r.stop();
}

#[test]
fn status_lines_name_their_status_and_a_throttled_login_says_when_to_retry() {
    let r = in_memory();
    let anonymous = post(r.addr, "meta.options", JSON, "{}");
    assert!(
        anonymous.starts_with("HTTP/1.1 401 Unauthorized\r\n"),
        "{anonymous}"
    );
    assert!(post(r.addr, "auth.setup", JSON, HEAD).starts_with("HTTP/1.1 200"));
    let wrong = r#"{"username":"zhuren","password":"guess"}"#;
    let answers: Vec<String> = (0..6)
        .map(|_| post(r.addr, "auth.login", JSON, wrong))
        .collect();
    assert!(answers[0].starts_with("HTTP/1.1 401 Unauthorized\r\n"));
    let throttled = answers.last().unwrap();
    assert!(
        throttled.starts_with("HTTP/1.1 429 Too Many Requests\r\n"),
        "{throttled}"
    );
    assert!(throttled.contains("Retry-After: "), "{throttled}");
    assert!(throttled.contains("auth.throttled"));
    r.stop();
}

#[test]
fn a_file_held_by_another_server_is_answered_409_with_the_chinese_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cw.db");
    let first = App::open(&db, Arc::new(SystemClock)).unwrap();
    first.hold_writer().unwrap();
    let second = App::open(&db, Arc::new(SystemClock)).unwrap();
    assert_eq!(
        second.hold_writer().unwrap_err().code(),
        "store.held",
        "the second cannot hold the file"
    );
    let r = serve(second);
    let setup = post(r.addr, "auth.setup", JSON, HEAD);
    assert!(setup.starts_with("HTTP/1.1 409 Conflict\r\n"), "{setup}");
    assert!(setup.contains("store.held"), "{setup}");
    r.stop();
    drop(first);
}

/// Sends only the head of a call declaring a body of `length` bytes, and reads the answer
/// that comes without the body, with how long it took.
fn answer_to_head(addr: SocketAddr, name: &str, extra: &str, length: usize) -> (String, Duration) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let head = format!(
        "POST /api/call/{name} HTTP/1.1\r\nHost: {addr}\r\n{JSON}{extra}Content-Length: {length}\r\n\r\n"
    );
    s.write_all(head.as_bytes()).unwrap();
    let started = Instant::now();
    // The server answers before the body, ends its side, and reads for a moment what the
    // client still sends (so that the answer is not lost to a reset): the end is seen at once.
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    (
        String::from_utf8_lossy(&out).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn a_large_body_is_refused_before_it_is_read_without_a_session_or_over_the_commands_limit() {
    let r = in_memory();
    let (anonymous, took) = answer_to_head(r.addr, "households.list", "", 64 * 1024 * 1024);
    assert!(
        anonymous.starts_with("HTTP/1.1 401 Unauthorized"),
        "{anonymous}"
    );
    assert!(took < Duration::from_secs(2), "answered at once: {took:?}");
    let token = token_of(&post(r.addr, "auth.setup", JSON, HEAD));
    let session = format!("X-CW-Session: {token}\r\n");
    let (too_large, took) = answer_to_head(r.addr, "households.list", &session, 64 * 1024 * 1024);
    assert!(
        too_large.starts_with("HTTP/1.1 413 Payload Too Large"),
        "{too_large}"
    );
    assert!(too_large.contains("http.too_large") && too_large.contains("提交的内容太大"));
    assert!(took < Duration::from_secs(2), "answered at once: {took:?}");
    // An import may carry its whole file (20 MB, as base64), but not more.
    let (import, _) = answer_to_head(r.addr, "import.preview", &session, 64 * 1024 * 1024);
    assert!(import.starts_with("HTTP/1.1 413"), "{import}");
    r.stop();
}

#[test]
fn a_refused_call_whose_body_was_sent_still_gets_its_answer() {
    let r = in_memory();
    // As the page does when its session has ended: the whole body goes out before the answer.
    let body = format!(r#"{{"q":"","pad":"{}"}}"#, "x".repeat(1024 * 1024));
    let answer = post(r.addr, "households.list", JSON, &body);
    assert!(answer.starts_with("HTTP/1.1 401 Unauthorized"), "{answer}");
    assert!(answer.contains("请先登录"));
    r.stop();
}

#[test]
fn an_upload_as_large_as_an_import_takes_is_let_in() {
    let r = in_memory();
    let token = token_of(&post(r.addr, "auth.setup", JSON, HEAD));
    // 15 MB of base64: over the ordinary limit, within the import's.
    let body = format!(
        r#"{{"target":"households","file_name":"住户.csv","data_base64":"{}"}}"#,
        "A".repeat(15 * 1024 * 1024)
    );
    let answer = post(
        r.addr,
        "import.preview",
        &format!("{JSON}X-CW-Session: {token}\r\n"),
        &body,
    );
    // Read and judged by the import itself (the bytes are no table), not refused for size.
    assert!(answer.starts_with("HTTP/1.1 400 Bad Request"), "{answer}");
    assert!(!answer.contains("http.too_large"), "{answer}");
    r.stop();
}

#[test]
fn connections_beyond_the_limit_are_told_to_come_back_and_served_once_others_close() {
    let r = in_memory();
    // Open connections that send nothing hold every place.
    let held: Vec<TcpStream> = (0..MAX_CONNECTIONS)
        .map(|_| TcpStream::connect(r.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let page = format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", r.addr);
    let busy = exchange(r.addr, page.as_bytes());
    assert!(
        busy.starts_with("HTTP/1.1 503 Service Unavailable"),
        "{busy}"
    );
    assert!(busy.contains("http.busy") && busy.contains("办公台服务正忙"));
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let again = exchange(r.addr, page.as_bytes());
        if again.starts_with("HTTP/1.1 404") {
            break; // served (no UI folder here)
        }
        assert!(Instant::now() < deadline, "never served again: {again}");
        std::thread::sleep(Duration::from_millis(50));
    }
    r.stop();
}

#[test]
fn a_search_longer_than_a_hundred_characters_is_refused_naming_the_field() {
    let r = in_memory();
    let token = token_of(&post(r.addr, "auth.setup", JSON, HEAD));
    let session = format!("{JSON}X-CW-Session: {token}\r\n");
    for name in [
        "households.list",
        "staff.list",
        "zones.list",
        "pledges.list",
    ] {
        let fits = post(
            r.addr,
            name,
            &session,
            &format!(r#"{{"q":"{}"}}"#, "王".repeat(100)),
        );
        assert!(fits.starts_with("HTTP/1.1 200"), "{name}: {fits}");
        let long = post(
            r.addr,
            name,
            &session,
            &format!(r#"{{"q":"{}"}}"#, "王".repeat(101)),
        );
        assert!(long.starts_with("HTTP/1.1 400"), "{name}: {long}");
        assert!(
            long.contains("「查找内容」太长了（最多 100 个字）"),
            "{name}: {long}"
        );
    }
    r.stop();
}

#[test]
fn an_answered_call_gives_its_place_back_at_once_though_the_client_stays_connected() {
    let r = in_memory();
    let call = format!(
        "POST /api/call/auth.status HTTP/1.1\r\nHost: {}\r\n{JSON}Content-Length: 2\r\n\r\n{{}}",
        r.addr
    );
    // Clients that read their answer and keep the socket open, as many as there are places.
    let kept: Vec<TcpStream> = (0..MAX_CONNECTIONS)
        .map(|_| {
            let mut s = TcpStream::connect(r.addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            s.write_all(call.as_bytes()).unwrap();
            let mut out = Vec::new();
            s.read_to_end(&mut out).unwrap();
            assert!(out.starts_with(b"HTTP/1.1 200 OK"));
            s
        })
        .collect();
    let next = exchange(r.addr, call.as_bytes());
    assert!(next.starts_with("HTTP/1.1 200 OK"), "{next}");
    drop(kept);
    r.stop();
}
