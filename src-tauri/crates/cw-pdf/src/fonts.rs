//! The embedded fonts: Noto Serif SC, and a fallback for the rare ideographs it lacks (CJK
//! Extension B, e.g. 𪚥 in a worker's name), parsed once per process, measured, and checked for
//! coverage.
//!
//! The fallback (`assets/fonts/ChuangweiExtB-Regular.ttf`, a subset of HanaMinB from
//! fonts-hanazono, `scripts/fonts/make-fallback-font.sh`) is compiled in like the main font and
//! parsed only when a document first draws a character beyond the Basic Multilingual Plane that
//! the main font lacks: most documents never load it. Every PDF gets a subset of each font it
//! uses, with its own ToUnicode map.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::PdfError;

/// The raw TrueType bytes of Noto Serif SC Regular, compiled into the binary.
pub static FONT_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../assets/fonts/NotoSerifSC-Regular.ttf"
));

/// The raw TrueType bytes of the fallback font: CJK Extension B (U+20000–U+2A6DF) from
/// HanaMinB, renamed as its licence asks of a modified version.
pub static FALLBACK_BYTES: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../assets/fonts/ChuangweiExtB-Regular.ttf"
));

/// The first character the fallback is asked for: it holds ideographs beyond the BMP only, so a
/// missing emoji or private-use character never makes a document parse 22 MB of font.
const FALLBACK_FROM: u32 = 0x2_0000;

/// What a character no font has is drawn as: the white square printers use for a missing
/// character (缺字符号), so the clerk sees where to write it in by hand.
pub const MISSING_MARK: char = '□';

/// Which embedded font draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Noto Serif SC.
    Main,
    /// The Extension B fallback.
    Fallback,
}

impl Face {
    /// Both faces, in resource order (`/F1`, `/F2`).
    pub const ALL: [Face; 2] = [Face::Main, Face::Fallback];

    /// 0 for the main font, 1 for the fallback.
    pub(crate) fn index(self) -> usize {
        match self {
            Face::Main => 0,
            Face::Fallback => 1,
        }
    }
}

/// The parsed font plus the metrics layout code needs.
#[derive(Debug)]
pub struct Font {
    parsed: ParsedFont,
    units_per_em: f32,
    /// Glyph and advance of each character of the Basic Multilingual Plane, looked up on first
    /// use. The font maps characters through a format-12 cmap that the parser searches group by
    /// group, thousands of groups for one ideograph; a month's fine report measures and checks
    /// about a million characters (BENCHMARKS.md).
    bmp: Box<[AtomicU64]>,
    /// Whether characters this font lacks are looked for in the fallback (the main font only).
    falls_back: bool,
}

/// A cache slot: 0 until looked up; then bit 32 set, the glyph in bits 16–31 (0 = the font
/// lacks the character) and the advance in font units in bits 0–15.
const KNOWN: u64 = 1 << 32;

static FONT: OnceLock<Result<Font, String>> = OnceLock::new();
static FALLBACK: OnceLock<Option<Font>> = OnceLock::new();

/// The process-wide font, parsed on first use (parsing 15 MB takes a noticeable moment).
pub fn font() -> Result<&'static Font, PdfError> {
    FONT.get_or_init(|| Font::parse(FONT_BYTES, true))
        .as_ref()
        .map_err(|e| PdfError::Font(e.clone()))
}

/// The fallback font, parsed on first use; `None` if it cannot be parsed (its characters are
/// then reported as missing, and the documents still print).
pub fn fallback() -> Option<&'static Font> {
    FALLBACK
        .get_or_init(|| Font::parse(FALLBACK_BYTES, false).ok())
        .as_ref()
}

/// The font of `face`.
pub(crate) fn face(face: Face) -> Result<&'static Font, PdfError> {
    match face {
        Face::Main => font(),
        Face::Fallback => fallback().ok_or_else(|| PdfError::Font("补充字库无法解析".into())),
    }
}

/// Characters that are layout instructions, not glyphs; never reported as missing.
fn is_layout_control(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t')
}

