//! Runs the appointments screen's effects against the service layer.

use rusqlite::Connection;

use super::{ApptEffect, ApptOutcome};
use crate::app::state::State;
use crate::i18n::appointment_text::ScreenNote;
use crate::i18n::appointments::ApptNote;
use crate::i18n::Lang;
use crate::service::{appointments, authorize, Command, ServiceError};

/// A refusal as the screen carries it: the appointments' own problems typed, anything else
/// in both languages.
fn note_of(error: ServiceError) -> ScreenNote {
    match error {
        ServiceError::Appointment(problem) => ScreenNote::Problem(problem),
        other => ScreenNote::Failed {
            zh: other.message(Lang::Zh),
            en: other.message(Lang::En),
        },
    }
}

pub fn perform(conn: &mut Connection, state: &State, effect: ApptEffect, now: i64) -> ApptOutcome {
    let Some(actor) = state.actor.as_ref() else {
        return ApptOutcome::Failed(note_of(ServiceError::Denied));
    };
    let settings = &state.settings;
    let result = match effect {
        ApptEffect::Load { date, find } => {
            return match load(conn, state, date, find, now) {
                Ok(outcome) => outcome,
                Err(e) => ApptOutcome::Failed(note_of(e)),
            }
        }
        ApptEffect::Book(input) => {
            appointments::book(conn, Some(actor), &input, settings, now).map(|b| b.notes())
        }
        ApptEffect::CheckIn { id, lane, matter } => {
            return match appointments::check_in(conn, actor, id, lane, matter, settings, now) {
                Ok(checked) => ApptOutcome::CheckedIn {
                    step_id: checked.issued.step_id,
                    notes: vec![ApptNote::CheckedIn {
                        ticket: checked.issued.ticket,
                        on_time: checked.on_time,
                        minutes: checked.minutes,
                    }],
                },
                Err(e) => ApptOutcome::Failed(note_of(e)),
            };
        }
        ApptEffect::Cancel(id) => appointments::cancel(conn, Some(actor), id, now)
            .map(|()| vec![ApptNote::Cancelled { id }]),
        ApptEffect::Unmask { id, reason } => {
            return match appointments::unmask_appointment(conn, Some(actor), id, &reason, now) {
                Ok(record) => ApptOutcome::Unmasked(record),
                Err(e) => ApptOutcome::Failed(note_of(e)),
            }
        }
    };
    match result {
        Ok(notes) => ApptOutcome::Done(notes),
        Err(e) => ApptOutcome::Failed(note_of(e)),
    }
}

/// A day's bookings for the signed-in person (the roles that book may see them).
pub fn load(
    conn: &Connection,
    state: &State,
    date: chrono::NaiveDate,
    find: Option<String>,
    now: i64,
) -> Result<ApptOutcome, ServiceError> {
    let actor = state.actor.as_ref().ok_or(ServiceError::Denied)?;
    authorize(actor, Command::Appointments)?;
    let rows = appointments::list_day(conn, date, find.as_deref())?;
    Ok(ApptOutcome::Loaded {
        date,
        today: state.settings.zone.business_date(now),
        find,
        rows,
    })
}
