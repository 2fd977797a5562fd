//! `legaldesk import`: decode the file, read the header, check every row, then the steps of
//! each visit together, then against the database — and only when nothing at all is wrong,
//! write everything in one IMMEDIATE transaction. Any problem means nothing is written.

use rusqlite::{Connection, TransactionBehavior};

use super::columns::Layout;
use super::position::Rows;
use super::problem::{Problem, RowError};
use super::rows::{read_row, Row};
use super::{store, visits};
use crate::i18n::ledger::ImportText;
use crate::i18n::{Lang, Words};
use crate::service::settings::Settings;

/// Most problems listed in one report; the count is always complete.
pub const REPORT_MAX: usize = 200;

#[derive(Debug)]
pub enum ImportError {
    /// The file cannot be read.
    Io(String),
    /// Problems in the file, every one with its line (and column); nothing was written.
    Rows(Vec<RowError>),
    /// The database refused the write; nothing was written.
    Db(crate::service::ServiceError),
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Db(e.into())
    }
}

impl ImportError {
    /// The full report: a summary line, then one line per problem (at most `REPORT_MAX`).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Io(detail) => ImportText::Unreadable(detail.clone()).text(lang),
            ImportError::Rows(errors) => {
                let mut text = ImportText::Failed {
                    problems: errors.len(),
                }
                .text(lang);
                for error in errors.iter().take(REPORT_MAX) {
                    text.push('\n');
                    text.push_str(&error.text(lang));
                }
                if errors.len() > REPORT_MAX {
                    text.push('\n');
                    let unlisted = errors.len() - REPORT_MAX;
                    text.push_str(&ImportText::More { unlisted }.text(lang));
                }
                text
            }
            ImportError::Db(e) => e.message(lang),
        }
    }
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub rows: usize,
    pub visits: usize,
    pub dates: usize,
    pub windows_created: Vec<String>,
    pub staff_created: Vec<String>,
}

/// Checks `text` (a whole ledger) and, when every row is good, writes it all.
pub fn import(
    conn: &mut Connection,
    text: &str,
    settings: &Settings,
    now: i64,
) -> Result<ImportReport, ImportError> {
    let rows = parse(text, settings)?;
    let visits = visits::group(&rows).map_err(ImportError::Rows)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let problems = store::check_database(&tx, &rows, &visits)?;
    if !problems.is_empty() {
        return Err(ImportError::Rows(problems));
    }
    let report = store::write(&tx, &rows, &visits, settings, now)?;
    tx.commit()?;
    Ok(report)
}

/// Reads the header and every row; all problems of the file, in line order. A line is the
/// row a spreadsheet shows (`position`), not the csv reader's count of text lines, which
/// differs for CR LF files and for cells spanning several lines.
fn parse(text: &str, settings: &Settings) -> Result<Vec<Row>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut positions = Rows::new(text);
    let mut records = reader.records();
    let (header, header_line) = match records.next() {
        None => {
            return Err(ImportError::Rows(vec![RowError::new(
                1,
                None,
                Problem::NoHeader,
            )]))
        }
        Some(Err(e)) => return Err(ImportError::Rows(vec![csv_error(&e, &mut positions)])),
        Some(Ok(record)) => {
            let line = line_of(&record, &mut positions);
            (record, line)
        }
    };
    let layout = Layout::read(&header, header_line).map_err(ImportError::Rows)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(csv_error(&e, &mut positions));
                continue;
            }
        };
        let line = line_of(&record, &mut positions);
        if record.len() != layout.len {
            errors.push(RowError::new(
                line,
                None,
                Problem::FieldCount {
                    expected: layout.len,
                    found: record.len(),
                },
            ));
            continue;
        }
        match read_row(&layout, &record, line, settings.zone) {
            Ok(row) => rows.push(row),
            Err(mut problems) => errors.append(&mut problems),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(ImportError::Rows(errors))
    }
}

/// The spreadsheet row of a record just read (and its cells noted for the rows after it).
fn line_of(record: &csv::StringRecord, positions: &mut Rows) -> u64 {
    let start = record.position().map_or(0, |p| p.byte());
    let line = positions.row_of(start);
    positions.read(record);
    line
}

fn csv_error(e: &csv::Error, positions: &mut Rows) -> RowError {
    let start = e.position().map_or(0, |p| p.byte());
    RowError::new(positions.row_of(start), None, Problem::Csv(e.to_string()))
}
