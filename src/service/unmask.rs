//! Unmasking (SPEC §4): personal data is shown masked everywhere; only a supervisor sees one
//! visit's data in full, and only after typing why. The reason and the record are written to
//! the audit log in the same transaction that reads the data, so there is no look without its
//! trace — if the audit row cannot be written, nothing is returned.

use rusqlite::{Connection, OptionalExtension};

use super::{audit, authorize, write, Actor, Command, FieldName, ServiceError};
use crate::domain::codes::IdType;
use crate::domain::text::{clean_text, sanitize};

/// Longest unmask reason kept in the audit log.
pub const REASON_MAX: usize = 100;

/// One visit's personal data, unmasked. Text is sanitised for display (SPEC §4: control
/// characters never reach the terminal, even from imported data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmasked {
    pub visit_id: i64,
    pub ticket: String,
    pub business_date: String,
    pub name: String,
    pub phone: String,
    pub id_type: Option<IdType>,
    pub id_number: String,
    pub summary: String,
    pub adverse_name: String,
    pub adverse_id: String,
}

/// A supervisor unmasks one visit, giving a reason. Everyone else gets `Denied`, before the
/// record is even looked up (so a denial does not tell whether it exists).
pub fn unmask_visit(
    conn: &mut Connection,
    actor: &Actor,
    visit_id: i64,
    reason: &str,
    now: i64,
) -> Result<Unmasked, ServiceError> {
    authorize(actor, Command::Unmask)?;
    let reason = clean_reason(reason)?;
    write(conn, |tx| {
        let record = load(tx, visit_id)?.ok_or(ServiceError::NotFound)?;
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "unmask",
            "visit",
            Some(visit_id),
            &format!("{} {} {reason}", record.business_date, record.ticket),
        )?;
        Ok(record)
    })
}

/// The same, for the visit a step on screen belongs to.
pub fn unmask_step(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    reason: &str,
    now: i64,
) -> Result<Unmasked, ServiceError> {
    authorize(actor, Command::Unmask)?;
    let visit_id: i64 = conn
        .query_row("SELECT visit_id FROM steps WHERE id = ?1", [step_id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(ServiceError::NotFound)?;
    unmask_visit(conn, actor, visit_id, reason, now)
}

/// The reason is required: an unexplained look is what the audit exists to prevent.
pub(crate) fn clean_reason(reason: &str) -> Result<String, ServiceError> {
    clean_text(reason, true, REASON_MAX).map_err(ServiceError::field(FieldName::Reason))
}

fn load(conn: &Connection, visit_id: i64) -> rusqlite::Result<Option<Unmasked>> {
    conn.query_row(
        "SELECT v.id, v.ticket, v.business_date, COALESCE(p.name, ''), COALESCE(p.phone, ''), p.id_type,
                COALESCE(p.id_number, ''), COALESCE(v.summary, ''), COALESCE(v.adverse_name, ''), COALESCE(v.adverse_id, '')
           FROM visits v LEFT JOIN visitors p ON p.id = v.visitor_id WHERE v.id = ?1",
        [visit_id],
        |r| {
            Ok(Unmasked {
                visit_id: r.get(0)?,
                ticket: sanitize(&r.get::<_, String>(1)?),
                business_date: r.get(2)?,
                name: sanitize(&r.get::<_, String>(3)?),
                phone: sanitize(&r.get::<_, String>(4)?),
                id_type: r.get(5)?,
                id_number: sanitize(&r.get::<_, String>(6)?),
                summary: sanitize(&r.get::<_, String>(7)?),
                adverse_name: sanitize(&r.get::<_, String>(8)?),
                adverse_id: sanitize(&r.get::<_, String>(9)?),
            })
        },
    )
    .optional()
}
