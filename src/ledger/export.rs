//! `legaldesk export`: the ledger of a date range in the import format. Rows are ordered by
//! the data alone (date, arrival of the visit, ticket, step), times are written in each
//! visit's own stored offset, and cells are written exactly as import stores them — so export,
//! import into an empty database, export again gives the same bytes.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::columns::header_names;
use crate::domain::clock::local_with_offset;
use crate::domain::privacy::{mask_id, mask_name, mask_phone};
use crate::domain::text::{format_yuan, sanitize};
use crate::service::{audit, write, ServiceError};
use crate::tally::load::date_text;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportReport {
    pub rows: usize,
    pub visits: usize,
}

/// Visits of the range by the date index, then their steps (CROSS JOIN keeps that order:
/// never a pass over all steps).
const EXPORT_SQL: &str = "SELECT v.id, v.business_date, v.ticket, s.seq, s.service, v.channel, v.lane, v.urgent, v.matter,
        v.parties, p.name, p.phone, p.id_type, p.id_number, v.summary, v.utc_offset_s,
        s.queued_at, s.called_at, s.started_at, s.finished_at, s.status, s.outcome, s.reason,
        s.window_id, s.staff_id, s.amount_fen, s.quantity, s.rating, s.note
   FROM visits v CROSS JOIN steps s ON s.visit_id = v.id LEFT JOIN visitors p ON p.id = v.visitor_id
  WHERE v.business_date BETWEEN ?1 AND ?2";

struct Line {
    visit_id: i64,
    date: String,
    ticket: String,
    seq: i64,
    queued_at: i64,
    cells: Vec<String>,
}

fn codes(conn: &Connection, table: &str) -> rusqlite::Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare(&format!("SELECT id, code FROM {table}"))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

fn time(instant: Option<i64>, offset: i32) -> String {
    instant
        .map(|t| {
            local_with_offset(t, offset)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

fn opt(value: Option<String>) -> String {
    value.map(|v| sanitize(&v)).unwrap_or_default()
}

/// The ledger CSV of `from..=to` (UTF-8, CRLF line ends, quoted only where needed).
pub fn render(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    redact: bool,
) -> rusqlite::Result<(Vec<u8>, ExportReport)> {
    let windows = codes(conn, "windows")?;
    let staff = codes(conn, "staff")?;
    let mut stmt = conn.prepare(EXPORT_SQL)?;
    let mut rows = stmt.query(params![date_text(from), date_text(to)])?;
    let mut lines = Vec::new();
    while let Some(r) = rows.next()? {
        let offset: i32 = r.get(15)?;
        let id_type: Option<String> = r.get(12)?;
        // The ledger's id_number column is the resident ID; other documents stay out of it.
        let id_number = r
            .get::<_, Option<String>>(13)?
            .filter(|_| id_type.as_deref().is_none_or(|t| t == "resident_id"));
        let (name, phone, id_number) = {
            let name = opt(r.get(10)?);
            let phone = opt(r.get(11)?);
            let id = opt(id_number);
            if redact {
                let mask = |text: String, f: fn(&str) -> String| {
                    if text.is_empty() {
                        text
                    } else {
                        f(&text)
                    }
                };
                (
                    mask(name, mask_name),
                    mask(phone, mask_phone),
                    mask(id, mask_id),
                )
            } else {
                (name, phone, id)
            }
        };
        let status: String = r.get(20)?;
        // Open steps of a day not yet closed are what a close would make them.
        let status = if matches!(
            status.as_str(),
            "waiting" | "called" | "serving" | "on_hold"
        ) {
            "unfinished".into()
        } else {
            status
        };
        let queued_at: i64 = r.get(16)?;
        let urgent: bool = r.get(7)?;
        let cells = vec![
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?.to_string(),
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            if urgent { "1".into() } else { "0".into() },
            r.get::<_, String>(8)?,
            r.get::<_, i64>(9)?.to_string(),
            name,
            phone,
            id_number,
            // Free text can hold names and facts as well; a redacted export leaves it out.
            if redact {
                String::new()
            } else {
                opt(r.get(14)?)
            },
            time(Some(queued_at), offset),
            time(r.get(17)?, offset),
            time(r.get(18)?, offset),
            time(r.get(19)?, offset),
            status,
            opt(r.get(21)?),
            opt(r.get(22)?),
            r.get::<_, Option<i64>>(23)?
                .and_then(|id| windows.get(&id).cloned())
                .unwrap_or_default(),
            r.get::<_, Option<i64>>(24)?
                .and_then(|id| staff.get(&id).cloned())
                .unwrap_or_default(),
            r.get::<_, Option<i64>>(25)?
                .map(format_yuan)
                .unwrap_or_default(),
            r.get::<_, Option<i64>>(26)?
                .map(|q| q.to_string())
                .unwrap_or_default(),
            opt(r.get(27)?),
            if redact {
                String::new()
            } else {
                opt(r.get(28)?)
            },
        ];
        lines.push(Line {
            visit_id: r.get(0)?,
            date: r.get(1)?,
            ticket: r.get(2)?,
            seq: r.get(3)?,
            queued_at,
            cells,
        });
    }
    // Visits in order of arrival (step 1's queued_at) within each date, by data alone.
    let mut arrival: HashMap<i64, i64> = HashMap::new();
    for line in &lines {
        let entry = arrival.entry(line.visit_id).or_insert(line.queued_at);
        if line.seq == 1 {
            *entry = line.queued_at;
        }
    }
    lines.sort_by(|a, b| {
        let key = |l: &Line| {
            (
                l.date.clone(),
                arrival.get(&l.visit_id).copied().unwrap_or(l.queued_at),
                l.ticket.clone(),
                l.seq,
            )
        };
        key(a).cmp(&key(b))
    });
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into memory cannot fail; the error is carried, not unwrapped, all the same.
    let csv_error = |e: csv::Error| rusqlite::Error::ToSqlConversionFailure(Box::new(e));
    writer.write_record(header_names()).map_err(csv_error)?;
    for line in &lines {
        writer.write_record(&line.cells).map_err(csv_error)?;
    }
    let visits = arrival.len();
    let bytes = writer
        .into_inner()
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e.into_error())))?;
    Ok((
        bytes,
        ExportReport {
            rows: lines.len(),
            visits,
        },
    ))
}

/// Renders the export and writes its audit row (every export is audited, redacted or not).
/// The caller writes the bytes where they go.
pub fn export(
    conn: &mut Connection,
    from: NaiveDate,
    to: NaiveDate,
    redact: bool,
    now: i64,
) -> Result<(Vec<u8>, ExportReport), ServiceError> {
    // Rendered in a read transaction (one consistent snapshot) so a long export never holds
    // the write lock the windows need; the audit row follows in its own short write.
    let (bytes, report) = {
        let snapshot = conn.transaction()?;
        let rendered = render(&snapshot, from, to, redact)?;
        snapshot.finish()?;
        rendered
    };
    write(conn, |tx| {
        let detail = format!(
            "{}..{} rows={} {}",
            date_text(from),
            date_text(to),
            report.rows,
            if redact { "redacted" } else { "full" }
        );
        audit::append(tx, now, None, "export", "ledger", None, &detail)?;
        Ok(())
    })?;
    Ok((bytes, report))
}
