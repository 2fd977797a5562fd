//! The pure update function: a message in, the state changed, effects out. No terminal and no
//! database here, so every behaviour of the screens is unit-testable.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::effect::{Effect, Outcome};
use super::forms;
use super::state::{FormKind, Overlay, Pending, Screen, State, TallyView};
use crate::domain::codes::{Role, Service, StepStatus};
use crate::i18n::Lang;
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
        Msg::Result(outcome) => on_result(state, outcome),
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
    if let Some(Overlay::Form {
        kind: FormKind::Intake,
        form,
        ..
    }) = &mut state.overlay
    {
        forms::sync_intake(form);
    }
}

pub fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    // Actions that mean the same everywhere.
    match action {
        Action::Quit => {
            let typed = match &state.overlay {
                Some(Overlay::Form { form, .. }) => has_typed_text(form),
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
    form.fields
        .iter()
        .any(|f| f.is_text() && !f.hidden && !f.value.trim().is_empty() && f.key != "parties")
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
        Overlay::Issued(_) => Vec::new(),
        Overlay::Tally(view) => on_tally_action(state, view, action),
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
        FormKind::ChangePin => {
            if form.value("new") != form.value("new2") {
                form.error = Some(
                    lang.pick("两次输入的新密码不一致", "the two new PINs differ")
                        .into(),
                );
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
    }
}

/// A message for a key that needs a ticket at the window when there is none.
fn nothing_at_window(state: &mut State) {
    let text = state
        .lang
        .pick("本窗口当前没有号", "no ticket at this window");
    state.error(text);
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
        Action::CallNext => return vec![Effect::CallNext],
        Action::PickUp => {
            return vec![Effect::PickUp {
                step_id: None,
                confirmed: false,
            }]
        }
        Action::CallSelected | Action::PickUpSelected => match selected {
            Some((step_id, StepStatus::Waiting, _)) if state.is_desk() => {
                return vec![Effect::PickUp {
                    step_id: Some(step_id),
                    confirmed: false,
                }]
            }
            Some((step_id, StepStatus::Waiting, _)) => return vec![Effect::CallStep(step_id)],
            // Enter on a late no-show puts it back in the queue (the F-keys-only path).
            Some((step_id, StepStatus::NoShow, _)) => return vec![Effect::Requeue(step_id)],
            _ => {}
        },
        Action::RequeueNoShow => match selected {
            Some((step_id, StepStatus::NoShow, _)) => return vec![Effect::Requeue(step_id)],
            _ => {
                let text = state
                    .lang
                    .pick("请先选中一个过号的号", "select a no-show ticket first");
                state.error(text);
            }
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
                    let text = state.lang.pick(
                        "本窗口没有已叫号待办的号",
                        "no called ticket at this window",
                    );
                    state.error(text);
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
                (Some(_), _) => {
                    state.error(crate::service::ServiceError::Denied.message(state.lang))
                }
                (None, _) => nothing_at_window(state),
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
                form.error = Some(
                    lang.pick(
                        "起始日期晚于截止日期",
                        "the start date is after the end date",
                    )
                    .into(),
                );
                view.range = Some(form);
                Vec::new()
            }
            _ => {
                form.error = Some(
                    lang.pick(
                        "日期格式为 YYYY-MM-DD，且须真实存在",
                        "dates are YYYY-MM-DD and must exist",
                    )
                    .into(),
                );
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
            state.error(lang.pick("日结只能针对单独一天", "only a single date can be closed"));
            Vec::new()
        }
        Action::CloseDay if view.closed => {
            state.error(lang.pick("该日期已日结", "that date is already closed"));
            Vec::new()
        }
        Action::CloseDay => vec![Effect::AskCloseDay(view.from)],
        _ => Vec::new(),
    };
    state.overlay = Some(Overlay::Tally(view));
    effects
}

fn on_result(state: &mut State, outcome: Outcome) -> Vec<Effect> {
    let lang = state.lang;
    match outcome {
        Outcome::SupervisorCreated => {
            state.screen = Screen::SignIn(forms::sign_in(&state.windows));
            state.info(lang.pick("已创建值班主任，请登录", "supervisor created; sign in"));
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
            state.overlay = Some(Overlay::Issued(issued));
            vec![Effect::Refresh]
        }
        Outcome::IdWarning(text) => {
            // The form stays as typed; submitting again keeps the number anyway.
            if let Some(form) = state.form_mut() {
                form.error = Some(text);
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
            state.error(lang.pick(
                "该账号已停用或锁定，请重新登录",
                "this account was deactivated or locked; sign in again",
            ));
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
            match state.form_mut() {
                Some(form) => form.error = Some(text),
                None => state.error(text),
            }
            vec![Effect::Refresh]
        }
    }
}
