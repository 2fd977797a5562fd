//! What can go wrong when opening the database, and how SQLite's and the file system's error
//! codes map onto it. The words for each error are in `i18n/db.rs`.

use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Words};

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
        // An SQLite error that escaped `classify` (e.g. from `migrate` called directly)
        // still says what happened in words a person can act on.
        match self {
            OpenError::Sqlite(e) => match sqlite_code(e) {
                Some(rusqlite::ErrorCode::DiskFull) => OpenError::DiskFull.text(lang),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                    OpenError::Corrupt.text(lang)
                }
                _ => self.text(lang),
            },
            _ => self.text(lang),
        }
    }
}

/// Turns SQLite's error codes into the errors a person can act on.
pub(crate) fn classify(error: OpenError, path: &Path) -> OpenError {
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

/// Maps a file-system error to the error a person can act on.
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

/// Another connection holds a lock SQLite would not wait for.
pub(crate) fn is_busy(error: &OpenError) -> bool {
    matches!(
        error,
        OpenError::Sqlite(e) if matches!(
            sqlite_code(e),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    )
}

fn sqlite_code(error: &rusqlite::Error) -> Option<rusqlite::ErrorCode> {
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => Some(failure.code),
        _ => None,
    }
}
