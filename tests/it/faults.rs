//! Bad files and bad disks: a full disk, a read-only file, a corrupt or truncated file, a
//! database newer than the program, a missing directory. Each gives one clear message in
//! both languages, no panic, exit status 1 — and the file is left byte for byte as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::*;
use legaldesk::db::{self, OpenError};
use legaldesk::domain::codes::Service;
use legaldesk::i18n::Lang;
use legaldesk::service::{intake, steps, ServiceError};
use rusqlite::Connection;

fn legaldesk(db: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .args(["--lang", lang, "--db"])
        .arg(db)
        .args(args)
        .output()
        .expect("run legaldesk")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn companions(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| {
            let mut name = path.as_os_str().to_owned();
            name.push(s);
            PathBuf::from(name)
        })
        .filter(|p| p.exists())
        .collect()
}

/// Runs every way of opening the database a user has — the TUI (no command), `init`, a
/// command that writes — and expects exit 1 with `en`/`zh` in the message and the file's
/// bytes unchanged.
fn refused_everywhere(path: &Path, en: &str, zh: &str) {
    let bytes = std::fs::read(path).expect("read before");
    for args in [
        &[][..],
        &["init"][..],
        &["staff", "unlock", "S01"][..],
        &["purge", "--before", "2020-01-01"][..],
    ] {
        let out = legaldesk(path, "en", args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(en),
            "{args:?}: expected {en:?} in {}",
            stderr(&out)
        );
        assert_eq!(
            stderr(&out).lines().count(),
            1,
            "one clear line: {}",
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"));
        let out = legaldesk(path, "zh", args);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains(zh),
            "{args:?}: expected {zh:?} in {}",
            stderr(&out)
        );
    }
    assert!(
        std::fs::read(path).expect("read after") == bytes,
        "the file was changed"
    );
}

/// A database with a day of real work, every connection closed (so the WAL is folded in).
fn busy_db() -> TestDb {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    for i in 0..60 {
        let issued = issue(
            &mut conn,
            &desk,
            Service::Consult,
            &format!("来访人{i}"),
            opening() + i * 30,
        );
        if i % 2 == 0 {
            steps::call_step(&mut conn, &desk, issued.step_id, opening() + i * 30 + 5)
                .expect("call");
        }
    }
    db
}

#[test]
fn disk_full_says_so_and_saves_nothing_half() {
    let db = busy_db();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("page count");
    // The file may not grow: the next write that needs a new page meets a "full disk".
    let max: i64 = conn
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
            r.get(0)
        })
        .expect("max_page_count");
    assert_eq!(max, pages);
    let mut failed = None;
    for i in 0..5_000 {
        let before = dump(&conn);
        let input = intake::IntakeInput {
            summary: "长".repeat(150),
            ..visitor(Service::Consult, &format!("满盘{i}"))
        };
        match intake::issue_ticket(
            &mut conn,
            &desk,
            &input,
            &settings(),
            opening() + 10_000 + i,
        ) {
            Ok(_) => continue,
            Err(e) => {
                assert!(
                    dump(&conn) == before,
                    "the refused ticket left something behind"
                );
                failed = Some(e);
                break;
            }
        }
    }
    let err = failed.expect("the disk filled up");
    let ServiceError::Db(rusqlite::Error::SqliteFailure(failure, _)) = &err else {
        panic!("not a database error: {err:?}")
    };
    assert_eq!(failure.code, rusqlite::ErrorCode::DiskFull);
    assert!(
        err.message(Lang::En).contains("disk is full"),
        "{}",
        err.message(Lang::En)
    );
    assert!(
        err.message(Lang::Zh).contains("磁盘已满"),
        "{}",
        err.message(Lang::Zh)
    );
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(integrity, "ok");
}

#[test]
fn disk_full_during_an_upgrade_leaves_the_old_version_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite3");
    let mut conn = Connection::open(&path).expect("open");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    db::create_v1(&conn).expect("v1");
    let before = dump(&conn);
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("pages");
    conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .expect("cap");
    let err = db::migrate(&mut conn).expect_err("no room for the upgrade");
    assert!(
        err.message(Lang::En).contains("disk is full"),
        "{}",
        err.message(Lang::En)
    );
    assert!(
        err.message(Lang::Zh).contains("磁盘已满"),
        "{}",
        err.message(Lang::Zh)
    );
    assert!(
        dump(&conn) == before,
        "a failed upgrade changed the database"
    );
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 1);
}

/// The uid the tests run as (`/proc/self` belongs to the process's effective uid).
fn euid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self")
        .map(|m| m.uid())
        .unwrap_or(u32::MAX)
}

