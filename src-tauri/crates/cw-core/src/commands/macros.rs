//! `cmd!`: one line of a command table — name, kind, Chinese summary and the use-case it runs.

/// Builds a [`super::CommandInfo`]; `Document` commands return a file, the others JSON.
macro_rules! cmd {
    ($name:literal, Document, $summary:literal, $f:path) => {
        $crate::commands::CommandInfo {
            name: $name,
            kind: $crate::commands::CommandKind::Document,
            summary: $summary,
            run: |ctx, a| $crate::commands::file(ctx, a, $f),
        }
    };
    ($name:literal, $kind:ident, $summary:literal, $f:path) => {
        $crate::commands::CommandInfo {
            name: $name,
            kind: $crate::commands::CommandKind::$kind,
            summary: $summary,
            run: |ctx, a| $crate::commands::json(ctx, a, $f),
        }
    };
}
