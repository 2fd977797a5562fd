//! The appointments screen without a terminal: its keys through the pure update (what each
//! key asks the runtime to do, and what it refuses on the spot), and every state of it on
//! ratatui's TestBackend at 80×24 in zh-CN and en, compared with reviewed snapshots. The state
//! is reached the way the program reaches it: the queue view's key, then results and keys.

use chrono::{NaiveDate, NaiveTime};

use legaldesk::action::Action;
use legaldesk::app::appointments::{ApptEffect, ApptFormKind, ApptOutcome};
use legaldesk::app::effect::{Effect, Outcome};
use legaldesk::app::state::{Overlay, Pending, State};
use legaldesk::app::update::{on_action, update, Msg};
use legaldesk::domain::appointment::{ApptState, BookingChannel, DayRefusal, Slot};
use legaldesk::domain::calendar::{DayKind, Festival};
use legaldesk::domain::codes::{Lane, Matter, Role, Service};
use legaldesk::i18n::appointment_text::ScreenNote;
use legaldesk::i18n::appointments::{ApptNote, ApptProblem, Refusal};
use legaldesk::i18n::Lang;
use legaldesk::keymap::{Keymap, Mode};
use legaldesk::service::appointments::ApptRow;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::ui_snapshots::{front_desk, render};

/// The business day of the ui_snapshots state (2026-11-21, a Saturday: the screen shows any
/// day it is given; the first bookable day after it is Monday the 23rd).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").unwrap()
}

#[allow(clippy::too_many_arguments)]
fn row(
    id: i64,
    at: &str,
    service: Service,
    name: &str,
    phone: &str,
    channel: BookingChannel,
    state: ApptState,
    ticket: Option<&str>,
) -> ApptRow {
    ApptRow {
        id,
        date: today(),
        time: time(at),
        service,
        name: name.into(),
        phone: phone.into(),
        channel,
        state,
        ticket: ticket.map(str::to_owned),
        on_time: ticket.map(|_| true),
        missed_before: 0,
    }
}

fn rows() -> Vec<ApptRow> {
    let mut repeat = row(
        2,
        "09:00",
        Service::Consult,
        "李*",
        "139****4321",
        BookingChannel::WalkIn,
        ApptState::Booked,
        None,
    );
    repeat.missed_before = 2;
    vec![
        row(
            1,
            "08:30",
            Service::Consult,
            "张*",
            "138****5678",
            BookingChannel::Hotline,
            ApptState::CheckedIn,
            Some("Z003"),
        ),
        repeat,
        row(
            3,
            "09:30",
            Service::Notary,
            "王*",
            "137****0000",
            BookingChannel::Online,
            ApptState::Cancelled,
            None,
        ),
        row(
            4,
            "10:00",
            Service::LegalAid,
            "赵*",
            "136****1111",
            BookingChannel::Hotline,
            ApptState::Booked,
            None,
        ),
        row(
            5,
            "14:00",
            Service::Mediation,
            "欧*",
            "135****2222",
            BookingChannel::WalkIn,
            ApptState::Booked,
            None,
        ),
    ]
}

fn result(state: &mut State, outcome: ApptOutcome) -> Vec<Effect> {
    update(
        state,
        Msg::Result(Outcome::Appointment(outcome)),
        &Keymap::defaults(),
    )
}

fn loaded(date: NaiveDate, find: Option<&str>, rows: Vec<ApptRow>) -> ApptOutcome {
    ApptOutcome::Loaded {
        date,
        today: today(),
        find: find.map(str::to_owned),
        rows,
    }
}

/// The front desk presses the queue view's key and the day's bookings come back.
fn opened(lang: Lang) -> State {
    let mut state = front_desk(lang);
    let effects = on_action(&mut state, Action::OpenAppointments);
    assert_eq!(
        effects,
        [Effect::Appointment(ApptEffect::Load {
            date: today(),
            find: None
        })]
    );
    assert!(result(&mut state, loaded(today(), None, rows())).is_empty());
    assert_eq!(state.mode(), Mode::Appointments);
    state
}

fn view(state: &State) -> &legaldesk::app::appointments::AppointmentsView {
    match &state.overlay {
        Some(Overlay::Appointments(view)) => view,
        other => panic!("not on the appointments screen: {other:?}"),
    }
}

fn key(state: &mut State, code: KeyCode) -> Vec<Effect> {
    update(
        state,
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        &Keymap::defaults(),
    )
}

