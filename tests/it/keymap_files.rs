//! Keymap files as users write them: every shipped layout loads cleanly, every file in
//! tests/keymaps/good is accepted, and every file in tests/keymaps/bad is rejected with a
//! message that names the file and the line given in its header:
//!
//!     # expect-line: 5
//!     # expect-kind: conflict

use std::path::{Path, PathBuf};

use legaldesk::i18n::Lang;
use legaldesk::keymap::{check_file, Keymap, KeymapProblem, Mode};

fn toml_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .toml files in {}", dir.display());
    files
}

/// The value of a `# name: value` header line. Read as bytes: one bad file is not UTF-8.
fn header(path: &Path, name: &str) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = String::from_utf8_lossy(&bytes);
    let prefix = format!("# {name}:");
    text.lines()
        .take_while(|line| line.starts_with('#'))
        .find_map(|line| line.strip_prefix(&prefix).map(|v| v.trim().to_owned()))
        .unwrap_or_else(|| panic!("{} has no '{prefix}' header", path.display()))
}

fn describe(problems: &[KeymapProblem]) -> String {
    problems
        .iter()
        .map(|p| p.message(Lang::En))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn shipped_layouts_load_without_problems() {
    for path in toml_files("keymaps") {
        let (keymap, problems) = Keymap::load(Some(&path));
        assert!(problems.is_empty(), "{}", describe(&problems));
        assert_eq!(check_file(&path), Ok(()));
        // Every layout still has a way to get help and to quit, everywhere.
        for mode in Mode::ALL {
            assert!(
                !keymap
                    .keys_for(*mode, legaldesk::action::Action::Quit)
                    .is_empty(),
                "{}: no quit key in [{}]",
                path.display(),
                mode.name()
            );
        }
    }
}

#[test]
fn default_file_is_the_embedded_defaults() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/default.toml");
    let (keymap, problems) = Keymap::load(Some(&path));
    assert!(problems.is_empty());
    assert_eq!(keymap.describe(), Keymap::defaults().describe());
}

#[test]
fn good_files_have_no_problems() {
    for path in toml_files("tests/keymaps/good") {
        if let Err(problems) = check_file(&path) {
            panic!("{}:\n{}", path.display(), describe(&problems));
        }
        let (_, problems) = Keymap::load(Some(&path));
        assert!(problems.is_empty(), "{}", describe(&problems));
    }
}

#[test]
fn bad_files_name_the_file_and_the_line() {
    for path in toml_files("tests/keymaps/bad") {
        let line: usize = header(&path, "expect-line")
            .parse()
            .unwrap_or_else(|e| panic!("{}: bad expect-line: {e}", path.display()));
        let kind = header(&path, "expect-kind");
        let problems = match check_file(&path) {
            Ok(()) => panic!("{} was accepted", path.display()),
            Err(problems) => problems,
        };
        let hit = problems
            .iter()
            .find(|p| p.line == Some(line) && p.kind.code() == kind)
            .unwrap_or_else(|| {
                panic!(
                    "{}: no {kind} problem on line {line}; got:\n{}",
                    path.display(),
                    describe(&problems)
                )
            });
        assert_eq!(hit.file, path);
        let file = path.display().to_string();
        let en = hit.message(Lang::En);
        let zh = hit.message(Lang::Zh);
        assert!(en.starts_with(&format!("{file}:{line}")), "{en}");
        assert!(zh.starts_with(&format!("{file} 第{line}行")), "{zh}");
        for message in [&en, &zh] {
            assert!(!message.contains('\n'), "{message}");
        }
        // The file as a whole is ignored: the program runs on the defaults.
        let (keymap, loaded_problems) = Keymap::load(Some(&path));
        assert_eq!(loaded_problems, problems);
        assert_eq!(keymap, Keymap::defaults());
    }
}

#[test]
fn mode_tables_are_reported_by_name() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/keymaps/bad/conflict_ctrl_vim.toml");
    let problems = check_file(&path).expect_err("conflict");
    assert_eq!(problems[0].mode.as_deref(), Some("queue"));
    let en = problems[0].message(Lang::En);
    assert!(
        en.contains("[queue]") && en.contains("intake_new") && en.contains("call_next"),
        "{en}"
    );
}

#[test]
fn a_missing_file_given_explicitly_is_a_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nope.toml");
    let problems = check_file(&path).expect_err("missing");
    assert!(problems[0].message(Lang::En).contains("nope.toml"));
    let (keymap, problems) = Keymap::load(Some(&path));
    assert_eq!(problems.len(), 1);
    assert_eq!(keymap, Keymap::defaults());
}
