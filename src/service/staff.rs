//! Staff, windows and signing in. PINs are stored only as argon2id hashes; failed sign-ins
//! are counted in the database so every terminal shares the count.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};

use super::{audit, authorize, write, Actor, Command, FieldName, Problem, ServiceError};
use crate::domain::codes::{Role, Service};
use crate::domain::text::{clean_text, FieldProblem};

/// Failed PINs after which the account is locked until a supervisor lifts it.
pub const LOCK_AFTER: i64 = 5;
/// Failed PINs after which each further try must wait (growing back-off).
const BACKOFF_AFTER: i64 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowRow {
    pub id: i64,
    pub code: String,
    pub services: Vec<Service>,
}

/// argon2id with 7 MiB and 5 passes: one of OWASP's equivalent argon2id settings, chosen
/// over the 19 MiB default so a sign-in on an old machine stays inside the program's small
/// memory budget. Hashes made with other settings still verify (they carry their own).
fn hasher() -> Argon2<'static> {
    let params = argon2::Params::new(7 * 1024, 5, 1, None).unwrap_or_default();
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

pub fn hash_pin(pin: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| ServiceError::Invalid(Problem::Pin))
}

fn verify_pin(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Staff and window codes: short, ASCII, safe to print anywhere.
pub fn clean_code(code: &str) -> Result<String, ServiceError> {
    let code = code.trim();
    let ok = !code.is_empty()
        && code.len() <= 16
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(code.to_uppercase())
    } else {
        Err(ServiceError::Invalid(Problem::Code))
    }
}

pub fn check_pin_rules(pin: &str) -> Result<(), ServiceError> {
    if pin.chars().count() < 4 {
        return Err(ServiceError::Invalid(Problem::PinShort));
    }
    if pin.chars().count() > 64 {
        return Err(ServiceError::Field {
            field: FieldName::Pin,
            problem: FieldProblem::TooLong { max: 64 },
        });
    }
    Ok(())
}

/// Whether anyone can sign in yet (the first start asks for the first supervisor).
pub fn has_supervisor(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM staff WHERE role = 'supervisor' AND active = 1 AND pin_hash IS NOT NULL)", [], |r| {
        r.get(0)
    })
}

/// Adds a staff member. `by` is the supervisor doing it; `None` means the command line (the
/// machine's administrator) or the first-start set-up.
pub fn add_staff(
    conn: &mut Connection,
    by: Option<&Actor>,
    code: &str,
    name: &str,
    role: Role,
    pin: &str,
    now: i64,
) -> Result<i64, ServiceError> {
    if let Some(actor) = by {
        authorize(actor, Command::ManageStaff)?;
    }
    let code = clean_code(code)?;
    let name = clean_text(name, true, 32).map_err(ServiceError::field(FieldName::Name))?;
    check_pin_rules(pin)?;
    let hash = hash_pin(pin)?;
    write(conn, |tx| {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM staff WHERE code = ?1)",
            [&code],
            |r| r.get(0),
        )?;
        if exists {
            return Err(ServiceError::Exists(code.clone()));
        }
        tx.execute(
            "INSERT INTO staff (code, name, role, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![code, name, role.code(), hash, now],
        )?;
        let id = tx.last_insert_rowid();
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "staff_add",
            "staff",
            Some(id),
            &format!("{code} {}", role.code()),
        )?;
        Ok(id)
    })
}

/// The first supervisor, created at first start when nobody can sign in yet.
pub fn create_first_supervisor(
    conn: &mut Connection,
    code: &str,
    name: &str,
    pin: &str,
    now: i64,
) -> Result<i64, ServiceError> {
    if has_supervisor(conn)? {
        return Err(ServiceError::Denied);
    }
    add_staff(conn, None, code, name, Role::Supervisor, pin, now)
}

pub fn list_staff(conn: &Connection) -> rusqlite::Result<Vec<StaffRow>> {
    let mut stmt =
        conn.prepare("SELECT id, code, name, role, active, locked FROM staff ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(StaffRow {
            id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            role: r.get(3)?,
            active: r.get(4)?,
            locked: r.get(5)?,
        })
    })?;
    rows.collect()
}

