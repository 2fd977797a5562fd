//! The pure update function: a message in, the state changed, effects out. No terminal and no
//! database here, so every behaviour of the screens is unit-testable.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::effect::{Effect, Outcome};
use super::forms;
use super::state::{
    FollowUpView, FormKind, Overlay, Pending, Screen, SlipState, SlipStatus, State, TallyView,
};
use crate::action::Action;
use crate::domain::codes::{FollowUpOutcome, Role, Service, StepStatus};
use crate::i18n::followup::FollowUpText;
use crate::i18n::print::PrintMsg;
use crate::i18n::status::StatusText;
use crate::i18n::visitor::{VisitorField, VisitorText};
use crate::i18n::{Lang, Words};
use crate::keymap::Keymap;
use crate::service::staff::WindowRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    /// A bracketed paste: the whole text at once, never replayed as keys.
    Paste(String),
    /// The clock moved on (wait times, the day).
    Tick(i64),
    /// Fresh data for the view.
    Data(super::state::ViewData),
    /// No key for the idle-lock time.
    Idle,
    Result(Outcome),
    /// The windows to offer at sign-in.
    Windows(Vec<WindowRow>),
}

pub fn update(state: &mut State, msg: Msg, keymap: &Keymap) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => {
            state.notices.clear();
            on_key(state, key, keymap)
        }
        Msg::Paste(text) => {
            state.notices.clear();
            on_paste(state, &text);
            Vec::new()
        }
        Msg::Tick(now) => {
            state.now = now;
            Vec::new()
        }
        Msg::Idle => {
            if state.actor.is_some() && state.screen == Screen::Main {
                state.lock();
            }
            Vec::new()
        }
        Msg::Data(view) if matches!(state.screen, Screen::Locked(_)) => {
            // Data arriving while locked is not kept: the lock screen shows nothing of it.
            drop(view);
            Vec::new()
        }
        Msg::Data(view) => {
            state.view = view;
            state.selected = state.selected.min(state.view.queue.len().saturating_sub(1));
            Vec::new()
        }
        Msg::Windows(windows) => {
            if let Screen::SignIn(_) = state.screen {
                state.screen = Screen::SignIn(forms::sign_in(&windows));
            }
            state.windows = windows;
            Vec::new()
        }
        Msg::Result(outcome) => on_result(state, outcome, keymap),
    }
}

/// A focused text field takes characters first; everything else goes through the keymap.
fn on_key(state: &mut State, key: KeyEvent, keymap: &Keymap) -> Vec<Effect> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if let Some(form) = state.form_mut() {
        let typed = match key.code {
            KeyCode::Char(c) if plain => {
                // Digits pick options in a choice field; other characters are for text fields.
                form.focused_is_text() || c.is_ascii_digit()
            }
            KeyCode::Backspace => form.focused_is_text(),
            _ => false,
        };
        if typed {
            match key.code {
                KeyCode::Char(c) => {
                    form.type_char(c);
                }
                _ => {
                    form.backspace();
                }
            }
            form.error = None;
            form.note = None;
            form.armed = false;
            after_form_edit(state);
            return Vec::new();
        }
    }
    match keymap.action(state.mode(), &key) {
        Some(action) => on_action(state, action),
        None => Vec::new(),
    }
}

/// A paste goes into the focused text field as one insertion, cleaned (see `Form::paste`);
/// the form says what was taken out. Anywhere else (a choice, the queue view, a question)
/// it is ignored: a pasted line must never act as keys.
fn on_paste(state: &mut State, text: &str) {
    let Some(form) = state.form_mut() else {
        return;
    };
    let Some(note) = form.paste(text) else {
        return;
    };
    form.error = None;
    form.note = note;
    form.armed = false;
    after_form_edit(state);
}

