//! The announcer's side of the announcement table (SPEC §9.1): the lease that lets exactly one
//! announcer of the hall speak, the next row to speak (strictly by id, which is commit order),
//! and the result written back. Every write checks, in its own transaction, that this process
//! still holds the lease, so an announcer that lost it can never mark a row.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::domain::announce::{AnnounceKind, SpeechFailure};

/// This process as a lease holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Me {
    pub host: String,
    pub pid: i64,
    /// The process start time (clock ticks since boot), so a reused pid is not mistaken for it.
    pub started: i64,
}

impl Me {
    pub fn current() -> Me {
        let pid = std::process::id() as i64;
        Me {
            host: host_name(),
            pid,
            started: process_start(pid).unwrap_or(0),
        }
    }

    pub fn holder(&self) -> String {
        format!("{}:{}:{}", self.host, self.pid, self.started)
    }
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into())
}

/// Field 22 of `/proc/PID/stat` (start time), unless the process is gone or a zombie.
fn process_start(pid: i64) -> Option<i64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may contain spaces: read after it.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    if matches!(fields.first(), Some(&"Z") | Some(&"X")) {
        return None;
    }
    fields.get(19)?.parse().ok()
}

/// Whether a lease holder on this host still runs (the same process, not a reused pid). A
/// holder on another host cannot be checked from here and counts as alive: it gives the lease
/// up when it quits, and the hall runs its terminals on one host (SPEC §8).
pub fn holder_alive(host: &str, pid: i64, started: i64) -> bool {
    if host != host_name() {
        return true;
    }
    process_start(pid) == Some(started)
}

/// Who holds the lease now, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lease {
    Mine,
    /// Another live announcer (its holder text).
    Theirs(String),
}

/// Takes the lease when nobody holds it, its holder is gone, or it is already ours. A plain
/// read decides first, so a standby checking every second never takes the write lock while
/// the holder lives.
pub fn try_acquire(conn: &mut Connection, me: &Me, now: i64) -> rusqlite::Result<Lease> {
    let read = |c: &Connection| -> rusqlite::Result<Option<(String, String, i64, i64)>> {
        c.query_row(
            "SELECT holder, host, pid, started FROM announcer_lease WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()
    };
    let mine = me.holder();
    let free = |row: &Option<(String, String, i64, i64)>| match row {
        None => true,
        Some((holder, host, pid, started)) => {
            *holder == mine || !holder_alive(host, *pid, *started)
        }
    };
    let row = read(conn)?;
    if !free(&row) {
        return Ok(Lease::Theirs(row.map(|r| r.0).unwrap_or_default()));
    }
    if row.as_ref().is_some_and(|r| r.0 == mine) {
        return Ok(Lease::Mine);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let row = read(&tx)?;
    if !free(&row) {
        return Ok(Lease::Theirs(row.map(|r| r.0).unwrap_or_default()));
    }
    tx.execute(
        "INSERT INTO announcer_lease (id, holder, host, pid, started, acquired_at, seen_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT(id) DO UPDATE SET holder = excluded.holder, host = excluded.host, pid = excluded.pid,
             started = excluded.started, acquired_at = excluded.acquired_at, seen_at = excluded.seen_at",
        params![mine, me.host, me.pid, me.started, now],
    )?;
    tx.commit()?;
    Ok(Lease::Mine)
}

/// Gives the lease up (on quitting), so a standby takes over at once.
pub fn release(conn: &Connection, me: &Me) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM announcer_lease WHERE id = 1 AND holder = ?1",
        [me.holder()],
    )?;
    Ok(())
}

/// The next announcement to speak: the oldest row not yet spoken, failed or skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: i64,
    pub ticket: String,
    pub window_code: String,
    pub window_label: Option<String>,
    pub kind: AnnounceKind,
    pub created_at: i64,
    pub repeats_done: i64,
}

