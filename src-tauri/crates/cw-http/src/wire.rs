//! Just enough HTTP/1.1 for a loopback server: read one request's head, then its body only if
//! it is let in (else drain it), write one response, close.
//!
//! One thread per connection and `Connection: close` on every answer: the browser opens as many
//! connections as it needs, and no request can wait behind another connection's keep-alive.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// Largest request head accepted.
const MAX_HEAD: usize = 64 * 1024;
/// The most of an unwanted body read (and thrown away) after a refusal, so that the client
/// reads the answer instead of a reset connection; a larger rest is cut off.
const MAX_DRAIN: usize = 256 * 1024 * 1024;
/// How long a refused client is given to finish sending what it declared.
const DRAIN_FOR: Duration = Duration::from_secs(2);

/// A request's head; its body, if any, is still on the wire: it is read only once the request
/// has been let in (see [`read_body`]).
pub struct Request {
    pub method: String,
    /// The path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    /// The declared `Content-Length` (0 without one).
    pub content_length: usize,
}

impl Request {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The peer closed or timed out before a whole request.
    Closed,
    /// Not a valid or acceptable request; answer 400/411/431 with this text.
    Bad(u16, &'static str),
}

/// The reading side of a connection, buffered: the head and then the body come from it.
pub type Reader<'a> = BufReader<&'a TcpStream>;

/// Reads one request's head from the stream (not its body).
pub fn read_head(reader: &mut Reader<'_>) -> Result<Request, ReadError> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let n = reader
            .read_until(b'\n', &mut head)
            .map_err(|_| ReadError::Closed)?;
        if n == 0 {
            return Err(ReadError::Closed);
        }
        if head.len() > MAX_HEAD {
            return Err(ReadError::Bad(431, "request head too large"));
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            break;
        }
    }
    let mut raw_headers = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut raw_headers);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Err(ReadError::Bad(400, "bad request")),
    }
    let method = parsed.method.unwrap_or("").to_string();
    let target = parsed.path.unwrap_or("/").to_string();
    let headers: Vec<(String, String)> = parsed
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_string(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect();
    let content_length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.trim().parse::<usize>())
        .transpose()
        .map_err(|_| ReadError::Bad(400, "bad content-length"))?
        .unwrap_or(0);
    if headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("transfer-encoding"))
    {
        return Err(ReadError::Bad(411, "content-length required"));
    }
    Ok(Request {
        method,
        target,
        headers,
        content_length,
    })
}

/// Reads the body of a request that was let in; the caller has checked its length.
pub fn read_body(reader: &mut Reader<'_>, req: &Request) -> Result<Vec<u8>, ReadError> {
    let mut body = vec![0; req.content_length];
    reader
        .read_exact(&mut body)
        .map_err(|_| ReadError::Closed)?;
    Ok(body)
}

/// Ends an exchange whose body was not read: reads what the client still sends (up to
/// [`MAX_DRAIN`] bytes or [`DRAIN_FOR`]) into a small buffer and drops it. Closing a socket
/// with unread input makes the system reset the connection, and the client would then lose
/// the answer it was just sent (a 401 would read as 无法连接).
pub fn drain(reader: &mut Reader<'_>, req: &Request) {
    let stream = *reader.get_ref();
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let started = Instant::now();
    let mut left = req.content_length.min(MAX_DRAIN);
    let mut buf = [0u8; 16 * 1024];
    while left > 0 && started.elapsed() < DRAIN_FOR {
        match reader.read(&mut buf[..left.min(16 * 1024)]) {
            Ok(0) => break,
            Ok(n) => left -= n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break,
        }
    }
}

/// The reason phrase of a status this server sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        507 => "Insufficient Storage",
        _ => "Internal Server Error",
    }
}

/// Writes a whole response and closes the exchange.
pub fn write_response(
    mut stream: &TcpStream,
    status: u16,
    headers: &[(&str, String)],
    body: &[u8],
) {
    let reason = reason(status);
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        // Header values never carry line breaks (a file name is percent-encoded).
        let value = value.replace(['\r', '\n'], " ");
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    // A peer that went away cannot be answered; nothing else to do.
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(body))
        .and_then(|_| stream.flush());
}
