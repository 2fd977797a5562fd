//! The file legaldesk is given, as a new hall meets it (issue 8, item 1).
//!
//! - A database is shared from its first start: the first terminal (the real binary in tmux)
//!   creates it on a data directory that did not exist, finishes the setup and stays open,
//!   so the schema is still only in the `-wal`; meanwhile other processes (`staff add`,
//!   `window list`, `check`, `backup`) and a second terminal sign in and work on it.
//! - Everything that is not ours — another program's SQLite file in rollback-journal or WAL
//!   mode (closed, or held open by that program), one marked by another application, a file
//!   that is not a database, a truncated copy, a newer schema — is refused by every command
//!   with one clear line in both languages, and its files keep their SHA-256 checksums with
//!   nothing left beside them.
//!
//! The terminal test needs `tmux`: without it the test fails when `CI` is set, and is skipped
//! with a notice otherwise.

use crate::common;
use crate::e2e_tmux::Tmux;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use legaldesk::db::{self, OpenError};
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};

// ---- files and their checksums ---------------------------------------------------------

/// Every file of a directory: name → SHA-256 of its bytes.
fn checksums(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("read file");
            (
                path.file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned(),
                format!("{:x}", Sha256::digest(&bytes)),
            )
        })
        .collect()
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// What the main file alone says, read as SQLite reads a file nobody writes (`immutable`:
/// no locks, no log, nothing created): its version and how many schema objects it holds.
fn main_file_alone(path: &Path) -> (i64, i64) {
    let uri = format!("file:{}?immutable=1", path.display());
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
    .expect("open the main file alone");
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version");
    let objects = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .expect("schema");
    (version, objects)
}

// ---- the binary --------------------------------------------------------------------------

/// The environment of a user whose data directory is `home/data` (`legaldesk` with no
/// `--db` puts its database there).
fn user_env(command: &mut Command, home: &Path) {
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("LEGALDESK_DB")
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8");
}

