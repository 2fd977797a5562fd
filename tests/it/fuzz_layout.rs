//! Hostile text in every free-text and name field cannot break a screen or a printout
//! (SPEC §4). Every screen is rendered on ratatui's TestBackend at sizes from 80×24 to
//! 200×60, and every printout format is rendered, with emoji (with and without VS16), ZWJ
//! families, flags, combining marks, right-to-left text, wide CJK and control and escape
//! characters in the names, notes, summaries, codes, center name, status and form values.
//!
//! Asserted for each: nothing panics — neither openly nor behind the drawing guard, which
//! would only hide it (`ui::guard::recovered`); every row of the screen and every printed line
//! fits its width, measured cluster by cluster with the rules the terminal uses; no control
//! character or bidirectional override reaches the screen or the paper; and the columns stay
//! aligned (a queue row still ends with its wait time at the panel's edge, the title bar with
//! the date), which fails as soon as any text is measured differently from how it is drawn.

use std::sync::Arc;

use crate::common::hostile::{text_with_pastes_of, HEARTS};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use ratatui::backend::TestBackend;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::Terminal;

use legaldesk::app::form::Form;
use legaldesk::app::forms;
use legaldesk::app::state::{FormKind, Overlay, Pending, Screen, State, TallyView, ViewData};
use legaldesk::domain::clock::Zone;
use legaldesk::domain::codes::{
    Channel, IdType, Lane, Matter, Outcome, Rating, ReturnReason, Role, Service, StepStatus,
};
use legaldesk::domain::text::{is_hidden, width};
use legaldesk::i18n::Lang;
use legaldesk::keymap::Keymap;
use legaldesk::print::{self, Closer, Format, Header};
use legaldesk::service::intake::Issued;
use legaldesk::service::queries::{
    ConflictHint, HallSummary, Origin, QueueRow, ServiceLoad, SignedIn, WindowTicket,
};
use legaldesk::service::settings::Settings;
use legaldesk::service::staff::WindowRow;
use legaldesk::service::unmask::Unmasked;
use legaldesk::service::Actor;
use legaldesk::tally::{compute, Params, StepRecord, VisitRecord};
use legaldesk::ui::{self, guard, Theme};

/// 2026-11-21 09:30:00 at +08:00.
const NOW: i64 = 1_795_224_600;
const DATE: &str = "2026-11-21";

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date")
}

/// Hostile strings handed out to the fields in turn.
struct Texts(Vec<String>);

impl Texts {
    fn at(&self, i: usize) -> String {
        self.0[i % self.0.len()].clone()
    }
}

