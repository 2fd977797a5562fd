//! Is this file ours? Decided by SQLite, which reads through the write-ahead log, never from
//! the raw bytes of the main file: a database another terminal has just created holds its
//! schema and version only in the `-wal` until the first checkpoint.
//!
//! legaldesk marks its files with `PRAGMA application_id` = [`APPLICATION_ID`], set in the
//! same transaction as the schema. Files of versions 1–3, made before the mark existed, are
//! recognised by their tables and marked at their next read-write open (`migrate`).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::error::{classify, io_error, OpenError};

/// legaldesk's mark in the SQLite file header (`PRAGMA application_id`): the ASCII letters
/// `LDsk` (0x4C44736B). Never change it: it is how every version knows its own files.
pub const APPLICATION_ID: i32 = 0x4C44_736B;

/// The last schema version released before files were marked. An unmarked file up to this
/// version is recognised by its tables; from version 4 on every file carries the mark.
pub const UNMARKED_UP_TO: i64 = 3;

/// The tables of schema version 1, which every later version keeps.
const FIRST_TABLES: [&str; 9] = [
    "settings",
    "staff",
    "windows",
    "sign_ins",
    "visitors",
    "visits",
    "ticket_counters",
    "steps",
    "audit",
];

/// What a database holds, as far as opening it is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// No schema at all: a new database, to be created.
    Empty,
    /// A legaldesk database at schema `version` (which may be newer than this program:
    /// `migrate::known_version` decides); `marked` when it carries the mark.
    Ours { version: i64, marked: bool },
}

/// Reads the mark, the version and the schema through `conn` (which sees the WAL) and says
/// whether the database is ours. Another program's database is `NotLegaldesk`.
pub fn identify(conn: &Connection) -> Result<Identity, OpenError> {
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let mut stmt = conn.prepare("SELECT type, name FROM sqlite_master")?;
    let objects: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let tables: Vec<&str> = objects
        .iter()
        .filter(|(kind, _)| kind == "table")
        .map(|(_, name)| name.as_str())
        .collect();
    judge(application_id, version, objects.is_empty(), &tables)
}

/// The decision of `identify`, on what it read.
fn judge(
    application_id: i32,
    version: i64,
    no_schema: bool,
    tables: &[&str],
) -> Result<Identity, OpenError> {
    match application_id {
        APPLICATION_ID if version >= 1 => Ok(Identity::Ours {
            version,
            marked: true,
        }),
        // The mark, the schema and the version are written in one transaction, so a marked
        // file without a version and with objects in it was written by something else.
        _ if application_id != 0 && application_id != APPLICATION_ID => {
            Err(OpenError::NotLegaldesk)
        }
        _ if no_schema && version == 0 => Ok(Identity::Empty),
        0 if (1..=UNMARKED_UP_TO).contains(&version)
            && FIRST_TABLES.iter().all(|t| tables.contains(t)) =>
        {
            Ok(Identity::Ours {
                version,
                marked: false,
            })
        }
        _ => Err(OpenError::NotLegaldesk),
    }
}

/// What is at a path, as far as opening it is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// No file: a new database, to be created.
    Nothing,
    /// A file of 0 bytes: a new database whose first start never got to write.
    EmptyFile,
    Database(Identity),
}

/// Looks at `path` without changing a byte of it and without leaving a file beside it, so
/// that a file which is not ours (or is damaged, or too new) is left exactly as it was found.
///
/// - A `-wal` with its `-shm` beside the file: a process has it open (or died with it open).
///   A read-only connection reads through the log; both files exist, so it creates none.
/// - Otherwise the main file holds the whole database (when a `-wal` without `-shm` is left
///   over, the read-write open that follows replays it). It is read `immutable`: SQLite takes
///   no locks and creates no `-wal`/`-shm`, even for a file in WAL mode, where a plain
///   read-only connection would leave both behind, unable to remove them on close.
pub fn inspect(path: &Path) -> Result<Found, OpenError> {
    // An immutable read takes no lock, so a process that opened the file and checkpointed
    // into it meanwhile could make it look damaged. A refusal is given only when the file
    // (and its log) stayed the same while it was read; otherwise it is looked at again.
    let mut looks = 0;
    loop {
        let before = state(path)?;
        let Some(len) = before.len.filter(|&len| len > 0) else {
            return Ok(before.len.map_or(Found::Nothing, |_| Found::EmptyFile));
        };
        let found = look(path, len, before.log, before.index);
        looks += 1;
        if found.is_ok() || looks == 3 || state(path)? == before {
            return found;
        }
    }
}

/// What `inspect` watches for change: the file's length and modification time, and whether
/// its log and log index exist.
#[derive(Debug, PartialEq, Eq)]
struct State {
    /// `None` when there is no file.
    len: Option<u64>,
    modified: Option<std::time::SystemTime>,
    log: bool,
    index: bool,
}

fn state(path: &Path) -> Result<State, OpenError> {
    let (len, modified) = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(OpenError::Io {
                path: path.to_path_buf(),
                error: std::io::Error::from_raw_os_error(libc::EISDIR),
            })
        }
        Ok(meta) => (Some(meta.len()), meta.modified().ok()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, None),
        Err(e) => return Err(io_error(path, e)),
    };
    Ok(State {
        len,
        modified,
        log: companion(path, "-wal").exists(),
        index: companion(path, "-shm").exists(),
    })
}

