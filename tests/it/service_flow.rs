//! The service layer on a real database file (SPEC §2–4): ticket numbering, queue order,
//! referral and return, no-show and re-queue, recall, hold, cancel, refused transitions,
//! permissions, input checks, PIN lockout, conflict hints and the audit chain.

use crate::common;

use crate::common::*;
use legaldesk::domain::codes::{Lane, Outcome, ReturnReason, Service, StepStatus};
use legaldesk::service::intake::{self, IntakeInput};
use legaldesk::service::steps::{self, Finish};
use legaldesk::service::visitor::{self, VisitorEdit};
use legaldesk::service::{audit, queries, staff, Problem, ServiceError};
use rusqlite::params;

const MIN: i64 = 60;

fn refer_to(target: Service, note: &str) -> Finish {
    Finish {
        refer_to: Some(target),
        note: note.into(),
        ..Finish::with_outcome(Outcome::Referred)
    }
}

/// Calls the next ticket at the actor's window and returns its ticket number.
fn call_next_ticket(
    conn: &mut rusqlite::Connection,
    actor: &legaldesk::service::Actor,
    now: i64,
) -> String {
    steps::call_next(conn, actor, &settings(), now)
        .unwrap_or_else(|e| panic!("call_next: {e:?}"))
        .ticket
}

fn queue_tickets(
    conn: &rusqlite::Connection,
    service: Service,
    now: i64,
) -> Vec<(String, StepStatus)> {
    queries::queue_rows(conn, &[service], DAY, now, 30)
        .expect("queue rows")
        .into_iter()
        .map(|r| (r.ticket, r.status))
        .collect()
}

#[test]
fn tickets_are_numbered_per_service_prefix() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    let a = issue(&mut conn, &desk, Service::Consult, "张三", t);
    let b = issue(&mut conn, &desk, Service::Consult, "李四", t + 10);
    let c = issue(&mut conn, &desk, Service::LegalAid, "王五", t + 20);
    let d = issue(&mut conn, &desk, Service::Notary, "赵六", t + 30);
    assert_eq!(
        (
            a.ticket.as_str(),
            b.ticket.as_str(),
            c.ticket.as_str(),
            d.ticket.as_str()
        ),
        ("Z001", "Z002", "Y001", "G001")
    );
    for issued in [&a, &b, &c, &d] {
        assert_eq!(issued.business_date, DAY);
        let (ticket, date): (String, String) = conn
            .query_row(
                "SELECT ticket, business_date FROM visits WHERE id = ?1",
                [issued.visit_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (ticket.as_str(), date.as_str()),
            (issued.ticket.as_str(), DAY)
        );
        let (seq, service, status, queued_at): (i64, String, String, i64) = conn
            .query_row(
                "SELECT seq, service, status, queued_at FROM steps WHERE id = ?1",
                [issued.step_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(
            (seq, service.as_str(), status.as_str()),
            (1, issued.service.code(), "waiting")
        );
        assert!(queued_at >= t);
    }
}

#[test]
fn numbering_restarts_each_business_day() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let late = at(DAY, 23, 59, 0);
    let first = issue(&mut conn, &desk, Service::Consult, "张三", late - 60);
    let second = issue(&mut conn, &desk, Service::Consult, "李四", late);
    assert_eq!(
        (first.ticket.as_str(), second.ticket.as_str()),
        ("Z001", "Z002")
    );
    assert_eq!(second.business_date, DAY);
    // Two minutes later it is the next local day (the UTC date has not changed: 16:01 UTC).
    let next_day = issue(&mut conn, &desk, Service::Consult, "王五", late + 2 * MIN);
    assert_eq!(next_day.business_date, "2026-11-24");
    assert_eq!(next_day.ticket, "Z001");
    let again = issue(&mut conn, &desk, Service::Consult, "赵六", late + 3 * MIN);
    assert_eq!(
        (again.business_date.as_str(), again.ticket.as_str()),
        ("2026-11-24", "Z002")
    );
}

#[test]
fn ticket_numbers_are_never_reused_after_deleting_a_visit() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    assert_eq!(
        issue(&mut conn, &desk, Service::Consult, "张三", t).ticket,
        "Z001"
    );
    let z2 = issue(&mut conn, &desk, Service::Consult, "李四", t + 10);
    assert_eq!(z2.ticket, "Z002");
    // Someone removes the last visit of the day behind the program's back.
    conn.execute("DELETE FROM steps WHERE visit_id = ?1", [z2.visit_id])
        .unwrap();
    conn.execute("DELETE FROM visits WHERE id = ?1", [z2.visit_id])
        .unwrap();
    let gone: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits WHERE ticket = 'Z002'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gone, 0);
    assert_eq!(
        issue(&mut conn, &desk, Service::Consult, "王五", t + 20).ticket,
        "Z003"
    );
    assert_eq!(
        issue(&mut conn, &desk, Service::Consult, "赵六", t + 30).ticket,
        "Z004"
    );
}

