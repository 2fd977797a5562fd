//! The announcer (`board --speak`, SPEC §9.1): takes the lease, then speaks the announcement
//! rows strictly in id (commit) order, one at a time, each `announce_repeat` times, and writes
//! back spoken_at or the failure. A row more than 60 s old when reached is skipped. Without
//! the lease it stands by and checks each second whether the holder is still alive. It runs on
//! its own thread (or as the whole process when there is no terminal), so the board never
//! waits for speech.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::speech::{Said, Speaker};
use super::spell::announcement;
use crate::db;
use crate::domain::announce::{spoken_label, SpeechFailure};
use crate::domain::clock;
use crate::i18n::board::BoardText;
use crate::i18n::{Lang, Words};
use crate::service::announcer::{self as queue, Lease, Me};
use crate::service::hall_settings;

/// Announcements older than this when reached are not spoken late (SPEC §9.1).
pub const TOO_LATE_S: i64 = 60;
/// How often a standby looks at the holder.
const STANDBY_CHECK: Duration = Duration::from_secs(1);
/// How often new rows are looked for (cheap: `PRAGMA data_version`).
const POLL: Duration = Duration::from_millis(150);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Starting,
    Holding,
    Standby(String),
}

/// What the board shows about its announcer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub role: Role,
    /// The last row this announcer could not speak (cleared by the next one spoken).
    pub failure: Option<(String, SpeechFailure)>,
}

pub struct Announcer {
    stop: Arc<AtomicBool>,
    status: Arc<Mutex<Status>>,
    handle: std::thread::JoinHandle<()>,
}

impl Announcer {
    /// Starts the announcer on its own thread with its own connection.
    pub fn start(path: PathBuf) -> Announcer {
        let stop = Arc::new(AtomicBool::new(false));
        let status = Arc::new(Mutex::new(Status {
            role: Role::Starting,
            failure: None,
        }));
        let (s, st) = (Arc::clone(&stop), Arc::clone(&status));
        let handle = std::thread::spawn(move || run(&path, &s, &st, None));
        Announcer {
            stop,
            status,
            handle,
        }
    }

    pub fn status(&self) -> Status {
        self.status.lock().map(|s| s.clone()).unwrap_or(Status {
            role: Role::Starting,
            failure: None,
        })
    }

    /// Stops speaking (a command running is ended), gives the lease up and waits for that.
    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.handle.join();
    }
}

/// Sleeps up to `time`, waking early when `stop` is set.
fn nap(time: Duration, stop: &AtomicBool) {
    let until = Instant::now() + time;
    while !stop.load(Ordering::Relaxed) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50).min(until - Instant::now()));
    }
}

fn set(status: &Mutex<Status>, change: impl FnOnce(&mut Status)) {
    if let Ok(mut s) = status.lock() {
        change(&mut s);
    }
}

/// The announcer's loop, until `stop`. `log` (headless) prints role changes and failures to
/// stderr in that language; on a board they show on the status line instead.
pub fn run(path: &std::path::Path, stop: &AtomicBool, status: &Mutex<Status>, log: Option<Lang>) {
    let mut conn = loop {
        match db::open_existing(path) {
            Ok(conn) => break conn,
            Err(_) if !stop.load(Ordering::Relaxed) => nap(STANDBY_CHECK, stop),
            Err(_) => return,
        }
    };
    let me = Me::current();
    let mut last_role = Role::Starting;
    while !stop.load(Ordering::Relaxed) {
        let role = match queue::try_acquire(&mut conn, &me, clock::now()) {
            Ok(Lease::Mine) => Role::Holding,
            Ok(Lease::Theirs(holder)) => Role::Standby(holder),
            Err(_) => {
                nap(STANDBY_CHECK, stop);
                continue;
            }
        };
        if role != last_role {
            if let Some(lang) = log {
                let line = match &role {
                    Role::Standby(holder) => BoardText::LogStandby(holder.clone()),
                    _ => BoardText::LogHolding,
                };
                eprintln!("legaldesk: {}", line.text(lang));
            }
            last_role = role.clone();
            set(status, |s| s.role = role.clone());
        }
        if role != Role::Holding {
            nap(STANDBY_CHECK, stop);
            continue;
        }
        match speak_next(&mut conn, &me, stop, status, log) {
            Ok(true) => {}
            // Nothing to say: wait for another terminal's commit.
            Ok(false) => wait_for_change(&conn, stop),
            Err(_) => nap(STANDBY_CHECK, stop),
        }
    }
    let _ = queue::release(&conn, &me);
}

fn data_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
        .unwrap_or(0)
}

/// Waits until another connection commits (or a second passes, to look at the lease again).
fn wait_for_change(conn: &Connection, stop: &AtomicBool) {
    let seen = data_version(conn);
    let until = Instant::now() + STANDBY_CHECK;
    while !stop.load(Ordering::Relaxed) && Instant::now() < until {
        std::thread::sleep(POLL);
        if data_version(conn) != seen {
            return;
        }
    }
}

/// Speaks the next row, if any: true when there was one.
fn speak_next(
    conn: &mut Connection,
    me: &Me,
    stop: &AtomicBool,
    status: &Mutex<Status>,
    log: Option<Lang>,
) -> rusqlite::Result<bool> {
    let Some(row) = queue::next_pending(conn)? else {
        return Ok(false);
    };
    let now = clock::now();
    if now - row.created_at > TOO_LATE_S {
        queue::skip_stale(conn, me, now - TOO_LATE_S, now)?;
        return Ok(true);
    }
    let hall = hall_settings::load(conn)?;
    let speaker = Speaker::from_settings(&hall);
    let label = spoken_label(&row.window_code, row.window_label.as_deref());
    let spoken = announcement(&hall.template, &row.ticket, &label, hall.yao);
    let repeat = i64::from(hall.repeat.max(1));
    if !queue::mark_started(conn, me, row.id, now)? {
        return Ok(true);
    }
    if row.repeats_done >= repeat {
        queue::mark_progress(conn, me, row.id, row.repeats_done, true, clock::now())?;
        return Ok(true);
    }
    for done in row.repeats_done..repeat {
        match speaker.speak(&spoken, stop) {
            Said::Done => {
                let finished = done + 1 == repeat;
                if !queue::mark_progress(conn, me, row.id, done + 1, finished, clock::now())? {
                    return Ok(true);
                }
                if finished {
                    set(status, |s| s.failure = None);
                }
            }
            Said::Failed(failure) => {
                queue::mark_failed(conn, me, row.id, &failure, clock::now())?;
                if let Some(lang) = log {
                    let line = BoardText::LogFailed(row.ticket.clone(), failure.clone());
                    eprintln!("legaldesk: {}", line.text(lang));
                }
                set(status, |s| s.failure = Some((row.ticket.clone(), failure)));
                return Ok(true);
            }
            Said::Stopped => return Ok(true),
        }
    }
    Ok(true)
}
