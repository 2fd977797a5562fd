//! Is the database file sound? The full check: SQLite's `quick_check` or `integrity_check`,
//! `foreign_key_check`, the append-only guards and the audit hash chain. It only reads, so a
//! read-only connection is enough (the `legaldesk check` command, and `check_in_background`
//! for the TUI). The cheap checks made at every open are `identity::inspect` (what the file
//! is, whether it is whole) and `identity::startup_check` (the schema pages read).

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::identity::companion;
use super::OpenError;
use crate::i18n::integrity::IntegrityText;
use crate::i18n::{Lang, Words};

/// A row that points at a parent row that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKeyProblem {
    pub table: String,
    pub rowid: Option<i64>,
    pub parent: String,
}

/// What `check` found. Empty lists and `None` mean sound.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Whether the full `integrity_check` ran (else `quick_check`).
    pub full: bool,
    /// SQLite's complaints, as it words them (empty when it said "ok").
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<ForeignKeyProblem>,
    pub audit_rows: i64,
    /// The id of the first audit row whose hash does not follow from its content and
    /// predecessor: the row that was edited, or the one after a deleted row.
    pub audit_broken: Option<i64>,
    /// Triggers of the current schema that are missing (e.g. the audit log's append-only
    /// guards, dropped by someone editing the file by hand).
    pub missing_guards: Vec<String>,
    /// A part of the check that could not run at all (usually because of corruption).
    pub errors: Vec<String>,
    /// Files (the database, its `-wal`/`-shm`) readable by others than the owner. A warning.
    pub loose_permissions: Vec<PathBuf>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.audit_broken.is_none()
            && self.missing_guards.is_empty()
            && self.errors.is_empty()
    }

    /// One line per problem, plainly worded, then what to do. Empty when sound.
    pub fn problems(&self, lang: Lang) -> Vec<String> {
        let mut lines = Vec::new();
        for text in self.integrity.iter().take(20) {
            lines.push(IntegrityText::Damaged(text.clone()).text(lang));
        }
        if self.integrity.len() > 20 {
            let more = self.integrity.len() - 20;
            lines.push(IntegrityText::MoreDamage(more).text(lang));
        }
        for fk in self.foreign_keys.iter().take(20) {
            lines.push(
                IntegrityText::MissingParent {
                    table: fk.table.clone(),
                    rowid: fk.rowid,
                    parent: fk.parent.clone(),
                }
                .text(lang),
            );
        }
        if let Some(id) = self.audit_broken {
            lines.push(IntegrityText::AuditBroken(id).text(lang));
        }
        for name in &self.missing_guards {
            lines.push(IntegrityText::MissingGuard(name.clone()).text(lang));
        }
        for text in &self.errors {
            lines.push(IntegrityText::CheckFailed(text.clone()).text(lang));
        }
        if !lines.is_empty() {
            let advice = if self.integrity.is_empty() && self.errors.is_empty() {
                IntegrityText::KeepAsEvidence
            } else {
                IntegrityText::RestoreBackup
            };
            lines.push(advice.text(lang));
        }
        lines
    }

    /// The line printed when everything is sound.
    pub fn summary(&self, lang: Lang) -> String {
        IntegrityText::Passed {
            full: self.full,
            audit_rows: self.audit_rows,
        }
        .text(lang)
    }

    /// Warnings that do not make the check fail.
    pub fn warnings(&self, lang: Lang) -> Vec<String> {
        self.loose_permissions
            .iter()
            .map(|path| IntegrityText::LoosePermissions(path.clone()).text(lang))
            .collect()
    }
}

/// The full check on an open connection (read-only is enough). It never writes.
pub fn check(conn: &Connection, full: bool) -> Report {
    let mut report = Report {
        full,
        ..Report::default()
    };
    let pragma = if full {
        "PRAGMA integrity_check"
    } else {
        "PRAGMA quick_check"
    };
    match collect_strings(conn, pragma) {
        Ok(lines) => report.integrity = lines.into_iter().filter(|l| l != "ok").collect(),
        Err(e) => report.errors.push(e.to_string()),
    }
    match foreign_keys(conn) {
        Ok(problems) => report.foreign_keys = problems,
        Err(e) => report.errors.push(e.to_string()),
    }
    match conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0)) {
        Ok(n) => report.audit_rows = n,
        Err(e) => report.errors.push(e.to_string()),
    }
    match super::audit::first_broken_link(conn) {
        Ok(broken) => report.audit_broken = broken,
        Err(e) => report.errors.push(e.to_string()),
    }
    match missing_guards(conn) {
        Ok(missing) => report.missing_guards = missing,
        Err(e) => report.errors.push(e.to_string()),
    }
    if let Some(path) = conn.path().filter(|p| !p.is_empty()) {
        report.loose_permissions = loose_permissions(Path::new(path));
    }
    report
}

/// Runs the full check on its own read-only connection in a background thread (the TUI's
/// start-up must not wait for it). The receiver gets one result.
pub fn check_in_background(path: PathBuf) -> std::sync::mpsc::Receiver<Result<Report, OpenError>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = super::open_for_reading(&path).map(|conn| check(&conn, true));
        let _ = tx.send(result);
    });
    rx
}

fn collect_strings(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

fn foreign_keys(conn: &Connection) -> rusqlite::Result<Vec<ForeignKeyProblem>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok(ForeignKeyProblem {
            table: r.get(0)?,
            rowid: r.get(1)?,
            parent: r.get(2)?,
        })
    })?;
    rows.collect()
}

/// The triggers the schema of this database's version must have. The current schema's are
/// read from `schema.sql` itself, so a trigger added there is checked without a list to keep.
fn missing_guards(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let expected: Vec<String> = if version == super::LATEST_VERSION {
        trigger_names(super::SCHEMA_SQL)
    } else {
        trigger_names(super::V1_SQL)
    };
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")?;
    let present: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(expected
        .into_iter()
        .filter(|name| !present.contains(name))
        .collect())
}

fn trigger_names(sql: &str) -> Vec<String> {
    sql.lines()
        .filter_map(|line| line.trim_start().strip_prefix("CREATE TRIGGER "))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(|name| name.trim_start_matches("IF NOT EXISTS ").to_string())
        .collect()
}

/// The database and its companions that group or others may read.
pub fn loose_permissions(path: &Path) -> Vec<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut found = Vec::new();
        for suffix in ["", "-wal", "-shm"] {
            let file = companion(path, suffix);
            if std::fs::metadata(&file).is_ok_and(|m| m.permissions().mode() & 0o077 != 0) {
                found.push(file);
            }
        }
        found
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_triggers_are_found() {
        let names = trigger_names(super::super::SCHEMA_SQL);
        assert!(names.contains(&"audit_no_update".to_string()));
        assert!(names.contains(&"audit_no_delete".to_string()));
    }
}