pub fn parse_services(list: &str) -> Result<Vec<Service>, ServiceError> {
    let mut services = Vec::new();
    for code in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let service = Service::from_code(code).ok_or(ServiceError::Invalid(Problem::Service))?;
        if !services.contains(&service) {
            services.push(service);
        }
    }
    if services.is_empty() {
        return Err(ServiceError::Field {
            field: FieldName::Services,
            problem: FieldProblem::Empty,
        });
    }
    Ok(services)
}

fn join_services(services: &[Service]) -> String {
    services
        .iter()
        .map(|s| s.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// Adds a window, or changes the services of an existing one.
pub fn add_window(
    conn: &mut Connection,
    by: Option<&Actor>,
    code: &str,
    services: &[Service],
    now: i64,
) -> Result<i64, ServiceError> {
    if let Some(actor) = by {
        authorize(actor, Command::ManageWindows)?;
    }
    let code = clean_code(code)?;
    if services.is_empty() {
        return Err(ServiceError::Field {
            field: FieldName::Services,
            problem: FieldProblem::Empty,
        });
    }
    let list = join_services(services);
    write(conn, |tx| {
        tx.execute(
            "INSERT INTO windows (code, services) VALUES (?1, ?2) ON CONFLICT(code) DO UPDATE SET services = excluded.services, active = 1",
            params![code, list],
        )?;
        let id: i64 = tx.query_row("SELECT id FROM windows WHERE code = ?1", [&code], |r| {
            r.get(0)
        })?;
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "window_set",
            "window",
            Some(id),
            &format!("{code} {list}"),
        )?;
        Ok(id)
    })
}

/// Sets what the board shows and the announcer says for a window (`1号窗口`); an empty label
/// goes back to the default (the digits of the code + 号窗口).
pub fn set_window_label(
    conn: &mut Connection,
    by: Option<&Actor>,
    code: &str,
    label: &str,
    now: i64,
) -> Result<(), ServiceError> {
    if let Some(actor) = by {
        authorize(actor, Command::ManageWindows)?;
    }
    let code = clean_code(code)?;
    let label = check_window_label(label)?;
    write(conn, |tx| {
        let id: i64 = tx
            .query_row("SELECT id FROM windows WHERE code = ?1", [&code], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(ServiceError::NotFound)?;
        tx.execute(
            "UPDATE windows SET label = ?2 WHERE id = ?1",
            params![id, Some(label.clone()).filter(|l| !l.is_empty())],
        )?;
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "window_label",
            "window",
            Some(id),
            &format!("{code} {label}"),
        )?;
        Ok(())
    })
}

/// A window label is said aloud and shown in large type: short.
pub const WINDOW_LABEL_MAX: usize = 12;

/// A label as it will be stored (sanitised, trimmed), or why not.
pub fn check_window_label(label: &str) -> Result<String, ServiceError> {
    clean_text(label, false, WINDOW_LABEL_MAX).map_err(|_| {
        ServiceError::Hall(crate::i18n::board::HallProblem::LabelTooLong {
            max: WINDOW_LABEL_MAX,
        })
    })
}

/// Each active window's own label (NULL: the default), by code.
pub fn window_labels(conn: &Connection) -> rusqlite::Result<Vec<(String, Option<String>)>> {
    let mut stmt =
        conn.prepare_cached("SELECT code, label FROM windows WHERE active = 1 ORDER BY code")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// The windows a new hall starts with, so the first start is usable at once.
pub fn ensure_default_windows(conn: &mut Connection, now: i64) -> Result<(), ServiceError> {
    let any: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM windows)", [], |r| r.get(0))?;
    if any {
        return Ok(());
    }
    let defaults: [(&str, &[Service]); 4] = [
        ("W1", &[Service::Consult, Service::Drafting]),
        ("W2", &[Service::LegalAid]),
        ("W3", &[Service::Notary]),
        ("W4", &[Service::Mediation]),
    ];
    for (code, services) in defaults {
        add_window(conn, None, code, services, now)?;
    }
    Ok(())
}

pub fn list_windows(conn: &Connection) -> rusqlite::Result<Vec<WindowRow>> {
    let mut stmt =
        conn.prepare("SELECT id, code, services FROM windows WHERE active = 1 ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        let list: String = r.get(2)?;
        Ok(WindowRow {
            id: r.get(0)?,
            code: r.get(1)?,
            services: parse_services(&list).unwrap_or_default(),
        })
    })?;
    rows.collect()
}

