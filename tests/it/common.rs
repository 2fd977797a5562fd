//! Shared helpers for the integration tests: a real database file in a temporary directory,
//! the five roles of SPEC §1 with known PINs, sign-ins at the default windows, settings with a
//! fixed zone so business dates never depend on the machine running the tests, and a dump of
//! every row so "this changed nothing" can be asserted exactly.
//!
//! Every time is passed explicitly as `now` (unix seconds); nothing here reads the clock.

// (dead code allowed crate-wide in main.rs)

pub mod hostile;

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;
use tempfile::TempDir;

use legaldesk::db;
use legaldesk::domain::clock::Zone;
use legaldesk::domain::codes::{Lane, Role, Service};
use legaldesk::service::intake::{self, IntakeInput, Issued};
use legaldesk::service::settings::Settings;
use legaldesk::service::{staff, Actor};

/// The center's zone in every test: China Standard Time, fixed.
pub const ZONE: &str = "+08:00";

/// The PIN of every seeded staff member.
pub const PIN: &str = "1234";

/// Staff codes of the seeded staff.
pub const SUPERVISOR: &str = "S01";
pub const FRONT_DESK: &str = "S02";
pub const DUTY_LAWYER: &str = "S03";
pub const NOTARY: &str = "S04";
pub const MEDIATOR: &str = "S05";

pub fn zone() -> Zone {
    Zone::parse(ZONE).expect("fixed zone parses")
}

/// Default settings with the fixed zone.
pub fn settings() -> Settings {
    Settings {
        zone: zone(),
        ..Settings::default()
    }
}

/// The instant of a local wall-clock time in the test zone.
pub fn at(date: &str, hour: u32, minute: u32, second: u32) -> i64 {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    zone()
        .instant_of(day.and_hms_opt(hour, minute, second).expect("time"))
        .expect("instant")
}

/// The business day most tests run on (a Monday).
pub const DAY: &str = "2026-11-23";

/// 09:00 local on `DAY`: the hall opens.
pub fn opening() -> i64 {
    at(DAY, 9, 0, 0)
}

/// A database file in its own temporary directory (removed when this is dropped).
pub struct TestDb {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl TestDb {
    /// A fresh database through `db::open` (the full schema), with the default windows.
    pub fn empty() -> TestDb {
        let dir = tempfile::Builder::new()
            .prefix("legaldesk-test-")
            .tempdir()
            .expect("tempdir");
        let path = dir.path().join("legaldesk.sqlite3");
        let mut conn = db::open(&path).expect("open new database");
        staff::ensure_default_windows(&mut conn, opening() - 3600).expect("default windows");
        TestDb { dir, path }
    }

    /// A fresh database with one staff member of each role, all with `PIN`.
    pub fn seeded() -> TestDb {
        let test = TestDb::empty();
        let mut conn = test.conn();
        let people = [
            (SUPERVISOR, "王主任", Role::Supervisor),
            (FRONT_DESK, "李前台", Role::FrontDesk),
            (DUTY_LAWYER, "赵律师", Role::DutyLawyer),
            (NOTARY, "钱公证", Role::Notary),
            (MEDIATOR, "孙调解", Role::Mediator),
        ];
        for (code, name, role) in people {
            staff::add_staff(&mut conn, None, code, name, role, PIN, opening() - 3600)
                .expect("add staff");
        }
        test
    }