fn typed(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c));
    }
}

#[test]
fn only_the_roles_that_book_open_it() {
    let mut state = front_desk(Lang::Zh);
    state.actor.as_mut().unwrap().role = Role::DutyLawyer;
    assert!(on_action(&mut state, Action::OpenAppointments).is_empty());
    assert!(state.overlay.is_none());
    assert_eq!(
        state
            .status
            .as_ref()
            .map(|s| legaldesk::i18n::Words::text(&s.1, legaldesk::i18n::Lang::Zh)),
        Some("无此权限".to_string())
    );
    // From the queue view, "y" (预约) and "0" both open it.
    for code in [KeyCode::Char('y'), KeyCode::Char('0')] {
        let mut state = front_desk(Lang::Zh);
        assert!(matches!(
            key(&mut state, code).as_slice(),
            [Effect::Appointment(ApptEffect::Load { .. })]
        ));
    }
}

#[test]
fn keys_act_on_the_selected_booking_or_say_why_not() {
    let mut state = opened(Lang::Zh);
    // Row 1 is checked in already: nothing to do, and the screen says so.
    assert!(key(&mut state, KeyCode::Enter).is_empty());
    assert_eq!(
        view(&state).note,
        Some(ScreenNote::Problem(ApptProblem::NotBooked {
            state: ApptState::CheckedIn
        }))
    );
    // Row 2 (digit 2), F3: the check-in form; F2 there sends lane and matter.
    key(&mut state, KeyCode::Char('2'));
    key(&mut state, KeyCode::F(3));
    assert_eq!(state.mode(), Mode::Form);
    assert!(matches!(
        view(&state).form.as_ref().map(|f| f.kind),
        Some(ApptFormKind::CheckIn { id: 2 })
    ));
    key(&mut state, KeyCode::Char('2')); // lane 2: elderly
    let effects = key(&mut state, KeyCode::F(2));
    assert_eq!(
        effects,
        [Effect::Appointment(ApptEffect::CheckIn {
            id: 2,
            lane: Lane::Elderly,
            matter: Matter::Other
        })]
    );
    // The result closes the form, says what happened and reloads the day.
    // The ticket's slip goes to the slip printer like a ticket issued at intake.
    let effects = result(
        &mut state,
        ApptOutcome::CheckedIn {
            notes: vec![ApptNote::CheckedIn {
                ticket: "Z004".into(),
                on_time: true,
                minutes: -20,
            }],
            step_id: 44,
        },
    );
    assert_eq!(
        effects,
        [
            Effect::Appointment(ApptEffect::Load {
                date: today(),
                find: None
            }),
            Effect::Refresh,
            Effect::PrintSlip {
                step_id: 44,
                reprint: false
            }
        ]
    );
    assert!(view(&state).form.is_none());
    // Another day's booking cannot be checked in today.
    key(&mut state, KeyCode::F(6));
    let tomorrow = today().succ_opt().unwrap();
    let mut later = rows();
    for r in &mut later {
        r.date = tomorrow;
    }
    result(&mut state, loaded(tomorrow, None, later));
    key(&mut state, KeyCode::Char('4'));
    assert!(key(&mut state, KeyCode::Enter).is_empty());
    assert_eq!(
        view(&state).note,
        Some(ScreenNote::Problem(ApptProblem::NotToday {
            date: tomorrow
        }))
    );
    // F12 asks before cancelling; Esc keeps the booking, Enter cancels it.
    key(&mut state, KeyCode::F(12));
    assert_eq!(state.mode(), Mode::Confirm);
    assert!(key(&mut state, KeyCode::Esc).is_empty());
    assert_eq!(state.mode(), Mode::Appointments);
    key(&mut state, KeyCode::F(12));
    assert_eq!(
        key(&mut state, KeyCode::Enter),
        [Effect::Appointment(ApptEffect::Cancel(4))]
    );
    // Esc leaves the screen for the queue view.
    key(&mut state, KeyCode::Esc);
    assert!(state.overlay.is_none());
    assert_eq!(state.mode(), Mode::Queue);
}

