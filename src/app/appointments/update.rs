//! Keys and results of the appointments screen (pure: no terminal, no database).

use chrono::Duration;

use super::{forms, AppointmentsView, ApptEffect, ApptForm, ApptFormKind, ApptOutcome};
use crate::action::Action;
use crate::app::effect::Effect;
use crate::app::state::{Overlay, State};
use crate::app::update::form_step;
use crate::domain::appointment::ApptState;
use crate::domain::codes::{Role, Service};
use crate::i18n::appointment_text::ScreenNote;
use crate::i18n::appointments::{ApptNote, ApptProblem};
use crate::service::ServiceError;

fn load(date: chrono::NaiveDate, find: Option<String>) -> Vec<Effect> {
    vec![Effect::Appointment(ApptEffect::Load { date, find })]
}

/// The queue view's key: today's bookings, for the roles that book.
pub fn open(state: &mut State) -> Vec<Effect> {
    if !matches!(state.role(), Some(Role::FrontDesk | Role::Supervisor)) {
        state.error(ServiceError::Denied.message(state.lang));
        return Vec::new();
    }
    let today = state.settings.zone.business_date(state.now);
    load(today, None)
}

fn put_back(state: &mut State, view: AppointmentsView) {
    state.overlay = Some(Overlay::Appointments(Box::new(view)));
}

pub fn on_action(state: &mut State, mut view: AppointmentsView, action: Action) -> Vec<Effect> {
    if let Some(form) = view.form.take() {
        return on_form(state, view, form, action);
    }
    if let Some(id) = view.confirm_cancel.take() {
        let effects = match action {
            Action::Submit => vec![Effect::Appointment(ApptEffect::Cancel(id))],
            Action::Back => Vec::new(),
            _ => {
                view.confirm_cancel = Some(id);
                Vec::new()
            }
        };
        put_back(state, view);
        return effects;
    }
    let rows = view.rows.len();
    let mut effects = Vec::new();
    match action {
        // Esc first drops a search, then leaves the screen.
        Action::Back if view.find.is_some() => {
            view.find = None;
            effects = load(view.date, None);
        }
        Action::Back => return Vec::new(),
        Action::SelectUp => view.selected = view.selected.saturating_sub(1),
        Action::SelectDown => view.selected = (view.selected + 1).min(rows.saturating_sub(1)),
        Action::SelectFirst => view.selected = 0,
        Action::SelectLast => view.selected = rows.saturating_sub(1),
        a if a.select_index().is_some_and(|i| i < rows) => {
            view.selected = a.select_index().unwrap_or(0);
        }
        Action::AppointmentPrevDay | Action::AppointmentNextDay => {
            let step = if action == Action::AppointmentPrevDay {
                -1
            } else {
                1
            };
            effects = load(view.date + Duration::days(step), view.find.clone());
        }
        Action::AppointmentNew => {
            let rules = &state.settings.appointments;
            let first = rules
                .bookable(&state.settings.calendar, view.today)
                .first()
                .map(|s| s.date);
            // The day on screen when it can be booked, else the first day that can.
            let date = if rules
                .check_day(&state.settings.calendar, view.today, view.date)
                .is_ok()
            {
                view.date
            } else {
                first.unwrap_or(view.date)
            };
            let service = state
                .window
                .as_ref()
                .and_then(|w| w.services.first().copied())
                .unwrap_or(Service::Consult);
            view.note = None;
            view.form = Some(ApptForm {
                kind: ApptFormKind::Book,
                form: forms::book(date, service),
                problem: None,
            });
        }
        Action::AppointmentFind => {
            view.note = None;
            view.form = Some(ApptForm {
                kind: ApptFormKind::Find,
                form: forms::find(),
                problem: None,
            });
        }
        // Only the supervisor unmasks (SPEC §4); anyone else is told so and nothing is asked.
        Action::Unmask => match (view.selected_row().map(|r| r.id), state.role()) {
            (None, _) => view.note = Some(ScreenNote::Problem(ApptProblem::NoneSelected)),
            (Some(id), Some(Role::Supervisor)) => {
                view.note = None;
                view.form = Some(ApptForm {
                    kind: ApptFormKind::Unmask { id },
                    form: crate::app::forms::unmask_reason(),
                    problem: None,
                });
            }
            (Some(_), _) => {
                view.note = Some(ScreenNote::Failed {
                    zh: ServiceError::Denied.message(crate::i18n::Lang::Zh),
                    en: ServiceError::Denied.message(crate::i18n::Lang::En),
                })
            }
        },
        Action::AppointmentCheckIn | Action::AppointmentCancel => {
            let check_in = action == Action::AppointmentCheckIn;
            match view.selected_row().map(|r| (r.id, r.state, r.date)) {
                None => view.note = Some(ScreenNote::Problem(ApptProblem::NoneSelected)),
                Some((_, state, _)) if state != ApptState::Booked => {
                    view.note = Some(ScreenNote::Problem(ApptProblem::NotBooked { state }))
                }
                Some((_, _, date)) if check_in && date != view.today => {
                    view.note = Some(ScreenNote::Problem(ApptProblem::NotToday { date }))
                }
                Some((id, _, _)) if check_in => {
                    view.note = None;
                    view.form = Some(ApptForm {
                        kind: ApptFormKind::CheckIn { id },
                        form: forms::check_in(),
                        problem: None,
                    });
                }
                Some((id, _, _)) => {
                    view.note = None;
                    view.confirm_cancel = Some(id);
                }
            }
        }
        _ => {}
    }
    put_back(state, view);
    effects
}

