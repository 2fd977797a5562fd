//! Staff records: adding, listing and deactivating staff members.

use rusqlite::{params, Connection, OptionalExtension};

use super::{check_pin_rules, clean_code, hash_pin};
use crate::domain::codes::Role;
use crate::domain::text::clean_text;
use crate::service::{audit, authorize, write, Actor, Command, FieldName, Problem, ServiceError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub locked: bool,
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
