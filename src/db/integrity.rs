//! Is the database file sound? Two levels, so start-up stays fast on a ten-year database:
//!
//! - at every open, `read_header` (100 bytes and a `stat`: the SQLite magic, a sane page size,
//!   the page count against the file's length, so a truncated copy is caught) and
//!   `startup_check` (reads the schema pages only). Both only read.
//! - `check` (the `legaldesk check` command, and `check_in_background` for the TUI): SQLite's
//!   `quick_check` or full `integrity_check`, `foreign_key_check`, the append-only guards and
//!   the audit hash chain. It needs only a read-only connection.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::OpenError;
use crate::i18n::Lang;

/// The fields of the 100-byte SQLite header that the open-time check looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub page_size: u64,
    /// The page count recorded in the header, when SQLite marks it valid.
    pub pages: Option<u64>,
    pub user_version: i64,
    /// The file is in WAL mode (read/write versions 2).
    pub wal: bool,
    pub file_len: u64,
    /// The schema table on page 1 holds nothing and no write-ahead log could add to it: an
    /// empty database, not some other program's.
    pub schema_empty: bool,
}

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Reads and checks the header of `path`. `Ok(None)` for a missing or empty file (a new
/// database). `Err(Corrupt)` when the bytes cannot be a sound SQLite database: not the magic,
/// an impossible page size, or fewer bytes than the header says the database holds (a
/// truncated copy) while no write-ahead log could supply the rest.
pub fn read_header(path: &Path) -> Result<Option<Header>, OpenError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(super::open::io_error(path, e)),
    };
    let file_len = file
        .metadata()
        .map_err(|e| super::open::io_error(path, e))?
        .len();
    if file_len == 0 {
        return Ok(None);
    }
    let mut bytes = [0u8; 108];
    if file_len < 108 || file.read_exact(&mut bytes).is_err() {
        return Err(OpenError::Corrupt);
    }
    parse_header(&bytes, file_len, wal_has_frames(path)).map(Some)
}

/// The checks of `read_header` on bytes already read (separate so they can be unit-tested):
/// the 100-byte file header and the 8-byte b-tree header of page 1 (the schema table).
pub fn parse_header(
    bytes: &[u8; 108],
    file_len: u64,
    wal_has_frames: bool,
) -> Result<Header, OpenError> {
    if &bytes[..16] != MAGIC {
        return Err(OpenError::Corrupt);
    }
    let be32 =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => return Err(OpenError::Corrupt),
    };
    let (write_version, read_version) = (bytes[18], bytes[19]);
    if !(1..=2).contains(&write_version) || !(1..=2).contains(&read_version) {
        return Err(OpenError::Corrupt);
    }
    // Payload fractions are fixed by the file format.
    if bytes[21] != 64 || bytes[22] != 32 || bytes[23] != 32 {
        return Err(OpenError::Corrupt);
    }
    // The in-header size is valid only when the change counter matches version-valid-for.
    let pages = (be32(24) == be32(92) && be32(28) > 0).then(|| u64::from(be32(28)));
    // With frames in the WAL the main file may legitimately lag behind (a checkpoint cut
    // short by a crash is finished from the WAL at the next open), so only judge its length
    // when the main file alone must hold everything.
    if !wal_has_frames {
        if file_len % page_size != 0 {
            return Err(OpenError::Corrupt);
        }
        if let Some(pages) = pages {
            if pages * page_size > file_len {
                return Err(OpenError::Corrupt);
            }
        }
    }
    // Page 1's b-tree: 0x0D is a leaf table page; bytes 3–4 count its cells (schema rows).
    let leaf = bytes[100] == 0x0D;
    let cells = u16::from_be_bytes([bytes[103], bytes[104]]);
    Ok(Header {
        page_size,
        pages,
        user_version: i64::from(be32(60) as i32),
        wal: write_version == 2 && read_version == 2,
        file_len,
        schema_empty: leaf && cells == 0 && !wal_has_frames,
    })
}

