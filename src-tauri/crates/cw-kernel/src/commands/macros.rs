//! `cmd!`: one line of a command table — name, kind, Chinese summary and the use-case it runs;
//! its policy follows as calls on the line (`.head("管理账号")`, `.backs_up("import")`, …).

/// Builds a [`super::CommandInfo`]; `Document` commands return a file, the others JSON.
#[macro_export]
macro_rules! cmd {
    ($name:literal, Document, $summary:literal, $f:path) => {
        $crate::commands::CommandInfo::new(
            $name,
            $crate::commands::CommandKind::Document,
            $summary,
            $crate::commands::Run::Conn(|ctx, a| $crate::commands::file(ctx, a, $f)),
            |cfg| $crate::commands::wire_of_file(cfg, $f),
        )
    };
    ($name:literal, $kind:ident, $summary:literal, $f:path) => {
        $crate::commands::CommandInfo::new(
            $name,
            $crate::commands::CommandKind::$kind,
            $summary,
            $crate::commands::Run::Conn(|ctx, a| $crate::commands::json(ctx, a, $f)),
            |cfg| $crate::commands::wire_of_json(cfg, $f),
        )
    };
}