#[test]
fn call_next_takes_urgent_then_priority_then_normal_oldest_first() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    issue_in(
        &mut conn,
        &desk,
        Service::Consult,
        "普通甲",
        Lane::Normal,
        false,
        t,
    ); // Z001
    issue_in(
        &mut conn,
        &desk,
        Service::Consult,
        "普通乙",
        Lane::Normal,
        false,
        t + MIN,
    ); // Z002
    issue_in(
        &mut conn,
        &desk,
        Service::Consult,
        "老人",
        Lane::Elderly,
        false,
        t + 2 * MIN,
    ); // Z003
    issue_in(
        &mut conn,
        &desk,
        Service::Consult,
        "急事",
        Lane::Normal,
        true,
        t + 3 * MIN,
    ); // Z004
    issue_in(
        &mut conn,
        &desk,
        Service::Drafting,
        "军属",
        Lane::Military,
        false,
        t + 4 * MIN,
    ); // D001
    issue_in(
        &mut conn,
        &desk,
        Service::Consult,
        "急事老人",
        Lane::Elderly,
        true,
        t + 5 * MIN,
    ); // Z005
    let now = t + 10 * MIN;
    let shown: Vec<String> =
        queries::queue_rows(&conn, &[Service::Consult, Service::Drafting], DAY, now, 30)
            .unwrap()
            .into_iter()
            .map(|r| r.ticket)
            .collect();
    let expected = ["Z004", "Z005", "Z003", "D001", "Z001", "Z002"];
    assert_eq!(shown, expected, "queue as shown");
    let called: Vec<String> = (0..expected.len())
        .map(|i| call_next_ticket(&mut conn, &desk, now + i as i64))
        .collect();
    assert_eq!(
        called, expected,
        "order of call_next across the window's queues"
    );
    assert!(matches!(
        steps::call_next(&mut conn, &desk, &settings(), now + 10),
        Err(ServiceError::QueueEmpty)
    ));
}

#[test]
fn a_normal_ticket_waiting_over_the_cap_goes_before_a_fresh_priority_one() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    issue_in(
        &mut conn,
        &desk,
        Service::Consult,
        "普通",
        Lane::Normal,
        false,
        t,
    ); // Z001
    issue_in(
        &mut conn,
        &desk,
        Service::Consult,
        "残疾人",
        Lane::Disabled,
        false,
        t + 20 * MIN,
    ); // Z002
       // After 21 minutes the normal ticket is not yet promoted: the priority lane goes first.
    assert_eq!(call_next_ticket(&mut conn, &desk, t + 21 * MIN), "Z002");
    issue_in(
        &mut conn,
        &desk,
        Service::Consult,
        "老人",
        Lane::Elderly,
        false,
        t + 31 * MIN,
    ); // Z003
       // Exactly 30 minutes is not "longer than 30 minutes": the priority ticket still leads.
    let at_cap = queue_tickets(&conn, Service::Consult, t + 30 * MIN);
    assert_eq!(
        at_cap[0].0, "Z003",
        "promoted at the cap already: {at_cap:?}"
    );
    // 31 minutes on, Z001 counts as priority and is older than Z003.
    assert_eq!(
        call_next_ticket(&mut conn, &desk, t + 31 * MIN + 10),
        "Z001"
    );
    assert_eq!(
        call_next_ticket(&mut conn, &desk, t + 31 * MIN + 20),
        "Z003"
    );
}

#[test]
fn referral_opens_step_two_with_the_same_ticket_at_the_target_desk() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let lawyer = duty_lawyer(&mut conn);
    let t = opening();
    let issued = issue(&mut conn, &desk, Service::Consult, "张三", t);
    let claimed = steps::call_next(&mut conn, &desk, &settings(), t + MIN).unwrap();
    assert_eq!(claimed.step_id, issued.step_id);
    steps::start(&mut conn, &desk, issued.step_id, t + 2 * MIN).unwrap();
    let note = "欠薪三个月，已备劳动合同";
    let next = steps::finish(
        &mut conn,
        &desk,
        issued.step_id,
        &refer_to(Service::LegalAid, note),
        &settings(),
        t + 10 * MIN,
    )
    .unwrap()
    .expect("a referral opens the next step");

    let (status, outcome, saved_note, finished_at): (String, String, String, i64) = conn
        .query_row(
            "SELECT status, outcome, note, finished_at FROM steps WHERE id = ?1",
            [issued.step_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (
            status.as_str(),
            outcome.as_str(),
            saved_note.as_str(),
            finished_at
        ),
        ("done", "referred", note, t + 10 * MIN)
    );
    let (visit_id, seq, service, status, queued_at): (i64, i64, String, String, i64) = conn
        .query_row(
            "SELECT visit_id, seq, service, status, queued_at FROM steps WHERE id = ?1",
            [next],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        (visit_id, seq, service.as_str(), status.as_str(), queued_at),
        (issued.visit_id, 2, "legal_aid", "waiting", t + 10 * MIN)
    );

    // The desk's queue shows the same ticket, where it came from and the note.
    let rows = queries::queue_rows(&conn, &[Service::LegalAid], DAY, t + 11 * MIN, 30).unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (row.step_id, row.ticket.as_str(), row.service),
        (next, "Z001", Service::LegalAid)
    );
    let origin = row.origin.as_ref().expect("origin shown");
    assert_eq!(origin.service, Service::Consult);
    assert_eq!(origin.outcome, Some(Outcome::Referred));
    assert_eq!(origin.note, note);
    assert_eq!(origin.reason, None);
    // The name leaves the query masked.
    assert_eq!(row.name, "张*");
    // The front desk's own queue no longer has it.
    assert!(queue_tickets(&conn, Service::Consult, t + 11 * MIN).is_empty());

    // The duty lawyer picks it up and the same ticket is claimed.
    let picked = steps::pick_up_next(&mut conn, &lawyer, &settings(), t + 12 * MIN).unwrap();
    assert_eq!(
        (picked.step_id, picked.ticket.as_str(), picked.service),
        (next, "Z001", Service::LegalAid)
    );
    let accepted = Finish::with_outcome(Outcome::ApplicationAccepted);
    steps::start(&mut conn, &lawyer, next, t + 13 * MIN).unwrap();
    // A consultation collected no ID; the application needs one, so the desk adds it.
    let id = VisitorEdit {
        id_number: Some("110101199003074514".into()),
        ..VisitorEdit::default()
    };
    visitor::edit_visitor(&mut conn, &lawyer, next, &id, t + 14 * MIN).unwrap();
    assert_eq!(
        steps::finish(
            &mut conn,
            &lawyer,
            next,
            &accepted,
            &settings(),
            t + 30 * MIN
        )
        .unwrap(),
        None
    );
    let due: String = conn
        .query_row(
            "SELECT decision_due FROM steps WHERE id = ?1",
            [next],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due, "2026-11-30");
}

