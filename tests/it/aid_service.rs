//! Legal-aid applications (SPEC §10) through the service layer on a real database file:
//! created with the accepting step's finish, every transition with its audit row, every bad
//! input refused with nothing changed, the supplement clock and its lapse, applications from
//! imported history, the tally's `legal_aid` figures, and `aid list --format json` from the
//! real binary.

use crate::common::*;
use rusqlite::Connection;

use legaldesk::domain::aid::{AdvanceGround, AidState, Material, RefusalReason};
use legaldesk::domain::codes::{Outcome, Service};
use legaldesk::service::aid::{self, AidProblem, ListFilter, SupplementRequest};
use legaldesk::service::steps::{self, Finish};
use legaldesk::service::{Actor, ServiceError};

const MIN: i64 = 60;
const DAY_S: i64 = 86_400;

/// A legal-aid visitor accepted by the duty lawyer at `t`; the application's id.
fn accepted(conn: &mut Connection, lawyer: &Actor, name: &str, t: i64) -> i64 {
    let desk = front_desk(conn);
    let issued = issue(conn, &desk, Service::LegalAid, name, t);
    steps::call_step(conn, lawyer, issued.step_id, t + MIN).expect("pick up");
    steps::start(conn, lawyer, issued.step_id, t + 2 * MIN).expect("start");
    // The application needs the applicant's ID: the legal-aid desk adds it (SPEC §3, §10).
    let id = legaldesk::service::visitor::VisitorEdit {
        id_number: Some("11010519491231002X".into()),
        ..Default::default()
    };
    legaldesk::service::visitor::edit_visitor(conn, lawyer, issued.step_id, &id, t + 3 * MIN)
        .expect("add the applicant's ID");
    steps::finish(
        conn,
        lawyer,
        issued.step_id,
        &Finish::with_outcome(Outcome::ApplicationAccepted),
        &settings(),
        t + 10 * MIN,
    )
    .expect("accept");
    conn.query_row(
        "SELECT id FROM aid_applications WHERE step_id = ?1",
        [issued.step_id],
        |r| r.get(0),
    )
    .expect("application")
}

