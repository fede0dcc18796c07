//! One way to turn a list into a document: an A4 PDF table with its header on every page and a
//! signature footer, or the same rows as an .xlsx sheet. Rosters, fee reports and the pledge
//! outstanding list all go through here so their PDF and spreadsheet never drift apart.

use crate::exports::{self, Format};
use crate::print::DocFormat;
use crate::settings;
use cw_kernel::{CoreError, Ctx, FileOut};
use cw_pdf::{Align, Column, TableDoc};
use cw_tabular::Cell;

/// The footer most office lists carry: who drew up the table and who checked it.
pub const PREPARED_AND_CHECKED: &str = "制表人：____________　　审核人：____________";

/// A phone as a list that leaves the office prints it: masked (138****1234) unless the clerk
/// asked for full numbers on this print (and the export log then records it as unmasked).
pub fn phone_text(phone: &str, full: bool) -> String {
    if full {
        phone.to_string()
    } else {
        cw_domain::text::mask_phone(phone)
    }
}

/// A list ready to print or save.
#[derive(Default)]
pub struct ListDocument {
    /// The heading, e.g. 住户花名册.
    pub title: String,
    /// The scope under the heading (zone, period, totals).
    pub subtitle: String,
    /// The file name without its extension.
    pub file_stem: String,
    /// Columns with their relative widths; the headers double as the sheet's headers.
    pub columns: Vec<Column>,
    /// The rows as printed text.
    pub rows: Vec<Vec<String>>,
    /// Landscape A4 rather than portrait; by default a table of more than seven columns.
    pub landscape: Option<bool>,
    /// The line under the table (signature blanks); by default [`PREPARED_AND_CHECKED`].
    pub footer_note: Option<String>,
}

/// `doc` as the table the PDF prints: the community's name, the print time, the default
/// orientation and signature line filled in (a longer document, the 迎检 binder, prints it as
/// one of its sections).
pub fn table_doc(ctx: &Ctx<'_>, doc: ListDocument) -> Result<TableDoc, CoreError> {
    Ok(TableDoc {
        title: doc.title,
        community: settings::get(ctx, serde_json::Value::Null)?.community_name,
        subtitle: Some(doc.subtitle),
        landscape: doc.landscape.unwrap_or(doc.columns.len() > 7),
        columns: doc.columns,
        rows: doc.rows,
        printed_at: ctx.clock.now(),
        footer_note: Some(
            doc.footer_note
                .unwrap_or_else(|| PREPARED_AND_CHECKED.to_string()),
        ),
    })
}

/// Renders `doc` as a PDF (with the community's name and the print time) or as an .xlsx.
pub fn render(ctx: &Ctx<'_>, doc: ListDocument, format: DocFormat) -> Result<FileOut, CoreError> {
    match format {
        DocFormat::Pdf => {
            let file_stem = doc.file_stem.clone();
            let table = table_doc(ctx, doc)?;
            // Lists of people (rosters, arrears, doors to visit) print even with a name no font
            // has; the clerk is told which characters came out as □.
            Ok(FileOut::pdf(
                format!("{file_stem}.pdf"),
                &table.title,
                cw_pdf::render_table_lenient(&table)?,
            ))
        }
        DocFormat::Xlsx => {
            let headers: Vec<&str> = doc.columns.iter().map(|c| c.header.as_str()).collect();
            let aligns: Vec<Align> = doc.columns.iter().map(|c| c.align).collect();
            let rows = doc
                .rows
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .enumerate()
                        .map(|(i, text)| sheet_cell(text, aligns.get(i).copied()))
                        .collect()
                })
                .collect();
            exports::table_file(
                &doc.file_stem,
                Some(format!("{}　{}", doc.title, doc.subtitle)),
                &headers,
                rows,
                Format::Xlsx,
            )
        }
    }
}

/// A printed cell as a spreadsheet cell: in a right-aligned (figures) column, an amount such as
/// "¥1,234.50" becomes a money number and a count such as "12" an integer, so the clerk can sum
/// them in Excel; everything else (rates like "91.2%", names) stays text as printed.
fn sheet_cell(text: String, align: Option<Align>) -> Cell {
    if align != Some(Align::Right) {
        return Cell::Text(text);
    }
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text.as_str()),
    };
    if let Some(amount) = rest.strip_prefix('¥') {
        let plain = amount.replace(',', "");
        let decimal = plain.split_once('.').is_some_and(|(i, f)| {
            !i.is_empty()
                && i.bytes().all(|b| b.is_ascii_digit())
                && f.len() == 2
                && f.bytes().all(|b| b.is_ascii_digit())
        });
        if decimal {
            return Cell::Money(format!("{sign}{plain}"));
        }
    }
    if !rest.is_empty() && rest.len() <= 15 && rest.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.parse::<i64>() {
            return Cell::Int(n);
        }
    }
    Cell::Text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_counts_in_figure_columns_become_numbers() {
        assert_eq!(
            sheet_cell("¥1,234.50".into(), Some(Align::Right)),
            Cell::Money("1234.50".into())
        );
        assert_eq!(
            sheet_cell("-¥5.00".into(), Some(Align::Right)),
            Cell::Money("-5.00".into())
        );
        assert_eq!(sheet_cell("294".into(), Some(Align::Right)), Cell::Int(294));
    }

    #[test]
    fn rates_words_and_other_columns_stay_text() {
        assert_eq!(
            sheet_cell("91.2%".into(), Some(Align::Right)),
            Cell::Text("91.2%".into())
        );
        assert_eq!(
            sheet_cell("¥12.5".into(), Some(Align::Right)),
            Cell::Text("¥12.5".into())
        );
        assert_eq!(
            sheet_cell("—".into(), Some(Align::Right)),
            Cell::Text("—".into())
        );
        assert_eq!(
            sheet_cell("¥20.00".into(), Some(Align::Left)),
            Cell::Text("¥20.00".into())
        );
        assert_eq!(
            sheet_cell("0013".into(), Some(Align::Center)),
            Cell::Text("0013".into())
        );
    }
}
