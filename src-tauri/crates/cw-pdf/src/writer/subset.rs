//! The font subsets of one file: which glyphs the pages draw, the subset programs and their
//! numbering, and the font dictionaries' parts (widths, descriptor, ToUnicode map, tag).

use crate::content::{push_hex4, push_uint};
use crate::fonts::{Face, Font};
use crate::page::Page;
use crate::PdfError;

/// The glyphs a document uses, numbered for its font subset.
pub(super) struct Subset {
    /// The subset font program (TrueType).
    pub(super) program: Vec<u8>,
    /// Subset glyph number of each original glyph (0 = not in the subset).
    pub(super) code_of: Vec<u16>,
    /// (subset glyph number, original glyph, the character it stands for), ascending.
    pub(super) glyphs: Vec<(u16, u16, char)>,
}

/// The character each glyph of a font stands for in a document (`'\0'` = unused).
pub(super) type CharOf = Vec<char>;

/// Finds every glyph the pages draw (each page's characters once, through the glyph cache),
/// per font: `[main, fallback]`.
pub(super) fn glyphs_used(main: &Font, pages: &[Page]) -> Result<[CharOf; 2], PdfError> {
    // The character a glyph stands for in the ToUnicode map: the first this document drew
    // with it, so text extraction gives back this document's characters.
    let mut char_of = [
        vec!['\0'; usize::from(u16::MAX) + 1],
        vec!['\0'; usize::from(u16::MAX) + 1],
    ];
    for page in pages {
        for c in page.text_runs().0.chars() {
            let (face, g) = main.locate(c).ok_or_else(|| missing(c))?;
            if let Some(slot @ '\0') = char_of[face.index()].get_mut(usize::from(g)) {
                *slot = c;
            }
        }
    }
    Ok(char_of)
}

/// Subsets `font` to the glyphs of `char_of`.
pub(super) fn subset(font: &Font, char_of: &[char]) -> Result<Subset, PdfError> {
    let used: std::collections::BTreeMap<u16, String> = char_of
        .iter()
        .enumerate()
        .filter(|(_, c)| **c != '\0')
        .filter_map(|(g, c)| Some((u16::try_from(g).ok()?, c.to_string())))
        .collect();
    let sub = printpdf::subset_font(font.parsed(), &used)
        .map_err(|e| PdfError::Render(format!("字体子集生成失败：{e}")))?;
    let mut code_of = vec![0u16; usize::from(u16::MAX) + 1];
    let mut glyphs = Vec::with_capacity(sub.glyph_mapping.len());
    for (&orig, (new, _)) in &sub.glyph_mapping {
        if let Some(slot) = code_of.get_mut(usize::from(orig)) {
            *slot = *new;
        }
        let c = char_of
            .get(usize::from(orig))
            .copied()
            .unwrap_or('\u{FFFD}');
        glyphs.push((*new, orig, c));
    }
    glyphs.sort_unstable();
    Ok(Subset {
        program: sub.bytes,
        code_of,
        glyphs,
    })
}

/// The subsets of a document: the main font's and the fallback's (`None` when no page drew
/// a character of it — the fallback is then neither parsed nor embedded).
pub(super) fn subsets(main: &Font, pages: &[Page]) -> Result<[Option<Subset>; 2], PdfError> {
    let used = glyphs_used(main, pages)?;
    let mut out = [None, None];
    for face in Face::ALL {
        let char_of = &used[face.index()];
        if char_of.iter().any(|c| *c != '\0') {
            out[face.index()] = Some(subset(crate::fonts::face(face)?, char_of)?);
        }
    }
    Ok(out)
}

pub(super) fn missing(c: char) -> PdfError {
    PdfError::MissingGlyphs {
        chars: c.to_string(),
        context: "页面文字".into(),
    }
}

/// The ToUnicode CMap: each subset glyph to the character it was drawn for.
pub(super) fn to_unicode(glyphs: &[(u16, u16, char)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(300 + glyphs.len() * 16);
    out.extend_from_slice(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries a block (PDF 32000-1 §9.10.3).
    for block in glyphs.chunks(100) {
        push_uint(&mut out, block.len() as u64);
        out.extend_from_slice(b" beginbfchar\n");
        for &(code, _, c) in block {
            out.push(b'<');
            push_hex4(&mut out, code);
            out.extend_from_slice(b"> <");
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                push_hex4(&mut out, *u);
            }
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// The /W array: the widths of subset glyphs 0..n, one run.
pub(super) fn widths(font: &Font, glyphs: &[(u16, u16, char)]) -> String {
    let mut out = Vec::with_capacity(glyphs.len() * 5 + 16);
    out.extend_from_slice(b"[0[");
    push_uint(&mut out, u64::from(font.glyph_pdf_width(0)));
    let mut next = 1u16;
    for &(code, orig, _) in glyphs {
        // Subset numbers are consecutive from 1; a gap (never expected) starts a new run.
        if code != next {
            out.extend_from_slice(b"] ");
            push_uint(&mut out, u64::from(code));
            out.push(b'[');
        } else {
            out.push(b' ');
        }
        push_uint(&mut out, u64::from(font.glyph_pdf_width(orig)));
        next = code.wrapping_add(1);
    }
    out.extend_from_slice(b"]]");
    String::from_utf8_lossy(&out).into_owned()
}

/// The font descriptor's metrics, in thousandths of an em.
pub(super) fn descriptor(font: &Font, name: &str, file_id: usize) -> String {
    let p = font.parsed();
    let scale = 1000.0 / font.units_per_em();
    let s = |v: f32| (v * scale).round() as i64;
    let m = &p.pdf_font_metrics;
    let ascent = s(p.font_metrics.ascent);
    let cap = p.font_metrics.cap_height.map_or(ascent, s);
    let stem_v = if m.us_weight_class == 0 {
        80
    } else {
        50 + (f32::from(m.us_weight_class) / 65.0).powi(2).round() as i64
    };
    format!(
        "<</Type/FontDescriptor/FontName/{name}/Flags 32/ItalicAngle 0/Ascent {ascent}\
/Descent {}/CapHeight {cap}/StemV {stem_v}/FontBBox[{} {} {} {}]/FontFile2 {file_id} 0 R>>",
        s(p.font_metrics.descent),
        s(f32::from(m.x_min)),
        s(f32::from(m.y_min)),
        s(f32::from(m.x_max)),
        s(f32::from(m.y_max)),
    )
}

/// The subset tag of a face: the document's for the main font, and for the fallback the same
/// letters shifted by 13, so the two subsets of one file never share a tag.
pub(super) fn subset_tag_for(tag: &str, face: Face) -> String {
    match face {
        Face::Main => tag.to_string(),
        Face::Fallback => tag
            .bytes()
            .map(|b| char::from(b'A' + (b.wrapping_sub(b'A') + 13) % 26))
            .collect(),
    }
}
