//! The pure update function driven by real key events through the default keymap: what each
//! key does on each screen, with no terminal and no database.

use legaldesk::app::effect::{Effect, Outcome};
use legaldesk::app::forms;
use legaldesk::app::state::{FormKind, Overlay, Pending, Screen, State, StatusKind, TallyView};
use legaldesk::app::update::{update, Msg};
use legaldesk::domain::codes::{IdType, Lane, Matter, Role, Service, StepStatus};
use legaldesk::domain::idcard::IdProblem;
use legaldesk::i18n::form::PasteNote;
use legaldesk::i18n::service::ErrorText;
use legaldesk::i18n::status::StatusText;
use legaldesk::i18n::visitor::{VisitorField, VisitorText};
use legaldesk::i18n::{Lang, Words};
use legaldesk::keymap::Keymap;
use legaldesk::service::queries::{QueueRow, WindowTicket};
use legaldesk::service::settings::Settings;
use legaldesk::service::staff::WindowRow;
use legaldesk::service::visitor::VisitorCard;
use legaldesk::service::Actor;
use legaldesk::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(state: &mut State, keys: &[KeyCode]) -> Vec<Effect> {
    let keymap = Keymap::defaults();
    let mut effects = Vec::new();
    for k in keys {
        effects.extend(update(state, key(*k), &keymap));
    }
    effects
}

fn typed(state: &mut State, text: &str) {
    let keys: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    press(state, &keys);
}

fn windows() -> Vec<WindowRow> {
    vec![
        WindowRow {
            id: 1,
            code: "W1".into(),
            services: vec![Service::Consult, Service::Drafting],
        },
        WindowRow {
            id: 2,
            code: "W2".into(),
            services: vec![Service::LegalAid],
        },
    ]
}

fn signed_in(role: Role) -> State {
    let mut state = State::new(Lang::Zh, Settings::default(), 1_000_000);
    state.screen = Screen::Main;
    state.windows = windows();
    state.window = Some(windows()[0].clone());
    state.actor = Some(Actor {
        staff_id: 2,
        code: "S02".into(),
        name: "张丽".into(),
        role,
        window_id: Some(1),
    });
    state
}

fn queue_row(step_id: i64, status: StepStatus) -> QueueRow {
    QueueRow {
        step_id,
        ticket: format!("Z{step_id:03}"),
        service: Service::Consult,
        status,
        name: "张*".into(),
        lane: Lane::Normal,
        urgent: false,
        matter: Matter::Other,
        queued_at: 0,
        order_at: 0,
        recalls: 0,
        window: None,
        origin: None,
        booked: false,
    }
}

/// The staff-code field starts empty (the example is only drawn), so the code typed is the
/// code created: not "S01" glued in front of it.
#[test]
fn setup_form_creates_the_first_supervisor() {
    let mut state = State::new(Lang::Zh, Settings::default(), 0);
    state.screen = Screen::Setup(forms::setup());
    typed(&mut state, "S07");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "王主任");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "1234");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "1234");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert_eq!(
        effects,
        vec![Effect::CreateSupervisor {
            code: "S07".into(),
            name: "王主任".into(),
            pin: "1234".into()
        }]
    );
}

#[test]
fn setup_refuses_different_pins_without_an_effect() {
    let mut state = State::new(Lang::En, Settings::default(), 0);
    state.screen = Screen::Setup(forms::setup());
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "Wang");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "1234");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "9999");
    assert!(press(&mut state, &[KeyCode::F(2)]).is_empty());
    assert!(form_error(&state).contains("differ"));
    // The form's error line is a message too: Ctrl-L redraws it in Chinese.
    let ctrl_l = Msg::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    update(&mut state, ctrl_l, &Keymap::defaults());
    assert_eq!(state.lang, Lang::Zh);
    assert_eq!(form_error(&state), "两次输入的密码不一致");
}

#[test]
fn sign_in_with_a_window_chosen_by_digit() {
    let mut state = State::new(Lang::Zh, Settings::default(), 0);
    state.screen = Screen::SignIn(forms::sign_in(&windows()));
    typed(&mut state, "s12");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "5678");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "2");
    let effects = press(&mut state, &[KeyCode::F(2)]);
    assert_eq!(
        effects,
        vec![Effect::SignIn {
            code: "s12".into(),
            pin: "5678".into(),
            window: Some("W2".into())
        }]
    );
}

#[test]
fn question_mark_types_into_a_text_field_but_opens_help_elsewhere() {
    let mut state = signed_in(Role::FrontDesk);
    press(&mut state, &[KeyCode::F(2)]);
    press(&mut state, &[KeyCode::Enter]); // service -> name
    typed(&mut state, "张?");
    assert!(matches!(state.overlay, Some(Overlay::Form { .. })));
    assert_eq!(state.form().unwrap().value("name"), "张?");
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.overlay.is_none());
    typed(&mut state, "?");
    assert_eq!(state.overlay, Some(Overlay::Help(None)));
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.overlay.is_none());
}

