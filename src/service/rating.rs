//! Ratings (服务评价, SPEC §2, §9.3): five levels, given by the visitor on the pad or entered
//! by staff on the visitor's word. A step is rated once: the guarded UPDATE (`rating IS NULL`)
//! is the rule, so a pad rating is never overwritten, whoever tries and however they race. A
//! rating of 1–2 opens its follow-up in the same transaction (§9.4).

use chrono::Duration;
use rusqlite::{params, Connection, OptionalExtension};

use super::settings::Settings;
use super::{audit, authorize, followups, write, Actor, Command, ServiceError};
use crate::domain::codes::{Rating, RatingBy, RatingReason, Role, Service, StepStatus};
use crate::domain::text::clean_text;
use crate::i18n::rating::RatingProblem;

/// Longest reason note ("other") kept.
pub const RATING_NOTE_MAX: usize = 100;

/// A rating as staff enter it: the level, and for 1–2 why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRating {
    pub rating: Rating,
    pub reason: Option<RatingReason>,
    pub note: String,
}

/// Checks a staff rating: a 1–2 needs a reason, "other" needs words; a better rating carries
/// neither (a reason left in a hidden field is dropped).
pub fn check_staff_rating(input: &StaffRating) -> Result<StaffRating, ServiceError> {
    let note = clean_text(&input.note, false, RATING_NOTE_MAX)
        .map_err(ServiceError::field(super::FieldName::RatingNote))?;
    if !input.rating.is_poor() {
        return Ok(StaffRating {
            rating: input.rating,
            reason: None,
            note: String::new(),
        });
    }
    match input.reason {
        None => Err(ServiceError::Rating(RatingProblem::ReasonNeeded)),
        Some(RatingReason::Other) if note.is_empty() => {
            Err(ServiceError::Rating(RatingProblem::ReasonNoteNeeded))
        }
        Some(reason) => Ok(StaffRating {
            rating: input.rating,
            reason: Some(reason),
            note: if reason == RatingReason::Other {
                note
            } else {
                String::new()
            },
        }),
    }
}

/// What a rating is checked against.
struct Rated {
    status: StepStatus,
    service: Service,
    window_id: Option<i64>,
    finished_at: Option<i64>,
    rating: Option<Rating>,
    by: Option<RatingBy>,
    reason: Option<RatingReason>,
    rated_at: Option<i64>,
    ticket: String,
}

fn load(tx: &Connection, step_id: i64) -> Result<Rated, ServiceError> {
    tx.prepare_cached(
        "SELECT s.status, s.service, s.window_id, s.finished_at, s.rating, s.rating_by,
                s.rating_reason, s.rated_at, v.ticket
           FROM steps s JOIN visits v ON v.id = s.visit_id WHERE s.id = ?1",
    )?
    .query_row([step_id], |r| {
        let code = |i: usize| r.get::<_, Option<String>>(i);
        Ok((
            code(0)?,
            code(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<i64>>(3)?,
            code(4)?,
            code(5)?,
            code(6)?,
            r.get::<_, Option<i64>>(7)?,
            r.get::<_, String>(8)?,
        ))
    })
    .optional()?
    .and_then(
        |(status, service, window_id, finished_at, rating, by, reason, rated_at, ticket)| {
            Some(Rated {
                status: StepStatus::from_code(status.as_deref()?)?,
                service: Service::from_code(service.as_deref()?)?,
                window_id,
                finished_at,
                rating: rating.as_deref().and_then(Rating::from_code),
                by: by.as_deref().and_then(RatingBy::from_code),
                reason: reason.as_deref().and_then(RatingReason::from_code),
                rated_at,
                ticket,
            })
        },
    )
    .ok_or(ServiceError::NotFound)
}

/// Why an existing rating stands in the way of a staff entry.
fn taken(step: &Rated) -> Option<ServiceError> {
    match (step.rating, step.by) {
        (Some(_), Some(RatingBy::Pad)) => Some(ServiceError::Rating(RatingProblem::RatedOnPad)),
        (Some(_), _) => Some(ServiceError::Rating(RatingProblem::AlreadyRated)),
        (None, _) => None,
    }
}

/// Stores a rating on a done, unrated step inside the caller's transaction, and opens the
/// follow-up of a 1–2. Returns the follow-up's id. The `rating IS NULL` guard makes the first
/// rating the only one, even against a writer that checked before this one committed.
pub(super) fn store(
    tx: &Connection,
    step_id: i64,
    rating: &StaffRating,
    by: RatingBy,
    actor: Option<&Actor>,
    settings: &Settings,
    now: i64,
) -> Result<Option<i64>, ServiceError> {
    let changed = tx
        .prepare_cached(
            "UPDATE steps SET rating = ?2, rating_by = ?3, rating_reason = ?4, rating_note = ?5, rated_at = ?6
              WHERE id = ?1 AND status = 'done' AND rating IS NULL",
        )?
        .execute(params![
            step_id,
            rating.rating.code(),
            by.code(),
            rating.reason.map(|r| r.code()),
            Some(rating.note.as_str()).filter(|n| !n.is_empty()),
            now
        ])?;
    if changed != 1 {
        return Err(ServiceError::Rating(RatingProblem::AlreadyRated));
    }
    if !rating.rating.is_poor() {
        return Ok(None);
    }
    followups::open(tx, step_id, actor, settings, now).map(Some)
}

/// A finished step the pad can offer: done at this window, not rated, ended within
/// `rating_timeout_s`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub step_id: i64,
    pub ticket: String,
    pub finished_at: i64,
}