fn on_form(
    state: &mut State,
    mut view: AppointmentsView,
    mut open: ApptForm,
    action: Action,
) -> Vec<Effect> {
    if action == Action::Back {
        put_back(state, view);
        return Vec::new();
    }
    if !form_step(&mut open.form, action) {
        view.form = Some(open);
        put_back(state, view);
        return Vec::new();
    }
    let effects = match open.kind {
        ApptFormKind::Book => vec![Effect::Appointment(ApptEffect::Book(Box::new(
            forms::book_input(&open.form),
        )))],
        ApptFormKind::Find => match forms::last_four(&open.form) {
            Some(digits) => {
                // The search needs no answer to close its form.
                let effects = load(view.date, Some(digits));
                put_back(state, view);
                return effects;
            }
            None => {
                open.problem = Some(ScreenNote::Problem(ApptProblem::BadLastFour));
                Vec::new()
            }
        },
        ApptFormKind::Unmask { id } => vec![Effect::Appointment(ApptEffect::Unmask {
            id,
            reason: open.form.value("reason"),
        })],
        ApptFormKind::CheckIn { id } => {
            let (lane, matter) = forms::check_in_input(&open.form);
            vec![Effect::Appointment(ApptEffect::CheckIn {
                id,
                lane,
                matter,
            })]
        }
    };
    // The form stays until the result comes back, so a refusal keeps what was typed.
    view.form = Some(open);
    put_back(state, view);
    effects
}

pub fn on_result(state: &mut State, outcome: ApptOutcome) -> Vec<Effect> {
    match outcome {
        ApptOutcome::Loaded {
            date,
            today,
            find,
            rows,
        } => {
            let view = match state.overlay.take() {
                Some(Overlay::Appointments(view)) => Some(*view),
                // Only the queue view opens the screen; anything else on top stays.
                None => Some(AppointmentsView::new(date, today)),
                other => {
                    state.overlay = other;
                    None
                }
            };
            if let Some(mut view) = view {
                if view.date != date {
                    view.selected = 0;
                }
                view.date = date;
                view.today = today;
                view.find = find;
                view.rows = rows;
                view.selected = view.selected.min(view.rows.len().saturating_sub(1));
                put_back(state, view);
            }
            Vec::new()
        }
        ApptOutcome::Done(notes) => match state.overlay.take() {
            Some(Overlay::Appointments(mut view)) => {
                view.form = None;
                view.confirm_cancel = None;
                view.note = Some(ScreenNote::Done(notes));
                let effects = vec![
                    Effect::Appointment(ApptEffect::Load {
                        date: view.date,
                        find: view.find.clone(),
                    }),
                    Effect::Refresh,
                ];
                state.overlay = Some(Overlay::Appointments(view));
                effects
            }
            other => {
                state.overlay = other;
                vec![Effect::Refresh]
            }
        },
        ApptOutcome::CheckedIn { notes, step_id } => {
            let mut effects = on_result(state, ApptOutcome::Done(notes));
            effects.push(Effect::PrintSlip {
                step_id,
                reprint: false,
            });
            effects
        }
        ApptOutcome::Unmasked(record) => {
            match &mut state.overlay {
                Some(Overlay::Appointments(view)) => {
                    view.form = None;
                    view.note = Some(ScreenNote::Done(vec![ApptNote::Unmasked {
                        id: record.id,
                        name: record.name.clone(),
                        phone: record.phone.clone(),
                    }]));
                    view.unmasked = Some(record);
                }
                // The screen was left meanwhile: nothing is shown.
                _ => {}
            }
            Vec::new()
        }
        ApptOutcome::Failed(note) => {
            match &mut state.overlay {
                Some(Overlay::Appointments(view)) => match &mut view.form {
                    Some(form) => form.problem = Some(note),
                    None => view.note = Some(note),
                },
                _ => {
                    let text = crate::i18n::Words::text(&note, state.lang);
                    state.error(text);
                }
            }
            Vec::new()
        }
    }
}
