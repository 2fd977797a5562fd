//! What can be wrong with a user keymap file, and how to say it in one line, in both
//! languages, with the file, line and mode table so the user can go straight to it.

use std::fmt;
use std::path::PathBuf;

use super::keys::KeyNameError;
use super::mode::Mode;
use crate::i18n::Lang;

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
    /// One line: where, then what, e.g.
    /// `keymap.toml:12 [queue]: "<C-n>" is bound to both intake_new and call_next (...)` or
    /// `keymap.toml 第12行 [queue]：按键 "<C-n>" 同时绑定了 intake_new 和 call_next（……）`.
    pub fn message(&self, lang: Lang) -> String {
        format!("{}{}", self.location(lang), self.kind.describe(lang))
    }

    fn location(&self, lang: Lang) -> String {
        let file = self.file.display();
        let mode = self.mode.as_deref().map(|m| format!(" [{m}]"));
        let mode = mode.as_deref().unwrap_or("");
        match (lang, self.line) {
            (Lang::En, Some(line)) => format!("{file}:{line}{mode}: "),
            (Lang::En, None) => format!("{file}{mode}: "),
            (Lang::Zh, Some(line)) => format!("{file} 第{line}行{mode}："),
            (Lang::Zh, None) => format!("{file}{mode}："),
        }
    }
}

impl ProblemKind {
    fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProblemKind::NotFound, _) => lang.pick("找不到该文件", "file not found").to_owned(),
            (ProblemKind::Unreadable(err), Lang::Zh) => format!("无法读取文件：{err}"),
            (ProblemKind::Unreadable(err), Lang::En) => format!("cannot read the file: {err}"),
            (ProblemKind::NotUtf8, _) => lang
                .pick(
                    "文件不是 UTF-8 编码，请用 UTF-8 另存",
                    "the file is not UTF-8 text; save it as UTF-8",
                )
                .to_owned(),
            (ProblemKind::Syntax(msg), Lang::Zh) => format!("TOML 语法错误：{msg}"),
            (ProblemKind::Syntax(msg), Lang::En) => format!("TOML syntax error: {msg}"),
            (ProblemKind::UnknownMode { suggestion }, Lang::Zh) => format!(
                "未知的模式表{}，可用的模式有 {}",
                zh_suggestion(suggestion.as_deref()),
                mode_list("、")
            ),
            (ProblemKind::UnknownMode { suggestion }, Lang::En) => format!(
                "unknown mode table{}; the modes are {}",
                en_suggestion(suggestion.as_deref()),
                mode_list(", ")
            ),
            (ProblemKind::NotATable, _) => lang
                .pick(
                    "模式必须是一个表：单独一行写 [模式名]，下面每行写 \"按键\" = \"动作\"",
                    "a mode must be a table: a [mode] line, then \"key\" = \"action\" lines",
                )
                .to_owned(),
            (ProblemKind::BadKey { key, error }, Lang::Zh) => {
                format!("\"{key}\" 不是有效的按键名：{}", error.message(lang))
            }
            (ProblemKind::BadKey { key, error }, Lang::En) => {
                format!("\"{key}\" is not a key name: {}", error.message(lang))
            }
            (ProblemKind::NotAString { key, found }, Lang::Zh) => {
                format!(
                    "\"{key}\" 的值必须是带引号的动作名（如 \"call_next\"），这里是{}",
                    zh_type(found)
                )
            }
            (ProblemKind::NotAString { key, found }, Lang::En) => format!(
                "the value of \"{key}\" must be a quoted action name (like \"call_next\"), \
                 not {}",
                en_type(found)
            ),
            (
                ProblemKind::UnknownAction {
                    key,
                    action,
                    suggestion,
                },
                Lang::Zh,
            ) => format!(
                "\"{key}\"：未知的动作 \"{action}\"{}，运行 legaldesk keys 可查看全部动作",
                zh_suggestion(suggestion.as_deref())
            ),
            (
                ProblemKind::UnknownAction {
                    key,
                    action,
                    suggestion,
                },
                Lang::En,
            ) => format!(
                "\"{key}\": unknown action \"{action}\"{}; legaldesk keys lists every action",
                en_suggestion(suggestion.as_deref())
            ),
            (
                ProblemKind::Conflict {
                    key,
                    other_key,
                    other_line,
                    first,
                    second,
                },
                Lang::Zh,
            ) => {
                let same = if key == other_key {
                    format!("（另见第{other_line}行）")
                } else {
                    format!("（与第{other_line}行的 \"{other_key}\" 是同一个键）")
                };
                format!("按键 \"{key}\" 同时绑定了 {first} 和 {second}{same}")
            }
            (
                ProblemKind::Conflict {
                    key,
                    other_key,
                    other_line,
                    first,
                    second,
                },
                Lang::En,
            ) => {
                let same = if key == other_key {
                    format!(" (see also line {other_line})")
                } else {
                    format!(" (\"{other_key}\" on line {other_line} is the same key)")
                };
                format!("\"{key}\" is bound to both {first} and {second}{same}")
            }
            (ProblemKind::PrintableInTextField { key }, Lang::Zh) => format!(
                "\"{key}\" 会输入字符，在此模式下交给文本框；这里只能绑定 F 键、enter、esc、\
                 tab、方向键或 ctrl-/alt- 组合键"
            ),
            (ProblemKind::PrintableInTextField { key }, Lang::En) => format!(
                "\"{key}\" types a character, which goes to the text field in this mode; \
                 bind F-keys, enter, esc, tab, arrows or ctrl-/alt- keys here"
            ),
        }
    }
}

fn mode_list(separator: &str) -> String {
    Mode::ALL
        .iter()
        .map(|m| m.name())
        .collect::<Vec<_>>()
        .join(separator)
}

/// A TOML type name (`DeValue::type_str`) with its article, for "not an integer".
fn en_type(found: &str) -> String {
    match found {
        "integer" => "an integer".to_owned(),
        "array" => "an array".to_owned(),
        "boolean" => "true/false".to_owned(),
        other => format!("a {other}"),
    }
}

fn zh_type(found: &str) -> &str {
    match found {
        "integer" => "整数",
        "float" => "小数",
        "boolean" => "布尔值",
        "datetime" => "日期时间",
        "array" => "数组",
        "table" => "表",
        other => other,
    }
}

fn en_suggestion(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean \"{s}\"?)"))
        .unwrap_or_default()
}

fn zh_suggestion(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!("（是否应为 \"{s}\"？）"))
        .unwrap_or_default()
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
