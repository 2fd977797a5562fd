//! `legaldesk demo`: the synthetic history is reproducible for a seed, refuses a database
//! holding real records (and then writes nothing), closes every past day, and the per-day
//! read paths it makes realistic never scan the visits or steps tables. Also: an idle,
//! signed-in terminal on a generated history draws no frame (real binary in tmux).
//!
//! Small histories (3 days x 40 visits) keep this fast; timings are never asserted here.

use crate::common;
use crate::e2e_tmux::{app_line, sign_in, Tmux};

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;

use legaldesk::db;
use legaldesk::demo::{self, DemoError, Options};
use legaldesk::domain::codes::Service;
use legaldesk::service::settings;

const UNTIL: &str = "2026-11-20";
const TODAY: &str = "2026-11-23";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn options(seed: u64) -> Options {
    Options {
        days: 3,
        per_day: 40,
        seed,
        until: date(UNTIL),
        today: date(TODAY),
    }
}

/// A new database file (fixed zone, so dates never depend on the machine) with a history.
fn generated(dir: &Path, name: &str, options: &Options) -> (std::path::PathBuf, demo::Summary) {
    let path = dir.join(name);
    let mut conn = db::open(&path).expect("open");
    settings::set(&conn, "timezone", common::ZONE).expect("zone");
    let summary = demo::generate(&mut conn, options, |_| {}).expect("generate");
    (path, summary)
}

