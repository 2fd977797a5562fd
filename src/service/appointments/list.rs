//! A day's bookings in slot order, for the appointments screen and `appoint list`. Names and
//! phones leave here already masked (SPEC §4): the screen is seen across the counter and the
//! list may be printed or piped.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::Connection;

use super::date_text;
use crate::domain::appointment::{ApptState, BookingChannel};
use crate::domain::codes::Service;
use crate::domain::privacy::{mask_name, mask_phone};
use crate::domain::text::sanitize;
use crate::i18n::appointment_text::RowMark;

/// One booking as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApptRow {
    pub id: i64,
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub service: Service,
    /// Masked: `张*` (in full only from the audited unmask).
    pub name: String,
    /// Masked: `138****5678` (the last four digits are how the visitor is found).
    pub phone: String,
    pub channel: BookingChannel,
    pub state: ApptState,
    /// The ticket it became at check-in.
    pub ticket: Option<String>,
    pub on_time: Option<bool>,
    /// Bookings of the same phone number missed before this one's date.
    pub missed_before: u32,
}

impl ApptRow {
    /// The marks beside it: on time or not (once checked in), earlier missed bookings.
    pub fn marks(&self) -> Vec<RowMark> {
        let mut marks = Vec::new();
        match self.on_time {
            Some(true) => marks.push(RowMark::OnTime),
            Some(false) => marks.push(RowMark::NotOnTime),
            None => {}
        }
        if self.missed_before > 0 {
            marks.push(RowMark::MissedBefore(self.missed_before));
        }
        marks
    }
}

/// How many bookings of the day are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayCounts {
    pub booked: usize,
    pub checked_in: usize,
    pub missed: usize,
    pub cancelled: usize,
}

impl DayCounts {
    pub fn of(rows: &[ApptRow]) -> DayCounts {
        let mut counts = DayCounts::default();
        for row in rows {
            match row.state {
                ApptState::Booked => counts.booked += 1,
                ApptState::CheckedIn => counts.checked_in += 1,
                ApptState::Missed => counts.missed += 1,
                ApptState::Cancelled => counts.cancelled += 1,
            }
        }
        counts
    }
}

/// The bookings of `date` by slot; with `last_four`, only those of a phone ending so.
pub fn list_day(
    conn: &Connection,
    date: NaiveDate,
    last_four: Option<&str>,
) -> rusqlite::Result<Vec<ApptRow>> {
    day_rows(conn, date, last_four, true)
}

/// The same, masked or (for the audited unmask only) in full.
pub(super) fn day_rows(
    conn: &Connection,
    date: NaiveDate,
    last_four: Option<&str>,
    masked: bool,
) -> rusqlite::Result<Vec<ApptRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.slot_start, a.service, a.name, a.phone, a.channel, a.state, v.ticket, a.on_time,
                (SELECT count(*) FROM appointments m
                  WHERE m.phone_key = a.phone_key AND m.state = 'missed' AND m.business_date < a.business_date)
           FROM appointments a LEFT JOIN visits v ON v.id = a.visit_id
          WHERE a.business_date = ?1 AND (?2 IS NULL OR substr(a.phone_key, -4) = ?2)
          ORDER BY a.slot_start, a.id",
    )?;
    let rows = stmt.query_map(rusqlite::params![date_text(date), last_four], |r| {
        let time: String = r.get(1)?;
        Ok(ApptRow {
            id: r.get(0)?,
            date,
            time: NaiveTime::parse_from_str(&time, "%H:%M").unwrap_or_default(),
            service: r.get(2)?,
            name: shown(sanitize(&r.get::<_, String>(3)?), masked, mask_name),
            phone: shown(sanitize(&r.get::<_, String>(4)?), masked, mask_phone),
            channel: r.get(5)?,
            state: r.get(6)?,
            ticket: r.get(7)?,
            on_time: r.get(8)?,
            missed_before: r.get(9)?,
        })
    })?;
    rows.collect()
}

fn shown(text: String, masked: bool, mask: fn(&str) -> String) -> String {
    if masked {
        mask(&text)
    } else {
        text
    }
}