/// The step the pad at `window_id` should ask about now: the latest one finished there that
/// is still open for rating. Read through the visits of the last day or two (the date index),
/// so the pad's look after every commit in the hall never reads history.
pub fn pad_offer(
    conn: &Connection,
    window_id: i64,
    settings: &Settings,
    now: i64,
) -> rusqlite::Result<Option<Offer>> {
    let since = now - settings.rating_timeout_s;
    let first_date = settings.zone.business_date(since) - Duration::days(1);
    let last_date = settings.zone.business_date(now);
    conn.prepare_cached(
        "SELECT s.id, v.ticket, s.finished_at
           FROM visits v CROSS JOIN steps s ON s.visit_id = v.id
          WHERE v.business_date BETWEEN ?1 AND ?2
            AND s.window_id = ?3 AND s.status = 'done' AND s.rating IS NULL
            AND s.finished_at >= ?4 AND s.finished_at <= ?5
          ORDER BY s.finished_at DESC, s.id DESC LIMIT 1",
    )?
    .query_row(
        params![
            first_date.format("%Y-%m-%d").to_string(),
            last_date.format("%Y-%m-%d").to_string(),
            window_id,
            since,
            now
        ],
        |r| {
            Ok(Offer {
                step_id: r.get(0)?,
                ticket: r.get(1)?,
                finished_at: r.get(2)?,
            })
        },
    )
    .optional()
}

/// What the pad stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PadRated {
    pub ticket: String,
    /// Set for a 1–2: the follow-up opened with it.
    pub follow_up: Option<i64>,
}

/// The visitor's digit on the pad of `window_id`. No sign-in: what makes it the visitor's is
/// that the step just ended at this window, within `rating_timeout_s`, and is not rated yet.
pub fn rate_on_pad(
    conn: &mut Connection,
    window_id: i64,
    step_id: i64,
    rating: Rating,
    settings: &Settings,
    now: i64,
) -> Result<PadRated, ServiceError> {
    write(conn, |tx| {
        let step = load(tx, step_id)?;
        if step.window_id != Some(window_id) {
            return Err(ServiceError::Rating(RatingProblem::OtherWindow));
        }
        if step.status != StepStatus::Done {
            return Err(ServiceError::Rating(RatingProblem::NotFinished));
        }
        if step.rating.is_some() {
            return Err(ServiceError::Rating(RatingProblem::AlreadyRated));
        }
        if step
            .finished_at
            .is_none_or(|end| now - end > settings.rating_timeout_s)
        {
            return Err(ServiceError::Rating(RatingProblem::TooLate));
        }
        let input = StaffRating {
            rating,
            reason: None,
            note: String::new(),
        };
        let follow_up = store(tx, step_id, &input, RatingBy::Pad, None, settings, now)?;
        audit::append(
            tx,
            now,
            None,
            "rate",
            "step",
            Some(step_id),
            &format!("{} {} pad", step.ticket, rating.code()),
        )?;
        Ok(PadRated {
            ticket: step.ticket,
            follow_up,
        })
    })
}