fn state(conn: &Connection, id: i64) -> String {
    conn.query_row(
        "SELECT state FROM aid_applications WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

/// The audit rows of an application: (action, staff id).
fn audit_of(conn: &Connection, id: i64) -> Vec<(String, Option<i64>)> {
    conn.prepare(
        "SELECT action, staff_id FROM audit WHERE entity = 'aid_application' AND entity_id = ?1 ORDER BY id",
    )
    .unwrap()
    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// `op` must fail with `expected` and leave every row of every table as it was.
fn refused<T: std::fmt::Debug>(
    conn: &mut Connection,
    expected: ServiceError,
    op: impl FnOnce(&mut Connection) -> Result<T, ServiceError>,
) {
    let before = dump(conn);
    let result = op(conn);
    match (&result, &expected) {
        (Err(ServiceError::Aid(a)), ServiceError::Aid(b)) if a == b => {}
        _ => panic!("expected {expected:?}, got {result:?}"),
    }
    assert!(dump(conn) == before, "a refusal changed the database");
}

fn row(conn: &Connection, id: i64, now: i64) -> aid::AidRow {
    aid::list(conn, None, &settings(), ListFilter::Recent, now)
        .unwrap()
        .into_iter()
        .find(|r| r.app.id == id)
        .expect("listed")
}

#[test]
fn accepting_creates_a_pending_application_in_the_same_transaction() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let lawyer = duty_lawyer(&mut conn);
    let id = accepted(&mut conn, &lawyer, "张三", opening());
    assert_eq!(state(&conn, id), "pending");
    let (received, at): (String, i64) = conn
        .query_row(
            "SELECT received_date, received_at FROM aid_applications WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(received, DAY);
    assert_eq!(at, opening() + 10 * MIN);
    assert_eq!(
        audit_of(&conn, id),
        vec![("aid_accept".to_string(), Some(lawyer.staff_id))]
    );
    // Monday 2026-11-23 + 7 days = Monday 2026-11-30, shown with how it was counted.
    let listed = row(&conn, id, opening() + DAY_S);
    let due = listed.due.expect("due");
    assert_eq!(due.date.to_string(), "2026-11-30");
    assert_eq!(listed.days_left, Some(6));
    assert!(!listed.overdue);
    assert_eq!(listed.app.applicant, "张*");
    // Other outcomes create none.
    let desk = front_desk(&mut conn);
    let other = issue(&mut conn, &desk, Service::LegalAid, "李四", opening());
    steps::call_step(&mut conn, &lawyer, other.step_id, opening() + 20 * MIN).unwrap();
    steps::finish(
        &mut conn,
        &lawyer,
        other.step_id,
        &Finish::with_outcome(Outcome::AdviceOnly),
        &settings(),
        opening() + 30 * MIN,
    )
    .unwrap();
    assert_eq!(count(&conn, "aid_applications"), 1);
    // Past its due date it is overdue, first in the list.
    let late = opening() + 8 * DAY_S;
    let rows = aid::list(&conn, None, &settings(), ListFilter::Overdue, late).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].days_left, Some(-1));
    assert_eq!(
        aid::pending_counts(&conn, &settings(), chrono_date("2026-12-01")).unwrap(),
        (1, 1)
    );
}

fn chrono_date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn grant_then_assign_each_audited() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let lawyer = duty_lawyer(&mut conn);
    let id = accepted(&mut conn, &lawyer, "王五", opening());
    let now = opening() + DAY_S;
    refused(
        &mut conn,
        ServiceError::Aid(AidProblem::WrongState {
            state: AidState::Pending,
            event: legaldesk::domain::aid::AidEvent::Assign,
        }),
        |c| aid::assign(c, &lawyer, id, "某律所", &settings(), now),
    );
    let assign_due = aid::grant(&mut conn, &lawyer, id, &settings(), now).unwrap();
    // Granted Tuesday 24 November: assignment due three days later, Friday 27 November.
    assert_eq!(assign_due.date.to_string(), "2026-11-27");
    assert_eq!(state(&conn, id), "granted");
    let (decision, decided, due): (String, String, String) = conn
        .query_row(
            "SELECT decision, decided_date, decision_due FROM aid_applications WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (decision.as_str(), decided.as_str(), due.as_str()),
        ("granted", "2026-11-24", "2026-11-30")
    );
    refused(
        &mut conn,
        ServiceError::Aid(AidProblem::AssigneeRequired),
        |c| aid::assign(c, &lawyer, id, "  \u{1b} ", &settings(), now),
    );
    refused(
        &mut conn,
        ServiceError::Aid(AidProblem::AssigneeTooLong {
            max: aid::ASSIGNEE_MAX,
        }),
        |c| aid::assign(c, &lawyer, id, &"律".repeat(61), &settings(), now),
    );
    aid::assign(
        &mut conn,
        &lawyer,
        id,
        "城关律师事务所 李律师",
        &settings(),
        now,
    )
    .unwrap();
    assert_eq!(state(&conn, id), "assigned");
    refused(
        &mut conn,
        ServiceError::Aid(AidProblem::WrongState {
            state: AidState::Assigned,
            event: legaldesk::domain::aid::AidEvent::Withdraw,
        }),
        |c| aid::withdraw(c, &lawyer, id, &settings(), now),
    );
    let actions: Vec<String> = audit_of(&conn, id).into_iter().map(|a| a.0).collect();
    assert_eq!(actions, vec!["aid_accept", "aid_grant", "aid_assign"]);
    assert!(audit_of(&conn, id)
        .iter()
        .all(|(_, staff)| *staff == Some(lawyer.staff_id)));
}

