//! The versioned schema (STYLE.md, "SQLite like taskchampion"): a new database built from
//! `schema.sql` is the same as a version-1 database brought up by the ordered upgrades, and
//! both carry legaldesk's `application_id`; files of versions 1–3, made before that mark,
//! are recognised by their tables and marked when they are upgraded; a database newer than
//! the binary, a foreign SQLite file, a garbage file and a missing directory are each refused
//! with their own error and left untouched; every connection has the pragmas of SPEC §8.
//! (tests/database_files.rs refuses every kind of foreign file through every command.)

use std::path::{Path, PathBuf};

use legaldesk::db::{self, OpenError};
use rusqlite::Connection;
use tempfile::TempDir;

fn temp() -> TempDir {
    tempfile::Builder::new()
        .prefix("legaldesk-mig-")
        .tempdir()
        .expect("tempdir")
}

fn squash(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let columns = stmt.column_count();
    stmt.query_map([], |r| {
        let cells: Vec<String> = (0..columns)
            .map(|i| match r.get::<_, rusqlite::types::Value>(i) {
                Ok(rusqlite::types::Value::Null) => "NULL".into(),
                Ok(rusqlite::types::Value::Integer(n)) => n.to_string(),
                Ok(rusqlite::types::Value::Text(t)) => format!("'{t}'"),
                Ok(other) => format!("{other:?}"),
                Err(e) => format!("ERR {e}"),
            })
            .collect();
        Ok(cells.join("|"))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Everything about a schema that matters to the program, in a comparable form.
fn normalised_schema(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    out.push(format!("user_version {version}"));
    let mark: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    out.push(format!("application_id {mark:#x}"));
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!tables.is_empty(), "no tables");
    for table in &tables {
        out.push(format!("table {table}"));
        // Column order, names, types, NOT NULL, defaults, primary key, hidden; WITHOUT ROWID.
        for row in rows(conn, &format!("PRAGMA table_xinfo(\"{table}\")")) {
            out.push(format!("  column {row}"));
        }
        for row in rows(
            conn,
            &format!("SELECT type, ncol, wr, strict FROM pragma_table_list WHERE name = '{table}'"),
        ) {
            out.push(format!("  kind {row}"));
        }
        for row in rows(conn, &format!("PRAGMA foreign_key_list(\"{table}\")")) {
            out.push(format!("  fk {row}"));
        }
        let mut indexes: Vec<(String, String)> = rows(conn, &format!("SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}') ORDER BY name"))
            .into_iter()
            .map(|row| (row.split('|').next().unwrap_or_default().trim_matches('\'').to_string(), row))
            .collect();
        indexes.sort();
        for (name, row) in indexes {
            out.push(format!("  index {row}"));
            for info in rows(conn, &format!("PRAGMA index_xinfo(\"{name}\")")) {
                out.push(format!("    key {info}"));
            }
        }
    }
    // Explicit indexes (the WHERE of a partial index lives only in its SQL) and triggers.
    let mut stmt = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL ORDER BY type, name")
        .unwrap();
    let objects: Vec<(String, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name, table, sql) in objects {
        out.push(format!("{kind} {name} on {table}: {}", squash(&sql)));
    }
    out
}

/// The files of a directory with their contents.
fn files_of(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Asserts a directory holds exactly the same files with the same bytes, and says where not.
fn assert_unchanged(dir: &Path, before: &[(PathBuf, Vec<u8>)], what: &str) {
    let after = files_of(dir);
    let names = |files: &[(PathBuf, Vec<u8>)]| {
        files
            .iter()
            .map(|f| f.0.display().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&after),
        names(before),
        "{what}: files appeared or disappeared"
    );
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        if old != new {
            let at = old
                .iter()
                .zip(new)
                .position(|(a, b)| a != b)
                .unwrap_or(old.len().min(new.len()));
            let show = |b: &[u8]| {
                b.iter()
                    .skip(at)
                    .take(4)
                    .map(|x| format!("{x:02x}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            panic!(
                "{what}: {} changed ({} -> {} bytes); first difference at byte {at}: {} -> {}",
                path.display(),
                old.len(),
                new.len(),
                show(old),
                show(new)
            );
        }
    }
}

#[test]
fn schema_sql_equals_v1_plus_every_upgrade() {
    let dir = temp();
    let fresh_path = dir.path().join("fresh.sqlite3");
    let upgraded_path = dir.path().join("upgraded.sqlite3");
    let fresh = db::open(&fresh_path).expect("new database");

    let mut upgraded = Connection::open(&upgraded_path).unwrap();
    db::create_v1(&upgraded).unwrap();
    let v: i64 = upgraded
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    db::migrate(&mut upgraded).expect("upgrade from version 1");
    let fresh_schema = normalised_schema(&fresh);
    let upgraded_schema = normalised_schema(&upgraded);
    assert_eq!(
        fresh_schema[..2],
        [
            format!("user_version {}", db::LATEST_VERSION),
            format!("application_id {:#x}", db::APPLICATION_ID)
        ]
    );
    if fresh_schema != upgraded_schema {
        let only_fresh: Vec<&String> = fresh_schema
            .iter()
            .filter(|l| !upgraded_schema.contains(l))
            .collect();
        let only_upgraded: Vec<&String> = upgraded_schema
            .iter()
            .filter(|l| !fresh_schema.contains(l))
            .collect();
        panic!("schema.sql and v1 + upgrades differ\nonly in schema.sql: {only_fresh:#?}\nonly in v1 + upgrades: {only_upgraded:#?}");
    }
    // The schema is really there (guards against comparing two empty databases).
    assert!(fresh_schema.iter().any(|l| l == "table steps"));
    assert!(fresh_schema
        .iter()
        .any(|l| l.starts_with("trigger audit_no_update")));
    assert!(fresh_schema
        .iter()
        .any(|l| l.starts_with("index steps_waiting") && l.contains("WHERE status =")));
    // Migrating again is a no-op, and the upgraded file opens normally.
    db::migrate(&mut upgraded).unwrap();
    assert_eq!(normalised_schema(&upgraded), upgraded_schema);
    drop(upgraded);
    let reopened = db::open(&upgraded_path).expect("open the upgraded file");
    assert_eq!(normalised_schema(&reopened), fresh_schema);
}

#[test]
fn a_database_newer_than_the_program_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("newer.sqlite3");
    {
        let conn = db::open(&path).unwrap();
        conn.pragma_update(None, "user_version", db::LATEST_VERSION + 1)
            .unwrap();
    }
    let before = files_of(dir.path());
    assert_eq!(
        before.len(),
        1,
        "only the database file after a clean close: {:?}",
        before.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    match db::open(&path) {
        Err(OpenError::TooNew { found, supported }) => {
            assert_eq!(
                (found, supported),
                (db::LATEST_VERSION + 1, db::LATEST_VERSION)
            );
        }
        other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
    }
    assert_unchanged(dir.path(), &before, "a newer database");
    // The message tells the person what to do.
    let message = OpenError::TooNew {
        found: db::LATEST_VERSION + 1,
        supported: db::LATEST_VERSION,
    }
    .message(legaldesk::i18n::Lang::En);
    assert!(message.contains("upgrade legaldesk"), "{message}");
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("other.sqlite3");
    {
        // Another application's database, in SQLite's default rollback-journal mode.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('x');").unwrap();
    }
    let before = files_of(dir.path());
    match db::open(&path) {
        Err(OpenError::NotLegaldesk) => {}
        other => panic!("expected NotLegaldesk, got {:?}", other.map(|_| ())),
    }
    assert_unchanged(dir.path(), &before, "another program's database");
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        mode, "delete",
        "the other program's journal mode was changed"
    );
}

#[test]
fn another_programs_wal_file_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("other-wal.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .unwrap();
        conn.execute_batch("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);")
            .unwrap();
    }
    let before = files_of(dir.path());
    assert!(matches!(db::open(&path), Err(OpenError::NotLegaldesk)));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before[0].1,
        "the other program's database file was modified"
    );
    // Looking must not leave files behind either: a read-only SQLite connection to a WAL
    // database creates `-wal` and `-shm` and cannot remove them when it closes.
    assert_unchanged(
        dir.path(),
        &before,
        "another program's WAL database (leftover -wal/-shm beside it)",
    );
}

#[test]
fn a_garbage_file_is_refused_as_corrupt_untouched() {
    let dir = temp();
    let path = dir.path().join("garbage.sqlite3");
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &garbage).unwrap();
    match db::open(&path) {
        Err(OpenError::Corrupt) => {}
        other => panic!("expected Corrupt, got {:?}", other.map(|_| ())),
    }
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
    assert_eq!(
        files_of(dir.path()).len(),
        1,
        "no -wal/-shm left beside a refused file"
    );
    // A text file is not a database either.
    let text = dir.path().join("notes.sqlite3");
    std::fs::write(&text, "这不是数据库\n".repeat(200)).unwrap();
    assert!(matches!(db::open(&text), Err(OpenError::Corrupt)));
}