/// The reason the visitor picks after a 1–2 on the pad. Once, right after the rating (within
/// `rating_timeout_s` of it), and only for the pad's own rating. The visitor cannot type, so
/// "other" carries no words; the supervisor asks at the callback.
pub fn set_pad_reason(
    conn: &mut Connection,
    window_id: i64,
    step_id: i64,
    reason: RatingReason,
    settings: &Settings,
    now: i64,
) -> Result<(), ServiceError> {
    write(conn, |tx| {
        let step = load(tx, step_id)?;
        if step.window_id != Some(window_id) {
            return Err(ServiceError::Rating(RatingProblem::OtherWindow));
        }
        let open = step.by == Some(RatingBy::Pad)
            && step.rating.is_some_and(Rating::is_poor)
            && step.reason.is_none();
        if !open {
            return Err(ServiceError::Rating(RatingProblem::ReasonNotOpen));
        }
        if step
            .rated_at
            .is_none_or(|at| now - at > settings.rating_timeout_s)
        {
            return Err(ServiceError::Rating(RatingProblem::TooLate));
        }
        let changed = tx
            .prepare_cached(
                "UPDATE steps SET rating_reason = ?2
                  WHERE id = ?1 AND rating_by = 'pad' AND rating_reason IS NULL",
            )?
            .execute(params![step_id, reason.code()])?;
        if changed != 1 {
            return Err(ServiceError::Rating(RatingProblem::ReasonNotOpen));
        }
        audit::append(
            tx,
            now,
            None,
            "rating_reason",
            "step",
            Some(step_id),
            &format!("{} {} pad", step.ticket, reason.code()),
        )?;
        Ok(())
    })
}

/// Staff enter a rating on the visitor's word, after the step ended (at finishing it, the
/// finish form carries the rating instead). Refused on a step the visitor rated on the pad,
/// and on one rated already.
pub fn rate_by_staff(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    input: &StaffRating,
    settings: &Settings,
    now: i64,
) -> Result<Option<i64>, ServiceError> {
    let clean = check_staff_rating(input)?;
    write(conn, |tx| {
        let step = load(tx, step_id)?;
        authorize(actor, Command::ServeStep(step.service))?;
        // The window that served the step rates it (a supervisor covering the hall may too).
        if actor.role != Role::Supervisor && step.window_id != actor.window_id {
            return Err(ServiceError::Denied);
        }
        if step.status != StepStatus::Done {
            return Err(ServiceError::Rating(RatingProblem::NotFinished));
        }
        if let Some(error) = taken(&step) {
            return Err(error);
        }
        let follow_up = store(
            tx,
            step_id,
            &clean,
            RatingBy::Staff,
            Some(actor),
            settings,
            now,
        )?;
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "rate",
            "step",
            Some(step_id),
            &format!("{} {} staff", step.ticket, clean.rating.code()),
        )?;
        Ok(follow_up)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(rating: Rating, reason: Option<RatingReason>, note: &str) -> StaffRating {
        StaffRating {
            rating,
            reason,
            note: note.into(),
        }
    }

    #[test]
    fn a_poor_staff_rating_needs_its_reason() {
        assert!(matches!(
            check_staff_rating(&input(Rating::Unsatisfied, None, "")),
            Err(ServiceError::Rating(RatingProblem::ReasonNeeded))
        ));
        assert!(matches!(
            check_staff_rating(&input(
                Rating::VeryUnsatisfied,
                Some(RatingReason::Other),
                "  "
            )),
            Err(ServiceError::Rating(RatingProblem::ReasonNoteNeeded))
        ));
        let ok = check_staff_rating(&input(
            Rating::VeryUnsatisfied,
            Some(RatingReason::Other),
            " 等候太久 ",
        ))
        .unwrap();
        assert_eq!(ok.note, "等候太久");
        // A good rating drops whatever was left in the reason fields.
        let good = check_staff_rating(&input(
            Rating::VerySatisfied,
            Some(RatingReason::Attitude),
            "x",
        ))
        .unwrap();
        assert_eq!((good.reason, good.note.as_str()), (None, ""));
    }
}
