//! What `update` asks the runtime to do, and what comes back.

use chrono::NaiveDate;

use super::state::TallyView;
use crate::i18n::status::{Message, StatusText};
use crate::i18n::visitor::VisitorText;
use crate::service::intake::{IntakeInput, Issued};
use crate::service::queries::ConflictHint;
use crate::service::staff::WindowRow;
use crate::service::steps::Finish;
use crate::service::visitor::{VisitorCard, VisitorEdit};
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
    /// Print a ticket's slip (off the UI thread) when a slip printer is set; `reprint` marks
    /// it 补打 and audits it.
    PrintSlip {
        step_id: i64,
        reprint: bool,
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
    /// Read the served visitor (masked) to open the edit-visitor form.
    LoadVisitor(i64),
    /// Save the edit-visitor form for the visitor of this step.
    EditVisitor(i64, Box<VisitorEdit>),
    /// Load the legal-aid applications screen (applying lapsed supplements first).
    LoadAid,
    /// One action on a legal-aid application.
    Aid(AidOp),
    /// Print the applicant's notice of an application (supplement request or refusal) as an
    /// A4 PDF, off the UI thread.
    PrintAidNotice(i64),
    /// The supervisor's open follow-ups.
    LoadFollowUps,
    CloseFollowUp {
        id: i64,
        outcome: crate::domain::codes::FollowUpOutcome,
        note: String,
    },
    PauseWindow {
        reason: crate::domain::pause::PauseReason,
        note: String,
    },
    ResumeWindow,
    /// "Was I called?": today's calls of the ticket typed.
    LookupTicket(String),
    /// The appointments screen's work (SPEC §11).
    Appointment(super::appointments::ApptEffect),
}

/// What the desk does to an application (SPEC §10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AidOp {
    Grant(i64),
    Refuse {
        id: i64,
        reason: crate::domain::aid::RefusalReason,
        note: String,
    },
    Supplement {
        id: i64,
        request: crate::service::aid::SupplementRequest,
    },
    Materials(i64),
    Assign {
        id: i64,
        assignee: String,
    },
    Advance {
        id: i64,
        ground: crate::domain::aid::AdvanceGround,
        note: String,
    },
    Withdraw(i64),
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
    IdWarning(Message),
    Conflict {
        step_id: i64,
        hints: Vec<ConflictHint>,
    },
    Tally(TallyView),
    Aid(super::state::AidView),
    /// An action on an application succeeded: the screen reloads, the text says what happened.
    AidDone(String),
    FollowUps(Vec<crate::service::followups::FollowUpRow>),
    /// A follow-up was closed: the text says which; the list is reloaded.
    FollowUpClosed(String),
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
        text: StatusText,
    },
    /// A background job (print, integrity check) ended: only the status line changes, so a
    /// form being typed meanwhile stays as it is.
    Background(Result<Message, Message>),
    /// The served visitor, masked: opens the edit-visitor form.
    VisitorLoaded(Box<VisitorCard>),
    /// What the edit-visitor action (or the legal-aid ID rule) has to say: saved, a check
    /// to confirm, or a refusal.
    Visitor(VisitorText),
    /// A slip is on its way to the printer.
    SlipPrinting {
        ticket: String,
        reprint: bool,
    },
    /// A slip job ended (the ticket stands either way).
    SlipDone {
        ticket: String,
        result: Result<(), crate::print::PrintError>,
    },
    /// A step action succeeded; the text says what happened.
    Done(StatusText),
    Failed(Message),
    /// The calls of a ticket looked up.
    Calls(Box<super::state::CallsView>),
    Appointment(super::appointments::ApptOutcome),
}
