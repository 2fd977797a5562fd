//! Appointments (预约, SPEC §11): booked at the front desk or from the command line for the
//! 12348 operator, checked in at the front desk (the ticket is issued through intake), turned
//! into `missed` at the day close. Each command runs in one IMMEDIATE transaction with its
//! audit row. Audit details carry dates, slots and codes — never the visitor's name or phone.

mod book;
mod check_in;
mod list;
pub mod settings;
mod unmask;

pub use book::{book, cancel, free_slots, BookInput, Booked};

use crate::i18n::appointments::ApptNote;

impl Booked {
    /// What the operator is told: the booking, then any warnings (earlier missed bookings,
    /// a day without a published holiday arrangement). Warnings never refuse (SPEC §11).
    pub fn notes(&self) -> Vec<ApptNote> {
        let mut notes = vec![ApptNote::Booked {
            id: self.id,
            slot: self.slot,
            service: self.service,
        }];
        if let (true, Some(last)) = (self.missed.count > 0, self.missed.last) {
            notes.push(ApptNote::MissedBefore {
                count: self.missed.count,
                last,
            });
        }
        if self.unpublished {
            notes.push(ApptNote::Unpublished {
                date: self.slot.date,
            });
        }
        notes
    }
}
pub use check_in::{check_in, CheckedIn};
pub use list::{list_day, ApptRow, DayCounts};
pub use unmask::{unmask_appointment, unmask_day, UnmaskedAppt};

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension};

use super::{authorize, Actor, Command, ServiceError};
use crate::domain::appointment::{ApptState, Slot};
use crate::domain::codes::Service;
use crate::i18n::appointments::ApptProblem;

/// Longest name kept (the same as intake's, so a check-in never fails on it).
pub const NAME_MAX: usize = super::intake::NAME_MAX;

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn problem(p: ApptProblem) -> ServiceError {
    ServiceError::Appointment(p)
}

/// The command line acts as the machine's administrator (`None`); a signed-in person needs a
/// role that books.
fn authorize_by(by: Option<&Actor>) -> Result<(), ServiceError> {
    match by {
        Some(actor) => authorize(actor, Command::Appointments),
        None => Ok(()),
    }
}

/// One stored booking, as the commands need it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    id: i64,
    slot: Slot,
    service: Service,
    name: String,
    phone: String,
    state: ApptState,
}

fn load(tx: &Connection, id: i64) -> Result<Record, ServiceError> {
    let row = tx
        .prepare_cached(
            "SELECT id, business_date, slot_start, service, name, phone, state
               FROM appointments WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Service>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, ApptState>(6)?,
            ))
        })
        .optional()?
        .ok_or(ServiceError::NotFound)?;
    let (id, date, time, service, name, phone, state) = row;
    // Rows are written only by this module, so a bad date or time is a damaged file.
    let slot = Slot {
        date: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|_| ServiceError::Invalid(crate::service::Problem::AppointmentRow))?,
        time: NaiveTime::parse_from_str(&time, "%H:%M")
            .map_err(|_| ServiceError::Invalid(crate::service::Problem::AppointmentRow))?,
    };
    Ok(Record {
        id,
        slot,
        service,
        name,
        phone,
        state,
    })
}

/// The day close (SPEC §11): every booking of `date` still `booked` becomes `missed`, inside
/// the close's own transaction. Returns how many.
pub fn mark_missed(tx: &Connection, date: NaiveDate) -> rusqlite::Result<usize> {
    tx.prepare_cached(
        "UPDATE appointments SET state = 'missed' WHERE business_date = ?1 AND state = 'booked'",
    )?
    .execute([date_text(date)])
}

/// Earlier missed bookings of a phone number: how many, and the last one's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Missed {
    pub count: u32,
    pub last: Option<NaiveDate>,
}

/// The bookings of `phone_key` missed before `before`.
pub fn missed_before(
    conn: &Connection,
    phone_key: &str,
    before: NaiveDate,
) -> rusqlite::Result<Missed> {
    let (count, last): (u32, Option<String>) = conn
        .prepare_cached(
            "SELECT count(*), MAX(business_date) FROM appointments
              WHERE phone_key = ?1 AND state = 'missed' AND business_date < ?2",
        )?
        .query_row(rusqlite::params![phone_key, date_text(before)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(Missed {
        count,
        last: last.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
    })
}
