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
use crate::image::Jpeg;
use crate::page::{Page, FONT_RES};
use crate::PdfError;

mod subset;

use subset::{descriptor, missing, subset_tag_for, subsets, to_unicode, widths, Subset};

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
    /// The bookmarks (PDF outline) a viewer shows beside the pages, in order.
    pub(crate) outline: &'a [crate::doc::Bookmark],
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

/// Every photo the pages draw, each once (a photo shown on two pages is one object).
fn unique_images(pages: &[Page]) -> Vec<std::sync::Arc<Jpeg>> {
    let mut out: Vec<std::sync::Arc<Jpeg>> = Vec::new();
    for img in pages.iter().flat_map(|p| p.images()) {
        if !out.iter().any(|i| std::sync::Arc::ptr_eq(i, img)) {
            out.push(img.clone());
        }
    }
    out
}

/// A JPEG as an image XObject: its bytes as they are, decoded by the viewer.
fn write_image(body: &mut Body, id: usize, img: &Jpeg) {
    body.begin(id);
    body.raw(&format!(
        "<</Type/XObject/Subtype/Image/Width {}/Height {}/ColorSpace{}/BitsPerComponent 8\
/Filter/DCTDecode/Length {}>>\nstream\n",
        img.width,
        img.height,
        img.colour_space(),
        img.data.len()
    ));
    body.out.extend_from_slice(&img.data);
    body.raw("\nendstream");
    body.end();
}

/// The outline: a root at `root` and one item per bookmark after it, each opening its page.
fn write_outline(
    body: &mut Body,
    root: usize,
    marks: &[crate::doc::Bookmark],
    page_id: &dyn Fn(usize) -> usize,
    pages: usize,
) {
    if marks.is_empty() {
        return;
    }
    let item = |i: usize| root + 1 + i;
    body.dict(
        root,
        &format!(
            "<</Type/Outlines/First {} 0 R/Last {} 0 R/Count {}>>",
            item(0),
            item(marks.len() - 1),
            marks.len()
        ),
    );
    for (i, m) in marks.iter().enumerate() {
        let mut d = format!(
            "<</Title {}/Parent {root} 0 R/Dest[{} 0 R/Fit]",
            text_string(&m.title),
            page_id(m.page.min(pages.saturating_sub(1)))
        );
        if i > 0 {
            d.push_str(&format!("/Prev {} 0 R", item(i - 1)));
        }
        if i + 1 < marks.len() {
            d.push_str(&format!("/Next {} 0 R", item(i + 1)));
        }
        d.push_str(">>");
        body.dict(item(i), &d);
    }
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
    // After the pages: each photo once, then the outline's root and its items.
    let images = unique_images(pages);
    let first_image = page_id(pages.len());
    let outline_root = first_image + images.len();
    body.out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    if info.outline.is_empty() {
        body.dict(CATALOG, &format!("<</Type/Catalog/Pages {PAGES} 0 R>>"));
    } else {
        body.dict(
            CATALOG,
            &format!(
                "<</Type/Catalog/Pages {PAGES} 0 R/Outlines {outline_root} 0 R/PageMode/UseOutlines>>"
            ),
        );
    }
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
        if !page.images().is_empty() {
            dict.push_str("/XObject<<");
            for (n, img) in page.images().iter().enumerate() {
                let k = images
                    .iter()
                    .position(|i| std::sync::Arc::ptr_eq(i, img))
                    .unwrap_or(0);
                dict.push_str(&format!("/Im{n} {} 0 R", first_image + k));
            }
            dict.push_str(">>");
        }
        dict.push_str(&format!(">>/Contents {} 0 R>>", page_id(i) + 1));
        body.dict(page_id(i), &dict);
        let stream = streams.get(i).map(Vec::as_slice).unwrap_or_default();
        body.stream(page_id(i) + 1, "", stream);
    }

    for (k, img) in images.iter().enumerate() {
        write_image(&mut body, first_image + k, img);
    }
    write_outline(&mut body, outline_root, info.outline, &page_id, pages.len());

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
mod tests;
