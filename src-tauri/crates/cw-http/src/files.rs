//! Serving the built UI's files safely, and the percent-coding of names in URLs and headers.

use std::path::{Component, Path, PathBuf};

/// The file for a URL path inside `dir` (never outside it), with its MIME type; unknown paths
/// without an extension get `index.html`, so the single-page app can route.
pub fn resolve(dir: &Path, url_path: &str) -> Option<(Vec<u8>, &'static str)> {
    let decoded = percent_decode(url_path.trim_start_matches('/'));
    let rel = PathBuf::from(if decoded.is_empty() {
        "index.html".to_string()
    } else {
        decoded
    });
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = dir.join(&rel);
    match std::fs::read(&full) {
        Ok(bytes) => Some((bytes, mime_of(&full))),
        Err(_) if rel.extension().is_none() => {
            let index = dir.join("index.html");
            std::fs::read(&index)
                .ok()
                .map(|b| (b, "text/html; charset=utf-8"))
        }
        Err(_) => None,
    }
}

fn mime_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` sequences (UTF-8); invalid sequences stay as they are.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but unreserved characters, for `filename*=UTF-8''…` (RFC 5987).
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_file_name_round_trips_through_percent_coding() {
        let name = "住户花名册-黄山路东段.pdf";
        assert_eq!(percent_decode(&percent_encode(name)), name);
        assert!(percent_encode(name).is_ascii());
    }

    #[test]
    fn a_path_climbing_out_of_the_ui_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<html></html>").unwrap();
        assert!(resolve(dir.path(), "/../../etc/passwd").is_none());
        assert!(resolve(dir.path(), "/%2e%2e/secret").is_none());
        assert_eq!(
            resolve(dir.path(), "/households").unwrap().1,
            "text/html; charset=utf-8"
        );
    }
}
