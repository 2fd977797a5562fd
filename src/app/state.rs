//! Everything the screens show, as plain data. `update` changes it; `ui` only reads it.

use chrono::NaiveDate;

use super::form::Form;
use crate::domain::codes::{Role, Service};
use crate::i18n::status::Message;
use crate::i18n::Lang;
use crate::keymap::Mode;
use crate::service::intake::Issued;
use crate::service::queries::{ConflictHint, HallSummary, QueueRow, WindowTicket};
use crate::service::settings::Settings;
use crate::service::staff::WindowRow;
use crate::service::Actor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// First start: nobody can sign in yet, so the first supervisor is created here.
    Setup(Form),
    SignIn(Form),
    Main,
    /// Idle lock: the screen is covered until a PIN is entered (the same person, or another
    /// operator taking over the window).
    Locked(Form),
}

/// What a form overlay is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Intake,
    Finish,
    Refer,
    Return,
    /// The supervisor types why before seeing a record in full.
    UnmaskReason,
    ChangePin,
    /// The desk serving a ticket completes its visitor's record (SPEC §3).
    EditVisitor,
    /// Pause this window: a reason (SPEC §2) and a note.
    PauseWindow,
    /// "Was I called?": the ticket to look up.
    LookupTicket,
}

/// What a yes/no question will do when confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Pick up despite a conflict hint.
    PickUp {
        step_id: i64,
        hints: Vec<ConflictHint>,
    },
    Cancel {
        step_id: i64,
        ticket: String,
    },
    /// Quit although a form holds typed text (F10 sits next to keys pressed all day); Esc
    /// brings the form back.
    Quit(Box<Overlay>),
    /// Close a business date; `open` lists the tickets that will become unfinished. The
    /// question is asked over the tally it was asked from, which comes back after it.
    CloseDay {
        date: NaiveDate,
        open: Vec<String>,
        tally: Option<Box<TallyView>>,
    },
    /// A call (or pick-up) at a paused window: confirmed, the window resumes and then calls.
    WhilePaused {
        then: Box<super::effect::Effect>,
        pick_up: bool,
    },
}

/// "Was I called?": every call and recall of one ticket today, with what the announcer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallsView {
    pub ticket: String,
    /// The ticket's latest step now (its service and status).
    pub now: Option<(Service, crate::domain::codes::StepStatus)>,
    pub calls: Vec<crate::service::announce::CallRecord>,
}

/// The tally screen: a date or range, its A4 text in the current language, and for one day
/// the tickets still open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub lines: Vec<String>,
    pub open: Vec<String>,
    pub closed: bool,
    pub scroll: usize,
    /// The date-range form, while choosing dates.
    pub range: Option<Form>,
}

/// What a form on the legal-aid screen records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AidFormKind {
    Refuse,
    Supplement,
    Assign,
    Advance,
}

/// A yes/no question on the legal-aid screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AidQuestion {
    Grant,
    Materials,
    Withdraw,
}

/// The legal-aid applications screen (SPEC §10): the list as of `today`, the selected row,
/// and a form or question about the selected application while one is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AidView {
    pub today: NaiveDate,
    pub rows: Vec<crate::service::aid::AidRow>,
    pub selected: usize,
    pub form: Option<(AidFormKind, i64, String, Form)>,
    pub question: Option<(AidQuestion, i64, String)>,
}

impl AidView {
    pub fn selected_row(&self) -> Option<&crate::service::aid::AidRow> {
        self.rows.get(self.selected)
    }
}
/// The supervisor's 差评 follow-up list, and the closing form of the chosen one while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpView {
    pub rows: Vec<crate::service::followups::FollowUpRow>,
    pub selected: usize,
    /// (follow-up id, ticket, the outcome-and-note form).
    pub closing: Option<(i64, String, Form)>,
}