#[test]
fn a_path_in_a_missing_directory_is_refused_with_the_directory() {
    let dir = temp();
    let missing = dir.path().join("no").join("such");
    let path = missing.join("x.sqlite3");
    match db::open(&path) {
        Err(OpenError::NoDirectory(d)) => assert_eq!(d, missing),
        other => panic!("expected NoDirectory, got {:?}", other.map(|_| ())),
    }
    assert!(!missing.exists(), "the directory must not be created");
    let message = OpenError::NoDirectory(missing.clone()).message(legaldesk::i18n::Lang::Zh);
    assert!(
        message.contains(&missing.display().to_string()),
        "{message}"
    );
    // open_existing on a missing file names the file.
    let absent = dir.path().join("absent.sqlite3");
    assert!(matches!(db::open_existing(&absent), Err(OpenError::Missing(p)) if p == absent));
    assert!(!absent.exists());
}

#[test]
fn every_connection_has_the_required_pragmas() {
    let dir = temp();
    let path = dir.path().join("p.sqlite3");
    for attempt in ["new", "existing"] {
        let conn = db::open(&path).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        let busy: i64 = conn
            .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            (mode.as_str(), fk, sync),
            ("wal", 1, 2),
            "{attempt} database"
        );
        assert!(busy >= 1000, "{attempt}: busy_timeout {busy} ms");
        // Foreign keys are really enforced.
        let err = conn.execute("INSERT INTO steps (visit_id, seq, service, status, queued_at) VALUES (12345, 1, 'consult', 'waiting', 0)", []);
        assert!(
            err.is_err(),
            "{attempt}: a step for a missing visit was accepted"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the database holds personal data");
    }
}