#[test]
fn return_to_front_goes_to_consult_with_the_reason() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let lawyer = duty_lawyer(&mut conn);
    let t = opening();
    let issued = issue(&mut conn, &desk, Service::LegalAid, "张三", t);
    steps::pick_up_next(&mut conn, &lawyer, &settings(), t + MIN).unwrap();
    steps::start(&mut conn, &lawyer, issued.step_id, t + 2 * MIN).unwrap();

    // "other" needs a note: refused, and nothing changes.
    let before = dump(&conn);
    let bare = Finish {
        reason: Some(ReturnReason::Other),
        ..Finish::with_outcome(Outcome::Returned)
    };
    let err = steps::finish(
        &mut conn,
        &lawyer,
        issued.step_id,
        &bare,
        &settings(),
        t + 3 * MIN,
    )
    .unwrap_err();
    assert!(
        matches!(err, ServiceError::Invalid(Problem::ReasonNote)),
        "{err:?}"
    );
    let no_reason = Finish::with_outcome(Outcome::Returned);
    let err = steps::finish(
        &mut conn,
        &lawyer,
        issued.step_id,
        &no_reason,
        &settings(),
        t + 3 * MIN,
    )
    .unwrap_err();
    assert!(
        matches!(err, ServiceError::Invalid(Problem::Reason)),
        "{err:?}"
    );
    assert_eq!(dump(&conn), before);

    let back = Finish {
        reason: Some(ReturnReason::Means),
        note: "月收入超过标准".into(),
        ..Finish::with_outcome(Outcome::Returned)
    };
    let next = steps::finish(
        &mut conn,
        &lawyer,
        issued.step_id,
        &back,
        &settings(),
        t + 5 * MIN,
    )
    .unwrap()
    .expect("next step");
    let (seq, service, status): (i64, String, String) = conn
        .query_row(
            "SELECT seq, service, status FROM steps WHERE id = ?1",
            [next],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (seq, service.as_str(), status.as_str()),
        (2, "consult", "waiting")
    );
    let (outcome, reason): (String, String) = conn
        .query_row(
            "SELECT outcome, reason FROM steps WHERE id = ?1",
            [issued.step_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((outcome.as_str(), reason.as_str()), ("returned", "means"));

    let rows = queries::queue_rows(&conn, &[Service::Consult], DAY, t + 6 * MIN, 30).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].ticket.as_str(), rows[0].step_id), ("Y001", next));
    let origin = rows[0].origin.as_ref().expect("origin");
    assert_eq!(origin.service, Service::LegalAid);
    assert_eq!(origin.outcome, Some(Outcome::Returned));
    assert_eq!(origin.reason, Some(ReturnReason::Means));
    assert_eq!(origin.note, "月收入超过标准");
    // The front desk calls it like any other consultation.
    assert_eq!(call_next_ticket(&mut conn, &desk, t + 7 * MIN), "Y001");
}

#[test]
fn a_requeued_no_show_goes_to_the_end_and_keeps_its_queued_at() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    let a = issue(&mut conn, &desk, Service::Consult, "甲", t);
    issue(&mut conn, &desk, Service::Consult, "乙", t + MIN);
    issue(&mut conn, &desk, Service::Consult, "丙", t + 2 * MIN);
    assert_eq!(call_next_ticket(&mut conn, &desk, t + 3 * MIN), "Z001");
    steps::mark_no_show(&mut conn, &desk, a.step_id, t + 5 * MIN).unwrap();
    assert_eq!(status_of(&conn, a.step_id), "no_show");
    // Listed after the waiting tickets while a no-show.
    assert_eq!(
        queue_tickets(&conn, Service::Consult, t + 5 * MIN),
        vec![
            ("Z002".into(), StepStatus::Waiting),
            ("Z003".into(), StepStatus::Waiting),
            ("Z001".into(), StepStatus::NoShow)
        ]
    );
    issue(&mut conn, &desk, Service::Consult, "丁", t + 6 * MIN); // Z004, queued after Z001's original time
    steps::requeue(&mut conn, &desk, a.step_id, &settings(), t + 7 * MIN).unwrap();

    let (status, queued_at, requeued_at, called_at, window_id): (
        String,
        i64,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    ) = conn
        .query_row(
            "SELECT status, queued_at, requeued_at, called_at, window_id FROM steps WHERE id = ?1",
            [a.step_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(status, "waiting");
    assert_eq!(queued_at, t, "queued_at is kept for the wait statistics");
    assert_eq!(requeued_at, Some(t + 7 * MIN));
    assert_eq!(
        (called_at, window_id),
        (None, None),
        "the claim is released"
    );

    let shown: Vec<String> = queue_tickets(&conn, Service::Consult, t + 8 * MIN)
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(shown, ["Z002", "Z003", "Z004", "Z001"]);
    let called: Vec<String> = (0..4)
        .map(|i| call_next_ticket(&mut conn, &desk, t + 8 * MIN + i))
        .collect();
    assert_eq!(called, ["Z002", "Z003", "Z004", "Z001"]);
}

#[test]
fn requeue_is_refused_when_the_desk_does_not_allow_it() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    let a = issue(&mut conn, &desk, Service::Consult, "甲", t);
    call_next_ticket(&mut conn, &desk, t + MIN);
    steps::mark_no_show(&mut conn, &desk, a.step_id, t + 2 * MIN).unwrap();
    let before = dump(&conn);
    let strict = legaldesk::service::settings::Settings {
        allow_requeue: false,
        ..settings()
    };
    assert!(matches!(
        steps::requeue(&mut conn, &desk, a.step_id, &strict, t + 3 * MIN),
        Err(ServiceError::Invalid(Problem::RequeueOff))
    ));
    assert_eq!(dump(&conn), before);
}