#[test]
fn intake_submits_what_was_typed_and_an_id_warning_arms_the_override() {
    let mut state = signed_in(Role::FrontDesk);
    press(&mut state, &[KeyCode::F(2)]);
    typed(&mut state, "2"); // service: legal aid
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "张三");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "13812345678");
    press(&mut state, &[KeyCode::Enter, KeyCode::Enter]); // id type stays resident ID
    typed(&mut state, "110101199003074515");
    let effects = press(&mut state, &[KeyCode::F(2)]);
    let [Effect::Issue(input)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(input.service, Service::LegalAid);
    assert_eq!(input.name, "张三");
    assert_eq!(input.id_number, "110101199003074515");
    assert!(!input.id_override);
    // The service layer says the check digit is wrong: the form stays and is armed.
    let keymap = Keymap::defaults();
    update(
        &mut state,
        Msg::Result(Outcome::IdWarning("校验位应为 4".into())),
        &keymap,
    );
    assert!(state.form().unwrap().armed);
    let effects = press(&mut state, &[KeyCode::F(2)]);
    let [Effect::Issue(input)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(input.id_override, "the second F2 keeps the number");
    // Editing the number disarms the override again.
    update(
        &mut state,
        Msg::Result(Outcome::IdWarning("x".into())),
        &keymap,
    );
    press(&mut state, &[KeyCode::Backspace]);
    assert!(!state.form().unwrap().armed);
}

#[test]
fn window_keys_need_a_ticket_at_the_window() {
    let mut state = signed_in(Role::FrontDesk);
    for k in [
        KeyCode::F(4),
        KeyCode::F(5),
        KeyCode::F(6),
        KeyCode::F(7),
        KeyCode::F(8),
        KeyCode::F(9),
    ] {
        assert!(press(&mut state, &[k]).is_empty());
        assert!(matches!(state.status, Some((StatusKind::Error, _))));
        assert!(state.overlay.is_none());
    }
    assert_eq!(press(&mut state, &[KeyCode::F(3)]), vec![Effect::CallNext]);
}

#[test]
fn finishing_the_current_ticket() {
    let mut state = signed_in(Role::FrontDesk);
    let mut row = queue_row(4, StepStatus::Serving);
    row.window = Some("W1".into());
    state.view.mine = vec![WindowTicket {
        row,
        phone: String::new(),
        id_number: String::new(),
        parties: 1,
        summary: String::new(),
        called_at: None,
        started_at: None,
    }];
    // Recall and no-show are for a called visitor, not one being served.
    assert!(press(&mut state, &[KeyCode::F(4)]).is_empty());
    assert!(press(&mut state, &[KeyCode::F(9)]).is_empty());
    assert_eq!(
        press(&mut state, &[KeyCode::F(11)]),
        vec![Effect::ToggleHold(4)]
    );
    press(&mut state, &[KeyCode::F(6)]);
    typed(&mut state, "2"); // advised_route
    let effects = press(&mut state, &[KeyCode::F(2)]);
    let [Effect::Finish(4, finish)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(finish.outcome.wire_code(), "advised_route");
    // Referral: target legal aid, with a note.
    press(&mut state, &[KeyCode::Esc, KeyCode::F(7)]);
    typed(&mut state, "1");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "需申请法援");
    let effects = press(&mut state, &[KeyCode::F(2)]);
    let [Effect::Finish(4, finish)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(finish.refer_to, Some(Service::LegalAid));
    assert_eq!(finish.note, "需申请法援");
    // Returning: the reason chosen by digit reaches the service layer (which checks that
    // "other" carries a note).
    press(&mut state, &[KeyCode::Esc, KeyCode::F(8)]);
    typed(&mut state, "7");
    let effects = press(&mut state, &[KeyCode::F(2)]);
    let [Effect::Finish(4, finish)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(finish.reason.map(|r| r.code()), Some("other"));
    assert!(legaldesk::service::steps::check_finish(Service::Consult, finish).is_err());
}

#[test]
fn digits_select_rows_and_enter_calls_or_requeues() {
    let mut state = signed_in(Role::FrontDesk);
    state.view.queue = vec![
        queue_row(1, StepStatus::Waiting),
        queue_row(2, StepStatus::Waiting),
        queue_row(3, StepStatus::NoShow),
    ];
    typed(&mut state, "2");
    assert_eq!(state.selected, 1);
    assert_eq!(
        press(&mut state, &[KeyCode::Enter]),
        vec![Effect::CallStep(2)]
    );
    typed(&mut state, "3");
    assert_eq!(
        press(&mut state, &[KeyCode::Enter]),
        vec![Effect::Requeue(3)]
    );
    typed(&mut state, "9"); // beyond the list: selection unchanged
    assert_eq!(state.selected, 2);
    press(&mut state, &[KeyCode::Up]);
    assert_eq!(state.selected, 1);
    // Cancel asks first, then cancels the selected waiting ticket.
    assert!(press(&mut state, &[KeyCode::F(12)]).is_empty());
    assert_eq!(
        press(&mut state, &[KeyCode::Enter]),
        vec![Effect::Cancel(2)]
    );
}

#[test]
fn desks_pick_up_instead_of_calling() {
    let mut state = signed_in(Role::DutyLawyer);
    state.view.queue = vec![queue_row(7, StepStatus::Waiting)];
    assert_eq!(
        press(&mut state, &[KeyCode::F(3)]),
        vec![Effect::PickUp {
            step_id: None,
            confirmed: false
        }]
    );
    assert_eq!(
        press(&mut state, &[KeyCode::Enter]),
        vec![Effect::PickUp {
            step_id: Some(7),
            confirmed: false
        }]
    );
    let keymap = Keymap::defaults();
    update(
        &mut state,
        Msg::Result(Outcome::Conflict {
            step_id: 7,
            hints: vec![],
        }),
        &keymap,
    );
    assert_eq!(
        press(&mut state, &[KeyCode::Enter]),
        vec![Effect::PickUp {
            step_id: Some(7),
            confirmed: true
        }]
    );
    // A desk has no intake: F2 (edit the served visitor) needs a ticket at the window.
    assert!(press(&mut state, &[KeyCode::F(2)]).is_empty());
    assert!(state.overlay.is_none());
}

#[test]
fn quit_signs_out() {
    let mut state = signed_in(Role::FrontDesk);
    assert_eq!(press(&mut state, &[KeyCode::F(10)]), vec![Effect::SignOut]);
    assert!(state.quit);
}

#[test]
fn idle_locks_and_unlocking_signs_in_at_the_same_window() {
    let mut state = signed_in(Role::FrontDesk);
    state.view.queue = vec![queue_row(1, StepStatus::Waiting)];
    let keymap = Keymap::defaults();
    update(&mut state, Msg::Idle, &keymap);
    assert!(matches!(state.screen, Screen::Locked(_)));
    assert!(
        state.view.queue.is_empty(),
        "loaded data is dropped while locked"
    );
    // Fresh data from another terminal is not kept while locked.
    let mut view = legaldesk::app::state::ViewData::default();
    view.queue = vec![queue_row(2, StepStatus::Waiting)];
    update(&mut state, Msg::Data(view), &keymap);
    assert!(state.view.queue.is_empty());
    // Keys that would act on the queue do nothing; the PIN goes into the form.
    assert!(press(&mut state, &[KeyCode::F(3)]).is_empty());
    typed(&mut state, "1234");
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert_eq!(effects, vec![Effect::Reauthenticate { pin: "1234".into() }]);
    // Another operator taking over the window signs in there.
    if let Screen::Locked(form) = &mut state.screen {
        form.field_mut("code").unwrap().value = "S03".into();
    }
    let effects = press(&mut state, &[KeyCode::Enter]);
    assert_eq!(
        effects,
        vec![Effect::SignIn {
            code: "S03".into(),
            pin: "1234".into(),
            window: Some("W1".into())
        }]
    );
    update(
        &mut state,
        Msg::Result(Outcome::Failed("wrong".into())),
        &keymap,
    );
    assert_eq!(
        state.form().unwrap().value("pin"),
        "",
        "a refused PIN is cleared"
    );
    assert_eq!(state.form().unwrap().focused().unwrap().key, "pin");
}

#[test]
fn tally_screen_keys() {
    use chrono::NaiveDate;
    use legaldesk::app::state::TallyView;
    let mut state = signed_in(Role::Supervisor);
    state.settings.zone = legaldesk::domain::clock::Zone::parse("+08:00").unwrap();
    let today = state.settings.zone.business_date(state.now);
    assert_eq!(
        press(&mut state, &[KeyCode::Char('t')]),
        vec![Effect::LoadTally {
            from: today,
            to: today
        }]
    );
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let view = TallyView {
        from: day,
        to: day,
        lines: vec!["a".into(), "b".into()],
        open: vec![],
        closed: false,
        scroll: 0,
        range: None,
    };
    let keymap = Keymap::defaults();
    update(&mut state, Msg::Result(Outcome::Tally(view)), &keymap);
    let yesterday = day.pred_opt().unwrap();
    assert_eq!(
        press(&mut state, &[KeyCode::Left]),
        vec![Effect::LoadTally {
            from: yesterday,
            to: yesterday
        }]
    );
    assert_eq!(
        press(&mut state, &[KeyCode::Char('p')]),
        vec![Effect::PrintTally { from: day, to: day }]
    );
    assert_eq!(
        press(&mut state, &[KeyCode::F(9)]),
        vec![Effect::AskCloseDay(day)]
    );
    // Choosing a range: the form takes the dates as typed; a bad one is refused in place.
    press(&mut state, &[KeyCode::Char('d')]);
    for _ in 0..10 {
        press(&mut state, &[KeyCode::Backspace]);
    }
    typed(&mut state, "2026-11-01");
    press(&mut state, &[KeyCode::Enter]);
    for _ in 0..10 {
        press(&mut state, &[KeyCode::Backspace]);
    }
    typed(&mut state, "2026-02-30");
    assert!(press(&mut state, &[KeyCode::F(2)]).is_empty());
    assert!(state.form().unwrap().error.is_some());
    for _ in 0..2 {
        press(&mut state, &[KeyCode::Backspace]);
    }
    typed(&mut state, "28");
    // 2026-11-01 .. 2026-02-28: the start is after the end.
    assert!(
        press(&mut state, &[KeyCode::F(2)]).is_empty(),
        "from after to is refused"
    );
    assert!(state.form().unwrap().error.is_some());
    // Escape leaves the form, a second escape the tally.
    press(&mut state, &[KeyCode::Esc]);
    assert!(matches!(
        state.overlay,
        Some(Overlay::Tally(TallyView { range: None, .. }))
    ));
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.overlay.is_none());
}

#[test]
fn a_range_cannot_be_closed() {
    use chrono::NaiveDate;
    use legaldesk::app::state::TallyView;
    let mut state = signed_in(Role::Supervisor);
    let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let view = TallyView {
        from,
        to,
        lines: vec![],
        open: vec![],
        closed: false,
        scroll: 0,
        range: None,
    };
    update(
        &mut state,
        Msg::Result(Outcome::Tally(view)),
        &Keymap::defaults(),
    );
    assert!(press(&mut state, &[KeyCode::F(9)]).is_empty());
    assert!(matches!(state.status, Some((StatusKind::Error, _))));
    // Moving a 30-day range moves it by 30 days.
    let next = from + chrono::Duration::days(30);
    assert_eq!(
        press(&mut state, &[KeyCode::Right]),
        vec![Effect::LoadTally {
            from: next,
            to: to + chrono::Duration::days(30)
        }]
    );
}

#[test]
fn unmask_needs_a_supervisor_and_a_reason_and_the_record_goes_on_esc() {
    let mut clerk = signed_in(Role::FrontDesk);
    clerk.view.queue = vec![queue_row(1, StepStatus::Waiting)];
    assert!(press(&mut clerk, &[KeyCode::Char('u')]).is_empty());
    assert!(clerk.overlay.is_none());
    assert!(matches!(clerk.status, Some((StatusKind::Error, _))));

    let mut state = signed_in(Role::Supervisor);
    state.view.queue = vec![queue_row(1, StepStatus::Waiting)];
    press(&mut state, &[KeyCode::Char('u')]);
    typed(&mut state, "核对身份");
    let effects = press(&mut state, &[KeyCode::F(2)]);
    assert_eq!(
        effects,
        vec![Effect::Unmask {
            step_id: 1,
            reason: "核对身份".into()
        }]
    );
    let record = legaldesk::service::unmask::Unmasked {
        visit_id: 1,
        ticket: "Z001".into(),
        business_date: "2026-11-21".into(),
        name: "张三".into(),
        phone: "13812345678".into(),
        id_type: None,
        id_number: String::new(),
        summary: String::new(),
        adverse_name: String::new(),
        adverse_id: String::new(),
    };
    update(
        &mut state,
        Msg::Result(Outcome::Unmasked(Box::new(record))),
        &Keymap::defaults(),
    );
    assert!(matches!(state.overlay, Some(Overlay::Unmasked(_))));
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.overlay.is_none(), "the full record is dropped on Esc");
}

#[test]
fn change_pin_checks_the_repeat_before_asking_the_database() {
    let mut state = signed_in(Role::FrontDesk);
    let keymap = Keymap::defaults();
    let ctrl_p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL);
    update(&mut state, Msg::Key(ctrl_p), &keymap);
    typed(&mut state, "1234");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "5678");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "5679");
    assert!(press(&mut state, &[KeyCode::Enter]).is_empty());
    assert!(state.form().unwrap().error.is_some());
    press(&mut state, &[KeyCode::Backspace]);
    typed(&mut state, "8");
    assert_eq!(
        press(&mut state, &[KeyCode::F(2)]),
        vec![Effect::ChangePin {
            current: "1234".into(),
            new: "5678".into()
        }]
    );
}