/// Keeps dependent fields in step with the one just edited.
fn after_form_edit(state: &mut State) {
    // A refusal shown under an appointments form goes with the next edit, like `form.error`.
    if let Some(Overlay::Appointments(view)) = &mut state.overlay {
        if let Some(form) = &mut view.form {
            form.problem = None;
        }
    }
    match &mut state.overlay {
        Some(Overlay::Form {
            kind: FormKind::Intake,
            form,
            ..
        }) => forms::sync_intake(form),
        Some(Overlay::Form {
            kind: FormKind::Finish | FormKind::Refer,
            form,
            ..
        }) => forms::sync_rating(form),
        _ => {}
    }
}

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    // Actions that mean the same everywhere.
    match action {
        Action::Quit => {
            let typed = match &state.overlay {
                Some(Overlay::Form { form, .. }) => has_typed_text(form),
                Some(Overlay::FollowUps(_)) => state.form().is_some_and(has_typed_text),
                // A booking being typed (its prefilled date alone is not typing).
                Some(Overlay::Appointments(view)) => view.form.as_ref().is_some_and(|f| {
                    f.kind == super::appointments::ApptFormKind::Book
                        && ["time", "name", "phone"]
                            .iter()
                            .any(|k| !f.form.value(k).trim().is_empty())
                }),
                _ => false,
            };
            if typed {
                if let Some(form) = state.overlay.take() {
                    state.overlay = Some(Overlay::Confirm(Pending::Quit(Box::new(form))));
                }
                return Vec::new();
            }
            state.quit = true;
            return vec![Effect::SignOut];
        }
        Action::ToggleLang => {
            state.lang = state.lang.other();
            return Vec::new();
        }
        Action::Help if !matches!(state.overlay, Some(Overlay::Help(_))) => {
            let covered = state.overlay.take().map(Box::new);
            state.overlay = Some(Overlay::Help(covered));
            return Vec::new();
        }
        _ => {}
    }
    if state.overlay.is_some() {
        return on_overlay_action(state, action);
    }
    match state.screen {
        Screen::Setup(_) | Screen::SignIn(_) | Screen::Locked(_) => on_entry_form(state, action),
        Screen::Main => on_main_action(state, action),
    }
}

/// Whether a form holds text someone typed (the prefilled party count is not typing).
fn has_typed_text(form: &super::form::Form) -> bool {
    form.fields.iter().any(|f| {
        f.is_text() && !f.hidden && !f.masked && !f.value.trim().is_empty() && f.key != "parties"
    })
}

fn on_form_navigation(form: &mut super::form::Form, action: Action) -> bool {
    match action {
        Action::NextField | Action::SelectDown => {
            form.next();
        }
        Action::PrevField | Action::SelectUp => form.prev(),
        Action::ChoiceNext => {
            form.cycle(true);
        }
        Action::ChoicePrev => {
            form.cycle(false);
        }
        _ => return false,
    }
    true
}

/// Moves within the form; true when the action submits it (Enter on the last field, or
/// F2/Ctrl-S from anywhere).
pub(crate) fn form_step(form: &mut super::form::Form, action: Action) -> bool {
    match action {
        Action::Submit => true,
        Action::NextField => !form.next(),
        other => {
            on_form_navigation(form, other);
            false
        }
    }
}

fn on_entry_form(state: &mut State, action: Action) -> Vec<Effect> {
    let lang = state.lang;
    let Some(form) = state.form_mut() else {
        return Vec::new();
    };
    if action == Action::Back {
        form.error = None;
        return Vec::new();
    }
    if !form_step(form, action) {
        return Vec::new();
    }
    match &state.screen {
        Screen::Setup(form) => {
            if form.value("pin") != form.value("pin2") {
                let message = lang
                    .pick("两次输入的密码不一致", "the two PINs differ")
                    .to_string();
                if let Some(form) = state.form_mut() {
                    form.error = Some(message);
                }
                return Vec::new();
            }
            vec![Effect::CreateSupervisor {
                code: form.value("code"),
                name: form.value("name"),
                pin: form.value("pin"),
            }]
        }
        Screen::SignIn(form) => vec![Effect::SignIn {
            code: form.value("code"),
            pin: form.value("pin"),
            window: form.code("window").filter(|w| !w.is_empty()),
        }],
        // The same person unlocks with their PIN; a different code switches operator, which
        // is a new sign-in at the same window.
        Screen::Locked(form) => {
            let same = state
                .actor
                .as_ref()
                .is_some_and(|a| a.code.eq_ignore_ascii_case(form.value("code").trim()));
            if same {
                vec![Effect::Reauthenticate {
                    pin: form.value("pin"),
                }]
            } else {
                vec![Effect::SignIn {
                    code: form.value("code"),
                    pin: form.value("pin"),
                    window: state.window.as_ref().map(|w| w.code.clone()),
                }]
            }
        }
        Screen::Main => Vec::new(),
    }
}

