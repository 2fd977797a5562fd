//! Ending a step: the finish rules, the staff's rating, referral on or return to the front
//! desk, in one transaction.

use rusqlite::{params, Connection};

use super::{check_window, load_step};
use crate::domain::codes::{
    Outcome, Rating, RatingBy, RatingReason, ReturnReason, Service, StepStatus,
};
use crate::domain::state::{transition, StepEvent};
use crate::domain::text::{clean_text, FieldProblem};
use crate::service::settings::Settings;
use crate::service::{audit, authorize, write, Actor, Command, FieldName, Problem, ServiceError};

pub const NOTE_MAX: usize = 200;

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
            let rating = crate::service::rating::check_staff_rating(&rating)?;
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

fn staff_rating(rating: Rating, finish: &Finish) -> crate::service::rating::StaffRating {
    crate::service::rating::StaffRating {
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
            && !crate::service::visitor::has_id(tx, step.visit_id)?
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
            crate::service::aid::first_due(settings, now)
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
            crate::service::aid::create(tx, Some(actor), step_id, now, settings)?;
        }
        // A rating given with the finish is the staff's entry on the visitor's word; a 1–2
        // opens its follow-up here, in the same transaction.
        if let Some(rating) = clean.rating {
            let rating = staff_rating(rating, &clean);
            crate::service::rating::store(
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
