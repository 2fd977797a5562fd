//! The versioned schema. A new database gets `schema.sql` (the full current schema); an older
//! one is upgraded one version at a time, each step in its own transaction. A database newer
//! than this binary is refused.

use rusqlite::{Connection, TransactionBehavior};

use super::OpenError;

/// The full current schema, embedded.
pub const SCHEMA_SQL: &str = include_str!("../../schema.sql");

/// Upgrade scripts: `UPGRADES[i]` takes a database from version `i + 1` to `i + 2`.
/// Version 1 is `migrations/v1.sql`, kept only so tests can build a first-version database.
const UPGRADES: &[&str] = &[
    include_str!("migrations/v2.sql"),
    include_str!("migrations/v3.sql"),
    include_str!("migrations/v4.sql"),
    include_str!("migrations/v5.sql"),
];

pub const V1_SQL: &str = include_str!("migrations/v1.sql");

pub const LATEST_VERSION: i64 = 1 + UPGRADES.len() as i64;

/// Brings the database to `LATEST_VERSION`.
pub fn migrate(conn: &mut Connection) -> Result<(), OpenError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > LATEST_VERSION {
        return Err(OpenError::TooNew {
            found: version,
            supported: LATEST_VERSION,
        });
    }
    if version == 0 {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another terminal may have created it while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now == 0 {
            let tables: i64 =
                tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(OpenError::NotLegaldesk);
            }
            tx.execute_batch(SCHEMA_SQL)?;
            tx.pragma_update(None, "user_version", LATEST_VERSION)?;
        }
        tx.commit()?;
        return Ok(());
    }
    for (index, script) in UPGRADES.iter().enumerate() {
        let from = index as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current == from {
            tx.execute_batch(script)?;
            tx.pragma_update(None, "user_version", from + 1)?;
        }
        tx.commit()?;
    }
    Ok(())
}

/// Creates a database at version 1 exactly as the first release did (for upgrade tests).
pub fn create_v1(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(V1_SQL)?;
    conn.pragma_update(None, "user_version", 1)
}