fn at_window(step_id: i64, status: StepStatus) -> WindowTicket {
    let mut row = queue_row(step_id, status);
    row.window = Some("W1".into());
    WindowTicket {
        row,
        phone: String::new(),
        id_number: String::new(),
        parties: 1,
        summary: String::new(),
        called_at: None,
        started_at: None,
    }
}

/// With one visitor being served and the next already called, each key finds its ticket.
#[test]
fn keys_act_on_the_right_ticket_when_two_are_at_the_window() {
    let mut state = signed_in(Role::FrontDesk);
    state.view.mine = vec![
        at_window(4, StepStatus::Serving),
        at_window(5, StepStatus::Called),
    ];
    state.view.queue = vec![queue_row(6, StepStatus::Waiting)];
    assert_eq!(press(&mut state, &[KeyCode::F(4)]), vec![Effect::Recall(5)]);
    assert_eq!(press(&mut state, &[KeyCode::F(9)]), vec![Effect::NoShow(5)]);
    assert_eq!(press(&mut state, &[KeyCode::F(5)]), vec![Effect::Start(5)]);
    assert_eq!(
        press(&mut state, &[KeyCode::F(11)]),
        vec![Effect::ToggleHold(4)]
    );
    press(&mut state, &[KeyCode::F(6)]);
    let Some(Overlay::Form { step_id, .. }) = &state.overlay else {
        panic!()
    };
    assert_eq!(*step_id, Some(4), "finishing is for the one being served");
    press(&mut state, &[KeyCode::Esc]);
    // F12: the called visitor who did not come up is the one who left.
    press(&mut state, &[KeyCode::F(12)]);
    assert_eq!(
        press(&mut state, &[KeyCode::Enter]),
        vec![Effect::Cancel(5)]
    );
    // With nobody called, F12 takes the waiting visitor selected in the queue.
    state.view.mine = vec![at_window(4, StepStatus::Serving)];
    press(&mut state, &[KeyCode::F(12)]);
    assert_eq!(
        press(&mut state, &[KeyCode::Enter]),
        vec![Effect::Cancel(6)]
    );
    // F5 on a ticket on hold resumes it.
    state.view.mine = vec![at_window(4, StepStatus::OnHold)];
    assert_eq!(
        press(&mut state, &[KeyCode::F(5)]),
        vec![Effect::ToggleHold(4)]
    );
}

