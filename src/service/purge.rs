//! Retention (个人信息保护法: keep personal data no longer than needed): `purge --before D`
//! anonymises the names, phones, ID numbers, summaries, adverse parties and desk notes of
//! visits dated before D, and the names and phones of the bookings of those dates. Only
//! closed dates qualify — an open day is still being worked and its tally not yet filed.
//! Codes, times, outcomes and amounts stay, so every tally and count of those dates is
//! unchanged. `secure_delete` zeroes the old bytes instead of leaving them
//! in free space, and a checkpoint moves the overwritten pages into the main file.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::{audit, authorize, write, Actor, Command, Problem, ServiceError};
use crate::domain::clock::parse_date;
use crate::domain::text::sanitize;
use crate::i18n::service::PurgeText;
use crate::i18n::{Lang, Words};

/// What a purge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeReport {
    pub before: NaiveDate,
    /// Business dates that had personal data and now have none.
    pub dates: usize,
    /// Visits that had any personal data (their own, their visitor's or a desk note).
    pub visits: usize,
    /// Visitor records emptied (a visitor who also came on or after the cut-off is kept).
    pub visitors: usize,
    pub notes: usize,
    /// Whether the write-ahead log was checkpointed and emptied, so no old page remains
    /// outside the main file. False when another terminal kept a read open meanwhile; the
    /// next checkpoint finishes the job.
    pub checkpointed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum PurgeError {
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("not a date: {0}")]
    BadDate(String),
    /// Dates before the cut-off that are not closed (first few, and how many in all).
    #[error("dates not closed: {dates:?}")]
    NotClosed { dates: Vec<String>, total: usize },
}

impl From<rusqlite::Error> for PurgeError {
    fn from(e: rusqlite::Error) -> Self {
        PurgeError::Service(e.into())
    }
}

impl PurgeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PurgeError::Service(e) => e.message(lang),
            PurgeError::BadDate(text) => PurgeText::BadDate(text.clone()).text(lang),
            PurgeError::NotClosed { dates, total } => PurgeText::NotClosed {
                dates: dates.clone(),
                total: *total,
            }
            .text(lang),
        }
    }
}

/// How many unclosed dates a refusal names.
const NAME_AT_MOST: usize = 5;

/// Anonymises every visit dated before `before` (a `YYYY-MM-DD` text). `by` is the supervisor
/// (closing days is theirs, and so is deciding what the closed days keep); `None` is the
/// machine's administrator at the command line.
pub fn purge(
    conn: &mut Connection,
    by: Option<&Actor>,
    before: &str,
    now: i64,
) -> Result<PurgeReport, PurgeError> {
    if let Some(actor) = by {
        authorize(actor, Command::CloseDay)?;
    }
    // The bad text is quoted back in the message: sanitised and cut, so a paste of escape
    // sequences is shown as text, and a 10 000-character one does not flood the screen.
    let cutoff = parse_date(before.trim())
        .ok_or_else(|| PurgeError::BadDate(sanitize(before.trim()).chars().take(20).collect()))?;
    let cutoff_text = cutoff.format("%Y-%m-%d").to_string();
    // Per connection, and it must be on before the transaction frees anything.
    conn.pragma_update(None, "secure_delete", "ON")?;
    let on: i64 = conn.query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
    if on != 1 {
        return Err(ServiceError::Invalid(Problem::SecureDelete).into());
    }
    let mut refused = None;
    let counts = write(conn, |tx| {
        let unclosed = unclosed_dates(tx, &cutoff_text)?;
        if !unclosed.is_empty() {
            refused = Some(PurgeError::NotClosed {
                total: unclosed.len(),
                dates: unclosed.into_iter().take(NAME_AT_MOST).collect(),
            });
            // Nothing was written yet; rolling back is just ending the transaction.
            return Err(ServiceError::Invalid(Problem::NotClosed));
        }
        let counts = anonymise(tx, &cutoff_text)?;
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "purge",
            "visit",
            None,
            &format!(
                "before {cutoff_text}: {} dates, {} visits, {} visitors, {} notes",
                counts.0, counts.1, counts.2, counts.3
            ),
        )?;
        Ok(counts)
    });
    let (dates, visits, visitors, notes) = match (counts, refused) {
        (_, Some(refusal)) => return Err(refusal),
        (result, None) => result?,
    };
    Ok(PurgeReport {
        before: cutoff,
        dates,
        visits,
        visitors,
        notes,
        checkpointed: checkpoint(conn),
    })
}

