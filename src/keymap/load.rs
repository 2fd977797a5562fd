//! Reading one keymap file into a validated `Layer`, collecting every problem with its
//! file, mode table and line. The TOML parser gives byte spans; we only turn them into
//! line numbers.

use std::collections::HashMap;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::keys::Key;
use super::mode::Mode;
use super::problem::{KeymapProblem, ProblemKind};
use crate::action::Action;

/// What a key does in one table. `Noop` is kept (not just removed) because in a mode table
/// it also hides a [global] binding of the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Binding {
    Action(Action),
    Noop,
}

impl Binding {
    pub(crate) fn name(self) -> String {
        match self {
            Binding::Action(action) => action.name().to_owned(),
            Binding::Noop => NOOP.to_owned(),
        }
    }
}

const NOOP: &str = "noop";

/// The valid bindings of one file, per mode, in file order.
#[derive(Debug, Default)]
pub(crate) struct Layer {
    pub(crate) tables: Vec<(Mode, Vec<(Key, Binding)>)>,
}

/// Reads and checks a file. Any problem rejects the whole file: a half-applied keymap
/// would leave the user guessing which of their lines took effect.
pub(crate) fn layer_from_file(path: &Path) -> Result<Layer, Vec<KeymapProblem>> {
    let problem = |line, kind| KeymapProblem {
        file: path.to_path_buf(),
        mode: None,
        line,
        kind,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![problem(None, ProblemKind::NotFound)])
        }
        Err(err) => {
            return Err(vec![problem(
                None,
                ProblemKind::Unreadable(err.to_string()),
            )])
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let line = line_at(err.as_bytes(), err.utf8_error().valid_up_to());
            return Err(vec![problem(Some(line), ProblemKind::NotUtf8)]);
        }
    };
    let (layer, problems) = parse_layer(&text, path);
    if problems.is_empty() {
        Ok(layer)
    } else {
        Err(problems)
    }
}

/// Parses keymap text; returns the valid bindings and every problem found.
pub(crate) fn parse_layer(text: &str, file: &Path) -> (Layer, Vec<KeymapProblem>) {
    // Editors on Windows may save a byte-order mark; it holds no newline, so lines still count.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut layer = Layer::default();
    let mut problems = Vec::new();
    let problem = |mode: Option<&str>, offset: usize, kind| KeymapProblem {
        file: file.to_path_buf(),
        mode: mode.map(str::to_owned),
        line: Some(line_at(text.as_bytes(), offset)),
        kind,
    };

    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for err in errors {
            let offset = err.span().map_or(0, |span| span.start);
            // The parser's message is short; keep the problem on one line regardless.
            let message = err.message().trim().replace('\n', " ");
            problems.push(problem(None, offset, ProblemKind::Syntax(message)));
        }
        // A recovered tree after a syntax error would only produce follow-on noise.
        return (layer, problems);
    }

    let mut tables: Vec<_> = root.get_ref().iter().collect();
    tables.sort_by_key(|(name, _)| name.span().start);
    for (name, value) in tables {
        let mode_name: &str = name.get_ref();
        let at = name.span().start;
        let Some(mode) = Mode::from_name(mode_name) else {
            let names = Mode::ALL.iter().map(|m| m.name());
            let suggestion = closest(mode_name, names);
            problems.push(problem(
                Some(mode_name),
                at,
                ProblemKind::UnknownMode { suggestion },
            ));
            continue;
        };
        let DeValue::Table(table) = value.get_ref() else {
            problems.push(problem(Some(mode_name), at, ProblemKind::NotATable));
            continue;
        };

        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        // Normalised key -> (name as written, line, binding), to find conflicts.
        let mut seen: HashMap<Key, (String, usize, Binding)> = HashMap::new();
        let mut bindings = Vec::new();
        for (key_name, value) in entries {
            let key_text: &str = key_name.get_ref();
            let at = key_name.span().start;
            let line = line_at(text.as_bytes(), at);
            let mut report = |kind| problems.push(problem(Some(mode_name), at, kind));

            if let DeValue::Table(_) = value.get_ref() {
                // [queue.more] or "x".y = ...: the name is not meant as a key, so only the
                // nesting is worth reporting.
                report(ProblemKind::NotAString {
                    key: key_text.to_owned(),
                    found: value.get_ref().type_str().to_owned(),
                });
                continue;
            }
            let key = match Key::parse(key_text) {
                Ok(key) => Some(key),
                Err(error) => {
                    report(ProblemKind::BadKey {
                        key: key_text.to_owned(),
                        error,
                    });
                    None
                }
            };
            let binding = match value.get_ref() {
                DeValue::String(name) if name == NOOP => Some(Binding::Noop),
                DeValue::String(name) => match Action::from_name(name) {
                    Some(action) => Some(Binding::Action(action)),
                    None => {
                        let names = Action::all().map(Action::name);
                        report(ProblemKind::UnknownAction {
                            key: key_text.to_owned(),
                            action: name.to_string(),
                            suggestion: closest(name, names),
                        });
                        None
                    }
                },
                other => {
                    report(ProblemKind::NotAString {
                        key: key_text.to_owned(),
                        found: other.type_str().to_owned(),
                    });
                    None
                }
            };
            let (Some(key), Some(binding)) = (key, binding) else {
                continue;
            };

            if mode.has_text_field() && key.is_printable() && binding != Binding::Noop {
                report(ProblemKind::PrintableInTextField {
                    key: key_text.to_owned(),
                });
                continue;
            }
            match seen.get(&key) {
                Some((other_key, other_line, other)) if *other != binding => {
                    report(ProblemKind::Conflict {
                        key: key_text.to_owned(),
                        other_key: other_key.clone(),
                        other_line: *other_line,
                        first: other.name(),
                        second: binding.name(),
                    });
                }
                // Two spellings of one key with the same action: redundant, not wrong.
                Some(_) => {}
                None => {
                    seen.insert(key, (key_text.to_owned(), line, binding));
                    bindings.push((key, binding));
                }
            }
        }
        layer.tables.push((mode, bindings));
    }
    problems.sort_by_key(|p| p.line);
    (layer, problems)
}

