//! Export → import into an empty database → export gives the same bytes, and both databases
//! give the same tally: for the shared sample ledger and for a day made at the windows
//! (referral, return, no-show, cancellation, drafting, amounts, ratings, IDs). Redacted
//! exports mask names, phones and IDs; every export is audited.

use crate::common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use rusqlite::Connection;

use legaldesk::domain::codes::{IdType, Outcome, Rating, ReturnReason, Service};
use legaldesk::ledger;
use legaldesk::service::intake::{self, IntakeInput};
use legaldesk::service::steps::{self, Finish};
use legaldesk::service::visitor::{self, VisitorEdit};
use legaldesk::tally::{self, Tally};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn sample_bytes() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/formats/sample-ledger.csv"
    ))
    .expect("shared sample ledger")
}

fn fresh() -> common::TestDb {
    let test = common::TestDb::empty();
    legaldesk::service::settings::set(&test.conn(), "timezone", common::ZONE).unwrap();
    test
}

fn import(test: &common::TestDb, bytes: &[u8]) {
    let text = ledger::decode(bytes, ledger::SourceEncoding::Utf8).expect("utf-8");
    ledger::import(
        &mut test.conn(),
        &text,
        &common::settings(),
        common::opening(),
    )
    .unwrap_or_else(|e| panic!("{}", e.message(legaldesk::i18n::Lang::En)));
}

fn export(conn: &mut Connection, from: &str, to: &str, redact: bool) -> Vec<u8> {
    ledger::export(conn, date(from), date(to), redact, common::opening())
        .unwrap()
        .0
}

/// The tally without `closed` (a copy in a new database is not closed).
fn figures(conn: &Connection, from: &str, to: &str) -> Tally {
    let mut t = tally::compute_range(conn, &common::settings(), date(from), date(to)).unwrap();
    t.closed = false;
    t
}

#[test]
fn the_sample_ledger_round_trips_byte_for_byte() {
    let sample = sample_bytes();
    let a = fresh();
    import(&a, &sample);
    let first = export(&mut a.conn(), "2026-10-12", "2026-10-13", false);
    assert_eq!(
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&sample)
    );
    assert_eq!(
        first, sample,
        "the export of the imported sample is the sample, byte for byte"
    );
    let b = fresh();
    import(&b, &first);
    let second = export(&mut b.conn(), "2026-10-12", "2026-10-13", false);
    assert_eq!(second, first);
    assert_eq!(
        figures(&a.conn(), "2026-10-12", "2026-10-13"),
        figures(&b.conn(), "2026-10-12", "2026-10-13")
    );
    // A range outside the data exports just the header.
    let empty = export(&mut a.conn(), "2027-01-01", "2027-01-31", false);
    assert_eq!(
        empty,
        sample
            .split(|b| *b == b'\n')
            .next()
            .map(|h| [h, b"\n"].concat())
            .unwrap()
    );
}