#[test]
fn booking_find_and_their_refusals() {
    let mut state = opened(Lang::En);
    key(&mut state, KeyCode::F(2));
    assert_eq!(state.mode(), Mode::Form);
    // The date is the first day that can be booked (the 21st is a Saturday: the 23rd).
    let form = &view(&state).form.as_ref().unwrap().form;
    assert_eq!(form.value("date"), "2026-11-23");
    typed(&mut state, "09:00");
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Enter);
    typed(&mut state, "Wang Wu");
    key(&mut state, KeyCode::Enter);
    typed(&mut state, "13812345678");
    // Quitting now would lose the typing: it asks first.
    assert!(key(&mut state, KeyCode::F(10)).is_empty());
    assert!(matches!(
        state.overlay,
        Some(Overlay::Confirm(Pending::Quit(_)))
    ));
    key(&mut state, KeyCode::Esc);
    let effects = key(&mut state, KeyCode::F(2));
    let [Effect::Appointment(ApptEffect::Book(input))] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(
        (
            input.date.as_str(),
            input.time.as_str(),
            input.name.as_str(),
            input.phone.as_str(),
            input.service,
            input.channel
        ),
        (
            "2026-11-23",
            "09:00",
            "Wang Wu",
            "13812345678",
            Service::Consult,
            BookingChannel::WalkIn
        )
    );
    // A refusal stays with the form, which keeps what was typed; the next edit clears it.
    result(&mut state, ApptOutcome::Failed(full_slot()));
    let open = view(&state).form.as_ref().unwrap();
    assert_eq!(open.problem, Some(full_slot()));
    assert_eq!(open.form.value("name"), "Wang Wu");
    key(&mut state, KeyCode::Backspace);
    assert_eq!(view(&state).form.as_ref().unwrap().problem, None);
    key(&mut state, KeyCode::Esc);
    // Find: three digits are not enough.
    key(&mut state, KeyCode::F(4));
    typed(&mut state, "432");
    assert!(key(&mut state, KeyCode::F(2)).is_empty());
    assert_eq!(
        view(&state).form.as_ref().unwrap().problem,
        Some(ScreenNote::Problem(ApptProblem::BadLastFour))
    );
    typed(&mut state, "1");
    assert_eq!(
        key(&mut state, KeyCode::F(2)),
        [Effect::Appointment(ApptEffect::Load {
            date: today(),
            find: Some("4321".into())
        })]
    );
    assert_eq!(state.mode(), Mode::Appointments);
    // Esc first drops the search.
    result(
        &mut state,
        loaded(today(), Some("4321"), vec![rows()[1].clone()]),
    );
    assert_eq!(
        key(&mut state, KeyCode::Esc),
        [Effect::Appointment(ApptEffect::Load {
            date: today(),
            find: None
        })]
    );
}

fn full_slot() -> ScreenNote {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    ScreenNote::Problem(ApptProblem::Refused {
        why: Refusal::SlotFull {
            slot: Slot {
                date,
                time: time("09:00"),
            },
            service: Service::Consult,
            quota: 2,
        },
        offers: ["08:30", "09:30", "10:00"]
            .iter()
            .map(|t| Slot {
                date,
                time: time(t),
            })
            .collect(),
    })
}

/// Every state of the screen, reached through the update.
fn screens(lang: Lang) -> Vec<(&'static str, State)> {
    let mut list = opened(lang);
    key(&mut list, KeyCode::Down);
    result(
        &mut list,
        ApptOutcome::Done(vec![ApptNote::CheckedIn {
            ticket: "Z003".into(),
            on_time: true,
            minutes: -25,
        }]),
    );

    let mut booking = opened(lang);
    key(&mut booking, KeyCode::F(2));
    typed(&mut booking, "09:00");
    key(&mut booking, KeyCode::Enter);
    key(&mut booking, KeyCode::Enter);
    typed(&mut booking, "王五");
    key(&mut booking, KeyCode::Enter);
    typed(&mut booking, "13812345678");
    key(&mut booking, KeyCode::F(2));
    result(&mut booking, ApptOutcome::Failed(full_slot()));

    let mut holiday = opened(lang);
    key(&mut holiday, KeyCode::F(2));
    result(
        &mut holiday,
        ApptOutcome::Failed(ScreenNote::Problem(ApptProblem::Refused {
            why: Refusal::Day {
                date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                why: DayRefusal::NotWorkingDay(DayKind::Holiday(Festival::NewYear)),
            },
            offers: Vec::new(),
        })),
    );

    let mut check_in = opened(lang);
    key(&mut check_in, KeyCode::Char('4'));
    key(&mut check_in, KeyCode::Enter);

    let mut found = opened(lang);
    key(&mut found, KeyCode::F(4));
    typed(&mut found, "4321");
    key(&mut found, KeyCode::F(2));
    result(
        &mut found,
        loaded(today(), Some("4321"), vec![rows()[1].clone()]),
    );

    let mut cancel = opened(lang);
    key(&mut cancel, KeyCode::Char('5'));
    key(&mut cancel, KeyCode::F(12));

    let mut booked = opened(lang);
    key(&mut booked, KeyCode::F(6));
    result(
        &mut booked,
        loaded(today().succ_opt().unwrap(), None, Vec::new()),
    );
    result(
        &mut booked,
        ApptOutcome::Done(vec![
            ApptNote::Booked {
                id: 12,
                slot: Slot {
                    date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                    time: time("09:00"),
                },
                service: Service::Consult,
            },
            ApptNote::MissedBefore {
                count: 2,
                last: NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
            },
        ]),
    );

    vec![
        ("appointments_list", list),
        ("appointments_book_refused", booking),
        ("appointments_book_holiday", holiday),
        ("appointments_check_in", check_in),
        ("appointments_found", found),
        ("appointments_cancel", cancel),
        ("appointments_booked_empty_day", booked),
    ]
}

