//! Every screen rendered on ratatui's TestBackend at 80×24, in zh-CN and en, compared with the
//! reviewed snapshots in tests/snapshots/. The state is built by hand with a fixed clock, so a
//! snapshot changes only when the screen does.

use legaldesk::app::form::Form;
use legaldesk::app::forms;
use legaldesk::app::state::{
    AidFormKind, AidView, FormKind, Overlay, Pending, Screen, State, TallyView, ViewData,
};
use legaldesk::domain::aid::{AdvanceGround, AidState, Material, RefusalReason};
use legaldesk::domain::clock::Zone;
use legaldesk::domain::codes::{Lane, Matter, Outcome, ReturnReason, Role, Service, StepStatus};
use legaldesk::i18n::Lang;
use legaldesk::keymap::Keymap;
use legaldesk::service::aid::{self, Application, Supplement};
use legaldesk::service::intake::Issued;
use legaldesk::service::queries::{
    ConflictHint, HallSummary, Origin, QueueRow, ServiceLoad, SignedIn, WindowTicket,
};
use legaldesk::service::settings::Settings;
use legaldesk::service::staff::WindowRow;
use legaldesk::service::Actor;
use legaldesk::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// 2026-11-21 09:30:00 at +08:00.
const NOW: i64 = 1_795_224_600;

