//! Day close (日结). A supervisor closes a business date: every step still open becomes
//! `unfinished`, the tally is computed and stored as a frozen snapshot, and the date's visits
//! and steps become read-only — enforced by triggers in the database (schema v2). A
//! correction after close is an amendment: it opens the date inside its own transaction only,
//! re-issues the snapshot as the next version, and leaves an audit row with its reason.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::settings::{self, Settings};
use super::{audit, authorize, write, Actor, Command, FieldName, Problem, ServiceError};
use crate::domain::text::clean_text;
use crate::tally::{self, load::date_text, Tally};

/// Longest amendment reason.
pub const REASON_MAX: usize = 200;

/// What a close or an amendment did.
#[derive(Debug, Clone, PartialEq)]
pub struct CloseReport {
    pub date: NaiveDate,
    /// Snapshot version stored: 1 for the close, higher for amendments.
    pub version: i64,
    /// Tickets that had steps turned into `unfinished`.
    pub made_unfinished: Vec<String>,
    /// How many steps were turned into `unfinished`.
    pub steps_unfinished: usize,
    /// How many of the date's bookings still `booked` became `missed` (SPEC §11).
    pub appointments_missed: usize,
    /// The snapshot as stored.
    pub tally: Tally,
}

const OPEN_STEPS_SQL: &str = "SELECT s.id, v.ticket FROM visits v JOIN steps s ON s.visit_id = v.id
  WHERE v.business_date = ?1 AND s.status IN ('waiting', 'called', 'serving', 'on_hold')
  ORDER BY v.ticket, s.seq";

fn open_steps(conn: &Connection, date: NaiveDate) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(OPEN_STEPS_SQL)?;
    let rows = stmt.query_map([date_text(date)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// The tickets of `date` with a step still open (shown before closing).
pub fn open_tickets(conn: &Connection, date: NaiveDate) -> rusqlite::Result<Vec<String>> {
    let mut tickets: Vec<String> = open_steps(conn, date)?
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    tickets.dedup();
    Ok(tickets)
}

/// Turns every open step of `date` into `unfinished`; returns the step count and tickets.
fn finish_open_steps(tx: &Connection, date: NaiveDate) -> rusqlite::Result<(usize, Vec<String>)> {
    let open = open_steps(tx, date)?;
    let mut stmt = tx.prepare_cached("UPDATE steps SET status = 'unfinished' WHERE id = ?1")?;
    for (id, _) in &open {
        stmt.execute([id])?;
    }
    let count = open.len();
    let mut tickets: Vec<String> = open.into_iter().map(|(_, t)| t).collect();
    tickets.dedup();
    Ok((count, tickets))
}

fn authorize_by(by: Option<&Actor>) -> Result<(), ServiceError> {
    match by {
        Some(actor) => authorize(actor, Command::CloseDay),
        None => Ok(()),
    }
}

/// Computes the tally inside the transaction and stores it as the next version.
fn store_snapshot(
    tx: &Connection,
    settings: &Settings,
    by: Option<&Actor>,
    date: NaiveDate,
    reason: Option<&str>,
    now: i64,
) -> Result<(i64, Tally), ServiceError> {
    let mut tally = tally::compute_range(tx, settings, date, date)?;
    // The row written below is what makes the date closed; the snapshot says so already.
    tally.closed = true;
    let version: i64 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM day_closes WHERE business_date = ?1",
        [date_text(date)],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO day_closes (business_date, version, closed_at, closed_by, tally_json, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![date_text(date), version, now, by.map(|a| a.staff_id), tally.to_json(), reason],
    )?;
    Ok((version, tally))
}

/// Closes `date`. `by` is the supervisor doing it; `None` means the command line (the
/// machine's administrator). A date is closed once; a future date cannot be closed.
pub fn close_day(
    conn: &mut Connection,
    by: Option<&Actor>,
    date: NaiveDate,
    now: i64,
) -> Result<CloseReport, ServiceError> {
    authorize_by(by)?;
    let settings = settings::load(conn)?;
    if date > settings.zone.business_date(now) {
        return Err(ServiceError::Invalid(Problem::CloseFuture));
    }
    write(conn, |tx| {
        if tally::snapshot::is_closed(tx, date)? {
            return Err(ServiceError::DateClosed);
        }
        let (steps_unfinished, made_unfinished) = finish_open_steps(tx, date)?;
        // Supplements not received by their deadline lapse (视为撤回) before the figures
        // are frozen.
        super::aid::apply_lapses(tx, settings.zone.business_date(now), now)?;
        // Before the snapshot, so the filed tally counts them as missed.
        let appointments_missed = super::appointments::mark_missed(tx, date)?;
        let (version, tally) = store_snapshot(tx, &settings, by, date, None, now)?;
        let detail = format!(
            "{} v{version} unfinished={} missed_appointments={appointments_missed}",
            date_text(date),
            made_unfinished.join(",")
        );
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "close_day",
            "day",
            None,
            &detail,
        )?;
        Ok(CloseReport {
            date,
            version,
            made_unfinished,
            steps_unfinished,
            appointments_missed,
            tally,
        })
    })
}

/// Corrects a closed date: `edit` runs with the date opened for this transaction only, then
/// the snapshot is re-issued as the next version and the amendment is audited with `reason`.
/// Anything `edit` leaves open becomes `unfinished` again. If `edit` fails nothing changes.
pub fn amend_day(
    conn: &mut Connection,
    by: Option<&Actor>,
    date: NaiveDate,
    reason: &str,
    now: i64,
    edit: impl FnOnce(&Connection) -> Result<(), ServiceError>,
) -> Result<CloseReport, ServiceError> {
    authorize_by(by)?;
    let reason =
        clean_text(reason, true, REASON_MAX).map_err(ServiceError::field(FieldName::Reason))?;
    let settings = settings::load(conn)?;
    write(conn, |tx| {
        if !tally::snapshot::is_closed(tx, date)? {
            return Err(ServiceError::NotFound);
        }
        tx.execute(
            "INSERT INTO day_amending (business_date) VALUES (?1)",
            [date_text(date)],
        )?;
        edit(tx)?;
        let (steps_unfinished, made_unfinished) = finish_open_steps(tx, date)?;
        tx.execute(
            "DELETE FROM day_amending WHERE business_date = ?1",
            [date_text(date)],
        )?;
        let (version, tally) = store_snapshot(tx, &settings, by, date, Some(&reason), now)?;
        let detail = format!("{} v{version} {reason}", date_text(date));
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "amend_day",
            "day",
            None,
            &detail,
        )?;
        Ok(CloseReport {
            date,
            version,
            made_unfinished,
            steps_unfinished,
            appointments_missed: 0,
            tally,
        })
    })
}

/// Audits a printout or an export of a tally (SPEC §3: every print is an audit row).
pub fn record_print(
    conn: &mut Connection,
    by: Option<&Actor>,
    from: NaiveDate,
    to: NaiveDate,
    what: &str,
    now: i64,
) -> Result<(), ServiceError> {
    write(conn, |tx| {
        let detail = format!("{}..{} {what}", date_text(from), date_text(to));
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "print_tally",
            "day",
            None,
            &detail,
        )?;
        Ok(())
    })
}
