//! Line breaking for Chinese text mixed with Latin words and numbers.
//!
//! Rules: a break may fall between any two Chinese characters or at whitespace, never inside a
//! run of Latin letters/digits (unless that run alone is wider than the line); no line starts
//! with closing punctuation (，。、；：？！）」』》” …) and none ends with opening punctuation
//! (（「『《“ …). A paragraph's leading indentation is kept; spaces at a soft break are dropped.

use crate::fonts::font;
use crate::PdfError;

/// Punctuation that must not begin a line (it sticks to the character before it).
pub const NO_LINE_START: &str = "，。、；：？！）」』》”’】〕〉｝］…—·～％‰,.;:?!)]}%";
/// Punctuation that must not end a line (it sticks to the character after it).
pub const NO_LINE_END: &str = "（「『《“‘【〔〈｛［([{¥￥$";

fn is_closing(c: char) -> bool {
    NO_LINE_START.contains(c)
}

fn is_opening(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// Characters that form unbreakable "words" when adjacent (Latin letters, digits, and the ASCII
/// joiners that appear inside numbers, dates, phone numbers and codes).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '_' | '/' | '@' | '#' | '+' | '&' | '\'' | '*' | '='
        )
        || (c.is_alphabetic() && (c as u32) < 0x2E80)
        || (!c.is_ascii() && c.is_numeric() && (c as u32) < 0x2E80)
}

#[derive(Debug, Clone, PartialEq)]
enum Atom {
    /// Unbreakable text and its width.
    Text(String, f32),
    /// A breakable space and its width.
    Space(char, f32),
    /// A hard line break.
    Newline,
}

/// Splits `text` into atoms that the line filler must keep whole.
fn atoms(text: &str, measure: &dyn Fn(char) -> f32) -> Vec<Atom> {
    let mut out: Vec<Atom> = Vec::new();
    let mut prev_word = false;
    for c in text.chars() {
        if c == '\n' {
            out.push(Atom::Newline);
            prev_word = false;
            continue;
        }
        if c == '\r' {
            continue;
        }
        if c.is_whitespace() {
            let c = if c == '\t' { ' ' } else { c };
            let sw = measure(c);
            match out.last_mut() {
                // A space after an opening bracket is not a break opportunity.
                Some(Atom::Text(s, tw)) if s.chars().last().is_some_and(is_opening) => {
                    s.push(c);
                    *tw += sw;
                }
                _ => out.push(Atom::Space(c, sw)),
            }
            prev_word = false;
            continue;
        }
        let w = measure(c);
        let word = is_word_char(c);
        if is_closing(c) {
            // Closing punctuation after spaces pulls the spaces into the preceding text.
            let spaces_start = out
                .iter()
                .rposition(|a| !matches!(a, Atom::Space(..)))
                .map_or(0, |i| i + 1);
            if spaces_start < out.len() && spaces_start > 0 {
                let spaces: Vec<Atom> = out.drain(spaces_start..).collect();
                if let Some(Atom::Text(s, tw)) = out.last_mut() {
                    for a in spaces {
                        if let Atom::Space(sc, sw) = a {
                            s.push(sc);
                            *tw += sw;
                        }
                    }
                } else {
                    out.extend(spaces);
                }
            }
        }
        let glue = match out.last() {
            Some(Atom::Text(s, _)) => {
                (word && prev_word) || is_closing(c) || s.chars().last().is_some_and(is_opening)
            }
            _ => false,
        };
        match out.last_mut() {
            Some(Atom::Text(s, sw)) if glue => {
                s.push(c);
                *sw += w;
            }
            _ => out.push(Atom::Text(c.to_string(), w)),
        }
        prev_word = word;
    }
    out
}

/// Wraps `text` into lines no wider than `max_width`, measuring characters with `measure`.
///
/// Units are whatever `measure` returns (points, or "characters" in tests). Hard breaks (`\n`)
/// are kept, so an empty paragraph yields an empty line. An empty input yields no lines.
pub fn wrap_with(text: &str, max_width: f32, measure: &dyn Fn(char) -> f32) -> Vec<String> {
    match fits_on_one_line(text, max_width, measure) {
        true => vec![text.to_string()],
        false => wrap_full(text, max_width, measure),
    }
}

