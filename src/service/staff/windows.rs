//! Windows: the services each one offers, and the label the board shows and the announcer
//! says.

use rusqlite::{params, Connection, OptionalExtension};

use super::clean_code;
use crate::domain::codes::Service;
use crate::domain::text::{clean_text, FieldProblem};
use crate::service::{audit, authorize, write, Actor, Command, FieldName, Problem, ServiceError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowRow {
    pub id: i64,
    pub code: String,
    pub services: Vec<Service>,
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
