//! The frozen tallies of closed dates (`day_closes`): version 1 is the close, each amendment
//! adds the next version; old versions stay readable.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::load::date_text;
use super::model::Tally;

/// One stored version of a closed date's tally.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub business_date: String,
    pub version: i64,
    pub closed_at: i64,
    /// Staff code of who closed or amended; `None` for the administrator.
    pub closed_by: Option<String>,
    /// `None` for the close itself; the amendment's reason after.
    pub reason: Option<String>,
    pub tally: Tally,
}

/// The facts of the latest version, without parsing its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    pub version: i64,
    pub closed_at: i64,
    pub closed_by: Option<String>,
}

const COLUMNS: &str = "c.business_date, c.version, c.closed_at, s.code, c.reason, c.tally_json
    FROM day_closes c LEFT JOIN staff s ON s.id = c.closed_by";

fn read(r: &rusqlite::Row) -> rusqlite::Result<Snapshot> {
    let json: String = r.get(5)?;
    let tally = Tally::from_json(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Snapshot {
        business_date: r.get(0)?,
        version: r.get(1)?,
        closed_at: r.get(2)?,
        closed_by: r.get(3)?,
        reason: r.get(4)?,
        tally,
    })
}

/// Every version of `date`, oldest first (empty when the date is not closed).
pub fn all(conn: &Connection, date: NaiveDate) -> rusqlite::Result<Vec<Snapshot>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} WHERE c.business_date = ?1 ORDER BY c.version"
    ))?;
    let rows = stmt.query_map([date_text(date)], read)?;
    rows.collect()
}

/// The current version of `date`, if it is closed.
pub fn latest(conn: &Connection, date: NaiveDate) -> rusqlite::Result<Option<Snapshot>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} WHERE c.business_date = ?1 ORDER BY c.version DESC LIMIT 1"),
        [date_text(date)],
        read,
    )
    .optional()
}

pub fn latest_info(conn: &Connection, date: NaiveDate) -> rusqlite::Result<Option<Info>> {
    conn.query_row(
        "SELECT c.version, c.closed_at, s.code FROM day_closes c LEFT JOIN staff s ON s.id = c.closed_by
          WHERE c.business_date = ?1 ORDER BY c.version DESC LIMIT 1",
        params![date_text(date)],
        |r| Ok(Info { version: r.get(0)?, closed_at: r.get(1)?, closed_by: r.get(2)? }),
    )
    .optional()
}

pub fn is_closed(conn: &Connection, date: NaiveDate) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM day_closes WHERE business_date = ?1)",
        [date_text(date)],
        |r| r.get(0),
    )
}
