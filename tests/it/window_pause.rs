//! Window pause (暂停服务, SPEC §2, §9.1) and "was I called?":
//! - the service: pause with a reason, refusals change nothing, resume, sign-out ends a pause,
//!   both audited;
//! - the tally: `windows.<code>.paused_s` counts only opening hours (`open_hours`), and
//!   `announcements` counts every call and recall;
//! - the keys (pure update): z asks for a reason, F3 at a paused window asks first and then
//!   resumes before calling, / looks a ticket up.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use legaldesk::app::effect::{Effect, Outcome};
use legaldesk::app::state::{FormKind, Overlay, Pending, Screen, State};
use legaldesk::app::update::{update, Msg};
use legaldesk::domain::codes::{Role, Service};
use legaldesk::domain::pause::PauseReason;
use legaldesk::i18n::pause::PauseProblem;
use legaldesk::i18n::Lang;
use legaldesk::keymap::Keymap;
use legaldesk::service::pause::{self, WindowPause};
use legaldesk::service::{settings, staff, steps, Actor, ServiceError};

use crate::common::{self, at, TestDb, DAY};

fn paused_s(tally: &legaldesk::tally::Tally, window: &str) -> u64 {
    tally.windows.get(window).map_or(0, |w| w.paused_s)
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(DAY, "%Y-%m-%d").unwrap()
}

#[test]
fn pause_and_resume_are_checked_and_audited() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = common::front_desk(&mut conn);
    let t = at(DAY, 10, 0, 0);
    assert_eq!(pause::current(&conn, 1).unwrap(), None);

    // "other" needs a note; a refusal changes nothing.
    let before = common::dump(&conn);
    let refused = pause::pause(&mut conn, &desk, PauseReason::Other, "  ", t);
    assert!(
        matches!(
            refused,
            Err(ServiceError::Pause(PauseProblem::NoteRequired))
        ),
        "{refused:?}"
    );
    let too_long = pause::pause(&mut conn, &desk, PauseReason::Break, &"长".repeat(31), t);
    assert!(matches!(
        too_long,
        Err(ServiceError::Field {
            field: legaldesk::service::FieldName::Note,
            ..
        })
    ));
    assert!(matches!(
        pause::resume(&mut conn, &desk, t),
        Err(ServiceError::Pause(PauseProblem::NotPaused))
    ));
    assert_eq!(common::dump(&conn), before, "refusals change nothing");
    let supervisor = common::supervisor(&mut conn);
    assert!(matches!(
        pause::pause(&mut conn, &supervisor, PauseReason::Break, "", t),
        Err(ServiceError::Pause(PauseProblem::NoWindow))
    ));

    pause::pause(&mut conn, &desk, PauseReason::Other, "\u{1b}[31m接电话", t).unwrap();
    assert_eq!(
        pause::current(&conn, 1).unwrap(),
        Some(WindowPause {
            window_id: 1,
            window_code: "W1".into(),
            reason: PauseReason::Other,
            note: "[31m接电话".into(),
            since: t,
        })
    );
    assert!(matches!(
        pause::pause(&mut conn, &desk, PauseReason::Break, "", t + 5),
        Err(ServiceError::Pause(PauseProblem::AlreadyPaused))
    ));
    pause::resume(&mut conn, &desk, t + 600).unwrap();
    assert_eq!(pause::current(&conn, 1).unwrap(), None);

    // Signing out of the window ends a pause: a window nobody is at is closed, not paused.
    pause::pause(&mut conn, &desk, PauseReason::Break, "", t + 700).unwrap();
    staff::sign_out(&mut conn, &desk, t + 800).unwrap();
    assert_eq!(pause::open_pauses(&conn).unwrap(), Vec::new());

    let audit: Vec<(String, Option<i64>, String)> = conn
        .prepare("SELECT action, entity_id, detail FROM audit WHERE action IN ('window_pause', 'window_resume', 'window_label') ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        audit,
        [
            (
                "window_pause".to_string(),
                Some(1),
                "other [31m接电话".to_string()
            ),
            ("window_resume".to_string(), Some(1), String::new()),
            ("window_pause".to_string(), Some(1), "break".to_string()),
            ("window_resume".to_string(), Some(1), "sign_out".to_string()),
        ]
    );
    assert_eq!(
        legaldesk::service::audit::first_broken_link(&conn).unwrap(),
        None
    );
}

