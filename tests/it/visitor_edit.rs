//! The edit-visitor action on a real database file (SPEC §3, §4, §10): the desk serving a
//! ticket adds or corrects its visitor's ID document, phone and adverse party; the edit is
//! audited without the values; a failed GB 11643 check is a warning the desk may override; a
//! legal-aid application cannot be accepted without the applicant's ID; the conflict hint
//! finds a person by an ID a desk added; a closed date refuses the edit. Who may edit is in
//! tests/permission_matrix.rs.

use crate::common::*;
use legaldesk::domain::codes::{IdType, Outcome, Service};
use legaldesk::domain::idcard::IdProblem;
use legaldesk::i18n::visitor::{VisitorField, VisitorText};
use legaldesk::i18n::Lang;
use legaldesk::service::intake::{self, IntakeInput};
use legaldesk::service::steps::{self, Finish};
use legaldesk::service::visitor::{self, VisitorEdit};
use legaldesk::service::{audit, close, queries, settings, Actor, ServiceError};
use rusqlite::Connection;

const MIN: i64 = 60;
const VALID_ID: &str = "110101199003074514";
/// `VALID_ID` with a wrong check digit (it should be 4).
const WRONG_CHECK: &str = "110101199003074515";

/// A consultation referred to `target`, picked up and started there by `desk`: the visitor
/// came without an ID (a consultation never collects one). Returns the step at `target`.
fn referred_and_serving(
    conn: &mut Connection,
    front: &Actor,
    desk: &Actor,
    target: Service,
    input: IntakeInput,
    t: i64,
) -> i64 {
    let issued = intake::issue_ticket(conn, front, &input, &settings(), t).expect("intake");
    steps::call_step(conn, front, issued.step_id, t + 1).expect("call");
    let refer = Finish {
        refer_to: Some(target),
        ..Finish::with_outcome(Outcome::Referred)
    };
    let next = steps::finish(conn, front, issued.step_id, &refer, &settings(), t + 2)
        .expect("refer")
        .expect("next step");
    steps::call_step(conn, desk, next, t + 3).expect("pick up");
    steps::start(conn, desk, next, t + 4).expect("start");
    next
}

