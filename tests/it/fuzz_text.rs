//! Whatever is typed or pasted into a text field — escape sequences, NUL, C1 controls,
//! right-to-left overrides, ten thousand characters at once — nothing panics, what is stored
//! holds no control character, and a refusal is a clear message in both languages (SPEC §4:
//! text is displayed as text; control characters never reach the terminal or the printer).
//!
//! Property tests run through the real service functions on a real database file.

use std::cell::{Cell, RefCell};

use crate::common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rusqlite::Connection;
use unicode_segmentation::UnicodeSegmentation;

use legaldesk::domain::codes::{IdType, Outcome, ReturnReason, Role, Service};
use legaldesk::domain::idcard;
use legaldesk::i18n::Lang;
use legaldesk::service::intake::{self, IntakeInput, ID_MAX, NAME_MAX, SUMMARY_MAX};
use legaldesk::service::{purge, queries, staff, steps, unmask, FieldName, ServiceError};

/// Characters that must never be stored or shown: C0/C1 controls, DEL, and the bidi
/// overrides/isolates/marks that reorder what a reader sees.
fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

fn clean(text: &str) -> bool {
    !text.chars().any(is_forbidden)
}

/// Pieces of hostile input, glued together in any order.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\u{1b}[2J".to_string()),
        Just("\u{1b}]0;owned\u{7}".to_string()),
        Just("\u{1b}[31;1m".to_string()),
        Just("\u{9b}6n".to_string()),
        Just("\u{0}".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\u{7f}".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{2066}".to_string()),
        Just("\u{61C}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("张三".to_string()),
        Just("欧阳娜娜".to_string()),
        Just("13812345678".to_string()),
        Just("11010119900307123x".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z0-9 ]{0,8}",
        "\\PC{0,6}",
        any::<String>(),
        // Emoji with and without VS16, ZWJ families, flags, combining marks, RTL, wide CJK.
        crate::common::hostile::piece(),
    ]
}

/// Hostile text: a handful of pieces, or a 10 000-character paste of them.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat()),
        1 => piece().prop_map(|p| {
            let unit = if p.is_empty() { "x".to_string() } else { p };
            unit.chars().cycle().take(10_000).collect()
        }),
    ]
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// A refusal says something, in both languages, and carries no control character itself.
fn clear_error(err: &ServiceError) -> Result<(), TestCaseError> {
    for lang in [Lang::Zh, Lang::En] {
        let message = err.message(lang);
        prop_assert!(!message.trim().is_empty(), "empty message for {err:?}");
        prop_assert!(
            clean(&message),
            "control characters in the message {message:?}"
        );
        prop_assert!(
            message.chars().count() < 200,
            "a message, not a dump: {message}"
        );
    }
    prop_assert!(err.message(Lang::Zh) != err.message(Lang::En));
    Ok(())
}

fn text_column(conn: &Connection, sql: &str, id: i64) -> Vec<String> {
    let mut stmt = conn.prepare(sql).expect("prepare");
    let columns = stmt.column_count();
    stmt.query_row([id], |r| {
        (0..columns)
            .map(|i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default))
            .collect()
    })
    .expect("row")
}

const SERVICES: [Service; 5] = [
    Service::Consult,
    Service::LegalAid,
    Service::Notary,
    Service::Mediation,
    Service::Drafting,
];

