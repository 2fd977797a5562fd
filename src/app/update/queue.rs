//! Keys on the window view (drawn by `ui/queue.rs`): the front desk's queue view and the
//! desks' view alike. Each key acts on the ticket it makes sense for, opens a form or a
//! screen over the view, or asks first (a call at a paused window, cancelling a visit).

use crate::action::Action;
use crate::app::effect::Effect;
use crate::app::forms;
use crate::app::state::{FormKind, Overlay, Pending, State};
use crate::domain::codes::{Role, Service, StepStatus};
use crate::i18n::status::StatusText;
use crate::service::ServiceError;

pub(super) fn on_action(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::SelectUp
        | Action::SelectDown
        | Action::SelectFirst
        | Action::SelectLast
        | Action::NextQueue => move_selection(state, action),
        a if a.select_index().is_some() => move_selection(state, a),
        // The actor stays until the sign-out is recorded (`Outcome::SignedOut` clears it).
        Action::SignOut => vec![Effect::SignOut],
        Action::IntakeNew => open_intake(state),
        Action::CallNext | Action::PickUp | Action::CallSelected | Action::PickUpSelected => {
            call(state, action)
        }
        Action::RequeueNoShow => requeue(state),
        Action::Recall | Action::MarkNoShow | Action::StartService => on_called(state, action),
        Action::Hold => hold(state),
        Action::FinishService | Action::Refer | Action::ReturnToFront => {
            open_finish_form(state, action)
        }
        Action::CancelVisit => ask_cancel(state),
        Action::ReprintSlip => reprint_slip(state),
        Action::Unmask => ask_unmask_reason(state),
        Action::EditVisitor => edit_visitor(state),
        Action::PauseWindow | Action::ResumeWindow => pause_or_resume(state, action),
        Action::ChangePin => open_form(state, FormKind::ChangePin, forms::change_pin()),
        Action::LookupTicket => open_form(state, FormKind::LookupTicket, forms::lookup_ticket()),
        Action::OpenAid | Action::OpenFollowUps | Action::OpenAppointments | Action::OpenTally => {
            open_screen(state, action)
        }
        _ => Vec::new(),
    }
}

/// The selected row of the queue: (step, status, ticket).
fn selected(state: &State) -> Option<(i64, StepStatus, String)> {
    state
        .selected_row()
        .map(|r| (r.step_id, r.status, r.ticket.clone()))
}

/// A message for a key that needs a ticket at the window when there is none.
fn nothing_at_window(state: &mut State) -> Vec<Effect> {
    state.error(StatusText::NothingAtWindow);
    Vec::new()
}

/// Up/down/first/last, the first waiting row of the next service, or row N.
fn move_selection(state: &mut State, action: Action) -> Vec<Effect> {
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
        a => {
            if let Some(index) = a.select_index().filter(|i| *i < rows) {
                state.selected = index;
            }
        }
    }
    Vec::new()
}

fn open_intake(state: &mut State) -> Vec<Effect> {
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
    Vec::new()
}

/// The next ticket, or the selected one: a desk picks it up, the front desk calls it.
fn call(state: &mut State, action: Action) -> Vec<Effect> {
    let pick_up = |step_id| Effect::PickUp {
        step_id,
        confirmed: false,
    };
    match (action, selected(state)) {
        (Action::CallNext, _) => ask_if_paused(state, Effect::CallNext),
        (Action::PickUp, _) => ask_if_paused(state, pick_up(None)),
        (_, Some((step_id, StepStatus::Waiting, _))) if state.is_desk() => {
            ask_if_paused(state, pick_up(Some(step_id)))
        }
        (_, Some((step_id, StepStatus::Waiting, _))) => {
            ask_if_paused(state, Effect::CallStep(step_id))
        }
        // Enter on a late no-show puts it back in the queue (the F-keys-only path).
        (_, Some((step_id, StepStatus::NoShow, _))) => vec![Effect::Requeue(step_id)],
        _ => Vec::new(),
    }
}

fn requeue(state: &mut State) -> Vec<Effect> {
    match selected(state) {
        Some((step_id, StepStatus::NoShow, _)) => vec![Effect::Requeue(step_id)],
        _ => {
            state.error(StatusText::SelectNoShow);
            Vec::new()
        }
    }
}

/// Recall, no-show and start act on the ticket called; F5 on a ticket on hold resumes it.
fn on_called(state: &mut State, action: Action) -> Vec<Effect> {
    let called = state.at_window(StepStatus::Called).map(|t| t.row.step_id);
    let held = state.at_window(StepStatus::OnHold).map(|t| t.row.step_id);
    match (action, called, held) {
        (Action::Recall, Some(id), _) => vec![Effect::Recall(id)],
        (Action::MarkNoShow, Some(id), _) => vec![Effect::NoShow(id)],
        (Action::StartService, Some(id), _) => vec![Effect::Start(id)],
        (Action::StartService, None, Some(id)) => vec![Effect::ToggleHold(id)],
        _ => {
            state.error(StatusText::NoCalledTicket);
            Vec::new()
        }
    }
}