#[test]
fn refusal_needs_a_reason_and_text_for_other() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let lawyer = duty_lawyer(&mut conn);
    let id = accepted(&mut conn, &lawyer, "赵六", opening());
    let now = opening() + 2 * MIN * 60;
    refused(
        &mut conn,
        ServiceError::Aid(AidProblem::NoteRequired),
        |c| aid::refuse(c, &lawyer, id, RefusalReason::Other, " ", &settings(), now),
    );
    aid::refuse(
        &mut conn,
        &lawyer,
        id,
        RefusalReason::OutOfScope,
        "",
        &settings(),
        now,
    )
    .unwrap();
    assert_eq!(state(&conn, id), "refused");
    let reason: String = conn
        .query_row(
            "SELECT refusal_reason FROM aid_applications WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, "out_of_scope");
    refused(
        &mut conn,
        ServiceError::Aid(AidProblem::WrongState {
            state: AidState::Refused,
            event: legaldesk::domain::aid::AidEvent::Grant,
        }),
        |c| aid::grant(c, &lawyer, id, &settings(), now),
    );
    let other = accepted(&mut conn, &lawyer, "钱七", opening());
    aid::refuse(
        &mut conn,
        &lawyer,
        other,
        RefusalReason::Other,
        "已获其他法律援助",
        &settings(),
        now,
    )
    .unwrap();
    let actions: Vec<String> = audit_of(&conn, other).into_iter().map(|a| a.0).collect();
    assert_eq!(actions, vec!["aid_accept", "aid_refuse"]);
}

fn request(deadline: &str) -> SupplementRequest {
    SupplementRequest {
        materials: vec![Material::MeansStatement, Material::IdDocument],
        note: "劳动合同复印件".into(),
        deadline: deadline.into(),
    }
}

#[test]
fn supplementing_stops_the_clock_and_materials_restart_it() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let lawyer = duty_lawyer(&mut conn);
    let id = accepted(&mut conn, &lawyer, "孙八", opening());
    let tuesday = opening() + DAY_S;
    for (deadline, problem) in [
        ("2026-13-01", AidProblem::BadDeadline),
        ("2026-11-2", AidProblem::BadDeadline),
        ("2026-11-23", AidProblem::DeadlinePast),
        (
            "2027-03-01",
            AidProblem::DeadlineTooFar {
                max_days: aid::DEADLINE_MAX_DAYS,
            },
        ),
    ] {
        refused(&mut conn, ServiceError::Aid(problem), |c| {
            aid::request_supplement(c, &lawyer, id, &request(deadline), &settings(), tuesday)
        });
    }
    let nothing = SupplementRequest {
        materials: vec![],
        note: " ".into(),
        deadline: "2026-12-04".into(),
    };
    refused(&mut conn, ServiceError::Aid(AidProblem::NoMaterials), |c| {
        aid::request_supplement(c, &lawyer, id, &nothing, &settings(), tuesday)
    });
    let deadline = aid::request_supplement(
        &mut conn,
        &lawyer,
        id,
        &request("2026-12-04"),
        &settings(),
        tuesday,
    )
    .unwrap();
    assert_eq!(deadline.to_string(), "2026-12-04");
    assert_eq!(state(&conn, id), "supplementing");
    let listed = row(&conn, id, tuesday + DAY_S);
    assert_eq!(listed.due, None, "the clock is stopped while supplementing");
    let supplement = listed.app.supplement.clone().expect("supplement");
    assert_eq!(
        supplement.materials,
        vec![Material::IdDocument, Material::MeansStatement]
    );
    assert_eq!(supplement.note, "劳动合同复印件");
    // Materials in on Friday 27 November: 25-27 November are not counted, so the decision
    // due date moves from Monday 30 November to Thursday 3 December.
    let friday = opening() + 4 * DAY_S;
    let due = aid::materials_received(&mut conn, &lawyer, id, &settings(), friday)
        .unwrap()
        .expect("due");
    assert_eq!(due.date.to_string(), "2026-12-03");
    assert_eq!(due.paused_days, 3);
    assert_eq!(state(&conn, id), "pending");
    // One notice of every missing material (一次性告知): a second request is refused.
    refused(
        &mut conn,
        ServiceError::Aid(AidProblem::AlreadyAsked),
        |c| aid::request_supplement(c, &lawyer, id, &request("2026-12-10"), &settings(), friday),
    );
    // Without the pause setting the days spent supplementing count.
    let no_pause = legaldesk::service::settings::Settings {
        supplement_pauses_clock: false,
        ..settings()
    };
    let app = aid::load(&conn, id).unwrap();
    assert_eq!(
        app.decision_due(&no_pause, chrono_date("2026-11-28"))
            .unwrap()
            .date
            .to_string(),
        "2026-11-30"
    );
    let actions: Vec<String> = audit_of(&conn, id).into_iter().map(|a| a.0).collect();
    assert_eq!(
        actions,
        vec!["aid_accept", "aid_supplement", "aid_materials"]
    );
}