fn stored_id(conn: &Connection, step: i64) -> (Option<String>, Option<String>, Option<String>) {
    conn.query_row(
        "SELECT p.id_type, p.id_number, p.phone FROM steps s JOIN visits v ON v.id = s.visit_id
           JOIN visitors p ON p.id = v.visitor_id WHERE s.id = ?1",
        [step],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .expect("visitor")
}

/// The last audit row: (staff, action, entity, entity id, detail).
fn last_audit(conn: &Connection) -> (Option<i64>, String, String, Option<i64>, String) {
    conn.query_row(
        "SELECT staff_id, action, entity, entity_id, detail FROM audit ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
    .expect("audit row")
}

fn visit_of(conn: &Connection, step: i64) -> i64 {
    conn.query_row("SELECT visit_id FROM steps WHERE id = ?1", [step], |r| {
        r.get(0)
    })
    .expect("visit")
}

fn id_edit(number: &str) -> VisitorEdit {
    VisitorEdit {
        id_type: Some(IdType::ResidentId),
        id_number: Some(number.into()),
        ..VisitorEdit::default()
    }
}

#[test]
fn a_legal_aid_application_needs_the_id_the_desk_adds() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let front = front_desk(&mut conn);
    let lawyer = duty_lawyer(&mut conn);
    let t = opening();
    let step = referred_and_serving(
        &mut conn,
        &front,
        &lawyer,
        Service::LegalAid,
        visitor(Service::Consult, "张三"),
        t,
    );
    let visit = visit_of(&conn, step);
    let accepted = Finish::with_outcome(Outcome::ApplicationAccepted);

    // No ID on record: the application is refused, with words that say what to do.
    let before = dump(&conn);
    let err = steps::finish(
        &mut conn,
        &lawyer,
        step,
        &accepted,
        &settings(),
        t + 5 * MIN,
    )
    .expect_err("no ID");
    assert!(
        matches!(
            err,
            ServiceError::Visitor(VisitorText::IdRequired { key: None })
        ),
        "{err:?}"
    );
    assert!(err.message(Lang::Zh).contains("身份证件"), "{err:?}");
    assert!(err.message(Lang::En).contains("ID document"), "{err:?}");
    assert_eq!(dump(&conn), before, "a refused finish wrote something");
    // Other outcomes do not need the ID.
    assert!(visitor::has_id(&conn, visit).is_ok_and(|has| !has));

    // The form opens on the visitor as stored: nothing yet.
    let card = visitor::visitor_card(&conn, &lawyer, step).expect("card");
    assert_eq!(
        (card.ticket.as_str(), card.service, card.id_type),
        ("Z001", Service::LegalAid, None)
    );
    assert_eq!((card.id_number.as_str(), card.phone.as_str()), ("", ""));

    // A wrong check digit is a warning that changes nothing ...
    let err = visitor::edit_visitor(&mut conn, &lawyer, step, &id_edit(WRONG_CHECK), t + 6 * MIN)
        .expect_err("check digit");
    assert!(
        matches!(
            err,
            ServiceError::Visitor(VisitorText::IdCheck {
                field: VisitorField::IdNumber,
                problem: IdProblem::CheckDigit('4'),
                key: None
            })
        ),
        "{err:?}"
    );
    assert_eq!(dump(&conn), before, "a warned edit wrote something");
    // ... and the desk may keep the number after checking the card (a second submit).
    let kept = VisitorEdit {
        id_override: true,
        ..id_edit(WRONG_CHECK)
    };
    let edited =
        visitor::edit_visitor(&mut conn, &lawyer, step, &kept, t + 7 * MIN).expect("override");
    assert_eq!(
        (edited.ticket.as_str(), edited.fields.as_slice()),
        ("Z001", &[VisitorField::IdType, VisitorField::IdNumber][..])
    );
    assert_eq!(
        stored_id(&conn, step),
        (Some("resident_id".into()), Some(WRONG_CHECK.into()), None)
    );
    // Audited: who, what, which visit; the number itself never enters the append-only log.
    assert_eq!(
        last_audit(&conn),
        (
            Some(lawyer.staff_id),
            "edit_visitor".into(),
            "visit".into(),
            Some(visit),
            "Z001 id_type,id_number id_check_overridden".into()
        )
    );

    // The correct number and a phone: only what changed is listed.
    let fixed = VisitorEdit {
        phone: Some("13812345678".into()),
        ..id_edit(VALID_ID)
    };
    let edited = visitor::edit_visitor(&mut conn, &lawyer, step, &fixed, t + 8 * MIN).unwrap();
    assert_eq!(
        edited.fields,
        vec![VisitorField::IdNumber, VisitorField::Phone]
    );
    assert_eq!(last_audit(&conn).4, "Z001 id_number,phone");
    let card = visitor::visitor_card(&conn, &lawyer, step).unwrap();
    assert_eq!(
        (card.id_number.as_str(), card.phone.as_str()),
        ("110101********4514", "138****5678"),
        "the desk sees the stored details masked"
    );
    let audit_rows = count(&conn, "audit");
    for (table, rows) in dump(&conn) {
        if table == "audit" {
            for row in rows {
                let text = format!("{row:?}");
                assert!(
                    !text.contains(VALID_ID) && !text.contains("12345678"),
                    "personal data in the audit log: {text}"
                );
            }
        }
    }

    // Submitting the form untouched changes nothing and writes nothing.
    let before = dump(&conn);
    let edited = visitor::edit_visitor(
        &mut conn,
        &lawyer,
        step,
        &VisitorEdit::default(),
        t + 9 * MIN,
    )
    .unwrap();
    assert!(edited.fields.is_empty());
    assert_eq!(dump(&conn), before);
    assert_eq!(count(&conn, "audit"), audit_rows);

    // Now the application is accepted, with its decision due.
    assert_eq!(
        steps::finish(
            &mut conn,
            &lawyer,
            step,
            &accepted,
            &settings(),
            t + 10 * MIN
        )
        .unwrap(),
        None
    );
    let due: Option<String> = conn
        .query_row(
            "SELECT decision_due FROM steps WHERE id = ?1",
            [step],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due.as_deref(), Some("2026-11-30"));
    assert_eq!(audit::first_broken_link(&conn).unwrap(), None);
}

#[test]
fn the_conflict_hint_matches_by_the_id_a_desk_added() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let front = front_desk(&mut conn);
    let lawyer = duty_lawyer(&mut conn);
    let mediator = mediator(&mut conn);
    let t = opening();
    let since = "2025-11-23";
    // 王建国 came for mediation; the front desk typed no ID. The mediator is serving him.
    let boss = intake::issue_ticket(
        &mut conn,
        &front,
        &visitor(Service::Mediation, "王建国"),
        &settings(),
        t,
    )
    .unwrap();
    steps::call_step(&mut conn, &mediator, boss.step_id, t + MIN).unwrap();
    steps::start(&mut conn, &mediator, boss.step_id, t + MIN + 30).unwrap();

    // 刘工 comes for legal aid against "王总" (the name he knows him by: no name match). The
    // duty lawyer copies the adverse party's ID from the IOU, in lower case, and refers
    // him on to mediation.
    let worker = IntakeInput {
        adverse_name: "王总".into(),
        id_number: VALID_ID.into(),
        ..visitor(Service::LegalAid, "刘工")
    };
    let issued =
        intake::issue_ticket(&mut conn, &front, &worker, &settings(), t + 2 * MIN).unwrap();
    steps::call_step(&mut conn, &lawyer, issued.step_id, t + 3 * MIN).unwrap();
    let adverse = VisitorEdit {
        adverse_id: Some(" 11010519491231002x".into()),
        ..VisitorEdit::default()
    };
    let edited =
        visitor::edit_visitor(&mut conn, &lawyer, issued.step_id, &adverse, t + 4 * MIN).unwrap();
    assert_eq!(edited.fields, vec![VisitorField::AdverseId]);
    let refer = Finish {
        refer_to: Some(Service::Mediation),
        ..Finish::with_outcome(Outcome::Referred)
    };
    let at_mediation = steps::finish(
        &mut conn,
        &lawyer,
        issued.step_id,
        &refer,
        &settings(),
        t + 5 * MIN,
    )
    .unwrap()
    .unwrap();

    // 王建国's ID is not on record yet: the mediator would not be warned.
    assert!(queries::conflict_hints(&conn, at_mediation, since)
        .unwrap()
        .is_empty());

    // The mediator adds his ID from his card and records the mediation as ongoing.
    visitor::edit_visitor(
        &mut conn,
        &mediator,
        boss.step_id,
        &id_edit("11010519491231002X"),
        t + 6 * MIN,
    )
    .unwrap();
    steps::finish(
        &mut conn,
        &mediator,
        boss.step_id,
        &Finish::with_outcome(Outcome::Ongoing),
        &settings(),
        t + 7 * MIN,
    )
    .unwrap();

    // Now the referral of 刘工 warns: his adverse party has an open matter here.
    let hints = queries::conflict_hints(&conn, at_mediation, since).unwrap();
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(
        (
            hints[0].ticket.as_str(),
            hints[0].business_date.as_str(),
            hints[0].service
        ),
        (boss.ticket.as_str(), DAY, Service::Mediation)
    );
}