/// Every table's rows, except the PIN hashes (argon2 salts are random by design).
fn contents(conn: &Connection) -> Vec<(String, Vec<Vec<Value>>)> {
    common::dump(conn)
        .into_iter()
        .map(|(table, rows)| {
            if table != "staff" {
                return (table, rows);
            }
            let rows = rows.into_iter().map(|mut row| {
                row[4] = Value::Null; // pin_hash
                row
            });
            (table, rows.collect())
        })
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_history() {
    let dir = tempfile::tempdir().unwrap();
    let (a, summary_a) = generated(dir.path(), "a.sqlite3", &options(42));
    let (b, summary_b) = generated(dir.path(), "b.sqlite3", &options(42));
    let (c, _) = generated(dir.path(), "c.sqlite3", &options(43));
    assert_eq!(summary_a, summary_b);
    assert!(summary_a.visits >= 3 * 30, "{summary_a:?}");
    let (a, b, c) = (
        db::open(&a).unwrap(),
        db::open(&b).unwrap(),
        db::open(&c).unwrap(),
    );
    let staff_column: String = a
        .query_row(
            "SELECT name FROM pragma_table_info('staff') WHERE cid = 4",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(staff_column, "pin_hash");
    assert_eq!(
        contents(&a),
        contents(&b),
        "two generations with one seed differ"
    );
    assert_ne!(
        contents(&a),
        contents(&c),
        "another seed gave the same history"
    );
    // And the ledger exports (what other centers' tools read) are identical too.
    let export = |conn: &Connection| {
        legaldesk::ledger::export::render(conn, date("2026-11-18"), date(UNTIL), false)
            .expect("export")
            .0
    };
    assert_eq!(export(&a), export(&b));
    // Demo visits are marked, and the audit chain of the generated history is intact.
    let origins: Vec<String> = a
        .prepare("SELECT DISTINCT origin FROM visits")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(origins, vec!["demo".to_string()]);
    assert_eq!(
        legaldesk::service::audit::first_broken_link(&a).unwrap(),
        None
    );
}

#[test]
fn a_realistic_mix() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = generated(
        dir.path(),
        "mix.sqlite3",
        &Options {
            days: 4,
            per_day: 80,
            ..options(7)
        },
    );
    let conn = db::open(&path).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let visits = count("SELECT count(*) FROM visits");
    let consult = count("SELECT count(*) FROM steps WHERE seq = 1 AND service = 'consult'");
    assert!(
        consult * 2 > visits,
        "most visits are consultations: {consult} of {visits}"
    );
    for service in Service::ALL {
        assert!(
            count(&format!(
                "SELECT count(*) FROM steps WHERE service = '{}'",
                service.code()
            )) > 0,
            "{service}"
        );
    }
    assert!(count("SELECT count(*) FROM steps WHERE outcome = 'referred'") > 0);
    assert!(count("SELECT count(*) FROM steps WHERE rating IS NOT NULL") > 0);
    assert!(count("SELECT count(*) FROM visits WHERE lane <> 'normal'") > 0);
    // Every accepted legal-aid application has the applicant's ID (SPEC §10), including those
    // that came through a consultation, where the desk added it with an audited edit.
    let accepted =
        "FROM steps s JOIN visits v ON v.id = s.visit_id JOIN visitors p ON p.id = v.visitor_id
                    WHERE s.service = 'legal_aid' AND s.outcome = 'application_accepted'";
    assert!(count(&format!("SELECT count(*) {accepted}")) > 0);
    assert_eq!(
        count(&format!(
            "SELECT count(*) {accepted} AND COALESCE(p.id_number, '') = ''"
        )),
        0
    );
    assert!(count("SELECT count(*) FROM audit WHERE action = 'edit_visitor'") > 0);
    // Arrivals peak mid-morning and early afternoon, with a lunch dip between.
    let hour = |h: &str| {
        count(&format!("SELECT count(*) FROM steps s JOIN visits v ON v.id = s.visit_id WHERE s.seq = 1 AND strftime('%H', s.queued_at + v.utc_offset_s, 'unixepoch') = '{h}'"))
    };
    assert!(
        hour("10") > hour("12") && hour("14") > hour("12"),
        "10h {} 12h {} 14h {}",
        hour("10"),
        hour("12"),
        hour("14")
    );
}

#[test]
fn every_past_day_is_closed_and_today_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    // Ending before today: every day closed, nothing left open.
    let (past, summary) = generated(dir.path(), "past.sqlite3", &options(1));
    assert_eq!(summary.closed_days, 3);
    assert!(!summary.last_left_open);
    let conn = db::open(&past).unwrap();
    let dates: Vec<String> = conn
        .prepare("SELECT DISTINCT business_date FROM visits ORDER BY 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(dates, vec!["2026-11-18", "2026-11-19", "2026-11-20"]);
    for day in &dates {
        let closed: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM day_closes WHERE business_date = ?1)",
                [day],
                |r| r.get(0),
            )
            .unwrap();
        assert!(closed, "{day} not closed");
    }
    let open: i64 = conn
        .query_row(
            "SELECT count(*) FROM steps WHERE status IN ('waiting','called','serving','on_hold')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(open, 0);
    // Ending today: the days before are closed, today is open with a live hall.
    let today = Options {
        until: date(TODAY),
        ..options(1)
    };
    let (live, summary) = generated(dir.path(), "live.sqlite3", &today);
    assert_eq!(summary.closed_days, 2);
    assert!(summary.last_left_open);
    let conn = db::open(&live).unwrap();
    let closed_today: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM day_closes WHERE business_date = ?1)",
            [TODAY],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!closed_today);
    let unclosed_past: i64 = conn
        .query_row("SELECT count(DISTINCT business_date) FROM visits WHERE business_date < ?1 AND business_date NOT IN (SELECT business_date FROM day_closes)", [TODAY], |r| r.get(0))
        .unwrap();
    assert_eq!(unclosed_past, 0);
    // A date that has not come yet is refused.
    let mut conn = db::open(&dir.path().join("future.sqlite3")).unwrap();
    let future = Options {
        until: date("2026-11-24"),
        ..options(1)
    };
    assert!(matches!(
        demo::generate(&mut conn, &future, |_| {}),
        Err(DemoError::Future(_))
    ));
}

fn run_demo(db: &Path, lang: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--lang",
            lang,
            "demo",
            "--days",
            "2",
            "--per-day",
            "10",
            "--until",
            UNTIL,
        ])
        .env_remove("LEGALDESK_DB")
        .stdin(Stdio::null())
        .output()
        .expect("run legaldesk demo")
}

#[test]
fn a_database_with_real_records_is_refused_and_left_untouched() {
    // Real visits (live), then imported ones, then only real staff: each refused, exit 1.
    let test = common::TestDb::seeded();
    {
        let mut conn = test.conn();
        let desk = common::front_desk(&mut conn);
        common::issue(
            &mut conn,
            &desk,
            Service::Consult,
            "张三",
            common::opening(),
        );
    }
    for (origin, lang, words) in [
        ("live", "en", "real visits"),
        ("import", "zh", "真实的来访记录"),
    ] {
        test.conn()
            .execute("UPDATE visits SET origin = ?1", [origin])
            .unwrap();
        let before = common::dump(&test.conn());
        let out = run_demo(&test.path, lang);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(words), "{stderr}");
        assert_eq!(
            common::dump(&test.conn()),
            before,
            "the refused demo wrote something"
        );
    }
    let staff_only = common::TestDb::seeded();
    let before = common::dump(&staff_only.conn());
    let out = run_demo(&staff_only.path, "en");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("real staff"),
        "{out:?}"
    );
    assert_eq!(common::dump(&staff_only.conn()), before);
    // A demo database is not written twice over either.
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = generated(dir.path(), "twice.sqlite3", &options(3));
    let before = common::dump(&db::open(&path).unwrap());
    let out = run_demo(&path, "en");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already holds a demo history"),
        "{out:?}"
    );
    assert_eq!(common::dump(&db::open(&path).unwrap()), before);
}

