//! Results of effects (`Outcome`), fed back by the loop: one line per outcome here, grouped
//! as sessions, tickets and slips, screens loaded, work done, and refusals.

use chrono::NaiveDate;

use crate::action::Action;
use crate::app::effect::{Effect, Outcome};
use crate::app::forms;
use crate::app::state::{
    AidView, FollowUpView, FormKind, Overlay, Pending, Screen, SlipState, SlipStatus, State,
    TallyView,
};
use crate::i18n::print::PrintMsg;
use crate::i18n::status::{Message, StatusText};
use crate::i18n::visitor::{VisitorField, VisitorText};
use crate::i18n::Words;
use crate::keymap::{Keymap, Mode};
use crate::print::PrintError;
use crate::service::followups::FollowUpRow;
use crate::service::intake::Issued;
use crate::service::staff::WindowRow;
use crate::service::visitor::VisitorCard;
use crate::service::Actor;

pub(super) fn on_result(state: &mut State, outcome: Outcome, keymap: &Keymap) -> Vec<Effect> {
    match outcome {
        // Sessions.
        Outcome::SupervisorCreated => supervisor_created(state),
        Outcome::SignedIn(actor, window) => signed_in(state, actor, window),
        Outcome::Unlocked => unlocked(state),
        Outcome::SignedOut => signed_out(state),
        Outcome::SessionEnded => session_ended(state),
        // Tickets and slips.
        Outcome::Issued(issued) => show_issued(state, issued),
        Outcome::SlipPrinting { ticket, reprint } => slip_printing(state, ticket, reprint),
        Outcome::SlipDone { ticket, result } => slip_done(state, ticket, result),
        // Screens loaded, and questions to ask.
        Outcome::Tally(view) => show_tally(state, view),
        Outcome::Aid(view) => show_aid(state, view),
        Outcome::FollowUps(rows) => show_follow_ups(state, rows),
        Outcome::Unmasked(record) => show(state, Overlay::Unmasked(record)),
        Outcome::Calls(view) => show(state, Overlay::Calls(view)),
        Outcome::VisitorLoaded(card) => show_visitor_form(state, &card),
        Outcome::ConfirmClose { date, open } => ask_close_day(state, date, open),
        Outcome::Conflict { step_id, hints } => {
            show(state, Overlay::Confirm(Pending::PickUp { step_id, hints }))
        }
        Outcome::Appointment(outcome) => {
            crate::app::appointments::update::on_result(state, outcome)
        }
        // Work done.
        Outcome::Done(text) => done(state, text),
        Outcome::AidDone(text) => aid_done(state, text),
        Outcome::FollowUpClosed(text) => follow_up_closed(state, text),
        Outcome::Closed { date, text } => day_closed(state, date, text),
        Outcome::Background(Ok(text)) => {
            state.info(text);
            Vec::new()
        }
        Outcome::Background(Err(text)) => {
            state.error(text);
            Vec::new()
        }
        // Refusals, and checks to confirm.
        Outcome::IdWarning(text) => id_warning(state, text),
        Outcome::Visitor(text) => on_visitor_result(state, text, keymap),
        Outcome::Failed(text) => failed(state, text),
    }
}

fn show(state: &mut State, overlay: Overlay) -> Vec<Effect> {
    state.overlay = Some(overlay);
    Vec::new()
}

// Sessions.

fn supervisor_created(state: &mut State) -> Vec<Effect> {
    state.screen = Screen::SignIn(forms::sign_in(&state.windows));
    state.info(StatusText::SupervisorCreated);
    Vec::new()
}

fn signed_in(state: &mut State, actor: Actor, window: Option<WindowRow>) -> Vec<Effect> {
    state.actor = Some(actor);
    state.window = window;
    state.screen = Screen::Main;
    state.overlay = None;
    state.selected = 0;
    state.status = None;
    vec![Effect::Refresh]
}

fn unlocked(state: &mut State) -> Vec<Effect> {
    state.screen = Screen::Main;
    state.status = None;
    vec![Effect::Refresh]
}

fn signed_out(state: &mut State) -> Vec<Effect> {
    state.actor = None;
    state.window = None;
    state.overlay = None;
    // The next person starts clean: no message of the last session stays.
    state.status = None;
    state.view = Default::default();
    state.screen = Screen::SignIn(forms::sign_in(&state.windows));
    Vec::new()
}

fn session_ended(state: &mut State) -> Vec<Effect> {
    state.actor = None;
    state.window = None;
    state.overlay = None;
    state.view = Default::default();
    state.screen = Screen::SignIn(forms::sign_in(&state.windows));
    state.error(StatusText::SessionEnded);
    Vec::new()
}

// Tickets and slips.

fn show_issued(state: &mut State, issued: Issued) -> Vec<Effect> {
    let slip = Effect::PrintSlip {
        step_id: issued.step_id,
        reprint: false,
    };
    state.overlay = Some(Overlay::Issued(issued));
    vec![Effect::Refresh, slip]
}