#[test]
fn recall_is_counted_and_moves_called_at() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    let a = issue(&mut conn, &desk, Service::Consult, "甲", t);
    call_next_ticket(&mut conn, &desk, t + MIN);
    steps::recall(&mut conn, &desk, a.step_id, t + 2 * MIN).unwrap();
    steps::recall(&mut conn, &desk, a.step_id, t + 3 * MIN).unwrap();
    let (recalls, called_at, status): (i64, i64, String) = conn
        .query_row(
            "SELECT recalls, called_at, status FROM steps WHERE id = ?1",
            [a.step_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (recalls, called_at, status.as_str()),
        (2, t + 3 * MIN, "called")
    );
    let mine = queries::window_tickets(&conn, desk.window_id.unwrap()).unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(
        (mine[0].row.recalls, mine[0].called_at),
        (2, Some(t + 3 * MIN))
    );
    // Once serving, a recall is refused.
    steps::start(&mut conn, &desk, a.step_id, t + 4 * MIN).unwrap();
    assert!(matches!(
        steps::recall(&mut conn, &desk, a.step_id, t + 5 * MIN),
        Err(ServiceError::WrongState(StepStatus::Serving))
    ));
}

#[test]
fn hold_and_resume() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    let a = issue(&mut conn, &desk, Service::Consult, "甲", t);
    call_next_ticket(&mut conn, &desk, t + MIN);
    // A called (not yet served) ticket cannot be put on hold.
    let before = step_row(&conn, a.step_id);
    assert!(matches!(
        steps::toggle_hold(&mut conn, &desk, a.step_id, t + MIN),
        Err(ServiceError::WrongState(StepStatus::Called))
    ));
    assert_eq!(step_row(&conn, a.step_id), before);
    steps::start(&mut conn, &desk, a.step_id, t + 2 * MIN).unwrap();
    assert_eq!(
        steps::toggle_hold(&mut conn, &desk, a.step_id, t + 3 * MIN).unwrap(),
        StepStatus::OnHold
    );
    assert_eq!(status_of(&conn, a.step_id), "on_hold");
    // On hold it is still at this window.
    assert_eq!(
        queries::window_tickets(&conn, desk.window_id.unwrap()).unwrap()[0]
            .row
            .status,
        StepStatus::OnHold
    );
    assert_eq!(
        steps::toggle_hold(&mut conn, &desk, a.step_id, t + 4 * MIN).unwrap(),
        StepStatus::Serving
    );
    assert_eq!(status_of(&conn, a.step_id), "serving");
    // Held again, it can be finished straight from hold.
    steps::toggle_hold(&mut conn, &desk, a.step_id, t + 5 * MIN).unwrap();
    steps::finish(
        &mut conn,
        &desk,
        a.step_id,
        &Finish::with_outcome(Outcome::Answered),
        &settings(),
        t + 6 * MIN,
    )
    .unwrap();
    let (status, started, finished): (String, i64, i64) = conn
        .query_row(
            "SELECT status, started_at, finished_at FROM steps WHERE id = ?1",
            [a.step_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), started, finished),
        ("done", t + 2 * MIN, t + 6 * MIN)
    );
}

#[test]
fn cancel_from_every_open_state() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    let waiting = issue(&mut conn, &desk, Service::Consult, "等候", t);
    let called = issue(&mut conn, &desk, Service::Consult, "已叫", t + 1);
    let serving = issue(&mut conn, &desk, Service::Consult, "办理", t + 2);
    let held = issue(&mut conn, &desk, Service::Consult, "暂挂", t + 3);
    for step in [called.step_id, serving.step_id, held.step_id] {
        steps::call_step(&mut conn, &desk, step, t + MIN).unwrap();
    }
    steps::start(&mut conn, &desk, serving.step_id, t + 2 * MIN).unwrap();
    steps::start(&mut conn, &desk, held.step_id, t + 2 * MIN).unwrap();
    steps::toggle_hold(&mut conn, &desk, held.step_id, t + 3 * MIN).unwrap();
    let expected = [
        ("waiting", &waiting, None),
        ("called", &called, None),
        ("serving", &serving, Some(t + 5 * MIN)),
        ("on_hold", &held, Some(t + 5 * MIN)),
    ];
    for (from, issued, finished) in expected {
        assert_eq!(status_of(&conn, issued.step_id), from);
        steps::cancel(&mut conn, &desk, issued.step_id, t + 5 * MIN)
            .unwrap_or_else(|e| panic!("cancel from {from}: {e:?}"));
        let (status, finished_at): (String, Option<i64>) = conn
            .query_row(
                "SELECT status, finished_at FROM steps WHERE id = ?1",
                [issued.step_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (status.as_str(), finished_at),
            ("cancelled", finished),
            "cancel from {from}"
        );
    }
    // A final state stays final.
    let before = dump(&conn);
    assert!(matches!(
        steps::cancel(&mut conn, &desk, waiting.step_id, t + 6 * MIN),
        Err(ServiceError::WrongState(StepStatus::Cancelled))
    ));
    assert_eq!(dump(&conn), before);
    // The front desk may record that a visitor left a legal-aid queue too.
    let aid = issue(&mut conn, &desk, Service::LegalAid, "援助", t + 7 * MIN);
    steps::cancel(&mut conn, &desk, aid.step_id, t + 8 * MIN).unwrap();
    assert_eq!(status_of(&conn, aid.step_id), "cancelled");
}

