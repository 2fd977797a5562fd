//! What a window or desk does to a step: call and pick up (atomic claims), recall, start,
//! hold/resume, no-show and late re-queue, finish with an outcome (which may refer the visit
//! on or return it to the front desk), and cancel. Each runs in one IMMEDIATE transaction,
//! checks the state machine and the actor's role, and writes its audit row.

use rusqlite::{params, Connection, OptionalExtension};

use super::settings::Settings;
use super::{audit, authorize, write, Actor, Command, FieldName, Problem, ServiceError};
use crate::domain::codes::{
    Outcome, Rating, RatingBy, RatingReason, ReturnReason, Service, StepStatus,
};
use crate::domain::queue::{self, QueueEntry};
use crate::domain::state::{transition, StepEvent};
use crate::domain::text::{clean_text, FieldProblem};

pub const NOTE_MAX: usize = 200;

/// The ticket a call or pick-up took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub step_id: i64,
    pub ticket: String,
    pub service: Service,
}

/// How a step ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finish {
    pub outcome: Outcome,
    /// For `referred`: where the visit goes next.
    pub refer_to: Option<Service>,
    /// For `returned`: why.
    pub reason: Option<ReturnReason>,
    pub note: String,
    pub amount_fen: Option<i64>,
    pub quantity: Option<i64>,
    /// The visitor's rating as staff enter it (SPEC §2), or none.
    pub rating: Option<Rating>,
    /// For a rating of 1–2: why.
    pub rating_reason: Option<RatingReason>,
    /// The words of an "other" reason.
    pub rating_note: String,
}

impl Finish {
    pub fn with_outcome(outcome: Outcome) -> Finish {
        Finish {
            outcome,
            refer_to: None,
            reason: None,
            note: String::new(),
            amount_fen: None,
            quantity: None,
            rating: None,
            rating_reason: None,
            rating_note: String::new(),
        }
    }
}