#[test]
fn intake_fields_store_only_clean_text() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    // Phone and party count are mostly well-formed, so that many tickets are issued and what
    // the other fields store gets checked, not only the refusals.
    let phone = prop_oneof![2 => "1[3-9][0-9]{9}", 1 => "[0-9+ -]{0,24}", 1 => nasty()];
    let parties = prop_oneof![3 => "[1-9]?", 1 => nasty()];
    let name = prop_oneof![1 => "[张王李赵][一-龥]{1,2}".prop_map(String::from), 3 => nasty()];
    let strategy = (
        0..5usize,
        name,
        phone,
        nasty(),
        nasty(),
        nasty(),
        parties,
        any::<bool>(),
        0..6usize,
    );
    // The runner takes a `Fn`: the connection and counters live in cells.
    let (conn, now, stored) = (RefCell::new(conn), Cell::new(opening()), Cell::new(0));
    runner(160)
        .run(
            &strategy,
            |(service, name, phone, id_number, summary, adverse, parties, id_override, id_type)| {
                let conn = &mut *conn.borrow_mut();
                now.set(now.get() + 1);
                let now = now.get();
                let input = IntakeInput {
                    service: SERVICES[service],
                    name,
                    phone,
                    id_type: IdType::ALL[id_type],
                    id_number,
                    id_override,
                    summary,
                    adverse_name: adverse,
                    parties,
                    ..IntakeInput::default()
                };
                match intake::issue_ticket(conn, &desk, &input, &settings(), now) {
                    Err(err) => clear_error(&err)?,
                    Ok(issued) => {
                        stored.set(stored.get() + 1);
                        let visitor = text_column(
                        conn,
                        "SELECT p.name, p.phone, p.id_number, v.summary, v.adverse_name, v.ticket
                           FROM visits v JOIN visitors p ON p.id = v.visitor_id WHERE v.id = ?1",
                        issued.visit_id,
                    );
                        for (value, max) in
                            visitor
                                .iter()
                                .zip([NAME_MAX, 24, ID_MAX, SUMMARY_MAX, NAME_MAX, 8])
                        {
                            prop_assert!(clean(value), "stored {value:?}");
                            prop_assert!(
                                value.chars().count() <= max,
                                "stored {} characters",
                                value.chars().count()
                            );
                            prop_assert!(
                                value.trim() == value,
                                "stored with surrounding blanks: {value:?}"
                            );
                        }
                        // What the screens get is clean and masked.
                        let ticket = queries::step_ticket(conn, issued.step_id)
                            .expect("query")
                            .expect("ticket");
                        for shown in [
                            &ticket.row.name,
                            &ticket.phone,
                            &ticket.id_number,
                            &ticket.summary,
                        ] {
                            prop_assert!(clean(shown), "shown {shown:?}");
                        }
                        // SPEC §4: the first character (a whole grapheme cluster) and one `*`.
                        let mut clusters = ticket.row.name.graphemes(true);
                        let first = clusters.next();
                        prop_assert!(
                            first.is_none() || clusters.collect::<String>() == "*",
                            "mask {:?}",
                            ticket.row.name
                        );
                    }
                }
                Ok(())
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        stored.get() > 10,
        "the generator must also produce acceptable input ({} stored)",
        stored.get()
    );
}

