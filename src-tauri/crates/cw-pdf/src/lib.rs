//! PDF documents: A4 pages with the Chinese font (and, for rare ideographs, a fallback font)
//! subset into each file.
//!
//! [`render_table`] prints list-style documents (rosters, reports). The modules below are a
//! small layout toolkit for the other forms: [`fonts`] (the embedded font, measuring, coverage),
//! [`wrap`] (Chinese line breaking), [`page`] (a millimetre page builder), [`doc`] (PDF assembly) and
//! [`cn`] (Chinese date formatting); [`chart`] draws bar and line charts as vector graphics and
//! [`qr`] the QR codes of document numbers.
//! Pages write their content-stream operators as they draw, and the file (subset font,
//! ToUnicode map, compressed pages) is written by this crate, not by printpdf's serialiser,
//! which looked each character up twice in the font's slow cmap (docs/benchmarks-notes.md).
// Tests write scratch files with the plain calls.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

pub mod chart;
pub mod cn;
mod content;
pub mod doc;
mod error;
pub mod fonts;
pub mod image;
pub mod page;
pub mod qr;
pub mod table;
pub mod wrap;
mod writer;

#[cfg(test)]
mod testutil;

pub use cn::{format_date_cn, format_date_cn_upper};
pub use doc::{render_book, render_pages, render_pages_lenient, Bookmark, DocInfo, Rendered};
pub use error::PdfError;
pub use fonts::missing_glyphs;
pub use image::Jpeg;
pub use page::{page_number, Align, Page, PageSize};
pub use table::{render_table, render_table_lenient, section_pages, table_pages, Column, TableDoc};
