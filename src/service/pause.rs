//! Window pause (暂停服务, SPEC §2, §9.1): whoever is signed in at a window pauses it with a
//! reason and resumes it; both are audited. The board and the hall summary show it, and the
//! tally counts the paused seconds inside opening hours.

use rusqlite::{params, Connection, OptionalExtension};

use super::{audit, write, Actor, ServiceError};
use crate::domain::pause::PauseReason;
use crate::domain::text::clean_text;
use crate::i18n::pause::PauseProblem;

/// The longest note a pause may carry.
pub const NOTE_MAX: usize = 30;

/// An open pause of a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowPause {
    pub window_id: i64,
    pub window_code: String,
    pub reason: PauseReason,
    pub note: String,
    pub since: i64,
}

fn read(r: &rusqlite::Row) -> rusqlite::Result<WindowPause> {
    Ok(WindowPause {
        window_id: r.get(0)?,
        window_code: r.get(1)?,
        reason: PauseReason::from_code(&r.get::<_, String>(2)?).unwrap_or(PauseReason::Other),
        note: crate::domain::text::sanitize(&r.get::<_, Option<String>>(3)?.unwrap_or_default()),
        since: r.get(4)?,
    })
}

const SELECT: &str = "SELECT p.window_id, w.code, p.reason, p.note, p.paused_at
    FROM window_pauses p JOIN windows w ON w.id = p.window_id WHERE p.resumed_at IS NULL";

/// The open pause of one window.
pub fn current(conn: &Connection, window_id: i64) -> rusqlite::Result<Option<WindowPause>> {
    conn.prepare_cached(&format!("{SELECT} AND p.window_id = ?1"))?
        .query_row([window_id], read)
        .optional()
}

/// Every open pause, by window code.
pub fn open_pauses(conn: &Connection) -> rusqlite::Result<Vec<WindowPause>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY w.code"))?;
    let rows = stmt.query_map([], read)?;
    rows.collect()
}

fn window_of(actor: &Actor) -> Result<i64, ServiceError> {
    actor
        .window_id
        .ok_or(ServiceError::Pause(PauseProblem::NoWindow))
}

/// Pauses the actor's window. `other` needs a note.
pub fn pause(
    conn: &mut Connection,
    actor: &Actor,
    reason: PauseReason,
    note: &str,
    now: i64,
) -> Result<(), ServiceError> {
    let window_id = window_of(actor)?;
    let note =
        clean_text(note, false, NOTE_MAX).map_err(ServiceError::field(super::FieldName::Note))?;
    if reason == PauseReason::Other && note.is_empty() {
        return Err(ServiceError::Pause(PauseProblem::NoteRequired));
    }
    write(conn, |tx| {
        if current(tx, window_id)?.is_some() {
            return Err(ServiceError::Pause(PauseProblem::AlreadyPaused));
        }
        tx.execute(
            "INSERT INTO window_pauses (window_id, reason, note, paused_at, paused_by) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                window_id,
                reason.code(),
                Some(note.clone()).filter(|n| !n.is_empty()),
                now,
                actor.staff_id
            ],
        )?;
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "window_pause",
            "window",
            Some(window_id),
            format!("{} {note}", reason.code()).trim_end(),
        )?;
        Ok(())
    })
}

/// Ends the open pause of `window_id` inside the caller's transaction; false if none.
fn end_pause(
    tx: &Connection,
    window_id: i64,
    staff_id: Option<i64>,
    why: &str,
    now: i64,
) -> rusqlite::Result<bool> {
    let ended = tx.execute(
        "UPDATE window_pauses SET resumed_at = MAX(?2, paused_at), resumed_by = ?3
          WHERE window_id = ?1 AND resumed_at IS NULL",
        params![window_id, now, staff_id],
    )? == 1;
    if ended {
        audit::append(
            tx,
            now,
            staff_id,
            "window_resume",
            "window",
            Some(window_id),
            why,
        )?;
    }
    Ok(ended)
}

/// Resumes the actor's window.
pub fn resume(conn: &mut Connection, actor: &Actor, now: i64) -> Result<(), ServiceError> {
    let window_id = window_of(actor)?;
    write(conn, |tx| {
        if end_pause(tx, window_id, Some(actor.staff_id), "", now)? {
            Ok(())
        } else {
            Err(ServiceError::Pause(PauseProblem::NotPaused))
        }
    })
}

/// When the last person signed in at a window signs out, the window is closed (未开放), not
/// paused: an open pause ends with the sign-out. Runs inside the sign-out's transaction, after
/// its own sign-in row is gone.
pub fn end_when_window_empties(
    tx: &Connection,
    window_id: Option<i64>,
    staff_id: i64,
    now: i64,
) -> rusqlite::Result<()> {
    let Some(window_id) = window_id else {
        return Ok(());
    };
    let others: i64 = tx.query_row(
        "SELECT count(*) FROM sign_ins WHERE window_id = ?1",
        [window_id],
        |r| r.get(0),
    )?;
    if others == 0 {
        end_pause(tx, window_id, Some(staff_id), "sign_out", now)?;
    }
    Ok(())
}
