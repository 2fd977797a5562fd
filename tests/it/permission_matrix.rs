//! Every service-layer command × every role of SPEC §1, through the real functions on a real
//! database file: allowed where the spec says so, `Denied` everywhere else — and a denial
//! changes nothing at all (every row of every table compared).
//!
//! The expectations are written out from SPEC §1 here, not taken from `permissions::allowed`,
//! so a wrong rule in the code shows up as a failure.

use crate::common::*;
use chrono::NaiveDate;
use rusqlite::Connection;

use legaldesk::domain::codes::{Outcome, Role, Service};
use legaldesk::i18n::visitor::VisitorText;
use legaldesk::service::visitor::{self as visitor_edit, VisitorEdit};
use legaldesk::service::{
    close, intake, purge, staff, steps, unmask, Actor, Problem, ServiceError,
};

const ROLES: [Role; 5] = [
    Role::FrontDesk,
    Role::DutyLawyer,
    Role::Notary,
    Role::Mediator,
    Role::Supervisor,
];
const SERVICES: [Service; 5] = [
    Service::Consult,
    Service::LegalAid,
    Service::Notary,
    Service::Mediation,
    Service::Drafting,
];

/// SPEC §1: which services a role serves at its window.
fn spec_serves(role: Role, service: Service) -> bool {
    match role {
        Role::Supervisor => true,
        Role::FrontDesk => matches!(service, Service::Consult | Service::Drafting),
        Role::DutyLawyer => service == Service::LegalAid,
        Role::Notary => service == Service::Notary,
        Role::Mediator => service == Service::Mediation,
    }
}

/// SPEC §1: the front desk registers visitors and sees the whole hall, so it may also record
/// that a visitor left, whatever queue they were in.
fn spec_cancels(role: Role, service: Service) -> bool {
    spec_serves(role, service) || role == Role::FrontDesk
}

/// SPEC §1: only the front desk (and the supervisor) issue tickets.
fn spec_issues(role: Role) -> bool {
    matches!(role, Role::FrontDesk | Role::Supervisor)
}

/// SPEC §1 and §10: legal-aid applications are decided at the legal-aid window (值班律师) and
/// by the supervisor.
fn spec_decides_aid(role: Role) -> bool {
    matches!(role, Role::DutyLawyer | Role::Supervisor)
}

/// SPEC §1: staff, windows, day close, unmasking and retention are the supervisor's.
fn spec_supervisor_only(role: Role) -> bool {
    role == Role::Supervisor
}

struct Hall {
    db: TestDb,
    conn: Connection,
    actors: Vec<(Role, Actor)>,
    supervisor: Actor,
    clock: i64,
}

impl Hall {
    fn new() -> Hall {
        let db = TestDb::seeded();
        let mut conn = db.conn();
        let supervisor = sign_in(&mut conn, SUPERVISOR, Some("W1"));
        let actors = vec![
            (Role::FrontDesk, front_desk(&mut conn)),
            (Role::DutyLawyer, duty_lawyer(&mut conn)),
            (Role::Notary, notary(&mut conn)),
            (Role::Mediator, mediator(&mut conn)),
            (Role::Supervisor, supervisor.clone()),
        ];
        Hall {
            db,
            conn,
            actors,
            supervisor,
            clock: opening(),
        }
    }

    fn tick(&mut self) -> i64 {
        self.clock += 7;
        self.clock
    }

