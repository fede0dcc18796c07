//! The loopback HTTP adapter over the command table, also serving the built UI, so that a browser
//! on the same machine uses the app without Tauri (and the browser tests drive the real UI).
//!
//! `POST /api/call/<name>` with JSON arguments answers `{"ok":true,"data":…}` or, with a 4xx/5xx
//! status, `{"ok":false,"error":{code,message,rows}}`; a document command answers the file itself.
//! Everything else is a file of the UI folder, with `index.html` for unknown paths.
//!
//! A call is let in on its head alone (see `guard`): from this server's own page or a script,
//! as JSON, with a session the command accepts and a body no larger than the command takes;
//! only then is its body read. At most [`MAX_CONNECTIONS`] are served at once.
// Tests play the other programs that touch the files, with the plain calls.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

mod api;
mod files;
mod guard;
mod reply;
mod wire;

use api::Refused;
use cw_core::App;
use guard::Refusal;
use reply::{respond, respond_error, respond_refusal};
use std::io::BufReader;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wire::{read_body, read_head, ReadError, Reader, Request};

/// Most connections served at once. A browser opens six to a server; the rest is room for
/// the tests and a second window. Each connection is a thread and may hold a body, so an
/// unbounded number (24 bodies of 64 MB took the process to 2.3 GB) could exhaust memory.
pub const MAX_CONNECTIONS: usize = 32;

/// How to serve.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// 0 picks a free port.
    pub port: u16,
    /// The built UI (`ui/dist`); without it only the API is served.
    pub ui_dir: Option<PathBuf>,
}

/// Errors of the adapter itself.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// The port could not be bound.
    #[error("无法在 127.0.0.1:{port} 上启动服务：{reason}")]
    Bind { port: u16, reason: String },
}

/// A running server.
pub struct Running {
    /// Where it listens (always 127.0.0.1).
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    acceptor: std::thread::JoinHandle<()>,
}

impl Running {
    /// Stops accepting new connections and waits for the acceptor.
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept.
        let _ = TcpStream::connect(self.addr);
        let _ = self.acceptor.join();
    }

    /// Blocks until the server stops.
    pub fn wait(self) {
        let _ = self.acceptor.join();
    }
}

/// Starts serving on 127.0.0.1 only, one thread per connection.
pub fn start(app: Arc<App>, opts: ServeOptions) -> Result<Running, HttpError> {
    let bind_err = |e: std::io::Error| HttpError::Bind {
        port: opts.port,
        reason: e.to_string(),
    };
    let listener = TcpListener::bind(("127.0.0.1", opts.port)).map_err(bind_err)?;
    let addr = listener.local_addr().map_err(bind_err)?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let ui = opts.ui_dir.clone();
    let open = Arc::new(AtomicUsize::new(0));
    let acceptor = std::thread::spawn(move || {
        for stream in listener.incoming() {
            if flag.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let Some(slot) = Slot::take(&open) else {
                refuse_busy(&stream);
                continue;
            };
            let (app, ui) = (app.clone(), ui.clone());
            // A thread that cannot be made leaves the connection unanswered; the client retries.
            let _ = std::thread::Builder::new().spawn(move || {
                let _slot = slot;
                serve_connection(&app, ui.as_deref(), addr, stream);
            });
        }
    });
    Ok(Running {
        addr,
        stop,
        acceptor,
    })
}