/// 1-based line number of a byte offset.
pub(crate) fn line_at(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    bytes[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// The known name nearest to a misspelt one, if it is close enough to be a likely typo.
fn closest(wrong: &str, known: impl Iterator<Item = impl AsRef<str>>) -> Option<String> {
    let wrong = wrong.to_lowercase();
    let limit = (wrong.chars().count() / 3).clamp(1, 3);
    known
        .map(|name| {
            (
                edit_distance(&wrong, name.as_ref()),
                name.as_ref().to_owned(),
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            let insert = current[j] + 1;
            let delete = previous[j + 1] + 1;
            current.push(substitute.min(insert).min(delete));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<KeymapProblem> {
        parse_layer(text, Path::new("t.toml")).1
    }

    fn only(text: &str) -> KeymapProblem {
        let mut found = problems(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        found.remove(0)
    }

    #[test]
    fn conflict_after_normalising_names_both_lines() {
        let p = only("[queue]\n\"ctrl-n\" = \"intake_new\"\n\"<C-n>\" = \"call_next\"\n");
        assert_eq!(p.line, Some(3));
        assert_eq!(p.mode.as_deref(), Some("queue"));
        assert_eq!(
            p.kind,
            ProblemKind::Conflict {
                key: "<C-n>".into(),
                other_key: "ctrl-n".into(),
                other_line: 2,
                first: "intake_new".into(),
                second: "call_next".into(),
            }
        );
    }

    #[test]
    fn same_key_same_action_twice_is_fine() {
        assert!(problems("[queue]\n\"F3\" = \"call_next\"\n\"f3\" = \"call_next\"\n").is_empty());
    }

    #[test]
    fn noop_against_an_action_is_a_conflict() {
        let p = only("[tally]\n\"esc\" = \"noop\"\n\"Esc\" = \"back\"\n");
        assert_eq!(p.kind.code(), "conflict");
    }

    #[test]
    fn each_kind_has_its_line() {
        let cases = [
            ("[queue]\n\n\"F3\" = \"call_nxt\"\n", 3, "unknown_action"),
            ("\n[queu]\n\"F3\" = \"call_next\"\n", 2, "unknown_mode"),
            ("[desk]\n\"F13\" = \"pick_up\"\n", 2, "bad_key"),
            ("[desk]\n\"F3\" = 3\n", 2, "not_a_string"),
            ("[desk]\n\"F3\" = [\"pick_up\"]\n", 2, "not_a_string"),
            ("queue = \"F3\"\n", 1, "not_a_table"),
            (
                "[form]\n\"F2\" = \"submit\"\n\"s\" = \"submit\"\n",
                3,
                "printable_in_text_field",
            ),
            ("[queue]\n\"F3\" = \"call_next\n", 2, "syntax"),
            (
                "[queue]\n\"F3\" = \"call_next\"\n\"F3\" = \"refer\"\n",
                3,
                "syntax",
            ),
        ];
        for (text, line, code) in cases {
            let found = problems(text);
            assert!(
                found
                    .iter()
                    .any(|p| p.line == Some(line) && p.kind.code() == code),
                "{text:?}: {found:#?}"
            );
        }
    }

    #[test]
    fn suggestions_for_typos() {
        let p = only("[queue]\n\"F3\" = \"call-next\"\n");
        assert!(matches!(
            p.kind,
            ProblemKind::UnknownAction { suggestion: Some(ref s), .. } if s == "call_next"
        ));
        let p = only("[Queue]\n");
        assert!(matches!(
            p.kind,
            ProblemKind::UnknownMode { suggestion: Some(ref s) } if s == "queue"
        ));
        let p = only("[queue]\n\"F3\" = \"xyzzy\"\n");
        assert!(matches!(
            p.kind,
            ProblemKind::UnknownAction {
                suggestion: None,
                ..
            }
        ));
    }

    #[test]
    fn every_problem_of_a_file_is_reported() {
        let found = problems("[queue]\n\"F13\" = \"call_next\"\n\"F4\" = \"recal\"\n[nope]\n");
        let lines: Vec<_> = found.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![Some(2), Some(3), Some(4)]);
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        assert!(problems("\u{feff}[queue]\n\"F3\" = \"call_next\"\n").is_empty());
    }

    #[test]
    fn line_numbers() {
        assert_eq!(line_at(b"a\nb\nc", 0), 1);
        assert_eq!(line_at(b"a\nb\nc", 2), 2);
        assert_eq!(line_at(b"a\nb\nc", 99), 3);
    }
}
