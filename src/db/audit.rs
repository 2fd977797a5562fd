//! The append-only audit log. Each row's hash covers its content and the previous row's
//! hash, so an edit anywhere breaks the chain from there on. The hash is SHA-256 cut to 16
//! bytes: ample to detect an edit, and small enough that years of history stay compact.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// The hash of a row given the previous row's hash.
pub fn row_hash(
    prev: &[u8],
    at: i64,
    staff_id: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: &str,
) -> Vec<u8> {
    let mut hasher = Sha256::new();
    hasher.update(prev);
    for part in [
        at.to_string(),
        staff_id.map(|s| s.to_string()).unwrap_or_default(),
        action.to_string(),
        entity.to_string(),
        entity_id.map(|s| s.to_string()).unwrap_or_default(),
        detail.to_string(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher.finalize()[..HASH_BYTES].to_vec()
}

const HASH_BYTES: usize = 16;

/// Appends one audit row inside the caller's transaction.
pub fn append(
    conn: &Connection,
    at: i64,
    staff_id: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: &str,
) -> rusqlite::Result<()> {
    let prev: Vec<u8> = conn
        .prepare_cached("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let hash = row_hash(&prev, at, staff_id, action, entity, entity_id, detail);
    conn.prepare_cached("INSERT INTO audit (at, staff_id, action, entity, entity_id, detail, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![at, staff_id, action, entity, entity_id, detail, hash])?;
    Ok(())
}

/// The id of the first row whose hash does not follow from its content and predecessor.
pub fn first_broken_link(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, staff_id, action, entity, entity_id, detail, hash FROM audit ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev: Vec<u8> = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let expected = row_hash(
            &prev,
            row.get(1)?,
            row.get(2)?,
            &row.get::<_, String>(3)?,
            &row.get::<_, String>(4)?,
            row.get(5)?,
            &row.get::<_, String>(6)?,
        );
        let stored: Vec<u8> = row.get(7)?;
        if stored != expected {
            return Ok(Some(id));
        }
        prev = stored;
    }
    Ok(None)
}
