//! The shell's command line: only `--db PATH` (or `--db=PATH`), which chooses the database file.

use std::ffi::OsString;
use std::path::PathBuf;

/// The value of the last `--db PATH` or `--db=PATH` in `args` (the program name first, as in
/// [`std::env::args_os`]); other arguments are ignored.
pub fn db_arg<I>(args: I) -> Option<PathBuf>
where
    I: IntoIterator<Item = OsString>,
{
    let mut found = None;
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            if let Some(value) = args.next() {
                found = Some(PathBuf::from(value));
            }
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            found = Some(PathBuf::from(value));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Option<PathBuf> {
        db_arg(args.iter().map(OsString::from))
    }

    #[test]
    fn no_argument_means_the_default_database() {
        assert_eq!(parse(&["chuangwei-app"]), None);
    }

    #[test]
    fn db_takes_the_next_argument() {
        assert_eq!(
            parse(&["chuangwei-app", "--db", "D:\\创卫\\t.db"]),
            Some(PathBuf::from("D:\\创卫\\t.db"))
        );
    }

    #[test]
    fn db_equals_form_and_the_last_one_wins() {
        assert_eq!(
            parse(&["app", "--db", "a.db", "--db=b.db"]),
            Some(PathBuf::from("b.db"))
        );
    }

    #[test]
    fn a_dangling_db_is_ignored_and_the_program_name_is_skipped() {
        assert_eq!(parse(&["--db", "--db"]), None);
        assert_eq!(parse(&["app", "--verbose", "--db"]), None);
    }
}
