//! Opening the database: path resolution, what a file is (`identity`: asked of SQLite, with
//! nothing changed until the file is known to be ours), pragmas set and verified on every
//! connection, the versioned schema, and the errors a person at the counter can act on.
//!
//! Imports run one way: `open` → `migrate` → `identity` → `error`; `integrity` (the full
//! check) sits on top and opens through `open`; `audit` (the audit table's hash chain) stands
//! alone and the check verifies it.

pub mod aid;
pub mod audit;
mod error;
pub mod identity;
pub mod integrity;
mod migrate;
mod open;

pub use error::OpenError;
pub use identity::{identify, Identity, APPLICATION_ID};
pub use migrate::{
    create_unmarked, create_v1, known_version, migrate, LATEST_VERSION, SCHEMA_SQL, V1_SQL,
};
pub use open::{default_path, open, open_existing, open_for_reading, resolve_path};

/// How long a writer waits for another terminal's transaction before giving up. Writes are
/// short (one ticket, one call), so this is generous on purpose: a busy error is never shown
/// for ordinary contention.
pub const BUSY_TIMEOUT_MS: u64 = 15_000;