fn on_overlay_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(overlay) = state.overlay.take() else {
        return Vec::new();
    };
    match overlay {
        Overlay::Help(covered) => {
            state.overlay = if matches!(action, Action::Back | Action::Help | Action::Submit) {
                covered.map(|o| *o)
            } else {
                Some(Overlay::Help(covered))
            };
            Vec::new()
        }
        Overlay::Issued(issued) => {
            // The slip again, from the ticket on screen; the ticket stays shown.
            let effects = match action {
                Action::ReprintSlip => vec![Effect::PrintSlip {
                    step_id: issued.step_id,
                    reprint: true,
                }],
                _ => Vec::new(),
            };
            if action == Action::ReprintSlip {
                state.overlay = Some(Overlay::Issued(issued));
            }
            effects
        }
        Overlay::Tally(view) => on_tally_action(state, view, action),
        Overlay::Aid(view) => super::aid_update::on_aid_action(state, view, action),
        Overlay::FollowUps(view) => on_follow_up_action(state, view, action),
        Overlay::Calls(view) => {
            if !matches!(action, Action::Back | Action::Submit) {
                state.overlay = Some(Overlay::Calls(view));
            }
            Vec::new()
        }
        Overlay::Appointments(view) => super::appointments::update::on_action(state, *view, action),
        // The full record stays on screen only until the next Esc/Enter.
        Overlay::Unmasked(record) => {
            if !matches!(action, Action::Back | Action::Submit) {
                state.overlay = Some(Overlay::Unmasked(record));
            }
            Vec::new()
        }
        Overlay::Confirm(pending) => match action {
            Action::Submit => confirm(state, pending),
            Action::Back => {
                match pending {
                    Pending::Quit(form) => state.overlay = Some(*form),
                    Pending::CloseDay {
                        tally: Some(view), ..
                    } => state.overlay = Some(Overlay::Tally(*view)),
                    _ => {}
                }
                Vec::new()
            }
            _ => {
                state.overlay = Some(Overlay::Confirm(pending));
                Vec::new()
            }
        },
        Overlay::Form {
            kind,
            step_id,
            service,
            mut form,
        } => {
            if action == Action::Back {
                return Vec::new();
            }
            if !form_step(&mut form, action) {
                state.overlay = Some(Overlay::Form {
                    kind,
                    step_id,
                    service,
                    form,
                });
                // A choice changed with ←/→ can show or hide fields (the service's ID fields).
                after_form_edit(state);
                return Vec::new();
            }
            let effects = submit_overlay_form(state.lang, kind, step_id, service, &mut form);
            // The form stays open until the result comes back, so an error keeps what was typed.
            state.overlay = Some(Overlay::Form {
                kind,
                step_id,
                service,
                form,
            });
            effects
        }
    }
}

fn submit_overlay_form(
    lang: Lang,
    kind: FormKind,
    step_id: Option<i64>,
    service: Service,
    form: &mut super::form::Form,
) -> Vec<Effect> {
    match kind {
        FormKind::UnmaskReason => match step_id {
            Some(step_id) => vec![Effect::Unmask {
                step_id,
                reason: form.value("reason"),
            }],
            None => Vec::new(),
        },
        FormKind::PauseWindow => {
            let reason = form
                .code("reason")
                .as_deref()
                .and_then(crate::domain::pause::PauseReason::from_code)
                .unwrap_or(crate::domain::pause::PauseReason::Break);
            vec![Effect::PauseWindow {
                reason,
                note: form.value("note"),
            }]
        }
        FormKind::LookupTicket => vec![Effect::LookupTicket(form.value("ticket"))],
        FormKind::ChangePin => {
            if form.value("new") != form.value("new2") {
                form.error = Some(StatusText::NewPinsDiffer.text(lang));
                return Vec::new();
            }
            vec![Effect::ChangePin {
                current: form.value("current"),
                new: form.value("new"),
            }]
        }
        FormKind::Intake => {
            let mut input = forms::intake_input(form);
            input.id_override = form.armed;
            vec![Effect::Issue(Box::new(input))]
        }
        FormKind::EditVisitor => match step_id {
            Some(step_id) => {
                let mut edit = forms::visitor_edit(form);
                // A second submit after an ID check warning keeps the number.
                edit.id_override = form.armed;
                vec![Effect::EditVisitor(step_id, Box::new(edit))]
            }
            None => Vec::new(),
        },
        FormKind::Finish | FormKind::Refer | FormKind::Return => {
            let Some(step_id) = step_id else {
                return Vec::new();
            };
            match forms::finish_input(kind, service, form) {
                Ok(finish) => vec![Effect::Finish(step_id, Box::new(finish))],
                Err(e) => {
                    form.error = Some(e.message(lang));
                    Vec::new()
                }
            }
        }
    }
}

fn confirm(state: &mut State, pending: Pending) -> Vec<Effect> {
    match pending {
        Pending::Quit(_) => {
            state.quit = true;
            vec![Effect::SignOut]
        }
        Pending::PickUp { step_id, .. } => vec![Effect::PickUp {
            step_id: Some(step_id),
            confirmed: true,
        }],
        Pending::Cancel { step_id, .. } => vec![Effect::Cancel(step_id)],
        Pending::CloseDay { date, tally, .. } => {
            // The tally stays on screen while the day closes (and shows a refusal there).
            state.overlay = tally.map(|view| Overlay::Tally(*view));
            vec![Effect::CloseDay(date)]
        }
        // Resumed first, so the call is made by an open window (both audited).
        Pending::WhilePaused { then, .. } => vec![Effect::ResumeWindow, *then],
    }
}

/// A message for a key that needs a ticket at the window when there is none.
fn nothing_at_window(state: &mut State) {
    state.error(StatusText::NothingAtWindow);
}

