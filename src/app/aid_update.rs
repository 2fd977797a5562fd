//! Keys on the legal-aid screen (pure, like `update`): move the selection, open a form or a
//! question about the selected application, submit it as an effect.

use super::action::Action;
use super::aid_forms;
use super::effect::{AidOp, Effect};
use super::state::{AidFormKind, AidQuestion, AidView, Overlay, State};
use crate::i18n::aid::AidProblem;
use crate::i18n::Words;

/// Handles `action` with the aid screen `view` taken out of the state; puts it back unless
/// the screen closes.
pub fn on_aid_action(state: &mut State, mut view: AidView, action: Action) -> Vec<Effect> {
    let effects = if let Some((kind, id, ticket, mut form)) = view.form.take() {
        match action {
            Action::Back => Vec::new(),
            _ if super::update::form_step(&mut form, action) => {
                let op = aid_forms::op(kind, id, &form);
                // The form stays open until the result comes back, so an error keeps it.
                view.form = Some((kind, id, ticket, form));
                vec![Effect::Aid(op)]
            }
            _ => {
                view.form = Some((kind, id, ticket, form));
                Vec::new()
            }
        }
    } else if let Some((question, id, ticket)) = view.question.take() {
        match action {
            Action::Submit => vec![Effect::Aid(match question {
                AidQuestion::Grant => AidOp::Grant(id),
                AidQuestion::Materials => AidOp::Materials(id),
                AidQuestion::Withdraw => AidOp::Withdraw(id),
            })],
            Action::Back => Vec::new(),
            _ => {
                view.question = Some((question, id, ticket));
                Vec::new()
            }
        }
    } else {
        match on_list(state, &mut view, action) {
            Some(effects) => effects,
            None => return Vec::new(),
        }
    };
    state.overlay = Some(Overlay::Aid(view));
    effects
}

/// Keys on the list itself; `None` when the screen closes.
fn on_list(state: &mut State, view: &mut AidView, action: Action) -> Option<Vec<Effect>> {
    let last = view.rows.len().saturating_sub(1);
    let selected = view
        .selected_row()
        .map(|r| (r.app.id, r.app.ticket.clone(), r.app.state));
    let form = |kind| aid_forms::form(kind, view.today, &state.settings.calendar);
    match action {
        Action::Back => return None,
        Action::SelectUp => view.selected = view.selected.saturating_sub(1),
        Action::SelectDown => view.selected = (view.selected + 1).min(last),
        Action::SelectFirst => view.selected = 0,
        Action::SelectLast => view.selected = last,
        a if a.select_index().is_some() => {
            let index = a.select_index().unwrap_or(0);
            if index < view.rows.len() {
                view.selected = index;
            }
        }
        Action::AidGrant
        | Action::AidMaterials
        | Action::AidWithdraw
        | Action::AidRefuse
        | Action::AidSupplement
        | Action::AidAssign
        | Action::AidAdvance => {
            let Some((id, ticket, app_state)) = selected else {
                state.error(AidProblem::NoneSelected.text(state.lang));
                return Some(Vec::new());
            };
            match action {
                Action::AidGrant => view.question = Some((AidQuestion::Grant, id, ticket)),
                Action::AidMaterials => view.question = Some((AidQuestion::Materials, id, ticket)),
                Action::AidWithdraw => view.question = Some((AidQuestion::Withdraw, id, ticket)),
                _ => {
                    let kind = match action {
                        Action::AidRefuse => AidFormKind::Refuse,
                        Action::AidSupplement => AidFormKind::Supplement,
                        Action::AidAssign => AidFormKind::Assign,
                        _ => AidFormKind::Advance,
                    };
                    // A form for a move the state machine refuses would only fail on submit.
                    let event = match kind {
                        AidFormKind::Refuse => crate::domain::aid::AidEvent::Refuse,
                        AidFormKind::Supplement => crate::domain::aid::AidEvent::RequestSupplement,
                        AidFormKind::Assign => crate::domain::aid::AidEvent::Assign,
                        AidFormKind::Advance => crate::domain::aid::AidEvent::MarkAdvance,
                    };
                    if let Err(refused) = crate::domain::aid::aid_transition(app_state, event) {
                        state.error(
                            AidProblem::WrongState {
                                state: refused.from,
                                event,
                            }
                            .text(state.lang),
                        );
                        return Some(Vec::new());
                    }
                    view.form = Some((kind, id, ticket, form(kind)));
                }
            }
        }
        _ => {}
    }
    Some(Vec::new())
}