/// Hostile text; a paste is 1 200 characters, wider than the widest screen or page.
fn nasty() -> impl Strategy<Value = String> {
    text_with_pastes_of(1_200)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

// ---------------------------------------------------------------------------------------
// Printouts

/// A tally whose every text — tickets, window and staff codes, referral keys, the amount
/// and the dates — is hostile, with the center name and the closer in the header too.
fn hostile_printout(t: &Texts) -> (legaldesk::tally::Tally, Header) {
    let mut visits = Vec::new();
    for (i, service) in Service::ALL.iter().enumerate() {
        let t0 = NOW + i as i64 * 600;
        let outcome = service.outcomes()[0];
        let done = StepRecord {
            seq: 1,
            service: *service,
            status: StepStatus::Done,
            queued_at: t0,
            called_at: Some(t0 + 60),
            started_at: Some(t0 + 90),
            finished_at: Some(t0 + 900),
            outcome: Some(outcome),
            amount_fen: Some(12_345),
            quantity: Some(2),
            rating: Some(Rating::ALL[i % Rating::ALL.len()]),
            rated_on_pad: i % 2 == 0,
            window: Some(Arc::from(t.at(i).as_str())),
            staff: Some(Arc::from(t.at(i + 1).as_str())),
        };
        let open = StepRecord {
            seq: 2,
            status: StepStatus::Waiting,
            called_at: None,
            started_at: None,
            finished_at: None,
            outcome: None,
            rating: None,
            ..done.clone()
        };
        visits.push(VisitRecord {
            ticket: t.at(i + 2),
            channel: Channel::ALL[i % Channel::ALL.len()],
            lane: Lane::ALL[i % Lane::ALL.len()],
            urgent: i % 2 == 0,
            matter: Matter::ALL[i % Matter::ALL.len()],
            parties: if i % 2 == 0 { 9 } else { 1 },
            utc_offset_s: 8 * 3600,
            steps: if i % 2 == 0 {
                vec![done, open]
            } else {
                vec![done]
            },
        });
    }
    let mut tally = compute(
        Params {
            from: day(),
            to: day(),
            target_wait_s: 1200,
            group_threshold: 5,
        },
        &visits,
        false,
    );
    tally.amount_recovered_yuan = t.at(3);
    tally.from = t.at(4);
    tally.to = t.at(5);
    tally.referrals.0.push((t.at(6), 3));
    tally.group_list.get_or_insert_with(Vec::new).push(t.at(7));
    tally
        .unfinished_list
        .get_or_insert_with(Vec::new)
        .push(t.at(8));
    let header = Header {
        staff_names: vec![(t.at(1), t.at(2))],
        center_name: t.at(9),
        from: day(),
        to: day(),
        days: 1,
        closed_days: 1,
        closer: Some(Closer {
            by: Some(t.at(10)),
            at: t.at(11),
            version: 2,
        }),
    };
    (tally, header)
}

/// Text layouts: every line within the format's width, nothing that is not text.
fn check_printout(t: &Texts) -> Result<(), TestCaseError> {
    let (tally, header) = hostile_printout(t);
    for lang in [Lang::Zh, Lang::En] {
        for format in [Format::A4, Format::Receipt80, Format::Receipt58] {
            let cols = format.width().expect("a text layout");
            let text = print::render(&tally, format, lang, &header);
            prop_assert!(text.ends_with('\n'));
            for (n, line) in text.lines().enumerate() {
                prop_assert!(
                    width(line) <= cols,
                    "{:?} {:?} line {}: {} columns > {}\n{:?}",
                    format,
                    lang,
                    n + 1,
                    width(line),
                    cols,
                    line
                );
                prop_assert!(
                    !line.chars().any(|c| c.is_control() || is_hidden(c)),
                    "{:?}: not text in {:?}",
                    format,
                    line
                );
            }
        }
        // CSV has no width; it must still parse into its four columns and carry only text.
        let csv = print::render(&tally, Format::Csv, lang, &header);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(csv.as_bytes());
        let mut rows = 0;
        for record in reader.records() {
            let record = record.map_err(|e| TestCaseError::fail(format!("CSV: {e}")))?;
            prop_assert_eq!(record.len(), 4, "{:?}", record);
            for field in record.iter() {
                prop_assert!(
                    !field.chars().any(|c| c.is_control() || is_hidden(c)),
                    "CSV field {:?}",
                    field
                );
            }
            rows += 1;
        }
        prop_assert!(rows > 20, "the CSV has its rows ({rows})");
    }
    Ok(())
}

#[test]
fn every_printout_with_hostile_text_fits_its_width() {
    runner(64)
        .run(&prop::collection::vec(nasty(), 12), |texts| {
            check_printout(&Texts(texts))
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

// ---------------------------------------------------------------------------------------
// Screens

fn queue_row(step_id: i64, ticket: &str, name: String, waited_min: i64) -> QueueRow {
    QueueRow {
        step_id,
        ticket: ticket.into(),
        service: Service::LegalAid,
        status: StepStatus::Waiting,
        name,
        lane: Lane::ALL[step_id as usize % Lane::ALL.len()],
        urgent: step_id % 3 == 0,
        matter: Matter::Labor,
        queued_at: NOW - waited_min * 60,
        order_at: NOW - waited_min * 60,
        recalls: 0,
        window: None,
        origin: None,
        booked: step_id % 4 == 0,
    }
}

/// The waits of the queue rows, in minutes, and how the screen writes them.
const WAITS: [i64; 4] = [2, 7, 12, 25];

fn wait_text(minutes: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{minutes}分"),
        Lang::En => format!("{minutes}m"),
    }
}

/// A legal-aid desk signed in at W2 with referrals waiting, every text hostile; the tickets
/// stay plain so the rows can be found.
fn desk(lang: Lang, t: &Texts) -> State {
    let settings = Settings {
        zone: Zone::parse("+08:00").expect("zone"),
        center_name: t.at(0),
        ..Settings::default()
    };
    let mut state = State::new(lang, settings, NOW);
    state.windows = vec![
        WindowRow {
            id: 1,
            code: "W1".into(),
            services: vec![Service::Consult, Service::Drafting],
        },
        WindowRow {
            id: 2,
            code: t.at(1),
            services: vec![Service::LegalAid],
        },
    ];
    state.window = Some(state.windows[1].clone());
    state.actor = Some(Actor {
        staff_id: 12,
        code: t.at(2),
        name: t.at(3),
        role: Role::Supervisor,
        window_id: Some(2),
    });
    let queue: Vec<QueueRow> = WAITS
        .iter()
        .enumerate()
        .map(|(i, minutes)| {
            let mut row = queue_row(
                i as i64 + 1,
                &format!("Y00{}", i + 1),
                t.at(4 + i),
                *minutes,
            );
            row.origin = Some(Origin {
                service: Service::Consult,
                outcome: Some(Outcome::Referred),
                reason: if i == 3 {
                    Some(ReturnReason::Other)
                } else {
                    None
                },
                note: if i == 0 {
                    // The note that once crashed a desk, whatever else is generated.
                    format!("{HEARTS}{}", t.at(8))
                } else {
                    t.at(8 + i)
                },
            });
            row
        })
        .collect();
    let current = WindowTicket {
        row: QueueRow {
            status: StepStatus::Serving,
            recalls: 1,
            window: Some(t.at(12)),
            origin: queue[0].origin.clone(),
            ..queue_row(9, &t.at(13), t.at(14), 30)
        },
        phone: t.at(15),
        id_number: t.at(16),
        parties: 3,
        summary: t.at(17),
        called_at: Some(NOW - 600),
        started_at: Some(NOW - 540),
    };
    let mut second = current.clone();
    second.row.ticket = t.at(18);
    second.row.origin = None;
    state.view = ViewData {
        follow_ups: Some((3, 1)),
        pause: None,
        paused: Vec::new(),
        date: DATE.into(),
        queue,
        mine: vec![current, second],
        hall: HallSummary {
            loads: Service::ALL
                .iter()
                .map(|s| ServiceLoad {
                    service: *s,
                    waiting: 4,
                    longest_wait_s: 1500,
                })
                .collect(),
            signed_in: (0..3)
                .map(|i| SignedIn {
                    window: Some(t.at(19 + i)),
                    staff_code: t.at(20 + i),
                    staff_name: t.at(21 + i),
                })
                .collect(),
        },
        decisions: Some((3, 1)),
        services: vec![Service::LegalAid],
    };
    state.screen = Screen::Main;
    state.status = None;
    state
}

/// Every text field of `form` filled with hostile text, the error too.
fn filled(mut form: Form, t: &Texts, from: usize) -> Form {
    for (i, field) in form.fields.iter_mut().enumerate() {
        if field.is_text() {
            field.value = t.at(from + i);
        }
    }
    form.error = Some(t.at(from + 7).into());
    form
}

fn with_form(mut state: State, kind: FormKind, service: Service, form: Form) -> State {
    state.overlay = Some(Overlay::Form {
        kind,
        step_id: Some(9),
        service,
        form,
    });
    state
}

/// The tally screen built as the runtime builds it: the A4 printout text, here of a tally
/// full of hostile text.
fn tally_view(lang: Lang, t: &Texts) -> TallyView {
    let (tally, header) = hostile_printout(t);
    let text = print::render(&tally, Format::A4, lang, &header);
    TallyView {
        from: day(),
        to: day(),
        lines: text.lines().map(str::to_owned).collect(),
        open: vec![t.at(5), t.at(6)],
        closed: false,
        scroll: 0,
        range: None,
    }
}

/// Every screen of the app, each with hostile text wherever text is shown.
fn screens(lang: Lang, t: &Texts) -> Vec<(&'static str, State)> {
    let base = desk(lang, t);
    let settings = base.settings.clone();
    let mut setup = State::new(lang, settings.clone(), NOW);
    setup.screen = Screen::Setup(filled(forms::setup(), t, 1));
    let mut sign_in = State::new(lang, settings, NOW);
    sign_in.windows = base.windows.clone();
    sign_in.screen = Screen::SignIn(filled(forms::sign_in(&base.windows), t, 2));
    let mut locked = base.clone();
    locked.lock();
    if let Screen::Locked(form) = &mut locked.screen {
        *form = filled(form.clone(), t, 3);
    }
    let mut status = base.clone();
    status.error(t.at(4));
    let mut notice = base.clone();
    notice.notices = vec![t.at(5), t.at(6)];
    let mut help = base.clone();
    help.overlay = Some(Overlay::Help(None));
    let mut issued = base.clone();
    issued.overlay = Some(Overlay::Issued(Issued {
        visit_id: 1,
        step_id: 1,
        ticket: t.at(7),
        business_date: DATE.into(),
        service: Service::Consult,
    }));
    let mut cancel = base.clone();
    cancel.overlay = Some(Overlay::Confirm(Pending::Cancel {
        step_id: 4,
        ticket: t.at(8),
    }));
    let mut conflict = base.clone();
    conflict.overlay = Some(Overlay::Confirm(Pending::PickUp {
        step_id: 1,
        hints: vec![ConflictHint {
            ticket: t.at(9),
            business_date: t.at(10),
            service: Service::Mediation,
        }],
    }));
    let mut close = base.clone();
    close.overlay = Some(Overlay::Confirm(Pending::CloseDay {
        date: day(),
        open: (0..12).map(|i| t.at(11 + i)).collect(),
        tally: None,
    }));
    let mut quit = base.clone();
    quit.overlay = Some(Overlay::Confirm(Pending::Quit(Box::new(Overlay::Form {
        kind: FormKind::Intake,
        step_id: None,
        service: Service::Consult,
        form: filled(forms::intake(Service::Consult), t, 12),
    }))));
    let mut tally = base.clone();
    tally.overlay = Some(Overlay::Tally(tally_view(lang, t)));
    let mut tally_dates = base.clone();
    let mut view = tally_view(lang, t);
    view.range = Some(filled(forms::tally_range(day(), day()), t, 13));
    tally_dates.overlay = Some(Overlay::Tally(view));
    let mut unmasked = base.clone();
    unmasked.overlay = Some(Overlay::Unmasked(Box::new(Unmasked {
        visit_id: 1,
        ticket: t.at(14),
        business_date: t.at(15),
        name: t.at(16),
        phone: t.at(17),
        id_type: Some(IdType::ResidentId),
        id_number: t.at(18),
        summary: t.at(19),
        adverse_name: t.at(20),
        adverse_id: t.at(21),
    })));
    let mut empty = base.clone();
    empty.view.queue.clear();
    empty.view.mine.clear();
    let mut scrolled = base.clone();
    scrolled.selected = WAITS.len() - 1;
    let form = |kind, service, form: Form, from| {
        with_form(base.clone(), kind, service, filled(form, t, from))
    };
    vec![
        ("setup", setup),
        ("sign_in", sign_in),
        ("queue", base.clone()),
        ("queue_last_selected", scrolled),
        ("queue_empty", empty),
        ("locked", locked),
        ("status_error", status),
        ("notices", notice),
        ("help", help),
        ("ticket_issued", issued),
        ("confirm_cancel", cancel),
        ("confirm_conflict", conflict),
        ("confirm_close_day", close),
        ("confirm_quit", quit),
        ("tally", tally),
        ("tally_choose_dates", tally_dates),
        ("unmasked_record", unmasked),
        (
            "intake_form",
            form(
                FormKind::Intake,
                Service::LegalAid,
                forms::intake(Service::LegalAid),
                20,
            ),
        ),
        (
            "finish_form",
            form(
                FormKind::Finish,
                Service::Drafting,
                forms::finish(Service::Drafting),
                21,
            ),
        ),
        (
            "refer_form",
            form(
                FormKind::Refer,
                Service::Consult,
                forms::refer(Service::Consult),
                22,
            ),
        ),
        (
            "return_form",
            form(
                FormKind::Return,
                Service::LegalAid,
                forms::return_to_front(),
                23,
            ),
        ),
        (
            "unmask_reason_form",
            form(
                FormKind::UnmaskReason,
                Service::Consult,
                forms::unmask_reason(),
                24,
            ),
        ),
        (
            "change_pin_form",
            form(
                FormKind::ChangePin,
                Service::Consult,
                forms::change_pin(),
                25,
            ),
        ),
    ]
}

/// The rows of the screen as a terminal shows them: each cell's cluster, the cells a wide
/// cluster covers skipped. Fails when a row is wider than the screen or holds anything that
/// is not text.
fn rows_of(terminal: &Terminal<TestBackend>, name: &str) -> Result<Vec<String>, TestCaseError> {
    let buffer = terminal.backend().buffer();
    let cols = buffer.area.width as usize;
    let mut rows = Vec::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let (mut x, mut used) = (0usize, 0usize);
        while x < cols {
            let symbol = buffer[(x as u16, y)].symbol();
            prop_assert!(
                !symbol.chars().any(|c| c.is_control() || is_hidden(c)),
                "{}: row {} column {}: {:?} reaches the terminal",
                name,
                y,
                x,
                symbol
            );
            let w = width(symbol);
            // A cell the terminal would print as nothing moves the rest of the row left.
            prop_assert!(
                w > 0,
                "{}: row {} column {}: {:?} takes no column",
                name,
                y,
                x,
                symbol
            );
            used += w;
            line.push_str(symbol);
            x += w.max(1);
        }
        prop_assert!(
            used <= cols,
            "{}: row {} is {} columns on a {}-column screen:\n{}",
            name,
            y,
            used,
            cols,
            line
        );
        rows.push(line);
    }
    Ok(rows)
}

/// The text of `rows[y]` between columns `from` and `to` (cells, not characters).
fn cells(terminal: &Terminal<TestBackend>, y: u16, from: u16, to: u16) -> String {
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    let mut x = from;
    while x < to {
        let symbol = buffer[(x, y)].symbol();
        text.push_str(symbol);
        x += (width(symbol) as u16).max(1);
    }
    text
}

fn check_screens(
    lang: Lang,
    theme: Theme,
    t: &Texts,
    cols: u16,
    rows: u16,
) -> Result<(), TestCaseError> {
    let keymap = Keymap::defaults();
    for (name, state) in screens(lang, t) {
        let mut terminal = Terminal::new(TestBackend::new(cols, rows)).expect("terminal");
        {
            let before = guard::recovered();
            terminal
                .draw(|frame| ui::render(frame, &state, &keymap, &theme))
                .expect("draw");
            prop_assert_eq!(
                guard::recovered(),
                before,
                "{} at {}x{}: a part panicked and was replaced by a placeholder",
                name,
                cols,
                rows
            );
            let screen = rows_of(&terminal, name)?;
            // The title bar ends with the date: the center name and who is signed in were
            // cut to the room they have.
            prop_assert!(
                screen[0].trim_end().ends_with(DATE),
                "{}: the title bar lost its date:\n{}",
                name,
                screen[0]
            );
            if name.starts_with("queue") && name != "queue_empty" {
                check_queue_rows(&terminal, &state, cols, rows, name)?;
            }
        }
    }
    Ok(())
}

/// Each visible queue row ends with its wait time right at the panel's inner edge: text
/// measured differently from how it is drawn would push it out or leave a gap.
fn check_queue_rows(
    terminal: &Terminal<TestBackend>,
    state: &State,
    cols: u16,
    rows: u16,
    name: &str,
) -> Result<(), TestCaseError> {
    let body = Rect::new(0, 1, cols, rows - 3);
    let [left, _] =
        Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)]).areas(body);
    let inner = Rect::new(left.x + 1, left.y + 1, left.width - 2, left.height - 2);
    let visible = inner.height.saturating_sub(2) as usize;
    let start = state.selected.saturating_sub(visible.saturating_sub(1));
    for (i, minutes) in WAITS.iter().enumerate().skip(start).take(visible) {
        let y = inner.y + 1 + (i - start) as u16;
        let text = cells(terminal, y, inner.x, inner.right());
        let wait = wait_text(*minutes, state.lang);
        // The row is laid out one column short of the panel, the wait right-aligned in it.
        let row = text.trim_end_matches(' ');
        prop_assert!(
            row.ends_with(&wait)
                && width(row) == inner.width as usize - 1
                && text.contains(&format!("Y00{}", i + 1)),
            "{}: queue row {} does not end with {:?} at the panel edge ({} columns):\n{:?}",
            name,
            i + 1,
            wait,
            inner.width,
            text
        );
    }
    Ok(())
}