fn on_main_action(state: &mut State, action: Action) -> Vec<Effect> {
    let current = state.current().map(|t| {
        (
            t.row.step_id,
            t.row.status,
            t.row.service,
            t.row.ticket.clone(),
        )
    });
    let selected = state
        .selected_row()
        .map(|r| (r.step_id, r.status, r.ticket.clone()));
    let rows = state.view.queue.len();
    match action {
        Action::SelectUp => state.selected = state.selected.saturating_sub(1),
        Action::SelectDown => state.selected = (state.selected + 1).min(rows.saturating_sub(1)),
        Action::SelectFirst => state.selected = 0,
        Action::SelectLast => state.selected = rows.saturating_sub(1),
        Action::NextQueue => {
            // Jump to the first row of the next service shown.
            if let Some(service) = state.selected_row().map(|r| r.service) {
                if let Some(i) = state
                    .view
                    .queue
                    .iter()
                    .position(|r| r.service != service && r.status == StepStatus::Waiting)
                {
                    state.selected = i;
                }
            }
        }
        a if a.select_index().is_some() => {
            let index = a.select_index().unwrap_or(0);
            if index < rows {
                state.selected = index;
            }
        }
        // The actor stays until the sign-out is recorded (`Outcome::SignedOut` clears it).
        Action::SignOut => return vec![Effect::SignOut],
        Action::IntakeNew => {
            let service = state
                .window
                .as_ref()
                .and_then(|w| w.services.first().copied())
                .unwrap_or(Service::Consult);
            state.overlay = Some(Overlay::Form {
                kind: FormKind::Intake,
                step_id: None,
                service,
                form: forms::intake(service),
            });
        }
        Action::CallNext => return ask_if_paused(state, Effect::CallNext),
        Action::PickUp => {
            return ask_if_paused(
                state,
                Effect::PickUp {
                    step_id: None,
                    confirmed: false,
                },
            )
        }
        Action::CallSelected | Action::PickUpSelected => match selected {
            Some((step_id, StepStatus::Waiting, _)) if state.is_desk() => {
                return ask_if_paused(
                    state,
                    Effect::PickUp {
                        step_id: Some(step_id),
                        confirmed: false,
                    },
                )
            }
            Some((step_id, StepStatus::Waiting, _)) => {
                return ask_if_paused(state, Effect::CallStep(step_id))
            }
            // Enter on a late no-show puts it back in the queue (the F-keys-only path).
            Some((step_id, StepStatus::NoShow, _)) => return vec![Effect::Requeue(step_id)],
            _ => {}
        },
        Action::RequeueNoShow => match selected {
            Some((step_id, StepStatus::NoShow, _)) => return vec![Effect::Requeue(step_id)],
            _ => state.error(StatusText::SelectNoShow),
        },
        // Each key acts on the ticket it makes sense for: recall, no-show and start on the one
        // called; finishing on the one being served (or straight from called or on hold).
        Action::Recall | Action::MarkNoShow | Action::StartService => {
            let called = state.at_window(StepStatus::Called).map(|t| t.row.step_id);
            let held = state.at_window(StepStatus::OnHold).map(|t| t.row.step_id);
            return match (action, called, held) {
                (Action::Recall, Some(id), _) => vec![Effect::Recall(id)],
                (Action::MarkNoShow, Some(id), _) => vec![Effect::NoShow(id)],
                (Action::StartService, Some(id), _) => vec![Effect::Start(id)],
                // F5 on a ticket on hold resumes it.
                (Action::StartService, None, Some(id)) => vec![Effect::ToggleHold(id)],
                _ => {
                    state.error(StatusText::NoCalledTicket);
                    Vec::new()
                }
            };
        }
        Action::Hold => {
            // Hold the ticket being served, or resume the one on hold.
            let target = state
                .at_window(StepStatus::Serving)
                .or_else(|| state.at_window(StepStatus::OnHold))
                .map(|t| t.row.step_id);
            match target {
                Some(id) => return vec![Effect::ToggleHold(id)],
                None => nothing_at_window(state),
            }
        }
        Action::FinishService | Action::Refer | Action::ReturnToFront => {
            let target = state
                .at_window(StepStatus::Serving)
                .or_else(|| state.at_window(StepStatus::Called))
                .or_else(|| state.at_window(StepStatus::OnHold))
                .map(|t| (t.row.step_id, t.row.service));
            let Some((step_id, service)) = target else {
                nothing_at_window(state);
                return Vec::new();
            };
            let (kind, form) = match action {
                Action::Refer => (FormKind::Refer, forms::refer(service)),
                Action::ReturnToFront => (FormKind::Return, forms::return_to_front()),
                _ => (FormKind::Finish, forms::finish(service)),
            };
            state.overlay = Some(Overlay::Form {
                kind,
                step_id: Some(step_id),
                service,
                form,
            });
        }
        Action::CancelVisit => {
            // Who left: the visitor just called who never came up, else the waiting visitor
            // selected in the queue, else the one at the window. The question names the ticket.
            let called = state
                .at_window(StepStatus::Called)
                .map(|t| (t.row.step_id, t.row.ticket.clone()));
            let waiting = match selected {
                Some((id, StepStatus::Waiting, ticket)) => Some((id, ticket)),
                _ => None,
            };
            let target = called
                .or(waiting)
                .or(current.map(|(id, _, _, ticket)| (id, ticket)));
            match target {
                Some((step_id, ticket)) => {
                    state.overlay = Some(Overlay::Confirm(Pending::Cancel { step_id, ticket }))
                }
                None => nothing_at_window(state),
            }
        }
        Action::ReprintSlip => match selected {
            Some((step_id, StepStatus::Waiting, _)) => {
                return vec![Effect::PrintSlip {
                    step_id,
                    reprint: true,
                }]
            }
            _ => nothing_at_window(state),
        },
        Action::Unmask => {
            let target = current.map(|(id, ..)| id).or(selected.map(|(id, ..)| id));
            match (target, state.role()) {
                (Some(step_id), Some(Role::Supervisor)) => {
                    let service = state
                        .current()
                        .map(|t| t.row.service)
                        .unwrap_or(Service::Consult);
                    state.overlay = Some(Overlay::Form {
                        kind: FormKind::UnmaskReason,
                        step_id: Some(step_id),
                        service,
                        form: forms::unmask_reason(),
                    });
                }
                (Some(_), _) => state.error(crate::service::ServiceError::Denied.words()),
                (None, _) => nothing_at_window(state),
            }
        }
        Action::EditVisitor => {
            // The visitor of the ticket at this window (the one being served first); a
            // supervisor covering the hall may also take the row selected in the queue.
            let at_window = state
                .at_window(StepStatus::Serving)
                .or_else(|| state.at_window(StepStatus::Called))
                .or_else(|| state.at_window(StepStatus::OnHold))
                .map(|t| t.row.step_id);
            let target = match (at_window, state.role()) {
                (Some(id), _) => Some(id),
                (None, Some(Role::Supervisor)) => selected.map(|(id, ..)| id),
                (None, _) => None,
            };
            match target {
                Some(step_id) => return vec![Effect::LoadVisitor(step_id)],
                None => nothing_at_window(state),
            }
        }
        Action::ChangePin => {
            state.overlay = Some(Overlay::Form {
                kind: FormKind::ChangePin,
                step_id: None,
                service: Service::Consult,
                form: forms::change_pin(),
            });
        }
        Action::OpenAid => {
            let allowed = state.role().is_some_and(|role| {
                crate::service::permissions::allowed(role, crate::service::Command::ViewAid)
            });
            if !allowed {
                state.error(crate::service::ServiceError::Denied.message(state.lang));
                return Vec::new();
            }
            return vec![Effect::LoadAid];
        }
        Action::OpenFollowUps => {
            if state.role() == Some(Role::Supervisor) {
                return vec![Effect::LoadFollowUps];
            }
            state.error(crate::service::ServiceError::Denied.message(state.lang));
        }
        Action::PauseWindow | Action::ResumeWindow => return pause_or_resume(state, action),
        Action::LookupTicket => {
            state.overlay = Some(Overlay::Form {
                kind: FormKind::LookupTicket,
                step_id: None,
                service: Service::Consult,
                form: forms::lookup_ticket(),
            });
        }
        Action::OpenAppointments => return super::appointments::update::open(state),
        Action::OpenTally => {
            let today = state.settings.zone.business_date(state.now);
            return vec![Effect::LoadTally {
                from: today,
                to: today,
            }];
        }
        _ => {}
    }
    Vec::new()
}

