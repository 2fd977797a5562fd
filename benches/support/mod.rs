//! Shared by the benches: the generated history they run on.
//!
//! `LEGALDESK_BENCH_DB=FILE` names the database (scripts/bench.sh passes its cached ten-year
//! file); otherwise `target/bench/ten-years.sqlite3` if it exists; otherwise a 30-day history is
//! generated once into `target/bench/bench-small.sqlite3`, so `cargo bench` works anywhere.

#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::Connection;

use legaldesk::app::state::{Screen, State};
use legaldesk::db;
use legaldesk::demo::{self, Options};
use legaldesk::domain::clock;
use legaldesk::domain::codes::Role;
use legaldesk::i18n::Lang;
use legaldesk::service::settings::{self, Settings};
use legaldesk::service::{staff, Actor};

pub fn target_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    dir.join("bench")
}

/// The database the benches read.
pub fn bench_db() -> PathBuf {
    if let Some(path) = std::env::var_os("LEGALDESK_BENCH_DB") {
        return PathBuf::from(path);
    }
    let dir = target_dir();
    let ten = dir.join("ten-years.sqlite3");
    if ten.exists() {
        return ten;
    }
    let small = dir.join("bench-small.sqlite3");
    if !small.exists() {
        std::fs::create_dir_all(&dir).expect("target/bench");
        let mut conn = db::open(&small).expect("create bench db");
        let settings = settings::load(&conn).expect("settings");
        let today = settings.zone.business_date(clock::now());
        let options = Options {
            days: 30,
            per_day: 500,
            seed: 1,
            until: today,
            today,
        };
        demo::generate(&mut conn, &options, |_| {}).expect("generate");
    }
    small
}

/// The last business date of the history and an instant at 15:00 on it: "now" for the
/// benches, so a cache made on another day still shows a busy hall.
pub fn last_day(conn: &Connection, settings: &Settings) -> (NaiveDate, i64) {
    let text: String = conn
        .query_row("SELECT max(business_date) FROM visits", [], |r| r.get(0))
        .expect("a history");
    let date = NaiveDate::parse_from_str(&text, "%Y-%m-%d").expect("date");
    let now = settings
        .zone
        .instant_of(date.and_hms_opt(15, 0, 0).expect("time"))
        .expect("instant");
    (date, now)
}

/// The last closed date.
pub fn last_closed(conn: &Connection) -> NaiveDate {
    let text: String = conn
        .query_row("SELECT max(business_date) FROM day_closes", [], |r| {
            r.get(0)
        })
        .expect("a closed day");
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").expect("date")
}

/// The demo staff member working at `window` (e.g. the front desk at W1).
pub fn actor_at(conn: &Connection, window: &str, role: Role) -> Actor {
    let windows = staff::list_windows(conn).expect("windows");
    let w = windows.iter().find(|w| w.code == window).expect("window");
    let (id, code, name): (i64, String, String) = conn
        .query_row(
            "SELECT id, code, name FROM staff WHERE role = ?1 ORDER BY id LIMIT 1",
            [role.code()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("a staff member of that role");
    Actor {
        staff_id: id,
        code,
        name,
        role,
        window_id: Some(w.id),
    }
}

/// The queue view of `window` as the TUI's first frame shows it (an observer, as with
/// LEGALDESK_FIRST_FRAME_WINDOW), loaded at `now`.
pub fn queue_state(conn: &Connection, window: &str, now: i64) -> State {
    let settings = settings::load(conn).expect("settings");
    let mut state = State::new(Lang::Zh, settings, now);
    state.windows = staff::list_windows(conn).expect("windows");
    let w = state
        .windows
        .iter()
        .find(|w| w.code == window)
        .cloned()
        .expect("window");
    state.actor = Some(Actor {
        staff_id: 0,
        code: "-".into(),
        name: "-".into(),
        role: Role::Supervisor,
        window_id: Some(w.id),
    });
    state.window = Some(w);
    state.screen = Screen::Main;
    state.view = legaldesk::app::perform::load_view(conn, &state, now).expect("load view");
    state
}
