//! Display width of text in a spreadsheet column: CJK and full-width characters count 2.

/// How many "narrow character" units `s` takes on screen; CJK ideographs, kana, Hangul and
/// full-width forms count 2, everything else 1. For several lines, the widest line counts.
pub fn display_width(s: &str) -> usize {
    s.split('\n')
        .map(|line| line.chars().map(char_width).sum::<usize>())
        .max()
        .unwrap_or(0)
}

fn char_width(c: char) -> usize {
    match u32::from(c) {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_count_double() {
        assert_eq!(display_width("张三"), 4);
        assert_eq!(display_width("A1，"), 4);
        assert_eq!(display_width("长一点的行\nab"), 10);
    }
}