#[test]
fn paused_seconds_count_only_opening_hours() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    settings::set(&conn, "timezone", common::ZONE).unwrap();
    let desk = common::front_desk(&mut conn);
    let lawyer = common::duty_lawyer(&mut conn);
    // W1: 11:50-14:10 spans the lunch break: 10 + 10 minutes are inside the default hours.
    pause::pause(&mut conn, &desk, PauseReason::Break, "", at(DAY, 11, 50, 0)).unwrap();
    pause::resume(&mut conn, &desk, at(DAY, 14, 10, 0)).unwrap();
    // W2: 07:00-09:00 before opening counts from 08:30 only; then a meeting of 15 minutes.
    pause::pause(
        &mut conn,
        &lawyer,
        PauseReason::Meeting,
        "",
        at(DAY, 7, 0, 0),
    )
    .unwrap();
    pause::resume(&mut conn, &lawyer, at(DAY, 9, 0, 0)).unwrap();
    pause::pause(
        &mut conn,
        &lawyer,
        PauseReason::Meeting,
        "",
        at(DAY, 15, 0, 0),
    )
    .unwrap();
    pause::resume(&mut conn, &lawyer, at(DAY, 15, 15, 0)).unwrap();
    // The next day's pause is not in this day's tally.
    pause::pause(
        &mut conn,
        &desk,
        PauseReason::Break,
        "",
        at("2026-11-24", 9, 0, 0),
    )
    .unwrap();
    pause::resume(&mut conn, &desk, at("2026-11-24", 9, 30, 0)).unwrap();

    let loaded = settings::load(&conn).unwrap();
    let (tally, _) = legaldesk::tally::report(&conn, &loaded, day(), day()).unwrap();
    assert_eq!(paused_s(&tally, "W1"), 1200);
    assert_eq!(paused_s(&tally, "W2"), 1800 + 900);
    assert_eq!(paused_s(&tally, "W3"), 0);
    let json: serde_json::Value = serde_json::from_str(&tally.to_json()).unwrap();
    assert_eq!(json["windows"]["W1"]["paused_s"], 1200);
    assert_eq!(json["windows"]["W2"]["paused_s"], 2700);
    // Two days: both pauses of W1.
    let next = day().succ_opt().unwrap();
    let (both, _) = legaldesk::tally::report(&conn, &loaded, day(), next).unwrap();
    assert_eq!(paused_s(&both, "W1"), 1200 + 1800);

    // Other opening hours change the figure: 09:00-17:00 without a lunch break.
    settings::set(&conn, "open_hours", "09:00-17:00").unwrap();
    let (tally, _) = legaldesk::tally::report(&conn, &loaded, day(), day()).unwrap();
    assert_eq!(paused_s(&tally, "W1"), 8400);
    assert_eq!(paused_s(&tally, "W2"), 900);
    // The printed A4 tally shows it too.
    let header = legaldesk::tally::header(&conn, &loaded, day(), day()).unwrap();
    let text = legaldesk::print::render(&tally, legaldesk::print::Format::A4, Lang::Zh, &header);
    assert!(
        text.contains("暂停服务") && text.contains("140分00秒"),
        "{text}"
    );
}

