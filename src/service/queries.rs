//! Read models for the screens. Every query reads only today's open work (bounded by the
//! partial index on open steps), and personal data leaves here already masked.

use rusqlite::{params, Connection};

use crate::domain::codes::{Lane, Matter, Outcome, ReturnReason, Service, StepStatus};
use crate::domain::privacy::{mask_id, mask_name, mask_phone};
use crate::domain::queue::{self, QueueEntry};

/// Where a referred or returned step came from, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub service: Service,
    pub outcome: Option<Outcome>,
    pub reason: Option<ReturnReason>,
    pub note: String,
}

/// One line of a queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub step_id: i64,
    pub ticket: String,
    pub service: Service,
    pub status: StepStatus,
    pub name: String,
    pub lane: Lane,
    pub urgent: bool,
    pub matter: Matter,
    pub queued_at: i64,
    pub order_at: i64,
    pub recalls: i64,
    pub window: Option<String>,
    pub origin: Option<Origin>,
    /// Checked in on time for an appointment: waits as priority (SPEC §11).
    pub booked: bool,
}

/// A ticket at this window (called, being served, or on hold).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowTicket {
    pub row: QueueRow,
    pub phone: String,
    pub id_number: String,
    pub parties: i64,
    pub summary: String,
    pub called_at: Option<i64>,
    pub started_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceLoad {
    pub service: Service,
    pub waiting: i64,
    pub longest_wait_s: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub window: Option<String>,
    pub staff_code: String,
    pub staff_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HallSummary {
    pub loads: Vec<ServiceLoad>,
    pub signed_in: Vec<SignedIn>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictHint {
    pub ticket: String,
    pub business_date: String,
    pub service: Service,
}

const ROW_COLUMNS: &str = "s.id, v.ticket, s.service, s.status, COALESCE(p.name, ''), v.lane, v.urgent, v.matter,
    s.queued_at, COALESCE(s.requeued_at, s.queued_at), s.recalls, w.code,
    prev.service, prev.outcome, prev.reason, COALESCE(prev.note, ''),
    COALESCE(p.phone, ''), COALESCE(p.id_number, ''), v.parties, COALESCE(v.summary, ''), s.called_at, s.started_at,
    s.seq = 1 AND EXISTS (SELECT 1 FROM appointments a WHERE a.visit_id = s.visit_id AND a.on_time = 1)";

const ROW_JOINS: &str = "FROM steps s
    JOIN visits v ON v.id = s.visit_id
    LEFT JOIN visitors p ON p.id = v.visitor_id
    LEFT JOIN windows w ON w.id = s.window_id
    LEFT JOIN steps prev ON prev.visit_id = s.visit_id AND prev.seq = s.seq - 1";

fn read_ticket(r: &rusqlite::Row) -> rusqlite::Result<WindowTicket> {
    let service = r.get::<_, Service>(2)?;
    let origin = match r.get::<_, Option<Service>>(12)? {
        Some(from) => Some(Origin {
            service: from,
            outcome: r
                .get::<_, Option<String>>(13)?
                .and_then(|o| Outcome::for_service(from, &o)),
            reason: r.get::<_, Option<ReturnReason>>(14)?,
            note: crate::domain::text::sanitize(&r.get::<_, String>(15)?),
        }),
        None => None,
    };
    let row = QueueRow {
        step_id: r.get(0)?,
        ticket: r.get(1)?,
        service,
        status: r.get(3)?,
        name: mask_name(&crate::domain::text::sanitize(&r.get::<_, String>(4)?)),
        lane: r.get(5)?,
        urgent: r.get(6)?,
        matter: r.get(7)?,
        queued_at: r.get(8)?,
        order_at: r.get(9)?,
        recalls: r.get(10)?,
        window: r.get(11)?,
        origin,
        booked: r.get(22)?,
    };
    let phone: String = r.get(16)?;
    let id_number: String = r.get(17)?;
    Ok(WindowTicket {
        row,
        phone: if phone.is_empty() {
            phone
        } else {
            mask_phone(&phone)
        },
        id_number: if id_number.is_empty() {
            id_number
        } else {
            mask_id(&id_number)
        },
        parties: r.get(18)?,
        summary: crate::domain::text::sanitize(&r.get::<_, String>(19)?),
        called_at: r.get(20)?,
        started_at: r.get(21)?,
    })
}

/// Today's queue of `services`: waiting tickets in serving order, then today's no-shows
/// (so a late visitor can be re-queued).
pub fn queue_rows(
    conn: &Connection,
    services: &[Service],
    date: &str,
    now: i64,
    promote_after_min: i64,
) -> rusqlite::Result<Vec<QueueRow>> {
    // Waiting tickets come from the partial index `steps_waiting` (only what waits now; the
    // unary `+` keeps SQLite from preferring the date index without statistics);
    // no-shows stay no-shows for good, so today's are found through today's visits instead.
    // Either way the read is bounded by today, not by history.
    let waiting_sql = format!(
        "SELECT {ROW_COLUMNS} {ROW_JOINS}
          WHERE s.status = 'waiting' AND s.service = ?1 AND +v.business_date = ?2"
    );
    let no_show_sql = format!(
        "SELECT {ROW_COLUMNS} {ROW_JOINS}
          WHERE s.service = ?1 AND s.status = 'no_show' AND v.business_date = ?2"
    );
    let mut waiting = Vec::new();
    let mut no_shows = Vec::new();
    for (sql, into) in [(&waiting_sql, &mut waiting), (&no_show_sql, &mut no_shows)] {
        let mut stmt = conn.prepare_cached(sql)?;
        for service in services {
            for row in stmt.query_map(params![service.code(), date], read_ticket)? {
                into.push(row?.row);
            }
        }
    }
    let key = |r: &QueueRow| {
        let entry = QueueEntry {
            step_id: r.step_id,
            urgent: r.urgent,
            lane: r.lane,
            booked: r.booked,
            order_at: r.order_at,
        };
        queue::sort_key(&entry, now, promote_after_min)
    };
    waiting.sort_by_key(key);
    no_shows.sort_by_key(|r| (r.order_at, r.step_id));
    waiting.extend(no_shows);
    Ok(waiting)
}

/// The queues an actor may see (deny by default: a desk sees only its own service), in
/// serving order. The screens call this, not `queue_rows`.
pub fn visible_queue(
    conn: &Connection,
    actor: &super::Actor,
    services: &[Service],
    date: &str,
    now: i64,
    promote_after_min: i64,
) -> Result<Vec<QueueRow>, super::ServiceError> {
    for service in services {
        super::authorize(actor, super::Command::ViewQueue(*service))?;
    }
    Ok(queue_rows(conn, services, date, now, promote_after_min)?)
}

/// The tickets currently at a window: called, being served or on hold. The status test is
/// the WHERE of the partial index `steps_at_window`, word for word, so only open rows are read.
pub fn window_tickets(conn: &Connection, window_id: i64) -> rusqlite::Result<Vec<WindowTicket>> {
    let sql = format!(
        "SELECT {ROW_COLUMNS} {ROW_JOINS}
          WHERE (s.status = 'called' OR s.status = 'serving' OR s.status = 'on_hold') AND s.window_id = ?1
          ORDER BY CASE s.status WHEN 'serving' THEN 0 WHEN 'called' THEN 1 ELSE 2 END, s.called_at, s.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([window_id], read_ticket)?;
    rows.collect()
}

/// One step with its visit, for a detail line.
pub fn step_ticket(conn: &Connection, step_id: i64) -> rusqlite::Result<Option<WindowTicket>> {
    use rusqlite::OptionalExtension;
    let sql = format!("SELECT {ROW_COLUMNS} {ROW_JOINS} WHERE s.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([step_id], read_ticket)
        .optional()
}

pub fn process_alive(pid: i64) -> bool {
    // Every terminal runs on this host (often over SSH), so /proc tells whether the process
    // that signed in is still there; a crashed terminal does not stay "signed in".
    std::path::Path::new(&format!("/proc/{pid}")).exists()
        || !std::path::Path::new("/proc/self").exists()
}

/// Waiting counts and longest waits per service today, and who is signed in where.
pub fn hall_summary(conn: &Connection, date: &str, now: i64) -> rusqlite::Result<HallSummary> {
    let mut loads = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT count(*), COALESCE(MIN(s.queued_at), 0)
           FROM steps s JOIN visits v ON v.id = s.visit_id
          WHERE s.status = 'waiting' AND s.service = ?1 AND +v.business_date = ?2",
    )?;
    for service in Service::ALL {
        let (waiting, oldest): (i64, i64) = stmt.query_row(params![service.code(), date], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        loads.push(ServiceLoad {
            service: *service,
            waiting,
            longest_wait_s: if waiting > 0 {
                (now - oldest).max(0)
            } else {
                0
            },
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT w.code, st.code, st.name, si.pid FROM sign_ins si
           JOIN staff st ON st.id = si.staff_id LEFT JOIN windows w ON w.id = si.window_id
          ORDER BY w.code, st.code",
    )?;
    let mut signed_in = Vec::new();
    for row in stmt.query_map([], |r| {
        Ok((
            SignedIn {
                window: r.get(0)?,
                staff_code: r.get(1)?,
                staff_name: crate::domain::text::sanitize(&r.get::<_, String>(2)?),
            },
            r.get::<_, i64>(3)?,
        ))
    })? {
        let (who, pid) = row?;
        if process_alive(pid) && !signed_in.contains(&who) {
            signed_in.push(who);
        }
    }
    Ok(HallSummary { loads, signed_in })
}

/// Earlier visitors in an open matter whose name or ID matches this visit's adverse party.
pub fn conflict_hints(
    conn: &Connection,
    step_id: i64,
    since: &str,
) -> rusqlite::Result<Vec<ConflictHint>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT other.ticket, other.business_date, os.service
           FROM steps me
           JOIN visits mine ON mine.id = me.visit_id
           JOIN visitors p ON (p.name = mine.adverse_name OR (mine.adverse_id IS NOT NULL AND p.id_number = mine.adverse_id))
           JOIN visits other ON other.visitor_id = p.id AND other.id <> mine.id
           JOIN steps os ON os.visit_id = other.id
          WHERE me.id = ?1 AND other.business_date >= ?2
            AND (os.status IN ('waiting', 'called', 'serving', 'on_hold')
                 OR os.outcome IN ('application_accepted', 'supplement', 'ongoing', 'accepted', 'callback'))
          ORDER BY other.business_date DESC, other.ticket LIMIT 5",
    )?;
    let rows = stmt.query_map(params![step_id, since], |r| {
        Ok(ConflictHint {
            ticket: r.get(0)?,
            business_date: r.get(1)?,
            service: r.get::<_, Service>(2)?,
        })
    })?;
    rows.collect()
}
