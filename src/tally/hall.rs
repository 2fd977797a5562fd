//! The waiting hall's figures of a tally (SPEC §5): `announcements` and `announce_failed`
//! from the announcement record, and `windows.<code>.paused_s` — the seconds each window was
//! paused inside opening hours (`open_hours`) on the dates of the range. Its reads are its own
//! (the tally sits below the service layer).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::compute::natural_key;
use super::load::date_text;
use super::model::{DeskTally, Tally};
use crate::domain::hours::OpenHours;
use crate::domain::settings::Settings;

/// Adds the hall's figures of `from..=to` to `tally`; a pause still open counts until `now`.
pub fn add(
    conn: &Connection,
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
    now: i64,
    tally: &mut Tally,
) -> rusqlite::Result<()> {
    let (announced, failed) = announcement_counts(conn, &date_text(from), &date_text(to))?;
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
    let hours = open_hours(conn)?;
    for (code, paused_at, until) in pauses_overlapping(conn, start, end, now)? {
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

/// Announcements of visits on `from..=to`: (all, those that could not be spoken: failed or
/// skipped) — the tally's `announcements` and `announce_failed`.
fn announcement_counts(conn: &Connection, from: &str, to: &str) -> rusqlite::Result<(u64, u64)> {
    conn.query_row(
        "SELECT count(*), COALESCE(SUM(a.failed IS NOT NULL OR a.skipped = 1), 0)
           FROM visits v
           JOIN steps s ON s.visit_id = v.id
           JOIN announcements a ON a.step_id = s.id
          WHERE v.business_date BETWEEN ?1 AND ?2",
        params![from, to],
        |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
    )
}

/// The `open_hours` setting (the default when unset or unreadable as hours).
fn open_hours(conn: &Connection) -> rusqlite::Result<OpenHours> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'open_hours'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.and_then(|v| OpenHours::parse(&v)).unwrap_or_default())
}

/// Pauses that overlap `[start, end)`: (window code, paused_at, resumed_at or `now`). Pauses
/// end at sign-out, so a closed pause never spans more than a day: those are found by their
/// start through the index; a pause still open is found through the open-pause index.
fn pauses_overlapping(
    conn: &Connection,
    start: i64,
    end: i64,
    now: i64,
) -> rusqlite::Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.code, p.paused_at, COALESCE(p.resumed_at, ?3) FROM window_pauses p JOIN windows w ON w.id = p.window_id
          WHERE p.paused_at >= ?1 - 86400 AND p.paused_at < ?2
         UNION ALL
         SELECT w.code, p.paused_at, ?3 FROM window_pauses p JOIN windows w ON w.id = p.window_id
          WHERE p.resumed_at IS NULL AND p.paused_at < ?1 - 86400",
    )?;
    let rows = stmt.query_map(params![start, end, now], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    rows.collect()
}