#[test]
fn every_call_and_recall_is_an_announcement_counted_in_the_tally() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    settings::set(&conn, "timezone", common::ZONE).unwrap();
    let desk = common::front_desk(&mut conn);
    let lawyer = common::duty_lawyer(&mut conn);
    let t = common::opening();
    common::issue(&mut conn, &desk, Service::Consult, "张三", t);
    common::issue(&mut conn, &desk, Service::LegalAid, "李四", t);
    let loaded = common::settings();
    let call = steps::call_next(&mut conn, &desk, &loaded, t + 60).unwrap();
    steps::recall(&mut conn, &desk, call.step_id, t + 120).unwrap();
    steps::pick_up_next(&mut conn, &lawyer, &loaded, t + 180).unwrap();
    // A refused recall (another window's ticket) writes no announcement.
    let before = common::count(&conn, "announcements");
    assert!(steps::recall(&mut conn, &lawyer, call.step_id, t + 200).is_err());
    assert_eq!(common::count(&conn, "announcements"), before);
    let rows: Vec<(String, String, String, i64)> = conn
        .prepare(
            "SELECT a.ticket, w.code, a.kind, a.created_at FROM announcements a JOIN windows w ON w.id = a.window_id ORDER BY a.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("Z001".into(), "W1".into(), "call".into(), t + 60),
            ("Z001".into(), "W1".into(), "recall".into(), t + 120),
            ("Y001".into(), "W2".into(), "call".into(), t + 180),
        ]
    );
    let settings = settings::load(&conn).unwrap();
    let (tally, _) = legaldesk::tally::report(&conn, &settings, day(), day()).unwrap();
    assert_eq!((tally.announcements, tally.announce_failed), (3, 0));
    let csv = legaldesk::print::render(
        &tally,
        legaldesk::print::Format::Csv,
        Lang::En,
        &legaldesk::tally::header(&conn, &settings, day(), day()).unwrap(),
    );
    assert!(csv.contains("announcements,,calls announced,3"), "{csv}");
}

// ---- keys (pure update) ----

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(state: &mut State, keys: &[KeyCode]) -> Vec<Effect> {
    let keymap = Keymap::defaults();
    keys.iter()
        .flat_map(|k| update(state, key(*k), &keymap))
        .collect()
}

fn at_window(role: Role) -> State {
    let mut state = State::new(Lang::Zh, common::settings(), 1_000_000);
    state.screen = Screen::Main;
    state.window = Some(staff::WindowRow {
        id: 1,
        code: "W1".into(),
        services: vec![Service::Consult],
    });
    state.actor = Some(Actor {
        staff_id: 2,
        code: "S02".into(),
        name: "张丽".into(),
        role,
        window_id: Some(1),
    });
    state
}

fn paused(state: &mut State) {
    state.view.pause = Some(WindowPause {
        window_id: 1,
        window_code: "W1".into(),
        reason: PauseReason::Break,
        note: String::new(),
        since: 999_000,
    });
}

#[test]
fn z_asks_for_a_reason_and_pauses() {
    let mut state = at_window(Role::FrontDesk);
    assert!(press(&mut state, &[KeyCode::Char('z')]).is_empty());
    assert!(matches!(
        state.overlay,
        Some(Overlay::Form {
            kind: FormKind::PauseWindow,
            ..
        })
    ));
    // 3 = outreach; Enter to the note, a note, F2.
    press(&mut state, &[KeyCode::Char('3'), KeyCode::Enter]);
    for c in "去村里".chars() {
        press(&mut state, &[KeyCode::Char(c)]);
    }
    let effects = press(&mut state, &[KeyCode::F(2)]);
    assert_eq!(
        effects,
        vec![Effect::PauseWindow {
            reason: PauseReason::Outreach,
            note: "去村里".into()
        }]
    );
    // Done: the form closes.
    update(
        &mut state,
        Msg::Result(Outcome::Done(legaldesk::i18n::status::StatusText::Finished)),
        &Keymap::defaults(),
    );
    assert_eq!(state.overlay, None);
}

