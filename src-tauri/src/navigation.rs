//! Where the main window may go: only the app's own pages. Links to anywhere else are refused,
//! and so are new windows (`window.open`, `target="_blank"`).

use tauri::Url;

/// The dev server of `tauri dev` (`build.devUrl`), allowed in debug builds only.
const DEV_ORIGIN: (&str, &str, u16) = ("http", "localhost", 5173);

/// Whether the main window may navigate to `url` in this build.
pub fn is_allowed(url: &Url) -> bool {
    is_allowed_in(url, cfg!(debug_assertions))
}

/// Whether `url` is one of the app's own origins: `tauri://localhost` (Linux, macOS),
/// `http://tauri.localhost` (Windows), and with `dev` the Vite dev server.
fn is_allowed_in(url: &Url, dev: bool) -> bool {
    match (url.scheme(), url.host_str(), url.port()) {
        ("tauri", Some("localhost"), None) => true,
        ("http", Some("tauri.localhost"), None) => true,
        (scheme, Some(host), Some(port)) if dev => (scheme, host, port) == DEV_ORIGIN,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(url: &str, dev: bool) -> bool {
        match Url::parse(url) {
            Ok(url) => is_allowed_in(&url, dev),
            Err(e) => panic!("bad test url {url}: {e}"),
        }
    }

    #[test]
    fn the_apps_own_pages_are_allowed() {
        assert!(allowed("tauri://localhost/index.html#/households", false));
        assert!(allowed("http://tauri.localhost/", false));
    }

    #[test]
    fn the_dev_server_only_in_debug_builds() {
        assert!(allowed("http://localhost:5173/", true));
        assert!(!allowed("http://localhost:5173/", false));
        assert!(!allowed("http://localhost:8080/", true));
    }

    #[test]
    fn everything_else_is_refused() {
        for url in [
            "https://www.example.com/",
            "http://tauri.localhost.evil.cn/",
            "https://tauri.localhost/",
            "http://tauri.localhost:8080/",
            "file:///C:/Windows/System32/",
            "tauri://evil/",
            "about:blank",
            "javascript:alert(1)",
            "data:text/html,<script>1</script>",
        ] {
            assert!(!allowed(url, true), "{url} must be refused");
        }
    }
}