#[test]
fn a_supplement_not_received_by_its_deadline_lapses() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let lawyer = duty_lawyer(&mut conn);
    let id = accepted(&mut conn, &lawyer, "周九", opening());
    aid::request_supplement(
        &mut conn,
        &lawyer,
        id,
        &request("2026-11-25"),
        &settings(),
        opening() + DAY_S,
    )
    .unwrap();
    // On the deadline itself it still stands.
    let deadline_day = opening() + 2 * DAY_S;
    assert_eq!(
        row(&conn, id, deadline_day).app.state,
        AidState::Supplementing
    );
    // The day after, materials can no longer be recorded, and loading the list lapses it.
    let after = opening() + 3 * DAY_S;
    refused(&mut conn, ServiceError::Aid(AidProblem::Lapsed), |c| {
        aid::materials_received(c, &lawyer, id, &settings(), after)
    });
    let listed = row(&conn, id, after);
    assert_eq!(listed.app.state, AidState::Withdrawn);
    assert!(listed.app.lapsed);
    assert_eq!(listed.app.withdrawn.unwrap().to_string(), "2026-11-26");
    assert_eq!(
        audit_of(&conn, id).last(),
        Some(&("aid_lapse".to_string(), None)),
        "recorded with no staff member"
    );
    // Loading again changes nothing more.
    let before = dump(&conn);
    aid::list(&conn, None, &settings(), ListFilter::Recent, after).unwrap();
    assert!(dump(&conn) == before);
}

#[test]
fn advance_aid_and_withdrawal() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let lawyer = duty_lawyer(&mut conn);
    let id = accepted(&mut conn, &lawyer, "吴十", opening());
    let now = opening() + 3 * 3600;
    refused(
        &mut conn,
        ServiceError::Aid(AidProblem::NoteRequired),
        |c| aid::mark_advance(c, &lawyer, id, AdvanceGround::Other, "", &settings(), now),
    );
    aid::mark_advance(
        &mut conn,
        &lawyer,
        id,
        AdvanceGround::Preservation,
        "",
        &settings(),
        now,
    )
    .unwrap();
    assert_eq!(state(&conn, id), "pending", "先行提供 keeps the state");
    refused(
        &mut conn,
        ServiceError::Aid(AidProblem::AdvanceAlready),
        |c| {
            aid::mark_advance(
                c,
                &lawyer,
                id,
                AdvanceGround::Deadline,
                "",
                &settings(),
                now,
            )
        },
    );
    assert_eq!(
        row(&conn, id, now).app.advance,
        Some((AdvanceGround::Preservation, String::new()))
    );
    aid::withdraw(&mut conn, &lawyer, id, &settings(), now).unwrap();
    assert_eq!(state(&conn, id), "withdrawn");
    let actions: Vec<String> = audit_of(&conn, id).into_iter().map(|a| a.0).collect();
    assert_eq!(actions, vec!["aid_accept", "aid_advance", "aid_withdraw"]);
}

