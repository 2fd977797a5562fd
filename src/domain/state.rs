//! The step state machine of SPEC §3, as a pure function: which event moves a step from which
//! state to which. The database layer asks this before every status change.

use super::codes::StepStatus;
use StepStatus::*;

/// What a desk does to a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepEvent {
    /// Call, or a desk picking a referral up (both claim a waiting step).
    Call,
    /// Call the same visitor again (重呼); counted, and moves `called_at`.
    Recall,
    Start,
    Hold,
    Resume,
    Finish,
    MarkNoShow,
    /// A late no-show turns up: back into the queue, at the end.
    Requeue,
    Cancel,
    /// Day close: every open step becomes `unfinished`.
    CloseDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("step cannot go from {from} by {event:?}")]
pub struct RefusedTransition {
    pub from: StepStatus,
    pub event: StepEvent,
}

/// The next state, or why not.
pub fn transition(from: StepStatus, event: StepEvent) -> Result<StepStatus, RefusedTransition> {
    let to = match (from, event) {
        (Waiting, StepEvent::Call) => Called,
        (Called, StepEvent::Recall) => Called,
        (Called, StepEvent::Start) => Serving,
        (Called, StepEvent::MarkNoShow) => NoShow,
        (Serving, StepEvent::Hold) => OnHold,
        (OnHold, StepEvent::Resume) => Serving,
        (Serving, StepEvent::Finish) => Done,
        (NoShow, StepEvent::Requeue) => Waiting,
        (Waiting | Called | Serving | OnHold, StepEvent::Cancel) => Cancelled,
        (Waiting | Called | Serving | OnHold, StepEvent::CloseDay) => Unfinished,
        _ => return Err(RefusedTransition { from, event }),
    };
    Ok(to)
}

/// The states from which `event` is allowed (used to build guarded SQL updates).
pub fn sources(event: StepEvent) -> Vec<StepStatus> {
    StepStatus::ALL
        .iter()
        .copied()
        .filter(|s| transition(*s, event).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENTS: [StepEvent; 10] = [
        StepEvent::Call,
        StepEvent::Recall,
        StepEvent::Start,
        StepEvent::Hold,
        StepEvent::Resume,
        StepEvent::Finish,
        StepEvent::MarkNoShow,
        StepEvent::Requeue,
        StepEvent::Cancel,
        StepEvent::CloseDay,
    ];

    /// The whole table, written out from SPEC §3, so any change to `transition` shows here.
    #[test]
    fn every_transition_is_as_the_spec_says() {
        let allowed: &[(StepStatus, StepEvent, StepStatus)] = &[
            (Waiting, StepEvent::Call, Called),
            (Waiting, StepEvent::Cancel, Cancelled),
            (Waiting, StepEvent::CloseDay, Unfinished),
            (Called, StepEvent::Recall, Called),
            (Called, StepEvent::Start, Serving),
            (Called, StepEvent::MarkNoShow, NoShow),
            (Called, StepEvent::Cancel, Cancelled),
            (Called, StepEvent::CloseDay, Unfinished),
            (Serving, StepEvent::Hold, OnHold),
            (Serving, StepEvent::Finish, Done),
            (Serving, StepEvent::Cancel, Cancelled),
            (Serving, StepEvent::CloseDay, Unfinished),
            (OnHold, StepEvent::Resume, Serving),
            (OnHold, StepEvent::Cancel, Cancelled),
            (OnHold, StepEvent::CloseDay, Unfinished),
            (NoShow, StepEvent::Requeue, Waiting),
        ];
        for from in StepStatus::ALL {
            for event in EVENTS {
                let expected = allowed
                    .iter()
                    .find(|(f, e, _)| f == from && *e == event)
                    .map(|t| t.2);
                assert_eq!(
                    transition(*from, event).ok(),
                    expected,
                    "{from:?} by {event:?}"
                );
            }
        }
    }

    #[test]
    fn final_states_stay_final() {
        for from in [Done, Cancelled, Unfinished] {
            for event in EVENTS {
                assert!(transition(from, event).is_err(), "{from:?} by {event:?}");
            }
        }
    }

    #[test]
    fn sources_lists_allowed_states() {
        assert_eq!(sources(StepEvent::Call), vec![Waiting]);
        assert_eq!(
            sources(StepEvent::Cancel),
            vec![Waiting, Called, Serving, OnHold]
        );
    }
}
