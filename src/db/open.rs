//! Finding and opening the database file with the pragmas every connection must have.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::integrity;
use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("directory does not exist: {0}")]
    NoDirectory(PathBuf),
    #[error("database file does not exist: {0}")]
    Missing(PathBuf),
    #[error("cannot write: {0}")]
    ReadOnly(PathBuf),
    #[error("disk full")]
    DiskFull,
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("database schema version {found} is newer than this program ({supported})")]
    TooNew { found: i64, supported: i64 },
    #[error("not a legaldesk database")]
    NotLegaldesk,
    #[error("file is not a database or is corrupt")]
    Corrupt,
    #[error("pragma {name} came back as {got}")]
    Pragma { name: &'static str, got: String },
    #[error("no platform data directory; use --db or LEGALDESK_DB")]
    NoDataDir,
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl OpenError {
    /// One clear line for the person at the counter.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OpenError::NoDirectory(dir) => match lang {
                Lang::Zh => format!("数据库所在目录不存在：{}（请先创建目录，或用 --db 指定其他位置）", dir.display()),
                Lang::En => format!("the database directory does not exist: {} (create it, or use --db)", dir.display()),
            },
            OpenError::Missing(path) => match lang {
                Lang::Zh => format!("数据库文件不存在：{}（先运行 legaldesk init）", path.display()),
                Lang::En => format!("database file does not exist: {} (run legaldesk init first)", path.display()),
            },
            OpenError::ReadOnly(path) => match lang {
                Lang::Zh => format!("数据库不可写（只读文件或目录）：{}，未做任何更改", path.display()),
                Lang::En => format!("the database is read-only (file or directory): {}; nothing was changed", path.display()),
            },
            OpenError::DiskFull => lang.pick(
                "磁盘已满，数据库未做任何更改；请清理磁盘空间后重试",
                "the disk is full; nothing was changed in the database. Free some space and try again",
            ).to_string(),
            OpenError::Io { path, error } => match lang {
                Lang::Zh => format!("无法打开数据库文件 {}：{error}，未做任何更改", path.display()),
                Lang::En => format!("cannot open the database file {}: {error}; nothing was changed", path.display()),
            },
            OpenError::TooNew { found, supported } => match lang {
                Lang::Zh => format!("数据库版本 {found} 比本程序支持的版本 {supported} 新，请升级 legaldesk；未做任何更改"),
                Lang::En => format!("the database is version {found}, newer than this program supports ({supported}); upgrade legaldesk. Nothing was changed"),
            },
            OpenError::NotLegaldesk => lang.pick(
                "该文件不是 legaldesk 数据库，未做任何更改",
                "this file is not a legaldesk database; nothing was changed",
            ).to_string(),
            OpenError::Corrupt => lang.pick(
                "数据库文件已损坏或不是数据库，未做任何写入；请从备份恢复（legaldesk backup 生成的文件）",
                "the database file is corrupt or not a database; nothing was written. Restore it from a backup (made by legaldesk backup)",
            ).to_string(),
            OpenError::Pragma { name, got } => match lang {
                Lang::Zh => format!("数据库设置 {name} 无法生效（得到 {got}），为保证数据安全已停止"),
                Lang::En => format!("database setting {name} did not take effect (got {got}); stopped to keep data safe"),
            },
            OpenError::NoDataDir => lang.pick(
                "找不到系统数据目录，请用 --db 或 LEGALDESK_DB 指定数据库位置",
                "no platform data directory; give the database with --db or LEGALDESK_DB",
            ).to_string(),
            // Errors that escaped `classify` (e.g. from `migrate` called directly) still say
            // what happened in words a person at the counter can act on.
            OpenError::Sqlite(e) if sqlite_code(e) == Some(rusqlite::ErrorCode::DiskFull) => OpenError::DiskFull.message(lang),
            OpenError::Sqlite(e) if matches!(sqlite_code(e), Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)) => {
                OpenError::Corrupt.message(lang)
            }
            OpenError::Sqlite(e) => match lang {
                Lang::Zh => format!("数据库错误：{e}"),
                Lang::En => format!("database error: {e}"),
            },
        }
    }
}

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