impl FollowUpView {
    pub fn overdue(&self) -> usize {
        self.rows.iter().filter(|r| r.overdue).count()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key list; whatever it covers (a half-typed form) comes back when it closes.
    Help(Option<Box<Overlay>>),
    Form {
        kind: FormKind,
        step_id: Option<i64>,
        service: Service,
        form: Form,
    },
    Confirm(Pending),
    /// The ticket just issued, in large type.
    Issued(Issued),
    Tally(TallyView),
    Aid(AidView),
    /// One visit's personal data in full (supervisor, audited); dropped when closed.
    Unmasked(Box<crate::service::unmask::Unmasked>),
    /// The supervisor's 差评 follow-ups (SPEC §9.4).
    FollowUps(FollowUpView),
    /// A ticket's calls and announcements.
    Calls(Box<CallsView>),
    /// The appointments screen (SPEC §11).
    Appointments(Box<super::appointments::AppointmentsView>),
}

/// How the last slip of this terminal fared, for the screen to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlipState {
    Printing,
    Printed,
    Failed(crate::print::PrintError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipStatus {
    pub ticket: String,
    pub state: SlipState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// The data of the window-queue view, loaded from the database.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewData {
    pub date: String,
    /// The queues this window calls from (in serving order), then today's no-shows.
    pub queue: Vec<QueueRow>,
    /// Tickets at this window now.
    pub mine: Vec<WindowTicket>,
    pub hall: HallSummary,
    /// Legal-aid decisions (pending, overdue), when this window serves legal aid.
    pub decisions: Option<(i64, i64)>,
    /// 差评 follow-ups (open, overdue), for a supervisor.
    pub follow_ups: Option<(usize, usize)>,
    /// The services whose queues are shown.
    pub services: Vec<Service>,
    /// This window's open pause (暂停服务).
    pub pause: Option<crate::service::pause::WindowPause>,
    /// Every paused window of the hall, for the hall summary.
    pub paused: Vec<crate::service::pause::WindowPause>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub lang: Lang,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub actor: Option<Actor>,
    pub window: Option<WindowRow>,
    pub windows: Vec<WindowRow>,
    pub settings: Settings,
    pub now: i64,
    pub view: ViewData,
    pub selected: usize,
    /// The status line, as a message drawn in the language of the moment.
    pub status: Option<(StatusKind, Message)>,
    /// Keymap problems found at start: shown until the first key press.
    pub notices: Vec<String>,
    pub quit: bool,
    /// The last ticket slip sent from this terminal.
    pub slip: Option<SlipStatus>,
}

impl State {
    pub fn new(lang: Lang, settings: Settings, now: i64) -> State {
        State {
            lang,
            screen: Screen::Main,
            overlay: None,
            actor: None,
            window: None,
            windows: Vec::new(),
            settings,
            now,
            view: ViewData::default(),
            selected: 0,
            status: None,
            notices: Vec::new(),
            quit: false,
            slip: None,
        }
    }

    /// The keymap mode the current screen listens in.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Help(_)), _) => Mode::Help,
            (Some(Overlay::Tally(TallyView { range: Some(_), .. })), _) => Mode::Form,
            (Some(Overlay::Tally(_)), _) => Mode::Tally,
            (Some(Overlay::Aid(AidView { form: Some(_), .. })), _) => Mode::Form,
            (
                Some(Overlay::Aid(AidView {
                    question: Some(_), ..
                })),
                _,
            ) => Mode::Confirm,
            (Some(Overlay::Aid(_)), _) => Mode::Aid,
            (
                Some(Overlay::FollowUps(FollowUpView {
                    closing: Some(_), ..
                })),
                _,
            ) => Mode::Form,
            (Some(Overlay::FollowUps(_)), _) => Mode::FollowUps,
            (Some(Overlay::Appointments(view)), _) => view.mode(),
            (
                Some(Overlay::Form {
                    kind: FormKind::Intake,
                    ..
                }),
                _,
            ) => Mode::Intake,
            (Some(Overlay::Form { .. }), _) => Mode::Form,
            (
                Some(Overlay::Confirm(_))
                | Some(Overlay::Issued(_))
                | Some(Overlay::Unmasked(_))
                | Some(Overlay::Calls(_)),
                _,
            ) => Mode::Confirm,
            (None, Screen::Setup(_) | Screen::SignIn(_) | Screen::Locked(_)) => Mode::Form,
            (None, Screen::Main) => {
                if self.is_desk() {
                    Mode::Desk
                } else {
                    Mode::Queue
                }
            }
        }
    }

