//! Booking and cancelling. The rules of SPEC §11 are checked in one transaction with the
//! write, so two terminals (or a terminal and the 12348 operator's command line) booking the
//! last place of a slot at the same moment cannot both get it. Each refusal says why and
//! offers the nearest free slots of the same service.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection};

use super::{authorize_by, date_text, load, missed_before, problem, time_text, Missed, NAME_MAX};
use crate::domain::appointment::{parse_time, phone_key, ApptState, BookingChannel, Rules, Slot};
use crate::domain::calendar::Calendar;
use crate::domain::codes::Service;
use crate::domain::text::{clean_phone, clean_text, sanitize};
use crate::i18n::appointments::{ApptProblem, Refusal};
use crate::service::settings::Settings;
use crate::service::{audit, write, Actor, ServiceError};

/// How many free slots a refusal offers.
pub const OFFERS: usize = 3;

/// A booking as typed (the date and time as text, checked here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookInput {
    pub date: String,
    pub time: String,
    pub service: Service,
    pub name: String,
    pub phone: String,
    pub channel: BookingChannel,
}

/// A booking made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booked {
    pub id: i64,
    pub slot: Slot,
    pub service: Service,
    /// The same phone number's earlier missed bookings: a warning for the operator.
    pub missed: Missed,
    /// The day has no published holiday arrangement yet: it was counted Monday to Friday.
    pub unpublished: bool,
}

/// A typed date must be exactly `YYYY-MM-DD` and exist.
fn parse_day(text: &str) -> Result<NaiveDate, ServiceError> {
    let trimmed = text.trim();
    crate::domain::clock::parse_date(trimmed)
        .filter(|_| trimmed.len() == 10)
        .ok_or_else(|| {
            problem(ApptProblem::BadDate {
                text: shown(trimmed),
            })
        })
}

fn parse_slot_time(text: &str) -> Result<NaiveTime, ServiceError> {
    parse_time(text).ok_or_else(|| {
        problem(ApptProblem::BadTime {
            text: shown(text.trim()),
        })
    })
}

/// Typed text quoted back in a message: sanitised and short.
fn shown(text: &str) -> String {
    sanitize(text).chars().take(20).collect()
}

/// Bookings that hold a place: cancelled and missed ones do not.
const HOLDS_A_PLACE: &str = "state IN ('booked', 'checked_in')";

/// Every slot of `service` bookable on `today` that still has room and is not on a day this
/// phone already booked the service (the candidates a refusal offers).
pub fn free_slots(
    conn: &Connection,
    rules: &Rules,
    calendar: &Calendar,
    today: NaiveDate,
    service: Service,
    phone_key: &str,
) -> rusqlite::Result<Vec<Slot>> {
    let last = rules.last_day(calendar, today);
    let range = params![service, date_text(today), date_text(last)];
    let mut taken: HashMap<(String, String), u32> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT business_date, slot_start, count(*) FROM appointments
          WHERE service = ?1 AND business_date > ?2 AND business_date <= ?3 AND {HOLDS_A_PLACE}
          GROUP BY business_date, slot_start"
    ))?;
    for row in stmt.query_map(range, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
        let (date, time, n) = row?;
        taken.insert((date, time), n);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT business_date FROM appointments
          WHERE phone_key = ?4 AND service = ?1 AND business_date > ?2 AND business_date <= ?3
            AND {HOLDS_A_PLACE}"
    ))?;
    let own_days: HashSet<String> = stmt
        .query_map(
            params![service, date_text(today), date_text(last), phone_key],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rules
        .bookable(calendar, today)
        .into_iter()
        .filter(|slot| {
            let date = date_text(slot.date);
            let n = taken
                .get(&(date.clone(), time_text(slot.time)))
                .copied()
                .unwrap_or(0);
            n < rules.quota && !own_days.contains(&date)
        })
        .collect())
}