/// Whether `text` comes out of the line filler unchanged as one line: no hard breaks, tabs or
/// trailing space (which the filler would rewrite or drop), and clearly narrower than the line.
/// Most table cells are; they skip splitting into atoms (a string for every Chinese character).
fn fits_on_one_line(text: &str, max_width: f32, measure: &dyn Fn(char) -> f32) -> bool {
    if text.is_empty() || text.chars().next_back().is_some_and(char::is_whitespace) {
        return false;
    }
    let mut width = 0.0_f32;
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t') {
            return false;
        }
        width += measure(c);
    }
    // A margin well above float error, so the filler would have agreed at every step.
    width <= max_width - 1e-3
}

fn wrap_full(text: &str, max_width: f32, measure: &dyn Fn(char) -> f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    if text.is_empty() {
        return lines;
    }
    let mut line = String::new();
    let mut width = 0.0_f32;
    // Spaces seen since the last text atom; only emitted if more text follows on this line.
    let mut pending = String::new();
    let mut pending_w = 0.0_f32;
    // At a paragraph start (not after a soft break) leading spaces are indentation.
    let mut paragraph_start = true;
    let eps = 1e-3;

    for atom in atoms(text, measure) {
        match atom {
            Atom::Newline => {
                if paragraph_start && !pending.is_empty() {
                    line.push_str(&pending);
                }
                lines.push(std::mem::take(&mut line));
                width = 0.0;
                pending.clear();
                pending_w = 0.0;
                paragraph_start = true;
            }
            Atom::Space(c, w) => {
                if line.is_empty() && !paragraph_start {
                    continue; // no spaces at the start of a wrapped line
                }
                pending.push(c);
                pending_w += w;
            }
            Atom::Text(s, w) => {
                if width + pending_w + w <= max_width + eps {
                    line.push_str(&pending);
                    line.push_str(&s);
                    width += pending_w + w;
                } else if w <= max_width + eps {
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    line.push_str(&s);
                    width = w;
                } else {
                    // Wider than a whole line: break it by characters as a last resort.
                    if !line.is_empty() && width + pending_w < max_width {
                        line.push_str(&pending);
                        width += pending_w;
                    } else if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        width = 0.0;
                    }
                    for c in s.chars() {
                        let cw = measure(c);
                        if width + cw > max_width + eps && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            width = 0.0;
                        }
                        line.push(c);
                        width += cw;
                    }
                }
                pending.clear();
                pending_w = 0.0;
                paragraph_start = false;
            }
        }
    }
    if !line.is_empty() || paragraph_start {
        if paragraph_start {
            line.push_str(&pending);
        }
        lines.push(line);
    }
    lines
}

