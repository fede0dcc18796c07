//! The command table: every use-case by name, with JSON arguments, shared by all adapters. Each
//! domain crate exports its table; this crate assembles them with its own (backups, the demo,
//! the command list, the history).

mod app_table;
mod backups_table;
pub mod typescript;

pub use cw_kernel::commands::*;

/// Every command table of 创卫办公台, one per area; a new domain adds its table here.
pub static TABLES: &[&[CommandInfo]] = &[
    cw_registry::table::TABLE,
    app_table::TABLE,
    cw_auth::table::TABLE,
    cw_assessment::table::TABLE,
    cw_pledges::table::TABLE,
    cw_fees::table::TABLE,
    backups_table::TABLE,
    cw_campaign::table::TABLE,
    cw_review::table::TABLE,
    cw_evidence::table::TABLE,
];

/// Finds a command by name.
pub fn find(name: &str) -> Option<&'static CommandInfo> {
    all().find(|c| c.name == name)
}

/// Every command, in table order.
pub fn all() -> impl Iterator<Item = &'static CommandInfo> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The largest JSON arguments the command `name` can legitimately take, in bytes, as its line of
/// the table declares (an unknown command gets the ordinary limit, and is refused by name later).
pub fn max_args_bytes(name: &str) -> usize {
    find(name).map_or(MAX_ARGS_BYTES, |c| c.policy.max_args_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_may_carry_its_whole_file_and_other_commands_only_a_few_megabytes() {
        let import = max_args_bytes("import.preview");
        assert!(import > cw_tabular::limits::MAX_FILE_BYTES * 4 / 3);
        assert_eq!(max_args_bytes("import.commit"), import);
        assert!(max_args_bytes("pledges.attach") > cw_pledges::attachments::MAX_BYTES * 4 / 3);
        assert_eq!(max_args_bytes("auth.login"), MAX_ARGS_BYTES);
    }

    #[test]
    fn command_names_are_unique() {
        let mut names: Vec<&str> = all().map(|c| c.name).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }

    fn named(allowed: Allowed) -> Vec<&'static str> {
        let mut v: Vec<_> = all()
            .filter(|c| c.policy.allowed == allowed)
            .map(|c| c.name)
            .collect();
        v.sort();
        v
    }

    #[test]
    fn only_the_sign_in_commands_and_the_file_state_need_no_account() {
        assert_eq!(
            named(Allowed::Public),
            ["auth.login", "auth.setup", "auth.status", "backups.status"]
        );
    }

    #[test]
    fn the_head_only_acts_are_declared_in_the_table_with_their_words() {
        let head = named(Allowed::Head);
        for name in [
            "accounts.create",
            "accounts.list",
            "accounts.reset_password",
            "assessment.settings.update",
            "backups.passphrase.set",
            "backups.restore",
            "backups.restore_from",
            "fees.batches.adjust",
            "fees.standards.create",
            "months.reopen",
            "schedule.create_version",
            "security.update",
        ] {
            assert!(head.contains(&name), "{name}");
        }
        for c in all().filter(|c| c.policy.allowed == Allowed::Head) {
            assert!(c.policy.act.chars().any(|ch| ch > '\u{2e80}'), "{}", c.name);
        }
    }

    #[test]
    fn the_risky_writes_back_up_first_and_only_writes_do() {
        let mut risky: Vec<_> = all()
            .filter_map(|c| Some((c.name, c.policy.backup_first?)))
            .collect();
        risky.sort();
        assert_eq!(
            risky,
            [
                ("fees.batches.close", "batch-close"),
                ("import.commit", "import"),
                ("months.close", "month-close"),
            ]
        );
        for c in all() {
            if c.policy.backup_first.is_some() || c.policy.only_records_itself {
                assert_eq!(c.kind, CommandKind::Write, "{}", c.name);
            }
        }
    }

    #[test]
    fn recovery_commands_are_the_backup_readers_the_state_and_restore() {
        let mut recovery: Vec<_> = all()
            .filter(|c| c.policy.in_recovery)
            .map(|c| (c.name, c.policy.needs_database))
            .collect();
        recovery.sort();
        assert_eq!(
            recovery,
            [
                ("backups.list", false),
                ("backups.list_in", true),
                ("backups.preview", false),
                ("backups.restore", true),
                ("backups.restore_from", true),
                ("backups.status", true),
                ("backups.verify", false),
            ]
        );
        // Every command outside recovery needs the database.
        assert!(all()
            .filter(|c| !c.policy.in_recovery)
            .all(|c| c.policy.needs_database));
    }

    #[test]
    fn a_locked_session_may_only_unlock_or_sign_out() {
        let mut locked: Vec<_> = all()
            .filter(|c| c.policy.when_locked)
            .map(|c| c.name)
            .collect();
        locked.sort();
        assert_eq!(locked, ["auth.logout", "auth.unlock"]);
    }

    #[test]
    fn every_command_has_a_chinese_summary() {
        for c in all() {
            assert!(c.summary.chars().any(|ch| ch > '\u{2e80}'), "{}", c.name);
        }
    }
}