/// Help over a half-typed form gives the form back; →/← on the service shows the ID fields.
#[test]
fn help_keeps_the_form_and_choices_show_dependent_fields() {
    let mut state = signed_in(Role::FrontDesk);
    press(&mut state, &[KeyCode::F(2)]);
    assert!(state.form().unwrap().field("id_number").unwrap().hidden);
    press(&mut state, &[KeyCode::Right]); // service: legal aid
    assert!(
        !state.form().unwrap().field("id_number").unwrap().hidden,
        "→ to legal aid shows the ID fields"
    );
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "张三");
    press(&mut state, &[KeyCode::F(1)]);
    assert!(matches!(state.overlay, Some(Overlay::Help(Some(_)))));
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(state.form().unwrap().value("name"), "张三");
}

/// Signing out keeps the actor until the sign-out is done, then returns to sign-in.
#[test]
fn sign_out_is_recorded_before_the_actor_goes() {
    let mut state = signed_in(Role::FrontDesk);
    let ctrl_o = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL);
    let keymap = Keymap::defaults();
    assert_eq!(
        update(&mut state, Msg::Key(ctrl_o), &keymap),
        vec![Effect::SignOut]
    );
    assert!(
        state.actor.is_some(),
        "the effect still needs to know who signs out"
    );
    update(&mut state, Msg::Result(Outcome::SignedOut), &keymap);
    assert!(state.actor.is_none());
    assert!(matches!(state.screen, Screen::SignIn(_)));
}

