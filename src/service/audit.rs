//! The append-only audit log, as the service layer writes it: every command appends its row
//! inside its own transaction. The hash chain itself is a property of the stored file, so it
//! lives in `db::audit`, where the integrity check verifies it without reaching up here.

pub use crate::db::audit::{append, first_broken_link, row_hash};