/// Runs the binary with `args`, `stdin` piped in.
fn run(command: &mut Command, args: &[&str], stdin: &str) -> Output {
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn legaldesk");
    // A refused command may exit before reading its input.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    child.wait_with_output().expect("wait for legaldesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ---- tmux --------------------------------------------------------------------------------

/// Named keys (`Enter`, `F2`, `BSpace`) or, in `{…}`, literal text, in order.
#[track_caller]
fn send(tmux: &Tmux, target: &str, keys: &[&str]) {
    for key in keys {
        match key.strip_prefix('{').and_then(|k| k.strip_suffix('}')) {
            Some(literal) => tmux.text(target, literal),
            None => tmux.keys(target, &[key]),
        }
    }
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// The shell line of a terminal: `legaldesk` as a user starts it (no `--db`: the platform
/// data directory), then its exit status, then a sleep so the pane stays to be read.
fn terminal(home: &Path) -> String {
    format!(
        "export HOME={home} XDG_DATA_HOME={home}/data XDG_CONFIG_HOME={home}/config \
         LANG=C.UTF-8 LC_ALL=C.UTF-8; unset LEGALDESK_DB; {bin}; \
         echo \"LEGALDESK_EXIT=$?\"; exec sleep 600",
        home = quote(home),
        bin = quote(Path::new(env!("CARGO_BIN_EXE_legaldesk"))),
    )
}

// ---- a new database, shared from its first start ----------------------------------------

#[test]
fn a_new_database_is_shared_from_the_first_terminals_start() {
    if !common::require_tool("tmux", "-V", "the first-start terminal test") {
        return;
    }
    let home = tempfile::Builder::new()
        .prefix("legaldesk-first-")
        .tempdir()
        .expect("tempdir");
    let home = home.path();
    let data = home.join("data").join("legaldesk");
    let path = data.join("legaldesk.sqlite3");
    assert!(!home.join("data").exists(), "a new data directory");
    let tmux = Tmux::new(home);
    let cli = |args: &[&str], stdin: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_legaldesk"));
        user_env(&mut command, home);
        let output = run(command.args(["--lang", "en"]), args, stdin);
        assert!(
            output.status.success(),
            "legaldesk {args:?} while the first terminal is open: {}{}",
            text(&output.stderr),
            text(&output.stdout)
        );
        text(&output.stdout)
    };

    // Terminal A, the very first start: the database is created, the setup is finished.
    tmux.start("A", 80, 24, &terminal(home));
    tmux.wait_all("A", &["首次使用", "工号"]);
    // The code field starts empty (day-one issue): typed as is, S01 must sign in below.
    send(
        &tmux,
        "A",
        &[
            "{S01}",
            "Enter",
            "{陈主任}",
            "Enter",
            "{2468}",
            "Enter",
            "{2468}",
            "F2",
        ],
    );
    tmux.wait_all("A", &["已创建值班主任"]);
    // The supervisor signs in without a window (the last option, 5) and stays.
    send(
        &tmux,
        "A",
        &["{S01}", "Enter", "{2468}", "Enter", "{5}", "F2"],
    );
    tmux.wait_all("A", &["陈主任(S01)", "等候队列"]);

    // What broke every other process: the schema and its version are still only in the
    // log, and the main file alone reads as an empty database of version 0.
    assert!(
        std::fs::metadata(companion(&path, "-wal")).is_ok_and(|m| m.len() > 32),
        "the first terminal keeps its log"
    );
    assert_eq!(
        main_file_alone(&path),
        (0, 0),
        "the main file alone must still look empty for this test to mean anything"
    );

    // Other processes, as the README says, while terminal A stays open.
    let added = cli(
        &[
            "staff",
            "add",
            "S02",
            "--name",
            "周敏",
            "--role",
            "front_desk",
        ],
        "1357\n",
    );
    assert!(added.contains("added"), "{added}");
    let windows = cli(&["window", "list"], "");
    assert!(
        windows.contains("W1\tconsult,drafting") && windows.contains("W4\tmediation"),
        "{windows}"
    );
    let checked = cli(&["check"], "");
    assert!(checked.contains("passed"), "{checked}");
    let copy = home.join("backup.sqlite3");
    let backed_up = cli(&["backup", copy.to_str().expect("utf-8 path")], "");
    assert!(backed_up.contains("backup written"), "{backed_up}");
    {
        let copy = Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the backup opens");
        let mark: i32 = copy
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .expect("mark");
        assert_eq!(mark, db::APPLICATION_ID, "the copy is marked as ours");
        let staff: Vec<String> = copy
            .prepare("SELECT code FROM staff ORDER BY code")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("staff");
        assert_eq!(staff, ["S01", "S02"], "the copy holds the staff just added");
    }

    // Terminal B, a second window: the front desk just added signs in and issues a ticket.
    tmux.start("B", 80, 24, &terminal(home));
    tmux.wait_all("B", &["登录", "工号"]);
    send(
        &tmux,
        "B",
        &["{S02}", "Enter", "{1357}", "Enter", "{1}", "F2"],
    );
    tmux.wait_all("B", &["周敏(S02)", "等候队列"]);
    send(&tmux, "B", &["F2"]);
    tmux.wait_all("B", &["登记取号"]);
    send(&tmux, "B", &["Enter", "{张三}", "F2"]);
    tmux.wait_all("B", &["已取号：Z001"]);
    send(&tmux, "B", &["Escape"]);

    // Terminal A, never restarted, sees the ticket in its queue without a key pressed.
    let screen_a = tmux.wait_all("A", &["Z001"]);
    assert!(
        !screen_a.contains("LEGALDESK_EXIT"),
        "terminal A must still be running:\n{screen_a}"
    );

    // Both quit normally; then the file holds the day's work, marked as ours.
    for target in ["A", "B"] {
        send(&tmux, target, &["F10"]);
        let screen = tmux.wait_all(target, &["LEGALDESK_EXIT="]);
        assert!(
            screen.contains("LEGALDESK_EXIT=0"),
            "{target} exit status:\n{screen}"
        );
    }
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the database");
    let (mark, version): (i32, i64) = conn
        .query_row(
            "SELECT application_id, user_version FROM pragma_application_id, pragma_user_version",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("header");
    assert_eq!((mark, version), (db::APPLICATION_ID, db::LATEST_VERSION));
    let tickets: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits WHERE ticket = 'Z001'",
            [],
            |r| r.get(0),
        )
        .expect("visits");
    assert_eq!(tickets, 1, "the ticket issued at terminal B");
    let backups: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'backup'",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(backups, 1, "the backup is in the audit log");
}

#[test]
fn an_empty_file_is_a_new_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("legaldesk.sqlite3");
    std::fs::write(&path, b"").expect("empty file");
    let output = run(
        Command::new(env!("CARGO_BIN_EXE_legaldesk"))
            .args(["--lang", "en", "--db"])
            .arg(&path),
        &["init"],
        "",
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let mark: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .expect("mark");
    assert_eq!(mark, db::APPLICATION_ID);
}

// ---- refused untouched -------------------------------------------------------------------

/// How a file must be refused: the error `open` gives and words of its message.
#[derive(Clone, Copy, Debug)]
enum Refusal {
    NotOurs,
    Corrupt,
    TooNew,
}

impl Refusal {
    fn matches(self, error: &OpenError) -> bool {
        matches!(
            (self, error),
            (Refusal::NotOurs, OpenError::NotLegaldesk)
                | (Refusal::Corrupt, OpenError::Corrupt)
                | (Refusal::TooNew, OpenError::TooNew { .. })
        )
    }

    fn words(self) -> (&'static str, &'static str) {
        match self {
            Refusal::NotOurs => ("not a legaldesk database", "不是 legaldesk 数据库"),
            Refusal::Corrupt => ("corrupt or not a database", "已损坏或不是数据库"),
            Refusal::TooNew => ("newer than this program", "比本程序支持的版本"),
        }
    }
}

/// Every way a user opens the database: the TUI, `init`, a command that writes, commands
/// that only read. `{backup}` is replaced by a path in another directory.
const COMMANDS: [&[&str]; 6] = [
    &[],
    &["init"],
    &[
        "staff",
        "add",
        "S09",
        "--name",
        "周敏",
        "--role",
        "front_desk",
    ],
    &["window", "list"],
    &["check"],
    &["backup", "{backup}"],
];

/// Refuses `path` through every command and the library, then checks that every file in
/// its directory kept its checksum and nothing appeared (except under `live_index`: the
/// `-shm` of a database another program holds open is its lock table, which every reader
/// writes).
#[track_caller]
fn refused_untouched(path: &Path, refusal: Refusal, live_index: bool) {
    let dir = path.parent().expect("directory");
    let skip_index = |mut sums: BTreeMap<String, String>| {
        if live_index {
            for (name, sum) in sums.iter_mut() {
                if name.ends_with("-shm") {
                    sum.clear();
                }
            }
        }
        sums
    };
    let before = skip_index(checksums(dir));
    let out = tempfile::tempdir().expect("tempdir");
    let backup = out.path().join("backup.sqlite3");
    let (en, zh) = refusal.words();
    for args in COMMANDS {
        for (lang, words) in [("en", en), ("zh", zh)] {
            let args: Vec<&str> = args
                .iter()
                .map(|a| {
                    if *a == "{backup}" {
                        backup.to_str().expect("utf-8")
                    } else {
                        a
                    }
                })
                .collect();
            let output = run(
                Command::new(env!("CARGO_BIN_EXE_legaldesk"))
                    .args(["--lang", lang, "--db"])
                    .arg(path),
                &args,
                "1357\n",
            );
            let said = text(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{args:?} on {refusal:?}: {said}"
            );
            assert!(
                said.contains(words) && said.lines().count() == 1 && !said.contains("panicked"),
                "{args:?} --lang {lang} on {refusal:?}: expected one line with {words:?}, got {said:?}"
            );
        }
    }
    for (name, opened) in [
        ("open", db::open(path).map(drop)),
        ("open_existing", db::open_existing(path).map(drop)),
        ("open_for_reading", db::open_for_reading(path).map(drop)),
    ] {
        match opened {
            Err(e) if refusal.matches(&e) => {}
            other => panic!("{name}: expected {refusal:?}, got {other:?}"),
        }
    }
    assert_eq!(
        skip_index(checksums(dir)),
        before,
        "the files beside {} changed (checksums by name)",
        path.display()
    );
    assert!(
        checksums(out.path()).is_empty(),
        "no backup may be written of a refused file"
    );
}

/// Another program's database in SQLite's default rollback-journal mode.
#[test]
fn another_programs_database_in_rollback_mode_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("contacts.sqlite3");
    {
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch(
            "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO contacts (name) VALUES ('王五');",
        )
        .expect("schema");
    }
    refused_untouched(&path, Refusal::NotOurs, false);
}