    /// A fresh step of `service`, brought by the supervisor to `status`.
    fn step_in(&mut self, service: Service, status: &str) -> i64 {
        let now = self.tick();
        // With an ID where the service collects one: accepting a legal-aid application needs
        // it (SPEC §10), and this matrix is about roles, not about a missing document.
        let input = intake::IntakeInput {
            id_number: "110101199003074514".into(),
            ..visitor(service, "张三")
        };
        let issued =
            intake::issue_ticket(&mut self.conn, &self.supervisor, &input, &settings(), now)
                .expect("supervisor issues");
        let id = issued.step_id;
        if status == "waiting" {
            return id;
        }
        let now = self.tick();
        steps::call_step(&mut self.conn, &self.supervisor, id, now).expect("supervisor calls");
        let now = self.tick();
        match status {
            "called" => {}
            "serving" => {
                steps::start(&mut self.conn, &self.supervisor, id, now).expect("supervisor starts")
            }
            "no_show" => steps::mark_no_show(&mut self.conn, &self.supervisor, id, now)
                .expect("supervisor marks no-show"),
            other => panic!("no fixture for {other}"),
        }
        // Brought here by a supervisor covering the hall, at no window in particular, so each
        // role's verdict below is about the role; the window rule has its own test.
        self.conn
            .execute("UPDATE steps SET window_id = NULL WHERE id = ?1", [id])
            .unwrap();
        assert_eq!(status_of(&self.conn, id), status);
        id
    }

    /// A fresh legal-aid application (the supervisor accepts a legal-aid step); its id.
    fn application(&mut self) -> i64 {
        let step = self.step_in(Service::LegalAid, "serving");
        let now = self.tick();
        let accepted = steps::Finish::with_outcome(Outcome::ApplicationAccepted);
        steps::finish(
            &mut self.conn,
            &self.supervisor,
            step,
            &accepted,
            &settings(),
            now,
        )
        .expect("supervisor accepts");
        self.conn
            .query_row(
                "SELECT id FROM aid_applications WHERE step_id = ?1",
                [step],
                |r| r.get(0),
            )
            .expect("application created")
    }

    /// Runs `op` as `role`'s actor and checks the verdict against `allowed`. A denial must
    /// leave every row of every table as it was.
    fn expect<T: std::fmt::Debug>(
        &mut self,
        what: &str,
        role: Role,
        allowed: bool,
        op: impl FnOnce(&mut Connection, &Actor, i64) -> Result<T, ServiceError>,
    ) -> Option<T> {
        let actor = self
            .actors
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, a)| a.clone())
            .expect("actor");
        let before = dump(&self.conn);
        let now = self.tick();
        let result = op(&mut self.conn, &actor, now);
        if allowed {
            match result {
                Ok(value) => Some(value),
                Err(e) => panic!("{what} as {role:?}: SPEC §1 allows it, got {e:?}"),
            }
        } else {
            match result {
                Err(ServiceError::Denied) => {
                    assert!(
                        dump(&self.conn) == before,
                        "{what} as {role:?}: denied, but the database changed"
                    );
                    None
                }
                other => panic!("{what} as {role:?}: SPEC §1 forbids it, got {other:?}"),
            }
        }
    }
}

#[test]
fn serving_steps_follow_the_desk_of_each_role() {
    let mut hall = Hall::new();
    for service in SERVICES {
        for role in ROLES {
            let allowed = spec_serves(role, service);
            let label = |op: &str| format!("{op} at {service}");

            let id = hall.step_in(service, "waiting");
            hall.expect(&label("call"), role, allowed, |c, a, now| {
                steps::call_step(c, a, id, now)
            });

            let id = hall.step_in(service, "called");
            hall.expect(&label("recall"), role, allowed, |c, a, now| {
                steps::recall(c, a, id, now)
            });

            let id = hall.step_in(service, "called");
            hall.expect(&label("start"), role, allowed, |c, a, now| {
                steps::start(c, a, id, now)
            });

            let id = hall.step_in(service, "serving");
            hall.expect(&label("hold"), role, allowed, |c, a, now| {
                steps::toggle_hold(c, a, id, now)
            });

            let id = hall.step_in(service, "called");
            hall.expect(&label("no-show"), role, allowed, |c, a, now| {
                steps::mark_no_show(c, a, id, now)
            });

            let id = hall.step_in(service, "no_show");
            hall.expect(&label("requeue"), role, allowed, |c, a, now| {
                steps::requeue(c, a, id, &settings(), now)
            });

            let id = hall.step_in(service, "serving");
            let outcome = service.own_outcomes()[0];
            let mut finish = steps::Finish::with_outcome(outcome);
            if outcome == Outcome::Drafted {
                finish.quantity = Some(1);
            }
            hall.expect(&label("finish"), role, allowed, |c, a, now| {
                steps::finish(c, a, id, &finish, &settings(), now)
            });

            let id = hall.step_in(service, "serving");
            let mut refer = steps::Finish::with_outcome(Outcome::Referred);
            refer.refer_to = Some(if service == Service::Consult {
                Service::LegalAid
            } else {
                Service::Consult
            });
            hall.expect(&label("refer"), role, allowed, |c, a, now| {
                steps::finish(c, a, id, &refer, &settings(), now)
            });

            let id = hall.step_in(service, "waiting");
            hall.expect(
                &label("cancel"),
                role,
                spec_cancels(role, service),
                |c, a, now| steps::cancel(c, a, id, now),
            );
        }
    }
}