/// One look at a file of `len` bytes (see `inspect`).
fn look(path: &Path, len: u64, log: bool, index: bool) -> Result<Found, OpenError> {
    let conn = if log && index {
        read_only(path)
    } else {
        immutable(path)
    }
    .map_err(|e| classify(e, path))?;
    let identity = identify(&conn).map_err(|e| classify(e, path))?;
    if !log {
        whole_pages(&conn, len).map_err(|e| classify(e, path))?;
    }
    Ok(Found::Database(identity))
}

/// A truncated copy is refused before anything reads past its end: with no log to supply
/// pages, the file must hold whole pages, at least as many as SQLite says the database has.
/// (SQLite itself notices a file shorter than its header says only at a page boundary.)
fn whole_pages(conn: &Connection, len: u64) -> Result<(), OpenError> {
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let (Ok(page_size), Ok(pages)) = (u64::try_from(page_size), u64::try_from(pages)) else {
        return Err(OpenError::Corrupt);
    };
    if page_size == 0 || !len.is_multiple_of(page_size) || pages.saturating_mul(page_size) > len {
        return Err(OpenError::Corrupt);
    }
    Ok(())
}

/// A read-only connection that waits for other terminals' locks like every connection.
pub(crate) fn read_only(path: &Path) -> Result<Connection, OpenError> {
    // NO_MUTEX: each connection is used by one thread only, so SQLite need not lock it.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
    Ok(conn)
}

/// A connection that reads the main file alone, as it is on disk: no locks, no `-wal`/`-shm`.
/// Only for a first look: a file another process writes meanwhile could be read torn.
fn immutable(path: &Path) -> Result<Connection, OpenError> {
    Ok(Connection::open_with_flags(
        immutable_uri(path)?,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// `file:///absolute/path?immutable=1`, every byte outside the unreserved set escaped (a path
/// may hold `?`, `#`, `%` or anything else a file name can).
fn immutable_uri(path: &Path) -> Result<String, OpenError> {
    let absolute = std::path::absolute(path).map_err(|e| io_error(path, e))?;
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        absolute.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = absolute.to_string_lossy().replace('\\', "/").into_bytes();
    let mut uri = String::from("file://");
    for byte in bytes {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Ok(uri)
}

/// The cheap check run on every open: reads the schema cookie and the schema table, which
/// fails with SQLITE_CORRUPT/NOTADB on a damaged first page or schema, and reads nothing else.
pub fn startup_check(conn: &Connection) -> Result<(), OpenError> {
    conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(())
}

/// The file SQLite keeps beside the database with this suffix (`-wal`, `-shm`, `-journal`).
pub fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: [&str; 9] = FIRST_TABLES;

    #[test]
    fn a_marked_database_is_ours_at_its_version() {
        for version in [1, 4, 99] {
            assert_eq!(
                judge(APPLICATION_ID, version, false, &OURS).unwrap(),
                Identity::Ours {
                    version,
                    marked: true
                }
            );
        }
    }

    #[test]
    fn unmarked_files_of_the_first_versions_are_recognised_by_their_tables() {
        for version in 1..=UNMARKED_UP_TO {
            assert_eq!(
                judge(0, version, false, &OURS).unwrap(),
                Identity::Ours {
                    version,
                    marked: false
                }
            );
            // One table missing: not ours.
            assert!(matches!(
                judge(0, version, false, &OURS[1..]),
                Err(OpenError::NotLegaldesk)
            ));
        }
        // Every file since the mark carries it; an unmarked later version is someone else's.
        assert!(matches!(
            judge(0, UNMARKED_UP_TO + 1, false, &OURS),
            Err(OpenError::NotLegaldesk)
        ));
    }

    #[test]
    fn other_programs_files_are_not_ours() {
        // Some other program's schema, with or without a version of its own.
        assert!(matches!(
            judge(0, 0, false, &["contacts"]),
            Err(OpenError::NotLegaldesk)
        ));
        assert!(matches!(
            judge(0, 2, false, &["contacts"]),
            Err(OpenError::NotLegaldesk)
        ));
        // Another application's mark (Fossil's), even over tables named like ours.
        assert!(matches!(
            judge(0x0F05_5112, 2, false, &OURS),
            Err(OpenError::NotLegaldesk)
        ));
        assert!(matches!(
            judge(0x0F05_5112, 0, true, &[]),
            Err(OpenError::NotLegaldesk)
        ));
        // Objects without a version, under our mark: not written by us.
        assert!(matches!(
            judge(APPLICATION_ID, 0, false, &["contacts"]),
            Err(OpenError::NotLegaldesk)
        ));
    }

    #[test]
    fn an_empty_database_is_new() {
        assert_eq!(judge(0, 0, true, &[]).unwrap(), Identity::Empty);
        assert_eq!(
            judge(APPLICATION_ID, 0, true, &[]).unwrap(),
            Identity::Empty
        );
        // A version but no schema: not an empty database.
        assert!(matches!(
            judge(0, 2, true, &[]),
            Err(OpenError::NotLegaldesk)
        ));
    }

    #[test]
    fn the_immutable_uri_escapes_what_sqlite_would_read_as_syntax() {
        let uri = immutable_uri(Path::new("/tmp/a b/数据?#%.sqlite3")).unwrap();
        assert_eq!(
            uri,
            "file:///tmp/a%20b/%E6%95%B0%E6%8D%AE%3F%23%25.sqlite3?immutable=1"
        );
    }

    #[test]
    fn the_mark_spells_ldsk() {
        assert_eq!(&APPLICATION_ID.to_be_bytes(), b"LDsk");
    }
}