fn settings() -> Settings {
    Settings {
        zone: Zone::parse("+08:00").unwrap(),
        center_name: "城关镇公共法律服务中心".into(),
        ..Settings::default()
    }
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

fn row(
    step_id: i64,
    ticket: &str,
    service: Service,
    name: &str,
    lane: Lane,
    urgent: bool,
    waited_min: i64,
) -> QueueRow {
    QueueRow {
        step_id,
        ticket: ticket.into(),
        service,
        status: StepStatus::Waiting,
        name: name.into(),
        lane,
        urgent,
        matter: Matter::Labor,
        queued_at: NOW - waited_min * 60,
        order_at: NOW - waited_min * 60,
        recalls: 0,
        window: None,
        origin: None,
        booked: false,
    }
}

fn hall() -> HallSummary {
    HallSummary {
        loads: Service::ALL
            .iter()
            .map(|s| ServiceLoad {
                service: *s,
                waiting: if *s == Service::Consult { 3 } else { 0 },
                longest_wait_s: if *s == Service::Consult { 1500 } else { 0 },
            })
            .collect(),
        signed_in: vec![
            SignedIn {
                window: Some("W1".into()),
                staff_code: "S02".into(),
                staff_name: "张丽".into(),
            },
            SignedIn {
                window: Some("W2".into()),
                staff_code: "S12".into(),
                staff_name: "李明律师".into(),
            },
        ],
    }
}

pub(crate) fn front_desk(lang: Lang) -> State {
    let mut state = State::new(lang, settings(), NOW);
    state.windows = windows();
    state.window = Some(windows()[0].clone());
    state.actor = Some(Actor {
        staff_id: 2,
        code: "S02".into(),
        name: "张丽".into(),
        role: Role::FrontDesk,
        window_id: Some(1),
    });
    let mut no_show = row(9, "Z002", Service::Consult, "赵*", Lane::Normal, false, 40);
    no_show.status = StepStatus::NoShow;
    let mut returned = row(8, "Z006", Service::Consult, "孙*", Lane::Normal, false, 3);
    returned.origin = Some(Origin {
        service: Service::LegalAid,
        outcome: Some(Outcome::Returned),
        reason: Some(ReturnReason::WrongDesk),
        note: "应先咨询".into(),
    });
    let current = WindowTicket {
        row: QueueRow {
            status: StepStatus::Serving,
            recalls: 1,
            window: Some("W1".into()),
            ..row(4, "Z001", Service::Consult, "王*", Lane::Elderly, false, 30)
        },
        phone: "138****5678".into(),
        id_number: String::new(),
        parties: 2,
        summary: "工资拖欠三个月".into(),
        called_at: Some(NOW - 600),
        started_at: Some(NOW - 540),
    };
    state.view = ViewData {
        date: "2026-11-21".into(),
        queue: vec![
            row(5, "Z004", Service::Consult, "陈*", Lane::Normal, true, 2),
            row(
                6,
                "Z003",
                Service::Consult,
                "刘*",
                Lane::Disabled,
                false,
                12,
            ),
            returned,
            row(7, "D001", Service::Drafting, "周*", Lane::Normal, false, 25),
            no_show,
        ],
        mine: vec![current],
        hall: hall(),
        decisions: None,
        follow_ups: None,
        services: vec![Service::Consult, Service::Drafting],
        ..Default::default()
    };
    state.screen = Screen::Main;
    state
}

/// The supervisor at the front window: the same view, with the supervisor's keys.
fn supervisor(lang: Lang) -> State {
    let mut state = front_desk(lang);
    state.actor = Some(Actor {
        staff_id: 1,
        code: "S01".into(),
        name: "王主任".into(),
        role: Role::Supervisor,
        window_id: Some(1),
    });
    state
}

fn desk(lang: Lang) -> State {
    let mut state = front_desk(lang);
    state.window = Some(windows()[1].clone());
    state.actor = Some(Actor {
        staff_id: 12,
        code: "S12".into(),
        name: "李明律师".into(),
        role: Role::DutyLawyer,
        window_id: Some(2),
    });
    let mut referral = row(
        11,
        "Z001",
        Service::LegalAid,
        "王*",
        Lane::MigrantWorker,
        false,
        4,
    );
    referral.origin = Some(Origin {
        service: Service::Consult,
        outcome: Some(Outcome::Referred),
        reason: None,
        note: "欠薪，需申请法律援助".into(),
    });
    state.view.queue = vec![referral];
    state.view.mine = Vec::new();
    state.view.services = vec![Service::LegalAid];
    state.view.decisions = Some((3, 1));
    state
}

pub(crate) fn render(state: &State, cols: u16, rows: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    let keymap = Keymap::defaults();
    terminal
        .draw(|frame| ui::render(frame, state, &keymap, &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
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
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn with_form(mut state: State, kind: FormKind, service: Service, form: Form) -> State {
    state.overlay = Some(Overlay::Form {
        kind,
        step_id: Some(4),
        service,
        form,
    });
    state
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// An application as the database would give it (name already masked).
fn application(id: i64, ticket: &str, name: &str, matter: Matter, received: &str) -> Application {
    Application {
        id,
        step_id: id,
        ticket: ticket.into(),
        visit_date: received.into(),
        applicant: name.into(),
        has_id: true,
        matter,
        received_at: NOW,
        received: date(received),
        state: AidState::Pending,
        supplement: None,
        decision: None,
        decided: None,
        decision_due_frozen: None,
        refusal: None,
        assign_due_frozen: None,
        assigned: None,
        assignee: None,
        withdrawn: None,
        lapsed: false,
        advance: None,
    }
}

/// The legal-aid screen on Saturday 2026-11-21, with the due dates worked out by the real
/// service code: one overdue with 先行提供, one pending, one supplementing (no ID yet), one
/// granted awaiting assignment, one refused.
fn aid_view() -> AidView {
    let settings = settings();
    let mut overdue = application(3, "Y003", "王*", Matter::Labor, "2026-11-10");
    overdue.advance = Some((AdvanceGround::Deadline, String::new()));
    let pending = application(5, "Y005", "张*", Matter::Family, "2026-11-20");
    let mut supplementing = application(4, "Y004", "李*", Matter::Contract, "2026-11-16");
    supplementing.state = AidState::Supplementing;
    supplementing.has_id = false;
    supplementing.supplement = Some(Supplement {
        materials: vec![Material::IdDocument, Material::MeansStatement],
        note: "劳动合同".into(),
        requested: date("2026-11-17"),
        deadline: date("2026-12-01"),
        received: None,
    });
    let mut granted = application(2, "Y002", "赵*", Matter::Injury, "2026-11-12");
    granted.state = AidState::Granted;
    granted.decision = Some(AidState::Granted);
    granted.decided = Some(date("2026-11-20"));
    let mut refused = application(1, "Y001", "钱*", Matter::Neighbor, "2026-11-11");
    refused.state = AidState::Refused;
    refused.decision = Some(AidState::Refused);
    refused.decided = Some(date("2026-11-19"));
    refused.refusal = Some((RefusalReason::Means, String::new()));
    let mut rows: Vec<_> = [pending, supplementing, granted, refused, overdue]
        .into_iter()
        .map(|app| aid::row(app, &settings, day()))
        .collect();
    aid::sort_rows(&mut rows);
    AidView {
        today: day(),
        rows,
        selected: 0,
        form: None,
        question: None,
    }
}

/// The tally screen as the runtime builds it: the real A4 layout of an empty day.
fn tally_view(lang: Lang) -> TallyView {
    let settings = settings();
    let figures = legaldesk::tally::compute(
        legaldesk::tally::load::params_of(&settings, day(), day()),
        [],
        false,
    );
    let header = legaldesk::print::Header {
        center_name: settings.center_name.clone(),
        from: day(),
        to: day(),
        days: 1,
        closed_days: 0,
        closer: None,
        staff_names: Vec::new(),
    };
    let text = legaldesk::print::render(&figures, legaldesk::print::Format::A4, lang, &header);
    TallyView {
        from: day(),
        to: day(),
        lines: text.lines().map(str::to_owned).collect(),
        open: vec!["Z003".into(), "Y001".into()],
        closed: false,
        scroll: 0,
        range: None,
    }
}

/// The duty lawyer serving Z001 (referred from a consultation, so no ID yet) has opened the
/// edit-visitor form, typed an ID number with a wrong check digit and been warned.
fn edit_visitor_screen(lang: Lang) -> State {
    use legaldesk::i18n::visitor::{VisitorField, VisitorText};
    let mut state = desk(lang);
    state.view.mine = vec![WindowTicket {
        row: QueueRow {
            status: StepStatus::Serving,
            window: Some("W2".into()),
            ..row(
                4,
                "Z001",
                Service::LegalAid,
                "王*",
                Lane::MigrantWorker,
                false,
                12,
            )
        },
        phone: "138****5678".into(),
        id_number: String::new(),
        parties: 1,
        summary: "欠薪，需申请法律援助".into(),
        called_at: Some(NOW - 300),
        started_at: Some(NOW - 240),
    }];
    let mut form = forms::edit_visitor(&legaldesk::service::visitor::VisitorCard {
        step_id: 4,
        ticket: "Z001".into(),
        service: Service::LegalAid,
        id_type: None,
        id_number: String::new(),
        phone: "138****5678".into(),
        adverse_name: "某*".into(),
        adverse_id: String::new(),
    });
    for c in "110101199003074515".chars() {
        form.type_char(c);
    }
    form.error = Some(
        VisitorText::IdCheck {
            field: VisitorField::IdNumber,
            problem: legaldesk::domain::idcard::IdProblem::CheckDigit('4'),
            key: Some("F2".into()),
        }
        .into(),
    );
    form.armed = true;
    with_form(state, FormKind::EditVisitor, Service::LegalAid, form)
}

/// Every screen by name, for one language.
fn screens(lang: Lang) -> Vec<(&'static str, State)> {
    let mut setup = State::new(lang, settings(), NOW);
    setup.screen = Screen::Setup(forms::setup());
    let mut sign_in = State::new(lang, settings(), NOW);
    sign_in.screen = Screen::SignIn(forms::sign_in(&windows()));
    let mut bad_pin = sign_in.clone();
    if let Screen::SignIn(form) = &mut bad_pin.screen {
        form.error = Some(
            lang.pick(
                "工号或密码错误（再错 3 次将锁定）",
                "wrong staff code or PIN (3 tries left before lock)",
            )
            .into(),
        );
    }
    let mut intake = forms::intake(Service::LegalAid);
    for c in "王小二".chars() {
        intake.focus_key("name");
        intake.type_char(c);
    }
    let mut help = front_desk(lang);
    help.overlay = Some(Overlay::Help(None));
    let mut issued = front_desk(lang);
    issued.overlay = Some(Overlay::Issued(Issued {
        visit_id: 1,
        step_id: 1,
        ticket: "Z007".into(),
        business_date: "2026-11-21".into(),
        service: Service::Consult,
    }));
    let mut cancel = front_desk(lang);
    cancel.overlay = Some(Overlay::Confirm(Pending::Cancel {
        step_id: 4,
        ticket: "Z001".into(),
    }));
    let mut conflict = desk(lang);
    conflict.overlay = Some(Overlay::Confirm(Pending::PickUp {
        step_id: 11,
        hints: vec![ConflictHint {
            ticket: "T003".into(),
            business_date: "2026-11-18".into(),
            service: Service::Mediation,
        }],
    }));
    let mut status = front_desk(lang);
    status.error(lang.pick("没有等候的号", "nobody is waiting"));
    let mut notice = front_desk(lang);
    notice.notices =
        vec!["keymap.toml:3 [queue]: \"F3\" is bound to both call_next and recall".into()];
    let mut tally = supervisor(lang);
    tally.overlay = Some(Overlay::Tally(tally_view(lang)));
    let mut aid_list = desk(lang);
    aid_list.overlay = Some(Overlay::Aid(aid_view()));
    let mut aid_form = desk(lang);
    let mut view = aid_view();
    view.selected = 1;
    view.form = Some((
        AidFormKind::Supplement,
        5,
        "Y005".into(),
        legaldesk::app::aid_forms::form(
            AidFormKind::Supplement,
            day(),
            &legaldesk::domain::calendar::Calendar::builtin(),
        ),
    ));
    aid_form.overlay = Some(Overlay::Aid(view));
    let mut tally_dates = supervisor(lang);
    let mut view = tally_view(lang);
    view.range = Some(forms::tally_range(view.from, view.to));
    tally_dates.overlay = Some(Overlay::Tally(view));
    // The question is asked over the tally screen it came from.
    let mut close = supervisor(lang);
    close.overlay = Some(Overlay::Confirm(Pending::CloseDay {
        date: day(),
        open: vec!["Z003".into(), "Y001".into()],
        tally: Some(Box::new(tally_view(lang))),
    }));
    // The front desk calling a ticket with a conflict hint is asked in its own words.
    let mut front_conflict = front_desk(lang);
    front_conflict.overlay = Some(Overlay::Confirm(Pending::PickUp {
        step_id: 5,
        hints: vec![ConflictHint {
            ticket: "T003".into(),
            business_date: "2026-11-18".into(),
            service: Service::Mediation,
        }],
    }));
    // A paste with escape sequences went into the name field between 韩 and 梅.
    let mut pasted_form = forms::intake(Service::Consult);
    pasted_form.focus_key("name");
    pasted_form.type_char('韩');
    let mut pasted = with_form(
        front_desk(lang),
        FormKind::Intake,
        Service::Consult,
        pasted_form,
    );
    legaldesk::app::update::update(
        &mut pasted,
        legaldesk::app::update::Msg::Paste("\u{1b}[2J\u{1b}]0;PWNED\u{7}梅".into()),
        &Keymap::defaults(),
    );
    let mut unmasked = front_desk(lang);
    unmasked.actor.as_mut().unwrap().role = Role::Supervisor;
    unmasked.overlay = Some(Overlay::Unmasked(Box::new(
        legaldesk::service::unmask::Unmasked {
            visit_id: 1,
            ticket: "Z001".into(),
            business_date: "2026-11-21".into(),
            name: "王小二".into(),
            phone: "13812345678".into(),
            id_type: Some(legaldesk::domain::codes::IdType::ResidentId),
            id_number: "110101199003074514".into(),
            summary: "工资拖欠三个月".into(),
            adverse_name: "某建筑公司".into(),
            adverse_id: String::new(),
        },
    )));
    let mut locked = front_desk(lang);
    locked.lock();
    let edit_visitor = edit_visitor_screen(lang);
    let mut empty = front_desk(lang);
    empty.view.queue.clear();
    empty.view.mine.clear();
    vec![
        ("setup", setup),
        ("sign_in", sign_in),
        ("sign_in_wrong_pin", bad_pin),
        ("queue_front_desk", front_desk(lang)),
        ("queue_supervisor", supervisor(lang)),
        ("queue_empty", empty),
        ("desk_legal_aid", desk(lang)),
        (
            "intake_form",
            with_form(
                front_desk(lang),
                FormKind::Intake,
                Service::LegalAid,
                intake,
            ),
        ),
        (
            "finish_form",
            with_form(
                front_desk(lang),
                FormKind::Finish,
                Service::Consult,
                forms::finish(Service::Consult),
            ),
        ),
        (
            "refer_form",
            with_form(
                front_desk(lang),
                FormKind::Refer,
                Service::Consult,
                forms::refer(Service::Consult),
            ),
        ),
        (
            "return_form",
            with_form(
                desk(lang),
                FormKind::Return,
                Service::LegalAid,
                forms::return_to_front(),
            ),
        ),
        ("help", help),
        ("ticket_issued", issued),
        ("confirm_cancel", cancel),
        ("confirm_conflict", conflict),
        ("confirm_conflict_front_desk", front_conflict),
        ("intake_pasted", pasted),
        ("status_error", status),
        ("keymap_notice", notice),
        ("idle_locked", locked),
        ("tally", tally),
        ("tally_choose_dates", tally_dates),
        ("aid", aid_list),
        ("aid_supplement_form", aid_form),
        ("confirm_close_day", close),
        ("unmasked_record", unmasked),
        ("edit_visitor_form", edit_visitor),
        (
            "unmask_reason_form",
            with_form(
                front_desk(lang),
                FormKind::UnmaskReason,
                Service::Consult,
                forms::unmask_reason(),
            ),
        ),
        (
            "change_pin_form",
            with_form(
                front_desk(lang),
                FormKind::ChangePin,
                Service::Consult,
                forms::change_pin(),
            ),
        ),
    ]
}

#[test]
fn every_screen_zh() {
    for (name, state) in screens(Lang::Zh) {
        insta::assert_snapshot!(format!("zh_{name}"), render(&state, 80, 24));
    }
}

#[test]
fn every_screen_en() {
    for (name, state) in screens(Lang::En) {
        insta::assert_snapshot!(format!("en_{name}"), render(&state, 80, 24));
    }
}

#[test]
fn too_small_terminal_says_so() {
    let state = front_desk(Lang::Zh);
    insta::assert_snapshot!("zh_too_small", render(&state, 60, 20));
    let state = front_desk(Lang::En);
    insta::assert_snapshot!("en_too_small", render(&state, 79, 24));
}

#[test]
fn tiny_and_zero_sizes_do_not_panic() {
    let state = front_desk(Lang::Zh);
    for (cols, rows) in [(0, 0), (1, 1), (0, 24), (80, 0), (2, 1), (200, 60)] {
        render(&state, cols, rows);
    }
}

/// No rendered line is wider than the terminal, in display columns, on any screen.
#[test]
fn no_line_overflows() {
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

/// After the idle lock, nothing of the queue or the ticket at the window is on screen.
#[test]
fn idle_lock_hides_everything_personal() {
    for lang in [Lang::Zh, Lang::En] {
        let mut state = front_desk(lang);
        let before = render(&state, 80, 24);
        assert!(before.contains("Z001") && before.contains("138****5678"));
        state.lock();
        let after = render(&state, 80, 24);
        for secret in [
            "Z001",
            "Z004",
            "陈*",
            "王*",
            "138****5678",
            "工资拖欠",
            "张丽",
        ] {
            assert!(
                !after.contains(secret),
                "{secret} visible on the lock screen:\n{after}"
            );
        }
    }
}

/// What the real queries load for the screen carries no full name, phone or ID: a visitor
/// registered with all three shows masked on the rendered queue view.
#[test]
fn queue_view_from_the_database_is_masked() {
    use legaldesk::service::{intake, staff};
    let dir = tempfile::tempdir().unwrap();
    let mut conn = legaldesk::db::open(&dir.path().join("db.sqlite3")).unwrap();
    staff::ensure_default_windows(&mut conn, NOW).unwrap();
    staff::add_staff(
        &mut conn,
        None,
        "S01",
        "主任",
        Role::Supervisor,
        "1234",
        NOW,
    )
    .unwrap();
    let boss = staff::sign_in(&mut conn, "S01", "1234", Some("W2"), NOW).unwrap();
    let mut input = intake::IntakeInput::default();
    input.service = Service::LegalAid;
    input.name = "张三丰".into();
    input.phone = "13812345678".into();
    input.id_number = "110101199003074514".into();
    let issued = intake::issue_ticket(&mut conn, &boss, &input, &settings(), NOW).unwrap();
    legaldesk::service::steps::call_step(&mut conn, &boss, issued.step_id, NOW + 60).unwrap();
    intake::issue_ticket(&mut conn, &boss, &input, &settings(), NOW + 61).unwrap();
    let mut state = State::new(Lang::Zh, settings(), NOW + 120);
    state.windows = staff::list_windows(&conn).unwrap();
    state.window = state.windows.iter().find(|w| w.code == "W2").cloned();
    state.actor = Some(boss);
    state.screen = Screen::Main;
    state.view = legaldesk::app::perform::load_view(&conn, &state, NOW + 120).unwrap();
    let text = render(&state, 80, 24);
    assert!(
        text.contains("张*")
            && !text.contains("张**")
            && text.contains("138****5678")
            && text.contains("110101********4514"),
        "{text}"
    );
    for secret in ["张三丰", "13812345678", "110101199003074514"] {
        assert!(!text.contains(secret), "{secret} on screen:\n{text}");
    }
}

/// The ASCII border option draws no box characters.
#[test]
fn ascii_borders() {
    let state = front_desk(Lang::En);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let keymap = Keymap::defaults();
    terminal
        .draw(|frame| {
            ui::render(
                frame,
                &state,
                &keymap,
                &Theme {
                    color: false,
                    ascii: true,
                },
            )
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    for cell in buffer.content.iter() {
        let s = cell.symbol();
        assert!(
            !s.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c)),
            "box drawing character {s:?}"
        );
    }
}
