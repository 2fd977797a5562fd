//! 差评 follow-ups (回访整改, SPEC §9.4): opened with every 1–2 rating, due `followup_days`
//! working days later, listed for the supervisor (open and overdue, the visitor masked), and
//! closed by the supervisor with an outcome and a note. Every step is audited.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::settings::Settings;
use super::{audit, authorize, write, Actor, Command, ServiceError};
use crate::domain::codes::{FollowUpOutcome, Rating, RatingBy, RatingReason};
use crate::domain::followup::{due_date, is_overdue};
use crate::domain::privacy::mask_name;
use crate::domain::text::{clean_text, sanitize};
use crate::i18n::followup::FollowUpText;

/// Longest closing note kept.
pub const NOTE_MAX: usize = 200;

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Opens the follow-up of the 1–2 rating just stored on `step_id`, in the rating's own
/// transaction; returns its id.
pub(super) fn open(
    tx: &Connection,
    step_id: i64,
    actor: Option<&Actor>,
    settings: &Settings,
    now: i64,
) -> Result<i64, ServiceError> {
    let opened = settings.zone.business_date(now);
    let days = u32::try_from(settings.followup_days.max(1)).unwrap_or(5);
    let due = due_date(opened, days, super::calendar_of(settings));
    tx.prepare_cached(
        "INSERT INTO follow_ups (step_id, opened_at, opened_date, due_date) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![step_id, now, date_text(opened), date_text(due)])?;
    let id = tx.last_insert_rowid();
    audit::append(
        tx,
        now,
        actor.map(|a| a.staff_id),
        "follow_up_open",
        "follow_up",
        Some(id),
        &format!("step {step_id} due {}", date_text(due)),
    )?;
    Ok(id)
}

/// One open follow-up as the supervisor's screen lists it. The visitor's name is masked;
/// nothing else personal is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRow {
    pub id: i64,
    pub step_id: i64,
    pub ticket: String,
    /// The visit's business date.
    pub date: String,
    pub window: Option<String>,
    pub staff: Option<String>,
    pub rating: Option<Rating>,
    pub by: Option<RatingBy>,
    pub reason: Option<RatingReason>,
    pub reason_note: String,
    /// Masked (`张*`).
    pub visitor: String,
    pub due: NaiveDate,
    pub overdue: bool,
    /// The due date falls in a year whose holidays are not published yet: it was counted
    /// Monday to Friday, and the screen says so (SPEC §10).
    pub due_unpublished: bool,
}

/// Open follow-ups, overdue first (oldest due date first), as of `today`. Supervisor only.
pub fn list_open(
    conn: &Connection,
    actor: &Actor,
    settings: &Settings,
    today: NaiveDate,
) -> Result<Vec<FollowUpRow>, ServiceError> {
    authorize(actor, Command::ViewFollowUps)?;
    // `closed_at IS NULL` is the WHERE of the partial index `follow_ups_open`: only open rows.
    let mut stmt = conn.prepare_cached(
        "SELECT f.id, f.step_id, v.ticket, v.business_date, w.code, st.code, s.rating, s.rating_by,
                s.rating_reason, COALESCE(s.rating_note, ''), COALESCE(p.name, ''), f.due_date
           FROM follow_ups f
           JOIN steps s ON s.id = f.step_id
           JOIN visits v ON v.id = s.visit_id
           LEFT JOIN visitors p ON p.id = v.visitor_id
           LEFT JOIN windows w ON w.id = s.window_id
           LEFT JOIN staff st ON st.id = s.staff_id
          WHERE f.closed_at IS NULL
          ORDER BY f.due_date, v.business_date, v.ticket, f.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let code = |i: usize| r.get::<_, Option<String>>(i);
        let due_text: String = r.get(11)?;
        let due = NaiveDate::parse_from_str(&due_text, "%Y-%m-%d").unwrap_or(today);
        Ok(FollowUpRow {
            id: r.get(0)?,
            step_id: r.get(1)?,
            ticket: sanitize(&r.get::<_, String>(2)?),
            date: r.get(3)?,
            window: code(4)?.map(|c| sanitize(&c)),
            staff: code(5)?.map(|c| sanitize(&c)),
            rating: code(6)?.as_deref().and_then(Rating::from_code),
            by: code(7)?.as_deref().and_then(RatingBy::from_code),
            reason: code(8)?.as_deref().and_then(RatingReason::from_code),
            reason_note: sanitize(&r.get::<_, String>(9)?),
            visitor: mask_name(&sanitize(&r.get::<_, String>(10)?)),
            due,
            overdue: is_overdue(due, today),
            due_unpublished: !super::calendar_of(settings).is_published(due),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (open, overdue) as of `today`, for the supervisor's hall panel. Reads open rows only.
pub fn counts(conn: &Connection, today: NaiveDate) -> rusqlite::Result<(usize, usize)> {
    conn.prepare_cached(
        "SELECT count(*), COALESCE(SUM(due_date < ?1), 0) FROM follow_ups WHERE closed_at IS NULL",
    )?
    .query_row([date_text(today)], |r| {
        Ok((
            usize::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
            usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
        ))
    })
}

/// The supervisor closes a follow-up: the callback's outcome and a note, both required.
/// Returns the ticket. A follow-up closed meanwhile at another terminal is refused, not
/// closed twice.
pub fn close(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    outcome: FollowUpOutcome,
    note: &str,
    settings: &Settings,
    now: i64,
) -> Result<String, ServiceError> {
    authorize(actor, Command::CloseFollowUp)?;
    let note =
        clean_text(note, false, NOTE_MAX).map_err(ServiceError::field(super::FieldName::Note))?;
    if note.is_empty() {
        return Err(ServiceError::FollowUp(FollowUpText::NoteNeeded));
    }
    let today = settings.zone.business_date(now);
    write(conn, |tx| {
        let ticket: String = tx
            .prepare_cached(
                "SELECT v.ticket FROM follow_ups f JOIN steps s ON s.id = f.step_id
                   JOIN visits v ON v.id = s.visit_id WHERE f.id = ?1 AND f.closed_at IS NULL",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or(ServiceError::FollowUp(FollowUpText::NotOpen))?;
        let changed = tx
            .prepare_cached(
                "UPDATE follow_ups SET closed_at = ?2, closed_date = ?3, closed_by = ?4, outcome = ?5, note = ?6
                  WHERE id = ?1 AND closed_at IS NULL",
            )?
            .execute(params![
                id,
                now,
                date_text(today),
                actor.staff_id,
                outcome.code(),
                note
            ])?;
        if changed != 1 {
            return Err(ServiceError::FollowUp(FollowUpText::NotOpen));
        }
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "follow_up_close",
            "follow_up",
            Some(id),
            &format!("{ticket} {} {note}", outcome.code()),
        )?;
        Ok(ticket)
    })
}
