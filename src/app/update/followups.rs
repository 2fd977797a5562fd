//! Keys on the supervisor's follow-up list (drawn by `ui/followups.rs`).

use super::form::form_step;
use crate::action::Action;
use crate::app::effect::Effect;
use crate::app::forms;
use crate::app::state::{FollowUpView, Overlay, State};
use crate::domain::codes::FollowUpOutcome;
use crate::i18n::followup::FollowUpText;

/// The follow-up list: move, open the closing form of the selected one, submit it.
pub(super) fn on_action(state: &mut State, mut view: FollowUpView, action: Action) -> Vec<Effect> {
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
                    form.error = Some(FollowUpText::NoteNeeded.into());
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
