//! The command line of SPEC §6 as an administrator runs it: `init`, `staff add|list`,
//! `window add|list`, exit statuses (0 ok, 1 a clear error on one line, 2 bad usage), the
//! database location (`--db`, `$LEGALDESK_DB`) and the language of messages.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

pub(crate) struct Home {
    dir: TempDir,
}

impl Home {
    pub(crate) fn new() -> Home {
        Home {
            dir: tempfile::Builder::new()
                .prefix("legaldesk-cli-")
                .tempdir()
                .expect("tempdir"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn db(&self) -> PathBuf {
        self.path().join("hall.sqlite3")
    }

    /// The binary with its home, config and data directories inside this temporary home, no
    /// locale variables and no `LEGALDESK_DB`, so nothing of the developer's leaks in.
    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_legaldesk"));
        command
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env_remove("LEGALDESK_DB")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "")
            .stdin(Stdio::null());
        command
    }

    /// Runs with `--db` and `args`, feeding `stdin`.
    pub(crate) fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut command = self.command();
        command.arg("--db").arg(self.db()).args(args);
        run_with_stdin(command, stdin)
    }
}

fn run_with_stdin(mut command: Command, stdin: &str) -> Output {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("spawn legaldesk");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        // The program may exit before reading (bad usage): a broken pipe is fine then.
        let _ = pipe.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("wait")
}

pub(crate) fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn err(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
pub(crate) fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "exit status\nstdout: {}\nstderr: {}",
        out(output),
        err(output)
    );
}

