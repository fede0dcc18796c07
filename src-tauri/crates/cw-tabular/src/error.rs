//! The one error type of this crate: a Chinese message for the clerk plus a stable code.

use crate::limits::{MAX_COLUMNS, MAX_DATA_ROWS, MAX_FILE_BYTES};

/// Everything that can go wrong reading or writing a table.
///
/// `Display` is a complete Chinese sentence meant to be shown to the clerk as is; it says what
/// is wrong and what to do about it. [`TabularError::code`] gives a stable code for the app.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TabularError {
    /// The file has zero bytes.
    #[error("文件是空的（0 字节）。请确认选对了文件，或在 Excel/WPS 中重新保存后再导入。")]
    EmptyFile,

    /// The file (or its first worksheet) has no non-empty cell at all.
    #[error("表格里没有任何内容。请确认数据在第一个工作表里，第一行是表头，下面是数据。")]
    NoContent,

    /// Only a header row, no data rows.
    #[error("表格只有表头（{headers}），没有数据行。请在表头下面填好数据后再导入。")]
    NoDataRows {
        /// The header names, joined with "、".
        headers: String,
    },

    /// Over one of the limits in [`crate::limits`].
    #[error(
        "文件太大：{detail}。一次最多导入 {} 行、{} 列、{} MB，请拆成几个文件分批导入。",
        MAX_DATA_ROWS,
        MAX_COLUMNS,
        MAX_FILE_BYTES / 1024 / 1024
    )]
    TooLarge {
        /// What exactly is too large.
        detail: String,
    },

    /// Not a spreadsheet at all (a picture, a PDF, a Word file, random bytes …).
    #[error("文件不是有效的 Excel 或 CSV 表格：{what}。请用 Excel 或 WPS 打开数据后另存为 .xlsx 再重试。")]
    NotATable {
        /// What the file seems to be instead.
        what: String,
    },

    /// Looks like an Excel file but cannot be read (truncated, corrupt).
    #[error("Excel 文件已损坏或不完整：{detail}。请用 Excel 或 WPS 打开确认内容完整，另存为 .xlsx 后重试。")]
    BadXlsx {
        /// What is wrong.
        detail: String,
    },

    /// A password-protected workbook.
    #[error("文件设置了打开密码，无法读取。请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入。")]
    Encrypted,

    /// Text that is neither UTF-8/UTF-16 nor plausible GBK.
    #[error("无法识别文件的文字编码：{detail}。请在 Excel/WPS 中另存为「CSV UTF-8（逗号分隔）」或 .xlsx 后重试。")]
    Encoding {
        /// Where it went wrong.
        detail: String,
    },

    /// The header is a single column containing the full-width comma "，".
    #[error("表头只识别出一列，其中却有中文逗号「，」：{header}。不支持用中文逗号分隔各列，请把「，」换成英文逗号「,」，或在 Excel/WPS 中另存为 .xlsx 后重试。")]
    FullWidthDelimiter {
        /// The header cell as read.
        header: String,
    },

    /// A data row has non-empty cells to the right of the last header.
    #[error("第 {row} 行有 {found} 列，表头只有 {expected} 列。请检查这一行是否多填了内容，或内容里有多余的分隔符（含逗号的内容要用英文双引号括起来）。")]
    TooManyCells {
        /// Row number as Excel shows it.
        row: usize,
        /// Columns found in that row (up to its last non-empty cell).
        found: usize,
        /// Columns in the header.
        expected: usize,
    },

    /// Two header cells with the same name.
    #[error("表头「{name}」重复出现在{first}和{second}。请删掉或改名其中一列后重试。")]
    DuplicateHeader {
        /// The duplicated name.
        name: String,
        /// Where it first appears, e.g. "第 2 列（B 列）".
        first: String,
        /// Where it appears again.
        second: String,
    },

    /// A column without a header name has data in it.
    #[error("{column}没有表头，但第 {row} 行在这一列填了「{value}」。请给这一列补上表头，或删掉这一列后重试。")]
    MissingHeader {
        /// The column, e.g. "第 3 列（C 列）".
        column: String,
        /// Row number as Excel shows it.
        row: usize,
        /// The stray value (shortened).
        value: String,
    },

    /// An .xlsx formula cell saved without its result.
    #[error("第 {row} 行{column}：是公式，但文件里没有公式的结果。请在 Excel 或 WPS 中打开这个文件、保存后再导入（或把公式换成数值）。")]
    FormulaWithoutValue {
        /// Row number as Excel shows it.
        row: usize,
        /// The column, by its header (「名称」) or its place ("第 3 列（C 列）").
        column: String,
    },

    /// A CSV field opens a quote that is never closed, so the rest of the file became one cell.
    #[error("第 {row} 行{column}：引号没有配对。这一格以英文双引号 \" 开头，但直到文件末尾都没有结束的引号，后面的内容都被当成了这一格。请补上结束的引号（内容里的引号要写成两个 \"\"），或在 Excel/WPS 中另存为 .xlsx 后再导入。")]
    UnclosedQuote {
        /// Row number (as Excel shows it) where the quoted field starts.
        row: usize,
        /// The column, by its header (「街道」) or its place.
        column: String,
    },

    /// The CSV structure could not be parsed.
    #[error("CSV 文件格式有误：{detail}。请用 Excel 或 WPS 打开后另存为 .xlsx 再重试。")]
    BadCsv {
        /// What the parser reported.
        detail: String,
    },

    /// Export: a `Cell::Money` that is not a plain decimal like "1234.50".
    #[error("导出失败：工作表「{sheet}」第 {row} 条数据的「{column}」金额「{value}」不是有效的数字（应类似 1234.50）。")]
    BadMoney {
        /// Sheet name.
        sheet: String,
        /// 1-based data row index.
        row: usize,
        /// Header of the column.
        column: String,
        /// The offending value.
        value: String,
    },

    /// Export: a `Cell::Date` that is not a valid "YYYY-MM-DD" between 1900 and 9999.
    #[error("导出失败：工作表「{sheet}」第 {row} 条数据的「{column}」日期「{value}」无效（应类似 2026-11-29）。")]
    BadDate {
        /// Sheet name.
        sheet: String,
        /// 1-based data row index.
        row: usize,
        /// Header of the column.
        column: String,
        /// The offending value.
        value: String,
    },

    /// Export: a `Cell::Number` that is NaN or infinite.
    #[error("导出失败：工作表「{sheet}」第 {row} 条数据的「{column}」不是有限的数字。")]
    BadNumber {
        /// Sheet name.
        sheet: String,
        /// 1-based data row index.
        row: usize,
        /// Header of the column.
        column: String,
    },

    /// Export: a text longer than the 32,767 characters an Excel cell can hold.
    #[error("导出失败：工作表「{sheet}」第 {row} 条数据的「{column}」超过 Excel 单元格上限（32767 个字符）。")]
    TextTooLong {
        /// Sheet name.
        sheet: String,
        /// 1-based data row index.
        row: usize,
        /// Header of the column.
        column: String,
    },

    /// Export: a row with more cells than headers.
    #[error(
        "导出失败：工作表「{sheet}」第 {row} 条数据有 {found} 个单元格，表头只有 {expected} 列。"
    )]
    RowTooWide {
        /// Sheet name.
        sheet: String,
        /// 1-based data row index.
        row: usize,
        /// Cells in the row.
        found: usize,
        /// Headers.
        expected: usize,
    },

    /// Export: nothing to write.
    #[error("导出失败：没有要导出的工作表。")]
    NoSheets,

    /// Export: the xlsx writer failed.
    #[error("导出 Excel 文件失败：{detail}。")]
    XlsxWrite {
        /// What the writer reported.
        detail: String,
    },
}