/// F10 over a half-typed intake asks first; Esc gives the form back as it was.
#[test]
fn quitting_over_typed_text_asks_first() {
    let mut state = signed_in(Role::FrontDesk);
    press(&mut state, &[KeyCode::F(2), KeyCode::Enter]);
    typed(&mut state, "张三");
    assert!(press(&mut state, &[KeyCode::F(10)]).is_empty());
    assert!(!state.quit);
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(state.form().unwrap().value("name"), "张三");
    press(&mut state, &[KeyCode::F(10)]);
    assert_eq!(press(&mut state, &[KeyCode::Enter]), vec![Effect::SignOut]);
    assert!(state.quit);
    // With nothing typed, F10 quits at once.
    let mut idle = signed_in(Role::FrontDesk);
    assert_eq!(press(&mut idle, &[KeyCode::F(10)]), vec![Effect::SignOut]);
}

/// Only a screen that shows a waiting time needs the minute to redraw it.
#[test]
fn an_idle_hall_shows_no_elapsed_time() {
    let mut state = signed_in(Role::FrontDesk);
    assert!(!state.shows_elapsed_time());
    state.view.queue = vec![queue_row(1, StepStatus::NoShow)];
    assert!(
        !state.shows_elapsed_time(),
        "a no-show shows no running wait"
    );
    state.view.queue.push(queue_row(2, StepStatus::Waiting));
    assert!(state.shows_elapsed_time());
    state.view.queue.clear();
    state.view.mine = vec![at_window(3, StepStatus::Serving)];
    assert!(state.shows_elapsed_time());
    state.lock();
    assert!(
        !state.shows_elapsed_time(),
        "the lock screen shows nothing that ages"
    );
}

fn paste(state: &mut State, text: &str) -> Vec<Effect> {
    update(state, Msg::Paste(text.into()), &Keymap::defaults())
}

fn intake_name(state: &State) -> String {
    state.form().map(|f| f.value("name")).unwrap_or_default()
}

/// A paste into a name is one insertion: escape sequences go whole (no `0;PWNE` left), no
/// key action fires, and the form says what was removed until the next key.
#[test]
fn a_paste_is_one_clean_insertion_into_the_focused_field() {
    let mut state = signed_in(Role::FrontDesk);
    press(&mut state, &[KeyCode::F(2), KeyCode::Enter]);
    typed(&mut state, "韩");
    // F-key sequences (F2 submits, F10 quits) and Enter in the paste must not act: no
    // effect, still the same form.
    assert!(paste(
        &mut state,
        "\u{1b}[2J\u{1b}]0;PWNED\u{7}\u{1b}[12~\u{1b}[21~\r"
    )
    .is_empty());
    assert_eq!(intake_name(&state), "韩");
    assert_eq!(state.form().unwrap().note, Some(PasteNote::NothingLeft));
    assert!(!state.quit);
    assert!(matches!(
        state.overlay,
        Some(Overlay::Form {
            kind: FormKind::Intake,
            ..
        })
    ));
    assert!(paste(&mut state, "\u{1b}[2J\u{1b}]0;PWNED\u{7}梅").is_empty());
    assert_eq!(intake_name(&state), "韩梅");
    assert_eq!(state.form().unwrap().note, Some(PasteNote::Cleaned));
    // The focus did not move: the paste's line break was no Enter.
    assert_eq!(state.form().unwrap().focused().unwrap().key, "name");
    typed(&mut state, "梅");
    assert_eq!(intake_name(&state), "韩梅梅");
    assert_eq!(
        state.form().unwrap().note,
        None,
        "the note goes with the next key"
    );
    // A clean paste says nothing.
    paste(&mut state, "（学生）");
    assert_eq!(intake_name(&state), "韩梅梅（学生）");
    assert_eq!(state.form().unwrap().note, None);
}

/// Where no text field has focus, a paste does nothing at all: not a call, not a form.
#[test]
fn a_paste_outside_a_text_field_is_ignored() {
    let mut state = signed_in(Role::FrontDesk);
    state.view.queue = vec![queue_row(1, StepStatus::Waiting)];
    let before = state.clone();
    assert!(paste(&mut state, "c\r1\u{1b}OR").is_empty());
    assert_eq!(state, before);
    // On a choice field (the service of the intake form) nothing changes either.
    press(&mut state, &[KeyCode::F(2)]);
    let form_before = state.form().unwrap().clone();
    assert!(paste(&mut state, "3").is_empty());
    assert_eq!(state.form().unwrap(), &form_before);
}