#[test]
fn the_command_line_generates_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cli.sqlite3");
    let out = run_demo(&path, "en");
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("generated a demo history 2026-11-19 to 2026-11-20"),
        "{stdout}"
    );
    assert!(stdout.contains("DEMO-S1"), "{stdout}");
}

// --- EXPLAIN QUERY PLAN of the per-day paths ------------------------------------------------

static STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record(event: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Stmt(_, sql) = event {
        STATEMENTS.lock().unwrap().push(sql.to_string());
    }
}

/// The tables (and their aliases) of the two big tables in a statement.
fn big_aliases(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let mut aliases = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if (w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("join")) && i + 1 < words.len()
        {
            let table = words[i + 1];
            if table == "visits" || table == "steps" {
                aliases.push(table.to_string());
                if let Some(alias) = words.get(i + 2).filter(|a| {
                    !["ON", "on", "WHERE", "where", "JOIN", "LEFT", "USING"].contains(a)
                }) {
                    aliases.push((*alias).to_string());
                }
            }
        }
    }
    aliases
}

#[test]
fn the_per_day_paths_never_scan_visits_or_steps() {
    use legaldesk::service::{close, intake, queries, steps};
    let dir = tempfile::tempdir().unwrap();
    let today = Options {
        until: date(TODAY),
        ..options(5)
    };
    let (path, _) = generated(dir.path(), "plans.sqlite3", &today);
    let mut conn = db::open(&path).unwrap();
    let settings = settings::load(&conn).unwrap();
    let now = common::at(TODAY, 15, 0, 0);
    // A referral with an adverse party, for the conflict hint.
    let step: i64 = conn
        .query_row("SELECT s.id FROM steps s JOIN visits v ON v.id = s.visit_id WHERE v.adverse_name IS NOT NULL ORDER BY s.id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    conn.trace_v2(
        rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
        Some(record),
    );
    let all = Service::ALL;
    queries::queue_rows(&conn, all, TODAY, now, 30).unwrap();
    for window in 1..=4 {
        queries::window_tickets(&conn, window).unwrap();
    }
    queries::hall_summary(&conn, TODAY, now).unwrap();
    legaldesk::service::aid::pending_counts(&conn, &settings, date(TODAY)).unwrap();
    // The rating pad asks after every commit in the hall which step to offer.
    for window in 1..=4 {
        legaldesk::service::rating::pad_offer(&conn, window, &settings, now).unwrap();
    }
    legaldesk::service::followups::counts(&conn, date(TODAY)).unwrap();
    legaldesk::tally::compute_range(&conn, &settings, date(TODAY), date(TODAY)).unwrap();
    close::open_tickets(&conn, date(TODAY)).unwrap();
    intake::next_ticket(&conn, "2026-11-24", 'Z').unwrap();
    intake::next_ticket(&conn, TODAY, 'Z').unwrap();
    let desk: legaldesk::service::Actor = {
        let (id, code, name): (i64, String, String) = conn
            .query_row(
                "SELECT id, code, name FROM staff WHERE role = 'front_desk' ORDER BY id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        legaldesk::service::Actor {
            staff_id: id,
            code,
            name,
            role: legaldesk::domain::codes::Role::FrontDesk,
            window_id: Some(1),
        }
    };
    let _ = steps::call_next(&mut conn, &desk, &settings, now);
    let _ = queries::conflict_hints(&conn, step, "2025-11-23");
    conn.trace_v2(rusqlite::trace::TraceEventCodes::empty(), None);
    let statements: Vec<String> = std::mem::take(&mut *STATEMENTS.lock().unwrap());
    assert!(statements.len() > 10, "{statements:?}");
    let mut checked = 0;
    for sql in statements.iter().filter(|s| !s.starts_with("--")) {
        let aliases = big_aliases(sql);
        if aliases.is_empty() || !sql.trim_start().to_uppercase().starts_with("SELECT") {
            continue;
        }
        // Parameters stay unbound (NULL): the plan does not depend on their values.
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap_or_else(|e| panic!("{e}: {sql}"));
        let mut rows = stmt.raw_query();
        let mut plan = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            plan.push(row.get::<_, String>(3).unwrap());
        }
        for line in &plan {
            let mut words = line.split_whitespace();
            if words.next() == Some("SCAN") {
                let table = words.next().unwrap_or_default();
                assert!(
                    !aliases.iter().any(|a| a == table),
                    "full scan of {table}:\n{sql}\n{}",
                    plan.join("\n")
                );
            }
        }
        checked += 1;
    }
    assert!(
        checked >= 8,
        "only {checked} statements checked: {statements:?}"
    );
}

