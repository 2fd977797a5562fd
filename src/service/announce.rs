//! The announcement record (SPEC §9.1): every call and recall writes a row in the call's own
//! transaction; the front desk looks a ticket's rows up ("was I called?"). The announcer's
//! side (taking rows in order, recording the result) is in `service::announcer`.

use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::announce::{spoken_label, AnnounceKind, AnnounceState, SpeechFailure};
use crate::domain::codes::{Service, StepStatus};

/// Inside the caller's transaction: one announcement of `ticket` at `window_id`.
pub fn record(
    tx: &Connection,
    step_id: i64,
    ticket: &str,
    window_id: Option<i64>,
    kind: AnnounceKind,
    now: i64,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO announcements (step_id, ticket, window_id, kind, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![step_id, ticket, window_id, kind.code(), now])?;
    Ok(())
}

/// One call or recall of a ticket, as the front desk sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRecord {
    pub id: i64,
    pub ticket: String,
    pub kind: AnnounceKind,
    pub window_code: String,
    pub window_label: String,
    pub created_at: i64,
    pub state: AnnounceState,
}

pub(crate) fn state_of(
    started_at: Option<i64>,
    spoken_at: Option<i64>,
    failed: Option<String>,
    detail: Option<String>,
    skipped: bool,
) -> AnnounceState {
    match (spoken_at, failed, skipped, started_at) {
        (Some(at), _, _, _) => AnnounceState::Spoken(at),
        (None, Some(code), _, _) => AnnounceState::Failed(SpeechFailure::from_stored(
            &code,
            &detail.unwrap_or_default(),
        )),
        (None, None, true, _) => AnnounceState::Skipped,
        (None, None, false, Some(_)) => AnnounceState::Speaking,
        (None, None, false, None) => AnnounceState::Pending,
    }
}

/// "Was I called?": where `ticket` of business date `date` stands now (its latest step's
/// service and status) and every call of it; `None` when the date has no such ticket.
pub fn ticket_lookup(
    conn: &Connection,
    date: &str,
    ticket: &str,
) -> rusqlite::Result<Option<((Service, StepStatus), Vec<CallRecord>)>> {
    let latest = conn
        .query_row(
            "SELECT s.service, s.status FROM visits v JOIN steps s ON s.visit_id = v.id
              WHERE v.business_date = ?1 AND v.ticket = ?2 ORDER BY s.seq DESC LIMIT 1",
            [date, ticket],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?
        .and_then(|(service, status)| {
            Service::from_code(&service).zip(StepStatus::from_code(&status))
        });
    let Some(now) = latest else {
        return Ok(None);
    };
    Ok(Some((now, calls_of_ticket(conn, date, ticket)?)))
}

/// Every call and recall of `ticket` on business date `date`, oldest first. Nothing personal:
/// the ticket, the window and the times.
pub fn calls_of_ticket(
    conn: &Connection,
    date: &str,
    ticket: &str,
) -> rusqlite::Result<Vec<CallRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.ticket, a.kind, COALESCE(w.code, ''), w.label, a.created_at,
                a.started_at, a.spoken_at, a.failed, a.failed_detail, a.skipped
           FROM visits v
           JOIN steps s ON s.visit_id = v.id
           JOIN announcements a ON a.step_id = s.id
           LEFT JOIN windows w ON w.id = a.window_id
          WHERE v.business_date = ?1 AND v.ticket = ?2
          ORDER BY a.id",
    )?;
    let rows = stmt.query_map(params![date, ticket], |r| {
        let code: String = r.get(3)?;
        let label: Option<String> = r.get(4)?;
        Ok(CallRecord {
            id: r.get(0)?,
            ticket: r.get(1)?,
            kind: AnnounceKind::from_code(&r.get::<_, String>(2)?).unwrap_or(AnnounceKind::Call),
            window_label: crate::domain::text::sanitize(&spoken_label(&code, label.as_deref())),
            window_code: code,
            created_at: r.get(5)?,
            state: state_of(r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?),
        })
    })?;
    rows.collect()
}