/// Sizes from the smallest supported to a large monitor, the two extremes always included.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        1 => Just((80u16, 24u16)),
        1 => Just((200, 60)),
        4 => (80u16..=200, 24u16..=60),
    ]
}

#[test]
fn every_screen_with_hostile_text_at_every_size() {
    let strategy = (
        prop::collection::vec(nasty(), 28),
        size(),
        any::<bool>(),
        any::<bool>(),
    );
    runner(40)
        .run(&strategy, |(texts, (cols, rows), zh, ascii)| {
            let lang = if zh { Lang::Zh } else { Lang::En };
            // The ASCII option draws `...` and `+-|` instead of `…` and box lines.
            let theme = Theme {
                color: !ascii,
                ascii,
            };
            check_screens(lang, theme, &Texts(texts), cols, rows)
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The note of issue 8 on its own, at the smallest and the largest size, in both languages:
/// the row, the referral line under the queue and the ticket at the window all show it.
#[test]
fn the_heart_note_shows_on_the_legal_aid_desk() {
    let texts = Texts(vec![
        "城关镇公共法律服务中心".into(),
        "W2".into(),
        "S12".into(),
        "李明律师".into(),
        "王*".into(),
    ]);
    for lang in [Lang::Zh, Lang::En] {
        for (cols, rows) in [(80, 24), (200, 60)] {
            let state = desk(lang, &texts);
            let mut terminal = Terminal::new(TestBackend::new(cols, rows)).expect("terminal");
            let before = guard::recovered();
            terminal
                .draw(|frame| ui::render(frame, &state, &Keymap::defaults(), &Theme::plain()))
                .expect("draw");
            assert_eq!(guard::recovered(), before, "nothing was replaced");
            let screen = rows_of(&terminal, "desk")
                .unwrap_or_else(|e| panic!("{e}"))
                .join("\n");
            assert!(
                screen.matches("\u{2764}\u{FE0F}").count() >= 3,
                "{lang:?} {cols}x{rows}: the hearts are not on screen:\n{screen}"
            );
            check_queue_rows(&terminal, &state, cols, rows, "desk")
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
