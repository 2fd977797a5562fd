//! Keys on the small overlays of the window view (drawn by `ui/overlay.rs` and
//! `ui/calls.rs`): the help screen, the ticket just issued, a ticket's calls, an unmasked
//! record, and the yes/no questions.

use crate::action::Action;
use crate::app::effect::Effect;
use crate::app::state::{CallsView, Overlay, Pending, State};
use crate::service::intake::Issued;
use crate::service::unmask::Unmasked;

/// Help closes back to whatever it covered.
pub(super) fn on_help(
    state: &mut State,
    covered: Option<Box<Overlay>>,
    action: Action,
) -> Vec<Effect> {
    state.overlay = if matches!(action, Action::Back | Action::Help | Action::Submit) {
        covered.map(|o| *o)
    } else {
        Some(Overlay::Help(covered))
    };
    Vec::new()
}

/// The slip again, from the ticket on screen; the ticket stays shown.
pub(super) fn on_issued(state: &mut State, issued: Issued, action: Action) -> Vec<Effect> {
    if action != Action::ReprintSlip {
        return Vec::new();
    }
    let reprint = Effect::PrintSlip {
        step_id: issued.step_id,
        reprint: true,
    };
    state.overlay = Some(Overlay::Issued(issued));
    vec![reprint]
}

pub(super) fn on_calls(state: &mut State, view: Box<CallsView>, action: Action) -> Vec<Effect> {
    if !matches!(action, Action::Back | Action::Submit) {
        state.overlay = Some(Overlay::Calls(view));
    }
    Vec::new()
}

/// The full record stays on screen only until the next Esc/Enter.
pub(super) fn on_unmasked(state: &mut State, record: Box<Unmasked>, action: Action) -> Vec<Effect> {
    if !matches!(action, Action::Back | Action::Submit) {
        state.overlay = Some(Overlay::Unmasked(record));
    }
    Vec::new()
}

/// Enter answers yes, Esc no (back to what asked, where that was a screen).
pub(super) fn on_confirm(state: &mut State, pending: Pending, action: Action) -> Vec<Effect> {
    match action {
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