/// SPEC §3: the desk serving a ticket completes its visitor's record; the role must serve the
/// ticket's service (a phone is edited here, which every service allows).
#[test]
fn editing_the_visitor_follows_the_desk_of_each_role() {
    let mut hall = Hall::new();
    let phone = VisitorEdit {
        phone: Some("13812345678".into()),
        ..VisitorEdit::default()
    };
    for service in SERVICES {
        for role in ROLES {
            let allowed = spec_serves(role, service);
            let id = hall.step_in(service, "serving");
            hall.expect(
                &format!("open the visitor form at {service}"),
                role,
                allowed,
                |c, a, _| visitor_edit::visitor_card(c, a, id),
            );
            let edited = hall.expect(
                &format!("edit the visitor at {service}"),
                role,
                allowed,
                |c, a, now| visitor_edit::edit_visitor(c, a, id, &phone, now),
            );
            if let Some(edited) = edited {
                assert_eq!(edited.fields.len(), 1, "{role:?} at {service}");
            }
        }
    }
}

/// Only the window serving the ticket (called, being served or on hold there) or a
/// supervisor edits its visitor: not another window of the same service, not a ticket still
/// waiting, not one already finished. Each refusal says why and changes nothing.
#[test]
fn only_the_window_serving_the_ticket_edits_its_visitor() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let t = opening();
    staff::add_window(&mut conn, None, "W6", &[Service::LegalAid], t).unwrap();
    staff::add_staff(&mut conn, None, "S13", "钱律师", Role::DutyLawyer, PIN, t).unwrap();
    let front = front_desk(&mut conn);
    let lawyer = duty_lawyer(&mut conn);
    let other_lawyer = sign_in(&mut conn, "S13", Some("W6"));
    let boss = supervisor(&mut conn);
    let id = VisitorEdit {
        id_number: Some("110101199003074514".into()),
        ..VisitorEdit::default()
    };
    let serving = issue(&mut conn, &front, Service::LegalAid, "张三", t);
    let waiting = issue(&mut conn, &front, Service::LegalAid, "李四", t + 1);
    steps::call_step(&mut conn, &lawyer, serving.step_id, t + 2).unwrap();
    steps::start(&mut conn, &lawyer, serving.step_id, t + 3).unwrap();

    let refused = |conn: &mut Connection, actor: &Actor, step: i64, expect_denied: bool| {
        let before = dump(conn);
        let card = visitor_edit::visitor_card(conn, actor, step).map(|_| ());
        let edit = visitor_edit::edit_visitor(conn, actor, step, &id, t + 10).map(|_| ());
        for result in [card, edit] {
            match result {
                Err(ServiceError::Denied) if expect_denied => {}
                Err(ServiceError::Visitor(VisitorText::NotServing)) if !expect_denied => {}
                other => panic!("{} on step {step}: {other:?}", actor.code),
            }
        }
        assert_eq!(
            dump(conn),
            before,
            "{}: refused, but something changed",
            actor.code
        );
    };
    // Another legal-aid window, a ticket still in the queue, a role that never serves it.
    refused(&mut conn, &other_lawyer, serving.step_id, false);
    refused(&mut conn, &lawyer, waiting.step_id, false);
    refused(&mut conn, &front, serving.step_id, true);
    let message = ServiceError::Visitor(VisitorText::NotServing);
    assert!(message
        .message(legaldesk::i18n::Lang::Zh)
        .contains("正在办理该号的窗口"));
    assert!(message
        .message(legaldesk::i18n::Lang::En)
        .contains("window serving this ticket"));

    // The window serving it may, on hold too; so may the supervisor, anywhere.
    steps::toggle_hold(&mut conn, &lawyer, serving.step_id, t + 4).unwrap();
    visitor_edit::edit_visitor(&mut conn, &lawyer, serving.step_id, &id, t + 5).unwrap();
    let phone = VisitorEdit {
        phone: Some("13812345678".into()),
        ..VisitorEdit::default()
    };
    visitor_edit::edit_visitor(&mut conn, &boss, waiting.step_id, &phone, t + 6).unwrap();

    // Finished, the ticket is no longer at the window: only the supervisor corrects it now.
    steps::finish(
        &mut conn,
        &lawyer,
        serving.step_id,
        &steps::Finish::with_outcome(Outcome::ApplicationAccepted),
        &settings(),
        t + 7,
    )
    .unwrap();
    refused(&mut conn, &lawyer, serving.step_id, false);
    visitor_edit::edit_visitor(&mut conn, &boss, serving.step_id, &phone, t + 8).unwrap();
    let editors: Vec<Option<i64>> = conn
        .prepare("SELECT staff_id FROM audit WHERE action = 'edit_visitor' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        editors,
        vec![
            Some(lawyer.staff_id),
            Some(boss.staff_id),
            Some(boss.staff_id)
        ]
    );
}