#[test]
fn a_paused_window_asks_before_calling_and_resumes_first() {
    for (role, effect) in [
        (Role::FrontDesk, Effect::CallNext),
        (
            Role::DutyLawyer,
            Effect::PickUp {
                step_id: None,
                confirmed: false,
            },
        ),
    ] {
        let mut state = at_window(role);
        paused(&mut state);
        assert!(press(&mut state, &[KeyCode::F(3)]).is_empty());
        assert!(matches!(
            state.overlay,
            Some(Overlay::Confirm(Pending::WhilePaused { .. }))
        ));
        // Esc: still paused, nothing called.
        assert!(press(&mut state, &[KeyCode::Esc]).is_empty());
        assert_eq!(state.overlay, None);
        press(&mut state, &[KeyCode::F(3)]);
        assert_eq!(
            press(&mut state, &[KeyCode::Enter]),
            vec![Effect::ResumeWindow, effect.clone()]
        );
        // Not paused: F3 calls at once.
        let mut open = at_window(role);
        assert_eq!(press(&mut open, &[KeyCode::F(3)]), vec![effect]);
    }
}

#[test]
fn z_on_a_paused_window_resumes_and_shift_z_only_resumes() {
    let mut state = at_window(Role::FrontDesk);
    paused(&mut state);
    assert_eq!(
        press(&mut state, &[KeyCode::Char('z')]),
        vec![Effect::ResumeWindow]
    );
    assert_eq!(
        press(&mut state, &[KeyCode::Char('Z')]),
        vec![Effect::ResumeWindow]
    );
    let mut open = at_window(Role::FrontDesk);
    assert!(press(&mut open, &[KeyCode::Char('Z')]).is_empty());
    assert!(
        open.status
            .as_ref()
            .is_some_and(
                |(_, t)| legaldesk::i18n::Words::text(t, legaldesk::i18n::Lang::Zh)
                    .contains("并未暂停")
            ),
        "{:?}",
        open.status
    );
    let mut nowhere = at_window(Role::Supervisor);
    nowhere.window = None;
    assert!(press(&mut nowhere, &[KeyCode::Char('z')]).is_empty());
    assert_eq!(nowhere.overlay, None);
}

#[test]
fn slash_looks_a_ticket_up() {
    let mut state = at_window(Role::FrontDesk);
    press(&mut state, &[KeyCode::Char('/')]);
    assert!(matches!(
        state.overlay,
        Some(Overlay::Form {
            kind: FormKind::LookupTicket,
            ..
        })
    ));
    press(&mut state, &[KeyCode::Char('z'), KeyCode::Char('3')]);
    assert_eq!(
        press(&mut state, &[KeyCode::Enter]),
        vec![Effect::LookupTicket("z3".into())]
    );
}

#[test]
fn lookup_through_the_effect_shows_each_call() {
    use legaldesk::app::perform::perform;
    let test = TestDb::seeded();
    let mut conn = test.conn();
    settings::set(&conn, "timezone", common::ZONE).unwrap();
    let desk = common::front_desk(&mut conn);
    let now = legaldesk::domain::clock::now();
    common::issue(&mut conn, &desk, Service::Consult, "张三", now);
    let loaded = common::settings();
    let call = steps::call_next(&mut conn, &desk, &loaded, now).unwrap();
    steps::recall(&mut conn, &desk, call.step_id, now + 1).unwrap();
    let mut state = at_window(Role::FrontDesk);
    state.settings = loaded;
    let mut jobs = Vec::new();
    let outcome = perform(
        &mut conn,
        &state,
        Effect::LookupTicket(" z1 ".into()),
        now + 2,
        &mut jobs,
    );
    let Some(Outcome::Calls(view)) = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(view.ticket, "Z001");
    assert_eq!(view.calls.len(), 2);
    assert_eq!(view.calls[1].window_label, "1号窗口");
    for (typed, want) in [("Z9", "今天没有 Z009 这个号"), ("张三", "请输入票号")] {
        let outcome = perform(
            &mut conn,
            &state,
            Effect::LookupTicket(typed.into()),
            now + 2,
            &mut jobs,
        );
        assert!(
            matches!(&outcome, Some(Outcome::Failed(text)) if legaldesk::i18n::Words::text(text, legaldesk::i18n::Lang::Zh).contains(want)),
            "{typed}: {outcome:?}"
        );
    }
}
