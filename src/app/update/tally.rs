//! Keys on the tally screen (drawn by `ui/tally.rs`).

use super::form::form_step;
use crate::action::Action;
use crate::app::effect::Effect;
use crate::app::forms;
use crate::app::state::{Overlay, State, TallyView};
use crate::i18n::status::StatusText;

/// The tally screen: scroll, move by day, choose dates, print, close the day.
pub(super) fn on_action(state: &mut State, mut view: TallyView, action: Action) -> Vec<Effect> {
    if let Some(form) = view.range.take() {
        return on_range_form(state, view, form, action);
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
            state.error(StatusText::CloseSingleDate);
            Vec::new()
        }
        Action::CloseDay if view.closed => {
            state.error(StatusText::AlreadyClosed);
            Vec::new()
        }
        Action::CloseDay => vec![Effect::AskCloseDay(view.from)],
        _ => Vec::new(),
    };
    state.overlay = Some(Overlay::Tally(view));
    effects
}

/// The date range form over the tally: Enter loads the dates typed, if they make a range.
fn on_range_form(
    state: &mut State,
    mut view: TallyView,
    mut form: crate::app::form::Form,
    action: Action,
) -> Vec<Effect> {
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
            form.error = Some(StatusText::RangeStartAfterEnd.into());
            view.range = Some(form);
            Vec::new()
        }
        _ => {
            form.error = Some(StatusText::RangeBadDate.into());
            view.range = Some(form);
            Vec::new()
        }
    };
    state.overlay = Some(Overlay::Tally(view));
    effects
}