/// The day-close question is asked over the tally; Esc goes back to the tally, and
/// confirming keeps the tally on screen while the day closes.
#[test]
fn the_day_close_question_sits_on_the_tally() {
    let mut state = signed_in(Role::Supervisor);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let view = TallyView {
        from: day,
        to: day,
        lines: vec!["a".into()],
        open: vec!["Z003".into()],
        closed: false,
        scroll: 0,
        range: None,
    };
    let keymap = Keymap::defaults();
    update(
        &mut state,
        Msg::Result(Outcome::Tally(view.clone())),
        &keymap,
    );
    assert_eq!(
        press(&mut state, &[KeyCode::F(9)]),
        vec![Effect::AskCloseDay(day)]
    );
    let ask = Outcome::ConfirmClose {
        date: day,
        open: vec!["Z003".into()],
    };
    update(&mut state, Msg::Result(ask.clone()), &keymap);
    match &state.overlay {
        Some(Overlay::Confirm(Pending::CloseDay {
            tally: Some(under), ..
        })) => {
            assert_eq!(**under, view)
        }
        other => panic!("not asked over the tally: {other:?}"),
    }
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(state.overlay, Some(Overlay::Tally(view.clone())));
    press(&mut state, &[KeyCode::F(9)]);
    update(&mut state, Msg::Result(ask), &keymap);
    assert_eq!(
        press(&mut state, &[KeyCode::Enter]),
        vec![Effect::CloseDay(day)]
    );
    assert_eq!(state.overlay, Some(Overlay::Tally(view)));
}

/// A refusal shown before signing out does not greet the next person at sign-in.
#[test]
fn signing_out_clears_the_status_line() {
    let mut clerk = signed_in(Role::FrontDesk);
    clerk.view.queue = vec![queue_row(1, StepStatus::Waiting)];
    press(&mut clerk, &[KeyCode::Char('u')]);
    assert!(matches!(clerk.status, Some((StatusKind::Error, _))));
    let keymap = Keymap::defaults();
    update(&mut clerk, Msg::Result(Outcome::SignedOut), &keymap);
    assert!(matches!(clerk.screen, Screen::SignIn(_)));
    assert_eq!(clerk.status, None);
}

/// The served visitor as the service layer hands it to the form: masked.
fn card(step_id: i64, service: Service) -> VisitorCard {
    VisitorCard {
        step_id,
        ticket: "Z007".into(),
        service,
        id_type: None,
        id_number: String::new(),
        phone: "138****5678".into(),
        adverse_name: "王*".into(),
        adverse_id: String::new(),
    }
}

fn result(state: &mut State, outcome: Outcome) -> Vec<Effect> {
    update(state, Msg::Result(outcome), &Keymap::defaults())
}

/// SPEC §3: F2 at a desk opens the served visitor's record, pre-filled masked; what the desk
/// types replaces a field, what it leaves stays as stored; a failed ID check arms the form so
/// F2 again keeps the number; saved, the form closes.
#[test]
fn the_desk_edits_the_served_visitor() {
    let mut state = signed_in(Role::DutyLawyer);
    state.window = Some(windows()[1].clone());
    let mut ticket = at_window(7, StepStatus::Serving);
    ticket.row.service = Service::LegalAid;
    state.view.mine = vec![ticket];
    assert_eq!(
        press(&mut state, &[KeyCode::F(2)]),
        vec![Effect::LoadVisitor(7)]
    );
    assert!(state.overlay.is_none(), "the form waits for the record");
    assert!(result(
        &mut state,
        Outcome::VisitorLoaded(Box::new(card(7, Service::LegalAid)))
    )
    .is_empty());
    let Some(Overlay::Form {
        kind: FormKind::EditVisitor,
        step_id: Some(7),
        ..
    }) = &state.overlay
    else {
        panic!("{:?}", state.overlay)
    };
    let form = state.form().unwrap();
    assert_eq!(form.focused().unwrap().key, "id_number");
    assert_eq!(form.value("phone"), "138****5678");
    assert_eq!(form.code("id_type").as_deref(), Some("resident_id"));

    typed(&mut state, "110101199003074515");
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "13900001111"); // typed over the masked phone: replaced whole
    press(&mut state, &[KeyCode::Enter, KeyCode::Backspace]); // the adverse party: removed
    let effects = press(&mut state, &[KeyCode::F(2)]);
    let [Effect::EditVisitor(7, edit)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(edit.id_type, Some(IdType::ResidentId));
    assert_eq!(edit.id_number.as_deref(), Some("110101199003074515"));
    assert_eq!(edit.phone.as_deref(), Some("13900001111"));
    assert_eq!(edit.adverse_name.as_deref(), Some(""));
    assert_eq!(
        edit.adverse_id.as_deref(),
        Some(""),
        "empty before and after"
    );
    assert!(!edit.id_override);

    // The check digit is wrong: the form stays, names the key that keeps it, and is armed.
    result(
        &mut state,
        Outcome::Visitor(VisitorText::IdCheck {
            field: VisitorField::IdNumber,
            problem: IdProblem::CheckDigit('4'),
            key: None,
        }),
    );
    let form = state.form().unwrap();
    assert!(form.armed);
    assert_eq!(form.focused().unwrap().key, "id_number");
    let error = form.error.clone().unwrap().text(state.lang);
    assert!(
        error.contains("校验位应为 4") && error.contains("F2"),
        "{error}"
    );
    let effects = press(&mut state, &[KeyCode::F(2)]);
    let [Effect::EditVisitor(7, edit)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(edit.id_override, "the second F2 keeps the number");

    // Saved: the form closes, the status line says what changed, the view reloads.
    let effects = result(
        &mut state,
        Outcome::Visitor(VisitorText::Saved {
            ticket: "Z007".into(),
            fields: vec![VisitorField::IdNumber, VisitorField::Phone],
        }),
    );
    assert_eq!(effects, vec![Effect::Refresh]);
    assert!(state.overlay.is_none());
    let Some((StatusKind::Info, text)) = &state.status else {
        panic!("{:?}", state.status)
    };
    assert_eq!(
        text.text(Lang::Zh),
        "已保存 Z007 来访人信息：证件号码、联系电话"
    );
}

/// The status line holds a message, not words: after Ctrl-L the same line is drawn in the
/// other language, for the app's own words and for a refusal of the service layer alike.
#[test]
fn the_status_line_follows_a_language_switch() {
    let keymap = Keymap::defaults();
    let ctrl_l = || Msg::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    let status_line = |state: &State| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| ui::render(frame, state, &keymap, &Theme::plain()))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        // The status line is the row above the two hint rows.
        let y = buffer.area.height - 3;
        let mut line = String::new();
        // A wide (CJK) character covers two cells; the second is a placeholder to skip.
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
        line
    };

    let mut state = signed_in(Role::FrontDesk);
    result(
        &mut state,
        Outcome::Done(StatusText::Called {
            ticket: "Z004".into(),
        }),
    );
    assert!(
        status_line(&state).contains("已叫号 Z004"),
        "{}",
        status_line(&state)
    );
    update(&mut state, ctrl_l(), &keymap);
    assert_eq!(state.lang, Lang::En);
    assert!(
        status_line(&state).contains("called Z004"),
        "{}",
        status_line(&state)
    );

    result(&mut state, Outcome::Failed(ErrorText::QueueEmpty.into()));
    assert!(status_line(&state).contains("nobody is waiting"));
    update(&mut state, ctrl_l(), &keymap);
    assert!(
        status_line(&state).contains("没有等候的号"),
        "{}",
        status_line(&state)
    );
}