#[test]
fn refused_transitions_leave_the_database_unchanged() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    let waiting = issue(&mut conn, &desk, Service::Consult, "等候", t).step_id;
    let serving = issue(&mut conn, &desk, Service::Consult, "办理", t + 1).step_id;
    let done = issue(&mut conn, &desk, Service::Consult, "办结", t + 2).step_id;
    steps::call_step(&mut conn, &desk, serving, t + MIN).unwrap();
    steps::start(&mut conn, &desk, serving, t + MIN).unwrap();
    steps::call_step(&mut conn, &desk, done, t + MIN).unwrap();
    steps::finish(
        &mut conn,
        &desk,
        done,
        &Finish::with_outcome(Outcome::Answered),
        &settings(),
        t + 2 * MIN,
    )
    .unwrap();
    let s = settings();
    let answered = Finish::with_outcome(Outcome::Answered);
    let now = t + 3 * MIN;
    type Attempt<'a> = (
        &'a str,
        Box<dyn Fn(&mut rusqlite::Connection) -> Result<(), ServiceError> + 'a>,
        StepStatus,
    );
    let attempts: Vec<Attempt> = vec![
        (
            "finish a waiting step",
            Box::new(|c: &mut rusqlite::Connection| {
                steps::finish(c, &desk, waiting, &answered, &s, now).map(drop)
            }),
            StepStatus::Waiting,
        ),
        (
            "start a waiting step",
            Box::new(|c: &mut rusqlite::Connection| steps::start(c, &desk, waiting, now)),
            StepStatus::Waiting,
        ),
        (
            "recall a waiting step",
            Box::new(|c: &mut rusqlite::Connection| steps::recall(c, &desk, waiting, now)),
            StepStatus::Waiting,
        ),
        (
            "no-show a waiting step",
            Box::new(|c: &mut rusqlite::Connection| steps::mark_no_show(c, &desk, waiting, now)),
            StepStatus::Waiting,
        ),
        (
            "requeue a waiting step",
            Box::new(|c: &mut rusqlite::Connection| steps::requeue(c, &desk, waiting, &s, now)),
            StepStatus::Waiting,
        ),
        (
            "hold a waiting step",
            Box::new(|c: &mut rusqlite::Connection| {
                steps::toggle_hold(c, &desk, waiting, now).map(drop)
            }),
            StepStatus::Waiting,
        ),
        (
            "call a serving step",
            Box::new(|c: &mut rusqlite::Connection| {
                steps::call_step(c, &desk, serving, now).map(drop)
            }),
            StepStatus::Serving,
        ),
        (
            "no-show a serving step",
            Box::new(|c: &mut rusqlite::Connection| steps::mark_no_show(c, &desk, serving, now)),
            StepStatus::Serving,
        ),
        (
            "start a serving step",
            Box::new(|c: &mut rusqlite::Connection| steps::start(c, &desk, serving, now)),
            StepStatus::Serving,
        ),
        (
            "finish a done step",
            Box::new(|c: &mut rusqlite::Connection| {
                steps::finish(c, &desk, done, &answered, &s, now).map(drop)
            }),
            StepStatus::Done,
        ),
        (
            "start a done step",
            Box::new(|c: &mut rusqlite::Connection| steps::start(c, &desk, done, now)),
            StepStatus::Done,
        ),
        (
            "hold a done step",
            Box::new(|c: &mut rusqlite::Connection| {
                steps::toggle_hold(c, &desk, done, now).map(drop)
            }),
            StepStatus::Done,
        ),
    ];
    for (what, attempt, from) in &attempts {
        let before = dump(&conn);
        let rows_before = [
            step_row(&conn, waiting),
            step_row(&conn, serving),
            step_row(&conn, done),
        ];
        match attempt(&mut conn) {
            Err(ServiceError::WrongState(status)) => assert_eq!(status, *from, "{what}"),
            other => panic!("{what}: expected WrongState({from:?}), got {other:?}"),
        }
        assert_eq!(
            [
                step_row(&conn, waiting),
                step_row(&conn, serving),
                step_row(&conn, done)
            ],
            rows_before,
            "{what}: step rows"
        );
        assert_eq!(dump(&conn), before, "{what}: the database changed");
    }
    // An unknown step is NotFound and writes nothing.
    let before = dump(&conn);
    assert!(matches!(
        steps::start(&mut conn, &desk, 9999, now),
        Err(ServiceError::NotFound)
    ));
    assert_eq!(dump(&conn), before);
}

