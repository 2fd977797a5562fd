//! The versioned schema. A new database gets `schema.sql` (the full current schema); an older
//! one is upgraded one version at a time, each step in its own transaction. A database newer
//! than this binary is refused.

use rusqlite::{Connection, TransactionBehavior};

use super::identity::{identify, Identity, APPLICATION_ID, UNMARKED_UP_TO};
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
    include_str!("migrations/v6.sql"),
    include_str!("migrations/v7.sql"),
];

pub const V1_SQL: &str = include_str!("migrations/v1.sql");

pub const LATEST_VERSION: i64 = 1 + UPGRADES.len() as i64;

/// Brings the database to `LATEST_VERSION` and marks it as legaldesk's. A new database gets
/// the whole schema, the mark and the version in one transaction; an older one is upgraded
/// one version per transaction, the first of which also marks a file from before the mark.
/// Every step re-reads the file under the write lock, as another terminal may have done it
/// meanwhile. Another program's database, or one newer than this program, is refused.
pub fn migrate(conn: &mut Connection) -> Result<(), OpenError> {
    let current = Identity::Ours {
        version: LATEST_VERSION,
        marked: true,
    };
    // The usual open: nothing to do, and no write lock taken to find that out.
    if known_version(identify(conn)?)? == current {
        return Ok(());
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        match known_version(identify(&tx)?)? {
            Identity::Empty => {
                tx.execute_batch(SCHEMA_SQL)?;
                tx.pragma_update(None, "application_id", APPLICATION_ID)?;
                tx.pragma_update(None, "user_version", LATEST_VERSION)?;
            }
            found if found == current => return Ok(()),
            Identity::Ours { version, marked } => {
                if !marked {
                    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
                }
                if let Some(script) = usize::try_from(version - 1)
                    .ok()
                    .and_then(|i| UPGRADES.get(i))
                {
                    tx.execute_batch(script)?;
                    tx.pragma_update(None, "user_version", version + 1)?;
                }
            }
        }
        tx.commit()?;
    }
}

/// Refuses a database of ours that is newer than this program.
pub fn known_version(identity: Identity) -> Result<Identity, OpenError> {
    match identity {
        Identity::Ours { version, .. } if version > LATEST_VERSION => Err(OpenError::TooNew {
            found: version,
            supported: LATEST_VERSION,
        }),
        known => Ok(known),
    }
}

/// Creates a database at version 1 exactly as the first release did (for upgrade tests).
pub fn create_v1(conn: &Connection) -> rusqlite::Result<()> {
    create_unmarked(conn, 1)
}

/// Creates a database at `version` (1 to `UNMARKED_UP_TO`) exactly as the releases before
/// the mark left it: that version's schema and `user_version`, no `application_id` (for
/// upgrade tests).
pub fn create_unmarked(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    assert!(
        (1..=UNMARKED_UP_TO).contains(&version),
        "no unmarked release had version {version}"
    );
    conn.execute_batch(V1_SQL)?;
    for script in UPGRADES.iter().take(version as usize - 1) {
        conn.execute_batch(script)?;
    }
    conn.pragma_update(None, "user_version", version)
}
