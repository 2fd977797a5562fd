//! Reading a date range's records for the tally: one query over the visits of the range,
//! bounded by the `(business_date, ticket)` index, with each visit's steps found through the
//! `(visit_id, seq)` index — never a scan of the whole history. Rows stream straight into the
//! accumulator, so a year of visits is never held as records.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection};

use super::compute::{Accumulator, Params, StepRecord, VisitRecord};
use super::model::{FollowUps, Tally};
use crate::domain::codes::{Outcome, Rating, Service, StepStatus};
use crate::domain::settings::Settings;

/// The query of a range. Its ORDER BY follows the index order (date, ticket, then seq), so
/// SQLite streams it without sorting; `EXPLAIN QUERY PLAN` is checked in tests/tally.rs.
pub const RANGE_SQL: &str =
    "SELECT v.id, v.ticket, v.channel, v.lane, v.urgent, v.matter, v.parties, v.utc_offset_s,
        s.seq, s.service, s.status, s.queued_at, s.called_at, s.started_at, s.finished_at,
        s.outcome, s.amount_fen, s.quantity, s.rating, s.window_id, s.staff_id, s.rating_by
   FROM visits v LEFT JOIN steps s ON s.visit_id = v.id
  WHERE v.business_date BETWEEN ?1 AND ?2
  ORDER BY v.business_date, v.ticket, s.seq";

pub fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Number of dates in `from..=to` (0 when `to` is before `from`).
pub fn days_in(from: NaiveDate, to: NaiveDate) -> i64 {
    ((to - from).num_days() + 1).max(0)
}

/// How many dates of the range are closed (one primary-key range read).
pub fn closed_days(conn: &Connection, from: NaiveDate, to: NaiveDate) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(DISTINCT business_date) FROM day_closes WHERE business_date BETWEEN ?1 AND ?2",
        params![date_text(from), date_text(to)],
        |r| r.get(0),
    )
}

pub fn params_of(settings: &Settings, from: NaiveDate, to: NaiveDate) -> Params {
    Params {
        from,
        to,
        target_wait_s: settings.target_wait_min * 60,
        group_threshold: settings.group_threshold,
    }
}

/// The live tally of `from..=to`, computed from the records as they are now.
pub fn compute_range(
    conn: &Connection,
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Tally> {
    let mut acc = Accumulator::new(params_of(settings, from, to));
    for_each_visit(conn, from, to, |visit| acc.add(visit))?;
    let closed = closed_days(conn, from, to)? == days_in(from, to);
    let mut tally = acc.finish(closed);
    let applications = crate::db::aid::for_tally(conn, from, to)?;
    tally.legal_aid = super::legal_aid::compute(&applications, settings, from, to);
    tally.satisfaction.follow_ups = follow_ups(conn, from, to)?;
    super::hall::add(
        conn,
        settings,
        from,
        to,
        crate::domain::clock::now(),
        &mut tally,
    )?;
    tally.appointments = super::appointments::count(conn, from, to)?;
    Ok(tally)
}

/// SPEC §5 `follow_ups`: opened and closed within `from..=to`; open and overdue as of the end
/// of `to` (one still open then whose due date had passed). Read by the follow-up dates'
/// indexes; the open ones as of `to` are those opened by then and not closed by then.
pub fn follow_ups(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<FollowUps> {
    let (from, to) = (date_text(from), date_text(to));
    let count = |sql: &str, args: &[&str]| -> rusqlite::Result<u64> {
        let n: i64 = conn
            .prepare_cached(sql)?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    Ok(FollowUps {
        opened: count(
            "SELECT count(*) FROM follow_ups WHERE opened_date BETWEEN ?1 AND ?2",
            &[&from, &to],
        )?,
        closed: count(
            "SELECT count(*) FROM follow_ups WHERE closed_date BETWEEN ?1 AND ?2",
            &[&from, &to],
        )?,
        open: count(
            "SELECT count(*) FROM follow_ups
              WHERE opened_date <= ?1 AND (closed_date IS NULL OR closed_date > ?1)",
            &[&to],
        )?,
        overdue: count(
            "SELECT count(*) FROM follow_ups
              WHERE opened_date <= ?1 AND (closed_date IS NULL OR closed_date > ?1) AND due_date < ?1",
            &[&to],
        )?,
    })
}

/// Window and staff codes by id: small tables, read once instead of joined per row.
fn codes(conn: &Connection, table: &str) -> rusqlite::Result<HashMap<i64, Arc<str>>> {
    let mut stmt = conn.prepare(&format!("SELECT id, code FROM {table}"))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Arc::<str>::from(r.get::<_, String>(1)?),
        ))
    })?;
    rows.collect()
}

/// Calls `each` with every visit of the range, steps in `seq` order.
pub fn for_each_visit(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    mut each: impl FnMut(&VisitRecord),
) -> rusqlite::Result<()> {
    let windows = codes(conn, "windows")?;
    let staff = codes(conn, "staff")?;
    let mut stmt = conn.prepare_cached(RANGE_SQL)?;
    let mut rows = stmt.query(params![date_text(from), date_text(to)])?;
    let mut current: Option<(i64, VisitRecord)> = None;
    while let Some(r) = rows.next()? {
        let visit_id: i64 = r.get(0)?;
        if current.as_ref().is_none_or(|(id, _)| *id != visit_id) {
            if let Some((_, visit)) = current.take() {
                each(&visit);
            }
            let visit = VisitRecord {
                ticket: r.get(1)?,
                channel: r.get(2)?,
                lane: r.get(3)?,
                urgent: r.get(4)?,
                matter: r.get(5)?,
                parties: r.get(6)?,
                utc_offset_s: r.get(7)?,
                steps: Vec::with_capacity(2),
            };
            current = Some((visit_id, visit));
        }
        let Some(seq) = r.get::<_, Option<i64>>(8)? else {
            continue;
        };
        let service: Service = r.get(9)?;
        let status: StepStatus = r.get(10)?;
        let outcome = match r.get_ref(15)? {
            ValueRef::Text(code) => std::str::from_utf8(code)
                .ok()
                .and_then(|c| Outcome::for_service(service, c)),
            _ => None,
        };
        let rating: Option<Rating> = r.get(18)?;
        let step = StepRecord {
            seq,
            service,
            status,
            queued_at: r.get(11)?,
            called_at: r.get(12)?,
            started_at: r.get(13)?,
            finished_at: r.get(14)?,
            outcome,
            amount_fen: r.get(16)?,
            quantity: r.get(17)?,
            rating,
            rated_on_pad: matches!(r.get_ref(21)?, ValueRef::Text(b"pad")),
            window: r
                .get::<_, Option<i64>>(19)?
                .and_then(|id| windows.get(&id).cloned()),
            staff: r
                .get::<_, Option<i64>>(20)?
                .and_then(|id| staff.get(&id).cloned()),
        };
        if let Some((_, visit)) = current.as_mut() {
            visit.steps.push(step);
        }
    }
    if let Some((_, visit)) = current {
        each(&visit);
    }
    Ok(())
}
