//! Errors of the PDF crate, with stable machine codes and Chinese messages.

/// Everything that can stop a PDF from being produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// Some characters cannot be drawn with the embedded font (they would print as empty boxes).
    #[error("字库缺少以下字符：{chars}（出现在：{context}）")]
    MissingGlyphs {
        /// The missing characters, each once, in order of first appearance.
        chars: String,
        /// Where they occur, e.g. "第 12 行「户主」列".
        context: String,
    },
    /// The embedded font could not be parsed.
    #[error("字库加载失败：{0}")]
    Font(String),
    /// The caller's document description is unusable (no columns, wrong cell count, …).
    #[error("文档内容有误：{0}")]
    Invalid(String),
    /// Layout or serialisation failed (e.g. a single row taller than a page).
    #[error("PDF 生成失败：{0}")]
    Render(String),
}

impl PdfError {
    /// Stable error code for the UI and logs.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::MissingGlyphs { .. } => "pdf.missing_glyph",
            PdfError::Font(_) => "pdf.font",
            PdfError::Invalid(_) => "pdf.invalid_input",
            PdfError::Render(_) => "pdf.render",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_glyph_error_reads_in_chinese_and_names_the_place() {
        let e = PdfError::MissingGlyphs {
            chars: "𠮷".into(),
            context: "第 12 行「户主」列".into(),
        };
        assert_eq!(
            e.to_string(),
            "字库缺少以下字符：𠮷（出现在：第 12 行「户主」列）"
        );
        assert_eq!(e.code(), "pdf.missing_glyph");
    }

    #[test]
    fn every_variant_has_its_own_code() {
        let codes = [
            PdfError::MissingGlyphs {
                chars: String::new(),
                context: String::new(),
            }
            .code(),
            PdfError::Font(String::new()).code(),
            PdfError::Invalid(String::new()).code(),
            PdfError::Render(String::new()).code(),
        ];
        let unique: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len());
    }
}