#[test]
fn bad_input_is_refused_with_words_and_changes_nothing() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let front = front_desk(&mut conn);
    let lawyer = duty_lawyer(&mut conn);
    let t = opening();
    let step = referred_and_serving(
        &mut conn,
        &front,
        &lawyer,
        Service::LegalAid,
        visitor(Service::Consult, "张三"),
        t,
    );
    let consult = issue(&mut conn, &front, Service::Consult, "李四", t + MIN);
    steps::call_step(&mut conn, &front, consult.step_id, t + MIN + 1).unwrap();

    let cases: Vec<(&str, &Actor, i64, VisitorEdit)> = vec![
        (
            "phone",
            &lawyer,
            step,
            VisitorEdit {
                phone: Some("138-abcd".into()),
                ..VisitorEdit::default()
            },
        ),
        (
            "long adverse party",
            &lawyer,
            step,
            VisitorEdit {
                adverse_name: Some("某".repeat(40)),
                ..VisitorEdit::default()
            },
        ),
        (
            "adverse ID check",
            &lawyer,
            step,
            VisitorEdit {
                adverse_id: Some(WRONG_CHECK.into()),
                ..VisitorEdit::default()
            },
        ),
        (
            "ID at a consultation",
            &front,
            consult.step_id,
            id_edit(VALID_ID),
        ),
        (
            "escape sequences only",
            &lawyer,
            step,
            VisitorEdit {
                phone: Some("\u{1b}[2J".into()),
                ..VisitorEdit::default()
            },
        ),
        ("no such step", &lawyer, 9999, id_edit(VALID_ID)),
    ];
    for (what, actor, step_id, edit) in cases {
        let before = dump(&conn);
        let err =
            visitor::edit_visitor(&mut conn, actor, step_id, &edit, t + 5 * MIN).expect_err(what);
        let (zh, en) = (err.message(Lang::Zh), err.message(Lang::En));
        assert!(
            !zh.is_empty() && !en.is_empty() && zh != en,
            "{what}: {zh} / {en}"
        );
        assert_eq!(
            dump(&conn),
            before,
            "{what}: refused, but something changed"
        );
    }
    // The specific answers.
    let err = visitor::edit_visitor(
        &mut conn,
        &lawyer,
        step,
        &VisitorEdit {
            adverse_id: Some(WRONG_CHECK.into()),
            ..VisitorEdit::default()
        },
        t + 6 * MIN,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ServiceError::Visitor(VisitorText::IdCheck {
                field: VisitorField::AdverseId,
                ..
            })
        ),
        "{err:?}"
    );
    let err = visitor::edit_visitor(
        &mut conn,
        &front,
        consult.step_id,
        &id_edit(VALID_ID),
        t + 6 * MIN,
    )
    .unwrap_err();
    assert!(
        matches!(err, ServiceError::Visitor(VisitorText::IdNotCollected)),
        "{err:?}"
    );
    // The front desk may still complete a consultation visitor's phone (no ID there).
    let phone = VisitorEdit {
        phone: Some("13812345678".into()),
        ..VisitorEdit::default()
    };
    visitor::edit_visitor(&mut conn, &front, consult.step_id, &phone, t + 7 * MIN).unwrap();
    assert_eq!(
        stored_id(&conn, consult.step_id),
        (None, None, Some("13812345678".into()))
    );
}

#[test]
fn a_closed_date_refuses_the_edit() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    settings::set(&conn, "timezone", ZONE).unwrap();
    let front = front_desk(&mut conn);
    let boss = supervisor(&mut conn);
    let t = opening();
    let issued = issue(&mut conn, &front, Service::Mediation, "张三", t);
    let date = chrono::NaiveDate::parse_from_str(DAY, "%Y-%m-%d").unwrap();
    close::close_day(&mut conn, Some(&boss), date, at(DAY, 18, 0, 0)).expect("close");
    let before = dump(&conn);
    let err = visitor::edit_visitor(
        &mut conn,
        &boss,
        issued.step_id,
        &id_edit(VALID_ID),
        at(DAY, 18, 5, 0),
    )
    .expect_err("closed");
    assert!(matches!(err, ServiceError::DateClosed), "{err:?}");
    assert_eq!(dump(&conn), before);
    // The supervisor can still look (masked) at what is on record.
    assert!(visitor::visitor_card(&conn, &boss, issued.step_id).is_ok());
}