/// One of the [`MAX_CONNECTIONS`] places, given back when the connection ends.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Option<Slot> {
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Slot(open.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers a connection over the limit at once, on the accepting thread: no thread of its own,
/// and only a moment's read of its request, so that closing does not reset the connection
/// (and lose the answer) over unread input.
fn refuse_busy(stream: &TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    respond_refusal(stream, &Refusal::Busy);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
    let mut buf = [0u8; 8 * 1024];
    let mut read = 0;
    while read < 64 * 1024 {
        match std::io::Read::read(&mut &*stream, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
}

/// Only requests addressed to this loopback server are answered (a DNS-rebinding guard).
fn host_allowed(req: &Request, addr: SocketAddr) -> bool {
    let port = addr.port();
    req.header("host")
        .map(|v| v == format!("127.0.0.1:{port}") || v == format!("localhost:{port}"))
        .unwrap_or(false)
}

fn serve_connection(app: &App, ui: Option<&Path>, addr: SocketAddr, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = stream.set_nodelay(true);
    let mut reader = BufReader::new(&stream);
    let req = match read_head(&mut reader) {
        Ok(r) => r,
        Err(ReadError::Closed) => return,
        Err(ReadError::Bad(status, why)) => {
            return respond(
                &stream,
                status,
                "text/plain; charset=utf-8",
                why.as_bytes(),
                Vec::new(),
            )
        }
    };
    let body_read = answer(app, ui, addr, &stream, &mut reader, &req);
    if !body_read {
        // A body that was refused is read and dropped, so the answer reaches the client.
        wire::drain(&mut reader, &req);
    }
}

/// Answers the request; true when its body was read (a call that was let in).
fn answer(
    app: &App,
    ui: Option<&Path>,
    addr: SocketAddr,
    stream: &TcpStream,
    reader: &mut Reader<'_>,
    req: &Request,
) -> bool {
    if !host_allowed(req, addr) {
        respond(
            stream,
            403,
            "text/plain; charset=utf-8",
            b"forbidden",
            Vec::new(),
        );
        return false;
    }
    let path = req.target.split('?').next().unwrap_or("/").to_string();
    if let Some(name) = path.strip_prefix("/api/call/") {
        let name = files::percent_decode(name);
        if req.method != "POST" {
            respond(
                stream,
                405,
                "text/plain; charset=utf-8",
                b"POST only",
                Vec::new(),
            );
            return false;
        }
        match api::admit(app, req, addr, &name) {
            Err(Refused::Guard(r)) => respond_refusal(stream, &r),
            Err(Refused::Core(e)) => respond_error(stream, &e),
            Ok(()) => {
                // A body that does not arrive whole cannot be answered; the client has gone.
                if let Ok(body) = read_body(reader, req) {
                    api::call(app, stream, req, &name, &body);
                }
                return true;
            }
        }
        return false;
    }
    if req.method != "GET" && req.method != "HEAD" {
        respond(
            stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed",
            Vec::new(),
        );
        return false;
    }
    match ui.and_then(|dir| files::resolve(dir, &path)) {
        Some((bytes, mime)) => respond(stream, 200, mime, &bytes, Vec::new()),
        None => respond(
            stream,
            404,
            "text/plain; charset=utf-8",
            b"not found",
            Vec::new(),
        ),
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn server() -> (Running, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "<!doctype html><meta charset=utf-8>创卫办公台",
        )
        .unwrap();
        let app = App::open_in_memory(Arc::new(cw_core::domain::SystemClock)).unwrap();
        let running = start(
            Arc::new(app),
            ServeOptions {
                port: 0,
                ui_dir: Some(dir.path().to_path_buf()),
            },
        )
        .unwrap();
        (running, dir)
    }

    const JSON: &str = "Content-Type: application/json\r\n";

    fn exchange(addr: SocketAddr, raw: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn a_command_answers_json_and_an_error_answers_code_and_chinese_message() {
        let (r, _dir) = server();
        let host = format!("Host: {}\r\n", r.addr);
        let ok = exchange(
            r.addr,
            &format!(
                "POST /api/call/auth.status HTTP/1.1\r\n{host}{JSON}Content-Length: 2\r\n\r\n{{}}"
            ),
        );
        assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
        assert!(ok.contains("\"ok\":true") && ok.contains("\"needs_setup\":true"));
        let anonymous = exchange(
            r.addr,
            &format!(
                "POST /api/call/meta.options HTTP/1.1\r\n{host}{JSON}Content-Length: 2\r\n\r\n{{}}"
            ),
        );
        assert!(anonymous.starts_with("HTTP/1.1 401"), "{anonymous}");
        assert!(anonymous.contains("auth.required") && anonymous.contains("请先登录"));
        let bad = exchange(
            r.addr,
            &format!(
                "POST /api/call/nothing.here HTTP/1.1\r\n{host}{JSON}Content-Length: 0\r\n\r\n"
            ),
        );
        assert!(bad.starts_with("HTTP/1.1 404"), "{bad}");
        assert!(bad.contains("unknown_command") && bad.contains("未知的操作"));
        r.stop();
    }

    #[test]
    fn the_ui_is_served_and_a_foreign_host_is_refused() {
        let (r, _dir) = server();
        let page = exchange(
            r.addr,
            &format!("GET /households HTTP/1.1\r\nHost: {}\r\n\r\n", r.addr),
        );
        assert!(page.contains("创卫办公台"), "{page}");
        let evil = exchange(r.addr, "GET / HTTP/1.1\r\nHost: evil.example:80\r\n\r\n");
        assert!(evil.starts_with("HTTP/1.1 403"), "{evil}");
        r.stop();
    }

    #[test]
    fn many_connections_at_once_are_all_answered() {
        let (r, _dir) = server();
        let addr = r.addr;
        let threads: Vec<_> = (0..12)
            .map(|_| {
                std::thread::spawn(move || {
                    exchange(
                        addr,
                        &format!("GET /index.html HTTP/1.1\r\nHost: {addr}\r\n\r\n"),
                    )
                })
            })
            .collect();
        for t in threads {
            assert!(t.join().unwrap().starts_with("HTTP/1.1 200"));
        }
        r.stop();
    }
}