/// Another program's WAL database, closed: a plain read-only connection would leave `-wal`
/// and `-shm` beside it.
#[test]
fn another_programs_database_in_wal_mode_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.sqlite3");
    {
        let conn = Connection::open(&path).expect("open");
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .expect("wal");
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
            .expect("schema");
    }
    assert!(!companion(&path, "-wal").exists(), "closed cleanly");
    refused_untouched(&path, Refusal::NotOurs, false);
}

/// Another program's WAL database it has just created and still holds open: its main file
/// alone looks like an empty database (the schema is only in the log), exactly like a new
/// legaldesk database, so only reading through the log tells them apart.
#[test]
fn another_programs_new_database_held_open_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fresh-other.sqlite3");
    let holder = Connection::open(&path).expect("open");
    holder
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .expect("wal");
    holder
        .execute_batch(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
             INSERT INTO notes (body) VALUES ('x');",
        )
        .expect("schema");
    assert_eq!(
        main_file_alone(&path),
        (0, 0),
        "the schema is only in the log"
    );
    refused_untouched(&path, Refusal::NotOurs, true);
    // The other program's data is as it left it.
    let body: String = holder
        .query_row("SELECT body FROM notes", [], |r| r.get(0))
        .expect("read back");
    assert_eq!(body, "x");
}