#[test]
fn finish_notes_store_only_clean_text() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let strategy = (nasty(), 0..3usize, proptest::option::of(1i64..2000));
    let (conn, now) = (RefCell::new(conn), Cell::new(opening()));
    runner(96)
        .run(&strategy, |(note, kind, quantity)| {
            let conn = &mut *conn.borrow_mut();
            now.set(now.get() + 10);
            let now = now.get();
            let service = if kind == 2 {
                Service::Drafting
            } else {
                Service::Consult
            };
            let issued = issue(conn, &desk, service, "张三", now);
            steps::call_step(conn, &desk, issued.step_id, now + 1).expect("call");
            let mut finish = match kind {
                0 => steps::Finish::with_outcome(Outcome::Answered),
                1 => {
                    let mut f = steps::Finish::with_outcome(Outcome::Returned);
                    f.reason = Some(ReturnReason::Other);
                    f
                }
                _ => steps::Finish::with_outcome(Outcome::Drafted),
            };
            finish.note = note;
            finish.quantity = quantity;
            match steps::finish(conn, &desk, issued.step_id, &finish, &settings(), now + 2) {
                Err(err) => {
                    clear_error(&err)?;
                    prop_assert_eq!(
                        status_of(conn, issued.step_id),
                        "called",
                        "a refused finish changes nothing"
                    );
                }
                Ok(next) => {
                    let stored =
                        text_column(conn, "SELECT note FROM steps WHERE id = ?1", issued.step_id);
                    prop_assert!(
                        clean(&stored[0]) && stored[0].chars().count() <= steps::NOTE_MAX,
                        "{:?}",
                        stored[0]
                    );
                    if let Some(next) = next {
                        let shown = queries::step_ticket(conn, next)
                            .expect("query")
                            .expect("next step");
                        let origin = shown.row.origin.expect("origin");
                        prop_assert!(clean(&origin.note));
                    }
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_id_validator_never_panics_and_accepts_only_clean_numbers() {
    runner(2000)
        .run(&nasty(), |raw| {
            let number = idcard::normalise(&raw);
            if idcard::validate(&number).is_ok() {
                prop_assert_eq!(number.chars().count(), 18);
                prop_assert!(
                    number.chars().all(|c| c.is_ascii_digit() || c == 'X'),
                    "{number:?}"
                );
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // A real number with a lower-case x passes after normalising; a control character inside
    // it makes it fail instead of being stored raw.
    let first17 = "11010519491231002";
    let mut digits = [0u32; 17];
    for (slot, c) in digits.iter_mut().zip(first17.chars()) {
        *slot = c.to_digit(10).expect("digit");
    }
    let check = idcard::check_char(&digits);
    let number = format!("{first17}{check}");
    assert_eq!(
        idcard::validate(&idcard::normalise(&format!(" {} ", number.to_lowercase()))),
        Ok(())
    );
    assert!(idcard::validate(&idcard::normalise(&format!("1101\u{1b}{}", &number[4..]))).is_err());
}

#[test]
fn staff_names_and_codes_unmask_reasons_and_purge_dates() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let boss = supervisor(&mut conn);
    let desk = front_desk(&mut conn);
    let issued = issue(&mut conn, &desk, Service::LegalAid, "李四", opening());
    let (conn, n) = (RefCell::new(conn), Cell::new(0));
    // Argon2 per staff member: few cases, as every one hashes a PIN.
    runner(24)
        .run(&(nasty(), nasty()), |(name, code)| {
            let conn = &mut *conn.borrow_mut();
            n.set(n.get() + 1);
            let safe_code = format!("F{}", n.get());
            match staff::add_staff(
                conn,
                Some(&boss),
                &safe_code,
                &name,
                Role::FrontDesk,
                "4321",
                opening(),
            ) {
                Err(err) => clear_error(&err)?,
                Ok(id) => {
                    let stored = text_column(conn, "SELECT name FROM staff WHERE id = ?1", id);
                    prop_assert!(
                        clean(&stored[0])
                            && !stored[0].is_empty()
                            && stored[0].chars().count() <= 32
                    );
                }
            }
            match staff::clean_code(&code) {
                Ok(code) => prop_assert!(code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')),
                Err(err) => clear_error(&err)?,
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    runner(96)
        .run(&nasty(), |reason| {
            let conn = &mut *conn.borrow_mut();
            match unmask::unmask_visit(conn, &boss, issued.visit_id, &reason, opening() + 5) {
                Err(err) => clear_error(&err)?,
                Ok(record) => {
                    prop_assert_eq!(record.name, "李四");
                    let detail: String = conn
                        .query_row(
                            "SELECT detail FROM audit ORDER BY id DESC LIMIT 1",
                            [],
                            |r| r.get(0),
                        )
                        .expect("audit");
                    prop_assert!(clean(&detail), "{detail:?}");
                }
            }
            match purge::purge(conn, Some(&boss), &reason, opening() + 6) {
                Ok(report) => prop_assert_eq!(report.visits, 0, "nothing here is closed"),
                Err(err) => {
                    for lang in [Lang::Zh, Lang::En] {
                        let message = err.message(lang);
                        prop_assert!(!message.is_empty());
                        // The bad date is quoted back sanitised and short.
                        prop_assert!(clean(&message), "{message:?}");
                        prop_assert!(message.chars().count() < 200, "{message}");
                    }
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_ten_thousand_character_paste_is_refused_with_the_limit() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let paste: String = "张三\u{1b}[31m".chars().cycle().take(10_000).collect();
    let before = dump(&conn);
    for (field, input) in [
        (
            FieldName::Name,
            IntakeInput {
                name: paste.clone(),
                ..visitor(Service::Consult, "")
            },
        ),
        (
            FieldName::Summary,
            IntakeInput {
                summary: paste.clone(),
                ..visitor(Service::Consult, "王五")
            },
        ),
        (
            FieldName::Adverse,
            IntakeInput {
                adverse_name: paste.clone(),
                ..visitor(Service::Mediation, "王五")
            },
        ),
        (
            FieldName::IdNumber,
            IntakeInput {
                id_number: paste.clone(),
                ..visitor(Service::LegalAid, "王五")
            },
        ),
        (
            FieldName::Phone,
            IntakeInput {
                phone: paste.clone(),
                ..visitor(Service::Consult, "王五")
            },
        ),
    ] {
        let err = intake::issue_ticket(&mut conn, &desk, &input, &settings(), opening())
            .expect_err(&format!("{field:?}"));
        let ServiceError::Field { field: got, .. } = &err else {
            panic!("{field:?}: {err:?}")
        };
        assert_eq!(*got, field);
        let en = err.message(Lang::En);
        assert!(clean(&en) && en.len() < 120, "{en}");
    }
    let err = intake::issue_ticket(
        &mut conn,
        &desk,
        &IntakeInput {
            name: paste,
            ..visitor(Service::Consult, "")
        },
        &settings(),
        opening(),
    )
    .expect_err("name");
    assert_eq!(
        err.message(Lang::Zh),
        format!("姓名过长（最多 {NAME_MAX} 字）")
    );
    assert!(dump(&conn) == before, "refused pastes store nothing");
}
