//! What the board shows, read from the database: today's calls (ticket, window, kind), each
//! window's state and each service's waiting count. Only tickets and windows are read here —
//! never a name, a phone, an ID or a matter (SPEC §4) — so nothing personal can reach the hall.

use rusqlite::{params, Connection};

use crate::domain::announce::{AnnounceKind, SpeechFailure};
use crate::domain::codes::Service;
use crate::domain::pause::PauseReason;
use crate::service::queries::process_alive;
use crate::service::{announcer, pause, staff};

/// One call or recall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub id: i64,
    pub ticket: String,
    pub window_code: String,
    pub window_label: Option<String>,
    pub kind: AnnounceKind,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowState {
    /// The ticket at the window: being served, else the latest called (two calls in one
    /// second are told apart by their announcements' commit order), else on hold.
    Serving(String),
    /// Someone is signed in; no ticket at the window.
    Open,
    Paused(PauseReason),
    /// Nobody signed in (未开放).
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowLine {
    pub code: String,
    pub label: Option<String>,
    pub state: WindowState,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoardData {
    /// Today's calls, newest first.
    pub calls: Vec<Call>,
    pub windows: Vec<WindowLine>,
    pub waiting: Vec<(Service, i64)>,
    /// The latest announcement that ended, when it could not be spoken.
    pub speech_failure: Option<(String, SpeechFailure)>,
}

/// How many calls the board keeps (the latest and the list under it).
const CALLS_KEPT: usize = 40;

/// Loads the board of `date` (local `YYYY-MM-DD`, starting at instant `day_start`) for the
/// windows in `only` (all when empty).
pub fn load(
    conn: &Connection,
    only: &[String],
    date: &str,
    day_start: i64,
) -> rusqlite::Result<BoardData> {
    let shown = |code: &str| only.is_empty() || only.iter().any(|c| c == code);
    // Newest first along the time index: only today's rows are read.
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.ticket, COALESCE(w.code, ''), w.label, a.kind, a.created_at
           FROM announcements a LEFT JOIN windows w ON w.id = a.window_id
          WHERE a.created_at >= ?1 ORDER BY a.created_at DESC, a.id DESC",
    )?;
    let mut rows = stmt.query([day_start])?;
    let mut calls = Vec::new();
    while let Some(r) = rows.next()? {
        let code: String = r.get(2)?;
        if !shown(&code) {
            continue;
        }
        calls.push(Call {
            id: r.get(0)?,
            ticket: crate::domain::text::sanitize(&r.get::<_, String>(1)?),
            window_code: code,
            window_label: r.get(3)?,
            kind: AnnounceKind::from_code(&r.get::<_, String>(4)?).unwrap_or(AnnounceKind::Call),
            at: r.get(5)?,
        });
        if calls.len() >= CALLS_KEPT {
            break;
        }
    }
    // The order on screen is the order spoken: by id.
    calls.sort_by_key(|c| std::cmp::Reverse(c.id));

    let pauses = pause::open_pauses(conn)?;
    let mut signed_in = conn.prepare_cached("SELECT pid FROM sign_ins WHERE window_id = ?1")?;
    let mut at_window = conn.prepare_cached(
        "SELECT v.ticket FROM steps s JOIN visits v ON v.id = s.visit_id
          WHERE (s.status = 'called' OR s.status = 'serving' OR s.status = 'on_hold') AND s.window_id = ?1
          ORDER BY CASE s.status WHEN 'serving' THEN 0 WHEN 'called' THEN 1 ELSE 2 END,
                   s.called_at DESC,
                   (SELECT max(a.id) FROM announcements a WHERE a.step_id = s.id) DESC
          LIMIT 1",
    )?;
    let labels = staff::window_labels(conn)?;
    let mut windows = Vec::new();
    let mut services: Vec<Service> = Vec::new();
    for window in staff::list_windows(conn)? {
        if !shown(&window.code) {
            continue;
        }
        for s in &window.services {
            if !services.contains(s) {
                services.push(*s);
            }
        }
        let pids: Vec<i64> = signed_in
            .query_map([window.id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let open = pids.into_iter().any(process_alive);
        let ticket: Option<String> = at_window
            .query_map([window.id], |r| r.get(0))?
            .next()
            .transpose()?;
        let paused = pauses.iter().find(|p| p.window_id == window.id);
        let state = match (open, paused, ticket) {
            (false, _, _) => WindowState::Closed,
            (true, Some(p), _) => WindowState::Paused(p.reason),
            (true, None, Some(ticket)) => {
                WindowState::Serving(crate::domain::text::sanitize(&ticket))
            }
            (true, None, None) => WindowState::Open,
        };
        let label = labels
            .iter()
            .find(|(c, _)| *c == window.code)
            .and_then(|(_, l)| l.clone());
        windows.push(WindowLine {
            code: window.code,
            label,
            state,
        });
    }
    services.sort_by_key(|s| Service::ALL.iter().position(|x| x == s));
    let mut count = conn.prepare_cached(
        "SELECT count(*) FROM steps s JOIN visits v ON v.id = s.visit_id
          WHERE s.status = 'waiting' AND s.service = ?1 AND +v.business_date = ?2",
    )?;
    let mut waiting = Vec::new();
    for service in services {
        let n: i64 = count.query_row(params![service.code(), date], |r| r.get(0))?;
        waiting.push((service, n));
    }
    Ok(BoardData {
        calls,
        windows,
        waiting,
        speech_failure: announcer::latest_failure(conn, day_start)?,
    })
}
