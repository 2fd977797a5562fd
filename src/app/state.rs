//! Everything the screens show, as plain data. `update` changes it; `ui` only reads it.

use chrono::NaiveDate;

use super::form::Form;
use crate::domain::codes::{Role, Service};
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
    /// One visit's personal data in full (supervisor, audited); dropped when closed.
    Unmasked(Box<crate::service::unmask::Unmasked>),
    /// The appointments screen (SPEC §11).
    Appointments(Box<super::appointments::AppointmentsView>),
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
    /// The services whose queues are shown.
    pub services: Vec<Service>,
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
    pub status: Option<(StatusKind, String)>,
    /// Keymap problems found at start: shown until the first key press.
    pub notices: Vec<String>,
    pub quit: bool,
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
        }
    }

    /// The keymap mode the current screen listens in.
    pub fn mode(&self) -> Mode {
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Help(_)), _) => Mode::Help,
            (Some(Overlay::Tally(TallyView { range: Some(_), .. })), _) => Mode::Form,
            (Some(Overlay::Tally(_)), _) => Mode::Tally,
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
                Some(Overlay::Confirm(_)) | Some(Overlay::Issued(_)) | Some(Overlay::Unmasked(_)),
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

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some((StatusKind::Info, text.into()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some((StatusKind::Error, text.into()));
    }
}