/// The mark and version SQLite reports for a closed file.
fn mark_and_version(path: &Path) -> (i32, i64) {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open read-only");
    let mark = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    (mark, version)
}

#[test]
fn files_from_before_the_mark_are_recognised_by_their_tables_and_marked() {
    let dir = temp();
    let fresh = db::open(&dir.path().join("fresh.sqlite3")).expect("new database");
    let fresh_schema = normalised_schema(&fresh);
    for version in 1..=3 {
        let path = dir.path().join(format!("v{version}.sqlite3"));
        {
            // As that release left it: WAL mode, its schema and version, no mark, and a day's
            // data (a staff member) that must survive.
            let conn = Connection::open(&path).unwrap();
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
                .unwrap();
            db::create_unmarked(&conn, version).unwrap();
            conn.execute(
                "INSERT INTO staff (code, name, role, created_at) VALUES ('S07', '周敏', 'front_desk', 0)",
                [],
            )
            .unwrap();
        }
        assert_eq!(
            mark_and_version(&path),
            (0, version),
            "v{version} as released"
        );
        // Reading does not mark (a read-only connection must not write) but is allowed.
        let reader = db::open_for_reading(&path)
            .unwrap_or_else(|e| panic!("v{version} opened for reading: {e}"));
        drop(reader);
        assert_eq!(
            mark_and_version(&path),
            (0, version),
            "v{version} read only"
        );
        // The first read-write open upgrades and marks it.
        let conn = db::open(&path).unwrap_or_else(|e| panic!("v{version} opens: {e}"));
        let staff: String = conn
            .query_row("SELECT name FROM staff WHERE code = 'S07'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(staff, "周敏", "v{version}: the data survives");
        assert_eq!(
            normalised_schema(&conn),
            fresh_schema,
            "v{version} upgraded and marked is the current schema"
        );
        drop(conn);
        assert_eq!(
            mark_and_version(&path),
            (db::APPLICATION_ID, db::LATEST_VERSION),
            "v{version} after its first open"
        );
    }
}

#[test]
fn a_file_from_before_the_mark_without_our_tables_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("versioned.sqlite3");
    {
        // Another program that also numbers its schema with user_version.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT); PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let before = files_of(dir.path());
    assert!(matches!(db::open(&path), Err(OpenError::NotLegaldesk)));
    assert!(matches!(
        db::open_for_reading(&path),
        Err(OpenError::NotLegaldesk)
    ));
    assert_unchanged(dir.path(), &before, "a versioned file of another program");
}

#[test]
fn a_file_marked_by_another_application_is_refused_untouched() {
    let dir = temp();
    let path = dir.path().join("marked.sqlite3");
    {
        // Our very tables and version, but another application's mark: not ours.
        let conn = Connection::open(&path).unwrap();
        db::create_unmarked(&conn, 3).unwrap();
        conn.pragma_update(None, "application_id", 0x0F05_5112)
            .unwrap();
    }
    let before = files_of(dir.path());
    assert!(matches!(db::open(&path), Err(OpenError::NotLegaldesk)));
    assert!(matches!(
        db::open_for_reading(&path),
        Err(OpenError::NotLegaldesk)
    ));
    assert_unchanged(dir.path(), &before, "a file marked by another application");
}
