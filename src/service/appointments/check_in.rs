//! Check-in at the front desk (SPEC §11): the booking becomes a ticket with channel
//! `appointment`, issued by intake in the same transaction that marks the booking. Inside the
//! window around the slot start (`checkin_before_min` before to `checkin_after_min` after) it
//! is `on_time`, and the queue lets its first step wait as priority (see
//! `domain::queue::QueueEntry::booked`); outside it, it waits as a normal ticket.

use rusqlite::{params, Connection};

use super::{date_text, load, problem, time_text};
use crate::domain::appointment::ApptState;
use crate::domain::codes::{Channel, Lane, Matter};
use crate::i18n::appointments::ApptProblem;
use crate::service::intake::{self, IntakeInput, Issued, VisitOrigin};
use crate::service::settings::Settings;
use crate::service::{audit, authorize, write, Actor, Command, ServiceError};

/// A check-in: the ticket issued, and whether it kept the booking's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedIn {
    pub issued: Issued,
    pub on_time: bool,
    /// Minutes from the slot start to the check-in (negative: early).
    pub minutes: i64,
}

/// Checks a booking of today in. The front desk gives the lane and the matter as at intake
/// (a booked visitor may be elderly, or a migrant worker, like anyone else).
pub fn check_in(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    lane: Lane,
    matter: Matter,
    settings: &Settings,
    now: i64,
) -> Result<CheckedIn, ServiceError> {
    authorize(actor, Command::Appointments)?;
    authorize(actor, Command::IssueTicket)?;
    let today = settings.zone.business_date(now);
    write(conn, |tx| {
        let record = load(tx, id)?;
        if record.state != ApptState::Booked {
            return Err(problem(ApptProblem::NotBooked {
                state: record.state,
            }));
        }
        if record.slot.date != today {
            return Err(problem(ApptProblem::NotToday {
                date: record.slot.date,
            }));
        }
        let input = IntakeInput {
            service: record.service,
            name: record.name.clone(),
            phone: record.phone.clone(),
            channel: Channel::Appointment,
            lane,
            matter,
            ..IntakeInput::default()
        };
        let clean = intake::check(&input)?;
        let issued = intake::insert_visit(tx, actor, &clean, settings, now, VisitOrigin::Live)?;
        let start = settings
            .zone
            .instant_of(record.slot.at())
            .ok_or(ServiceError::Invalid(
                crate::service::Problem::AppointmentRow,
            ))?;
        let on_time = settings.appointments.on_time(start, now);
        mark_checked_in(tx, id, issued.visit_id, now, on_time)?;
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "check_in_appointment",
            "appointment",
            Some(id),
            &format!(
                "{} {} {} {} on_time={}",
                date_text(record.slot.date),
                time_text(record.slot.time),
                record.service.code(),
                issued.ticket,
                u8::from(on_time)
            ),
        )?;
        Ok(CheckedIn {
            issued,
            on_time,
            minutes: (now - start).div_euclid(60),
        })
    })
}

fn mark_checked_in(
    tx: &Connection,
    id: i64,
    visit_id: i64,
    now: i64,
    on_time: bool,
) -> Result<(), ServiceError> {
    let changed = tx
        .prepare_cached(
            "UPDATE appointments SET state = 'checked_in', visit_id = ?2, checked_in_at = ?3, on_time = ?4
              WHERE id = ?1 AND state = 'booked'",
        )?
        .execute(params![id, visit_id, now, on_time])?;
    if changed == 1 {
        Ok(())
    } else {
        Err(ServiceError::AlreadyTaken)
    }
}