/// A read-only database file. Permission bits do not stop root (CI and this machine run the
/// tests as root), so as root the program is run as the unprivileged `nobody` (uid 65534)
/// on a file that user owns with mode 0444 — the same kernel check an ordinary operator's
/// account meets. As any other user, chmod 0444 is enough.
#[test]
fn a_read_only_file_is_refused_plainly_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let db = busy_db();
    let as_root = euid() == 0;
    const NOBODY: u32 = 65534;
    if as_root {
        std::os::unix::fs::chown(db.dir.path(), Some(NOBODY), Some(NOBODY)).expect("chown dir");
        std::os::unix::fs::chown(&db.path, Some(NOBODY), Some(NOBODY)).expect("chown file");
    }
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o444)).expect("chmod 0444");
    let bytes = std::fs::read(&db.path).expect("bytes");
    let run = |lang: &str, args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_legaldesk"));
        command
            .args(["--lang", lang, "--db"])
            .arg(&db.path)
            .args(args);
        if as_root {
            command.uid(NOBODY).gid(NOBODY);
        }
        command.output()
    };
    let probe = match run("en", &["check"]) {
        Ok(out) => out,
        Err(e) => {
            eprintln!(
                "cannot run the program as an unprivileged user here ({e}); read-only test skipped"
            );
            return;
        }
    };
    // Reading still works: `check` needs no write access.
    assert!(
        probe.status.success(),
        "check on a read-only file: {}",
        stderr(&probe)
    );
    for args in [&[][..], &["init"][..], &["staff", "unlock", "S01"][..]] {
        let out = run("en", args).expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("read-only"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        let out = run("zh", args).expect("run");
        assert!(stderr(&out).contains("只读"), "{args:?}: {}", stderr(&out));
    }
    assert!(std::fs::read(&db.path).expect("bytes") == bytes);
}

#[test]
fn garbage_is_called_corrupt_and_not_touched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("garbage.sqlite3");
    // Text that happens to sit where the database should be, with escapes and NULs.
    let mut garbage: Vec<u8> = b"\x1b[2J\x1b]0;pwned\x07 not a database \0\0".to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(&path, &garbage).expect("write garbage");
    refused_everywhere(&path, "corrupt", "损坏");
    let out = legaldesk(&path, "en", &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("corrupt") && stderr(&out).contains("backup"),
        "{}",
        stderr(&out)
    );
    assert!(
        companions(&path).is_empty(),
        "files created beside a corrupt database: {:?}",
        companions(&path)
    );
}

#[test]
fn a_real_header_over_garbage_is_corrupt_too() {
    let db = busy_db();
    let mut bytes = std::fs::read(&db.path).expect("bytes");
    // Keep the 100-byte header, destroy the schema on page 1 and everything after.
    for (i, b) in bytes.iter_mut().enumerate().skip(100) {
        *b = (i as u8).wrapping_mul(31) ^ 0x5a;
    }
    std::fs::write(&db.path, &bytes).expect("write");
    refused_everywhere(&db.path, "corrupt", "损坏");
}

#[test]
fn a_truncated_copy_is_corrupt_and_not_touched() {
    let db = busy_db();
    let len = std::fs::metadata(&db.path).expect("meta").len();
    let page = 4096;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&db.path)
        .expect("open");
    // Cut in the middle of a page and, separately below, on a page boundary.
    file.set_len(len / 2 + 100).expect("truncate");
    drop(file);
    refused_everywhere(&db.path, "corrupt", "损坏");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&db.path)
        .expect("open");
    file.set_len((len / 2 / page) * page)
        .expect("truncate to a page boundary");
    drop(file);
    refused_everywhere(&db.path, "corrupt", "损坏");
    assert!(companions(&db.path).is_empty());
}

#[test]
fn a_damaged_page_inside_is_found_by_check() {
    let db = busy_db();
    let mut bytes = std::fs::read(&db.path).expect("bytes");
    let pages = bytes.len() / 4096;
    assert!(pages > 6, "a database of several pages");
    // Scribble over the middle of a page that is not the first (the schema still reads).
    let at = (pages - 2) * 4096 + 8;
    for b in &mut bytes[at..at + 2000] {
        *b = 0xA5;
    }
    std::fs::write(&db.path, &bytes).expect("write");
    for args in [&["check"][..], &["check", "--full"][..]] {
        let out = legaldesk(&db.path, "en", args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            stderr(&out).contains("damaged") || stderr(&out).contains("could not finish"),
            "{}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("restore"),
            "says what to do: {}",
            stderr(&out)
        );
    }
    assert!(
        std::fs::read(&db.path).expect("bytes") == bytes,
        "check wrote to a damaged file"
    );
}

#[test]
fn a_newer_database_is_refused_and_not_touched() {
    let db = busy_db();
    {
        let conn = Connection::open(&db.path).expect("raw");
        conn.pragma_update(None, "user_version", db::LATEST_VERSION + 3)
            .expect("bump");
    }
    assert!(companions(&db.path).is_empty());
    refused_everywhere(&db.path, "newer than this program", "比本程序支持的版本");
    assert!(
        companions(&db.path).is_empty(),
        "not even opened: {:?}",
        companions(&db.path)
    );
    let out = legaldesk(&db.path, "en", &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(matches!(db::open(&db.path), Err(OpenError::TooNew { .. })));
}

#[test]
fn another_programs_database_is_not_converted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.sqlite3");
    {
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT); INSERT INTO accounts VALUES (1, 'x');")
            .expect("other schema");
    }
    // Switching it to WAL mode would already rewrite its header.
    refused_everywhere(&path, "not a legaldesk database", "不是 legaldesk 数据库");
}

#[test]
fn a_missing_directory_is_named_and_not_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no").join("such");
    let path = missing.join("legaldesk.sqlite3");
    for args in [
        &[][..],
        &["init"][..],
        &["check"][..],
        &["backup", "/tmp/x.sqlite3"][..],
    ] {
        let out = legaldesk(&path, "en", args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty() && !stderr(&out).contains("panicked"));
        let out = legaldesk(&path, "zh", args);
        assert_eq!(out.status.code(), Some(1));
    }
    let out = legaldesk(&path, "en", &["init"]);
    assert!(
        stderr(&out).contains("does not exist")
            && stderr(&out).contains(&missing.display().to_string()),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("no").exists(), "the directory was created");
}