#[test]
fn imported_accepted_applications_become_applications() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let header = "visit_date,ticket,seq,service,channel,lane,urgent,matter,parties,visitor_name,phone,id_number,summary,queued_at,called_at,started_at,finished_at,status,outcome,reason,window,staff,amount_recovered,quantity,rating,note";
    let rows = [
        "2026-09-01,Y001,1,legal_aid,walk_in,normal,0,labor,1,张三,13812345678,,,2026-09-01 09:00:00,2026-09-01 09:05:00,2026-09-01 09:06:00,2026-09-01 09:20:00,done,application_accepted,,W2,S03,,,,",
        "2026-09-01,Y002,1,legal_aid,walk_in,normal,0,labor,1,李四,13812345679,,,2026-09-01 10:00:00,2026-09-01 10:05:00,2026-09-01 10:06:00,2026-09-01 10:20:00,done,advice_only,,W2,S03,,,,",
    ];
    let text = format!("{header}\n{}\n", rows.join("\n"));
    legaldesk::ledger::import(&mut conn, &text, &settings(), opening()).expect("import");
    let apps: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT v.ticket, a.received_date, a.state FROM aid_applications a
               JOIN steps s ON s.id = a.step_id JOIN visits v ON v.id = s.visit_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        apps,
        vec![("Y001".into(), "2026-09-01".into(), "pending".into())]
    );
}

#[test]
fn the_tally_counts_the_events_of_the_range_and_the_open_work_at_its_end() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let lawyer = duty_lawyer(&mut conn);
    let s = settings();
    let monday = opening();
    // Four applications on Monday 23 November.
    let granted = accepted(&mut conn, &lawyer, "甲", monday);
    let refused_id = accepted(&mut conn, &lawyer, "乙", monday);
    let waiting = accepted(&mut conn, &lawyer, "丙", monday);
    let late = accepted(&mut conn, &lawyer, "丁", monday);
    aid::grant(&mut conn, &lawyer, granted, &s, monday + DAY_S).unwrap();
    aid::refuse(
        &mut conn,
        &lawyer,
        refused_id,
        RefusalReason::Means,
        "",
        &s,
        monday + DAY_S,
    )
    .unwrap();
    aid::request_supplement(
        &mut conn,
        &lawyer,
        waiting,
        &request("2026-12-10"),
        &s,
        monday + DAY_S,
    )
    .unwrap();
    // `late` is decided after its due date (Monday 30 November): granted on 1 December.
    aid::grant(&mut conn, &lawyer, late, &s, monday + 8 * DAY_S).unwrap();
    let tally = |from: &str, to: &str| {
        legaldesk::tally::compute_range(&conn, &s, chrono_date(from), chrono_date(to))
            .unwrap()
            .legal_aid
    };
    let week = tally("2026-11-23", "2026-11-29");
    assert_eq!(
        (week.accepted, week.granted, week.refused, week.decided),
        (4, 1, 1, 2)
    );
    assert_eq!((week.decided_on_time, week.on_time_share), (2, Some(1.0)));
    // At the end of 29 November: `waiting` supplementing and `late` pending, none overdue;
    // `granted` (assignment due Friday 27 November) not assigned: overdue.
    assert_eq!((week.pending, week.overdue, week.assign_overdue), (2, 0, 1));
    let december = tally("2026-12-01", "2026-12-01");
    assert_eq!(
        (december.accepted, december.granted, december.decided),
        (0, 1, 1)
    );
    assert_eq!(
        (december.decided_on_time, december.on_time_share),
        (0, Some(0.0))
    );
    // `waiting` still supplementing (its clock stopped).
    assert_eq!((december.pending, december.overdue), (1, 0));
    // On its due date itself (Monday 30 November) `late` is pending, not yet overdue.
    let due_day = tally("2026-11-30", "2026-11-30");
    assert_eq!((due_day.pending, due_day.overdue), (2, 0));
    let json: serde_json::Value = serde_json::from_str(
        &legaldesk::tally::compute_range(&conn, &s, chrono_date(DAY), chrono_date(DAY))
            .unwrap()
            .to_json(),
    )
    .unwrap();
    let mut keys: Vec<&str> = json["legal_aid"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    let mut spec = vec![
        "accepted",
        "granted",
        "refused",
        "withdrawn",
        "assigned",
        "decided",
        "decided_on_time",
        "on_time_share",
        "pending",
        "overdue",
        "assign_overdue",
    ];
    spec.sort();
    assert_eq!(keys, spec);
}

