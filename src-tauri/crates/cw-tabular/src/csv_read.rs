//! CSV/TXT import: decode, sniff the delimiter among `,` `\t` `;`, parse (quoted fields may span
//! lines) and number the rows as Excel would show them.

use crate::decode::decode_text;
use crate::error::TabularError;
use crate::grid::{build_sheet, column_name, RawRow, Sheet};
use crate::limits::{MAX_CELLS, MAX_DATA_ROWS, MAX_FILE_BYTES};

/// Reads a CSV (or tab-separated .txt) file.
///
/// Text may be UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), or GBK
/// (decoded as GB18030) when it is not valid UTF-8. The delimiter is sniffed among `,`, tab and
/// `;`. The full-width comma "，" is not supported as a delimiter: a one-column header that
/// contains it is reported as [`TabularError::FullWidthDelimiter`].
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, TabularError> {
    if bytes.is_empty() {
        return Err(TabularError::EmptyFile);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(TabularError::TooLarge {
            detail: format!("文件有 {} MB", bytes.len() / 1024 / 1024),
        });
    }
    let text = decode_text(bytes)?;
    read_csv_text(&text)
}

/// Parses decoded CSV text.
pub(crate) fn read_csv_text(text: &str) -> Result<Sheet, TabularError> {
    let delimiter = sniff_delimiter(text);
    let raw = parse(text, delimiter)?;
    check_full_width_delimiter(&raw)?;
    build_sheet(raw)
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// Picks the delimiter among `,` tab `;`: the one under which the first rows most consistently
/// have as many fields as the header, then the one under which fewer quotes are out of place (a
/// wrong delimiter turns a quoted tab or semicolon into a quote in mid-field, or into an opening
/// quote that swallows the lines after it), then the one giving the header more columns; ties go
/// to the comma, then tab. A candidate that leaves the header in one column never wins.
fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];
    // (delimiter, header fields, records matching the header, records sampled, stray quotes)
    let mut best: Option<(u8, usize, usize, usize, usize)> = None;
    for d in CANDIDATES {
        let mut counts = reader(text, d)
            .into_records()
            .take(50)
            .map_while(Result::ok)
            .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
            .map(|r| r.len());
        let Some(header) = counts.next() else {
            continue;
        };
        if header < 2 {
            continue;
        }
        let (mut matching, mut total) = (1usize, 1usize);
        for n in counts {
            total += 1;
            matching += usize::from(n == header);
        }
        let stray = stray_quotes(text, d);
        let better = match best {
            None => true,
            Some((_, b_header, b_matching, b_total, b_stray)) => {
                // Compare matching/total as fractions without floating point.
                let (mine, theirs) = (matching * b_total, b_matching * total);
                mine > theirs
                    || (mine == theirs
                        && (stray < b_stray || (stray == b_stray && header > b_header)))
            }
        };
        if better {
            best = Some((d, header, matching, total, stray));
        }
    }
    best.map_or(b',', |(d, ..)| d)
}

/// How many quotes in the first lines are out of place if `delimiter` separates the fields: a
/// quote inside an unquoted field, or a closing quote not followed by the delimiter or the end
/// of the line. Under the file's real delimiter a well-formed file has none.
fn stray_quotes(text: &str, delimiter: u8) -> usize {
    let bytes = text.as_bytes();
    let (mut stray, mut lines, mut i) = (0usize, 0usize, 0usize);
    let mut field_start = true;
    while i < bytes.len() && lines < 50 {
        let b = bytes[i];
        if field_start && b == b'"' {
            // A quoted field: runs to a quote that is not doubled.
            i += 1;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i += 1;
            match bytes.get(i) {
                None | Some(b'\n') | Some(b'\r') => {}
                Some(&c) if c == delimiter => {}
                Some(_) => stray += 1,
            }
            field_start = false;
            continue;
        }
        field_start = false;
        if b == delimiter {
            field_start = true;
        } else if b == b'\n' {
            field_start = true;
            lines += 1;
        } else if b == b'"' {
            stray += 1;
        }
        i += 1;
    }
    stray
}

fn parse(text: &str, delimiter: u8) -> Result<Vec<RawRow>, TabularError> {
    let mut rows = Vec::new();
    let mut cells = 0usize;
    // Newlines inside quoted fields so far: Excel shows such a record as one row, so they are
    // subtracted from the physical line number to get the row number the clerk sees.
    let mut embedded_newlines = 0u64;
    // Row and last field of the last record: an unclosed quote swallows the rest of the file
    // into that field.
    let mut last = (1usize, 0usize);
    for record in reader(text, delimiter).into_records() {
        let record = record.map_err(|e| TabularError::BadCsv {
            detail: e.to_string(),
        })?;
        // The reported position is where the parser resumed, before any blank lines it skipped;
        // those blank lines are rows in Excel, so count them too.
        let (line, byte) = record.position().map_or((1, 0), |p| {
            (p.line(), usize::try_from(p.byte()).unwrap_or(usize::MAX))
        });
        let skipped_blank = text
            .as_bytes()
            .get(byte..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|b| **b == b'\n')
            .count() as u64;
        let line = line + skipped_blank;
        let row = usize::try_from(line.saturating_sub(embedded_newlines)).unwrap_or(usize::MAX);
        embedded_newlines += record
            .iter()
            .map(|f| f.bytes().filter(|b| *b == b'\n').count() as u64)
            .sum::<u64>();
        last = (row, record.len().saturating_sub(1));
        let raw = RawRow::from_dense(row, record.iter());
        if raw.cells.is_empty() {
            continue;
        }
        cells += raw.cells.len();
        rows.push(raw);
        if rows.len() > MAX_DATA_ROWS + 2 {
            return Err(TabularError::TooLarge {
                detail: format!("数据超过 {MAX_DATA_ROWS} 行"),
            });
        }
        if cells > MAX_CELLS {
            return Err(TabularError::TooLarge {
                detail: format!("单元格超过 {MAX_CELLS} 个"),
            });
        }
    }
    // The csv parser takes an unclosed quote to run to the end of the file without a word;
    // the rows after it would then be reported as empty cells, far from the real mistake.
    if has_unclosed_quote(text, delimiter) {
        return Err(TabularError::UnclosedQuote {
            row: last.0,
            column: column_name(&rows, last.1),
        });
    }
    Ok(rows)
}