/// A day at the windows, closed in the evening. Returns the database.
fn a_day_at_the_windows() -> common::TestDb {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    let settings = common::settings();
    let desk = common::front_desk(&mut conn);
    let lawyer = common::duty_lawyer(&mut conn);
    let notary = common::notary(&mut conn);
    let t = |minutes: i64| common::opening() + minutes * 60;

    // Z001: consultation referred to legal aid, application accepted with money recovered.
    let input = IntakeInput {
        phone: "138 1234-5678".into(),
        summary: "欠薪三个月, 对方说\"再等等\"".into(),
        parties: "6".into(),
        ..common::visitor(Service::Consult, "张三")
    };
    let z1 = intake::issue_ticket(&mut conn, &desk, &input, &settings, t(1)).unwrap();
    steps::call_step(&mut conn, &desk, z1.step_id, t(5)).unwrap();
    steps::start(&mut conn, &desk, z1.step_id, t(6)).unwrap();
    let refer = Finish {
        refer_to: Some(Service::LegalAid),
        note: "请法援窗口接待".into(),
        ..Finish::with_outcome(Outcome::Referred)
    };
    let next = steps::finish(&mut conn, &desk, z1.step_id, &refer, &settings, t(15))
        .unwrap()
        .unwrap();
    steps::call_step(&mut conn, &lawyer, next, t(20)).unwrap();
    steps::start(&mut conn, &lawyer, next, t(21)).unwrap();
    // The application needs the applicant's ID: the legal-aid desk adds it (SPEC §3, §10).
    let id = VisitorEdit {
        id_number: Some("11010519491231002X".into()),
        ..VisitorEdit::default()
    };
    visitor::edit_visitor(&mut conn, &lawyer, next, &id, t(22)).unwrap();
    let accepted = Finish {
        amount_fen: Some(320_050),
        rating: Some(Rating::Satisfied),
        ..Finish::with_outcome(Outcome::ApplicationAccepted)
    };
    steps::finish(&mut conn, &lawyer, next, &accepted, &settings, t(50)).unwrap();

    // Y001: legal aid with a resident ID, returned to the front desk, then answered there.
    let input = IntakeInput {
        id_type: IdType::ResidentId,
        id_number: "110101199003074514".into(),
        ..common::visitor(Service::LegalAid, "李四")
    };
    let y1 = intake::issue_ticket(&mut conn, &desk, &input, &settings, t(2)).unwrap();
    steps::call_step(&mut conn, &lawyer, y1.step_id, t(8)).unwrap();
    let back = Finish {
        reason: Some(ReturnReason::WrongDesk),
        ..Finish::with_outcome(Outcome::Returned)
    };
    let back_step = steps::finish(&mut conn, &lawyer, y1.step_id, &back, &settings, t(9))
        .unwrap()
        .unwrap();
    steps::call_step(&mut conn, &desk, back_step, t(30)).unwrap();
    steps::start(&mut conn, &desk, back_step, t(31)).unwrap();
    let answered = Finish {
        rating: Some(Rating::Basic),
        ..Finish::with_outcome(Outcome::Answered)
    };
    steps::finish(&mut conn, &desk, back_step, &answered, &settings, t(40)).unwrap();

    // Z002 no-show; Z003 left; D001 two documents drafted; Z004 still waiting at close.
    let z2 = common::issue(&mut conn, &desk, Service::Consult, "王五", t(3));
    steps::call_step(&mut conn, &desk, z2.step_id, t(60)).unwrap();
    steps::mark_no_show(&mut conn, &desk, z2.step_id, t(62)).unwrap();
    let z3 = common::issue(&mut conn, &desk, Service::Consult, "赵六", t(4));
    steps::cancel(&mut conn, &desk, z3.step_id, t(70)).unwrap();
    let d1 = common::issue(&mut conn, &desk, Service::Drafting, "孙七", t(10));
    steps::call_step(&mut conn, &desk, d1.step_id, t(71)).unwrap();
    steps::start(&mut conn, &desk, d1.step_id, t(72)).unwrap();
    let drafted = Finish {
        quantity: Some(2),
        rating: Some(Rating::Satisfied),
        ..Finish::with_outcome(Outcome::Drafted)
    };
    steps::finish(&mut conn, &desk, d1.step_id, &drafted, &settings, t(100)).unwrap();
    common::issue(&mut conn, &desk, Service::Consult, "周八", t(101));

    // G001: notary with a passport, which the ledger's resident-ID column does not carry.
    let input = IntakeInput {
        id_type: IdType::Passport,
        id_number: "E12345678".into(),
        ..common::visitor(Service::Notary, "Smith")
    };
    let g1 = intake::issue_ticket(&mut conn, &desk, &input, &settings, t(11)).unwrap();
    steps::call_step(&mut conn, &notary, g1.step_id, t(12)).unwrap();
    steps::start(&mut conn, &notary, g1.step_id, t(13)).unwrap();
    steps::finish(
        &mut conn,
        &notary,
        g1.step_id,
        &Finish::with_outcome(Outcome::Accepted),
        &settings,
        t(14),
    )
    .unwrap();

    legaldesk::service::close::close_day(
        &mut conn,
        None,
        date(common::DAY),
        common::at(common::DAY, 18, 0, 0),
    )
    .unwrap();
    test
}

