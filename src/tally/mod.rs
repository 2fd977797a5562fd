//! The tally of SPEC §5: pure maths on plain records (`compute`), loading a date range with
//! indexed queries (`load`), the frozen snapshots of closed dates (`snapshot`), and the
//! header facts a printout needs.

pub mod appointments;
pub mod compute;
pub mod hall;
mod header;
pub mod legal_aid;
pub mod load;
mod model;
pub mod snapshot;
pub mod stats;

use chrono::NaiveDate;
use rusqlite::Connection;

pub use compute::{compute, Accumulator, Params, StepRecord, VisitRecord};
pub use header::{Closer, Header};
pub use load::compute_range;
pub use model::{
    AppointmentTally, Counts, DeskTally, FollowUps, LegalAidTally, Levels, OrderedMap, Ratings,
    Satisfaction, ServiceTally, Summary, Tally,
};
pub use snapshot::Snapshot;

use crate::domain::settings::Settings;

/// The printout header of `from..=to`: center, dates, and for a single closed date who closed
/// it, when, and which snapshot version is current.
pub fn header(
    conn: &Connection,
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Header> {
    let closer = if from == to {
        snapshot::latest_info(conn, from)?.map(|info| Closer {
            by: info.closed_by,
            at: settings
                .zone
                .local(info.closed_at)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            version: info.version,
        })
    } else {
        None
    };
    Ok(Header {
        center_name: settings.center_name.clone(),
        from,
        to,
        days: load::days_in(from, to),
        closed_days: load::closed_days(conn, from, to)?,
        closer,
        staff_names: staff_names(conn)?,
    })
}

/// Every staff member's code and name (deactivated ones too: they appear in old tallies).
fn staff_names(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT code, name FROM staff ORDER BY code")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// What to print or show for `from..=to`: a single closed date gives its frozen snapshot
/// (the figures filed that day, whatever the settings are now); anything else is computed
/// live from the records.
pub fn report(
    conn: &Connection,
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<(Tally, Header)> {
    let header = header(conn, settings, from, to)?;
    if from == to {
        if let Some(frozen) = snapshot::latest(conn, from)? {
            return Ok((frozen.tally, header));
        }
    }
    Ok((compute_range(conn, settings, from, to)?, header))
}
