//! What can be wrong with a user keymap file. How to say it in one line, in both languages,
//! with the file, line and mode table, is in `i18n::keymap`.

use std::fmt;
use std::path::PathBuf;

use super::keys::KeyNameError;
use crate::i18n::{Lang, Words};

/// One problem in a keymap file. `mode` is the table name as written in the file (also for
/// an unknown table); `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapProblem {
    pub file: PathBuf,
    pub mode: Option<String>,
    pub line: Option<usize>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file was given explicitly (`--keymap`, `keys --check`) but does not exist.
    NotFound,
    /// Any other I/O error (permissions, a directory, ...), with the system's message.
    Unreadable(String),
    /// Often a file saved as GBK by an old editor; `line` is where the first bad byte is.
    NotUtf8,
    /// The TOML parser's own message.
    Syntax(String),
    UnknownMode {
        suggestion: Option<String>,
    },
    /// `queue = "x"` instead of a `[queue]` table.
    NotATable,
    BadKey {
        key: String,
        error: KeyNameError,
    },
    /// The value is a number, array, table, ...: `found` is its TOML type name.
    NotAString {
        key: String,
        found: String,
    },
    UnknownAction {
        key: String,
        action: String,
        suggestion: Option<String>,
    },
    /// Two names of one key in one table with different actions. `key`/`second` are the
    /// later entry (at `line`), `other_key`/`first` the earlier one.
    Conflict {
        key: String,
        other_key: String,
        other_line: usize,
        first: String,
        second: String,
    },
    /// A plain character bound in a mode with a text field, where it could not be typed.
    PrintableInTextField {
        key: String,
    },
}

impl ProblemKind {
    /// A stable identifier of the kind, for tests and machine-readable output.
    pub fn code(&self) -> &'static str {
        match self {
            ProblemKind::NotFound => "not_found",
            ProblemKind::Unreadable(_) => "unreadable",
            ProblemKind::NotUtf8 => "not_utf8",
            ProblemKind::Syntax(_) => "syntax",
            ProblemKind::UnknownMode { .. } => "unknown_mode",
            ProblemKind::NotATable => "not_a_table",
            ProblemKind::BadKey { .. } => "bad_key",
            ProblemKind::NotAString { .. } => "not_a_string",
            ProblemKind::UnknownAction { .. } => "unknown_action",
            ProblemKind::Conflict { .. } => "conflict",
            ProblemKind::PrintableInTextField { .. } => "printable_in_text_field",
        }
    }
}

impl KeymapProblem {
    /// One line: where, then what (the words are in `i18n::keymap`).
    pub fn message(&self, lang: Lang) -> String {
        self.text(lang)
    }
}

impl fmt::Display for KeymapProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for KeymapProblem {}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflict() -> KeymapProblem {
        KeymapProblem {
            file: PathBuf::from("keymap.toml"),
            mode: Some("queue".into()),
            line: Some(12),
            kind: ProblemKind::Conflict {
                key: "<C-n>".into(),
                other_key: "ctrl-n".into(),
                other_line: 10,
                first: "intake_new".into(),
                second: "call_next".into(),
            },
        }
    }

    #[test]
    fn messages_name_file_line_and_mode() {
        assert_eq!(
            conflict().message(Lang::En),
            "keymap.toml:12 [queue]: \"<C-n>\" is bound to both intake_new and call_next \
             (\"ctrl-n\" on line 10 is the same key)"
        );
        assert_eq!(
            conflict().message(Lang::Zh),
            "keymap.toml 第12行 [queue]：按键 \"<C-n>\" 同时绑定了 intake_new 和 call_next\
             （与第10行的 \"ctrl-n\" 是同一个键）"
        );
        let missing = KeymapProblem {
            file: PathBuf::from("/x/keymap.toml"),
            mode: None,
            line: None,
            kind: ProblemKind::NotFound,
        };
        assert_eq!(missing.message(Lang::En), "/x/keymap.toml: file not found");
        assert_eq!(missing.message(Lang::Zh), "/x/keymap.toml：找不到该文件");
    }

    #[test]
    fn messages_are_one_line() {
        let p = conflict();
        for lang in [Lang::Zh, Lang::En] {
            assert!(!p.message(lang).contains('\n'));
        }
    }
}
