//! The stored application, read with its visit, and its due dates as of any date.

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::super::settings::Settings;
use super::super::{audit, Actor, ServiceError};
use super::{date_text, day_count, decision_days, parse, ASSIGN_DAYS};
use crate::domain::aid::{AdvanceGround, AidState, Material, RefusalReason};
use crate::domain::codes::Matter;
use crate::domain::due::{due_date, Due, Pause};
use crate::domain::privacy::mask_name;
use crate::domain::text::sanitize;

/// The supplement request of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplement {
    pub materials: Vec<Material>,
    pub note: String,
    pub requested: NaiveDate,
    pub deadline: NaiveDate,
    pub received: Option<NaiveDate>,
}

/// One application as stored, with the visit facts a desk needs (name already masked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub step_id: i64,
    pub ticket: String,
    pub visit_date: String,
    pub applicant: String,
    pub has_id: bool,
    pub matter: Matter,
    pub received_at: i64,
    pub received: NaiveDate,
    pub state: AidState,
    pub supplement: Option<Supplement>,
    pub decision: Option<AidState>,
    pub decided: Option<NaiveDate>,
    pub decision_due_frozen: Option<NaiveDate>,
    pub refusal: Option<(RefusalReason, String)>,
    pub assign_due_frozen: Option<NaiveDate>,
    pub assigned: Option<NaiveDate>,
    pub assignee: Option<String>,
    pub withdrawn: Option<NaiveDate>,
    pub lapsed: bool,
    pub advance: Option<(AdvanceGround, String)>,
}

pub(super) const COLUMNS: &str = "a.id, a.step_id, v.ticket, v.business_date, COALESCE(p.name, ''),
    p.id_number IS NOT NULL AND p.id_number <> '', v.matter, a.received_at, a.received_date, a.state,
    a.supplement_materials, a.supplement_note, a.supplement_requested_date, a.supplement_deadline,
    a.supplement_received_date, a.decision, a.decided_date, a.decision_due, a.refusal_reason,
    a.refusal_note, a.assign_due, a.assigned_date, a.assignee, a.withdrawn_date, a.lapsed,
    a.advance_ground, a.advance_note
  FROM aid_applications a
  JOIN steps s ON s.id = a.step_id
  JOIN visits v ON v.id = s.visit_id
  LEFT JOIN visitors p ON p.id = v.visitor_id";

pub(super) fn read(r: &Row) -> rusqlite::Result<Application> {
    let text = |i: usize| -> rusqlite::Result<String> {
        Ok(sanitize(
            &r.get::<_, Option<String>>(i)?.unwrap_or_default(),
        ))
    };
    let supplement = match (parse(r.get(12)?), parse(r.get(13)?)) {
        (Some(requested), Some(deadline)) => Some(Supplement {
            materials: text(10)?
                .split(',')
                .filter_map(|c| Material::from_code(c.trim()))
                .collect(),
            note: text(11)?,
            requested,
            deadline,
            received: parse(r.get(14)?),
        }),
        _ => None,
    };
    let refusal = r
        .get::<_, Option<String>>(18)?
        .and_then(|c| RefusalReason::from_code(&c))
        .map(|reason| Ok::<_, rusqlite::Error>((reason, text(19)?)))
        .transpose()?;
    let advance = r
        .get::<_, Option<String>>(25)?
        .and_then(|c| AdvanceGround::from_code(&c))
        .map(|ground| Ok::<_, rusqlite::Error>((ground, text(26)?)))
        .transpose()?;
    Ok(Application {
        id: r.get(0)?,
        step_id: r.get(1)?,
        ticket: r.get(2)?,
        visit_date: r.get(3)?,
        applicant: mask_name(&text(4)?),
        has_id: r.get(5)?,
        matter: Matter::from_code(&r.get::<_, String>(6)?).unwrap_or(Matter::Other),
        received_at: r.get(7)?,
        received: parse(r.get(8)?).unwrap_or_default(),
        state: AidState::from_code(&r.get::<_, String>(9)?).unwrap_or(AidState::Pending),
        supplement,
        decision: r
            .get::<_, Option<String>>(15)?
            .and_then(|c| AidState::from_code(&c)),
        decided: parse(r.get(16)?),
        decision_due_frozen: parse(r.get(17)?),
        refusal,
        assign_due_frozen: parse(r.get(20)?),
        assigned: parse(r.get(21)?),
        assignee: r.get::<_, Option<String>>(22)?.map(|a| sanitize(&a)),
        withdrawn: parse(r.get(23)?),
        lapsed: r.get(24)?,
        advance,
    })
}