impl TabularError {
    /// A stable machine-readable code, e.g. `"import.encoding"`; the UI may map it to help text.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyFile | Self::NoContent => "import.empty",
            Self::NoDataRows { .. } => "import.no_rows",
            Self::TooLarge { .. } => "import.too_large",
            Self::NotATable { .. } => "import.not_a_table",
            Self::BadXlsx { .. } => "import.bad_xlsx",
            Self::Encrypted => "import.encrypted",
            Self::Encoding { .. } => "import.encoding",
            Self::FullWidthDelimiter { .. } => "import.delimiter",
            Self::TooManyCells { .. } => "import.row_too_long",
            Self::DuplicateHeader { .. } => "import.duplicate_header",
            Self::MissingHeader { .. } => "import.missing_header",
            Self::BadCsv { .. } => "import.bad_csv",
            Self::FormulaWithoutValue { .. } => "import.formula_without_value",
            Self::UnclosedQuote { .. } => "import.unclosed_quote",
            Self::BadMoney { .. } => "export.bad_money",
            Self::BadDate { .. } => "export.bad_date",
            Self::BadNumber { .. } => "export.bad_number",
            Self::TextTooLong { .. } => "export.text_too_long",
            Self::RowTooWide { .. } => "export.row_too_wide",
            Self::NoSheets => "export.no_sheets",
            Self::XlsxWrite { .. } => "export.xlsx",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_row_error_reads_as_the_clerk_expects() {
        let e = TabularError::TooManyCells {
            row: 7,
            found: 9,
            expected: 8,
        };
        assert!(e.to_string().starts_with("第 7 行有 9 列，表头只有 8 列。"));
        assert_eq!(e.code(), "import.row_too_long");
    }

    #[test]
    fn the_too_large_message_states_the_limits() {
        let e = TabularError::TooLarge { detail: "x".into() };
        let s = e.to_string();
        assert!(s.contains("100000 行"), "{s}");
        assert!(s.contains("20 MB"), "{s}");
    }
}
