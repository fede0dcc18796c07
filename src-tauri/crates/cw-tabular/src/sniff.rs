//! What a file really is, judged by its content rather than its name: an Excel zip, an old
//! Excel compound file, some other known binary (picture, PDF, Word …), a web page posing as
//! .xls, or text that may be a CSV. Also a bounds-checked walk of a zip's central directory to
//! catch truncated files and zip bombs before handing the bytes to calamine.

use crate::error::TabularError;
use crate::limits::{MAX_PART_UNZIPPED_BYTES, MAX_UNZIPPED_BYTES};

/// The kind of content found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Office Open XML workbook (.xlsx, .xlsm).
    Xlsx,
    /// Binary Office workbook inside a zip (.xlsb).
    Xlsb,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// OLE compound file that may be an .xls (or WPS .et).
    Xls,
    /// Anything else; try to read it as text.
    Text,
}

/// Classifies `bytes`, or says why they can never be a table.
pub(crate) fn sniff(bytes: &[u8]) -> Result<Kind, TabularError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return sniff_ole(bytes);
    }
    if let Some(what) = known_binary(bytes) {
        return Err(not_a_table(what));
    }
    if let Some(what) = web_page(bytes) {
        return Err(not_a_table(what));
    }
    Ok(Kind::Text)
}

fn not_a_table(what: &str) -> TabularError {
    TabularError::NotATable {
        what: what.to_string(),
    }
}

fn known_binary(b: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "这是 PDF 文件"),
        (b"\x89PNG", "这是 PNG 图片"),
        (b"\xFF\xD8\xFF", "这是 JPEG 图片"),
        (b"GIF8", "这是 GIF 图片"),
        (b"Rar!", "这是 RAR 压缩包，请先解压"),
        (b"7z\xBC\xAF\x27\x1C", "这是 7z 压缩包，请先解压"),
        (b"\x1F\x8B", "这是 gzip 压缩包，请先解压"),
        (b"{\\rtf", "这是 RTF 文档"),
        (b"SQLite format 3\0", "这是数据库文件"),
        (b"MZ\x90\0", "这是程序文件（.exe）"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| b.starts_with(magic))
        .map(|(_, what)| *what)
}

