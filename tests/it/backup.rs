//! `legaldesk backup FILE` while several terminal processes keep writing: each copy passes
//! `integrity_check`, opens as a legaldesk database, holds one consistent moment (audit chain
//! intact, every visit with its first step), and is readable by its owner only. The database
//! and its `-wal`/`-shm` are owner-only from the moment they are created.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use legaldesk::db;
use legaldesk::domain::codes::{Outcome, Service};
use legaldesk::service::{audit, steps};
use rusqlite::{Connection, OpenFlags};

const WORKER_DB: &str = "LEGALDESK_BACKUP_WORKER_DB";
const WORKER_STOP: &str = "LEGALDESK_BACKUP_WORKER_STOP";
const WORKER_SEQ: &str = "LEGALDESK_BACKUP_WORKER_SEQ";

/// A terminal at the front desk: tickets issued, called and finished until told to stop
/// (or 30 s at most, so a lost parent never leaves it running).
#[test]
#[ignore = "child process: its parent test launches it with --ignored --exact"]
fn backup_writer() {
    let Ok(path) = std::env::var(WORKER_DB) else {
        return;
    };
    let stop = PathBuf::from(std::env::var(WORKER_STOP).expect("stop file"));
    let seq: i64 = std::env::var(WORKER_SEQ)
        .expect("seq")
        .parse()
        .expect("number");
    let mut conn = db::open(Path::new(&path)).expect("worker opens");
    let desk = sign_in(&mut conn, FRONT_DESK, Some("W1"));
    let give_up = Instant::now() + Duration::from_secs(30);
    let mut now = opening() + seq * 100_000;
    let mut done = 0;
    while !stop.exists() && Instant::now() < give_up {
        now += 3;
        let issued = issue(&mut conn, &desk, Service::Consult, "备份测试", now);
        steps::call_step(&mut conn, &desk, issued.step_id, now + 1).expect("call");
        steps::finish(
            &mut conn,
            &desk,
            issued.step_id,
            &steps::Finish::with_outcome(Outcome::Answered),
            &settings(),
            now + 2,
        )
        .expect("finish");
        done += 1;
    }
    println!("RESULT {done}");
}

fn spawn_writer(db: &TestDb, stop: &Path, seq: i64) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--ignored",
            "--exact",
            "backup::backup_writer",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WORKER_DB, &db.path)
        .env(WORKER_STOP, stop)
        .env(WORKER_SEQ, seq.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn writer")
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// Everything a sound legaldesk copy must be.
fn assert_sound_copy(copy: &Path) -> i64 {
    assert_eq!(mode(copy), 0o600, "the backup is owner-only");
    {
        let conn =
            Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open copy");
        let verdict: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity");
        assert_eq!(verdict, "ok");
        assert_eq!(
            audit::first_broken_link(&conn).expect("chain"),
            None,
            "audit chain intact in the copy"
        );
        assert_eq!(
            count(&conn, "SELECT count(*) FROM pragma_foreign_key_check"),
            0
        );
        // One moment: no visit without its first step, no step without its audit row.
        assert_eq!(
            count(&conn, "SELECT count(*) FROM visits v WHERE NOT EXISTS (SELECT 1 FROM steps s WHERE s.visit_id = v.id AND s.seq = 1)"),
            0
        );
        assert_eq!(
            count(
                &conn,
                "SELECT count(*) FROM steps s WHERE s.status = 'done' AND NOT EXISTS
                   (SELECT 1 FROM audit a WHERE a.action = 'finish' AND a.entity = 'step' AND a.entity_id = s.id)"
            ),
            0
        );
    }
    // It is a legaldesk database this program opens for work (a restore is a file copy).
    let restored = copy.with_extension("restored");
    std::fs::copy(copy, &restored).expect("copy");
    let conn = db::open(&restored).expect("the copy opens as a legaldesk database");
    let visits = count(&conn, "SELECT count(*) FROM visits");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, db::LATEST_VERSION);
    visits
}

#[test]
fn backups_taken_while_three_terminals_write_are_sound() {
    let db = TestDb::seeded();
    let stop = db.dir.path().join("stop");
    let mut writers: Vec<Child> = (0..3).map(|i| spawn_writer(&db, &stop, i)).collect();
    let watch = db.conn();
    let deadline = Instant::now() + Duration::from_secs(20);
    // Wait until the writers are really writing.
    while count(&watch, "SELECT count(*) FROM visits") < 30 {
        assert!(Instant::now() < deadline, "writers made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut sizes = Vec::new();
    for n in 0..3 {
        let copy = db.dir.path().join(format!("backup-{n}.sqlite3"));
        let at_start = count(&watch, "SELECT count(*) FROM visits");
        let out = Command::new(env!("CARGO_BIN_EXE_legaldesk"))
            .args(["--lang", "en", "--db"])
            .arg(&db.path)
            .arg("backup")
            .arg(&copy)
            .output()
            .expect("run backup");
        assert!(
            out.status.success(),
            "backup {n}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("integrity check"));
        for writer in &mut writers {
            assert!(
                writer.try_wait().expect("try_wait").is_none(),
                "every writer was still writing during backup {n}"
            );
        }
        let visits = assert_sound_copy(&copy);
        assert!(
            visits >= at_start,
            "the copy is at least as new as the moment the backup started"
        );
        sizes.push(visits);
        // Nothing half-written is left beside it.
        let leftovers: Vec<_> = std::fs::read_dir(db.dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains(".partial-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    assert!(
        sizes.windows(2).all(|w| w[0] <= w[1]),
        "later copies are newer: {sizes:?}"
    );
    std::fs::write(&stop, b"").expect("stop");
    for writer in writers {
        let out = writer.wait_with_output().expect("writer");
        assert!(
            out.status.success(),
            "writer failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The audit log records each backup.
    assert_eq!(
        count(&watch, "SELECT count(*) FROM audit WHERE action = 'backup'"),
        3
    );
}

#[test]
fn an_existing_backup_is_replaced_only_by_a_verified_copy() {
    let db = TestDb::seeded();
    let copy = db.dir.path().join("nightly.sqlite3");
    std::fs::write(&copy, b"last night's backup").expect("old backup");
    let out = Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .arg("--db")
        .arg(&db.path)
        .arg("backup")
        .arg(&copy)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_sound_copy(&copy);
    // A backup onto the database itself is refused, and the database is untouched.
    let bytes = std::fs::read(&db.path).expect("bytes");
    let out = Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .args(["--lang", "en", "--db"])
        .arg(&db.path)
        .arg("backup")
        .arg(&db.path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be the database itself"));
    assert!(std::fs::read(&db.path).expect("bytes") == bytes);
}

#[test]
fn the_database_and_its_wal_and_shm_are_owner_only_from_creation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.sqlite3");
    let conn = db::open(&path).expect("create");
    // A write, so the -wal and -shm exist while this connection is open.
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('center_name', '测试中心')",
        [],
    )
    .expect("write");
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = PathBuf::from(name);
        assert!(file.exists(), "{} exists while open", file.display());
        assert_eq!(
            mode(&file),
            0o600,
            "{} is {:o}",
            file.display(),
            mode(&file)
        );
    }
}
