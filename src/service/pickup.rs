//! Calling and picking up, with the conflict hint: one path, so the hint is never skipped.
//! The ticket checked is exactly the ticket claimed; if another desk takes it first, the next
//! one is checked in turn.

use rusqlite::Connection;

use super::queries::{self, ConflictHint};
use super::settings::Settings;
use super::steps::{self, Claimed};
use super::{Actor, ServiceError};

/// What a call or pick-up came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickUp {
    /// The ticket is taken.
    Claimed(Claimed),
    /// The visitor may conflict with someone seen before: the desk confirms first, and
    /// nothing was taken.
    Conflict {
        step_id: i64,
        hints: Vec<ConflictHint>,
    },
}

/// How many times another desk may beat this one to the next ticket before giving up.
const ROUNDS: usize = 5;

/// Calls `step_id`, or the next ticket when `None`. Unless `confirmed`, a ticket with conflict
/// hints (looked up over the last year) stops the call so the desk can decide first.
pub fn pick_up(
    conn: &mut Connection,
    actor: &Actor,
    settings: &Settings,
    step_id: Option<i64>,
    confirmed: bool,
    now: i64,
) -> Result<PickUp, ServiceError> {
    let since = (settings.zone.business_date(now) - chrono::Duration::days(365))
        .format("%Y-%m-%d")
        .to_string();
    let mut chosen = step_id;
    // A few rounds at most: each lost race means another desk took the ticket.
    for _ in 0..ROUNDS {
        let candidate = match chosen {
            Some(id) => id,
            None => {
                steps::peek_next(conn, actor, settings, now)?.ok_or(ServiceError::QueueEmpty)?
            }
        };
        if !confirmed {
            let hints = queries::conflict_hints(conn, candidate, &since)?;
            if !hints.is_empty() {
                return Ok(PickUp::Conflict {
                    step_id: candidate,
                    hints,
                });
            }
        }
        match steps::call_step(conn, actor, candidate, now) {
            Ok(claimed) => return Ok(PickUp::Claimed(claimed)),
            // Someone else was quicker with the next ticket: look again.
            Err(ServiceError::AlreadyTaken) if step_id.is_none() => chosen = None,
            Err(e) => return Err(e),
        }
    }
    Err(ServiceError::AlreadyTaken)
}