/// Hold the ticket being served, or resume the one on hold.
fn hold(state: &mut State) -> Vec<Effect> {
    let target = state
        .at_window(StepStatus::Serving)
        .or_else(|| state.at_window(StepStatus::OnHold))
        .map(|t| t.row.step_id);
    match target {
        Some(id) => vec![Effect::ToggleHold(id)],
        None => nothing_at_window(state),
    }
}

/// Finishing, referring or returning the ticket being served (or straight from called or
/// on hold) opens its form.
fn open_finish_form(state: &mut State, action: Action) -> Vec<Effect> {
    let target = state
        .at_window(StepStatus::Serving)
        .or_else(|| state.at_window(StepStatus::Called))
        .or_else(|| state.at_window(StepStatus::OnHold))
        .map(|t| (t.row.step_id, t.row.service));
    let Some((step_id, service)) = target else {
        return nothing_at_window(state);
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
    Vec::new()
}

/// Who left: the visitor just called who never came up, else the waiting visitor selected in
/// the queue, else the one at the window. The question names the ticket.
fn ask_cancel(state: &mut State) -> Vec<Effect> {
    let called = state
        .at_window(StepStatus::Called)
        .map(|t| (t.row.step_id, t.row.ticket.clone()));
    let waiting = match selected(state) {
        Some((id, StepStatus::Waiting, ticket)) => Some((id, ticket)),
        _ => None,
    };
    let current = state
        .current()
        .map(|t| (t.row.step_id, t.row.ticket.clone()));
    match called.or(waiting).or(current) {
        Some((step_id, ticket)) => {
            state.overlay = Some(Overlay::Confirm(Pending::Cancel { step_id, ticket }));
            Vec::new()
        }
        None => nothing_at_window(state),
    }
}

/// The slip of the selected waiting ticket, again (补打).
fn reprint_slip(state: &mut State) -> Vec<Effect> {
    match selected(state) {
        Some((step_id, StepStatus::Waiting, _)) => vec![Effect::PrintSlip {
            step_id,
            reprint: true,
        }],
        _ => nothing_at_window(state),
    }
}

/// A supervisor gives a reason before a record is shown in full.
fn ask_unmask_reason(state: &mut State) -> Vec<Effect> {
    let current = state.current().map(|t| t.row.step_id);
    let target = current.or(selected(state).map(|(id, ..)| id));
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
            Vec::new()
        }
        (Some(_), _) => {
            state.error(ServiceError::Denied.words());
            Vec::new()
        }
        (None, _) => nothing_at_window(state),
    }
}

/// The visitor of the ticket at this window (the one being served first); a supervisor
/// covering the hall may also take the row selected in the queue.
fn edit_visitor(state: &mut State) -> Vec<Effect> {
    let at_window = state
        .at_window(StepStatus::Serving)
        .or_else(|| state.at_window(StepStatus::Called))
        .or_else(|| state.at_window(StepStatus::OnHold))
        .map(|t| t.row.step_id);
    let target = match (at_window, state.role()) {
        (Some(id), _) => Some(id),
        (None, Some(Role::Supervisor)) => selected(state).map(|(id, ..)| id),
        (None, _) => None,
    };
    match target {
        Some(step_id) => vec![Effect::LoadVisitor(step_id)],
        None => nothing_at_window(state),
    }
}

/// A form that needs no ticket (change PIN, look a ticket up).
fn open_form(state: &mut State, kind: FormKind, form: crate::app::form::Form) -> Vec<Effect> {
    state.overlay = Some(Overlay::Form {
        kind,
        step_id: None,
        service: Service::Consult,
        form,
    });
    Vec::new()
}

/// The screens opened over the view: they load first, for the roles allowed to see them.
fn open_screen(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::OpenAid => {
            let allowed = state.role().is_some_and(|role| {
                crate::service::permissions::allowed(role, crate::service::Command::ViewAid)
            });
            if !allowed {
                state.error(ServiceError::Denied.message(state.lang));
                return Vec::new();
            }
            vec![Effect::LoadAid]
        }
        Action::OpenFollowUps => {
            if state.role() == Some(Role::Supervisor) {
                return vec![Effect::LoadFollowUps];
            }
            state.error(ServiceError::Denied.message(state.lang));
            Vec::new()
        }
        Action::OpenAppointments => crate::app::appointments::update::open(state),
        Action::OpenTally => {
            let today = state.settings.zone.business_date(state.now);
            vec![Effect::LoadTally {
                from: today,
                to: today,
            }]
        }
        _ => Vec::new(),
    }
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
        (_, false) => open_form(state, FormKind::PauseWindow, forms::pause_window()),
    }
}