/// Books a slot. `by` is the person signed in, or `None` for the command line.
pub fn book(
    conn: &mut Connection,
    by: Option<&Actor>,
    input: &BookInput,
    settings: &Settings,
    now: i64,
) -> Result<Booked, ServiceError> {
    authorize_by(by)?;
    let name = clean_text(&input.name, true, NAME_MAX)
        .map_err(ServiceError::field(super::super::FieldName::Name))?;
    let phone =
        clean_phone(&input.phone).map_err(ServiceError::field(super::super::FieldName::Phone))?;
    if phone.is_empty() {
        return Err(problem(ApptProblem::PhoneRequired));
    }
    let key = phone_key(&phone);
    let date = parse_day(&input.date)?;
    let time = parse_slot_time(&input.time)?;
    let slot = Slot { date, time };
    let service = input.service;
    let rules = &settings.appointments;
    let calendar = &settings.calendar;
    let today = settings.zone.business_date(now);
    write(conn, |tx| {
        let refuse = |why: Refusal| -> ServiceError {
            match free_slots(tx, rules, calendar, today, service, &key) {
                Ok(free) => problem(ApptProblem::Refused {
                    why,
                    offers: crate::domain::appointment::nearest(&free, slot.at(), OFFERS),
                }),
                Err(e) => e.into(),
            }
        };
        if let Err(why) = rules.check_day(calendar, today, date) {
            return Err(refuse(Refusal::Day { date, why }));
        }
        if !rules.is_slot(time) {
            return Err(refuse(Refusal::NotASlot {
                time,
                slot_min: rules.slot_min,
                hours: rules.open_hours.text(),
            }));
        }
        let same_phone: Option<String> = tx
            .prepare_cached(&format!(
                "SELECT MIN(slot_start) FROM appointments
                  WHERE phone_key = ?1 AND service = ?2 AND business_date = ?3 AND {HOLDS_A_PLACE}"
            ))?
            .query_row(params![key, service, date_text(date)], |r| r.get(0))?;
        if let Some(booked_at) = same_phone.and_then(|t| parse_time(&t)) {
            return Err(refuse(Refusal::PhoneTaken {
                slot: Slot {
                    date,
                    time: booked_at,
                },
                service,
            }));
        }
        let in_slot: u32 = tx
            .prepare_cached(&format!(
                "SELECT count(*) FROM appointments
                  WHERE business_date = ?1 AND slot_start = ?2 AND service = ?3 AND {HOLDS_A_PLACE}"
            ))?
            .query_row(params![date_text(date), time_text(time), service], |r| {
                r.get(0)
            })?;
        if in_slot >= rules.quota {
            return Err(refuse(Refusal::SlotFull {
                slot,
                service,
                quota: rules.quota,
            }));
        }
        tx.prepare_cached(
            "INSERT INTO appointments (business_date, slot_start, service, name, phone, phone_key,
                                       channel, state, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'booked', ?8, ?9)",
        )?
        .execute(params![
            date_text(date),
            time_text(time),
            service,
            name,
            phone,
            key,
            input.channel,
            now,
            by.map(|a| a.staff_id)
        ])?;
        let id = tx.last_insert_rowid();
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "book_appointment",
            "appointment",
            Some(id),
            &format!(
                "{} {} {} {}",
                date_text(date),
                time_text(time),
                service.code(),
                input.channel.code()
            ),
        )?;
        Ok(Booked {
            id,
            slot,
            service,
            missed: missed_before(tx, &key, date)?,
            unpublished: !calendar.is_published(date),
        })
    })
}

/// Cancels a booking that is still `booked`.
pub fn cancel(
    conn: &mut Connection,
    by: Option<&Actor>,
    id: i64,
    now: i64,
) -> Result<(), ServiceError> {
    authorize_by(by)?;
    write(conn, |tx| {
        let record = load(tx, id)?;
        if record.state != ApptState::Booked {
            return Err(problem(ApptProblem::NotBooked {
                state: record.state,
            }));
        }
        let changed = tx
            .prepare_cached(
                "UPDATE appointments SET state = 'cancelled', cancelled_at = ?2, cancelled_by = ?3
                  WHERE id = ?1 AND state = 'booked'",
            )?
            .execute(params![id, now, by.map(|a| a.staff_id)])?;
        if changed != 1 {
            return Err(ServiceError::AlreadyTaken);
        }
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "cancel_appointment",
            "appointment",
            Some(id),
            &format!(
                "{} {} {}",
                date_text(record.slot.date),
                time_text(record.slot.time),
                record.service.code()
            ),
        )?;
        Ok(())
    })
}
