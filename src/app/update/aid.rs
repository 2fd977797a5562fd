//! Keys on the legal-aid screen (pure, like `update`): move the selection, open a form or a
//! question about the selected application, submit it as an effect.

use crate::action::Action;
use crate::app::aid_forms;
use crate::app::effect::{AidOp, Effect};
use crate::app::state::{AidFormKind, AidQuestion, AidView, Overlay, State};
#[cfg(test)]
use crate::domain::aid::AidState;
use crate::i18n::aid::AidProblem;
use crate::i18n::Words;

/// Handles `action` with the aid screen `view` taken out of the state; puts it back unless
/// the screen closes.
pub fn on_aid_action(state: &mut State, mut view: AidView, action: Action) -> Vec<Effect> {
    let effects = if let Some((kind, id, ticket, mut form)) = view.form.take() {
        match action {
            Action::Back => Vec::new(),
            _ if super::form_step(&mut form, action) => {
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
        Action::AidPrint => match selected {
            Some((id, _, _)) => return Some(vec![Effect::PrintAidNotice(id)]),
            None => state.error(AidProblem::NoneSelected.text(state.lang)),
        },
        _ => {}
    }
    Some(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::Matter;
    use crate::service::aid::{row, Application};
    use crate::service::settings::Settings;

    fn view(state: AidState) -> AidView {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let app = Application {
            id: 9,
            step_id: 9,
            ticket: "Y009".into(),
            visit_date: "2026-11-20".into(),
            applicant: "张*".into(),
            has_id: true,
            matter: Matter::Labor,
            received_at: 0,
            received: today,
            state,
            supplement: None,
            decision: None,
            decided: None,
            decision_due_frozen: None,
            refusal: None,
            assign_due_frozen: None,
            assigned: None,
            assignee: None,
            withdrawn: None,
            lapsed: false,
            advance: None,
        };
        AidView {
            today,
            rows: vec![row(app, &Settings::default(), today)],
            selected: 0,
            form: None,
            question: None,
        }
    }

    #[test]
    fn a_question_then_enter_grants_the_selected_application() {
        let mut state = State::new(crate::i18n::Lang::Zh, Settings::default(), 0);
        assert!(on_aid_action(&mut state, view(AidState::Pending), Action::AidGrant).is_empty());
        let Some(Overlay::Aid(asked)) = state.overlay.take() else {
            panic!("the screen stays");
        };
        assert_eq!(asked.question, Some((AidQuestion::Grant, 9, "Y009".into())));
        assert_eq!(
            on_aid_action(&mut state, asked, Action::Submit),
            vec![Effect::Aid(AidOp::Grant(9))]
        );
        // Esc on the list closes the screen (the caller has taken the overlay out).
        state.overlay = None;
        assert!(on_aid_action(&mut state, view(AidState::Pending), Action::Back).is_empty());
        assert!(state.overlay.is_none());
    }

    #[test]
    fn a_form_the_state_machine_refuses_is_not_opened() {
        let mut state = State::new(crate::i18n::Lang::En, Settings::default(), 0);
        on_aid_action(&mut state, view(AidState::Pending), Action::AidAssign);
        let Some(Overlay::Aid(after)) = &state.overlay else {
            panic!("the screen stays");
        };
        assert!(after.form.is_none());
        let (_, text) = state.status.clone().expect("says why");
        assert_eq!(
            crate::i18n::Words::text(&text, crate::i18n::Lang::En),
            "the application is pending; assigning is not possible now"
        );
        on_aid_action(&mut state, view(AidState::Pending), Action::AidRefuse);
        let Some(Overlay::Aid(after)) = &state.overlay else {
            panic!("the screen stays");
        };
        assert!(matches!(after.form, Some((AidFormKind::Refuse, 9, _, _))));
    }
}
