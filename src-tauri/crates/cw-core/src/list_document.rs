//! One way to turn a list into a document: an A4 PDF table with its header on every page and a
//! signature footer, or the same rows as an .xlsx sheet. Rosters, fee reports and the pledge
//! outstanding list all go through here so their PDF and spreadsheet never drift apart.

use crate::exports::{self, Format};
use crate::print::DocFormat;
use crate::registry::settings;
use crate::{CoreError, Ctx, FileOut};
use cw_pdf::{Column, TableDoc};
use cw_tabular::Cell;

/// The footer most office lists carry: who drew up the table and who checked it.
pub const PREPARED_AND_CHECKED: &str = "制表人：____________　　审核人：____________";

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

/// Renders `doc` as a PDF (with the community's name and the print time) or as an .xlsx.
pub fn render(ctx: &Ctx<'_>, doc: ListDocument, format: DocFormat) -> Result<FileOut, CoreError> {
    match format {
        DocFormat::Pdf => {
            let table = TableDoc {
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
            };
            Ok(FileOut {
                file_name: format!("{}.pdf", doc.file_stem),
                mime: "application/pdf".into(),
                bytes: cw_pdf::render_table(&table)?,
            })
        }
        DocFormat::Xlsx => {
            let headers: Vec<&str> = doc.columns.iter().map(|c| c.header.as_str()).collect();
            let rows = doc
                .rows
                .into_iter()
                .map(|r| r.into_iter().map(Cell::Text).collect())
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
