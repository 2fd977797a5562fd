//! Unmasking bookings (SPEC §4, §11): names and phones are masked on the appointments screen
//! and in `appoint list`; only a supervisor (or the command line, acting as the machine's
//! administrator) sees them in full, after giving a reason. The audit row is written in the
//! same transaction that reads the data, so there is no look without its trace.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::list::{day_rows, ApptRow};
use super::{date_text, load, time_text};
use crate::domain::text::sanitize;
use crate::service::unmask::clean_reason;
use crate::service::{audit, authorize, write, Actor, Command, ServiceError};

/// One booking's personal data in full, sanitised for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmaskedAppt {
    pub id: i64,
    pub name: String,
    pub phone: String,
}

/// Only the supervisor unmasks; the command line (`None`) is the administrator. A refusal
/// comes before the booking is looked up, so it does not tell whether the booking exists.
fn authorize_unmask(by: Option<&Actor>) -> Result<(), ServiceError> {
    match by {
        Some(actor) => authorize(actor, Command::Unmask),
        None => Ok(()),
    }
}

/// One booking in full, with the reason audited.
pub fn unmask_appointment(
    conn: &mut Connection,
    by: Option<&Actor>,
    id: i64,
    reason: &str,
    now: i64,
) -> Result<UnmaskedAppt, ServiceError> {
    authorize_unmask(by)?;
    let reason = clean_reason(reason)?;
    write(conn, |tx| {
        let record = load(tx, id)?;
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "unmask",
            "appointment",
            Some(id),
            &format!(
                "{} {} {reason}",
                date_text(record.slot.date),
                time_text(record.slot.time)
            ),
        )?;
        Ok(UnmaskedAppt {
            id: record.id,
            name: sanitize(&record.name),
            phone: sanitize(&record.phone),
        })
    })
}

/// A whole day's bookings in full (`appoint list --unmask`), with one audit row for the
/// listing that names the date, how many bookings it showed and the reason.
pub fn unmask_day(
    conn: &mut Connection,
    by: Option<&Actor>,
    date: NaiveDate,
    reason: &str,
    now: i64,
) -> Result<Vec<ApptRow>, ServiceError> {
    authorize_unmask(by)?;
    let reason = clean_reason(reason)?;
    write(conn, |tx| {
        let rows = day_rows(tx, date, None, false)?;
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "unmask",
            "appointment",
            None,
            &format!("{} list {} {reason}", date_text(date), rows.len()),
        )?;
        Ok(rows)
    })
}