#[test]
fn only_the_front_desk_and_the_supervisor_issue_tickets() {
    let mut hall = Hall::new();
    for role in ROLES {
        for service in SERVICES {
            let input = visitor(service, "李四");
            let issued = hall.expect(
                &format!("issue {service}"),
                role,
                spec_issues(role),
                |c, a, now| intake::issue_ticket(c, a, &input, &settings(), now),
            );
            if let Some(issued) = issued {
                assert_eq!(status_of(&hall.conn, issued.step_id), "waiting");
            }
        }
    }
}

#[test]
fn staff_and_windows_are_managed_by_the_supervisor_only() {
    let mut hall = Hall::new();
    for (n, role) in ROLES.into_iter().enumerate() {
        let allowed = spec_supervisor_only(role);
        let code = format!("N{n}");
        hall.expect("add staff", role, allowed, |c, a, now| {
            staff::add_staff(c, Some(a), &code, "新人", Role::FrontDesk, "5678", now)
        });

        // A target that exists whatever the verdict, added by the administrator.
        let target = format!("T{n}");
        staff::add_staff(
            &mut hall.conn,
            None,
            &target,
            "目标",
            Role::Notary,
            "5678",
            hall.clock,
        )
        .expect("admin adds");
        hall.conn
            .execute(
                "UPDATE staff SET locked = 1, failed_pins = 5 WHERE code = ?1",
                [&target],
            )
            .expect("lock the target");
        hall.expect("unlock", role, allowed, |c, a, now| {
            staff::unlock(c, Some(a), &target, now)
        });
        hall.expect("reset PIN", role, allowed, |c, a, now| {
            staff::reset_pin(c, Some(a), &target, "8765", now)
        });
        hall.expect("deactivate", role, allowed, |c, a, now| {
            staff::deactivate(c, Some(a), &target, now)
        });

        let window = format!("X{n}");
        hall.expect("add window", role, allowed, |c, a, now| {
            staff::add_window(c, Some(a), &window, &[Service::Consult], now)
        });
    }
}

