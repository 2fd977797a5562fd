//! What a window or desk does to a step: call and pick up (atomic claims), recall, start,
//! hold/resume, no-show and late re-queue, finish with an outcome (which may refer the visit
//! on or return it to the front desk), and cancel. Each runs in one IMMEDIATE transaction,
//! checks the state machine and the actor's role, and writes its audit row.
//!
//! `calling` claims tickets for a window or desk, `finishing` ends a step; the state changes
//! in between are here.

mod calling;
mod finishing;

use rusqlite::{params, Connection, OptionalExtension};

use super::settings::Settings;
use super::{audit, authorize, write, Actor, Command, Problem, ServiceError};
use crate::domain::codes::{Service, StepStatus};
use crate::domain::state::{transition, StepEvent};

pub use calling::{call_next, call_step, calling_services, peek_next, pick_up_next};
pub use finishing::{check_finish, finish, Finish, NOTE_MAX};

/// The ticket a call or pick-up took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub step_id: i64,
    pub ticket: String,
    pub service: Service,
}

/// A step as the state changes read it.
pub(super) struct StepRow {
    status: StepStatus,
    service: Service,
    seq: i64,
    visit_id: i64,
    ticket: String,
    window_id: Option<i64>,
}

/// A ticket that has been called to a window belongs to that window until it is finished:
/// only that window (or a supervisor) may recall, start, hold, finish or cancel it. A ticket
/// a supervisor called without a window belongs to no window in particular.
pub(super) fn check_window(actor: &Actor, step: &StepRow) -> Result<(), ServiceError> {
    let claimed = matches!(
        step.status,
        StepStatus::Called | StepStatus::Serving | StepStatus::OnHold
    );
    let other_window = step.window_id.is_some() && step.window_id != actor.window_id;
    if claimed && other_window && actor.role != crate::domain::codes::Role::Supervisor {
        return Err(ServiceError::Denied);
    }
    Ok(())
}

pub(super) fn load_step(tx: &Connection, step_id: i64) -> Result<StepRow, ServiceError> {
    tx.prepare_cached(
        "SELECT s.status, s.service, s.seq, s.visit_id, v.ticket, s.window_id
           FROM steps s JOIN visits v ON v.id = s.visit_id WHERE s.id = ?1",
    )?
    .query_row([step_id], |r| {
        Ok(StepRow {
            status: r.get(0)?,
            service: r.get(1)?,
            seq: r.get(2)?,
            visit_id: r.get(3)?,
            ticket: r.get(4)?,
            window_id: r.get(5)?,
        })
    })
    .optional()?
    .ok_or(ServiceError::NotFound)
}

/// Runs one state change on one step: load, authorise, check the state machine, apply the
/// guarded update, audit.
fn change(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    event: StepEvent,
    now: i64,
    apply: impl FnOnce(&Connection, StepStatus, StepStatus) -> rusqlite::Result<usize>,
) -> Result<(), ServiceError> {
    change_by(conn, actor, step_id, |_| event, now, apply).map(|_| ())
}

/// `change`, with the event chosen from the step's current state inside the same
/// transaction (hold or resume); returns the event applied.
fn change_by(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    pick: impl FnOnce(StepStatus) -> StepEvent,
    now: i64,
    apply: impl FnOnce(&Connection, StepStatus, StepStatus) -> rusqlite::Result<usize>,
) -> Result<StepEvent, ServiceError> {
    write(conn, |tx| {
        let step = load_step(tx, step_id)?;
        let event = pick(step.status);
        let command = if event == StepEvent::Cancel {
            Command::CancelStep(step.service)
        } else {
            Command::ServeStep(step.service)
        };
        authorize(actor, command)?;
        check_window(actor, &step)?;
        let to = transition(step.status, event)?;
        if apply(tx, step.status, to)? != 1 {
            return Err(ServiceError::WrongState(step.status));
        }
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            event_name(event),
            "step",
            Some(step_id),
            &step.ticket,
        )?;
        Ok(event)
    })
}

fn event_name(event: StepEvent) -> &'static str {
    match event {
        StepEvent::Call => "call",
        StepEvent::Recall => "recall",
        StepEvent::Start => "start",
        StepEvent::Hold => "hold",
        StepEvent::Resume => "resume",
        StepEvent::Finish => "finish",
        StepEvent::MarkNoShow => "no_show",
        StepEvent::Requeue => "requeue",
        StepEvent::Cancel => "cancel",
        StepEvent::CloseDay => "close_day",
    }
}

