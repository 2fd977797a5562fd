//! The waiting hall's figures of a tally (SPEC §5): `announcements` and `announce_failed`
//! from the announcement record, and `windows.<code>.paused_s` — the seconds each window was
//! paused inside opening hours (`open_hours`) on the dates of the range.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::compute::natural_key;
use super::load::date_text;
use super::model::{DeskTally, Tally};
use crate::service::settings::Settings;
use crate::service::{announce, hall_settings, pause};

/// Adds the hall's figures of `from..=to` to `tally`; a pause still open counts until `now`.
pub fn add(
    conn: &Connection,
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
    now: i64,
    tally: &mut Tally,
) -> rusqlite::Result<()> {
    let (announced, failed) = announce::counts_in_range(conn, &date_text(from), &date_text(to))?;
    tally.announcements = announced;
    tally.announce_failed = failed;
    let zone = settings.zone;
    let start = zone
        .instant_of(from.and_hms_opt(0, 0, 0).unwrap_or_default())
        .unwrap_or(0);
    let end = zone
        .instant_of(
            (to + chrono::Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        )
        .unwrap_or(i64::MAX);
    let hours = hall_settings::open_hours(conn)?;
    for (code, paused_at, until) in pause::overlapping(conn, start, end, now)? {
        let seconds = hours.seconds_within(zone, from, to, paused_at, until.min(now));
        if seconds <= 0 {
            continue;
        }
        match tally.windows.0.iter_mut().find(|(c, _)| *c == code) {
            Some((_, desk)) => desk.paused_s += seconds as u64,
            None => tally.windows.0.push((
                code,
                DeskTally {
                    paused_s: seconds as u64,
                    ..DeskTally::default()
                },
            )),
        }
    }
    tally.windows.0.sort_by_key(|(code, _)| natural_key(code));
    Ok(())
}
