//! The service layer: every command a terminal or the CLI can run, each one checked against
//! the actor's role (deny by default), run in one IMMEDIATE transaction with its audit row,
//! and returning domain values. Every change a terminal or the CLI makes to the records goes
//! through here; only opening, checking and backing up the file itself (`db/`) do not.

pub mod aid;
pub mod announce;
pub mod announcer;
pub mod appointments;
pub mod audit;
pub mod calendar;
pub mod close;
mod error;
pub mod followups;
pub mod hall_settings;
pub mod intake;
pub mod pause;
pub mod permissions;
pub mod pickup;
pub mod printer;
pub mod purge;
pub mod queries;
pub mod rating;
pub mod settings;
pub mod slip;
pub mod staff;
pub mod steps;
pub mod unmask;
pub mod visitor;

pub use error::{FieldName, Problem, ServiceError};
pub use permissions::{authorize, Command};

use crate::domain::codes::Role;

/// Who is doing something, and at which window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub staff_id: i64,
    pub code: String,
    pub name: String,
    pub role: Role,
    pub window_id: Option<i64>,
}

/// Runs `work` inside an IMMEDIATE transaction (every read-then-write does: the write lock is
/// taken up front, so two terminals never interleave a check and its write). Inside a
/// caller's transaction (a batch such as generated demo history) it runs in a savepoint
/// instead, so each command is still all-or-nothing.
pub fn write<T>(
    conn: &mut rusqlite::Connection,
    work: impl FnOnce(&rusqlite::Connection) -> Result<T, ServiceError>,
) -> Result<T, ServiceError> {
    if conn.is_autocommit() {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    } else {
        let savepoint = conn.savepoint()?;
        let value = work(&savepoint)?;
        savepoint.commit()?;
        Ok(value)
    }
}

/// The working-day calendar follow-ups count with (SPEC §9.4, §10's calendar).
pub fn calendar_of(settings: &settings::Settings) -> &crate::domain::calendar::Calendar {
    &settings.calendar
}
