//! `legaldesk demo`: a realistic synthetic history, written through the same service
//! functions as real work (intake, call, start, finish, referral, return, no-show, re-queue,
//! cancel, day close), one transaction per business day so ten years take minutes.
//!
//! Deterministic: the history is a function of (days, per-day, seed, until, the center's time
//! zone). Only "today" — the default `until` — comes from the clock. Every day before `until`
//! is simulated in full and closed with `service::close::close_day`; when `until` is today it
//! is simulated up to 15:00 local and left open, so the queue view has a live hall to show.
//!
//! Visits carry origin `demo`; staff codes start with `DEMO-` and share the PIN `1234`. The
//! generator refuses a database holding any real record (a visit of origin `live` or
//! `import`, or a staff member who is not a demo account) and writes nothing then.

mod aid;
mod day;
pub mod hall;
mod outcomes;
mod people;
pub mod rng;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use crate::i18n::demo::DemoText;
use crate::i18n::{Lang, Words};
use crate::service::settings::{self, Settings};
use crate::service::{close, followups, ServiceError};

pub use hall::{DEMO_PIN, STAFF_PREFIX};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Business days, ending with `until`.
    pub days: u32,
    /// Mean visits per day (each day draws 85 %–115 % of it).
    pub per_day: u32,
    pub seed: u64,
    /// The last day generated.
    pub until: NaiveDate,
    /// The real business date now: `until` equal to it is left open (partial day).
    pub today: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub visits: u64,
    pub steps: u64,
    pub closed_days: u64,
    pub last_left_open: bool,
    pub windows: usize,
    pub staff: Vec<String>,
}

/// Progress after each generated day.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub date: NaiveDate,
    pub done_days: u32,
    pub days: u32,
    pub visits: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the database holds real records")]
    RealRecords { visits: bool, staff: bool },
    #[error("the database already holds a demo history")]
    AlreadyDemo,
    #[error("until is in the future")]
    Future(NaiveDate),
    #[error("bad options")]
    Options,
    #[error("{0}")]
    Service(#[from] ServiceError),
}

impl From<rusqlite::Error> for DemoError {
    fn from(e: rusqlite::Error) -> Self {
        DemoError::Service(ServiceError::Db(e))
    }
}

impl DemoError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DemoError::RealRecords { visits, .. } => {
                DemoText::RealRecords { visits: *visits }.text(lang)
            }
            DemoError::AlreadyDemo => DemoText::AlreadyDemo.text(lang),
            DemoError::Future(date) => DemoText::Future(*date).text(lang),
            DemoError::Options => DemoText::Options.text(lang),
            DemoError::Service(e) => e.message(lang),
        }
    }
}

/// Refuses a database holding anything real; nothing is written here.
pub fn check_empty(conn: &Connection) -> Result<(), DemoError> {
    // The first row decides for a real database; only a demo one is read to the end.
    let real_visits: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM visits WHERE origin <> 'demo')",
        [],
        |r| r.get(0),
    )?;
    let real_staff: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM staff WHERE substr(code, 1, length(?1)) <> ?1)",
        [STAFF_PREFIX],
        |r| r.get(0),
    )?;
    if real_visits || real_staff {
        return Err(DemoError::RealRecords {
            visits: real_visits,
            staff: real_staff,
        });
    }
    let any: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM visits)", [], |r| r.get(0))?;
    if any {
        return Err(DemoError::AlreadyDemo);
    }
    Ok(())
}

/// The visits of `date` (the mean, give or take 15 %) and that day's own random stream.
fn visits_of_day(seed: u64, date: NaiveDate, per_day: u32) -> (u32, rng::Rng) {
    let mut rng = rng::Rng::derive(
        seed,
        date.to_string()
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(131).wrapping_add(u64::from(b))),
    );
    let factor = 0.85 + 0.3 * rng.unit();
    (((f64::from(per_day) * factor).round() as u32).max(1), rng)
}