#[test]
fn every_appointments_screen_zh() {
    for (name, state) in screens(Lang::Zh) {
        insta::assert_snapshot!(format!("zh_{name}"), render(&state, 80, 24));
    }
}

#[test]
fn every_appointments_screen_en() {
    for (name, state) in screens(Lang::En) {
        insta::assert_snapshot!(format!("en_{name}"), render(&state, 80, 24));
    }
}

/// No line is wider than the terminal on any of these screens, in either language.
#[test]
fn the_screens_fit_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        for (name, state) in screens(lang) {
            let text = render(&state, 80, 24);
            for line in text.lines() {
                assert!(
                    unicode_width::UnicodeWidthStr::width(line) <= 80,
                    "{name}: {line}"
                );
            }
        }
    }
}

#[test]
fn the_supervisor_unmasks_the_selected_booking_with_a_reason() {
    // The front desk presses u: refused on the spot (无此权限), no form, nothing asked.
    let mut state = opened(Lang::Zh);
    key(&mut state, KeyCode::Char('2'));
    assert!(key(&mut state, KeyCode::Char('u')).is_empty());
    assert_eq!(state.mode(), Mode::Appointments);
    assert!(view(&state).form.is_none());
    let note = view(&state).note.clone().expect("a note");
    assert_eq!(legaldesk::i18n::Words::text(&note, Lang::Zh), "无此权限");
    assert!(note.is_error());

    // The supervisor: u opens the reason form for the selected booking; F2 sends it.
    let mut state = opened(Lang::Zh);
    state.actor.as_mut().unwrap().role = Role::Supervisor;
    key(&mut state, KeyCode::Char('2'));
    assert!(key(&mut state, KeyCode::Char('u')).is_empty());
    assert_eq!(state.mode(), Mode::Form);
    assert!(matches!(
        view(&state).form.as_ref().map(|f| f.kind),
        Some(ApptFormKind::Unmask { id: 2 })
    ));
    typed(&mut state, "回电核对");
    assert_eq!(
        key(&mut state, KeyCode::F(2)),
        [Effect::Appointment(ApptEffect::Unmask {
            id: 2,
            reason: "回电核对".into()
        })]
    );
    // The answer closes the form; the row and the note show the booking in full.
    let full = legaldesk::service::appointments::UnmaskedAppt {
        id: 2,
        name: "李四光".into(),
        phone: "13987654321".into(),
    };
    assert!(result(&mut state, ApptOutcome::Unmasked(full.clone())).is_empty());
    assert_eq!(state.mode(), Mode::Appointments);
    assert_eq!(view(&state).unmasked, Some(full.clone()));
    let screen = render(&state, 80, 24);
    assert!(
        screen.contains("李四光") && screen.contains("13987654321"),
        "{screen}"
    );
    // It stays through a reload of the day, and is gone once the screen is left.
    result(&mut state, loaded(today(), None, rows()));
    assert_eq!(view(&state).unmasked, Some(full));
    key(&mut state, KeyCode::Esc);
    assert!(state.overlay.is_none());
    on_action(&mut state, Action::OpenAppointments);
    result(&mut state, loaded(today(), None, rows()));
    assert_eq!(view(&state).unmasked, None);
    assert!(!render(&state, 80, 24).contains("李四光"));
}