/// An untouched edit form holds no typed text, so F10 does not ask; with no ticket at the
/// window the key says so and asks nothing of the database.
#[test]
fn edit_visitor_needs_a_ticket_and_an_untouched_form_is_not_typed_text() {
    let mut state = signed_in(Role::DutyLawyer);
    assert!(press(&mut state, &[KeyCode::F(2)]).is_empty());
    assert!(matches!(state.status, Some((StatusKind::Error, _))));
    result(
        &mut state,
        Outcome::VisitorLoaded(Box::new(card(7, Service::LegalAid))),
    );
    assert_eq!(press(&mut state, &[KeyCode::F(10)]), vec![Effect::SignOut]);
    // A refusal from the service layer stays on the form.
    let mut state = signed_in(Role::DutyLawyer);
    result(
        &mut state,
        Outcome::VisitorLoaded(Box::new(card(7, Service::LegalAid))),
    );
    result(&mut state, Outcome::Visitor(VisitorText::NotServing));
    assert!(form_error(&state).contains("正在办理该号的窗口"));
}

/// The front desk reaches the same form with "e"; a consultation shows no ID fields (SPEC §3)
/// and the cursor starts in the phone. A supervisor at no window edits the selected row.
#[test]
fn front_desk_and_supervisor_reach_the_form_too() {
    let mut state = signed_in(Role::FrontDesk);
    state.view.mine = vec![at_window(4, StepStatus::Called)];
    assert_eq!(
        press(&mut state, &[KeyCode::Char('e')]),
        vec![Effect::LoadVisitor(4)]
    );
    result(
        &mut state,
        Outcome::VisitorLoaded(Box::new(card(4, Service::Consult))),
    );
    let form = state.form().unwrap();
    assert!(form.field("id_number").unwrap().hidden);
    assert!(form.field("id_type").unwrap().hidden);
    assert_eq!(form.focused().unwrap().key, "phone");
    let effects = press(&mut state, &[KeyCode::F(2)]);
    let [Effect::EditVisitor(4, edit)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (edit.id_type, edit.id_number.as_ref(), edit.phone.as_ref()),
        (None, None, None),
        "hidden and untouched fields keep what is stored"
    );

    let mut boss = signed_in(Role::Supervisor);
    boss.window = None;
    boss.view.queue = vec![
        queue_row(8, StepStatus::Waiting),
        queue_row(9, StepStatus::Waiting),
    ];
    typed(&mut boss, "2");
    assert_eq!(
        press(&mut boss, &[KeyCode::Char('e')]),
        vec![Effect::LoadVisitor(9)]
    );
    // Anyone else needs the ticket at their own window, not a row in the queue.
    let mut desk = signed_in(Role::FrontDesk);
    desk.view.queue = vec![queue_row(8, StepStatus::Waiting)];
    assert!(press(&mut desk, &[KeyCode::Char('e')]).is_empty());
}

/// SPEC §10: accepting a legal-aid application without the applicant's ID is refused on the
/// finish form, with the key that opens the edit-visitor form.
#[test]
fn accepting_without_an_id_points_to_the_edit_visitor_key() {
    let mut state = signed_in(Role::DutyLawyer);
    let mut ticket = at_window(7, StepStatus::Serving);
    ticket.row.service = Service::LegalAid;
    state.view.mine = vec![ticket];
    press(&mut state, &[KeyCode::F(6)]);
    typed(&mut state, "1"); // application accepted
    let effects = press(&mut state, &[KeyCode::F(2)]);
    assert!(
        matches!(effects.as_slice(), [Effect::Finish(7, _)]),
        "{effects:?}"
    );
    result(
        &mut state,
        Outcome::Visitor(VisitorText::IdRequired { key: None }),
    );
    let Some(Overlay::Form {
        kind: FormKind::Finish,
        form,
        ..
    }) = &state.overlay
    else {
        panic!("the finish form stays: {:?}", state.overlay)
    };
    let error = form.error.clone().unwrap().text(state.lang);
    assert!(
        error.contains("身份证件") && error.contains("F2"),
        "{error}"
    );
    // Esc, then the key named: the edit-visitor form of the same ticket.
    press(&mut state, &[KeyCode::Esc]);
    assert_eq!(
        press(&mut state, &[KeyCode::F(2)]),
        vec![Effect::LoadVisitor(7)]
    );
    state.lang = Lang::En;
    press(&mut state, &[KeyCode::F(6), KeyCode::F(2)]);
    result(
        &mut state,
        Outcome::Visitor(VisitorText::IdRequired { key: None }),
    );
    let error = form_error(&state);
    assert!(error.contains("press Esc, then F2"), "{error}");
}