#[test]
fn closing_unmasking_and_purging_are_the_supervisors() {
    let mut hall = Hall::new();
    let issued = issue(
        &mut hall.conn,
        &hall.supervisor.clone(),
        Service::LegalAid,
        "王五",
        opening(),
    );
    for (n, role) in ROLES.into_iter().enumerate() {
        let allowed = spec_supervisor_only(role);
        // An earlier date each time, so every allowed close has a date still open.
        let date = NaiveDate::from_ymd_opt(2026, 10, 1 + n as u32).expect("date");
        hall.expect("close day", role, allowed, |c, a, now| {
            close::close_day(c, Some(a), date, now)
        });
        let unmasked = hall.expect("unmask", role, allowed, |c, a, now| {
            unmask::unmask_visit(c, a, issued.visit_id, "核对身份", now)
        });
        if let Some(record) = unmasked {
            assert_eq!(record.name, "王五", "the supervisor sees the name in full");
        }
        hall.expect("unmask by step", role, allowed, |c, a, now| {
            unmask::unmask_step(c, a, issued.step_id, "核对身份", now)
        });
        hall.expect("purge", role, allowed, |c, a, now| {
            purge::purge(c, Some(a), "2026-10-01", now).map_err(|e| match e {
                purge::PurgeError::Service(s) => s,
                other => panic!("purge as {role:?}: {other:?}"),
            })
        });
    }
}

#[test]
fn everyone_changes_their_own_pin_and_unlocks_their_own_screen() {
    let mut hall = Hall::new();
    for role in ROLES {
        hall.expect("change own PIN", role, true, |c, a, now| {
            staff::change_own_pin(c, a, PIN, "9999", now)
        });
        hall.expect("unlock screen", role, true, |c, a, now| {
            staff::reauthenticate(c, a, "9999", now)
        });
        let code = hall
            .actors
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, a)| a.code.clone())
            .expect("code");
        // The new PIN is the one that signs in now; the old one no longer does.
        assert!(
            staff::sign_in(&mut hall.conn, &code, "9999", None, hall.clock + 1).is_ok(),
            "{role:?} signs in with the new PIN"
        );
        assert!(matches!(
            staff::sign_in(&mut hall.conn, &code, PIN, None, hall.clock + 2),
            Err(ServiceError::WrongPin { .. })
        ));
    }
    // The database still says who did what: one audited change per person.
    let changes: i64 = hall
        .conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'pin_change'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(changes, ROLES.len() as i64);
    drop(hall.db);
}

#[test]
fn the_last_supervisor_cannot_be_deactivated() {
    let mut hall = Hall::new();
    let supervisor = hall.supervisor.clone();
    let err = staff::deactivate(&mut hall.conn, Some(&supervisor), SUPERVISOR, hall.clock)
        .expect_err("last supervisor");
    assert!(
        matches!(err, ServiceError::Invalid(Problem::LastSupervisor)),
        "{err:?}"
    );
    staff::add_staff(
        &mut hall.conn,
        None,
        "S09",
        "副主任",
        Role::Supervisor,
        "5678",
        hall.clock,
    )
    .expect("second supervisor");
    staff::deactivate(&mut hall.conn, Some(&supervisor), SUPERVISOR, hall.clock)
        .expect("now another supervisor remains");
    assert!(matches!(
        staff::sign_in(&mut hall.conn, SUPERVISOR, PIN, None, hall.clock + 1),
        Err(ServiceError::Invalid(Problem::Inactive))
    ));
}