/// Calls the same visitor again: counted, and `called_at` becomes this call.
pub fn recall(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    now: i64,
) -> Result<(), ServiceError> {
    change(
        conn,
        actor,
        step_id,
        StepEvent::Recall,
        now,
        |tx, from, _| {
            let changed = tx
                .prepare_cached(
                    "UPDATE steps SET recalls = recalls + 1, called_at = ?2 WHERE id = ?1 AND status = ?3",
                )?
                .execute(params![step_id, now, from.code()])?;
            if changed == 1 {
                // A recall re-announces its own ticket, to the window it was called to.
                tx.prepare_cached(
                    "INSERT INTO announcements (step_id, ticket, window_id, kind, created_at)
                     SELECT s.id, v.ticket, s.window_id, 'recall', ?2
                       FROM steps s JOIN visits v ON v.id = s.visit_id WHERE s.id = ?1",
                )?
                .execute(params![step_id, now])?;
            }
            Ok(changed)
        },
    )
}

pub fn start(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    now: i64,
) -> Result<(), ServiceError> {
    change(
        conn,
        actor,
        step_id,
        StepEvent::Start,
        now,
        |tx, from, to| {
            tx.prepare_cached(
            "UPDATE steps SET status = ?3, started_at = ?2, window_id = COALESCE(window_id, ?5), staff_id = ?4
              WHERE id = ?1 AND status = ?6",
        )?
        .execute(params![step_id, now, to.code(), actor.staff_id, actor.window_id, from.code()])
        },
    )
}

/// Puts a step being served on hold, or resumes a held one.
pub fn toggle_hold(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    now: i64,
) -> Result<StepStatus, ServiceError> {
    let pick = |status| {
        if status == StepStatus::OnHold {
            StepEvent::Resume
        } else {
            StepEvent::Hold
        }
    };
    let event = change_by(conn, actor, step_id, pick, now, |tx, from, to| {
        set_status(tx, step_id, from, to)
    })?;
    Ok(if event == StepEvent::Hold {
        StepStatus::OnHold
    } else {
        StepStatus::Serving
    })
}

pub fn mark_no_show(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    now: i64,
) -> Result<(), ServiceError> {
    change(
        conn,
        actor,
        step_id,
        StepEvent::MarkNoShow,
        now,
        |tx, from, to| set_status(tx, step_id, from, to),
    )
}

/// The guarded status change shared by the moves that touch nothing else.
fn set_status(
    tx: &Connection,
    step_id: i64,
    from: StepStatus,
    to: StepStatus,
) -> rusqlite::Result<usize> {
    tx.prepare_cached("UPDATE steps SET status = ?2 WHERE id = ?1 AND status = ?3")?
        .execute(params![step_id, to.code(), from.code()])
}

/// A late no-show turns up: back in the queue at the end (its original `queued_at` is kept
/// for the wait statistics; `requeued_at` orders it). The claim is released.
pub fn requeue(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    settings: &Settings,
    now: i64,
) -> Result<(), ServiceError> {
    if !settings.allow_requeue {
        return Err(ServiceError::Invalid(Problem::RequeueOff));
    }
    change(
        conn,
        actor,
        step_id,
        StepEvent::Requeue,
        now,
        |tx, from, to| {
            tx.prepare_cached(
            "UPDATE steps SET status = ?2, requeued_at = ?3, called_at = NULL, window_id = NULL, staff_id = NULL
              WHERE id = ?1 AND status = ?4",
        )?
        .execute(params![step_id, to.code(), now, from.code()])
        },
    )
}

/// The visitor left before being served.
pub fn cancel(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    now: i64,
) -> Result<(), ServiceError> {
    change(
        conn,
        actor,
        step_id,
        StepEvent::Cancel,
        now,
        |tx, from, to| {
            tx.prepare_cached(
            "UPDATE steps SET status = ?2, finished_at = CASE WHEN started_at IS NULL THEN NULL ELSE ?3 END
              WHERE id = ?1 AND status = ?4",
        )?
        .execute(params![step_id, to.code(), now, from.code()])
        },
    )
}
