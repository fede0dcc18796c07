//! The PDF file itself: pages, the subset fonts (the main font and, when a page draws one of
//! its characters, the fallback) each with its widths and ToUnicode map, metadata,
//! cross-reference table.
//!
//! cw-pdf writes the file directly rather than through printpdf's serialiser. printpdf looked
//! every written character up in the font's format-12 cmap twice (about 0.5 µs each), built an
//! object for every glyph and compressed at the slowest zlib level; a month's fine report (a
//! million glyphs on 560 pages) took two seconds, most of it there. Here each character's glyph
//! comes from the cache in [`crate::fonts`], the subset numbering is one array look-up, and each
//! page's content stream is compressed once.

use flate2::{Compress, Compression, FlushCompress, Status};

use crate::content::{push_hex4, push_uint};
use crate::fonts::{Face, Font};
use crate::page::{Page, FONT_RES};
use crate::PdfError;

/// zlib level for content streams and the font. printpdf (through lopdf) compressed at 9, the
/// slowest; on the fine report level 5 makes a file 1 % larger than 9 would in about a third
/// of the time (levels 3/5/6: 2,124/2,079/2,065 bytes a page).
const LEVEL: u32 = 5;

/// Everything about the document that is not a page.
pub(crate) struct FileInfo<'a> {
    /// Shown by viewers as the document title.
    pub(crate) title: &'a str,
    /// `D:YYYYMMDDHHmmSS+00'00'`.
    pub(crate) date: &'a str,
    /// Six capital letters naming this document's font subset.
    pub(crate) subset_tag: &'a str,
    /// Seeds the file identifier.
    pub(crate) id_seed: u64,
}

/// The body of a PDF being written: objects one after another, each offset noted.
struct Body {
    out: Vec<u8>,
    offsets: Vec<usize>,
}

impl Body {
    /// Starts object `id` (ids are handed out in order, starting at 1).
    fn begin(&mut self, id: usize) {
        if self.offsets.len() < id {
            self.offsets.resize(id, 0);
        }
        self.offsets[id - 1] = self.out.len();
        push_uint(&mut self.out, id as u64);
        self.out.extend_from_slice(b" 0 obj\n");
    }

    fn end(&mut self) {
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    /// A dictionary object written as-is.
    fn dict(&mut self, id: usize, dict: &str) {
        self.begin(id);
        self.raw(dict);
        self.end();
    }

    /// A stream object: `dict_entries` (without /Length and /Filter) and the compressed data.
    fn stream(&mut self, id: usize, dict_entries: &str, compressed: &[u8]) {
        self.begin(id);
        self.raw("<<");
        self.raw(dict_entries);
        self.raw("/Filter/FlateDecode/Length ");
        push_uint(&mut self.out, compressed.len() as u64);
        self.raw(">>\nstream\n");
        self.out.extend_from_slice(compressed);
        self.raw("\nendstream");
        self.end();
    }
}

/// One zlib compressor for the whole file, reset between streams: a fresh one for each of
/// 560 pages allocated and cleared its tables every time (a tenth of the report's time).
struct Deflater {
    z: Compress,
    out: Vec<u8>,
}

impl Deflater {
    fn new(level: u32) -> Deflater {
        Deflater {
            z: Compress::new(Compression::new(level), true),
            out: Vec::with_capacity(64 * 1024),
        }
    }

