//! The pure update function: a message in, the state changed, effects out. No terminal and no
//! database here, so every behaviour of the screens is unit-testable. This is the only code
//! that changes `State` once the loop runs (`run` sends it messages).
//!
//! One file per screen, as in `ui/`: this one takes the message and the actions that mean the
//! same everywhere, then hands the action to the screen on top — `queue` (the window views),
//! `form` (every form and the sign-in screens), `overlay` (help, confirmations, the ticket just
//! issued, a ticket's calls, an unmasked record), `tally`, `followups`, `aid`, and the
//! appointments screen (`app::appointments::update`). Results of effects come back through
//! `results`.

mod aid;
mod followups;
mod form;
mod overlay;
mod queue;
mod results;
mod tally;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::effect::{Effect, Outcome};
use super::form::CaretMove;
use super::forms;
use super::state::{FormKind, Overlay, Pending, Screen, State};
use crate::action::Action;
use crate::i18n::status::StatusText;
use crate::keymap::Keymap;
use crate::service::staff::WindowRow;

pub(crate) use form::form_step;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    /// A bracketed paste: the whole text at once, never replayed as keys.
    Paste(String),
    /// The clock moved on (wait times, the day).
    Tick(i64),
    /// Fresh data for the view.
    Data(super::state::ViewData),
    /// The view's data could not be read (the reason, as the database said it).
    DataFailed(String),
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
        Msg::DataFailed(reason) => {
            state.error(StatusText::ReadFailed { reason });
            Vec::new()
        }
        Msg::Result(outcome) => results::on_result(state, outcome, keymap),
    }
}

/// A focused text field takes characters first; everything else goes through the keymap.
fn on_key(state: &mut State, key: KeyEvent, keymap: &Keymap) -> Vec<Effect> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if let Some(form) = state.form_mut() {
        let text = form.focused_is_text();
        // The editing keys of a text field; ←/→ go to the keymap (choice_prev/next) only
        // when the focus is a choice.
        let typed = match key.code {
            // Digits pick options in a choice field; other characters are for text fields.
            KeyCode::Char(c) if plain => text || c.is_ascii_digit(),
            // Without Ctrl/Alt, so a keymap's ctrl-home or alt-left still reaches its action.
            KeyCode::Backspace => text,
            KeyCode::Delete | KeyCode::Home | KeyCode::End | KeyCode::Left | KeyCode::Right => {
                text && plain
            }
            _ => false,
        };
        if typed {
            let moved = match key.code {
                KeyCode::Left => Some(CaretMove::Left),
                KeyCode::Right => Some(CaretMove::Right),
                KeyCode::Home => Some(CaretMove::Home),
                KeyCode::End => Some(CaretMove::End),
                _ => None,
            };
            if let Some(to) = moved {
                // Moving the caret changes nothing, so the form keeps what it said.
                form.move_caret(to);
                return Vec::new();
            }
            match key.code {
                KeyCode::Char(c) => form.type_char(c),
                KeyCode::Delete => form.delete(),
                _ => form.backspace(),
            };
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
        Screen::Setup(_) | Screen::SignIn(_) | Screen::Locked(_) => {
            form::on_entry_form(state, action)
        }
        Screen::Main => queue::on_action(state, action),
    }
}

/// Whether a form holds text someone typed (the prefilled party count is not typing).
fn has_typed_text(form: &super::form::Form) -> bool {
    form.fields.iter().any(|f| {
        f.is_text() && !f.hidden && !f.masked && !f.value.trim().is_empty() && f.key != "parties"
    })
}

/// The screen on top takes the action; each handler puts its overlay back unless it closes.
fn on_overlay_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(overlay) = state.overlay.take() else {
        return Vec::new();
    };
    match overlay {
        Overlay::Help(covered) => overlay::on_help(state, covered, action),
        Overlay::Issued(issued) => overlay::on_issued(state, issued, action),
        Overlay::Tally(view) => tally::on_action(state, view, action),
        Overlay::Aid(view) => aid::on_aid_action(state, view, action),
        Overlay::FollowUps(view) => followups::on_action(state, view, action),
        Overlay::Calls(view) => overlay::on_calls(state, view, action),
        Overlay::Appointments(view) => super::appointments::update::on_action(state, *view, action),
        Overlay::Unmasked(record) => overlay::on_unmasked(state, record, action),
        Overlay::Confirm(pending) => overlay::on_confirm(state, pending, action),
        Overlay::Form {
            kind,
            step_id,
            service,
            form,
        } => form::on_form_overlay(state, (kind, step_id, service), form, action),
    }
}
