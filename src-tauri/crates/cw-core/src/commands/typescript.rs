//! `ui/src/bindings/commands.ts`: the map from command name to its argument and result types,
//! and who may run it, written from the table by `cargo test` so the UI's `call` is typed by it.

use super::{all, Allowed, CommandKind};
use std::collections::BTreeMap;
use std::path::{Component, Path};
use ts_rs::{Config, ExportError};

/// The TypeScript of the map, and every type it names exported into `cfg`'s folder.
pub fn write_map(cfg: &Config) -> Result<String, ExportError> {
    let mut imports: BTreeMap<String, String> = BTreeMap::new();
    imports.insert("Allowed".into(), "./Allowed".into());
    let mut data = String::new();
    let mut files = String::new();
    let mut allowed = String::new();
    let mut commands: Vec<_> = all().collect();
    commands.sort_by_key(|c| c.name);
    for c in commands {
        let wire = (c.wire)(cfg);
        (wire.export)(cfg)?;
        for dep in &wire.imports {
            imports.insert(dep.ts_name.clone(), import_path(&dep.output_path));
        }
        let doc = format!("  /** {} */\n", c.summary);
        match (&wire.result, c.kind) {
            (Some(result), CommandKind::Read | CommandKind::Write) => {
                data.push_str(&doc);
                data.push_str(&format!(
                    "  '{}': {{ args: {}; result: {} }}\n",
                    c.name, wire.args, result
                ));
            }
            _ => {
                files.push_str(&doc);
                files.push_str(&format!("  '{}': {}\n", c.name, wire.args));
            }
        }
        allowed.push_str(&format!(
            "  '{}': '{}',\n",
            c.name,
            allowed_name(c.policy.allowed)
        ));
    }
    let mut out = String::from(
        "// Generated from the command table (cw-core `commands::typescript`) by `cargo test`. Do not edit.\n\n",
    );
    for (name, path) in &imports {
        out.push_str(&format!("import type {{ {name} }} from '{path}'\n"));
    }
    out.push_str("\n/** Every command that returns data: its arguments and its result. */\n");
    out.push_str("export interface Commands {\n");
    out.push_str(&data);
    out.push_str("}\n\n/** Every command that makes a file (PDF, .xlsx): its arguments. */\n");
    out.push_str("export interface Documents {\n");
    out.push_str(&files);
    out.push_str(
        "}\n\n/** Who may run each command through the UI, as the table declares it. */\n",
    );
    out.push_str("export const allowedTo: Record<keyof Commands | keyof Documents, Allowed> = {\n");
    out.push_str(&allowed);
    out.push_str("}\n");
    Ok(out)
}

fn allowed_name(a: Allowed) -> &'static str {
    match a {
        Allowed::Public => "Public",
        Allowed::Account => "Account",
        Allowed::Head => "Head",
        Allowed::CommandLine => "CommandLine",
    }
}

/// `serde_json/JsonValue.ts` → `./serde_json/JsonValue`.
fn import_path(output: &Path) -> String {
    let parts: Vec<String> = output
        .with_extension("")
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    format!("./{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typescript_map_of_the_commands_is_written_beside_the_bindings() {
        let cfg = Config::from_env();
        let map = write_map(&cfg).expect("exported");
        // Every command is in the map once, as data or as a document.
        for c in all() {
            assert_eq!(
                map.matches(&format!("  '{}': ", c.name)).count(),
                2,
                "{}",
                c.name
            );
        }
        assert!(map.contains("'staff.list': { args: StaffQuery; result: "));
        assert!(map.contains("'accounts.create': 'Head'"));
        let path = cfg.out_dir().join("commands.ts");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(map.as_str()) {
            cw_store::file_ops::write(&path, map.as_bytes()).expect("written");
        }
    }

    #[test]
    fn an_import_path_is_relative_to_the_bindings_folder() {
        assert_eq!(
            import_path(Path::new("serde_json/JsonValue.ts")),
            "./serde_json/JsonValue"
        );
        assert_eq!(import_path(Path::new("Staff.ts")), "./Staff");
    }
}