/// The follow-up list: move, open the closing form of the selected one, submit it.
fn on_follow_up_action(state: &mut State, mut view: FollowUpView, action: Action) -> Vec<Effect> {
    if let Some((id, ticket, mut form)) = view.closing.take() {
        if action == Action::Back {
            state.overlay = Some(Overlay::FollowUps(view));
            return Vec::new();
        }
        let submit = form_step(&mut form, action);
        let mut effects = Vec::new();
        if submit {
            let outcome = form
                .code("outcome")
                .as_deref()
                .and_then(FollowUpOutcome::from_code);
            let note = form.value("note");
            match outcome {
                Some(outcome) if !note.trim().is_empty() => {
                    effects.push(Effect::CloseFollowUp { id, outcome, note })
                }
                _ => {
                    form.error = Some(FollowUpText::NoteNeeded.text(state.lang));
                    form.focus_key("note");
                }
            }
        }
        // The form stays until the result comes back, so a refusal keeps what was typed.
        view.closing = Some((id, ticket, form));
        state.overlay = Some(Overlay::FollowUps(view));
        return effects;
    }
    let last = view.rows.len().saturating_sub(1);
    match action {
        Action::Back => return Vec::new(),
        Action::SelectUp => view.selected = view.selected.saturating_sub(1),
        Action::SelectDown => view.selected = (view.selected + 1).min(last),
        Action::SelectFirst => view.selected = 0,
        Action::SelectLast => view.selected = last,
        Action::CloseFollowUp => {
            if let Some(row) = view.rows.get(view.selected) {
                view.closing = Some((row.id, row.ticket.clone(), forms::close_follow_up()));
            }
        }
        _ => {}
    }
    state.overlay = Some(Overlay::FollowUps(view));
    Vec::new()
}

