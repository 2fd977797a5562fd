//! Calling and picking up: the atomic claims of a waiting step by a window or desk.

use rusqlite::{params, Connection, OptionalExtension};

use super::{load_step, Claimed};
use crate::domain::codes::Service;
use crate::domain::queue::{self, QueueEntry};
use crate::domain::state::{transition, StepEvent};
use crate::service::settings::Settings;
use crate::service::{audit, authorize, write, Actor, Command, Problem, ServiceError};

/// The services this actor calls from at their window: the window's services the role serves.
pub fn calling_services(conn: &Connection, actor: &Actor) -> Result<Vec<Service>, ServiceError> {
    let window_id = actor
        .window_id
        .ok_or(ServiceError::Invalid(Problem::NoWindow))?;
    // One primary-key read of this window (an active one), as `staff::window` would find it.
    let list: String = conn
        .prepare_cached("SELECT services FROM windows WHERE id = ?1 AND active = 1")?
        .query_row([window_id], |r| r.get(0))
        .optional()?
        .ok_or(ServiceError::NotFound)?;
    let services: Vec<Service> = crate::service::staff::parse_services(&list)
        .unwrap_or_default()
        .into_iter()
        .filter(|s| crate::service::permissions::allowed(actor.role, Command::ServeStep(*s)))
        .collect();
    if services.is_empty() {
        return Err(ServiceError::Invalid(Problem::WindowService));
    }
    Ok(services)
}

/// The waiting entries of today's queues for `services`, in no particular order.
fn waiting_entries(
    tx: &Connection,
    services: &[Service],
    date: &str,
) -> rusqlite::Result<Vec<QueueEntry>> {
    // `s.status = 'waiting'` is the WHERE of the partial index `steps_waiting`: only the
    // tickets waiting now are read, not every visit of the day nor any of history. The unary
    // `+` keeps SQLite from preferring the date index (it has no statistics to know better).
    // `booked`: an on-time appointment's first step (one lookup in the unique index on
    // `appointments.visit_id`, for waiting rows only).
    let mut stmt = tx.prepare_cached(
        "SELECT s.id, v.urgent, v.lane, COALESCE(s.requeued_at, s.queued_at),
                s.seq = 1 AND EXISTS (SELECT 1 FROM appointments a WHERE a.visit_id = s.visit_id AND a.on_time = 1)
           FROM steps s JOIN visits v ON v.id = s.visit_id
          WHERE s.status = 'waiting' AND s.service = ?1 AND +v.business_date = ?2",
    )?;
    let mut entries = Vec::new();
    for service in services {
        let rows = stmt.query_map(params![service.code(), date], |r| {
            Ok(QueueEntry {
                step_id: r.get(0)?,
                urgent: r.get(1)?,
                lane: r.get(2)?,
                order_at: r.get(3)?,
                booked: r.get(4)?,
            })
        })?;
        for row in rows {
            entries.push(row?);
        }
    }
    Ok(entries)
}

/// Claims a waiting step for this window: the guarded UPDATE is the claim, so even outside a
/// transaction two windows could never both succeed.
fn claim(
    tx: &Connection,
    actor: &Actor,
    step_id: i64,
    now: i64,
    action: &str,
) -> Result<Claimed, ServiceError> {
    let step = load_step(tx, step_id)?;
    authorize(actor, Command::ServeStep(step.service))?;
    // A chosen ticket must be one this window serves (the role alone is not enough); a
    // supervisor covering the hall may take any.
    if actor.role != crate::domain::codes::Role::Supervisor
        && !calling_services(tx, actor)?.contains(&step.service)
    {
        return Err(ServiceError::Invalid(Problem::WindowService));
    }
    transition(step.status, StepEvent::Call)?;
    // The row count is the claim's answer (no RETURNING: it would build a temporary table on
    // every call for one id we already know).
    let taken = tx
        .prepare_cached(
            "UPDATE steps SET status = 'called', called_at = ?2, window_id = ?3, staff_id = ?4
              WHERE id = ?1 AND status = 'waiting'",
        )?
        .execute(params![step_id, now, actor.window_id, actor.staff_id])?;
    if taken != 1 {
        return Err(ServiceError::AlreadyTaken);
    }
    // The hall hears the call: its announcement commits with it or not at all (SPEC §9.1).
    crate::service::announce::record(
        tx,
        step_id,
        &step.ticket,
        actor.window_id,
        crate::domain::announce::AnnounceKind::Call,
        now,
    )?;
    audit::append(
        tx,
        now,
        Some(actor.staff_id),
        action,
        "step",
        Some(step_id),
        &step.ticket,
    )?;
    Ok(Claimed {
        step_id,
        ticket: step.ticket,
        service: step.service,
    })
}

fn today(settings: &Settings, now: i64) -> String {
    settings
        .zone
        .business_date(now)
        .format("%Y-%m-%d")
        .to_string()
}

/// "Call next" at a window: the next ticket across every queue the window serves.
pub fn call_next(
    conn: &mut Connection,
    actor: &Actor,
    settings: &Settings,
    now: i64,
) -> Result<Claimed, ServiceError> {
    let services = calling_services(conn, actor)?;
    next_of(conn, actor, &services, settings, now, "call")
}

/// A desk picks up the next referral of its own service.
pub fn pick_up_next(
    conn: &mut Connection,
    actor: &Actor,
    settings: &Settings,
    now: i64,
) -> Result<Claimed, ServiceError> {
    let services = calling_services(conn, actor)?;
    next_of(conn, actor, &services, settings, now, "pick_up")
}

fn next_of(
    conn: &mut Connection,
    actor: &Actor,
    services: &[Service],
    settings: &Settings,
    now: i64,
    action: &str,
) -> Result<Claimed, ServiceError> {
    let date = today(settings, now);
    write(conn, |tx| {
        let entries = waiting_entries(tx, services, &date)?;
        let next = queue::next(&entries, now, settings.promote_after_min)
            .ok_or(ServiceError::QueueEmpty)?;
        claim(tx, actor, next.step_id, now, action)
    })
}

/// The step "call next" / "pick up" would take now, without taking it (so a desk can be
/// warned about a conflict before the claim).
pub fn peek_next(
    conn: &Connection,
    actor: &Actor,
    settings: &Settings,
    now: i64,
) -> Result<Option<i64>, ServiceError> {
    let services = calling_services(conn, actor)?;
    let entries = waiting_entries(conn, &services, &today(settings, now))?;
    Ok(queue::next(&entries, now, settings.promote_after_min).map(|e| e.step_id))
}

/// Calls (or picks up) a chosen ticket.
pub fn call_step(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    now: i64,
) -> Result<Claimed, ServiceError> {
    actor
        .window_id
        .ok_or(ServiceError::Invalid(Problem::NoWindow))?;
    write(conn, |tx| claim(tx, actor, step_id, now, "call"))
}