/// Dates before the cut-off with visits but no close.
fn unclosed_dates(tx: &Connection, cutoff: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT DISTINCT business_date FROM visits
          WHERE business_date < ?1 AND business_date NOT IN (SELECT business_date FROM day_closes)
          ORDER BY business_date",
    )?;
    let rows = stmt.query_map([cutoff], |r| r.get(0))?;
    rows.collect()
}

/// The anonymising updates; returns (dates, visits, visitors, notes) changed.
fn anonymise(tx: &Connection, cutoff: &str) -> rusqlite::Result<(usize, usize, usize, usize)> {
    // Only visits that still hold something: a second purge touches nothing.
    let (dates, visits): (Vec<String>, usize) = {
        let mut stmt = tx.prepare(
            "SELECT v.business_date, count(*) FROM visits v LEFT JOIN visitors p ON p.id = v.visitor_id
              WHERE v.business_date < ?1
                AND (v.summary IS NOT NULL OR v.adverse_name IS NOT NULL OR v.adverse_id IS NOT NULL
                     OR p.name <> '' OR p.phone IS NOT NULL OR p.id_type IS NOT NULL OR p.id_number IS NOT NULL
                     OR EXISTS (SELECT 1 FROM steps s WHERE s.visit_id = v.id AND s.note IS NOT NULL))
              GROUP BY v.business_date ORDER BY 1",
        )?;
        let rows: Vec<(String, i64)> = stmt
            .query_map([cutoff], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let visits = rows.iter().map(|(_, n)| *n as usize).sum();
        (rows.into_iter().map(|(d, _)| d).collect(), visits)
    };
    // Closed dates are read-only by trigger; like an amendment, this transaction opens them
    // for itself only (the rows are gone again before it commits).
    for date in &dates {
        tx.execute(
            "INSERT OR IGNORE INTO day_amending (business_date) VALUES (?1)",
            [date],
        )?;
    }
    // A visitor who also came on or after the cut-off keeps their data for that visit.
    let visitors = tx.execute(
        "UPDATE visitors SET name = '', phone = NULL, id_type = NULL, id_number = NULL
          WHERE id IN (SELECT visitor_id FROM visits WHERE business_date < ?1)
            AND id NOT IN (SELECT visitor_id FROM visits WHERE business_date >= ?1 AND visitor_id IS NOT NULL)
            AND (name <> '' OR phone IS NOT NULL OR id_type IS NOT NULL OR id_number IS NOT NULL)",
        [cutoff],
    )?;
    tx.execute(
        "UPDATE visits SET summary = NULL, adverse_name = NULL, adverse_id = NULL
          WHERE business_date < ?1 AND (summary IS NOT NULL OR adverse_name IS NOT NULL OR adverse_id IS NOT NULL)",
        [cutoff],
    )?;
    let notes = tx.execute(
        "UPDATE steps SET note = NULL
          WHERE note IS NOT NULL AND visit_id IN (SELECT id FROM visits WHERE business_date < ?1)",
        [cutoff],
    )?;
    // Bookings of those dates keep their slot, service and state (the tally's `appointments`)
    // but not who booked: the missed history of a phone number goes with it.
    tx.execute(
        "UPDATE appointments SET name = '', phone = '', phone_key = ''
          WHERE business_date < ?1 AND state <> 'booked' AND (name <> '' OR phone <> '' OR phone_key <> '')",
        [cutoff],
    )?;
    for date in &dates {
        tx.execute(
            "DELETE FROM day_amending WHERE business_date = ?1",
            params![date],
        )?;
    }
    Ok((dates.len(), visits, visitors, notes))
}

/// Copies every page into the main file and empties the WAL, so the old versions of the
/// overwritten pages are gone from both files. Waits (busy timeout) for other terminals'
/// short reads.
fn checkpoint(conn: &Connection) -> bool {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok_and(|busy| busy == 0)
}