/// A file with our very tables and version but another application's mark, and one with a
/// version of its own but not our tables.
#[test]
fn files_that_are_not_ours_by_mark_or_by_tables_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let marked = dir.path().join("marked.sqlite3");
    {
        let conn = Connection::open(&marked).expect("open");
        db::create_unmarked(&conn, 3).expect("schema");
        conn.pragma_update(None, "application_id", 0x0F05_5112)
            .expect("mark");
    }
    refused_untouched(&marked, Refusal::NotOurs, false);
    let dir = tempfile::tempdir().expect("tempdir");
    let versioned = dir.path().join("versioned.sqlite3");
    {
        let conn = Connection::open(&versioned).expect("open");
        conn.execute_batch(
            "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT); PRAGMA user_version = 2;",
        )
        .expect("schema");
    }
    refused_untouched(&versioned, Refusal::NotOurs, false);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    for (name, bytes) in [
        (
            "notes.txt",
            "这不是数据库，是一份笔记。\n".repeat(300).into_bytes(),
        ),
        (
            "noise.bin",
            (0..20_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ),
        ("one-byte", vec![b'S']),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        refused_untouched(&path, Refusal::Corrupt, false);
    }
}

/// A legaldesk database with a morning's tickets in it, every connection closed.
fn our_database() -> common::TestDb {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let desk = common::front_desk(&mut conn);
    for i in 0..40 {
        common::issue(
            &mut conn,
            &desk,
            legaldesk::domain::codes::Service::Consult,
            &format!("来访人{i}"),
            common::opening() + i * 30,
        );
    }
    drop(conn);
    assert!(!companion(&test.path, "-wal").exists(), "closed cleanly");
    test
}

#[test]
fn a_truncated_copy_is_refused_untouched() {
    for cut in ["mid-page", "page boundary", "header only"] {
        let test = our_database();
        let path = test.path.clone();
        let len = std::fs::metadata(&path).expect("len").len();
        let keep = match cut {
            "mid-page" => len / 2 + 100,
            "page boundary" => len / 2 / 4096 * 4096,
            _ => 100,
        };
        assert!(keep < len && keep > 0, "{cut}: {keep} of {len}");
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_len(keep))
            .expect("truncate");
        refused_untouched(&path, Refusal::Corrupt, false);
    }
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let test = our_database();
    let path = test.path.clone();
    {
        let conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", db::LATEST_VERSION + 1)
            .expect("newer");
    }
    refused_untouched(&path, Refusal::TooNew, false);
}