/// A call at a paused window asks first (SPEC §9.1); otherwise it goes ahead.
fn ask_if_paused(state: &mut State, effect: Effect) -> Vec<Effect> {
    if state.view.pause.is_none() {
        return vec![effect];
    }
    let pick_up = matches!(effect, Effect::PickUp { .. });
    state.overlay = Some(Overlay::Confirm(Pending::WhilePaused {
        then: Box::new(effect),
        pick_up,
    }));
    Vec::new()
}

/// `pause_window` asks for a reason, or resumes a paused window; `resume_window` resumes.
fn pause_or_resume(state: &mut State, action: Action) -> Vec<Effect> {
    use crate::i18n::pause::PauseProblem;
    use crate::i18n::Words;
    if state.window.is_none() {
        let text = PauseProblem::NoWindow.text(state.lang);
        state.error(text);
        return Vec::new();
    }
    match (action, state.view.pause.is_some()) {
        (_, true) => vec![Effect::ResumeWindow],
        (Action::ResumeWindow, false) => {
            let text = PauseProblem::NotPaused.text(state.lang);
            state.error(text);
            Vec::new()
        }
        (_, false) => {
            state.overlay = Some(Overlay::Form {
                kind: FormKind::PauseWindow,
                step_id: None,
                service: Service::Consult,
                form: forms::pause_window(),
            });
            Vec::new()
        }
    }
}

/// The tally screen: scroll, move by day, choose dates, print, close the day.
fn on_tally_action(state: &mut State, mut view: TallyView, action: Action) -> Vec<Effect> {
    let lang = state.lang;
    if let Some(mut form) = view.range.take() {
        if action == Action::Back {
            state.overlay = Some(Overlay::Tally(view));
            return Vec::new();
        }
        if !form_step(&mut form, action) {
            view.range = Some(form);
            state.overlay = Some(Overlay::Tally(view));
            return Vec::new();
        }
        let from = crate::domain::clock::parse_date(&form.value("from"));
        let to = crate::domain::clock::parse_date(&form.value("to"));
        let effects = match (from, to) {
            (Some(from), Some(to)) if from <= to => vec![Effect::LoadTally { from, to }],
            (Some(_), Some(_)) => {
                form.error = Some(StatusText::RangeStartAfterEnd.text(lang));
                view.range = Some(form);
                Vec::new()
            }
            _ => {
                form.error = Some(StatusText::RangeBadDate.text(lang));
                view.range = Some(form);
                Vec::new()
            }
        };
        state.overlay = Some(Overlay::Tally(view));
        return effects;
    }
    let last = view.lines.len().saturating_sub(1);
    let span = (view.to - view.from).num_days() + 1;
    let effects = match action {
        Action::Back => return Vec::new(),
        Action::SelectUp => {
            view.scroll = view.scroll.saturating_sub(1);
            Vec::new()
        }
        Action::SelectDown => {
            view.scroll = (view.scroll + 1).min(last);
            Vec::new()
        }
        Action::SelectFirst => {
            view.scroll = 0;
            Vec::new()
        }
        Action::SelectLast => {
            view.scroll = last;
            Vec::new()
        }
        Action::TallyPrevDay | Action::TallyNextDay => {
            let step = chrono::Duration::days(if action == Action::TallyPrevDay {
                -span
            } else {
                span
            });
            vec![Effect::LoadTally {
                from: view.from + step,
                to: view.to + step,
            }]
        }
        Action::TallyRange => {
            view.range = Some(forms::tally_range(view.from, view.to));
            Vec::new()
        }
        Action::PrintTally => vec![Effect::PrintTally {
            from: view.from,
            to: view.to,
        }],
        Action::CloseDay if view.from != view.to => {
            state.error(StatusText::CloseSingleDate);
            Vec::new()
        }
        Action::CloseDay if view.closed => {
            state.error(StatusText::AlreadyClosed);
            Vec::new()
        }
        Action::CloseDay => vec![Effect::AskCloseDay(view.from)],
        _ => Vec::new(),
    };
    state.overlay = Some(Overlay::Tally(view));
    effects
}

