//! `legaldesk backup FILE`: a consistent copy of the database while terminals keep working.
//!
//! SQLite's online backup API copies one snapshot (a single read transaction in WAL mode, so
//! writers are never blocked and the copy never mixes two moments). The copy is written to a
//! temporary file beside FILE, created owner-only (0600: it holds everything the database
//! holds), checked with `integrity_check` and opened as a legaldesk database, then synced and
//! renamed over FILE — so FILE is either the previous backup or a verified new one, never half
//! a copy. The backup is an export of personal data, so it is audited.

use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::CommandResult;
use crate::db::{self, OpenError};
use crate::domain::clock;
use crate::i18n::cli::CliText;
use crate::i18n::{Lang, Words};
use crate::service::audit;

pub fn backup(path: &Path, file: &Path, lang: Lang) -> CommandResult {
    let source = db::open_for_reading(path).map_err(|e| e.message(lang))?;
    if same_file(path, file) {
        return Err(CliText::BackupIsTheDatabase.text(lang));
    }
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(OpenError::NoDirectory(dir.to_path_buf()).message(lang));
    }
    let temp = temp_path(file);
    let result = copy_and_verify(&source, &temp, lang).and_then(|pages| {
        std::fs::rename(&temp, file).map_err(|e| fs_message(file, e, lang))?;
        sync_dir(dir);
        Ok(pages)
    });
    let pages = match result {
        Ok(pages) => pages,
        Err(message) => {
            remove_with_companions(&temp);
            return Err(message);
        }
    };
    drop(source);
    record(path, file, lang);
    let done = CliText::BackupDone {
        path: file.to_path_buf(),
        pages,
    };
    println!("{}", done.text(lang));
    Ok(())
}

/// Copies the source into `temp` and checks the copy; returns its page count.
fn copy_and_verify(source: &Connection, temp: &Path, lang: Lang) -> Result<i64, String> {
    create_private(temp).map_err(|e| fs_message(temp, e, lang))?;
    {
        let mut dest = Connection::open_with_flags(temp, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| OpenError::from(e).message(lang))?;
        let backup =
            Backup::new(source, &mut dest).map_err(|e| OpenError::from(e).message(lang))?;
        // All pages in one step: one read transaction, one snapshot. Copying in slices would
        // restart whenever a terminal commits, and might never finish in a busy hall.
        let give_up =
            std::time::Instant::now() + std::time::Duration::from_millis(db::BUSY_TIMEOUT_MS);
        loop {
            match backup
                .step(-1)
                .map_err(|e| OpenError::from(e).message(lang))?
            {
                StepResult::Done => break,
                // A lock held elsewhere (a rollback-journal writer): wait, as long as any
                // writer would, then say so.
                StepResult::Busy | StepResult::Locked if std::time::Instant::now() < give_up => {
                    std::thread::sleep(std::time::Duration::from_millis(50))
                }
                StepResult::Busy | StepResult::Locked => return Err(CliText::BackupBusy.text(lang)),
                StepResult::More => {}
                // The enum is non-exhaustive; anything new is treated as "go on".
                _ => {}
            }
        }
        drop(backup);
        // The copy inherits WAL mode from the source; as a rollback-journal file it is one
        // self-contained file (no -wal/-shm beside it) until someone opens it as a live
        // database, when legaldesk switches it back to WAL.
        let mode: String = dest
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|e| OpenError::from(e).message(lang))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(OpenError::Pragma {
                name: "journal_mode",
                got: mode,
            }
            .message(lang));
        }
    }
    verify(temp, lang)
}

/// The copy must pass `integrity_check` and be a legaldesk database this program can open.
fn verify(temp: &Path, lang: Lang) -> Result<i64, String> {
    let copy = Connection::open_with_flags(temp, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| OpenError::from(e).message(lang))?;
    let verdict: Vec<String> = copy
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect())
        .map_err(|e| OpenError::from(e).message(lang))?;
    if verdict != ["ok"] {
        return Err(CliText::BackupFailedCheck(verdict.join("; ")).text(lang));
    }
    // The same rule as every open: ours (marked, or recognised from before the mark), and
    // not newer than this program.
    match db::identify(&copy).and_then(db::known_version) {
        Ok(db::Identity::Ours { .. }) => {}
        Ok(db::Identity::Empty) => return Err(OpenError::NotLegaldesk.message(lang)),
        Err(e) => return Err(e.message(lang)),
    }
    copy.query_row("PRAGMA page_count", [], |r| r.get(0))
        .map_err(|e| OpenError::from(e).message(lang))
}

/// The audit row for the backup. The copy is already safe on disk; if the database cannot
/// be written (a read-only file), the backup still stands and the operator is told.
fn record(path: &Path, file: &Path, lang: Lang) {
    let written = db::open_existing(path)
        .map_err(|e| e.to_string())
        .and_then(|mut conn| {
            crate::service::write(&mut conn, |tx| {
                audit::append(
                    tx,
                    clock::now(),
                    None,
                    "backup",
                    "",
                    None,
                    &crate::domain::text::sanitize(&file.display().to_string()),
                )?;
                Ok(())
            })
            .map_err(|e| e.to_string())
        });
    if written.is_err() {
        eprintln!("legaldesk: {}", CliText::BackupNotAudited.text(lang));
    }
}

fn temp_path(file: &Path) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".partial-{}", std::process::id()));
    file.with_file_name(name)
}

fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// The temporary copy and any journal SQLite left beside it.
fn remove_with_companions(temp: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = temp.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The rename is durable only once the directory entry is on disk.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

fn fs_message(path: &Path, error: std::io::Error, lang: Lang) -> String {
    let path = path.to_path_buf();
    let text = match error.raw_os_error() {
        Some(libc::ENOSPC) | Some(libc::EDQUOT) => CliText::BackupDiskFull(path),
        Some(libc::EEXIST) => CliText::BackupInProgress(path),
        _ => CliText::BackupCannotWrite {
            path,
            error: error.to_string(),
        },
    };
    text.text(lang)
}