/// HTML or XML "Excel" files, which many business systems export with an .xls name.
fn web_page(b: &[u8]) -> Option<&'static str> {
    let head = &b[..b.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower_head: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let first = lower_head
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(lower_head.len());
    let start = &lower_head[first..];
    if start.starts_with(b"<?xml")
        && contains(&lower_head, b"urn:schemas-microsoft-com:office:spreadsheet")
    {
        return Some("这是 XML 格式（Excel 2003 XML）的表格");
    }
    let html_starts: [&[u8]; 5] = [b"<!doctype html", b"<html", b"<table", b"<meta", b"<head"];
    if html_starts.iter().any(|p| start.starts_with(p)) {
        return Some("这是网页格式（HTML）的表格，常见于从业务系统导出的 .xls");
    }
    if start.starts_with(b"mime-version:") {
        return Some("这是网页存档（.mht）格式的表格");
    }
    None
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn sniff_ole(b: &[u8]) -> Result<Kind, TabularError> {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if contains(b, &utf16("EncryptionInfo")) || contains(b, &utf16("EncryptedPackage")) {
        return Err(TabularError::Encrypted);
    }
    if contains(b, &utf16("WordDocument")) {
        return Err(not_a_table("这是 Word 文档（.doc）"));
    }
    if contains(b, &utf16("PowerPoint Document")) {
        return Err(not_a_table("这是 PowerPoint 演示文稿（.ppt）"));
    }
    Ok(Kind::Xls)
}

fn sniff_zip(b: &[u8]) -> Result<Kind, TabularError> {
    let entries = zip_entries(b)?;
    let total: u64 = entries.iter().map(|e| e.uncompressed).sum();
    if total > MAX_UNZIPPED_BYTES {
        return Err(TabularError::TooLarge {
            detail: format!("解压后有 {} MB", total / 1024 / 1024),
        });
    }
    // One huge sheet is refused before it is read, not after seconds of parsing it.
    if let Some(big) = entries
        .iter()
        .filter(|e| e.uncompressed > MAX_PART_UNZIPPED_BYTES)
        .max_by_key(|e| e.uncompressed)
    {
        return Err(TabularError::TooLarge {
            detail: format!(
                "其中的「{}」解压后有 {} MB（一个工作表最多 {} MB）",
                big.name,
                big.uncompressed / 1024 / 1024,
                MAX_PART_UNZIPPED_BYTES / 1024 / 1024
            ),
        });
    }
    let has = |name: &str| entries.iter().any(|e| e.name.eq_ignore_ascii_case(name));
    if has("xl/workbook.xml") {
        return Ok(Kind::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Ok(Kind::Xlsb);
    }
    if has("content.xml") && has("mimetype") {
        let head = &b[..b.len().min(200)];
        if contains(head, b"opendocument.spreadsheet") {
            return Ok(Kind::Ods);
        }
        return Err(not_a_table("这是 OpenDocument 文档，但不是电子表格"));
    }
    if has("word/document.xml") {
        return Err(not_a_table("这是 Word 文档（.docx）"));
    }
    if has("ppt/presentation.xml") {
        return Err(not_a_table("这是 PowerPoint 演示文稿（.pptx）"));
    }
    if has("[Content_Types].xml") {
        return Err(TabularError::BadXlsx {
            detail: "文件里找不到工作簿（xl/workbook.xml）".to_string(),
        });
    }
    Err(not_a_table(
        "这是 zip 压缩包，请先解压，再选择其中的表格文件",
    ))
}

/// One entry of a zip central directory.
#[derive(Debug)]
struct ZipEntry {
    name: String,
    uncompressed: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u64::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u64::from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s: [u8; 8] = b.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(s))
}

fn truncated() -> TabularError {
    TabularError::BadXlsx {
        detail: "文件不完整，可能在下载、拷贝或发送时被截断".to_string(),
    }
}

fn corrupt() -> TabularError {
    TabularError::BadXlsx {
        detail: "文件内部结构（zip 目录）已损坏".to_string(),
    }
}

/// Reads the central directory; a missing end record means the file was cut short.
fn zip_entries(b: &[u8]) -> Result<Vec<ZipEntry>, TabularError> {
    const EOCD: &[u8] = b"PK\x05\x06";
    if b.len() < 22 {
        return Err(truncated());
    }
    let lowest = b.len().saturating_sub(22 + 65_535);
    let eocd = (lowest..=b.len() - 22)
        .rev()
        .find(|&i| b.get(i..i + 4) == Some(EOCD))
        .ok_or_else(truncated)?;
    let mut cd_size = u32_at(b, eocd + 12).ok_or_else(corrupt)?;
    let mut cd_offset = u32_at(b, eocd + 16).ok_or_else(corrupt)?;
    if cd_offset == 0xFFFF_FFFF || cd_size == 0xFFFF_FFFF {
        // Zip64: the locator sits just before the end record.
        let loc = eocd.checked_sub(20).ok_or_else(corrupt)?;
        if b.get(loc..loc + 4) != Some(b"PK\x06\x07") {
            return Err(corrupt());
        }
        let rec =
            usize::try_from(u64_at(b, loc + 8).ok_or_else(corrupt)?).map_err(|_| corrupt())?;
        if b.get(rec..rec.saturating_add(4)) != Some(b"PK\x06\x06") {
            return Err(corrupt());
        }
        cd_size = u64_at(b, rec + 40).ok_or_else(corrupt)?;
        cd_offset = u64_at(b, rec + 48).ok_or_else(corrupt)?;
    }
    let start = usize::try_from(cd_offset).map_err(|_| corrupt())?;
    let end = usize::try_from(cd_offset.saturating_add(cd_size)).map_err(|_| corrupt())?;
    if end > eocd || start > end {
        return Err(truncated());
    }
    let mut entries = Vec::new();
    let mut at = start;
    while at + 46 <= end {
        if b.get(at..at + 4) != Some(b"PK\x01\x02") {
            return Err(corrupt());
        }
        let mut uncompressed = u32_at(b, at + 24).ok_or_else(corrupt)?;
        let name_len = u16_at(b, at + 28).ok_or_else(corrupt)? as usize;
        let extra_len = u16_at(b, at + 30).ok_or_else(corrupt)? as usize;
        let comment_len = u16_at(b, at + 32).ok_or_else(corrupt)? as usize;
        let local_offset = u32_at(b, at + 42).ok_or_else(corrupt)?;
        let name_start = at + 46;
        let name_bytes = b
            .get(name_start..name_start + name_len)
            .ok_or_else(corrupt)?;
        if uncompressed == 0xFFFF_FFFF {
            let extra = b
                .get(name_start + name_len..name_start + name_len + extra_len)
                .ok_or_else(corrupt)?;
            uncompressed = zip64_size(extra).ok_or_else(corrupt)?;
        }
        if local_offset != 0xFFFF_FFFF && local_offset >= cd_offset {
            return Err(corrupt());
        }
        entries.push(ZipEntry {
            name: String::from_utf8_lossy(name_bytes).into_owned(),
            uncompressed,
        });
        at = name_start + name_len + extra_len + comment_len;
    }
    if entries.is_empty() {
        return Err(corrupt());
    }
    Ok(entries)
}

/// The uncompressed size from a zip64 extended-information extra field.
fn zip64_size(extra: &[u8]) -> Option<u64> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16_at(extra, at)?;
        let len = u16_at(extra, at + 2)? as usize;
        if id == 1 {
            return u64_at(extra, at + 4);
        }
        at += 4 + len;
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_named_as_a_pdf() {
        let e = sniff(b"%PDF-1.7\n...").unwrap_err();
        assert_eq!(e.code(), "import.not_a_table");
        assert!(e.to_string().contains("PDF"), "{e}");
    }

    #[test]
    fn an_html_table_posing_as_xls_is_explained() {
        let e = sniff(b"\xEF\xBB\xBF  <html><body><table><tr><td>1</td></tr></table>").unwrap_err();
        assert!(e.to_string().contains("HTML"), "{e}");
    }

    #[test]
    fn a_zip_without_its_end_record_is_called_truncated() {
        let e = sniff(b"PK\x03\x04 some compressed bytes that stop here").unwrap_err();
        assert_eq!(e.code(), "import.bad_xlsx");
        assert!(e.to_string().contains("截断"), "{e}");
    }

    #[test]
    fn plain_text_is_left_for_the_csv_reader() {
        assert_eq!(sniff("姓名,电话\n".as_bytes()).unwrap(), Kind::Text);
    }
}