fn slip_printing(state: &mut State, ticket: String, reprint: bool) -> Vec<Effect> {
    let text = match reprint {
        true => PrintMsg::SlipReprinting {
            ticket: ticket.clone(),
        },
        false => PrintMsg::SlipPrinting,
    };
    state.info(text.text(state.lang));
    state.slip = Some(SlipStatus {
        ticket,
        state: SlipState::Printing,
    });
    Vec::new()
}

fn slip_done(state: &mut State, ticket: String, result: Result<(), PrintError>) -> Vec<Effect> {
    let lang = state.lang;
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

// Screens loaded, and questions to ask.

/// A live refresh of the same dates keeps the reader's place and any open form.
fn show_tally(state: &mut State, mut view: TallyView) -> Vec<Effect> {
    if let Some(Overlay::Tally(old)) = &state.overlay {
        if old.from == view.from && old.to == view.to {
            view.scroll = old.scroll.min(view.lines.len().saturating_sub(1));
            view.range = old.range.clone();
        }
    }
    show(state, Overlay::Tally(view))
}

/// A reload keeps the reader on the same application, and any open form.
fn show_aid(state: &mut State, mut view: AidView) -> Vec<Effect> {
    if let Some(Overlay::Aid(old)) = &state.overlay {
        let id = old.selected_row().map(|r| r.app.id);
        view.selected = id
            .and_then(|id| view.rows.iter().position(|r| r.app.id == id))
            .unwrap_or(old.selected)
            .min(view.rows.len().saturating_sub(1));
        view.form = old.form.clone();
        view.question = old.question.clone();
    }
    show(state, Overlay::Aid(view))
}

/// A live reload keeps the reader's place and a closing form being typed.
fn show_follow_ups(state: &mut State, rows: Vec<FollowUpRow>) -> Vec<Effect> {
    let (selected, closing) = match state.overlay.take() {
        Some(Overlay::FollowUps(old)) => (old.selected, old.closing),
        other => {
            state.overlay = other;
            (0, None)
        }
    };
    let closing = closing.filter(|(id, ..)| rows.iter().any(|r| r.id == *id));
    show(
        state,
        Overlay::FollowUps(FollowUpView {
            selected: selected.min(rows.len().saturating_sub(1)),
            rows,
            closing,
        }),
    )
}

fn show_visitor_form(state: &mut State, card: &VisitorCard) -> Vec<Effect> {
    let form = Overlay::Form {
        kind: FormKind::EditVisitor,
        step_id: Some(card.step_id),
        service: card.service,
        form: forms::edit_visitor(card),
    };
    show(state, form)
}

/// Asked over the tally screen it came from, not over the queue view.
fn ask_close_day(state: &mut State, date: NaiveDate, open: Vec<String>) -> Vec<Effect> {
    let tally = match state.overlay.take() {
        Some(Overlay::Tally(view)) => Some(Box::new(view)),
        other => {
            state.overlay = other;
            None
        }
    };
    show(
        state,
        Overlay::Confirm(Pending::CloseDay { date, open, tally }),
    )
}

// Work done.

/// A finished form closes; other overlays stay as they are.
fn done(state: &mut State, text: StatusText) -> Vec<Effect> {
    if matches!(state.overlay, Some(Overlay::Form { .. })) {
        state.overlay = None;
    }
    state.info(text);
    vec![Effect::Refresh]
}

fn aid_done(state: &mut State, text: String) -> Vec<Effect> {
    if let Some(Overlay::Aid(view)) = &mut state.overlay {
        view.form = None;
        view.question = None;
    }
    state.info(text);
    vec![Effect::LoadAid, Effect::Refresh]
}

fn follow_up_closed(state: &mut State, text: String) -> Vec<Effect> {
    if let Some(Overlay::FollowUps(view)) = &mut state.overlay {
        view.closing = None;
    }
    state.info(text);
    vec![Effect::LoadFollowUps, Effect::Refresh]
}

/// Back to the tally of the day just closed, now showing the filed snapshot.
fn day_closed(state: &mut State, date: NaiveDate, text: StatusText) -> Vec<Effect> {
    state.info(text);
    vec![
        Effect::LoadTally {
            from: date,
            to: date,
        },
        Effect::Refresh,
    ]
}

// Refusals, and checks to confirm.

/// The form stays as typed; submitting again keeps the number anyway.
fn id_warning(state: &mut State, text: Message) -> Vec<Effect> {
    if let Some(form) = state.form_mut() {
        form.error = Some(text);
        form.armed = true;
        form.focus_key("id_number");
    }
    Vec::new()
}

fn failed(state: &mut State, text: Message) -> Vec<Effect> {
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
        Some(form) => form.error = Some(text),
        None => state.error(text),
    }
    vec![Effect::Refresh]
}

/// The first key of `action` in `mode`, for messages that tell the operator what to press.
fn first_key(keymap: &Keymap, mode: Mode, action: Action) -> Option<String> {
    keymap.keys_for(mode, action).into_iter().next()
}

/// The edit-visitor action's results: the form closes when saved; a failed ID check arms the
/// form so the next submit keeps the number; a refusal stays on the form (or the status line).
fn on_visitor_result(state: &mut State, mut text: VisitorText, keymap: &Keymap) -> Vec<Effect> {
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
    let words = Message::Visitor(text.clone());
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