pub fn next_pending(conn: &Connection) -> rusqlite::Result<Option<Pending>> {
    conn.prepare_cached(
        "SELECT a.id, a.ticket, COALESCE(w.code, ''), w.label, a.kind, a.created_at, a.repeats_done
           FROM announcements a LEFT JOIN windows w ON w.id = a.window_id
          WHERE a.spoken_at IS NULL AND a.failed IS NULL AND a.skipped = 0
          ORDER BY a.id LIMIT 1",
    )?
    .query_row([], |r| {
        Ok(Pending {
            id: r.get(0)?,
            ticket: r.get(1)?,
            window_code: r.get(2)?,
            window_label: r.get(3)?,
            kind: AnnounceKind::from_code(&r.get::<_, String>(4)?).unwrap_or(AnnounceKind::Call),
            created_at: r.get(5)?,
            repeats_done: r.get(6)?,
        })
    })
    .optional()
}

/// Runs `change` on row `id` only while `me` holds the lease; false when it does not (the
/// caller becomes a standby).
fn guarded(
    conn: &mut Connection,
    me: &Me,
    now: i64,
    sql: &str,
    values: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<bool> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let held = tx.execute(
        "UPDATE announcer_lease SET seen_at = ?2 WHERE id = 1 AND holder = ?1",
        params![me.holder(), now],
    )? == 1;
    if held {
        tx.execute(sql, values)?;
    }
    tx.commit()?;
    Ok(held)
}

/// The announcer begins speaking row `id`.
pub fn mark_started(conn: &mut Connection, me: &Me, id: i64, now: i64) -> rusqlite::Result<bool> {
    guarded(
        conn,
        me,
        now,
        "UPDATE announcements SET started_at = COALESCE(started_at, ?2) WHERE id = ?1",
        &[&id, &now],
    )
}

/// `done` repetitions of row `id` are spoken; with `finished` the row is spoken.
pub fn mark_progress(
    conn: &mut Connection,
    me: &Me,
    id: i64,
    done: i64,
    finished: bool,
    now: i64,
) -> rusqlite::Result<bool> {
    let spoken_at = finished.then_some(now);
    guarded(
        conn,
        me,
        now,
        "UPDATE announcements SET repeats_done = ?2, spoken_at = ?3 WHERE id = ?1 AND spoken_at IS NULL",
        &[&id, &done, &spoken_at],
    )
}

pub fn mark_failed(
    conn: &mut Connection,
    me: &Me,
    id: i64,
    failure: &SpeechFailure,
    now: i64,
) -> rusqlite::Result<bool> {
    let code = failure.code();
    let detail: String = failure.detail().chars().take(200).collect();
    guarded(
        conn,
        me,
        now,
        "UPDATE announcements SET failed = ?2, failed_detail = ?3 WHERE id = ?1 AND spoken_at IS NULL",
        &[&id, &code, &detail],
    )
}

/// Marks rows still to speak that were created before `cutoff` as skipped, a few thousand per
/// transaction: after a long time without an announcer (or a generated history) the backlog
/// is set aside in a few short writes instead of one per row, and no write holds the file
/// long enough to keep a window waiting.
pub fn skip_stale(conn: &mut Connection, me: &Me, cutoff: i64, now: i64) -> rusqlite::Result<bool> {
    guarded(
        conn,
        me,
        now,
        "UPDATE announcements SET skipped = 1
          WHERE id IN (SELECT id FROM announcements
                        WHERE spoken_at IS NULL AND failed IS NULL AND skipped = 0 AND created_at < ?1
                        ORDER BY id LIMIT 2000)",
        &[&cutoff],
    )
}

/// The latest announcement that ended (spoken or failed) since `since`, and its failure if
/// it failed: the board's status line says when speech is not working.
pub fn latest_failure(
    conn: &Connection,
    since: i64,
) -> rusqlite::Result<Option<(String, SpeechFailure)>> {
    let row: Option<(String, Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT ticket, failed, failed_detail FROM announcements
              WHERE created_at >= ?1 AND (spoken_at IS NOT NULL OR failed IS NOT NULL)
              ORDER BY id DESC LIMIT 1",
        )?
        .query_row([since], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(row.and_then(|(ticket, code, detail)| {
        code.map(|c| {
            (
                ticket,
                SpeechFailure::from_stored(&c, &detail.unwrap_or_default()),
            )
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_wrong_start_time_is_not() {
        let me = Me::current();
        assert!(me.started > 0);
        assert!(holder_alive(&me.host, me.pid, me.started));
        assert!(!holder_alive(&me.host, me.pid, me.started + 1));
        assert!(!holder_alive(&me.host, i32::MAX as i64, 1));
        assert!(holder_alive("another-host", i32::MAX as i64, 1));
    }
}