/// Exit 1 with exactly one line on stderr; returns that line.
#[track_caller]
pub(crate) fn one_error_line(output: &Output) -> String {
    assert_exit(output, 1);
    let text = err(output);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line on stderr, got: {text:?}");
    lines[0].to_string()
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open read-only");
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

#[test]
fn init_creates_the_database_and_is_idempotent() {
    let home = Home::new();
    assert!(!home.db().exists());
    let first = home.run(&["init"], "");
    assert_exit(&first, 0);
    assert!(home.db().exists(), "init made no file");
    assert!(
        out(&first).contains(&home.db().display().to_string()),
        "names the file: {}",
        out(&first)
    );
    let version = count(&home.db(), "SELECT user_version FROM pragma_user_version");
    assert_eq!(version, legaldesk::db::LATEST_VERSION);
    assert_eq!(
        count(&home.db(), "SELECT count(*) FROM windows"),
        4,
        "the default windows"
    );
    let audit = count(&home.db(), "SELECT count(*) FROM audit");

    let second = home.run(&["init"], "");
    assert_exit(&second, 0);
    assert_eq!(
        count(&home.db(), "SELECT count(*) FROM windows"),
        4,
        "a second init adds nothing"
    );
    assert_eq!(count(&home.db(), "SELECT count(*) FROM audit"), audit);
    assert_ne!(
        out(&first),
        out(&second),
        "the second run says the database existed"
    );
}

#[test]
fn staff_add_reads_the_pin_from_stdin_and_staff_list_shows_it() {
    let home = Home::new();
    assert_exit(&home.run(&["init"], ""), 0);
    let added = home.run(
        &[
            "staff",
            "add",
            "S05",
            "--name",
            "张三",
            "--role",
            "front_desk",
        ],
        "1234\n",
    );
    assert_exit(&added, 0);
    let list = home.run(&["staff", "list"], "");
    assert_exit(&list, 0);
    let line = out(&list)
        .lines()
        .find(|l| l.starts_with("S05"))
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("S05 not listed: {}", out(&list)));
    assert!(
        line.contains("张三") && line.contains("front_desk"),
        "{line}"
    );
    // The PIN works and is stored hashed.
    let hash: String = rusqlite::Connection::open(home.db())
        .unwrap()
        .query_row("SELECT pin_hash FROM staff WHERE code = 'S05'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    let mut conn = legaldesk::db::open(&home.db()).unwrap();
    assert!(legaldesk::service::staff::sign_in(
        &mut conn,
        "S05",
        "1234",
        Some("W1"),
        1_800_000_000
    )
    .is_ok());
    // The same code twice is an error, and the first stays.
    let again = home.run(
        &[
            "staff",
            "add",
            "S05",
            "--name",
            "李四",
            "--role",
            "front_desk",
        ],
        "5678\n",
    );
    let line = one_error_line(&again);
    assert!(line.contains("S05"), "{line}");
    assert_eq!(
        count(
            &home.db(),
            "SELECT count(*) FROM staff WHERE code = 'S05' AND name = '张三'"
        ),
        1
    );
}

#[test]
fn staff_add_refuses_an_unknown_role_or_a_missing_pin() {
    let home = Home::new();
    assert_exit(&home.run(&["init"], ""), 0);
    let unknown = home.run(
        &["staff", "add", "S06", "--name", "王五", "--role", "janitor"],
        "1234\n",
    );
    let line = one_error_line(&unknown);
    assert!(
        line.contains("janitor") && line.contains("front_desk"),
        "names the role and the choices: {line}"
    );
    let no_pin = home.run(
        &["staff", "add", "S07", "--name", "赵六", "--role", "notary"],
        "",
    );
    one_error_line(&no_pin);
    let short_pin = home.run(
        &["staff", "add", "S08", "--name", "钱七", "--role", "notary"],
        "12\n",
    );
    one_error_line(&short_pin);
    assert_eq!(
        count(&home.db(), "SELECT count(*) FROM staff"),
        0,
        "nothing was added"
    );
}

#[test]
fn windows_are_added_and_listed() {
    let home = Home::new();
    assert_exit(&home.run(&["init"], ""), 0);
    assert_exit(
        &home.run(
            &["window", "add", "W9", "--services", "consult,drafting"],
            "",
        ),
        0,
    );
    let list = home.run(&["window", "list"], "");
    assert_exit(&list, 0);
    let text = out(&list);
    let codes: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(codes, ["W1", "W2", "W3", "W4", "W9"], "{text}");
    let w9 = text.lines().find(|l| l.starts_with("W9")).unwrap();
    assert_eq!(
        w9.split_whitespace().nth(1),
        Some("consult,drafting"),
        "{w9}"
    );

    let bad = home.run(&["window", "add", "W9", "--services", "foo"], "");
    one_error_line(&bad);
    let unchanged = home.run(&["window", "list"], "");
    assert_eq!(
        out(&unchanged),
        text,
        "a refused change leaves the windows as they were"
    );
}

#[test]
fn bad_usage_exits_2() {
    let home = Home::new();
    for args in [
        &["--no-such-flag"][..],
        &["staff", "add", "S01"],
        &["window", "frobnicate"],
        &["--lang", "fr", "init"],
    ] {
        let output = home.run(args, "");
        assert_exit(&output, 2);
        assert!(!err(&output).trim().is_empty(), "{args:?}: says why");
    }
    assert!(!home.db().exists(), "bad usage created a database");
}

#[test]
fn a_missing_directory_is_a_clear_error_naming_it() {
    let home = Home::new();
    let mut command = home.command();
    command.args(["--db", "/nonexistent/dir/x.sqlite3", "init"]);
    let output = run_with_stdin(command, "");
    let line = one_error_line(&output);
    assert!(line.contains("/nonexistent/dir"), "{line}");
    assert!(!line.contains("x.sqlite3/"), "{line}");
    assert!(!Path::new("/nonexistent").exists());
}

#[test]
fn legaldesk_db_is_honoured() {
    let home = Home::new();
    let target = home.path().join("from-env.sqlite3");
    let mut command = home.command();
    command.env("LEGALDESK_DB", &target).arg("init");
    assert_exit(&run_with_stdin(command, ""), 0);
    assert!(target.exists(), "LEGALDESK_DB ignored");
    assert!(
        !data_has_db(&home),
        "a database appeared in the platform data directory"
    );
    // --db wins over the variable.
    let flag = home.path().join("from-flag.sqlite3");
    let mut command = home.command();
    command
        .env("LEGALDESK_DB", home.path().join("other.sqlite3"))
        .arg("--db")
        .arg(&flag)
        .arg("init");
    assert_exit(&run_with_stdin(command, ""), 0);
    assert!(flag.exists());
    assert!(!home.path().join("other.sqlite3").exists());
    // And the variable is used by the other commands too.
    let mut command = home.command();
    command
        .env("LEGALDESK_DB", &target)
        .args(["window", "add", "W7", "--services", "notary"]);
    assert_exit(&run_with_stdin(command, ""), 0);
    assert_eq!(
        count(&target, "SELECT count(*) FROM windows WHERE code = 'W7'"),
        1
    );
}

fn data_has_db(home: &Home) -> bool {
    fn walk(dir: &Path) -> bool {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries.filter_map(Result::ok).any(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        walk(&p)
                    } else {
                        p.extension().is_some_and(|x| x == "sqlite3")
                    }
                })
            })
            .unwrap_or(false)
    }
    walk(&home.path().join("data"))
}

