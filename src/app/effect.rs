//! What `update` asks the runtime to do, and what comes back.

use chrono::NaiveDate;

use super::state::TallyView;
use crate::service::intake::{IntakeInput, Issued};
use crate::service::queries::ConflictHint;
use crate::service::staff::WindowRow;
use crate::service::steps::Finish;
use crate::service::Actor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    CreateSupervisor {
        code: String,
        name: String,
        pin: String,
    },
    SignIn {
        code: String,
        pin: String,
        window: Option<String>,
    },
    SignOut,
    /// The same person unlocks the idle lock with their PIN.
    Reauthenticate {
        pin: String,
    },
    Issue(Box<IntakeInput>),
    CallNext,
    /// A desk picks up: the chosen step, or the next one; unless `confirmed`, a conflict hint
    /// stops it first.
    PickUp {
        step_id: Option<i64>,
        confirmed: bool,
    },
    CallStep(i64),
    Recall(i64),
    Start(i64),
    ToggleHold(i64),
    NoShow(i64),
    Requeue(i64),
    Cancel(i64),
    Finish(i64, Box<Finish>),
    /// Reload the view from the database.
    Refresh,
    LoadTally {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// Print the tally shown (off the UI thread; the result comes back later).
    PrintTally {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// Look up what a close would leave unfinished, then ask.
    AskCloseDay(NaiveDate),
    CloseDay(NaiveDate),
    Unmask {
        step_id: i64,
        reason: String,
    },
    ChangePin {
        current: String,
        new: String,
    },
    /// The appointments screen's work (SPEC §11).
    Appointment(super::appointments::ApptEffect),
}

/// Results of effects, fed back into `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    SupervisorCreated,
    SignedIn(Actor, Option<WindowRow>),
    SignedOut,
    Unlocked,
    Issued(Issued),
    /// The ID number failed its check; submitting again keeps it (the text says so).
    IdWarning(String),
    Conflict {
        step_id: i64,
        hints: Vec<ConflictHint>,
    },
    Tally(TallyView),
    Unmasked(Box<crate::service::unmask::Unmasked>),
    /// The signed-in person was deactivated or locked elsewhere: back to sign-in.
    SessionEnded,
    ConfirmClose {
        date: NaiveDate,
        open: Vec<String>,
    },
    /// The day is closed; the tally shown is reloaded.
    Closed {
        date: NaiveDate,
        text: String,
    },
    /// A background job (print, integrity check) ended: only the status line changes, so a
    /// form being typed meanwhile stays as it is.
    Background(Result<String, String>),
    /// A step action succeeded; the text says what happened.
    Done(String),
    Failed(String),
    Appointment(super::appointments::ApptOutcome),
}