/// A `-wal` file longer than its 32-byte header holds frames.
fn wal_has_frames(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 32)
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
            lines.push(match lang {
                Lang::Zh => format!("数据库文件损坏：{text}"),
                Lang::En => format!("the database file is damaged: {text}"),
            });
        }
        if self.integrity.len() > 20 {
            let more = self.integrity.len() - 20;
            lines.push(match lang {
                Lang::Zh => format!("……另有 {more} 处损坏"),
                Lang::En => format!("... and {more} more"),
            });
        }
        for fk in self.foreign_keys.iter().take(20) {
            let row = fk
                .rowid
                .map(|r| r.to_string())
                .unwrap_or_else(|| "?".into());
            lines.push(match lang {
                Lang::Zh => format!("表 {} 第 {row} 行引用的 {} 记录不存在", fk.table, fk.parent),
                Lang::En => format!(
                    "row {row} of table {} refers to a missing {} record",
                    fk.table, fk.parent
                ),
            });
        }
        if let Some(id) = self.audit_broken {
            lines.push(match lang {
                Lang::Zh => format!("操作日志第 {id} 条与其前一条的校验链不符：该条被改动过，或其前面有记录被删除"),
                Lang::En => format!("the audit log's hash chain breaks at row {id}: that row was altered, or a row before it was deleted"),
            });
        }
        for name in &self.missing_guards {
            lines.push(match lang {
                Lang::Zh => format!("数据库的保护触发器 {name} 缺失（有人直接改动过数据库文件）"),
                Lang::En => format!("the database's protective trigger {name} is missing (the file was edited by hand)"),
            });
        }
        for text in &self.errors {
            lines.push(match lang {
                Lang::Zh => format!("检查无法完成：{text}"),
                Lang::En => format!("the check could not finish: {text}"),
            });
        }
        if !lines.is_empty() {
            lines.push(if self.integrity.is_empty() && self.errors.is_empty() {
                lang.pick(
                    "数据本身可读，但记录已被改动；请保留此文件作为证据，并与最近的备份核对",
                    "the data is readable but records were tampered with; keep this file as evidence and compare it with the latest backup",
                )
                .to_string()
            } else {
                lang.pick(
                    "请停止使用该文件，从最近的备份（legaldesk backup 生成的文件）恢复",
                    "stop using this file and restore the latest backup (made by legaldesk backup)",
                )
                .to_string()
            });
        }
        lines
    }

    /// The line printed when everything is sound.
    pub fn summary(&self, lang: Lang) -> String {
        let kind = if self.full {
            lang.pick("完整检查", "full check")
        } else {
            lang.pick("快速检查", "quick check")
        };
        match lang {
            Lang::Zh => format!("数据库检查通过（{kind}）：文件完好，外键一致，操作日志链完整（{} 条）", self.audit_rows),
            Lang::En => format!(
                "the database passed the {kind}: file sound, foreign keys consistent, audit chain intact ({} rows)",
                self.audit_rows
            ),
        }
    }

    /// Warnings that do not make the check fail.
    pub fn warnings(&self, lang: Lang) -> Vec<String> {
        self.loose_permissions
            .iter()
            .map(|path| match lang {
                Lang::Zh => format!("注意：{} 可被其他用户读取，建议 chmod 600", path.display()),
                Lang::En => format!(
                    "note: {} is readable by other users; chmod 600 is advised",
                    path.display()
                ),
            })
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
    match crate::service::audit::first_broken_link(conn) {
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
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let file = PathBuf::from(name);
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

    fn header(page_size: u16, pages: u32, user_version: u32) -> [u8; 108] {
        let mut b = [0u8; 108];
        b[100] = 0x0D;
        b[..16].copy_from_slice(MAGIC);
        b[16..18].copy_from_slice(&page_size.to_be_bytes());
        b[18] = 2;
        b[19] = 2;
        b[21] = 64;
        b[22] = 32;
        b[23] = 32;
        b[24..28].copy_from_slice(&7u32.to_be_bytes());
        b[28..32].copy_from_slice(&pages.to_be_bytes());
        b[60..64].copy_from_slice(&user_version.to_be_bytes());
        b[92..96].copy_from_slice(&7u32.to_be_bytes());
        b
    }

    #[test]
    fn sound_header_is_read() {
        let h = parse_header(&header(4096, 3, 2), 3 * 4096, false).unwrap();
        assert_eq!(
            (h.page_size, h.pages, h.user_version, h.wal),
            (4096, Some(3), 2, true)
        );
    }

    #[test]
    fn truncation_is_corrupt_unless_the_wal_can_supply_it() {
        assert!(matches!(
            parse_header(&header(4096, 3, 2), 2 * 4096, false),
            Err(OpenError::Corrupt)
        ));
        assert!(matches!(
            parse_header(&header(4096, 3, 2), 2 * 4096 + 10, false),
            Err(OpenError::Corrupt)
        ));
        assert!(parse_header(&header(4096, 3, 2), 2 * 4096, true).is_ok());
    }

    #[test]
    fn an_empty_schema_is_told_from_a_used_one() {
        let empty = header(4096, 1, 0);
        assert!(parse_header(&empty, 4096, false).unwrap().schema_empty);
        // Frames in the log may hold a schema the main file does not show yet.
        assert!(!parse_header(&empty, 4096, true).unwrap().schema_empty);
        let mut used = header(4096, 1, 0);
        used[104] = 1;
        assert!(!parse_header(&used, 4096, false).unwrap().schema_empty);
    }

    #[test]
    fn garbage_is_corrupt() {
        let mut b = header(4096, 1, 2);
        b[0] = b'X';
        assert!(matches!(
            parse_header(&b, 4096, false),
            Err(OpenError::Corrupt)
        ));
        assert!(matches!(
            parse_header(&header(1000, 1, 2), 4096, false),
            Err(OpenError::Corrupt)
        ));
    }

    #[test]
    fn schema_triggers_are_found() {
        let names = trigger_names(super::super::SCHEMA_SQL);
        assert!(names.contains(&"audit_no_update".to_string()));
        assert!(names.contains(&"audit_no_delete".to_string()));
    }
}
