//! `legaldesk keys` and `legaldesk keys --check FILE` as a user runs them (SPEC §6, §7):
//! exit 0 for a good file, exit 1 with every problem on stderr (file and line) for a bad one.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the binary with its database, config and data directories inside `home`, so the
/// developer's own keymap file or database can never leak into a test.
fn legaldesk(home: &Path, args: &[&str]) -> Output {
    let db = home.join("legaldesk.sqlite3");
    Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .arg("--db")
        .arg(&db)
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("LEGALDESK_DB", &db)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("run legaldesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn toml_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

/// The `# expect-line: N` header of a bad keymap file.
fn expected_line(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text(&bytes)
        .lines()
        .find_map(|line| line.strip_prefix("# expect-line:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{} has no expect-line header", path.display()))
}

#[test]
fn keys_prints_every_mode_table_in_file_format() {
    let home = tempfile::tempdir().expect("tempdir");
    let out = legaldesk(home.path(), &["--lang", "en", "keys"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    for mode in [
        "global", "queue", "desk", "intake", "form", "menu", "help", "tally", "confirm",
    ] {
        assert!(stdout.contains(&format!("[{mode}]")), "{stdout}");
    }
    assert!(stdout.contains("\"F3\" = \"call_next\""), "{stdout}");
    assert!(stdout.contains("\"F1\" = \"help\""), "{stdout}");

    // What `keys` prints is itself a valid keymap file.
    let saved = home.path().join("printed.toml");
    std::fs::write(&saved, &out.stdout).expect("write");
    let check = legaldesk(home.path(), &["keys", "--check", &saved.to_string_lossy()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
}

#[test]
fn keys_shows_the_user_file_merged_in() {
    let home = tempfile::tempdir().expect("tempdir");
    let user =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/keymaps/good/override_and_noop.toml");
    let out = legaldesk(home.path(), &["--keymap", &user.to_string_lossy(), "keys"]);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("\"F5\" = \"call_next\""), "{stdout}");
    assert!(!stdout.contains("\"sign_out\""), "{stdout}");
}

#[test]
fn check_accepts_shipped_layouts_and_good_files() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut files = toml_files("keymaps");
    files.extend(toml_files("tests/keymaps/good"));
    assert!(files.len() >= 3);
    for path in files {
        let out = legaldesk(home.path(), &["keys", "--check", &path.to_string_lossy()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            text(&out.stderr)
        );
    }
}

#[test]
fn check_rejects_bad_files_naming_file_and_line() {
    let home = tempfile::tempdir().expect("tempdir");
    let files = toml_files("tests/keymaps/bad");
    assert!(!files.is_empty());
    for path in files {
        let name = path.to_string_lossy().into_owned();
        let line = expected_line(&path);
        let out = legaldesk(home.path(), &["--lang", "en", "keys", "--check", &name]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("{name}:{line}")),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn check_speaks_chinese_by_default() {
    let home = tempfile::tempdir().expect("tempdir");
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/keymaps/bad/conflict_ctrl_vim.toml");
    let name = path.to_string_lossy().into_owned();
    let out = legaldesk(home.path(), &["keys", "--check", &name]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{name} 第5行 [queue]")),
        "{stderr}"
    );
}

#[test]
fn check_of_a_missing_file_fails() {
    let home = tempfile::tempdir().expect("tempdir");
    let missing = home.path().join("no-such-keymap.toml");
    let out = legaldesk(
        home.path(),
        &[
            "--lang",
            "en",
            "keys",
            "--check",
            &missing.to_string_lossy(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no-such-keymap.toml"));
}

/// Without --keymap, `keys` shows the user file from the config directory, as the TUI uses it.
#[test]
fn keys_reads_the_config_directory_file_like_the_tui() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config").join("legaldesk");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keymap.toml"), "[queue]\n\"F3\" = \"refer\"\n").unwrap();
    let out = legaldesk(home.path(), &["keys"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("\"F3\" = \"refer\""),
        "{}",
        text(&out.stdout)
    );
    // And no file there is simply the defaults, with no complaint.
    let empty = tempfile::tempdir().unwrap();
    let out = legaldesk(empty.path(), &["keys"]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("\"F3\" = \"call_next\""));
}
