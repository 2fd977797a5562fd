//! Signing in and out: the shared failure count with its back-off and lock, the idle-lock
//! re-authentication, and the checks that keep an open session honest.

use rusqlite::{params, Connection, OptionalExtension};

use super::pins::verify_pin;
use super::{clean_code, list_windows};
use crate::domain::codes::Role;
use crate::service::{audit, authorize, write, Actor, Command, Problem, ServiceError};

/// Failed PINs after which the account is locked until a supervisor lifts it.
pub const LOCK_AFTER: i64 = 5;
/// Failed PINs after which each further try must wait (growing back-off).
const BACKOFF_AFTER: i64 = 2;

/// Seconds a staff member must wait before the next try after `failed` wrong PINs.
pub fn backoff_seconds(failed: i64) -> i64 {
    if failed < BACKOFF_AFTER {
        0
    } else {
        (1i64 << (failed - BACKOFF_AFTER).min(6)) * 2
    }
}

/// Checks the PIN and records the sign-in at the window. Wrong PINs are counted in the
/// database; each failure adds back-off, and `LOCK_AFTER` of them lock the account.
pub fn sign_in(
    conn: &mut Connection,
    code: &str,
    pin: &str,
    window_code: Option<&str>,
    now: i64,
) -> Result<Actor, ServiceError> {
    let code = clean_code(code).map_err(|_| ServiceError::WrongPin {
        remaining: LOCK_AFTER,
    })?;
    let row = conn
        .query_row(
            "SELECT id, name, role FROM staff WHERE code = ?1",
            [&code],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    // An unknown code costs the same hashing time as a known one, and says the same thing.
    let Some((id, name, role)) = row else {
        let _ = verify_pin(pin, DUMMY_HASH);
        return Err(ServiceError::WrongPin {
            remaining: LOCK_AFTER,
        });
    };
    verify_own_pin(conn, id, pin, now)?;
    let role = Role::from_code(&role).ok_or(ServiceError::Invalid(Problem::Role))?;
    let window = match window_code {
        Some(wc) if !wc.trim().is_empty() => {
            let wc = clean_code(wc)?;
            let found = list_windows(conn)?
                .into_iter()
                .find(|w| w.code == wc)
                .ok_or(ServiceError::NotFound)?;
            if role != Role::Supervisor
                && !found
                    .services
                    .iter()
                    .any(|s| crate::service::permissions::serves(role, *s))
            {
                return Err(ServiceError::Invalid(Problem::WindowService));
            }
            Some(found)
        }
        _ => None,
    };
    let window_id = window.as_ref().map(|w| w.id);
    let pid = std::process::id() as i64;
    write(conn, |tx| {
        tx.execute("DELETE FROM sign_ins WHERE pid = ?1", [pid])?;
        tx.execute(
            "INSERT INTO sign_ins (staff_id, window_id, pid, signed_in_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, window_id, pid, now],
        )?;
        let detail = window.as_ref().map(|w| w.code.clone()).unwrap_or_default();
        audit::append(tx, now, Some(id), "sign_in", "staff", Some(id), &detail)?;
        Ok(())
    })?;
    Ok(Actor {
        staff_id: id,
        code,
        name,
        role,
        window_id,
    })
}

/// A well-formed argon2id hash of nothing anyone knows, verified against for unknown codes.
const DUMMY_HASH: &str = "$argon2id$v=19$m=7168,t=5,p=1$hOW5sPkXHRFYjWUTsdolDw$JHRpJC03Al9wcK4PCnfXWqG4yMcY1qfv5c91J2iweFg";

/// The lock, the back-off and the PIN of staff member `id`, with the shared failure count.
///
/// Every decision that matters is taken again inside the write lock: two terminals guessing
/// at the same moment must neither lose a failure nor let a right guess through while the
/// account is locked or backing off. The argon2 hash is computed outside the lock (it takes
/// tens of milliseconds and must not hold up the hall).
pub(super) fn verify_own_pin(
    conn: &mut Connection,
    id: i64,
    pin: &str,
    now: i64,
) -> Result<(), ServiceError> {
    let (hash, _) = gate(conn, id, now)?;
    let good = hash.as_deref().is_some_and(|h| verify_pin(pin, h));
    write(
        conn,
        |tx| -> Result<Result<(), ServiceError>, ServiceError> {
            let (current, failed) = gate(tx, id, now)?;
            // The PIN was reset or changed meanwhile: judge against the PIN in force now (rare,
            // so hashing under the lock here costs nothing in practice).
            let good = if current == hash {
                good
            } else {
                current.as_deref().is_some_and(|h| verify_pin(pin, h))
            };
            if good {
                if failed > 0 {
                    tx.execute(
                        "UPDATE staff SET failed_pins = 0, last_failed_at = NULL WHERE id = ?1",
                        [id],
                    )?;
                }
                return Ok(Ok(()));
            }
            let failed = failed + 1;
            let lock = failed >= LOCK_AFTER;
            tx.execute(
                "UPDATE staff SET failed_pins = ?2, last_failed_at = ?3, locked = ?4 WHERE id = ?1",
                params![id, failed, now, lock],
            )?;
            audit::append(
                tx,
                now,
                Some(id),
                if lock {
                    "sign_in_locked"
                } else {
                    "sign_in_failed"
                },
                "staff",
                Some(id),
                "",
            )?;
            // The failure must be stored, so the error is returned as a value, not by rollback.
            Ok(Err(if lock {
                ServiceError::Locked
            } else {
                ServiceError::WrongPin {
                    remaining: LOCK_AFTER - failed,
                }
            }))
        },
    )
    .and_then(|verdict| verdict)
}

/// Refuses a locked, inactive or backing-off account; returns its PIN hash and failure count
/// otherwise.
fn gate(conn: &Connection, id: i64, now: i64) -> Result<(Option<String>, i64), ServiceError> {
    let (hash, active, failed, last_failed, locked) = conn
        .query_row(
            "SELECT pin_hash, active, failed_pins, last_failed_at, locked FROM staff WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, bool>(4)?,
                ))
            },
        )
        .optional()?
        .ok_or(ServiceError::NotFound)?;
    if locked {
        return Err(ServiceError::Locked);
    }
    if !active {
        return Err(ServiceError::Invalid(Problem::Inactive));
    }
    let wait = backoff_seconds(failed) - (now - last_failed.unwrap_or(0));
    if failed >= BACKOFF_AFTER && wait > 0 {
        return Err(ServiceError::BackOff(wait));
    }
    Ok((hash, failed))
}