#[test]
fn messages_are_chinese_by_default_and_english_on_request() {
    let home = Home::new();
    assert_exit(&home.run(&["init"], ""), 0);
    let args = ["staff", "add", "S06", "--name", "王五", "--role", "janitor"];
    let zh = one_error_line(&home.run(&args, "1234\n"));
    assert!(
        zh.contains("未知岗位"),
        "default (LANG unset) is Chinese: {zh}"
    );
    let mut en_args = vec!["--lang", "en"];
    en_args.extend(args);
    let en = one_error_line(&home.run(&en_args, "1234\n"));
    assert!(en.contains("unknown role"), "{en}");
    assert!(
        !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "no Chinese in English mode: {en}"
    );
    // LANG=en_US.UTF-8 picks English too; --lang zh overrides it.
    let mut command = home.command();
    command
        .env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(home.db())
        .args(args);
    let from_env = one_error_line(&run_with_stdin(command, "1234\n"));
    assert!(from_env.contains("unknown role"), "{from_env}");
    let mut command = home.command();
    command
        .env("LANG", "en_US.UTF-8")
        .args(["--lang", "zh", "--db"])
        .arg(home.db())
        .args(args);
    let forced = one_error_line(&run_with_stdin(command, "1234\n"));
    assert!(forced.contains("未知岗位"), "{forced}");
    // The same for an open error.
    let mut command = home.command();
    command.args(["--lang", "en", "--db", "/nonexistent/dir/x.sqlite3", "init"]);
    let line = one_error_line(&run_with_stdin(command, ""));
    assert!(
        line.contains("directory does not exist") && line.contains("/nonexistent/dir"),
        "{line}"
    );
    let mut command = home.command();
    command.args(["--db", "/nonexistent/dir/x.sqlite3", "init"]);
    let line = one_error_line(&run_with_stdin(command, ""));
    assert!(line.contains("目录不存在"), "{line}");
}

#[test]
fn commands_other_than_init_need_an_existing_database() {
    let home = Home::new();
    let line = one_error_line(&home.run(&["staff", "list"], ""));
    assert!(
        line.contains(&home.db().display().to_string()) && line.contains("init"),
        "{line}"
    );
    assert!(!home.db().exists(), "staff list created a database");
}

#[test]
fn settings_are_checked_stored_and_audited() {
    let home = Home::new();
    assert_exit(&home.run(&["init"], ""), 0);
    let audit_before = count(&home.db(), "SELECT count(*) FROM audit");
    assert_exit(
        &home.run(&["settings", "set", "promote_after_min", "45"], ""),
        0,
    );
    assert_eq!(
        count(
            &home.db(),
            "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'promote_after_min'"
        ),
        45
    );
    assert_eq!(
        count(&home.db(), "SELECT count(*) FROM audit"),
        audit_before + 1
    );
    // A bad value or an unknown key: one clear line, nothing changed.
    let line = one_error_line(&home.run(&["settings", "set", "promote_after_min", "zero"], ""));
    assert!(line.contains("promote_after_min"), "{line}");
    one_error_line(&home.run(&["settings", "set", "no_such_setting", "1"], ""));
    assert_eq!(
        count(
            &home.db(),
            "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'promote_after_min'"
        ),
        45
    );
    assert_eq!(
        count(&home.db(), "SELECT count(*) FROM audit"),
        audit_before + 1
    );
    let listing = out(&home.run(&["--lang", "en", "settings", "list"], ""));
    assert!(listing.contains("promote_after_min\t45\t"), "{listing}");
    assert!(listing.contains("timezone\t(default)\t"), "{listing}");
}