#[test]
fn a_day_made_at_the_windows_round_trips() {
    let a = a_day_at_the_windows();
    let first = export(&mut a.conn(), common::DAY, common::DAY, false);
    let text = String::from_utf8(first.clone()).unwrap();
    assert_eq!(text.lines().count(), 1 + 9, "{text}");
    assert!(text.contains("Z001,2,legal_aid"), "{text}");
    assert!(text.contains(",110101199003074514,"), "{text}");
    assert!(
        !text.contains("E12345678"),
        "a passport number is not a resident ID: {text}"
    );
    assert!(
        text.contains("\"欠薪三个月, 对方说\"\"再等等\"\"\""),
        "{text}"
    );
    assert!(text.contains(",3200.50,"), "{text}");
    let b = fresh();
    import(&b, &first);
    let second = export(&mut b.conn(), common::DAY, common::DAY, false);
    assert_eq!(String::from_utf8_lossy(&second), text);
    assert_eq!(second, first);
    let (ta, tb) = (
        figures(&a.conn(), common::DAY, common::DAY),
        figures(&b.conn(), common::DAY, common::DAY),
    );
    // The ledger carries visits and steps, not the hall's announcement record (SPEC §9.1):
    // the imported day has no announcements; every other figure is the same.
    assert!(ta.announcements > 0 && tb.announcements == 0, "{ta:?}");
    let ta = Tally {
        announcements: 0,
        announce_failed: 0,
        ..ta
    };
    assert_eq!(ta, tb);
    // The figures themselves, as a check that the day is what it should be.
    assert_eq!(
        (
            ta.visits,
            ta.group_visits,
            ta.documents_drafted,
            ta.legal_aid_applications
        ),
        (7, 1, 2, 1)
    );
    assert_eq!(ta.amount_recovered_yuan, "3200.50");
    assert_eq!(ta.referrals.get("consult>legal_aid"), Some(&1));
    assert_eq!(ta.referrals.get("legal_aid>consult"), Some(&1));
    assert_eq!(ta.unfinished_list, Some(vec!["Z004".to_string()]));
}

#[test]
fn a_redacted_export_masks_names_phones_and_ids_and_every_export_is_audited() {
    let a = a_day_at_the_windows();
    let mut conn = a.conn();
    let before: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'export'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let redacted = String::from_utf8(export(&mut conn, common::DAY, common::DAY, true)).unwrap();
    // Free text (summary, notes) may name people too: left out of a redacted export.
    for secret in [
        "张三",
        "李四",
        "138 1234-5678",
        "110101199003074514",
        "欠薪三个月",
        "请法援窗口接待",
    ] {
        assert!(!redacted.contains(secret), "{secret} in {redacted}");
    }
    assert!(redacted.contains(",张*,138******5678,"), "{redacted}");
    assert!(redacted.contains("110101********4514"), "{redacted}");
    export(&mut conn, common::DAY, common::DAY, false);
    let details: Vec<String> = conn
        .prepare("SELECT detail FROM audit WHERE action = 'export' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(details.len() as i64, before + 2);
    assert!(
        details[details.len() - 2].contains("redacted")
            && details[details.len() - 1].contains("full"),
        "{details:?}"
    );
}

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env_remove("LEGALDESK_DB")
        .stdin(Stdio::null())
        .output()
        .expect("run legaldesk")
}

#[test]
fn export_on_the_command_line() {
    let a = fresh();
    import(&a, &sample_bytes());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.csv");
    let out = cli(
        &a.path,
        &[
            "export",
            "--from",
            "2026-10-12",
            "--to",
            "2026-10-13",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&file).unwrap(), sample_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600,
            "personal data: owner only"
        );
    }
    let out = cli(
        &a.path,
        &[
            "export",
            "--from",
            "2026-10-12",
            "--to",
            "2026-10-12",
            "--redact",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 1 + 5);
    assert!(!text.contains("18652231581"), "{text}");
    for (args, expect) in [
        (
            ["export", "--from", "2026-10-13", "--to", "2026-10-12"],
            "is after",
        ),
        (
            ["export", "--from", "2026-13-01", "--to", "2026-10-12"],
            "invalid date",
        ),
    ] {
        let out = cli(&a.path, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(expect),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
