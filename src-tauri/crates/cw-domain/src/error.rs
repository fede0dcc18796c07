//! Validation errors of the domain, each naming the field in Chinese.

/// A rule of the domain refused a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A required field is empty.
    #[error("「{field}」不能为空")]
    Required { field: &'static str },
    /// A field's value is not acceptable; `reason` says why in Chinese.
    #[error("「{field}」{reason}")]
    Invalid { field: &'static str, reason: String },
}

impl DomainError {
    /// A stable machine-readable code for the UI and tests.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Required { .. } => "validation.required",
            DomainError::Invalid { .. } => "validation.invalid",
        }
    }

    /// The field the error is about, as the clerk knows it.
    pub fn field(&self) -> &'static str {
        match self {
            DomainError::Required { field } | DomainError::Invalid { field, .. } => field,
        }
    }

    /// Shorthand for an [`DomainError::Invalid`].
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        DomainError::Invalid {
            field,
            reason: reason.into(),
        }
    }
}
