//! The tally's `appointments` figures (SPEC §5): bookings whose date is in the range, counted
//! by state in one indexed read (`appointments_by_date`).

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::load::date_text;
use super::model::AppointmentTally;
use crate::domain::appointment::ApptState;

pub fn count(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<AppointmentTally> {
    let mut stmt = conn.prepare_cached(
        "SELECT state, count(*), COALESCE(SUM(on_time = 1), 0) FROM appointments
          WHERE business_date BETWEEN ?1 AND ?2 GROUP BY state",
    )?;
    let mut tally = AppointmentTally::default();
    for row in stmt.query_map(params![date_text(from), date_text(to)], |r| {
        Ok((
            r.get::<_, ApptState>(0)?,
            r.get::<_, u64>(1)?,
            r.get::<_, u64>(2)?,
        ))
    })? {
        let (state, n, on_time) = row?;
        match state {
            ApptState::Booked => tally.booked = n,
            ApptState::CheckedIn => {
                tally.checked_in = n;
                tally.checked_in_on_time = on_time;
            }
            ApptState::Missed => tally.missed = n,
            ApptState::Cancelled => tally.cancelled = n,
        }
    }
    Ok(tally)
}
