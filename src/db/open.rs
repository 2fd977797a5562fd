//! Finding and opening the database file with the pragmas every connection must have.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("directory does not exist: {0}")]
    NoDirectory(PathBuf),
    #[error("database file does not exist: {0}")]
    Missing(PathBuf),
    #[error("cannot write: {0}")]
    ReadOnly(PathBuf),
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
    let dirs = directories::ProjectDirs::from("cn", "legaldesk", "legaldesk").ok_or(OpenError::NoDataDir)?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).map_err(|_| OpenError::NoDirectory(dir.to_path_buf()))?;
    Ok(dir.join("legaldesk.sqlite3"))
}

/// Opens (creating if missing) and brings the schema up to date.
pub fn open(path: &Path) -> Result<Connection, OpenError> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = parent {
        if !dir.is_dir() {
            return Err(OpenError::NoDirectory(dir.to_path_buf()));
        }
    }
    let existed = path.exists();
    let mut conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
    if !existed {
        restrict_permissions(path);
    }
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

fn connect(path: &Path, flags: OpenFlags) -> Result<Connection, OpenError> {
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e.into(), path))?;
    configure(&conn).map_err(|e| classify(e, path))?;
    Ok(conn)
}

/// Sets and verifies the pragmas of SPEC §8 / STYLE.md on one connection.
fn configure(conn: &Connection) -> Result<(), OpenError> {
    conn.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(OpenError::Pragma { name: "journal_mode", got: mode });
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Bounded page cache (2 MiB) so memory does not grow with history.
    conn.pragma_update(None, "cache_size", -2000)?;
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
    if sync != 2 {
        return Err(OpenError::Pragma { name: "synchronous", got: sync.to_string() });
    }
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    if fk != 1 {
        return Err(OpenError::Pragma { name: "foreign_keys", got: fk.to_string() });
    }
    Ok(())
}

/// Turns SQLite's error codes into the messages a person can act on.
fn classify(error: OpenError, path: &Path) -> OpenError {
    use rusqlite::ErrorCode;
    let OpenError::Sqlite(rusqlite::Error::SqliteFailure(failure, _)) = &error else {
        return error;
    };
    match failure.code {
        ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => OpenError::ReadOnly(path.to_path_buf()),
        ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => OpenError::Corrupt,
        _ => error,
    }
}

/// The database holds personal data: owner-only permissions (and its -wal/-shm follow the
/// main file's mode in SQLite).
fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
}