/// The queue a screen shows goes through the same check: a desk sees only its own service.
#[test]
fn visible_queue_is_deny_by_default() {
    use legaldesk::domain::codes::{Role, Service};
    use legaldesk::service::queries::visible_queue;
    use legaldesk::service::{Actor, ServiceError};
    let dir = tempfile::tempdir().unwrap();
    let conn = legaldesk::db::open(&dir.path().join("db.sqlite3")).unwrap();
    let actor = |role| Actor {
        staff_id: 1,
        code: "S1".into(),
        name: "x".into(),
        role,
        window_id: None,
    };
    for role in Role::ALL {
        for service in Service::ALL {
            let result = visible_queue(&conn, &actor(*role), &[*service], "2026-11-21", 0, 30);
            let allowed = legaldesk::service::permissions::allowed(
                *role,
                legaldesk::service::Command::ViewQueue(*service),
            );
            assert_eq!(result.is_ok(), allowed, "{role:?} {service:?}");
            if !allowed {
                assert!(matches!(result, Err(ServiceError::Denied)));
            }
        }
    }
    assert!(visible_queue(
        &conn,
        &actor(Role::DutyLawyer),
        &[Service::Notary],
        "2026-11-21",
        0,
        30
    )
    .is_err());
    assert!(visible_queue(
        &conn,
        &actor(Role::DutyLawyer),
        &[Service::LegalAid],
        "2026-11-21",
        0,
        30
    )
    .is_ok());
}

/// A called ticket belongs to the window that called it: another front desk cannot recall,
/// start, finish or cancel it; the window itself and a supervisor can.
#[test]
fn a_called_ticket_belongs_to_its_window() {
    use legaldesk::service::staff;
    let dir = tempfile::tempdir().unwrap();
    let mut conn = legaldesk::db::open(&dir.path().join("db.sqlite3")).unwrap();
    let now = 1_795_224_600;
    staff::ensure_default_windows(&mut conn, now).unwrap();
    staff::add_window(&mut conn, None, "W5", &[Service::Consult], now).unwrap();
    staff::add_staff(
        &mut conn,
        None,
        "S01",
        "主任",
        Role::Supervisor,
        "1234",
        now,
    )
    .unwrap();
    staff::add_staff(&mut conn, None, "S02", "甲", Role::FrontDesk, "1234", now).unwrap();
    staff::add_staff(&mut conn, None, "S03", "乙", Role::FrontDesk, "1234", now).unwrap();
    let w1 = staff::sign_in(&mut conn, "S02", "1234", Some("W1"), now).unwrap();
    let w5 = staff::sign_in(&mut conn, "S03", "1234", Some("W5"), now).unwrap();
    let boss = staff::sign_in(&mut conn, "S01", "1234", None, now).unwrap();
    let settings = legaldesk::service::settings::load(&conn).unwrap();
    let mut input = legaldesk::service::intake::IntakeInput::default();
    input.name = "张三".into();
    let issued =
        legaldesk::service::intake::issue_ticket(&mut conn, &w1, &input, &settings, now).unwrap();
    steps::call_step(&mut conn, &w1, issued.step_id, now + 1).unwrap();
    for result in [
        steps::recall(&mut conn, &w5, issued.step_id, now + 2),
        steps::start(&mut conn, &w5, issued.step_id, now + 2),
        steps::mark_no_show(&mut conn, &w5, issued.step_id, now + 2),
        steps::cancel(&mut conn, &w5, issued.step_id, now + 2),
    ] {
        assert!(matches!(result, Err(ServiceError::Denied)), "{result:?}");
    }
    let finish = steps::Finish::with_outcome(legaldesk::domain::codes::Outcome::Answered);
    assert!(matches!(
        steps::finish(&mut conn, &w5, issued.step_id, &finish, &settings, now + 2),
        Err(ServiceError::Denied)
    ));
    steps::recall(&mut conn, &w1, issued.step_id, now + 3).unwrap();
    steps::start(&mut conn, &boss, issued.step_id, now + 4).unwrap();
    steps::finish(&mut conn, &w1, issued.step_id, &finish, &settings, now + 5).unwrap();
}