#[test]
fn each_role_does_only_its_own_work() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let lawyer = duty_lawyer(&mut conn);
    let mediator = mediator(&mut conn);
    let t = opening();
    let consult = issue(&mut conn, &desk, Service::Consult, "咨询", t);
    let notary = issue(&mut conn, &desk, Service::Notary, "公证", t + 1);
    // With the applicant's ID, so the lawyer may accept the application below (SPEC §10).
    let with_id = IntakeInput {
        id_number: "110101199003074514".into(),
        ..visitor(Service::LegalAid, "援助")
    };
    let aid = intake::issue_ticket(&mut conn, &desk, &with_id, &settings(), t + 2).unwrap();
    let before = dump(&conn);

    // A duty lawyer cannot call from the consult queue, nor pick up a notary step.
    assert!(matches!(
        steps::call_step(&mut conn, &lawyer, consult.step_id, t + MIN),
        Err(ServiceError::Denied)
    ));
    assert!(matches!(
        steps::call_step(&mut conn, &lawyer, notary.step_id, t + MIN),
        Err(ServiceError::Denied)
    ));
    // Even claiming to stand at W1, the consult queue is not one the lawyer calls from.
    let w1 = staff::list_windows(&conn)
        .unwrap()
        .into_iter()
        .find(|w| w.code == "W1")
        .unwrap();
    let lawyer_at_w1 = legaldesk::service::Actor {
        window_id: Some(w1.id),
        ..lawyer.clone()
    };
    assert!(matches!(
        steps::call_next(&mut conn, &lawyer_at_w1, &settings(), t + MIN),
        Err(ServiceError::Invalid(Problem::WindowService))
    ));
    // Nor may a duty lawyer sign in at the front desk's window.
    assert!(matches!(
        staff::sign_in(&mut conn, DUTY_LAWYER, PIN, Some("W1"), t),
        Err(ServiceError::Invalid(Problem::WindowService))
    ));
    // A mediator cannot issue tickets.
    let err = intake::issue_ticket(
        &mut conn,
        &mediator,
        &visitor(Service::Mediation, "调解"),
        &settings(),
        t + MIN,
    )
    .unwrap_err();
    assert!(matches!(err, ServiceError::Denied), "{err:?}");
    // The front desk cannot take a legal-aid step.
    assert!(matches!(
        steps::call_step(&mut conn, &desk, aid.step_id, t + MIN),
        Err(ServiceError::Denied)
    ));
    assert_eq!(dump(&conn), before, "refused commands wrote something");

    // A front desk cannot finish a legal-aid step being served by the lawyer.
    steps::pick_up_next(&mut conn, &lawyer, &settings(), t + 2 * MIN).unwrap();
    steps::start(&mut conn, &lawyer, aid.step_id, t + 3 * MIN).unwrap();
    let before = dump(&conn);
    let accepted = Finish::with_outcome(Outcome::ApplicationAccepted);
    assert!(matches!(
        steps::finish(
            &mut conn,
            &desk,
            aid.step_id,
            &accepted,
            &settings(),
            t + 4 * MIN
        ),
        Err(ServiceError::Denied)
    ));
    assert!(matches!(
        steps::toggle_hold(&mut conn, &desk, aid.step_id, t + 4 * MIN),
        Err(ServiceError::Denied)
    ));
    assert!(matches!(
        steps::recall(&mut conn, &mediator, aid.step_id, t + 4 * MIN),
        Err(ServiceError::Denied)
    ));
    assert_eq!(dump(&conn), before);
    // The lawyer can.
    steps::finish(
        &mut conn,
        &lawyer,
        aid.step_id,
        &accepted,
        &settings(),
        t + 5 * MIN,
    )
    .unwrap();
    assert_eq!(status_of(&conn, aid.step_id), "done");
    // And the notary step is still waiting for the notary.
    let notary_actor = common::notary(&mut conn);
    assert_eq!(
        steps::pick_up_next(&mut conn, &notary_actor, &settings(), t + 6 * MIN)
            .unwrap()
            .step_id,
        notary.step_id
    );
}

/// Runs a bad intake and checks it is refused with `expected` and writes nothing at all.
fn refused_intake(
    conn: &mut rusqlite::Connection,
    actor: &legaldesk::service::Actor,
    input: &IntakeInput,
    expected: &str,
) {
    let counts = |c: &rusqlite::Connection| {
        ["visits", "visitors", "steps", "ticket_counters", "audit"].map(|t| count(c, t))
    };
    let before = dump(conn);
    let counts_before = counts(conn);
    let err = intake::issue_ticket(conn, actor, input, &settings(), opening())
        .expect_err("bad input must be refused");
    assert_eq!(format!("{err:?}"), expected, "input {input:?}");
    assert_eq!(
        counts(conn),
        counts_before,
        "row counts changed for {input:?}"
    );
    assert_eq!(dump(conn), before, "database changed for {input:?}");
}

#[test]
fn bad_intake_input_is_refused_and_changes_nothing() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    // A first ticket, so counters and audit rows exist and could be disturbed.
    issue(&mut conn, &desk, Service::Consult, "先来", opening() - 60);
    let base = visitor(Service::Consult, "张三");
    let empty = |f: &str| format!("Field {{ field: {f}, problem: Empty }}");
    let too_long =
        |f: &str, max: usize| format!("Field {{ field: {f}, problem: TooLong {{ max: {max} }} }}");
    refused_intake(
        &mut conn,
        &desk,
        &IntakeInput {
            name: String::new(),
            ..base.clone()
        },
        &empty("Name"),
    );
    refused_intake(
        &mut conn,
        &desk,
        &IntakeInput {
            name: "  \u{7}\u{1b} ".into(),
            ..base.clone()
        },
        &empty("Name"),
    );
    refused_intake(
        &mut conn,
        &desk,
        &IntakeInput {
            name: "名".repeat(33),
            ..base.clone()
        },
        &too_long("Name", 32),
    );
    refused_intake(
        &mut conn,
        &desk,
        &IntakeInput {
            phone: "138abc45678".into(),
            ..base.clone()
        },
        "Field { field: Phone, problem: NotAPhone }",
    );
    refused_intake(
        &mut conn,
        &desk,
        &IntakeInput {
            parties: "0".into(),
            ..base.clone()
        },
        "Field { field: Parties, problem: OutOfRange }",
    );
    refused_intake(
        &mut conn,
        &desk,
        &IntakeInput {
            summary: "长".repeat(201),
            ..base.clone()
        },
        &too_long("Summary", 200),
    );
    // A resident ID with a wrong check digit is a warning: refused unless overridden.
    let wrong_id = IntakeInput {
        service: Service::LegalAid,
        id_number: " 11010519491231003x ".into(),
        ..base.clone()
    };
    refused_intake(&mut conn, &desk, &wrong_id, "Invalid(IdCheck)");
    refused_intake(
        &mut conn,
        &desk,
        &IntakeInput {
            id_number: "110101199003074515".into(),
            ..wrong_id.clone()
        },
        "Invalid(IdCheck)",
    );
    // The boundary is allowed: exactly 32 characters.
    let ok = intake::issue_ticket(
        &mut conn,
        &desk,
        &IntakeInput {
            name: "名".repeat(32),
            ..base.clone()
        },
        &settings(),
        opening(),
    )
    .unwrap();
    assert_eq!(ok.ticket, "Z002");
}