impl Application {
    /// The supplement pause as of the end of `as_of`: closed, open (still waiting for the
    /// materials), or none.
    fn pause_as_of(&self, as_of: NaiveDate) -> (Option<Pause>, bool) {
        match &self.supplement {
            Some(s) if s.requested <= as_of => match s.received.filter(|r| *r <= as_of) {
                Some(received) => (
                    Some(Pause {
                        requested: s.requested,
                        received,
                    }),
                    false,
                ),
                None => (None, true),
            },
            _ => (None, false),
        }
    }

    /// The decision due date as of the end of `as_of`; `None` while the clock is stopped for
    /// supplementing (with `supplement_pauses_clock`).
    pub fn decision_due(&self, settings: &Settings, as_of: NaiveDate) -> Option<Due> {
        let (pause, open) = self.pause_as_of(as_of);
        if open && settings.supplement_pauses_clock {
            return None;
        }
        let pauses: Vec<Pause> = pause
            .into_iter()
            .filter(|_| settings.supplement_pauses_clock)
            .collect();
        Some(due_date(
            &settings.calendar,
            self.received,
            decision_days(settings),
            day_count(settings),
            &pauses,
        ))
    }

    /// The assignment due date once granted: three days after the decision, counted the
    /// same way as the decision period.
    pub fn assign_due(&self, settings: &Settings) -> Option<Due> {
        let decided = self
            .decided
            .filter(|_| self.decision == Some(AidState::Granted))?;
        Some(due_date(
            &settings.calendar,
            decided,
            ASSIGN_DAYS,
            day_count(settings),
            &[],
        ))
    }

    /// When it was withdrawn: recorded, or due to lapse the day after an unmet deadline.
    pub fn withdrawn_on(&self) -> Option<NaiveDate> {
        self.withdrawn
            .or_else(|| match (&self.supplement, self.state) {
                (Some(s), AidState::Supplementing) if s.received.is_none() => {
                    Some(s.deadline + Duration::days(1))
                }
                _ => None,
            })
    }

    /// The state at the end of `as_of` (dates after it not yet happened).
    pub fn state_as_of(&self, as_of: NaiveDate) -> Option<AidState> {
        if self.received > as_of {
            return None;
        }
        if self.withdrawn.is_some_and(|d| d <= as_of) {
            return Some(AidState::Withdrawn);
        }
        if self.assigned.is_some_and(|d| d <= as_of) {
            return Some(AidState::Assigned);
        }
        if let (Some(decision), Some(decided)) = (self.decision, self.decided) {
            if decided <= as_of {
                return Some(decision);
            }
        }
        match (self.pause_as_of(as_of), &self.supplement) {
            // Not supplemented by the deadline: withdrawn from the next day, even before the
            // lapse is written (nobody opened the list since).
            ((_, true), Some(s)) if s.deadline < as_of => Some(AidState::Withdrawn),
            ((_, true), _) => Some(AidState::Supplementing),
            _ => Some(AidState::Pending),
        }
    }

    /// Awaiting a decision at the end of `as_of`, past its due date.
    pub fn decision_overdue(&self, settings: &Settings, as_of: NaiveDate) -> bool {
        self.state_as_of(as_of)
            .is_some_and(AidState::awaiting_decision)
            && self
                .decision_due(settings, as_of)
                .is_some_and(|due| due.date < as_of)
    }

    /// Granted and not assigned at the end of `as_of`, past the three-day due date.
    pub fn assign_overdue(&self, settings: &Settings, as_of: NaiveDate) -> bool {
        self.state_as_of(as_of) == Some(AidState::Granted)
            && self
                .assign_due(settings)
                .is_some_and(|due| due.date < as_of)
    }
}

/// The decision due date of an application received at `received_at`, before any pause.
pub fn first_due(settings: &Settings, received_at: i64) -> NaiveDate {
    due_date(
        &settings.calendar,
        settings.zone.business_date(received_at),
        decision_days(settings),
        day_count(settings),
        &[],
    )
    .date
}

/// Creates the application of a legal-aid step that just finished `application_accepted`,
/// inside the finish's own transaction (or the import's), and audits it.
pub fn create(
    tx: &Connection,
    actor: Option<&Actor>,
    step_id: i64,
    received_at: i64,
    settings: &Settings,
) -> rusqlite::Result<i64> {
    let received = settings.zone.business_date(received_at);
    tx.prepare_cached(
        "INSERT INTO aid_applications (step_id, received_at, received_date) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![step_id, received_at, date_text(received)])?;
    let id = tx.last_insert_rowid();
    let due = first_due(settings, received_at);
    audit::append(
        tx,
        received_at,
        actor.map(|a| a.staff_id),
        "aid_accept",
        "aid_application",
        Some(id),
        &format!("step={step_id} due={}", date_text(due)),
    )?;
    Ok(id)
}

pub fn load(conn: &Connection, id: i64) -> Result<Application, ServiceError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} WHERE a.id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or(ServiceError::NotFound)
}