/// The idle lock screen (and any "confirm it is you" prompt): the signed-in person enters
/// their PIN again. Wrong PINs count towards the same lock as at sign-in.
pub fn reauthenticate(
    conn: &mut Connection,
    actor: &Actor,
    pin: &str,
    now: i64,
) -> Result<(), ServiceError> {
    verify_own_pin(conn, actor.staff_id, pin, now)?;
    write(conn, |tx| {
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "unlock_screen",
            "staff",
            Some(actor.staff_id),
            "",
        )?;
        Ok(())
    })
}

/// Whether `actor` may still act: still active, not locked. A terminal checks this when it
/// wakes from the idle lock or after another terminal's change, so a deactivated or locked
/// person's open session does not go on.
pub fn still_valid(conn: &Connection, actor: &Actor) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT active = 1 AND locked = 0 FROM staff WHERE id = ?1",
        [actor.staff_id],
        |r| r.get(0),
    )
    .optional()
    .map(|v| v.unwrap_or(false))
}

/// Removes this process's sign-in row (on sign-out and on quit).
pub fn sign_out(conn: &mut Connection, actor: &Actor, now: i64) -> Result<(), ServiceError> {
    let pid = std::process::id() as i64;
    write(conn, |tx| {
        tx.execute("DELETE FROM sign_ins WHERE pid = ?1", [pid])?;
        crate::service::pause::end_when_window_empties(tx, actor.window_id, actor.staff_id, now)?;
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "sign_out",
            "staff",
            Some(actor.staff_id),
            "",
        )?;
        Ok(())
    })
}

/// A supervisor lifts a lock.
pub fn unlock(
    conn: &mut Connection,
    by: Option<&Actor>,
    code: &str,
    now: i64,
) -> Result<(), ServiceError> {
    if let Some(actor) = by {
        authorize(actor, Command::ManageStaff)?;
    }
    let code = clean_code(code)?;
    write(conn, |tx| {
        let changed = tx.execute(
            "UPDATE staff SET locked = 0, failed_pins = 0, last_failed_at = NULL WHERE code = ?1",
            [&code],
        )?;
        if changed == 0 {
            return Err(ServiceError::NotFound);
        }
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "staff_unlock",
            "staff",
            None,
            &code,
        )?;
        Ok(())
    })
}