impl Font {
    fn parse(bytes: &[u8], falls_back: bool) -> Result<Font, String> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("无法解析内置字体（{} 条警告）", warnings.len()))?;
        let upem = parsed.pdf_font_metrics.units_per_em;
        if upem == 0 {
            return Err("内置字体缺少 units_per_em".to_string());
        }
        Ok(Font {
            parsed,
            units_per_em: f32::from(upem),
            bmp: (0..=u16::MAX).map(|_| AtomicU64::new(0)).collect(),
            falls_back,
        })
    }

    /// The glyph drawing `c` (`None` if the font lacks it) and its advance in font units.
    fn metrics(&self, c: char) -> (Option<u16>, u16) {
        let look_up = || {
            let glyph = self
                .parsed
                .lookup_glyph_index(u32::from(c))
                .filter(|&g| g != 0);
            let advance = glyph.map_or(0, |g| self.parsed.get_horizontal_advance(g));
            (glyph, advance)
        };
        let Some(slot) = usize::try_from(u32::from(c))
            .ok()
            .and_then(|i| self.bmp.get(i))
        else {
            return look_up();
        };
        let known = slot.load(Ordering::Relaxed);
        if known & KNOWN != 0 {
            let glyph = ((known >> 16) & 0xFFFF) as u16;
            return ((glyph != 0).then_some(glyph), (known & 0xFFFF) as u16);
        }
        let (glyph, advance) = look_up();
        slot.store(
            KNOWN | (u64::from(glyph.unwrap_or(0)) << 16) | u64::from(advance),
            Ordering::Relaxed,
        );
        (glyph, advance)
    }

    /// The parsed font, for adding to a `printpdf::PdfDocument`.
    pub fn parsed(&self) -> &ParsedFont {
        &self.parsed
    }

    /// The glyph of this font drawing `c`, or `None` if this font lacks it (the fallback is
    /// not asked; see [`Font::locate`]).
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.metrics(c).0
    }

    /// The font and glyph drawing `c`: this font's, else (for the main font) the fallback's for
    /// an ideograph beyond the BMP; `None` if no font has it.
    pub fn locate(&self, c: char) -> Option<(Face, u16)> {
        self.place(c).map(|(face, glyph, _)| (face, glyph))
    }

    /// The font, glyph and advance (in thousandths of an em) drawing `c`.
    fn place(&self, c: char) -> Option<(Face, u16, f32)> {
        let (glyph, advance) = self.metrics(c);
        if let Some(g) = glyph {
            return Some((Face::Main, g, self.pdf_width(advance)));
        }
        if !self.falls_back || u32::from(c) < FALLBACK_FROM {
            return None;
        }
        let fb = fallback()?;
        let (glyph, advance) = fb.metrics(c);
        Some((Face::Fallback, glyph?, fb.pdf_width(advance)))
    }

    /// Whether some font can draw `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.place(c).is_some()
    }

    /// Advance width of `c` in points at `size_pt`; a missing glyph counts as one em (the
    /// width of the mark drawn instead).
    pub fn char_width(&self, c: char, size_pt: f32) -> f32 {
        self.glyph_and_width(c, size_pt).1
    }

    /// The font and glyph drawing `c` (`None` if no font has it) and its advance in points at
    /// `size_pt` (one em if missing), from one look-up.
    pub fn glyph_and_width(&self, c: char, size_pt: f32) -> (Option<(Face, u16)>, f32) {
        match self.place(c) {
            Some((face, glyph, units)) => (Some((face, glyph)), units * size_pt / 1000.0),
            None => (None, size_pt),
        }
    }

    /// An advance in font units as the PDF's /W array writes it (thousandths of an em,
    /// truncated), so what layout measures is what the viewer draws.
    fn pdf_width(&self, advance: u16) -> f32 {
        (f32::from(advance) * 1000.0 / self.units_per_em).trunc()
    }

    /// The /W width of glyph `gid` in thousandths of an em.
    pub(crate) fn glyph_pdf_width(&self, gid: u16) -> u32 {
        self.pdf_width(self.parsed.get_horizontal_advance(gid)) as u32
    }

    /// Font units per em (for scaling the descriptor's metrics to thousandths of an em).
    pub(crate) fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// Width of `text` in points at `size_pt` (no kerning, as printpdf draws it).
    pub fn text_width(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size_pt)).sum()
    }

    /// Characters of `text` no font can draw, each once, in order of appearance.
    pub fn missing_glyphs(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !is_layout_control(c) && !self.has_char(c) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

/// Characters of `text` no embedded font can draw (so callers can refuse or report before
/// printing).
///
/// If the font itself cannot be loaded every drawable character is reported, since none would print.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    match font() {
        Ok(f) => f.missing_glyphs(text),
        Err(_) => {
            let mut out: Vec<char> = Vec::new();
            for c in text.chars().filter(|&c| !is_layout_control(c)) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            out
        }
    }
}

/// Width of `text` in points at `size_pt` with the embedded font.
pub fn text_width(text: &str, size_pt: f32) -> Result<f32, PdfError> {
    Ok(font()?.text_width(text, size_pt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_addresses_and_punctuation_are_covered() {
        let text =
            "张伟王芳李娜黄山路东段１２号，（户主）“责任区”：０－９ ABC abc 123 ¥1,409.50 　";
        assert_eq!(missing_glyphs(text), Vec::<char>::new());
    }

    #[test]
    fn a_rare_character_outside_the_font_is_reported_once() {
        // U+30EDE (CJK Ext. G) and U+1F600 are in no embedded font.
        let text = "王\u{30EDE}明\u{30EDE}😀";
        assert_eq!(missing_glyphs(text), vec!['\u{30EDE}', '😀']);
    }

    #[test]
    fn the_cached_glyphs_and_widths_are_the_fonts_own_asked_twice() -> Result<(), PdfError> {
        let f = font()?;
        // Ideographs, Latin, full-width forms, a private-use character the font lacks, and one
        // beyond the BMP (not cached).
        for c in "王伟超市黄山路Ａ1a，。¥\u{E000}\u{2A6D6}\u{20BB7}".chars() {
            let direct = f
                .parsed()
                .lookup_glyph_index(u32::from(c))
                .filter(|&g| g != 0);
            for _ in 0..2 {
                assert_eq!(f.glyph(c), direct, "{c:?}");
                let width = f.char_width(c, 10.0);
                let want = match direct {
                    Some(g) => {
                        (f32::from(f.parsed().get_horizontal_advance(g)) * 1000.0 / f.units_per_em)
                            .trunc()
                            / 100.0
                    }
                    None => 10.0,
                };
                assert!((width - want).abs() < 1e-4, "{c:?}: {width} vs {want}");
            }
        }
        assert_eq!(f.glyph('\u{E000}'), None);
        Ok(())
    }

    #[test]
    fn line_breaks_are_not_reported_as_missing() {
        assert!(missing_glyphs("第一行\n第二行\r\n\t").is_empty());
    }

    #[test]
    fn a_chinese_character_is_one_em_wide_and_latin_is_narrower() -> Result<(), PdfError> {
        let f = font()?;
        assert!((f.char_width('中', 10.0) - 10.0).abs() < 0.01);
        let w = f.char_width('1', 10.0);
        assert!(w > 3.0 && w < 7.0, "digit width {w}");
        assert!((f.text_width("中中", 12.0) - 24.0).abs() < 0.01);
        Ok(())
    }
}
