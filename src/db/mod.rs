//! Opening the database: path resolution, pragmas (set and verified on every connection),
//! the versioned schema, and the errors a person at the counter can act on.

pub mod integrity;
mod migrate;
mod open;

pub use migrate::{create_v1, migrate, LATEST_VERSION, SCHEMA_SQL, V1_SQL};
pub use open::{default_path, open, open_existing, open_for_reading, resolve_path, OpenError};

/// How long a writer waits for another terminal's transaction before giving up. Writes are
/// short (one ticket, one call), so this is generous on purpose: a busy error is never shown
/// for ordinary contention.
pub const BUSY_TIMEOUT_MS: u64 = 15_000;