/// Wraps `text` set in the embedded font at `size_pt` into lines at most `max_width_pt` wide.
pub fn wrap_text(text: &str, max_width_pt: f32, size_pt: f32) -> Result<Vec<String>, PdfError> {
    let f = font()?;
    Ok(wrap_with(text, max_width_pt, &|c| f.char_width(c, size_pt)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Chinese characters and full-width punctuation are 1 wide, everything else 0.5.
    fn w(c: char) -> f32 {
        if (c as u32) >= 0x2E80 {
            1.0
        } else {
            0.5
        }
    }

    fn wrap(text: &str, max: f32) -> Vec<String> {
        wrap_with(text, max, &w)
    }

    #[test]
    fn short_text_stays_on_one_line() {
        assert_eq!(wrap("黄山路东段", 10.0), vec!["黄山路东段"]);
    }

    #[test]
    fn chinese_breaks_between_any_two_characters() {
        assert_eq!(wrap("一二三四五六七", 3.0), vec!["一二三", "四五六", "七"]);
    }

    #[test]
    fn no_line_starts_with_a_closing_punctuation_mark() {
        // "一二三，" would put "，" at the start of line 2; the 三 moves down with it.
        let lines = wrap("一二三，四五六。", 3.0);
        assert_eq!(lines, vec!["一二", "三，四", "五六。"]);
        for l in &lines {
            let first = l.chars().next().unwrap_or(' ');
            assert!(!is_closing(first), "line starts with {first}: {lines:?}");
        }
    }

    #[test]
    fn no_line_ends_with_an_opening_bracket_or_quote() {
        let lines = wrap("一二（三四）五", 3.0);
        assert_eq!(lines, vec!["一二", "（三", "四）五"]);
        let lines = wrap("他说“好的”", 3.0);
        for l in &lines {
            let last = l.chars().last().unwrap_or(' ');
            assert!(!is_opening(last), "line ends with {last}: {lines:?}");
        }
    }

    #[test]
    fn a_phone_number_is_not_broken_in_the_middle() {
        // 11 digits = 5.5 wide; fits on a line of 6 but not after "电话".
        let lines = wrap("电话13800138000", 6.0);
        assert_eq!(lines, vec!["电话", "13800138000"]);
    }

    #[test]
    fn latin_words_break_at_spaces_and_the_space_is_dropped() {
        let lines = wrap("Hello world again", 5.0);
        assert_eq!(lines, vec!["Hello", "world", "again"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_by_characters() {
        let lines = wrap("ABCDEFGHIJ", 2.0);
        assert_eq!(lines, vec!["ABCD", "EFGH", "IJ"]);
    }

    #[test]
    fn hard_line_breaks_and_indentation_are_kept() {
        assert_eq!(
            wrap("　　第一条\n\n第二条", 10.0),
            vec!["　　第一条", "", "第二条"]
        );
    }

    #[test]
    fn empty_text_gives_no_lines() {
        assert!(wrap("", 10.0).is_empty());
    }

    #[test]
    fn real_font_widths_wrap_a_chinese_address() -> Result<(), PdfError> {
        // 10 pt characters, 45 pt line: four characters fit, the fifth does not.
        let lines = wrap_text("石马山镇黄山社区居委会", 45.0, 10.0)?;
        assert_eq!(lines, vec!["石马山镇", "黄山社区", "居委会"]);
        Ok(())
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[一二三四五六七八九十黄山路东段]".prop_map(|s| s),
            1 => "[，。、；：？！）」》”]".prop_map(|s| s),
            1 => "[（「《“]".prop_map(|s| s),
            1 => "[0-9A-Za-z]{1,6}".prop_map(|s| s),
            1 => Just(" ".to_string()),
        ]
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_keep_every_character_and_obey_kinsoku(
            parts in proptest::collection::vec(piece(), 0..60),
        ) {
            let text: String = parts.concat();
            let max = 8.0;
            // The rules can only be met when every glued unit fits on a line by itself.
            let all_atoms_fit = atoms(&text, &w)
                .iter()
                .all(|a| !matches!(a, Atom::Text(_, aw) if *aw > max));
            let lines = wrap(&text, max);
            for l in &lines {
                let width: f32 = l.chars().map(w).sum();
                prop_assert!(width <= max + 1e-3, "too wide: {:?}", l);
            }
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(strip(&lines.concat()), strip(&text));
            for (i, l) in lines.iter().enumerate() {
                if i > 0 && all_atoms_fit {
                    if let Some(first) = l.chars().next() {
                        prop_assert!(!is_closing(first), "line {} starts with {}: {:?}", i, first, lines);
                    }
                }
                if i + 1 < lines.len() && all_atoms_fit {
                    if let Some(last) = l.chars().last() {
                        prop_assert!(!is_opening(last), "line {} ends with {}: {:?}", i, last, lines);
                    }
                }
            }
        }
    }

    fn spaced_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => piece(),
            1 => "[ \t\n\r　]".prop_map(|s| s),
        ]
    }

    proptest! {
        #[test]
        fn the_one_line_shortcut_gives_what_the_full_line_filler_gives(
            parts in proptest::collection::vec(spaced_piece(), 0..16),
            max in 2.0f32..12.0,
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(wrap_with(&text, max, &w), wrap_full(&text, max, &w));
        }
    }

    #[test]
    fn a_cell_that_fits_is_one_line_and_one_that_does_not_still_wraps() {
        assert!(fits_on_one_line("冲销第 12 号", 8.0, &w));
        assert!(!fits_on_one_line("冲销第 12 号 ", 8.0, &w));
        assert!(!fits_on_one_line("冲销\n第 12 号", 8.0, &w));
        // Exactly full: left to the filler, which allows it.
        assert!(!fits_on_one_line("一二三四", 4.0, &w));
        assert_eq!(wrap("一二三四", 4.0), vec!["一二三四"]);
        assert_eq!(wrap("一二三四五", 4.0), vec!["一二三四", "五"]);
    }
}