#[test]
fn legal_aid_applications_are_decided_by_the_legal_aid_desk_and_the_supervisor() {
    use legaldesk::domain::aid::{AdvanceGround, Material, RefusalReason};
    use legaldesk::service::aid::{self, ListFilter, SupplementRequest};
    let mut hall = Hall::new();
    let request = SupplementRequest {
        materials: vec![Material::MeansStatement],
        note: String::new(),
        deadline: "2026-11-30".into(),
    };
    for role in ROLES {
        let allowed = spec_decides_aid(role);
        let s = settings();
        let listed = hall.expect("list applications", role, allowed, |c, a, now| {
            aid::list(c, Some(a), &s, ListFilter::Recent, now)
        });
        if let Some(rows) = listed {
            assert!(
                rows.iter().all(|r| r.app.applicant == "张*"),
                "names masked"
            );
        }
        let id = hall.application();
        hall.expect("grant", role, allowed, |c, a, now| {
            aid::grant(c, a, id, &s, now)
        });
        if allowed {
            hall.expect("assign", role, true, |c, a, now| {
                aid::assign(c, a, id, "某某律师事务所", &s, now)
            });
        } else {
            // A granted application that only the legal-aid desk may assign.
            let granted = hall.application();
            let supervisor = hall.supervisor.clone();
            let now = hall.tick();
            aid::grant(&mut hall.conn, &supervisor, granted, &s, now).expect("grant");
            hall.expect("assign", role, false, |c, a, now| {
                aid::assign(c, a, granted, "某某律师事务所", &s, now)
            });
        }
        let id = hall.application();
        hall.expect("refuse", role, allowed, |c, a, now| {
            aid::refuse(c, a, id, RefusalReason::Means, "", &s, now)
        });
        let id = hall.application();
        hall.expect("mark advance", role, allowed, |c, a, now| {
            aid::mark_advance(c, a, id, AdvanceGround::Deadline, "", &s, now)
        });
        hall.expect("request supplement", role, allowed, |c, a, now| {
            aid::request_supplement(c, a, id, &request, &s, now)
        });
        if !allowed {
            let supervisor = hall.supervisor.clone();
            let now = hall.tick();
            aid::request_supplement(&mut hall.conn, &supervisor, id, &request, &s, now)
                .expect("supplement");
        }
        hall.expect("materials received", role, allowed, |c, a, now| {
            aid::materials_received(c, a, id, &s, now)
        });
        hall.expect("withdraw", role, allowed, |c, a, now| {
            aid::withdraw(c, a, id, &s, now)
        });
    }
}
/// SPEC §11: bookings are made, cancelled and checked in at the front desk (and by the
/// supervisor); the desks do none of it. (The command line acts as the administrator.)
#[test]
fn appointments_are_the_front_desks_and_the_supervisors() {
    use legaldesk::domain::appointment::BookingChannel;
    use legaldesk::domain::codes::{Lane, Matter};
    use legaldesk::service::appointments::{self, BookInput};

    let mut hall = Hall::new();
    let friday = at("2026-11-20", 10, 0, 0);
    let slots = ["08:30", "09:00", "09:30", "10:00", "10:30"];
    for (n, role) in ROLES.into_iter().enumerate() {
        let allowed = spec_issues(role);
        let booking = |date: &str, phone: &str| BookInput {
            date: date.into(),
            time: slots[n].into(),
            service: Service::Consult,
            name: "张三".into(),
            phone: phone.into(),
            channel: BookingChannel::Hotline,
        };
        let tomorrow = booking("2026-11-24", &format!("1380000000{n}"));
        hall.expect("book", role, allowed, |c, a, now| {
            appointments::book(c, Some(a), &tomorrow, &settings(), now)
        });
        // Two bookings for today, made on Friday from the command line.
        let mut made = Vec::new();
        for phone in [format!("1390000000{n}"), format!("1370000000{n}")] {
            let input = booking(DAY, &phone);
            made.push(
                appointments::book(&mut hall.conn, None, &input, &settings(), friday)
                    .expect("the administrator books"),
            );
        }
        let checked = hall.expect("check in", role, allowed, |c, a, now| {
            appointments::check_in(
                c,
                a,
                made[0].id,
                Lane::Normal,
                Matter::Other,
                &settings(),
                now,
            )
        });
        if let Some(checked) = checked {
            assert_eq!(status_of(&hall.conn, checked.issued.step_id), "waiting");
        }
        hall.expect("cancel", role, allowed, |c, a, now| {
            appointments::cancel(c, Some(a), made[1].id, now)
        });
    }
}