/// The first key of `action` in `mode`, for messages that tell the operator what to press.
fn first_key(keymap: &Keymap, mode: crate::keymap::Mode, action: Action) -> Option<String> {
    keymap.keys_for(mode, action).into_iter().next()
}

/// The edit-visitor action's results: the form closes when saved; a failed ID check arms the
/// form so the next submit keeps the number; a refusal stays on the form (or the status line).
fn on_visitor_result(state: &mut State, mut text: VisitorText, keymap: &Keymap) -> Vec<Effect> {
    use crate::keymap::Mode;
    let main_mode = if state.is_desk() {
        Mode::Desk
    } else {
        Mode::Queue
    };
    match &mut text {
        VisitorText::IdRequired { key } => *key = first_key(keymap, main_mode, Action::EditVisitor),
        VisitorText::IdCheck { key, .. } => *key = first_key(keymap, Mode::Form, Action::Submit),
        _ => {}
    }
    let words = text.text(state.lang);
    match &text {
        VisitorText::Saved { .. } => {
            if matches!(
                state.overlay,
                Some(Overlay::Form {
                    kind: FormKind::EditVisitor,
                    ..
                })
            ) {
                state.overlay = None;
            }
            state.info(text);
            vec![Effect::Refresh]
        }
        VisitorText::IdCheck { field, .. } => {
            let field = *field;
            if let Some(form) = state.form_mut() {
                form.error = Some(words);
                form.armed = true;
                form.focus_key(match field {
                    VisitorField::AdverseId => "adverse_id",
                    _ => "id_number",
                });
            }
            Vec::new()
        }
        _ => {
            match state.form_mut() {
                Some(form) => form.error = Some(words),
                None => state.error(text),
            }
            vec![Effect::Refresh]
        }
    }
}