#[test]
fn a_new_ticket_asks_for_its_slip_and_p_prints_it_again() {
    use legaldesk::app::state::SlipState;
    use legaldesk::print::PrintError;
    use legaldesk::service::intake::Issued;
    let mut state = signed_in(Role::FrontDesk);
    let issued = Issued {
        visit_id: 7,
        step_id: 9,
        ticket: "Z009".into(),
        business_date: "2026-11-23".into(),
        service: Service::Consult,
    };
    // The ticket shows at once; its slip is a separate effect, after the view's refresh.
    let effects = update(
        &mut state,
        Msg::Result(Outcome::Issued(issued.clone())),
        &Keymap::defaults(),
    );
    assert_eq!(
        effects,
        vec![
            Effect::Refresh,
            Effect::PrintSlip {
                step_id: 9,
                reprint: false
            }
        ]
    );
    assert!(matches!(state.overlay, Some(Overlay::Issued(_))));
    update(
        &mut state,
        Msg::Result(Outcome::SlipPrinting {
            ticket: "Z009".into(),
            reprint: false,
        }),
        &Keymap::defaults(),
    );
    assert_eq!(state.slip.as_ref().unwrap().state, SlipState::Printing);
    // The printer fails: the screen says so, in the status line and on the ticket shown.
    update(
        &mut state,
        Msg::Result(Outcome::SlipDone {
            ticket: "Z009".into(),
            result: Err(PrintError::Device {
                path: "/dev/usb/lp0".into(),
                detail: "No such device".into(),
            }),
        }),
        &Keymap::defaults(),
    );
    assert!(matches!(
        state.slip.as_ref().unwrap().state,
        SlipState::Failed(_)
    ));
    let (kind, text) = state.status.clone().unwrap();
    assert_eq!(kind, StatusKind::Error);
    let text = legaldesk::i18n::Words::text(&text, Lang::Zh);
    assert!(text.contains("Z009") && text.contains("未打印"), "{text}");
    // p on the ticket shown reprints it, and the ticket stays on screen.
    let effects = press(&mut state, &[KeyCode::Char('p')]);
    assert_eq!(
        effects,
        vec![Effect::PrintSlip {
            step_id: 9,
            reprint: true
        }]
    );
    assert!(matches!(state.overlay, Some(Overlay::Issued(_))));
    // Back in the queue, p reprints the selected waiting ticket, and nothing else.
    press(&mut state, &[KeyCode::Esc]);
    assert!(state.overlay.is_none());
    state.view.queue = vec![queue_row(4, StepStatus::Waiting)];
    let effects = press(&mut state, &[KeyCode::Char('p')]);
    assert_eq!(
        effects,
        vec![Effect::PrintSlip {
            step_id: 4,
            reprint: true
        }]
    );
    state.view.queue = vec![queue_row(5, StepStatus::NoShow)];
    assert!(press(&mut state, &[KeyCode::Char('p')]).is_empty());
}

/// The open form's error line, in the language of the moment.
fn form_error(state: &State) -> String {
    state
        .form()
        .and_then(|form| form.error.as_ref())
        .expect("the form shows an error")
        .text(state.lang)
}

/// In a text field ←/→, Home, End and Delete edit where the caret is (the screen shows it
/// reversed); on a choice ←/→ still change the option.
#[test]
fn arrows_home_end_and_delete_edit_inside_a_text_field() {
    let mut state = signed_in(Role::FrontDesk);
    press(&mut state, &[KeyCode::F(2)]);
    // The service choice: → moves to the next service, as before.
    press(&mut state, &[KeyCode::Right]);
    assert_eq!(
        state.form().unwrap().code("service").as_deref(),
        Some("legal_aid")
    );
    press(&mut state, &[KeyCode::Enter]);
    typed(&mut state, "韩梅");
    press(&mut state, &[KeyCode::Left]);
    typed(&mut state, "小");
    assert_eq!(intake_name(&state), "韩小梅");
    press(&mut state, &[KeyCode::Home, KeyCode::Delete]);
    assert_eq!(intake_name(&state), "小梅");
    press(&mut state, &[KeyCode::End]);
    typed(&mut state, "梅");
    assert_eq!(intake_name(&state), "小梅梅");
    press(&mut state, &[KeyCode::Left, KeyCode::Backspace]);
    assert_eq!(intake_name(&state), "小梅");
    // The caret is drawn on the character it stands before.
    press(&mut state, &[KeyCode::Home]);
    let keymap = Keymap::defaults();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| ui::render(frame, &state, &keymap, &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let reversed: Vec<String> = buffer
        .content()
        .iter()
        .filter(|cell| cell.modifier.contains(ratatui::style::Modifier::REVERSED))
        .map(|cell| cell.symbol().to_string())
        .collect();
    assert_eq!(reversed, ["小"], "the caret's cell");
    // Still the service chosen with →, and still the intake form.
    assert_eq!(
        state.form().unwrap().code("service").as_deref(),
        Some("legal_aid")
    );
}
