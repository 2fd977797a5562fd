//! One legal-aid application as stored, and what follows from its dates: its due dates and
//! its state as of any date (SPEC §10). Pure values, shared by the desk (`service::aid`) and
//! the tally, which reads applications through `db::aid`.

use chrono::{Duration, NaiveDate};

use crate::domain::aid::{AdvanceGround, AidState, Material, RefusalReason};
use crate::domain::codes::Matter;
use crate::domain::due::{due_date, DayCount, Due, Pause};
use crate::domain::settings::Settings;

/// Days the assignment is due after the grant (法律援助法 Art. 43).
pub const ASSIGN_DAYS: u32 = 3;

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

/// How the decision period is counted under these settings.
pub fn day_count(settings: &Settings) -> DayCount {
    if settings.decision_working_days {
        DayCount::Working
    } else {
        DayCount::Calendar
    }
}

/// The decision period in days, as set (kept within a year).
pub fn decision_days(settings: &Settings) -> u32 {
    u32::try_from(settings.decision_days)
        .unwrap_or(7)
        .clamp(1, 365)
}
