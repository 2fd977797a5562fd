//! The `legal_aid` figures of SPEC §5 from the applications of a range: the events that
//! happened on its dates, and the open work as it stood at the end of `to` (read back from
//! the dates each transition wrote, so a past range gives the figures it had then).

use chrono::NaiveDate;

use super::model::LegalAidTally;
use super::stats::share;
use crate::domain::aid::AidState;
use crate::domain::application::Application;
use crate::domain::settings::Settings;

pub fn compute(
    applications: &[Application],
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
) -> LegalAidTally {
    let within = |date: Option<NaiveDate>| date.is_some_and(|d| from <= d && d <= to);
    let mut t = LegalAidTally::default();
    for app in applications {
        if within(Some(app.received)) {
            t.accepted += 1;
        }
        if within(app.decided) {
            match app.decision {
                Some(AidState::Granted) => t.granted += 1,
                Some(AidState::Refused) => t.refused += 1,
                _ => {}
            }
            let on_time = match (app.decided, app.decision_due_frozen) {
                (Some(decided), Some(due)) => decided <= due,
                _ => false,
            };
            if on_time {
                t.decided_on_time += 1;
            }
        }
        if within(app.withdrawn_on()) {
            t.withdrawn += 1;
        }
        if within(app.assigned) {
            t.assigned += 1;
        }
        if app.state_as_of(to).is_some_and(AidState::awaiting_decision) {
            t.pending += 1;
            if app.decision_overdue(settings, to) {
                t.overdue += 1;
            }
        }
        if app.assign_overdue(settings, to) {
            t.assign_overdue += 1;
        }
    }
    t.decided = t.granted + t.refused;
    t.on_time_share = share(t.decided_on_time, t.decided);
    t
}
