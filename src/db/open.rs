//! Finding and opening the database file with the pragmas every connection must have.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::error::{classify, io_error, is_busy, OpenError};
use super::identity::{self, Found, Identity};
use super::migrate::known_version;

/// `--db`, else `$LEGALDESK_DB`, else `legaldesk.sqlite3` in the platform data directory.
pub fn resolve_path(flag: Option<&Path>) -> Result<PathBuf, OpenError> {
    if let Some(path) = flag {
        return Ok(path.to_path_buf());
    }
    if let Some(env) = std::env::var_os("LEGALDESK_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(env));
    }
    default_path()
}

/// The platform data directory's database file (created on first run).
pub fn default_path() -> Result<PathBuf, OpenError> {
    let dirs = directories::ProjectDirs::from("cn", "legaldesk", "legaldesk")
        .ok_or(OpenError::NoDataDir)?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).map_err(|_| OpenError::NoDirectory(dir.to_path_buf()))?;
    Ok(dir.join("legaldesk.sqlite3"))
}

/// Opens (creating if missing or empty) and brings the schema up to date.
///
/// The file is first looked at without being changed (`identity::inspect`): a corrupt or
/// truncated file, some other program's database and one newer than this program are refused
/// with their bytes untouched and nothing left beside them. Only a file that is ours, or new,
/// is then opened for writing.
pub fn open(path: &Path) -> Result<Connection, OpenError> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = parent {
        if !dir.is_dir() {
            return Err(OpenError::NoDirectory(dir.to_path_buf()));
        }
    }
    // While several terminals start on a new file at once, SQLite can answer "busy" without
    // waiting (switching the file to WAL takes an exclusive lock that the busy handler does
    // not cover). Such a start is simply tried again; nothing was written by it. It gives up
    // after as long as any other wait for the database (the busy timeout), not after a count
    // of tries, so a slow or loaded machine is given the same time as a fast one.
    let deadline =
        std::time::Instant::now() + std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS);
    let mut attempts: u64 = 0;
    loop {
        match open_once(path) {
            Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(10 + 5 * (attempts % 8)));
            }
            other => return other,
        }
    }
}

fn open_once(path: &Path) -> Result<Connection, OpenError> {
    match identity::inspect(path)? {
        Found::Nothing => create_private(path)?,
        Found::EmptyFile => {}
        Found::Database(found) => {
            known_version(found)?;
        }
    }
    // NO_MUTEX: each connection is used by one thread only, so SQLite need not lock it.
    let mut conn = connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    super::migrate(&mut conn).map_err(|e| classify(e, path))?;
    Ok(conn)
}

/// Opens a database that must already exist (every command but the TUI and `init`).
pub fn open_existing(path: &Path) -> Result<Connection, OpenError> {
    if !path.exists() {
        return Err(OpenError::Missing(path.to_path_buf()));
    }
    open(path)
}

/// Opens an existing database only to read it (`check`, `backup`, the background integrity
/// check): works on a read-only file, never migrates and never writes, so it is safe on a
/// database that may be damaged. A database of ours from before the mark is read as it is.
pub fn open_for_reading(path: &Path) -> Result<Connection, OpenError> {
    match identity::inspect(path)? {
        Found::Nothing => return Err(OpenError::Missing(path.to_path_buf())),
        Found::EmptyFile | Found::Database(Identity::Empty) => return Err(OpenError::NotLegaldesk),
        Found::Database(found) => {
            known_version(found)?;
        }
    }
    let conn = identity::read_only(path).map_err(|e| classify(e, path))?;
    identity::startup_check(&conn).map_err(|e| classify(e, path))?;
    Ok(conn)
}

/// Creates the database file owner-only before SQLite opens it: SQLite gives its `-wal` and
/// `-shm` files the main file's mode, so all three are 0600 from the first byte (chmod after
/// the fact would leave a window, and would miss a `-wal` already created).
fn create_private(path: &Path) -> Result<(), OpenError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another terminal created it meanwhile: that one set its mode.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io_error(path, e)),
    }
}

fn connect(path: &Path, flags: OpenFlags) -> Result<Connection, OpenError> {
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e.into(), path))?;
    // Wait for other terminals before the very first read: at a first start several may be
    // creating the file or switching it to WAL at the same moment.
    conn.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))
        .map_err(|e| classify(e.into(), path))?;
    // SQLite quietly opens a file it may not write read-only; say so now rather than at the
    // first ticket.
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(OpenError::ReadOnly(path.to_path_buf()));
    }
    // Read before anything can write: a damaged schema page is refused while the file is
    // still exactly as it was.
    identity::startup_check(&conn).map_err(|e| classify(e, path))?;
    configure(&conn).map_err(|e| classify(e, path))?;
    Ok(conn)
}

/// Sets and verifies the pragmas of SPEC §8 / STYLE.md on one connection.
fn configure(conn: &Connection) -> Result<(), OpenError> {
    conn.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(OpenError::Pragma {
            name: "journal_mode",
            got: mode,
        });
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Bounded page cache (2 MiB) so memory does not grow with history.
    conn.pragma_update(None, "cache_size", -2000)?;
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
    if sync != 2 {
        return Err(OpenError::Pragma {
            name: "synchronous",
            got: sync.to_string(),
        });
    }
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    if fk != 1 {
        return Err(OpenError::Pragma {
            name: "foreign_keys",
            got: fk.to_string(),
        });
    }
    Ok(())
}