    /// A new connection with the pragmas every connection gets.
    pub fn conn(&self) -> Connection {
        db::open(&self.path).expect("open database")
    }
}

/// Signs `code` in with `PIN` at `window` (or at no window).
pub fn sign_in(conn: &mut Connection, code: &str, window: Option<&str>) -> Actor {
    staff::sign_in(conn, code, PIN, window, opening() - 600)
        .unwrap_or_else(|e| panic!("sign in {code} at {window:?}: {e:?}"))
}

/// The front desk at W1 (consult, drafting).
pub fn front_desk(conn: &mut Connection) -> Actor {
    sign_in(conn, FRONT_DESK, Some("W1"))
}

/// The duty lawyer at W2 (legal aid).
pub fn duty_lawyer(conn: &mut Connection) -> Actor {
    sign_in(conn, DUTY_LAWYER, Some("W2"))
}

/// The notary at W3.
pub fn notary(conn: &mut Connection) -> Actor {
    sign_in(conn, NOTARY, Some("W3"))
}

/// The mediator at W4.
pub fn mediator(conn: &mut Connection) -> Actor {
    sign_in(conn, MEDIATOR, Some("W4"))
}

/// The supervisor, walking the hall (no window).
pub fn supervisor(conn: &mut Connection) -> Actor {
    sign_in(conn, SUPERVISOR, None)
}

/// A plain intake form for `service`.
pub fn visitor(service: Service, name: &str) -> IntakeInput {
    IntakeInput {
        service,
        name: name.into(),
        ..IntakeInput::default()
    }
}

/// Issues a ticket for a plain visitor, panicking on any error.
pub fn issue(
    conn: &mut Connection,
    actor: &Actor,
    service: Service,
    name: &str,
    now: i64,
) -> Issued {
    intake::issue_ticket(conn, actor, &visitor(service, name), &settings(), now)
        .unwrap_or_else(|e| panic!("issue {service} for {name}: {e:?}"))
}

/// Issues a ticket in a lane, optionally urgent.
pub fn issue_in(
    conn: &mut Connection,
    actor: &Actor,
    service: Service,
    name: &str,
    lane: Lane,
    urgent: bool,
    now: i64,
) -> Issued {
    let input = IntakeInput {
        lane,
        urgent,
        ..visitor(service, name)
    };
    intake::issue_ticket(conn, actor, &input, &settings(), now)
        .unwrap_or_else(|e| panic!("issue {name}: {e:?}"))
}

/// Every row of every table (sqlite_master included), in a fixed order: equal dumps mean the
/// database holds exactly the same data.
pub fn dump(conn: &Connection) -> Vec<(String, Vec<Vec<Value>>)> {
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("table names");
    tables.insert(0, "sqlite_master".into());
    tables
        .into_iter()
        .map(|table| {
            let columns = conn
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .expect("select all")
                .column_count();
            let order: Vec<String> = (1..=columns).map(|i| i.to_string()).collect();
            let sql = format!("SELECT * FROM \"{table}\" ORDER BY {}", order.join(", "));
            let mut stmt = conn.prepare(&sql).expect("select all ordered");
            let rows: Vec<Vec<Value>> = stmt
                .query_map([], |r| (0..columns).map(|i| r.get::<_, Value>(i)).collect())
                .expect("query")
                .collect::<Result<_, _>>()
                .expect("rows");
            (table, rows)
        })
        .collect()
}

/// One step row, every column, for byte-for-byte comparisons.
pub fn step_row(conn: &Connection, step_id: i64) -> Vec<Value> {
    let mut stmt = conn
        .prepare("SELECT * FROM steps WHERE id = ?1")
        .expect("prepare");
    let columns = stmt.column_count();
    stmt.query_row([step_id], |r| {
        (0..columns).map(|i| r.get::<_, Value>(i)).collect()
    })
    .expect("step row")
}

/// A step's status code.
pub fn status_of(conn: &Connection, step_id: i64) -> String {
    conn.query_row("SELECT status FROM steps WHERE id = ?1", [step_id], |r| {
        r.get(0)
    })
    .expect("status")
}

/// Counts rows of a table.
pub fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
        r.get(0)
    })
    .expect("count")
}

/// Whether an external tool a test needs (tmux, pdftotext, espeak-ng, …) is installed. Without
/// it the test is skipped with a notice on a developer's machine, but under CI (`CI` set) a
/// missing tool is a failure: CI installs everything, so a skip there would hide a broken setup.
pub fn require_tool(tool: &str, version_flag: &str, purpose: &str) -> bool {
    let found = std::process::Command::new(tool)
        .arg(version_flag)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is not installed but CI is set: {purpose} must run in CI"
        );
        eprintln!("NOTICE: {tool} is not installed; skipping {purpose}");
    }
    found
}

/// The text of a rendered buffer, one line per row (trailing spaces cut). A wide (CJK)
/// character covers two cells; the second is a placeholder and is skipped.
pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