pub fn window(conn: &Connection, id: i64) -> rusqlite::Result<Option<WindowRow>> {
    Ok(list_windows(conn)?.into_iter().find(|w| w.id == id))
}

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
                    .any(|s| super::permissions::serves(role, *s))
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
fn verify_own_pin(conn: &mut Connection, id: i64, pin: &str, now: i64) -> Result<(), ServiceError> {
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

/// Anyone changes their own PIN by giving the current one (a wrong one counts as a failed
/// sign-in). The new PIN follows the same rules as at creation and must differ.
pub fn change_own_pin(
    conn: &mut Connection,
    actor: &Actor,
    current: &str,
    new_pin: &str,
    now: i64,
) -> Result<(), ServiceError> {
    check_pin_rules(new_pin)?;
    if new_pin == current {
        return Err(ServiceError::Invalid(Problem::PinSame));
    }
    verify_own_pin(conn, actor.staff_id, current, now)?;
    let hash = hash_pin(new_pin)?;
    write(conn, |tx| {
        tx.execute(
            "UPDATE staff SET pin_hash = ?2 WHERE id = ?1 AND active = 1",
            params![actor.staff_id, hash],
        )?;
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "pin_change",
            "staff",
            Some(actor.staff_id),
            &actor.code,
        )?;
        Ok(())
    })
}

/// A supervisor sets a new PIN for someone who forgot theirs. It also lifts a lock and
/// clears the failure count: the reset is the supervisor's decision that the person is who
/// they say. `by` is `None` for the machine's administrator at the command line.
pub fn reset_pin(
    conn: &mut Connection,
    by: Option<&Actor>,
    code: &str,
    new_pin: &str,
    now: i64,
) -> Result<(), ServiceError> {
    if let Some(actor) = by {
        authorize(actor, Command::ManageStaff)?;
    }
    let code = clean_code(code)?;
    check_pin_rules(new_pin)?;
    let hash = hash_pin(new_pin)?;
    write(conn, |tx| {
        let id: i64 = tx
            .query_row("SELECT id FROM staff WHERE code = ?1", [&code], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(ServiceError::NotFound)?;
        tx.execute("UPDATE staff SET pin_hash = ?2, failed_pins = 0, last_failed_at = NULL, locked = 0 WHERE id = ?1", params![id, hash])?;
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "pin_reset",
            "staff",
            Some(id),
            &code,
        )?;
        Ok(())
    })
}

/// A supervisor deactivates a staff member who left: they can no longer sign in, and any
/// sign-in of theirs ends. Their history stays (steps and audit rows refer to them). The
/// last active supervisor cannot be deactivated, or nobody could manage the center.
pub fn deactivate(
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
        let (id, role, active): (i64, String, bool) = tx
            .query_row(
                "SELECT id, role, active FROM staff WHERE code = ?1",
                [&code],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(ServiceError::NotFound)?;
        if !active {
            return Err(ServiceError::Invalid(Problem::Inactive));
        }
        if role == Role::Supervisor.code() {
            let others: i64 = tx.query_row(
                "SELECT count(*) FROM staff WHERE role = 'supervisor' AND active = 1 AND pin_hash IS NOT NULL AND id <> ?1",
                [id],
                |r| r.get(0),
            )?;
            if others == 0 {
                return Err(ServiceError::Invalid(Problem::LastSupervisor));
            }
        }
        tx.execute("UPDATE staff SET active = 0 WHERE id = ?1", [id])?;
        tx.execute("DELETE FROM sign_ins WHERE staff_id = ?1", [id])?;
        audit::append(
            tx,
            now,
            by.map(|a| a.staff_id),
            "staff_deactivate",
            "staff",
            Some(id),
            &code,
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
        super::pause::end_when_window_empties(tx, actor.window_id, actor.staff_id, now)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows() {
        assert_eq!(backoff_seconds(0), 0);
        assert_eq!(backoff_seconds(1), 0);
        assert!(backoff_seconds(3) > backoff_seconds(2));
    }

    #[test]
    fn codes_are_checked() {
        assert_eq!(clean_code(" w1 ").unwrap(), "W1");
        assert!(clean_code("W 1").is_err());
        assert!(clean_code("").is_err());
        assert!(clean_code("\u{1b}[31m").is_err());
    }
}