/// Whether a field opens a quote that no later quote closes, by the parser's own rules: a quote
/// is special only at the start of a field, and `""` inside a quoted field is a quote.
fn has_unclosed_quote(text: &str, delimiter: u8) -> bool {
    let b = text.as_bytes();
    let (mut i, mut field_start) = (0usize, true);
    while i < b.len() {
        if field_start && b[i] == b'"' {
            i += 1;
            loop {
                match b.get(i) {
                    None => return true,
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => break,
                    Some(_) => i += 1,
                }
            }
        }
        field_start = matches!(b.get(i), Some(&c) if c == delimiter || c == b'\n' || c == b'\r');
        i += 1;
    }
    false
}

/// "姓名，电话" as a one-column header means the file was typed with Chinese commas.
fn check_full_width_delimiter(raw: &[RawRow]) -> Result<(), TabularError> {
    let Some(first) = raw.first() else {
        return Ok(());
    };
    let next_is_wider = raw.get(1).is_some_and(|r| r.cells.len() > 1);
    if let [(_, header)] = first.cells.as_slice() {
        if header.contains('，') && !next_is_wider {
            return Err(TabularError::FullWidthDelimiter {
                header: crate::grid::excerpt(header),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_tab_does_not_make_tab_the_delimiter() {
        // Under tab, the quote after the tab opens a field that swallows the next line.
        let s = read_csv_text("编号,\"备注\t\"\n\"'\t\",\n").unwrap();
        assert_eq!(s.headers, vec!["编号", "备注"]);
        assert_eq!(s.rows.len(), 1);
        // Under tab, the second line would read as two fields, like the header.
        let e = read_csv_text("0-,\"1-\t=\n\",\"2-\t\"\n").unwrap_err();
        assert_eq!(e.code(), "import.no_rows");
    }

    #[test]
    fn quotes_out_of_place_are_counted_per_delimiter() {
        assert_eq!(stray_quotes("a,\"b\tc\"\n1,2\n", b','), 0);
        // `a,"b` and `c"`: a quote inside each unquoted field.
        assert_eq!(stray_quotes("a,\"b\tc\"\n1,2\n", b'\t'), 2);
        assert_eq!(stray_quotes("a;\"x\"\"y\";b\n", b';'), 0);
    }

    #[test]
    fn the_semicolon_is_sniffed_when_the_header_has_it() {
        let s = read_csv_text("姓名;电话;备注\n张三;138;a,b\n").unwrap();
        assert_eq!(s.headers, vec!["姓名", "电话", "备注"]);
        assert_eq!(s.rows[0].cells[2], "a,b");
    }

    #[test]
    fn a_tab_separated_text_is_sniffed() {
        let s = read_csv_text("姓名\t电话\n张三\t138\n").unwrap();
        assert_eq!(s.headers.len(), 2);
    }

    #[test]
    fn row_numbers_count_blank_lines_but_not_newlines_inside_quotes() {
        let s = read_csv_text("姓名,地址\n张三,\"一号楼\n二单元\"\n\n李四,x\n").unwrap();
        assert_eq!(s.rows[0].row, 2);
        assert_eq!(s.rows[0].cells[1], "一号楼\n二单元");
        // Excel shows: 1 header, 2 张三, 3 blank, 4 李四.
        assert_eq!(s.rows[1].row, 4);
    }

    #[test]
    fn a_header_typed_with_chinese_commas_is_refused_with_the_reason() {
        let e = read_csv_text("姓名，电话\n张三，138\n").unwrap_err();
        assert_eq!(e.code(), "import.delimiter");
        assert!(e.to_string().contains("中文逗号"), "{e}");
    }

    #[test]
    fn a_title_line_with_a_chinese_comma_above_a_real_header_is_fine() {
        let s = read_csv_text("名单，2026\n姓名,电话\n张三,138\n").unwrap();
        assert_eq!(s.headers, vec!["姓名", "电话"]);
    }

    #[test]
    fn an_unclosed_quote_is_reported_at_its_row_and_column_not_as_an_empty_cell() {
        let text = "名称,街道,门牌号\n张三,人民路,1\n李四,\"建设路,2\n王五,解放路,3\n";
        let e = read_csv_text(text).unwrap_err();
        assert_eq!(e.code(), "import.unclosed_quote");
        assert!(
            e.to_string().starts_with("第 3 行「街道」：引号没有配对"),
            "{e}"
        );
    }

    #[test]
    fn quotes_that_pair_up_are_not_taken_for_an_unclosed_one() {
        for ok in [
            "a,b\n\"x\"\"y\",2\n",
            "a,b\n1\"2,3\n",
            "a,b\n\"x\ny\",\"\"\n",
            "a,b\n\"x\"z,1\n",
        ] {
            assert!(!has_unclosed_quote(ok, b','), "{ok:?}");
        }
        assert!(has_unclosed_quote("a,b\n\"x\"\",1\n", b','));
        assert!(has_unclosed_quote("a,b\n1,\"", b','));
    }
}
