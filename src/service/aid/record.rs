//! Creating and loading one stored application (the record itself and its due dates are
//! `domain::application`; reading rows is `db::aid`).

use rusqlite::{params, Connection, OptionalExtension};

use super::super::settings::Settings;
use super::super::{audit, Actor, ServiceError};
use super::{date_text, first_due};
use crate::db::aid::{read, COLUMNS};
use crate::domain::application::Application;

/// Creates the application of a legal-aid step that just finished `application_accepted`,
/// inside the finish's own transaction (or the import's), and audits it.
pub fn create(
    tx: &Connection,
    actor: Option<&Actor>,
    step_id: i64,
    received_at: i64,
    settings: &Settings,
) -> rusqlite::Result<i64> {
    let received = settings.zone.business_date(received_at);
    tx.prepare_cached(
        "INSERT INTO aid_applications (step_id, received_at, received_date) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![step_id, received_at, date_text(received)])?;
    let id = tx.last_insert_rowid();
    let due = first_due(settings, received_at);
    audit::append(
        tx,
        received_at,
        actor.map(|a| a.staff_id),
        "aid_accept",
        "aid_application",
        Some(id),
        &format!("step={step_id} due={}", date_text(due)),
    )?;
    Ok(id)
}

pub fn load(conn: &Connection, id: i64) -> Result<Application, ServiceError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} WHERE a.id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or(ServiceError::NotFound)
}