#[test]
fn control_characters_never_reach_the_database() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let input = IntakeInput {
        name: "张\u{1b}[31m三\u{7}\u{202e}".into(),
        summary: "欠薪\u{1b}]0;pwned\u{7}\n三个月\u{9b}2J".into(),
        adverse_name: "某\u{0}公司".into(),
        ..visitor(Service::Consult, "")
    };
    let issued = intake::issue_ticket(&mut conn, &desk, &input, &settings(), opening()).unwrap();
    let (name, summary, adverse): (String, String, String) = conn
        .query_row(
            "SELECT p.name, v.summary, v.adverse_name FROM visits v JOIN visitors p ON p.id = v.visitor_id WHERE v.id = ?1",
            [issued.visit_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    for text in [&name, &summary, &adverse] {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "control character stored: {text:?}"
        );
    }
    assert_eq!(name, "张[31m三");
    assert_eq!(adverse, "某公司");
    assert!(
        summary.starts_with("欠薪") && summary.contains("三个月"),
        "{summary:?}"
    );
}

#[test]
fn overridden_resident_id_is_stored_normalised_and_only_where_needed() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    let wrong = IntakeInput {
        id_number: " 11010519491231003x ".into(),
        id_override: true,
        ..visitor(Service::LegalAid, "张三")
    };
    let issued = intake::issue_ticket(&mut conn, &desk, &wrong, &settings(), t).unwrap();
    let id_of = |conn: &rusqlite::Connection, visit: i64| -> (Option<String>, Option<String>) {
        conn.query_row("SELECT p.id_type, p.id_number FROM visits v JOIN visitors p ON p.id = v.visitor_id WHERE v.id = ?1", [visit], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    };
    assert_eq!(
        id_of(&conn, issued.visit_id),
        (
            Some("resident_id".into()),
            Some("11010519491231003X".into())
        )
    );
    // A valid lower-case x needs no override and is stored upper-case.
    let valid = IntakeInput {
        id_number: "11010519491231002x".into(),
        ..visitor(Service::Mediation, "李四")
    };
    let issued = intake::issue_ticket(&mut conn, &desk, &valid, &settings(), t + 1).unwrap();
    assert_eq!(
        id_of(&conn, issued.visit_id).1.as_deref(),
        Some("11010519491231002X")
    );
    // A consultation never collects the ID, even if one was typed.
    let consult = IntakeInput {
        id_number: "11010519491231002X".into(),
        ..visitor(Service::Consult, "王五")
    };
    let issued = intake::issue_ticket(&mut conn, &desk, &consult, &settings(), t + 2).unwrap();
    assert_eq!(id_of(&conn, issued.visit_id), (None, None));
}

#[test]
fn wrong_pins_are_counted_in_the_database_then_back_off_then_lock() {
    let test = TestDb::seeded();
    let mut first = test.conn();
    let mut second = test.conn(); // another terminal
    let t = opening();
    let failed = |c: &rusqlite::Connection| -> i64 {
        c.query_row(
            "SELECT failed_pins FROM staff WHERE code = ?1",
            [FRONT_DESK],
            |r| r.get(0),
        )
        .unwrap()
    };

    let e1 = staff::sign_in(&mut first, FRONT_DESK, "0000", Some("W1"), t).unwrap_err();
    assert!(
        matches!(e1, ServiceError::WrongPin { remaining } if remaining == staff::LOCK_AFTER - 1),
        "{e1:?}"
    );
    let e2 = staff::sign_in(&mut second, FRONT_DESK, "9999", Some("W1"), t).unwrap_err();
    assert!(
        matches!(e2, ServiceError::WrongPin { remaining } if remaining == staff::LOCK_AFTER - 2),
        "the count is shared: {e2:?}"
    );
    assert_eq!(failed(&first), 2);
    // Two wrong tries: now each try must wait, even with the right PIN, at either terminal.
    let wait = staff::backoff_seconds(2);
    assert!(wait > 0);
    for conn in [&mut first, &mut second] {
        let e = staff::sign_in(conn, FRONT_DESK, PIN, Some("W1"), t + wait - 1).unwrap_err();
        assert!(
            matches!(e, ServiceError::BackOff(s) if s >= 1 && s <= wait),
            "{e:?}"
        );
    }
    assert_eq!(
        failed(&second),
        2,
        "a refused try during back-off is not counted"
    );
    // Keep failing, each time after the back-off, until the lock.
    let mut now = t;
    let mut count = 2;
    while count < staff::LOCK_AFTER {
        now += staff::backoff_seconds(count);
        let e = staff::sign_in(&mut first, FRONT_DESK, "0000", Some("W1"), now).unwrap_err();
        count += 1;
        if count == staff::LOCK_AFTER {
            assert!(matches!(e, ServiceError::Locked), "try {count}: {e:?}");
        } else {
            assert!(
                matches!(e, ServiceError::WrongPin { remaining } if remaining == staff::LOCK_AFTER - count),
                "try {count}: {e:?}"
            );
        }
    }
    let locked: bool = second
        .query_row(
            "SELECT locked FROM staff WHERE code = ?1",
            [FRONT_DESK],
            |r| r.get(0),
        )
        .unwrap();
    assert!(locked);
    // Locked: the right PIN, much later, at the other terminal, is still refused.
    assert!(matches!(
        staff::sign_in(&mut second, FRONT_DESK, PIN, Some("W1"), now + 86_400),
        Err(ServiceError::Locked)
    ));
    let list = staff::list_staff(&second).unwrap();
    assert!(list.iter().any(|s| s.code == FRONT_DESK && s.locked));
    // A supervisor lifts it.
    let boss = supervisor(&mut second);
    staff::unlock(&mut second, Some(&boss), FRONT_DESK, now + 86_401).unwrap();
    let actor = staff::sign_in(&mut first, FRONT_DESK, PIN, Some("W1"), now + 86_402).unwrap();
    assert_eq!(actor.code, FRONT_DESK);
    assert_eq!(failed(&first), 0);
    // Only a supervisor may unlock.
    assert!(matches!(
        staff::unlock(&mut first, Some(&actor), FRONT_DESK, now + 86_403),
        Err(ServiceError::Denied)
    ));
}