/// Runs the real binary on the test database.
fn cli(test: &TestDb, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .arg("--db")
        .arg(&test.path)
        .args(args)
        .env("HOME", test.dir.path())
        .env("XDG_CONFIG_HOME", test.dir.path().join("config"))
        .env("XDG_DATA_HOME", test.dir.path().join("data"))
        .env_remove("LEGALDESK_DB")
        .env("LANG", "")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run legaldesk")
}

#[test]
fn aid_list_prints_json_and_text_overdue_first() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", ZONE).unwrap();
    let lawyer = duty_lawyer(&mut conn);
    // Received ten days ago (overdue now whatever the calendar) and an hour ago.
    let now = legaldesk::domain::clock::now();
    let old = accepted(&mut conn, &lawyer, "张三", now - 10 * DAY_S);
    let fresh = accepted(&mut conn, &lawyer, "李四", now - 3600);
    aid::mark_advance(
        &mut conn,
        &lawyer,
        fresh,
        AdvanceGround::Deadline,
        "",
        &settings(),
        now - 60,
    )
    .unwrap();
    let run = cli(&test, &["aid", "list", "--format", "json"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let listing: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let apps = listing["applications"].as_array().unwrap();
    let ids: Vec<i64> = apps.iter().filter_map(|a| a["id"].as_i64()).collect();
    assert_eq!(ids, vec![old, fresh], "overdue first");
    assert_eq!(apps[0]["overdue"], true);
    assert_eq!(apps[0]["applicant"], "张*");
    assert_eq!(apps[0]["decision_due"]["days"], 7);
    assert_eq!(apps[0]["decision_due"]["count"], "calendar");
    assert!(apps[0]["days_left"].as_i64().unwrap() < 0);
    assert_eq!(apps[1]["overdue"], false);
    assert_eq!(apps[1]["advance"]["code"], "deadline");
    assert!(!String::from_utf8_lossy(&run.stdout).contains("张三"));
    let overdue = cli(&test, &["aid", "list", "--overdue", "--format", "json"]);
    let overdue: serde_json::Value = serde_json::from_slice(&overdue.stdout).unwrap();
    assert_eq!(overdue["applications"].as_array().unwrap().len(), 1);
    let text = cli(&test, &["aid", "list"]);
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let first = text.lines().next().unwrap_or_default();
    assert!(first.contains("张*") && first.contains("逾期"), "{text}");
    assert!(text.contains("审查期限"), "{text}");
    let bad = cli(&test, &["--lang", "en", "aid", "list", "--format", "xml"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown format xml"));
}

#[test]
fn day_close_lapses_unmet_supplements_before_filing_the_figures() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let lawyer = duty_lawyer(&mut conn);
    let id = accepted(&mut conn, &lawyer, "郑一", opening());
    aid::request_supplement(
        &mut conn,
        &lawyer,
        id,
        &request("2026-11-24"),
        &settings(),
        opening() + 3600,
    )
    .unwrap();
    // Wednesday 25 November, evening: closing the day after the deadline.
    let supervisor = supervisor(&mut conn);
    let wednesday = chrono_date("2026-11-25");
    let report = legaldesk::service::close::close_day(
        &mut conn,
        Some(&supervisor),
        wednesday,
        opening() + 2 * DAY_S + 9 * 3600,
    )
    .unwrap();
    assert_eq!(state(&conn, id), "withdrawn");
    assert_eq!(report.tally.legal_aid.withdrawn, 1);
    assert_eq!(report.tally.legal_aid.pending, 0);
    let snapshot: String = conn
        .query_row(
            "SELECT tally_json FROM day_closes WHERE business_date = '2026-11-25'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let filed: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(filed["legal_aid"]["withdrawn"], 1);
}

/// `p` on the `[aid]` screen prints the selected application's notice: through `update` and
/// `perform` to a fake spooler that keeps its stdin; the PDF arrives, reads back (when
/// pdftotext is installed) with every material and the deadline and nothing personal, and
/// the print is audited. A pending application has no notice and says so.
#[test]
fn p_prints_the_supplement_notice_as_a_pdf() {
    use legaldesk::app::effect::{Effect, Outcome as Out};
    use legaldesk::app::perform::{perform, Job};
    use legaldesk::app::update::{update, Msg};
    use legaldesk::i18n::Lang;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::time::{Duration, Instant};

    let test = TestDb::seeded();
    let mut conn = test.conn();
    let dir = tempfile::tempdir().unwrap();
    let job_file = dir.path().join("job.pdf");
    let script = dir.path().join("lp");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ncat > '{}'\n", job_file.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    legaldesk::service::settings::set(&conn, "print_command", script.to_str().unwrap()).unwrap();
    let lawyer = duty_lawyer(&mut conn);
    let id = accepted(&mut conn, &lawyer, "孙八", opening());
    let tuesday = opening() + DAY_S;

    let mut state = legaldesk::app::state::State::new(Lang::Zh, settings(), tuesday);
    state.actor = Some(lawyer.clone());
    let keymap = legaldesk::keymap::Keymap::defaults();
    let mut jobs: Vec<Job> = Vec::new();
    let press = |state: &mut legaldesk::app::state::State| {
        update(
            state,
            Msg::Key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE)),
            &keymap,
        )
    };
    let open = |conn: &mut Connection, state: &mut legaldesk::app::state::State| {
        let view = legaldesk::app::aid_perform::load(conn, state, &lawyer, tuesday);
        let Out::Aid(view) = view else {
            panic!("{view:?}")
        };
        state.overlay = Some(legaldesk::app::state::Overlay::Aid(view));
    };

    // Pending: nothing to print, and the words say why.
    open(&mut conn, &mut state);
    let effects = press(&mut state);
    assert_eq!(effects, vec![Effect::PrintAidNotice(id)]);
    let outcome = perform(&mut conn, &state, effects[0].clone(), tuesday, &mut jobs);
    let Some(Out::Failed(text)) = outcome else {
        panic!("{outcome:?}")
    };
    assert!(
        legaldesk::i18n::Words::text(&text, Lang::Zh).contains("没有可打印的告知书"),
        "{text:?}"
    );
    assert!(jobs.is_empty());

    aid::request_supplement(
        &mut conn,
        &lawyer,
        id,
        &request("2026-12-04"),
        &settings(),
        tuesday,
    )
    .unwrap();
    open(&mut conn, &mut state);
    let effects = press(&mut state);
    assert_eq!(effects, vec![Effect::PrintAidNotice(id)]);
    let outcome = perform(&mut conn, &state, effects[0].clone(), tuesday, &mut jobs);
    assert!(matches!(outcome, Some(Out::Done(_))), "{outcome:?}");
    assert_eq!(jobs.len(), 1, "the PDF is made off the UI thread");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !jobs[0].is_finished() {
        assert!(Instant::now() < deadline, "the print job did not end");
        std::thread::sleep(Duration::from_millis(20));
    }
    match jobs.remove(0).join().unwrap() {
        Out::Background(Ok(_)) => {}
        other => panic!("{other:?}"),
    }
    let pdf = std::fs::read(&job_file).expect("the spooler got the job");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let audited: Vec<String> = audit_of(&conn, id).into_iter().map(|a| a.0).collect();
    assert_eq!(audited.last().map(String::as_str), Some("print_aid_notice"));

    if require_tool("pdftotext", "-v", "reading the notice back") {
        let out = std::process::Command::new("pdftotext")
            .arg(&job_file)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).replace([' ', '\n'], "");
        for expected in [
            "一次性告知书",
            "经济困难状况说明表或证明材料",
            "居民身份证或其他有效身份证明",
            "劳动合同复印件",
            "2026-12-04",
            "孙*",
        ] {
            assert!(text.contains(expected), "{expected} missing from {text}");
        }
        assert!(!text.contains("孙八"), "the full name is on paper");
        assert!(!text.contains("11010519491231002X"), "the ID is on paper");
    }
}
