//! Retention: `legaldesk purge --before D` anonymises the personal data of closed dates
//! before D. Open dates are refused (and nothing changes); the tallies of purged dates are
//! exactly what they were; the old bytes are gone from the file itself, not only from query
//! results (`secure_delete`); the purge is audited.

use std::process::Command;

use crate::common::*;
use chrono::NaiveDate;
use legaldesk::domain::codes::{IdType, Outcome, Service};
use legaldesk::service::intake::IntakeInput;
use legaldesk::service::{audit, close, intake, purge, settings as center, steps};
use legaldesk::tally;

const OLD: &str = "2026-11-20";
/// Markers that appear nowhere else, so their bytes can be looked for in the file.
const NAME: &str = "欧阳秘密";
const PHONE: &str = "13912349876";
const SUMMARY: &str = "绝密摘要ZQXJ";
const ADVERSE: &str = "对方甄某某";
const NOTE: &str = "转介备注KWPV";

fn resident_id() -> String {
    let first17 = "11010519491231002";
    let mut digits = [0u32; 17];
    for (slot, c) in digits.iter_mut().zip(first17.chars()) {
        *slot = c.to_digit(10).expect("digit");
    }
    format!(
        "{first17}{}",
        legaldesk::domain::idcard::check_char(&digits)
    )
}

/// Visits on `OLD` carrying every kind of personal data, and one visit on `DAY`.
fn history() -> TestDb {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    center::set(&conn, "timezone", ZONE).expect("zone");
    let desk = front_desk(&mut conn);
    let lawyer = duty_lawyer(&mut conn);
    for i in 0..12 {
        let now = at(OLD, 9, i, 0);
        let input = IntakeInput {
            service: if i % 2 == 0 {
                Service::Consult
            } else {
                Service::LegalAid
            },
            name: NAME.into(),
            phone: PHONE.into(),
            id_type: IdType::ResidentId,
            id_number: resident_id(),
            summary: SUMMARY.into(),
            adverse_name: ADVERSE.into(),
            ..IntakeInput::default()
        };
        let issued =
            intake::issue_ticket(&mut conn, &desk, &input, &settings(), now).expect("intake");
        let actor = if issued.service == Service::Consult {
            &desk
        } else {
            &lawyer
        };
        steps::call_step(&mut conn, actor, issued.step_id, now + 60).expect("call");
        let mut finish = if issued.service == Service::Consult {
            let mut f = steps::Finish::with_outcome(Outcome::Referred);
            f.refer_to = Some(Service::Drafting);
            f
        } else {
            steps::Finish::with_outcome(Outcome::ApplicationAccepted)
        };
        finish.note = NOTE.into();
        steps::finish(
            &mut conn,
            actor,
            issued.step_id,
            &finish,
            &settings(),
            now + 600,
        )
        .expect("finish");
    }
    let issued = issue(&mut conn, &desk, Service::Consult, "今日来访", opening());
    assert_eq!(issued.business_date, DAY);
    db
}

fn file_contains(path: &std::path::Path, needle: &str) -> bool {
    let mut found = false;
    for suffix in ["", "-wal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        if let Ok(bytes) = std::fs::read(std::path::PathBuf::from(name)) {
            found |= bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        }
    }
    found
}

fn old_tally(conn: &rusqlite::Connection) -> String {
    let date = NaiveDate::parse_from_str(OLD, "%Y-%m-%d").expect("date");
    tally::compute_range(conn, &settings(), date, date)
        .expect("tally")
        .to_json()
}

#[test]
fn open_dates_are_refused_and_nothing_changes() {
    let db = history();
    let mut conn = db.conn();
    let before = dump(&conn);
    let err = purge::purge(&mut conn, None, "2026-11-24", at(DAY, 20, 0, 0))
        .expect_err("nothing is closed");
    let purge::PurgeError::NotClosed { dates, total } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(dates, &[OLD.to_string(), DAY.to_string()]);
    assert_eq!(*total, 2);
    assert!(err.message(legaldesk::i18n::Lang::En).contains(OLD));
    assert!(err.message(legaldesk::i18n::Lang::Zh).contains("尚未日结"));
    assert!(dump(&conn) == before);
    // Through the command line too: exit 1, one line naming the dates.
    let out = Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .args(["--lang", "en", "--db"])
        .arg(&db.path)
        .args(["purge", "--before", "2026-11-24"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not closed yet: 2026-11-20, 2026-11-23"));
    let out = Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .arg("--db")
        .arg(&db.path)
        .args(["purge", "--before", "yesterday"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(dump(&conn) == before);
}

#[test]
fn a_closed_date_is_anonymised_its_tally_unchanged_and_its_bytes_gone() {
    let db = history();
    let tally_before;
    {
        let mut conn = db.conn();
        let old = NaiveDate::parse_from_str(OLD, "%Y-%m-%d").expect("date");
        close::close_day(&mut conn, None, old, at(DAY, 8, 0, 0)).expect("close the old date");
        tally_before = old_tally(&conn);
    }
    // Every connection is closed: the markers are in the main file now.
    for marker in [NAME, PHONE, SUMMARY, ADVERSE, NOTE, resident_id().as_str()] {
        assert!(
            file_contains(&db.path, marker),
            "{marker} is in the file before the purge"
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .args(["--lang", "en", "--db"])
        .arg(&db.path)
        .args(["purge", "--before", DAY])
        .output()
        .expect("run purge");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("1 dates, 12 visits, 12 visitors, 12 notes"),
        "{stdout}"
    );

    // Not in query results…
    let conn = db.conn();
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits v JOIN visitors p ON p.id = v.visitor_id
              WHERE v.business_date = ?1 AND (p.name <> '' OR p.phone IS NOT NULL OR p.id_number IS NOT NULL
                    OR v.summary IS NOT NULL OR v.adverse_name IS NOT NULL)",
            [OLD],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(left, 0);
    let notes: i64 = conn
        .query_row(
            "SELECT count(*) FROM steps WHERE note IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("notes");
    assert_eq!(notes, 0);
    // …today's visit is untouched…
    let today: String = conn
        .query_row("SELECT p.name FROM visits v JOIN visitors p ON p.id = v.visitor_id WHERE v.business_date = ?1", [DAY], |r| r.get(0))
        .expect("today");
    assert_eq!(today, "今日来访");
    // …the tally of the purged date is the same to the byte…
    assert_eq!(old_tally(&conn), tally_before);
    // …audited, chain intact, file sound…
    let purges: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'purge'",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(purges, 1);
    assert_eq!(audit::first_broken_link(&conn).expect("chain"), None);
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(verdict, "ok");
    drop(conn);
    // …and not in the bytes of the file or its log either.
    for marker in [NAME, PHONE, SUMMARY, ADVERSE, NOTE, resident_id().as_str()] {
        assert!(
            !file_contains(&db.path, marker),
            "{marker} is still in the file after the purge"
        );
    }
    // A second purge finds nothing left to do.
    let mut conn = db.conn();
    let again = purge::purge(&mut conn, None, DAY, at(DAY, 21, 0, 0)).expect("again");
    assert_eq!(
        (again.dates, again.visits, again.visitors, again.notes),
        (0, 0, 0, 0)
    );
}
