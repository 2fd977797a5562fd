//! Keys on forms: moving between fields, the sign-in screens (setup, sign-in, unlock), and
//! submitting a form opened over the window view (drawn by `ui/form.rs`; the forms are built
//! in `app/forms.rs`).

use super::after_form_edit;
use crate::action::Action;
use crate::app::effect::Effect;
use crate::app::form::Form;
use crate::app::forms;
use crate::app::state::{FormKind, Overlay, Screen, State};
use crate::domain::codes::Service;
use crate::i18n::status::StatusText;

fn on_form_navigation(form: &mut Form, action: Action) -> bool {
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
pub(crate) fn form_step(form: &mut Form, action: Action) -> bool {
    match action {
        Action::Submit => true,
        Action::NextField => !form.next(),
        other => {
            on_form_navigation(form, other);
            false
        }
    }
}

pub(super) fn on_entry_form(state: &mut State, action: Action) -> Vec<Effect> {
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
                if let Some(form) = state.form_mut() {
                    form.error = Some(StatusText::PinsDiffer.into());
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

/// A form over the window view: move within it, or submit it. The form stays open until the
/// result comes back, so an error keeps what was typed.
pub(super) fn on_form_overlay(
    state: &mut State,
    (kind, step_id, service): (FormKind, Option<i64>, Service),
    mut form: Form,
    action: Action,
) -> Vec<Effect> {
    if action == Action::Back {
        return Vec::new();
    }
    let submitted = form_step(&mut form, action);
    let effects = match submitted {
        true => submit_overlay_form(kind, step_id, service, &mut form),
        false => Vec::new(),
    };
    state.overlay = Some(Overlay::Form {
        kind,
        step_id,
        service,
        form,
    });
    if !submitted {
        // A choice changed with ←/→ can show or hide fields (the service's ID fields).
        after_form_edit(state);
    }
    effects
}

fn submit_overlay_form(
    kind: FormKind,
    step_id: Option<i64>,
    service: Service,
    form: &mut Form,
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
                form.error = Some(StatusText::NewPinsDiffer.into());
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
                    form.error = Some(e.words().into());
                    Vec::new()
                }
            }
        }
    }
}
