//! The appointments screen (SPEC §11, keymap mode `appointments`), opened from the queue view
//! by the front desk and the supervisor: a day's bookings by time, found by the phone's last
//! four digits, booked, cancelled, and checked in. Its state is plain data here; `update`
//! turns keys into effects, `perform` runs them against the service layer, `forms` builds its
//! three forms.

pub mod forms;
pub mod perform;
pub mod update;

use chrono::NaiveDate;

use super::form::Form;
use crate::domain::codes::{Lane, Matter};
use crate::i18n::appointment_text::ScreenNote;
use crate::i18n::appointments::ApptNote;
use crate::keymap::Mode;
use crate::service::appointments::{ApptRow, BookInput, UnmaskedAppt};

/// What the screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentsView {
    pub date: NaiveDate,
    pub today: NaiveDate,
    pub rows: Vec<ApptRow>,
    pub selected: usize,
    /// The search by the phone's last four digits in force.
    pub find: Option<String>,
    pub form: Option<ApptForm>,
    /// Cancelling this booking is being asked.
    pub confirm_cancel: Option<i64>,
    /// What the last action did, or why not.
    pub note: Option<ScreenNote>,
    /// The booking a supervisor unmasked (audited): shown in full until the screen is left.
    pub unmasked: Option<UnmaskedAppt>,
}

impl AppointmentsView {
    pub fn new(date: NaiveDate, today: NaiveDate) -> AppointmentsView {
        AppointmentsView {
            date,
            today,
            rows: Vec::new(),
            selected: 0,
            find: None,
            form: None,
            confirm_cancel: None,
            note: None,
            unmasked: None,
        }
    }

    /// The keymap mode the screen listens in.
    pub fn mode(&self) -> Mode {
        if self.form.is_some() {
            Mode::Form
        } else if self.confirm_cancel.is_some() {
            Mode::Confirm
        } else {
            Mode::Appointments
        }
    }

    pub fn selected_row(&self) -> Option<&ApptRow> {
        self.rows.get(self.selected)
    }
}

/// Which form is open over the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApptFormKind {
    Book,
    Find,
    CheckIn {
        id: i64,
    },
    /// The supervisor's reason for unmasking this booking.
    Unmask {
        id: i64,
    },
}

/// A form over the list, with the problem its last submit met (shown under it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApptForm {
    pub kind: ApptFormKind,
    pub form: Form,
    pub problem: Option<ScreenNote>,
}

/// What the screen asks the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApptEffect {
    Load {
        date: NaiveDate,
        find: Option<String>,
    },
    Book(Box<BookInput>),
    CheckIn {
        id: i64,
        lane: Lane,
        matter: Matter,
    },
    Cancel(i64),
    Unmask {
        id: i64,
        reason: String,
    },
}

/// What comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApptOutcome {
    Loaded {
        date: NaiveDate,
        today: NaiveDate,
        find: Option<String>,
        rows: Vec<ApptRow>,
    },
    Done(Vec<ApptNote>),
    /// A check-in issued a ticket: done as above, and its slip goes to the slip printer
    /// (SPEC §9.2, §11) the same way as a ticket issued at intake.
    CheckedIn {
        notes: Vec<ApptNote>,
        step_id: i64,
    },
    Unmasked(UnmaskedAppt),
    Failed(ScreenNote),
}