struct StepRow {
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
fn check_window(actor: &Actor, step: &StepRow) -> Result<(), ServiceError> {
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

fn load_step(tx: &Connection, step_id: i64) -> Result<StepRow, ServiceError> {
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
    let services: Vec<Service> = super::staff::parse_services(&list)
        .unwrap_or_default()
        .into_iter()
        .filter(|s| super::permissions::allowed(actor.role, Command::ServeStep(*s)))
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
    super::announce::record(
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

/// Checks an outcome against its service and the rules for referral, return and notes.
pub fn check_finish(service: Service, finish: &Finish) -> Result<Finish, ServiceError> {
    if !service.allows_outcome(finish.outcome) {
        return Err(ServiceError::Invalid(Problem::Outcome));
    }
    let note =
        clean_text(&finish.note, false, NOTE_MAX).map_err(ServiceError::field(FieldName::Note))?;
    let mut clean = finish.clone();
    clean.note = note;
    match finish.outcome {
        Outcome::Referred => match finish.refer_to {
            Some(target) if target != service => {}
            _ => return Err(ServiceError::Invalid(Problem::ReferTarget)),
        },
        Outcome::Returned => match finish.reason {
            None => return Err(ServiceError::Invalid(Problem::Reason)),
            Some(ReturnReason::Other) if clean.note.is_empty() => {
                return Err(ServiceError::Invalid(Problem::ReasonNote))
            }
            Some(_) => {}
        },
        _ => {}
    }
    if finish.outcome != Outcome::Referred {
        clean.refer_to = None;
    }
    if finish.outcome != Outcome::Returned {
        clean.reason = None;
    }
    if let Some(q) = clean.quantity {
        if !(1..=999).contains(&q) {
            return Err(ServiceError::Field {
                field: FieldName::Quantity,
                problem: FieldProblem::OutOfRange,
            });
        }
    }
    if finish.outcome == Outcome::Drafted && clean.quantity.is_none() {
        clean.quantity = Some(1);
    }
    match finish.rating.map(|rating| staff_rating(rating, finish)) {
        Some(rating) => {
            let rating = super::rating::check_staff_rating(&rating)?;
            clean.rating_reason = rating.reason;
            clean.rating_note = rating.note;
        }
        None => {
            clean.rating_reason = None;
            clean.rating_note = String::new();
        }
    }
    Ok(clean)
}

fn staff_rating(rating: Rating, finish: &Finish) -> super::rating::StaffRating {
    super::rating::StaffRating {
        rating,
        reason: finish.rating_reason,
        note: finish.rating_note.clone(),
    }
}

/// Finishes the step with an outcome. A referral or return opens the next step of the same
/// visit (same ticket) at the target service; returns that step's id.
pub fn finish(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    finish: &Finish,
    settings: &Settings,
    now: i64,
) -> Result<Option<i64>, ServiceError> {
    write(conn, |tx| {
        let step = load_step(tx, step_id)?;
        authorize(actor, Command::ServeStep(step.service))?;
        check_window(actor, &step)?;
        let clean = check_finish(step.service, finish)?;
        // SPEC §10: the applicant's ID document is required when the application is
        // accepted; the desk adds it with the edit-visitor action first (SPEC §3).
        if step.service == Service::LegalAid
            && clean.outcome == Outcome::ApplicationAccepted
            && !super::visitor::has_id(tx, step.visit_id)?
        {
            return Err(ServiceError::Visitor(
                crate::i18n::visitor::VisitorText::IdRequired { key: None },
            ));
        }
        // A desk may finish straight from "called" (e.g. a wrong-desk return) or from hold:
        // the step passes through "serving" as the state machine requires.
        let serving = match step.status {
            StepStatus::Called => transition(StepStatus::Called, StepEvent::Start)?,
            StepStatus::OnHold => transition(StepStatus::OnHold, StepEvent::Resume)?,
            other => other,
        };
        transition(serving, StepEvent::Finish)?;
        let accepted =
            step.service == Service::LegalAid && clean.outcome == Outcome::ApplicationAccepted;
        // Kept on the step too, as the due date first set (the application's own follows the
        // calendar in force and any supplement pause).
        let due = accepted.then(|| {
            super::aid::first_due(settings, now)
                .format("%Y-%m-%d")
                .to_string()
        });
        let changed = tx.prepare_cached(
            "UPDATE steps SET status = 'done', started_at = COALESCE(started_at, ?2), finished_at = ?2,
                    outcome = ?3, reason = ?4, note = ?5, amount_fen = ?6, quantity = ?7,
                    decision_due = ?8, staff_id = ?9, window_id = COALESCE(window_id, ?10)
              WHERE id = ?1 AND status = ?11",
        )?
        .execute(params![
                step_id,
                now,
                clean.outcome.wire_code(),
                clean.reason.map(|r| r.code()),
                Some(clean.note.clone()).filter(|n| !n.is_empty()),
                clean.amount_fen,
                clean.quantity,
                due,
                actor.staff_id,
                actor.window_id,
                step.status.code()
            ])?;
        if changed != 1 {
            return Err(ServiceError::WrongState(step.status));
        }
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "finish",
            "step",
            Some(step_id),
            &format!("{} {}", step.ticket, clean.outcome.wire_code()),
        )?;
        if accepted {
            // The application exists from this instant (SPEC §10), in the same transaction.
            super::aid::create(tx, Some(actor), step_id, now, settings)?;
        }
        // A rating given with the finish is the staff's entry on the visitor's word; a 1–2
        // opens its follow-up here, in the same transaction.
        if let Some(rating) = clean.rating {
            let rating = staff_rating(rating, &clean);
            super::rating::store(
                tx,
                step_id,
                &rating,
                RatingBy::Staff,
                Some(actor),
                settings,
                now,
            )?;
        }
        let next_service = match clean.outcome {
            Outcome::Referred => clean.refer_to,
            Outcome::Returned => Some(Service::Consult),
            _ => None,
        };
        let Some(next_service) = next_service else {
            return Ok(None);
        };
        tx.prepare_cached(
            "INSERT INTO steps (visit_id, seq, service, status, queued_at) VALUES (?1, ?2, ?3, 'waiting', ?4)",
        )?
        .execute(params![step.visit_id, step.seq + 1, next_service.code(), now])?;
        let next_id = tx.last_insert_rowid();
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "handoff",
            "step",
            Some(next_id),
            &format!("{} {}", step.ticket, next_service.code()),
        )?;
        Ok(Some(next_id))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_rules() {
        let mut f = Finish::with_outcome(Outcome::Referred);
        assert!(check_finish(Service::Consult, &f).is_err());
        f.refer_to = Some(Service::Consult);
        assert!(check_finish(Service::Consult, &f).is_err());
        f.refer_to = Some(Service::LegalAid);
        assert!(check_finish(Service::Consult, &f).is_ok());
        let mut r = Finish::with_outcome(Outcome::Returned);
        assert!(check_finish(Service::LegalAid, &r).is_err());
        r.reason = Some(ReturnReason::Other);
        assert!(check_finish(Service::LegalAid, &r).is_err());
        r.note = "说明".into();
        assert!(check_finish(Service::LegalAid, &r).is_ok());
        assert!(check_finish(
            Service::Consult,
            &Finish::with_outcome(Outcome::AgreementOral)
        )
        .is_err());
        let d = check_finish(Service::Drafting, &Finish::with_outcome(Outcome::Drafted)).unwrap();
        assert_eq!(d.quantity, Some(1));
    }
}