fn on_result(state: &mut State, outcome: Outcome, keymap: &Keymap) -> Vec<Effect> {
    let lang = state.lang;
    match outcome {
        Outcome::SupervisorCreated => {
            state.screen = Screen::SignIn(forms::sign_in(&state.windows));
            state.info(StatusText::SupervisorCreated);
            Vec::new()
        }
        Outcome::SignedIn(actor, window) => {
            state.actor = Some(actor);
            state.window = window;
            state.screen = Screen::Main;
            state.overlay = None;
            state.selected = 0;
            state.status = None;
            vec![Effect::Refresh]
        }
        Outcome::Unlocked => {
            state.screen = Screen::Main;
            state.status = None;
            vec![Effect::Refresh]
        }
        Outcome::SignedOut => {
            state.actor = None;
            state.window = None;
            state.overlay = None;
            // The next person starts clean: no message of the last session stays.
            state.status = None;
            state.view = Default::default();
            state.screen = Screen::SignIn(forms::sign_in(&state.windows));
            Vec::new()
        }
        Outcome::Issued(issued) => {
            let slip = Effect::PrintSlip {
                step_id: issued.step_id,
                reprint: false,
            };
            state.overlay = Some(Overlay::Issued(issued));
            vec![Effect::Refresh, slip]
        }
        Outcome::SlipPrinting { ticket, reprint } => {
            let text = match reprint {
                true => PrintMsg::SlipReprinting {
                    ticket: ticket.clone(),
                },
                false => PrintMsg::SlipPrinting,
            };
            state.info(text.text(lang));
            state.slip = Some(SlipStatus {
                ticket,
                state: SlipState::Printing,
            });
            Vec::new()
        }
        Outcome::SlipDone { ticket, result } => {
            match &result {
                Ok(()) => state.info(
                    PrintMsg::SlipPrinted {
                        ticket: ticket.clone(),
                    }
                    .text(lang),
                ),
                Err(e) => state.error(
                    PrintMsg::SlipFailed {
                        ticket: ticket.clone(),
                        reason: e.message(lang),
                    }
                    .text(lang),
                ),
            }
            state.slip = Some(SlipStatus {
                ticket,
                state: match result {
                    Ok(()) => SlipState::Printed,
                    Err(e) => SlipState::Failed(e),
                },
            });
            Vec::new()
        }
        Outcome::IdWarning(text) => {
            // The form stays as typed; submitting again keeps the number anyway.
            if let Some(form) = state.form_mut() {
                form.error = Some(text.text(lang));
                form.armed = true;
                form.focus_key("id_number");
            }
            Vec::new()
        }
        Outcome::Tally(mut view) => {
            // A live refresh of the same dates keeps the reader's place and any open form.
            if let Some(Overlay::Tally(old)) = &state.overlay {
                if old.from == view.from && old.to == view.to {
                    view.scroll = old.scroll.min(view.lines.len().saturating_sub(1));
                    view.range = old.range.clone();
                }
            }
            state.overlay = Some(Overlay::Tally(view));
            Vec::new()
        }
        Outcome::Aid(mut view) => {
            // A reload keeps the reader on the same application, and any open form.
            if let Some(Overlay::Aid(old)) = &state.overlay {
                let id = old.selected_row().map(|r| r.app.id);
                view.selected = id
                    .and_then(|id| view.rows.iter().position(|r| r.app.id == id))
                    .unwrap_or(old.selected)
                    .min(view.rows.len().saturating_sub(1));
                view.form = old.form.clone();
                view.question = old.question.clone();
            }
            state.overlay = Some(Overlay::Aid(view));
            Vec::new()
        }
        Outcome::AidDone(text) => {
            if let Some(Overlay::Aid(view)) = &mut state.overlay {
                view.form = None;
                view.question = None;
            }
            state.info(text);
            vec![Effect::LoadAid, Effect::Refresh]
        }
        Outcome::FollowUps(rows) => {
            // A live reload keeps the reader's place and a closing form being typed.
            let (selected, closing) = match state.overlay.take() {
                Some(Overlay::FollowUps(old)) => (old.selected, old.closing),
                other => {
                    state.overlay = other;
                    (0, None)
                }
            };
            let closing = closing.filter(|(id, ..)| rows.iter().any(|r| r.id == *id));
            state.overlay = Some(Overlay::FollowUps(FollowUpView {
                selected: selected.min(rows.len().saturating_sub(1)),
                rows,
                closing,
            }));
            Vec::new()
        }
        Outcome::FollowUpClosed(text) => {
            if let Some(Overlay::FollowUps(view)) = &mut state.overlay {
                view.closing = None;
            }
            state.info(text);
            vec![Effect::LoadFollowUps, Effect::Refresh]
        }
        Outcome::Unmasked(record) => {
            state.overlay = Some(Overlay::Unmasked(record));
            Vec::new()
        }
        Outcome::SessionEnded => {
            state.actor = None;
            state.window = None;
            state.overlay = None;
            state.view = Default::default();
            state.screen = Screen::SignIn(forms::sign_in(&state.windows));
            state.error(StatusText::SessionEnded);
            Vec::new()
        }
        Outcome::Closed { date, text } => {
            // Back to the tally of the day just closed, now showing the filed snapshot.
            state.info(text);
            vec![
                Effect::LoadTally {
                    from: date,
                    to: date,
                },
                Effect::Refresh,
            ]
        }
        Outcome::ConfirmClose { date, open } => {
            // Asked over the tally screen it came from, not over the queue view.
            let tally = match state.overlay.take() {
                Some(Overlay::Tally(view)) => Some(Box::new(view)),
                other => {
                    state.overlay = other;
                    None
                }
            };
            state.overlay = Some(Overlay::Confirm(Pending::CloseDay { date, open, tally }));
            Vec::new()
        }
        Outcome::Conflict { step_id, hints } => {
            state.overlay = Some(Overlay::Confirm(Pending::PickUp { step_id, hints }));
            Vec::new()
        }
        Outcome::VisitorLoaded(card) => {
            state.overlay = Some(Overlay::Form {
                kind: FormKind::EditVisitor,
                step_id: Some(card.step_id),
                service: card.service,
                form: forms::edit_visitor(&card),
            });
            Vec::new()
        }
        Outcome::Visitor(text) => on_visitor_result(state, text, keymap),
        Outcome::Background(Ok(text)) => {
            state.info(text);
            Vec::new()
        }
        Outcome::Background(Err(text)) => {
            state.error(text);
            Vec::new()
        }
        Outcome::Done(text) => {
            // A finished form closes; other overlays stay as they are.
            if matches!(state.overlay, Some(Overlay::Form { .. })) {
                state.overlay = None;
            }
            state.info(text);
            vec![Effect::Refresh]
        }
        Outcome::Calls(view) => {
            state.overlay = Some(Overlay::Calls(view));
            Vec::new()
        }
        Outcome::Appointment(outcome) => super::appointments::update::on_result(state, outcome),
        Outcome::Failed(text) => {
            // A refused PIN is cleared and the cursor waits in its field for the next try.
            if state.overlay.is_none() {
                if let Screen::SignIn(form) | Screen::Locked(form) = &mut state.screen {
                    if let Some(pin) = form.field_mut("pin") {
                        pin.value.clear();
                    }
                    form.focus_key("pin");
                }
            }
            // A question on the legal-aid screen was answered: it closes, the reason shows.
            if let Some(Overlay::Aid(view)) = &mut state.overlay {
                view.question = None;
            }
            match state.form_mut() {
                Some(form) => form.error = Some(text.text(lang)),
                None => state.error(text),
            }
            vec![Effect::Refresh]
        }
    }
}
