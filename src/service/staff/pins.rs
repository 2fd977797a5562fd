//! PINs: hashing (argon2id), the rules a new PIN follows, changing one's own and a
//! supervisor's reset.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};

use super::clean_code;
use super::signin::verify_own_pin;
use crate::domain::text::FieldProblem;
use crate::service::{audit, authorize, write, Actor, Command, FieldName, Problem, ServiceError};

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

pub(super) fn verify_pin(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
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