#[test]
fn unknown_staff_code_says_the_same_as_a_wrong_pin() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let before = dump(&conn);
    let e = staff::sign_in(&mut conn, "S99", PIN, Some("W1"), opening()).unwrap_err();
    assert!(
        matches!(e, ServiceError::WrongPin { remaining } if remaining == staff::LOCK_AFTER),
        "{e:?}"
    );
    assert_eq!(dump(&conn), before);
}

#[test]
fn pins_are_stored_only_as_argon2id_hashes() {
    let test = TestDb::seeded();
    let conn = test.conn();
    let mut stmt = conn
        .prepare("SELECT code, pin_hash FROM staff ORDER BY code")
        .unwrap();
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 5);
    let mut seen = std::collections::HashSet::new();
    for (code, hash) in &rows {
        assert!(hash.starts_with("$argon2id$"), "{code}: {hash}");
        assert!(!hash.contains(PIN), "{code}: the PIN is visible in {hash}");
        assert!(
            seen.insert(hash.clone()),
            "{code}: the same PIN must hash differently (salt)"
        );
    }
    // Nothing else in the database carries the PIN either.
    for (table, rows) in dump(&conn) {
        for row in rows {
            for value in row {
                if let rusqlite::types::Value::Text(text) = value {
                    assert!(text != PIN, "the PIN is stored in {table}");
                }
            }
        }
    }
}

#[test]
fn conflict_hint_fires_when_the_adverse_party_has_an_open_matter() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let t = opening();
    // 王老板 came in earlier today and is waiting at mediation: an open matter.
    let boss = issue(&mut conn, &desk, Service::Mediation, "王老板", t);
    // 陈某 came too, but left: a closed matter.
    let gone = issue(&mut conn, &desk, Service::Consult, "陈某", t + 1);
    steps::cancel(&mut conn, &desk, gone.step_id, t + 2).unwrap();

    let against = |name: &str| IntakeInput {
        adverse_name: name.into(),
        matter: legaldesk::domain::codes::Matter::Labor,
        ..visitor(Service::Consult, "刘工")
    };
    let referred_against = |conn: &mut rusqlite::Connection, adverse: &str, now: i64| -> i64 {
        let issued =
            intake::issue_ticket(conn, &desk, &against(adverse), &settings(), now).unwrap();
        steps::call_step(conn, &desk, issued.step_id, now + 1).unwrap();
        steps::finish(
            conn,
            &desk,
            issued.step_id,
            &refer_to(Service::LegalAid, "讨薪"),
            &settings(),
            now + 2,
        )
        .unwrap()
        .unwrap()
    };
    let step = referred_against(&mut conn, "王老板", t + MIN);
    let hints = queries::conflict_hints(&conn, step, "2025-11-23").unwrap();
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(
        (
            hints[0].ticket.as_str(),
            hints[0].business_date.as_str(),
            hints[0].service
        ),
        (boss.ticket.as_str(), DAY, Service::Mediation)
    );

    // No hint for a closed matter, nor for a name nobody has.
    let closed = referred_against(&mut conn, "陈某", t + 2 * MIN);
    assert!(queries::conflict_hints(&conn, closed, "2025-11-23")
        .unwrap()
        .is_empty());
    let nobody = referred_against(&mut conn, "不存在的人", t + 3 * MIN);
    assert!(queries::conflict_hints(&conn, nobody, "2025-11-23")
        .unwrap()
        .is_empty());
    // Nor when the matching matter is older than the window asked about.
    assert!(queries::conflict_hints(&conn, step, "2026-11-24")
        .unwrap()
        .is_empty());
}

#[test]
fn audit_chain_holds_and_an_edit_breaks_it() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = front_desk(&mut conn);
    let lawyer = duty_lawyer(&mut conn);
    let t = opening();
    let a = issue(&mut conn, &desk, Service::Consult, "张三", t);
    steps::call_next(&mut conn, &desk, &settings(), t + 1).unwrap();
    steps::start(&mut conn, &desk, a.step_id, t + 2).unwrap();
    let next = steps::finish(
        &mut conn,
        &desk,
        a.step_id,
        &refer_to(Service::LegalAid, "援助"),
        &settings(),
        t + 3,
    )
    .unwrap()
    .unwrap();
    steps::pick_up_next(&mut conn, &lawyer, &settings(), t + 4).unwrap();
    steps::finish(
        &mut conn,
        &lawyer,
        next,
        &Finish::with_outcome(Outcome::AdviceOnly),
        &settings(),
        t + 5,
    )
    .unwrap();
    assert_eq!(audit::first_broken_link(&conn).unwrap(), None);

    let actions: Vec<String> = conn
        .prepare("SELECT action FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for expected in [
        "staff_add",
        "sign_in",
        "intake",
        "call",
        "start",
        "finish",
        "handoff",
        "pick_up",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "no {expected} audit row in {actions:?}"
        );
    }
    let rows = count(&conn, "audit");
    let middle: i64 = conn
        .query_row(
            "SELECT id FROM audit ORDER BY id LIMIT 1 OFFSET ?1",
            [rows / 2],
            |r| r.get(0),
        )
        .unwrap();

    // The triggers refuse edits and deletions.
    let update = conn
        .execute("UPDATE audit SET detail = 'x' WHERE id = ?1", [middle])
        .unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = conn
        .execute("DELETE FROM audit WHERE id = ?1", [middle])
        .unwrap_err();
    assert!(delete.to_string().contains("append-only"), "{delete}");
    assert_eq!(count(&conn, "audit"), rows);
    assert_eq!(audit::first_broken_link(&conn).unwrap(), None);

    // Someone with the file drops the trigger and edits a row: the chain shows where.
    conn.execute_batch("DROP TRIGGER audit_no_update").unwrap();
    conn.execute(
        "UPDATE audit SET detail = ?2 WHERE id = ?1",
        params![middle, "Z999"],
    )
    .unwrap();
    assert_eq!(audit::first_broken_link(&conn).unwrap(), Some(middle));
}
