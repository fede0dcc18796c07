//! How the window fits the screen it opens on. The default window is 1280×800; a 1366×768
//! screen, or 1920×1080 at 150% (1280×720 for the page), has less room than that once the
//! taskbar and title bar are counted, so the window starts maximized there.

/// Room for the title bar and frame around the page, in logical pixels (Windows 10/11: about
/// 31 px of title bar and 8 px of frame).
pub const FRAME: f64 = 40.0;

/// Whether a window whose page is `window` (logical width, height) should start maximized on a
/// work area (the screen less the taskbar) of `work` logical pixels.
pub fn start_maximized(work: (f64, f64), window: (f64, f64)) -> bool {
    window.0 > work.0 || window.1 + FRAME > work.1
}

/// The work area of a monitor in logical pixels, from its physical size and scale factor.
pub fn logical(width: u32, height: u32, scale: f64) -> (f64, f64) {
    let scale = if scale > 0.0 { scale } else { 1.0 };
    (f64::from(width) / scale, f64::from(height) / scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The main window of tauri.conf.json: (width, height, minWidth, minHeight).
    fn configured() -> (f64, f64, f64, f64) {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tauri.conf.json"))
            .unwrap();
        let conf: serde_json::Value = serde_json::from_str(&text).unwrap();
        let w = &conf["app"]["windows"][0];
        let n = |k: &str| w[k].as_f64().unwrap();
        (n("width"), n("height"), n("minWidth"), n("minHeight"))
    }

    /// Work areas of the clerks' screens: the screen in logical pixels less a 40 px taskbar
    /// (Windows 11 at 100%: 48 physical px, about 32 logical at 150%).
    const SMALL_SCREENS: [(u32, u32, f64, u32); 3] = [
        (1366, 768, 1.0, 48),
        (1920, 1080, 1.5, 48),
        (1280, 720, 1.0, 48),
    ];

    #[test]
    fn the_small_office_screens_start_the_window_maximized() {
        let (w, h, _, _) = configured();
        for (sw, sh, scale, bar) in SMALL_SCREENS {
            let work = logical(sw, sh - bar, scale);
            assert!(start_maximized(work, (w, h)), "{sw}×{sh} at {scale}");
        }
    }

    #[test]
    fn a_large_screen_keeps_the_default_window() {
        let (w, h, _, _) = configured();
        assert!(!start_maximized(logical(1920, 1032, 1.0), (w, h)));
        assert!(!start_maximized(logical(2560, 1392, 1.25), (w, h)));
    }

    #[test]
    fn the_smallest_window_fits_every_small_screen() {
        let (_, _, min_w, min_h) = configured();
        for (sw, sh, scale, bar) in SMALL_SCREENS {
            let (work_w, work_h) = logical(sw, sh - bar, scale);
            assert!(min_w <= work_w, "minWidth {min_w} on {sw}×{sh} at {scale}");
            assert!(
                min_h + FRAME <= work_h,
                "minHeight {min_h} on {sw}×{sh} at {scale}"
            );
        }
    }

    #[test]
    fn a_zero_scale_is_taken_as_one() {
        assert_eq!(logical(1366, 728, 0.0), (1366.0, 728.0));
    }
}