/// Opens (creating if missing) and brings the schema up to date.
///
/// An existing file is looked at before SQLite is allowed to touch it: a corrupt or truncated
/// file, a database newer than this program, or some other program's SQLite file is refused
/// with its bytes untouched (setting WAL mode or creating the schema would be a write).
pub fn open(path: &Path) -> Result<Connection, OpenError> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = parent {
        if !dir.is_dir() {
            return Err(OpenError::NoDirectory(dir.to_path_buf()));
        }
    }
    match integrity::read_header(path)? {
        Some(header) => refuse_before_open(&header)?,
        None if !path.exists() => create_private(path)?,
        // An empty file: a first start that never got to create the schema.
        None => {}
    }
    // While several terminals start on a new file at once, SQLite can answer "busy" without
    // waiting (switching the file to WAL takes an exclusive lock that the busy handler does
    // not cover). Such a start is simply tried again, briefly; nothing was written by it.
    let mut attempts = 0;
    loop {
        // NO_MUTEX: each connection is used by one thread only, so SQLite need not lock it.
        let opened = connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .and_then(|mut conn| {
            super::migrate(&mut conn).map_err(|e| classify(e, path))?;
            Ok(conn)
        });
        match opened {
            Err(e) if is_busy(&e) && attempts < 200 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(10 + 5 * (attempts % 8)));
            }
            other => return other,
        }
    }
}

fn is_busy(error: &OpenError) -> bool {
    matches!(
        error,
        OpenError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
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
/// database that may be damaged.
pub fn open_for_reading(path: &Path) -> Result<Connection, OpenError> {
    if !path.exists() {
        return Err(OpenError::Missing(path.to_path_buf()));
    }
    let header = integrity::read_header(path)?.ok_or(OpenError::NotLegaldesk)?;
    refuse_before_open(&header)?;
    if header.user_version == 0 {
        return Err(OpenError::NotLegaldesk);
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| classify(e.into(), path))?;
    conn.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
    integrity::startup_check(&conn).map_err(|e| classify(e, path))?;
    Ok(conn)
}

/// What can be decided from the header alone, before any connection exists.
fn refuse_before_open(header: &integrity::Header) -> Result<(), OpenError> {
    if header.user_version > super::LATEST_VERSION {
        return Err(OpenError::TooNew {
            found: header.user_version,
            supported: super::LATEST_VERSION,
        });
    }
    // Version 0 with a schema is another program's database. Decided from the bytes alone:
    // even a read-only connection would leave -wal/-shm files beside a WAL database, and
    // switching it to WAL mode would rewrite its header.
    if header.user_version == 0 && !header.schema_empty {
        return Err(OpenError::NotLegaldesk);
    }
    Ok(())
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

/// Maps a file-system error to the message a person can act on.
pub(crate) fn io_error(path: &Path, error: std::io::Error) -> OpenError {
    match error.raw_os_error() {
        Some(libc::ENOSPC) | Some(libc::EDQUOT) => OpenError::DiskFull,
        Some(libc::EACCES) | Some(libc::EPERM) | Some(libc::EROFS) => {
            OpenError::ReadOnly(path.to_path_buf())
        }
        Some(libc::ENOENT) | Some(libc::ENOTDIR) => {
            OpenError::NoDirectory(path.parent().map(Path::to_path_buf).unwrap_or_default())
        }
        _ => OpenError::Io {
            path: path.to_path_buf(),
            error,
        },
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
    integrity::startup_check(&conn).map_err(|e| classify(e, path))?;
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

/// Turns SQLite's error codes into the messages a person can act on.
fn classify(error: OpenError, path: &Path) -> OpenError {
    use rusqlite::ErrorCode;
    let OpenError::Sqlite(sqlite) = &error else {
        return error;
    };
    match sqlite_code(sqlite) {
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            OpenError::ReadOnly(path.to_path_buf())
        }
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => OpenError::Corrupt,
        Some(ErrorCode::DiskFull) => OpenError::DiskFull,
        _ => error,
    }
}

fn sqlite_code(error: &rusqlite::Error) -> Option<rusqlite::ErrorCode> {
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => Some(failure.code),
        _ => None,
    }
}
