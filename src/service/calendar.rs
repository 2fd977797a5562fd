//! The calendar in force: the built-in data plus `holidays.toml` from the config directory
//! (the same directory as the user's keymap). A file with any problem is ignored as a whole,
//! so a half-typed year never counts some days and not others; the problems are reported.

use std::path::{Path, PathBuf};

use crate::domain::calendar::Calendar;
use crate::domain::holiday_file::{self, FileProblem, FileProblemKind};
use crate::i18n::calendar::FileProblemAt;

/// Where the override file lives (it need not exist).
pub fn override_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "legaldesk", "legaldesk")
        .map(|dirs| dirs.config_dir().join("holidays.toml"))
}

/// The calendar in force, and the problems of the override file if it was ignored.
pub fn load() -> (Calendar, Vec<FileProblemAt>) {
    match override_path() {
        Some(path) if path.exists() => match check_file(&path) {
            Ok(calendar) => (calendar, Vec::new()),
            Err(problems) => (Calendar::builtin(), problems),
        },
        _ => (Calendar::builtin(), Vec::new()),
    }
}

/// Reads and checks one override file: the calendar it gives, or every problem with its line.
pub fn check_file(path: &Path) -> Result<Calendar, Vec<FileProblemAt>> {
    let at = |problem: FileProblem| FileProblemAt {
        file: path.to_path_buf(),
        problem,
    };
    let bytes = std::fs::read(path).map_err(|e| {
        let kind = if e.kind() == std::io::ErrorKind::NotFound {
            FileProblemKind::NotFound
        } else {
            FileProblemKind::Unreadable(e.to_string())
        };
        vec![at(FileProblem { line: None, kind })]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = holiday_file::line_at(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        vec![at(FileProblem {
            line: Some(line),
            kind: FileProblemKind::NotUtf8,
        })]
    })?;
    holiday_file::parse(&text)
        .map(Calendar::with_overrides)
        .map_err(|problems| problems.into_iter().map(at).collect())
}