// --- idle: no redraw ------------------------------------------------------------------------------

fn frames(log: &Path) -> usize {
    std::fs::read_to_string(log)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

#[test]
fn an_idle_signed_in_terminal_draws_no_frame() {
    if !crate::common::require_tool("tmux", "-V", "the idle-redraw test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let today = Options {
        until: date(TODAY),
        ..options(9)
    };
    let (path, _) = generated(dir.path(), "idle.sqlite3", &today);
    let log = dir.path().join("frames.log");
    let tmux = Tmux::new(dir.path());
    let line = format!(
        "export LEGALDESK_FRAME_LOG='{log}'; {app}",
        log = log.display(),
        app = app_line(dir.path(), &path, "")
    );
    tmux.start("I", 80, 24, &line);
    sign_in(&tmux, "I", "DEMO-F1", demo::DEMO_PIN, "1");
    tmux.wait_for("I", "等候");
    // Let the sign-in's own redraws settle: the count must stop moving first.
    let mut last = frames(&log);
    let settle = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(600));
        let now = frames(&log);
        if now == last {
            break;
        }
        last = now;
        assert!(
            settle.elapsed() < Duration::from_secs(15),
            "frames keep coming: {now}"
        );
    }
    // Then about three seconds without a key. A redraw is allowed only when the minute
    // changes (the wait times on screen move on), so a minute boundary in the window allows
    // exactly one; the test polls rather than timing anything.
    let minute =
        |t: std::time::SystemTime| t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 60;
    let started = std::time::SystemTime::now();
    for _ in 0..6 {
        std::thread::sleep(Duration::from_millis(500));
    }
    let crossed = minute(std::time::SystemTime::now()) != minute(started);
    let grown = frames(&log) - last;
    assert!(
        grown == 0 || (crossed && grown == 1),
        "{grown} frame(s) drawn while idle"
    );
}

/// The legal-aid desk of the demo decides within the statutory days: over three weeks the
/// history holds granted, assigned, refused and supplemented applications, every decision on
/// time, and only the last days' applications still wait.
#[test]
fn the_demo_desk_decides_its_applications_on_time() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = generated(
        dir.path(),
        "aid.sqlite3",
        &Options {
            days: 21,
            per_day: 60,
            ..options(11)
        },
    );
    let conn = db::open(&path).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let total = count("SELECT count(*) FROM aid_applications");
    assert!(total >= 10, "{total} applications");
    for state in ["assigned", "refused"] {
        assert!(
            count(&format!(
                "SELECT count(*) FROM aid_applications WHERE state = '{state}'"
            )) > 0,
            "{state}"
        );
    }
    assert!(
        count("SELECT count(*) FROM aid_applications WHERE supplement_requested_date IS NOT NULL")
            > 0
    );
    // Pending ones are only those received in the last days of the history.
    let first = date(UNTIL) - chrono::Duration::days(20);
    let tally =
        legaldesk::tally::compute_range(&conn, &settings::load(&conn).unwrap(), first, date(UNTIL))
            .expect("tally");
    let aid = &tally.legal_aid;
    assert!(
        aid.decided > 0 && aid.granted > 0 && aid.assigned > 0,
        "{aid:?}"
    );
    assert_eq!(aid.decided_on_time, aid.decided, "{aid:?}");
    assert_eq!(aid.overdue, 0, "{aid:?}");
    assert_eq!(aid.assign_overdue, 0, "{aid:?}");
    assert!(aid.pending * 3 < aid.accepted, "{aid:?}");
}
