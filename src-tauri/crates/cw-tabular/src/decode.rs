//! Bytes to text for CSV import: UTF-8 (with or without BOM), UTF-16 (with BOM, or recognised by
//! its zero bytes), else GBK/GB18030 when that decodes cleanly into plausible Chinese text.
//! Binary content is refused here too, before any guessing.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::error::TabularError;

/// Decodes the bytes of a text table, or says why it cannot.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, TabularError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or_else(|| TabularError::Encoding {
                detail: format!(
                    "文件开头标明是 {}，但内容里有不符合该编码的字节",
                    encoding.name()
                ),
            })?
            .into_owned();
        return finish(text);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return finish(text.into_owned());
        }
    }
    let bytes = trim_trailing_nuls(bytes);
    if looks_binary(bytes.iter().map(|b| u32::from(*b))) {
        return Err(binary());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text.to_string()),
        Err(utf8_err) => decode_gbk(bytes, utf8_err.valid_up_to()),
    }
}

fn binary() -> TabularError {
    TabularError::NotATable {
        what: "内容是二进制数据，不是文字".to_string(),
    }
}

fn finish(text: String) -> Result<String, TabularError> {
    let trimmed_len = text.trim_end_matches('\0').len();
    let text = if trimmed_len < text.len() {
        text[..trimmed_len].to_string()
    } else {
        text
    };
    if looks_binary(text.chars().map(u32::from)) {
        return Err(binary());
    }
    Ok(text)
}

/// Some tools pad files with NUL bytes; they carry nothing.
fn trim_trailing_nuls(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |p| p + 1);
    &bytes[..end]
}

/// Too many control characters (other than tab, line breaks, form feed and the DOS end-of-file
/// mark) for this to be text. A few stray NULs in a real CSV are tolerated and later dropped.
fn looks_binary(units: impl Iterator<Item = u32>) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for u in units.take(64 * 1024) {
        total += 1;
        if u < 0x20 && !matches!(u, 0x09 | 0x0A | 0x0D | 0x0C | 0x1A) {
            control += 1;
        }
    }
    control >= 8 && control * 20 > total
}

/// UTF-16 without a BOM shows up as text where every other byte is zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() & 1 == 1 {
        return None;
    }
    let pairs = bytes[..bytes.len().min(4096)].chunks_exact(2);
    let n = pairs.len();
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for p in pairs {
        even_zero += usize::from(p[0] == 0);
        odd_zero += usize::from(p[1] == 0);
    }
    if odd_zero * 10 >= n * 4 && even_zero * 20 <= n {
        Some(UTF_16LE)
    } else if even_zero * 10 >= n * 4 && odd_zero * 20 <= n {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes
        .get(..offset)
        .unwrap_or(bytes)
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

fn decode_gbk(bytes: &[u8], utf8_valid_up_to: usize) -> Result<String, TabularError> {
    let not_gbk = || TabularError::Encoding {
        detail: format!(
            "内容既不是 UTF-8，也不像 GBK 中文（第 {} 行附近有无法识别的字节）",
            line_of(bytes, utf8_valid_up_to)
        ),
    };
    let text = GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(not_gbk)?;
    let mut non_ascii = 0usize;
    let mut odd = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if !plausible_in_gbk_text(c) {
            odd += 1;
        }
    }
    // Real GBK files decode to common Chinese characters and punctuation; bytes of another
    // encoding decode to rare characters, user-defined areas or four-byte GB18030 code points.
    if odd * 50 > non_ascii {
        return Err(not_gbk());
    }
    finish(text.into_owned())
}

/// Characters a Chinese GBK table plausibly contains.
fn plausible_in_gbk_text(c: char) -> bool {
    matches!(u32::from(c),
        0x00A0..=0x024F        // Latin-1 and pinyin letters with tones
        | 0x02C0..=0x02DF      // modifier letters (ˇ ˉ)
        | 0x0370..=0x04FF      // Greek, Cyrillic (in GB2312)
        | 0x2000..=0x206F      // general punctuation (— ‘ ’ “ ” …)
        | 0x2100..=0x22FF      // letterlike, number forms, arrows, maths (℃ № Ⅰ → ≤)
        | 0x2460..=0x24FF      // enclosed numbers (①)
        | 0x2500..=0x25FF      // box drawing, shapes (■ ○ ★ is 0x2605)
        | 0x2600..=0x26FF
        | 0x3000..=0x303F      // CJK punctuation (、。《》【】)
        | 0x3040..=0x30FF      // kana (in GB2312)
        | 0x3100..=0x312F      // bopomofo
        | 0x3200..=0x33FF      // enclosed CJK, compatibility (㈠ ㎡)
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFE30..=0xFE4F      // CJK compatibility forms
        | 0xFF00..=0xFFEF      // full-width forms (，：（）)
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_decode_to_chinese() {
        let (bytes, _, _) = GB18030.encode("姓名,电话\n张三,138\n");
        assert_eq!(decode_text(&bytes).unwrap(), "姓名,电话\n张三,138\n");
    }

    #[test]
    fn utf16le_without_bom_is_recognised() {
        let bytes: Vec<u8> = "a,b\r\n1,2\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode_text(&bytes).unwrap(), "a,b\r\n1,2\r\n");
    }

    #[test]
    fn trailing_nul_padding_is_dropped() {
        let mut bytes = b"a,b\n1,2\n".to_vec();
        bytes.extend([0u8; 300]);
        assert_eq!(decode_text(&bytes).unwrap(), "a,b\n1,2\n");
    }

    #[test]
    fn bytes_that_decode_to_private_use_characters_are_not_gbk() {
        // 0xAA 0xA1 .. is the GBK user-defined area, which maps to the Private Use Area.
        let bytes = b"\xAA\xA1\xAA\xA2,\xAA\xA3\n\xAA\xA4,\xAA\xA5\n";
        let e = decode_text(bytes).unwrap_err();
        assert_eq!(e.code(), "import.encoding");
        assert!(e.to_string().contains("GBK"), "{e}");
    }
}