/// Generates the history. `progress` is called after each day.
pub fn generate(
    conn: &mut Connection,
    options: &Options,
    mut progress: impl FnMut(Progress),
) -> Result<Summary, DemoError> {
    if options.days == 0 || options.per_day == 0 {
        return Err(DemoError::Options);
    }
    if options.until > options.today {
        return Err(DemoError::Future(options.until));
    }
    check_empty(conn)?;
    let settings: Settings = settings::load(conn)?;
    let first = options.until - Duration::days(i64::from(options.days) - 1);
    let set_up_at = day::Clock::of(&settings, first).opens - 3600;
    let hall = hall::build(conn, options.per_day, set_up_at)?;
    // A batch job may use a larger page cache (256 MiB) than a terminal, and keeps the savepoint
    // journals of its per-command savepoints in memory (this connection only; durability is
    // unchanged: each day still commits with the connection's synchronous = FULL).
    // Checkpoints are made less often, so the pages every day rewrites (the tails of the
    // tables and indexes) are copied into the file once per many days instead of every day.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    let temp_store: i64 = conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?;
    let autocheckpoint: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -262_144)?;
    conn.pragma_update(None, "temp_store", 2)?;
    conn.pragma_update(None, "wal_autocheckpoint", 65_536)?;
    // A day runs some 30 distinct statements (intake, the step changes, audit, the close);
    // rusqlite's default cache of 16 would keep evicting and re-preparing them.
    conn.set_prepared_statement_cache_capacity(64);
    let result = generate_days(conn, options, &settings, &hall, first, &mut progress);
    conn.pragma_update(None, "cache_size", cache)?;
    conn.pragma_update(None, "temp_store", temp_store)?;
    conn.pragma_update(None, "wal_autocheckpoint", autocheckpoint)?;
    let (visits, steps, closed_days, last_left_open) = result?;
    let mut staff = vec![hall.supervisor.code.clone()];
    staff.extend(hall.posts.iter().map(|p| p.actor.code.clone()));
    Ok(Summary {
        first,
        last: options.until,
        visits,
        steps,
        closed_days,
        last_left_open,
        windows: hall.posts.len(),
        staff,
    })
}

/// The supervisor calls back the visitors of earlier days' 差评 before closing the day, so
/// the history holds closed follow-ups and only the last day or two are still open.
fn follow_up_earlier(
    conn: &mut Connection,
    settings: &Settings,
    hall: &hall::Hall,
    date: NaiveDate,
) -> Result<(), ServiceError> {
    use crate::domain::codes::FollowUpOutcome;
    const NOTES: [&str; 3] = [
        "已电话回访，当事人对整改结果表示认可",
        "已电话回访并解释办理依据，当事人表示理解",
        "当事人对评价有异议，已提交申诉复核",
    ];
    let now = day::Clock::of(settings, date).close_at - 600;
    let today = settings.zone.business_date(now);
    let open = followups::list_open(conn, &hall.supervisor, settings, today)?;
    for row in open
        .iter()
        .filter(|r| r.date.as_str() < date.to_string().as_str())
    {
        let pick = (row.id % 3) as usize;
        let outcome = FollowUpOutcome::ALL[pick];
        followups::close(
            conn,
            &hall.supervisor,
            row.id,
            outcome,
            NOTES[pick],
            settings,
            now,
        )?;
    }
    Ok(())
}

fn generate_days(
    conn: &mut Connection,
    options: &Options,
    settings: &Settings,
    hall: &hall::Hall,
    first: NaiveDate,
    progress: &mut impl FnMut(Progress),
) -> Result<(u64, u64, u64, bool), DemoError> {
    let (mut visits, mut steps, mut closed) = (0u64, 0u64, 0u64);
    let mut left_open = false;
    for index in 0..options.days {
        let date = first + Duration::days(i64::from(index));
        let (count, rng) = visits_of_day(options.seed, date, options.per_day);
        let open_today = date == options.until && date == options.today;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let day = (|| -> Result<day::DayCount, ServiceError> {
            let stop = open_today.then(|| day::today_stop(settings, date));
            let made = day::run(conn, settings, hall, date, count, rng, stop)?;
            if !open_today {
                follow_up_earlier(conn, settings, hall, date)?;
                aid::decide_earlier(conn, settings, hall, date)?;
                close::close_day(
                    conn,
                    Some(&hall.supervisor),
                    date,
                    day::Clock::of(settings, date).close_at,
                )?;
            }
            Ok(made)
        })();
        match day {
            Ok(made) => {
                conn.execute_batch("COMMIT")?;
                visits += made.visits;
                steps += made.steps;
                if open_today {
                    left_open = true;
                } else {
                    closed += 1;
                }
            }
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e.into());
            }
        }
        progress(Progress {
            date,
            done_days: index + 1,
            days: options.days,
            visits,
        });
    }
    Ok((visits, steps, closed, left_open))
}