    /// Duty lawyers, notaries and mediators work the desk view of their own service.
    pub fn is_desk(&self) -> bool {
        self.actor
            .as_ref()
            .is_some_and(|a| a.role.desk_service().is_some())
    }

    pub fn role(&self) -> Option<Role> {
        self.actor.as_ref().map(|a| a.role)
    }

    /// The form that has focus, if any.
    pub fn form_mut(&mut self) -> Option<&mut Form> {
        match (&mut self.overlay, &mut self.screen) {
            (Some(Overlay::Form { form, .. }), _) => Some(form),
            (Some(Overlay::Appointments(view)), _) => view.form.as_mut().map(|f| &mut f.form),
            (
                Some(Overlay::Aid(AidView {
                    form: Some((.., form)),
                    ..
                })),
                _,
            ) => Some(form),
            (
                Some(Overlay::FollowUps(FollowUpView {
                    closing: Some((_, _, form)),
                    ..
                })),
                _,
            ) => Some(form),
            (
                Some(Overlay::Tally(TallyView {
                    range: Some(form), ..
                })),
                _,
            ) => Some(form),
            (None, Screen::Setup(form) | Screen::SignIn(form) | Screen::Locked(form)) => Some(form),
            _ => None,
        }
    }

    pub fn form(&self) -> Option<&Form> {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Form { form, .. }), _) => Some(form),
            (Some(Overlay::Appointments(view)), _) => view.form.as_ref().map(|f| &f.form),
            (
                Some(Overlay::Aid(AidView {
                    form: Some((.., form)),
                    ..
                })),
                _,
            ) => Some(form),
            (
                Some(Overlay::FollowUps(FollowUpView {
                    closing: Some((_, _, form)),
                    ..
                })),
                _,
            ) => Some(form),
            (
                Some(Overlay::Tally(TallyView {
                    range: Some(form), ..
                })),
                _,
            ) => Some(form),
            (None, Screen::Setup(form) | Screen::SignIn(form) | Screen::Locked(form)) => Some(form),
            _ => None,
        }
    }

    /// Covers the screen: overlays close and the loaded data is dropped, so nothing personal
    /// stays in memory for the renderer to show.
    pub fn lock(&mut self) {
        let code = self
            .actor
            .as_ref()
            .map(|a| a.code.clone())
            .unwrap_or_default();
        self.overlay = None;
        self.view = ViewData::default();
        self.status = None;
        self.screen = Screen::Locked(super::forms::unlock(&code));
    }

    /// The ticket the window is working on: being served first, then called, then on hold.
    pub fn current(&self) -> Option<&WindowTicket> {
        self.view.mine.first()
    }

    /// Whether the screen shows something that changes with the minute (wait times, the time
    /// at the window): only then does the passing of time need a redraw.
    pub fn shows_elapsed_time(&self) -> bool {
        self.screen == Screen::Main
            && (!self.view.mine.is_empty()
                || self
                    .view
                    .queue
                    .iter()
                    .any(|r| r.status == crate::domain::codes::StepStatus::Waiting)
                || self.view.hall.loads.iter().any(|l| l.waiting > 0))
    }

    /// The ticket at this window in `status`, if any.
    pub fn at_window(&self, status: crate::domain::codes::StepStatus) -> Option<&WindowTicket> {
        self.view.mine.iter().find(|t| t.row.status == status)
    }

    pub fn selected_row(&self) -> Option<&QueueRow> {
        self.view.queue.get(self.selected)
    }

    pub fn info(&mut self, text: impl Into<Message>) {
        self.status = Some((StatusKind::Info, text.into()));
    }

    pub fn error(&mut self, text: impl Into<Message>) {
        self.status = Some((StatusKind::Error, text.into()));
    }
}