    /// `data` compressed as one zlib stream (valid until the next call).
    fn deflate(&mut self, data: &[u8]) -> Result<&[u8], PdfError> {
        self.z.reset();
        self.out.clear();
        self.out.reserve(data.len() / 2 + 64);
        loop {
            let read = usize::try_from(self.z.total_in()).unwrap_or(usize::MAX);
            let rest = data.get(read..).unwrap_or_default();
            let status = self
                .z
                .compress_vec(rest, &mut self.out, FlushCompress::Finish)
                .map_err(|e| PdfError::Render(format!("压缩失败：{e}")))?;
            if status == Status::StreamEnd {
                return Ok(&self.out);
            }
            self.out.reserve(self.out.capacity().max(4096));
        }
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, in hex.
fn text_string(s: &str) -> String {
    let mut out = Vec::with_capacity(4 + s.len() * 4);
    out.push(b'<');
    push_hex4(&mut out, 0xFEFF);
    for u in s.encode_utf16() {
        push_hex4(&mut out, u);
    }
    out.push(b'>');
    String::from_utf8_lossy(&out).into_owned()
}

/// The glyphs a document uses, numbered for its font subset.
struct Subset {
    /// The subset font program (TrueType).
    program: Vec<u8>,
    /// Subset glyph number of each original glyph (0 = not in the subset).
    code_of: Vec<u16>,
    /// (subset glyph number, original glyph, the character it stands for), ascending.
    glyphs: Vec<(u16, u16, char)>,
}

/// The character each glyph of a font stands for in a document (`'\0'` = unused).
type CharOf = Vec<char>;

/// Finds every glyph the pages draw (each page's characters once, through the glyph cache),
/// per font: `[main, fallback]`.
fn glyphs_used(main: &Font, pages: &[Page]) -> Result<[CharOf; 2], PdfError> {
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
fn subset(font: &Font, char_of: &[char]) -> Result<Subset, PdfError> {
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
fn subsets(main: &Font, pages: &[Page]) -> Result<[Option<Subset>; 2], PdfError> {
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

fn missing(c: char) -> PdfError {
    PdfError::MissingGlyphs {
        chars: c.to_string(),
        context: "页面文字".into(),
    }
}

/// The ToUnicode CMap: each subset glyph to the character it was drawn for.
fn to_unicode(glyphs: &[(u16, u16, char)]) -> Vec<u8> {
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
fn widths(font: &Font, glyphs: &[(u16, u16, char)]) -> String {
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
fn descriptor(font: &Font, name: &str, file_id: usize) -> String {
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
fn subset_tag_for(tag: &str, face: Face) -> String {
    match face {
        Face::Main => tag.to_string(),
        Face::Fallback => tag
            .bytes()
            .map(|b| char::from(b'A' + (b.wrapping_sub(b'A') + 13) % 26))
            .collect(),
    }
}

/// Documents this long have their pages written on several threads.
const PARALLEL_FROM_PAGES: usize = 16;

/// Each page's content stream, compressed. A long document is split into one run of pages per
/// core: compressing is most of the work, and the pages do not depend on one another.
fn page_streams(
    font: &Font,
    subsets: &[Option<Subset>; 2],
    pages: &[Page],
) -> Result<Vec<Vec<u8>>, PdfError> {
    let work = |part: &[Page]| -> Result<Vec<Vec<u8>>, PdfError> {
        let mut z = Deflater::new(LEVEL);
        let mut content = Vec::with_capacity(64 * 1024);
        let mut code = |c: char| -> Result<(Face, u16), PdfError> {
            let (face, g) = font.locate(c).ok_or_else(|| missing(c))?;
            let code = subsets[face.index()]
                .as_ref()
                .and_then(|s| s.code_of.get(usize::from(g)).copied())
                .unwrap_or(0);
            Ok((face, code))
        };
        part.iter()
            .map(|page| {
                content.clear();
                page.write_content(&mut content, &mut code)?;
                Ok(z.deflate(&content)?.to_vec())
            })
            .collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if threads < 2 || pages.len() < PARALLEL_FROM_PAGES {
        return work(pages);
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = pages
            .chunks(pages.len().div_ceil(threads))
            .map(|part| s.spawn(move || work(part)))
            .collect();
        let mut out = Vec::with_capacity(pages.len());
        for h in handles {
            let part = h
                .join()
                .map_err(|_| PdfError::Render("页面压缩线程异常退出".into()))??;
            out.extend(part);
        }
        Ok(out)
    })
}

/// Writes `pages` as one PDF with the font subset to the glyphs they draw.
pub(crate) fn write(font: &Font, info: &FileInfo<'_>, pages: &[Page]) -> Result<Vec<u8>, PdfError> {
    let subs = subsets(font, pages)?;
    // The font programs are written once a document and are most of a short one (a receipt):
    // they get the smallest encoding.
    let mut z = Deflater::new(9);

    // Object numbers: 1 catalog, 2 page tree, 3 info, 4–8 the main font, 9–13 the fallback,
    // then page and content for each page.
    const CATALOG: usize = 1;
    const PAGES: usize = 2;
    const INFO: usize = 3;
    /// The first object of each font: Type0 font, CID font, descriptor, program, ToUnicode.
    const FONT_OBJECTS: [usize; 2] = [4, 9];
    const FIRST_PAGE: usize = 14;
    let page_id = |i: usize| FIRST_PAGE + 2 * i;

    let programs: usize = subs.iter().flatten().map(|s| s.program.len()).sum();
    let mut body = Body {
        out: Vec::with_capacity(4096 + pages.len() * 4096 + programs),
        offsets: Vec::with_capacity(FIRST_PAGE + 2 * pages.len()),
    };
    body.out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    body.dict(CATALOG, &format!("<</Type/Catalog/Pages {PAGES} 0 R>>"));
    let mut kids = String::with_capacity(pages.len() * 8);
    for i in 0..pages.len() {
        kids.push_str(&format!("{} 0 R ", page_id(i)));
    }
    body.dict(
        PAGES,
        &format!(
            "<</Type/Pages/Count {}/Kids[{}]>>",
            pages.len(),
            kids.trim_end()
        ),
    );
    let producer = text_string("创卫办公台 cw-pdf");
    body.dict(
        INFO,
        &format!(
            "<</Title {}/Creator {}/Producer {producer}/CreationDate ({d})/ModDate ({d})>>",
            text_string(info.title),
            text_string("创卫办公台"),
            d = info.date,
        ),
    );

    let mut resources = String::new();
    for face in Face::ALL {
        let first = FONT_OBJECTS[face.index()];
        let (cid_font, descriptor_id, program, to_unicode_id) =
            (first + 1, first + 2, first + 3, first + 4);
        let Some(sub) = subs[face.index()].as_ref().filter(|s| !s.glyphs.is_empty()) else {
            // A document without text (or without a rare character) needs no such font. Its
            // objects are written as nulls so the numbering (and the cross-reference table)
            // stays simple.
            for id in first..=to_unicode_id {
                body.dict(id, "null");
            }
            continue;
        };
        let f = crate::fonts::face(face)?;
        resources.push_str(&format!("/{} {first} 0 R", FONT_RES[face.index()]));
        let name = format!(
            "{}+{}",
            subset_tag_for(info.subset_tag, face),
            f.parsed()
                .font_name
                .as_deref()
                .unwrap_or(match face {
                    Face::Main => "NotoSerifSC-Regular",
                    Face::Fallback => "ChuangweiExtB-Regular",
                })
                .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
        );
        body.dict(
            first,
            &format!(
                "<</Type/Font/Subtype/Type0/BaseFont/{name}/Encoding/Identity-H\
/DescendantFonts[{cid_font} 0 R]/ToUnicode {to_unicode_id} 0 R>>"
            ),
        );
        body.dict(
            cid_font,
            &format!(
                "<</Type/Font/Subtype/CIDFontType2/BaseFont/{name}\
/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>\
/FontDescriptor {descriptor_id} 0 R/DW 1000/W {}/CIDToGIDMap/Identity>>",
                widths(f, &sub.glyphs)
            ),
        );
        body.dict(descriptor_id, &descriptor(f, &name, program));
        body.stream(
            program,
            &format!("/Length1 {}", sub.program.len()),
            z.deflate(&sub.program)?,
        );
        body.stream(to_unicode_id, "", z.deflate(&to_unicode(&sub.glyphs))?);
    }

    let streams = page_streams(font, &subs, pages)?;
    for (i, page) in pages.iter().enumerate() {
        let size = page.size();
        let (w, h) = (
            crate::page::mm_to_pt(size.width_mm),
            crate::page::mm_to_pt(size.height_mm),
        );
        let mut dict = String::with_capacity(160);
        dict.push_str(&format!("<</Type/Page/Parent {PAGES} 0 R/MediaBox[0 0 "));
        let mut nums = Vec::with_capacity(16);
        crate::content::push_num(&mut nums, w);
        nums.push(b' ');
        crate::content::push_num(&mut nums, h);
        dict.push_str(&String::from_utf8_lossy(&nums));
        dict.push_str("]/Resources<<");
        if !resources.is_empty() {
            dict.push_str(&format!("/Font<<{resources}>>"));
        }
        dict.push_str(&format!(">>/Contents {} 0 R>>", page_id(i) + 1));
        body.dict(page_id(i), &dict);
        let stream = streams.get(i).map(Vec::as_slice).unwrap_or_default();
        body.stream(page_id(i) + 1, "", stream);
    }

    let xref_at = body.out.len();
    let count = body.offsets.len() + 1;
    body.raw("xref\n0 ");
    push_uint(&mut body.out, count as u64);
    body.raw("\n0000000000 65535 f \n");
    for off in std::mem::take(&mut body.offsets) {
        body.raw(&format!("{off:010} 00000 n \n"));
    }
    let id = format!(
        "{:016X}{:016X}",
        info.id_seed,
        info.id_seed.rotate_left(29) ^ body.out.len() as u64
    );
    body.raw(&format!(
        "trailer\n<</Size {count}/Root {CATALOG} 0 R/Info {INFO} 0 R/ID[<{id}><{id}>]>>\nstartxref\n{xref_at}\n%%EOF\n"
    ));
    Ok(body.out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{pdffonts, pdftotext_pages, qpdf_check, write as write_file};
    use crate::{render_pages, Align, DocInfo, PageSize};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn info() -> DocInfo {
        DocInfo {
            title: "写出测试".into(),
            created: crate::testutil::printed_at(),
        }
    }

    #[test]
    fn a_title_is_written_as_utf16_with_a_byte_order_mark() {
        assert_eq!(text_string("罚A"), "<FEFF7F5A0041>");
    }

    #[test]
    fn the_unicode_map_covers_every_glyph_in_blocks_of_at_most_a_hundred() {
        let glyphs: Vec<(u16, u16, char)> = (1..=150u16)
            .map(|i| {
                (
                    i,
                    i + 1000,
                    char::from_u32(0x4E00 + u32::from(i)).unwrap_or('?'),
                )
            })
            .chain([(151, 9, '\u{20BB7}')])
            .collect();
        let cmap = String::from_utf8_lossy(&to_unicode(&glyphs)).into_owned();
        assert!(cmap.contains("100 beginbfchar"));
        assert!(cmap.contains("51 beginbfchar"));
        assert!(cmap.contains("<0001> <4E01>"));
        assert!(cmap.contains("<0096> <4E96>"));
        // Beyond the BMP: a surrogate pair.
        assert!(cmap.contains("<0097> <D842DFB7>"));
    }

    /// 300 different ideographs, so the subset numbers glyphs past 0x28, 0x29, 0x5C, 0x0A and
    /// 0x0D — the bytes a literal string must escape.
    fn many_characters() -> String {
        (0x4E00u32..0x4E00 + 300)
            .filter_map(char::from_u32)
            .filter(|c| crate::fonts::missing_glyphs(&c.to_string()).is_empty())
            .collect()
    }

    #[test]
    fn every_character_reads_back_exactly_through_the_unicode_map() -> TestResult {
        let text = many_characters();
        assert!(text.chars().count() > 200, "font lacks too many");
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        let lines: Vec<String> = text
            .chars()
            .collect::<Vec<_>>()
            .chunks(20)
            .map(|c| c.iter().collect())
            .collect();
        for (i, line) in lines.iter().enumerate() {
            p.text(15.0, 20.0 + 6.0 * i as f32, 10.0, Align::Left, line)?;
        }
        // Parentheses and a backslash as text, too.
        p.text(15.0, 200.0, 10.0, Align::Left, r"(a\b) （甲）")?;
        let file = write_file("many", &render_pages(&info(), vec![p])?)?;
        if let Some(pages) = pdftotext_pages(&file) {
            let got: Vec<&str> = pages[0]
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            for line in &lines {
                assert!(
                    got.contains(&line.as_str()),
                    "{line} not read back:\n{}",
                    pages[0]
                );
            }
            assert!(got.contains(&r"(a\b) （甲）"), "{}", pages[0]);
        }
        if let Some(out) = pdffonts(&file) {
            assert!(out.contains("+NotoSerifSC-Regular"), "{out}");
            assert!(out.contains("CID TrueType"), "{out}");
            assert!(out.contains("yes yes yes"), "{out}");
        }
        if let Some((ok, out)) = qpdf_check(&file) {
            assert!(ok, "{out}");
        }
        Ok(())
    }

    #[test]
    fn only_the_glyphs_drawn_are_in_the_subset_each_numbered_once() -> Result<(), PdfError> {
        let f = crate::fonts::font()?;
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        p.text(10.0, 10.0, 10.0, Align::Left, "罚款罚款 12")?;
        let [sub, fallback] = subsets(f, &[p])?;
        assert!(fallback.is_none(), "no rare character, no fallback subset");
        let sub = sub.ok_or_else(|| PdfError::Render("no subset".into()))?;
        let chars: String = sub.glyphs.iter().map(|g| g.2).collect();
        let mut want: Vec<char> = "罚款 12".chars().collect();
        want.sort_by_key(|c| f.glyph(*c));
        assert_eq!(chars, want.into_iter().collect::<String>());
        let codes: Vec<u16> = sub.glyphs.iter().map(|g| g.0).collect();
        assert_eq!(codes, (1..=codes.len() as u16).collect::<Vec<_>>());
        for &(code, orig, _) in &sub.glyphs {
            assert_eq!(sub.code_of[usize::from(orig)], code);
        }
        Ok(())
    }

    #[test]
    fn a_name_in_extension_b_prints_with_the_fallback_font_and_reads_back() -> TestResult {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        // The rare character mid-run: the text after it must follow on the same line.
        p.text(20.0, 20.0, 12.0, Align::Left, "保洁员王\u{2A6A5}（黄山路）")?;
        p.text(20.0, 30.0, 10.0, Align::Left, "\u{2A6A5}\u{20BB7}")?;
        p.text(20.0, 40.0, 10.0, Align::Left, "李建国")?;
        assert!(p.missing_glyphs().is_empty());
        let file = write_file("ext-b", &render_pages(&info(), vec![p])?)?;
        if let Some(pages) = pdftotext_pages(&file) {
            assert!(
                pages[0].contains("保洁员王\u{2A6A5}（黄山路）"),
                "{}",
                pages[0]
            );
            assert!(pages[0].contains("\u{2A6A5}\u{20BB7}"), "{}", pages[0]);
            assert!(pages[0].contains("李建国"), "{}", pages[0]);
        }
        if let Some(out) = pdffonts(&file) {
            let lines: Vec<&str> = out.lines().filter(|l| l.contains('+')).collect();
            assert_eq!(lines.len(), 2, "{out}");
            assert!(out.contains("+NotoSerifSC-Regular"), "{out}");
            assert!(out.contains("+ChuangweiExtB-Regular"), "{out}");
            for l in lines {
                assert!(l.contains("CID TrueType"), "{l}");
                assert!(
                    l.contains("yes yes yes"),
                    "embedded, subset, ToUnicode: {l}"
                );
            }
        }
        if let Some((ok, out)) = qpdf_check(&file) {
            assert!(ok, "{out}");
        }
        Ok(())
    }

    #[test]
    fn the_fallback_subset_holds_only_the_rare_characters_drawn() -> Result<(), PdfError> {
        let f = crate::fonts::font()?;
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        p.text(10.0, 10.0, 10.0, Align::Left, "王\u{2A6A5}\u{2A6A5}明")?;
        let [main, fallback] = subsets(f, &[p])?;
        let chars = |s: &Option<Subset>| -> String {
            s.iter()
                .flat_map(|s| s.glyphs.iter().map(|g| g.2))
                .collect()
        };
        assert_eq!(chars(&fallback), "\u{2A6A5}");
        let mut want: Vec<char> = "王明".chars().collect();
        want.sort_by_key(|c| f.glyph(*c));
        assert_eq!(chars(&main), want.into_iter().collect::<String>());
        Ok(())
    }

    #[test]
    fn a_run_switches_fonts_only_where_the_rare_character_is() -> Result<(), PdfError> {
        let mut p = Page::new(PageSize::A4_PORTRAIT);
        p.text(10.0, 10.0, 10.0, Align::Left, "王\u{2A6A5}明")?;
        let mut out = Vec::new();
        p.write_content(&mut out, &mut |c| {
            Ok(if u32::from(c) > 0xFFFF {
                (Face::Fallback, 7)
            } else {
                (Face::Main, 1)
            })
        })?;
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("/F1 10 Tf\n1 0 0 1 28.35 813.54 Tm(\0\u{1})Tj\n/F2 10 Tf\n(\0\u{7})Tj\n/F1 10 Tf\n(\0\u{1})Tj"),
            "{text:?}"
        );
        Ok(())
    }

    #[test]
    fn a_page_of_lines_only_is_a_valid_file_without_a_font() -> TestResult {
        let mut p = Page::new(PageSize::A4_LANDSCAPE);
        p.line(10.0, 10.0, 100.0, 10.0, 0.5);
        p.fill_rect(10.0, 20.0, 50.0, 10.0, 0.8);
        let bytes = render_pages(&info(), vec![p])?;
        let file = write_file("lines", &bytes)?;
        if let Some(out) = pdffonts(&file) {
            assert!(!out.contains("Noto"), "{out}");
        }
        if let Some((ok, out)) = qpdf_check(&file) {
            assert!(ok, "{out}");
        }
        Ok(())
    }

    #[test]
    fn a_long_document_compressed_on_several_threads_keeps_its_page_order() -> TestResult {
        let pages: Vec<Page> = (1..=40)
            .map(|n| {
                let mut p = Page::new(PageSize::A4_PORTRAIT);
                p.text(20.0, 20.0, 12.0, Align::Left, &format!("第{n}张"))
                    .map(|_| p)
            })
            .collect::<Result<_, _>>()?;
        let file = write_file("order", &render_pages(&info(), pages)?)?;
        if let Some(text) = pdftotext_pages(&file) {
            assert_eq!(text.len(), 40);
            for (i, t) in text.iter().enumerate() {
                assert_eq!(t.trim(), format!("第{}张", i + 1));
            }
        }
        Ok(())
    }
}
