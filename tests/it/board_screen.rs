//! The board as drawn (ratatui TestBackend), from data built by hand with a fixed clock:
//! snapshots at 80×24 and 160×48 in zh and en, the ASCII option, and a board loaded from a real
//! database of hostile visitors showing nothing personal at every size up to a TV's 240×67.
//! Also the front desk's "was I called?" overlay.

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

use legaldesk::board::data::{BoardData, Call, WindowLine, WindowState};
use legaldesk::board::feature::Feature;
use legaldesk::board::render::{render, BoardView};
use legaldesk::domain::announce::{AnnounceKind, AnnounceState, SpeechFailure};
use legaldesk::domain::codes::{Matter, Role, Service, StepStatus};
use legaldesk::domain::pause::PauseReason;
use legaldesk::i18n::board::BoardText;
use legaldesk::i18n::Lang;
use legaldesk::ui::Theme;

use crate::common;

/// A buffer as text, one line per row (a wide character's placeholder cell skipped).
pub(crate) fn text_of(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
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

/// A local time (+08:00) on the test day, as unix seconds.
fn at(h: u32, m: u32) -> i64 {
    common::at(common::DAY, h, m, 0)
}

fn call(
    id: i64,
    ticket: &str,
    window: &str,
    label: Option<&str>,
    kind: AnnounceKind,
    t: i64,
) -> Call {
    Call {
        id,
        ticket: ticket.into(),
        window_code: window.into(),
        window_label: label.map(str::to_owned),
        kind,
        at: t,
    }
}

fn data() -> BoardData {
    let calls = vec![
        call(9, "Z012", "W3", None, AnnounceKind::Call, at(9, 41)),
        call(
            8,
            "Y003",
            "W2",
            Some("法援窗口"),
            AnnounceKind::Recall,
            at(9, 40),
        ),
        call(7, "Z011", "W1", None, AnnounceKind::Call, at(9, 38)),
        call(
            6,
            "Y003",
            "W2",
            Some("法援窗口"),
            AnnounceKind::Call,
            at(9, 36),
        ),
        call(5, "Z010", "W1", None, AnnounceKind::Call, at(9, 30)),
        call(4, "T001", "W4", None, AnnounceKind::Call, at(9, 22)),
        call(3, "Z009", "W3", None, AnnounceKind::Call, at(9, 15)),
        call(2, "D001", "W1", None, AnnounceKind::Call, at(9, 8)),
        call(1, "Z008", "W1", None, AnnounceKind::Call, at(9, 2)),
    ];
    BoardData {
        calls,
        windows: vec![
            WindowLine {
                code: "W1".into(),
                label: None,
                state: WindowState::Serving("Z011".into()),
            },
            WindowLine {
                code: "W2".into(),
                label: Some("法援窗口".into()),
                state: WindowState::Paused(PauseReason::Meeting),
            },
            WindowLine {
                code: "W3".into(),
                label: None,
                state: WindowState::Open,
            },
            WindowLine {
                code: "W4".into(),
                label: None,
                state: WindowState::Closed,
            },
        ],
        waiting: vec![
            (Service::Consult, 5),
            (Service::LegalAid, 2),
            (Service::Notary, 0),
            (Service::Mediation, 1),
            (Service::Drafting, 0),
        ],
        speech_failure: None,
    }
}

/// The board 2.5 s after Z012 was called (Z011 was the latest call when the board started).
fn draw(
    lang: Lang,
    cols: u16,
    rows: u16,
    data: &BoardData,
    status: Option<(BoardText, bool)>,
    theme: Theme,
) -> String {
    let mut feature = Feature::new(8);
    feature.observe(&data.calls[1..], 0);
    feature.observe(&data.calls, 1_000);
    let now = at(9, 41) + 2;
    let view = BoardView {
        lang,
        center: "城关镇公共法律服务中心",
        now_local: common::zone().local(now),
        offset_s: 8 * 3600,
        data,
        feature: &feature,
        now_ms: 3_500,
        notice: "请保管好随身物品，过号请到服务台".into(),
        status,
    };
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    terminal.draw(|frame| render(frame, &view, &theme)).unwrap();
    text_of(terminal.backend().buffer())
}

#[test]
fn board_snapshots() {
    let data = data();
    for (lang, name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        for (cols, rows) in [(80, 24), (160, 48)] {
            let screen = draw(
                lang,
                cols,
                rows,
                &data,
                Some((BoardText::AnnouncerHere, false)),
                Theme::plain(),
            );
            insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), screen);
        }
    }
    let failed = Some((
        BoardText::SpeechFailed(
            "Z012".into(),
            SpeechFailure::MissingCommand("espeak-ng".into()),
        ),
        true,
    ));
    let ascii = Theme {
        color: false,
        ascii: true,
    };
    insta::assert_snapshot!(
        "zh_80x24_ascii_speech_failed",
        draw(Lang::Zh, 80, 24, &data, failed, ascii)
    );
}

#[test]
fn ascii_board_has_no_box_or_block_characters() {
    let ascii = Theme {
        color: false,
        ascii: true,
    };
    for lang in [Lang::Zh, Lang::En] {
        let screen = draw(lang, 80, 24, &data(), None, ascii);
        for c in ['─', '│', '┌', '█', '…', '·'] {
            assert!(!screen.contains(c), "{c} on the ASCII board:\n{screen}");
        }
        assert!(screen.contains("######"), "{screen}");
    }
}

#[test]
fn bigger_screens_get_bigger_digits() {
    let count = |screen: &str| screen.matches('█').count();
    let small = count(&draw(Lang::Zh, 80, 24, &data(), None, Theme::plain()));
    let tv = count(&draw(Lang::Zh, 240, 67, &data(), None, Theme::plain()));
    assert!(small > 0);
    assert!(tv >= small * 9, "80x24: {small} block cells, 240x67: {tv}");
}

#[test]
fn a_board_from_hostile_records_shows_nothing_personal() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    let desk = common::front_desk(&mut conn);
    let lawyer = common::duty_lawyer(&mut conn);
    let now = common::opening();
    let names = [
        "\u{1b}[2J欧阳\u{202e}娜娜",
        "Robert'); DROP TABLE visits;--",
        "👨‍👩‍👧王小明",
    ];
    for name in names {
        let input = legaldesk::service::intake::IntakeInput {
            phone: "13912345678".into(),
            matter: Matter::Labor,
            summary: "秘密摘要".into(),
            ..common::visitor(Service::Consult, name)
        };
        legaldesk::service::intake::issue_ticket(
            &mut conn,
            &desk,
            &input,
            &common::settings(),
            now,
        )
        .unwrap();
    }
    common::issue(&mut conn, &desk, Service::LegalAid, "钱某某", now);
    legaldesk::service::steps::call_next(&mut conn, &desk, &common::settings(), now + 60).unwrap();
    legaldesk::service::steps::pick_up_next(&mut conn, &lawyer, &common::settings(), now + 70)
        .unwrap();
    let day_start = common::at(common::DAY, 0, 0, 0);
    let data = legaldesk::board::data::load(&conn, &[], common::DAY, day_start).unwrap();
    assert_eq!(data.calls.len(), 2, "{data:?}");
    assert_eq!(data.calls[0].ticket, "Y001");
    for lang in [Lang::Zh, Lang::En] {
        for (cols, rows) in [(80, 24), (120, 40), (240, 67)] {
            let screen = draw(lang, cols, rows, &data, None, Theme::plain());
            for secret in [
                "欧阳",
                "娜娜",
                "Robert",
                "DROP",
                "王小明",
                "钱某",
                "13912345678",
                "秘密",
                "劳动争议",
                "Labour",
                "李前台",
                "赵律师",
            ] {
                assert!(
                    !screen.contains(secret),
                    "{secret} at {cols}x{rows}:\n{screen}"
                );
            }
            assert!(
                screen.contains("Z002") || screen.contains("Z001"),
                "{screen}"
            );
        }
    }
}

#[test]
fn was_i_called_overlay() {
    use legaldesk::app::state::{CallsView, Overlay, Screen, State};
    use legaldesk::service::announce::CallRecord;
    let mut state = State::new(Lang::Zh, common::settings(), at(9, 50));
    state.screen = Screen::Main;
    state.actor = Some(legaldesk::service::Actor {
        staff_id: 2,
        code: "S02".into(),
        name: "张丽".into(),
        role: Role::FrontDesk,
        window_id: Some(1),
    });
    let record = |id: i64, kind, t: i64, state: AnnounceState| CallRecord {
        id,
        ticket: "Z003".into(),
        kind,
        window_code: "W1".into(),
        window_label: "1号窗口".into(),
        created_at: t,
        state,
    };
    state.overlay = Some(Overlay::Calls(Box::new(CallsView {
        ticket: "Z003".into(),
        now: Some((Service::Consult, StepStatus::NoShow)),
        calls: vec![
            record(
                1,
                AnnounceKind::Call,
                at(9, 30),
                AnnounceState::Spoken(at(9, 30) + 2),
            ),
            record(
                2,
                AnnounceKind::Recall,
                at(9, 33),
                AnnounceState::Failed(SpeechFailure::MissingCommand("espeak-ng".into())),
            ),
            record(3, AnnounceKind::Recall, at(9, 36), AnnounceState::Skipped),
        ],
    })));
    for (lang, name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        state.lang = lang;
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let keymap = legaldesk::keymap::Keymap::defaults();
        terminal
            .draw(|frame| legaldesk::ui::render(frame, &state, &keymap, &Theme::plain()))
            .unwrap();
        let screen = text_of(terminal.backend().buffer());
        insta::assert_snapshot!(format!("{name}_was_i_called"), screen);
    }
}

#[test]
fn a_window_shows_the_ticket_it_serves_else_its_latest_call() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    let desk = common::front_desk(&mut conn);
    let t = common::opening();
    for name in ["甲", "乙", "丙"] {
        common::issue(&mut conn, &desk, Service::Consult, name, t);
    }
    let settings = common::settings();
    let day_start = common::at(common::DAY, 0, 0, 0);
    let state = |conn: &rusqlite::Connection| {
        let data =
            legaldesk::board::data::load(conn, &["W1".into()], common::DAY, day_start).unwrap();
        data.windows[0].state.clone()
    };
    let first = legaldesk::service::steps::call_next(&mut conn, &desk, &settings, t + 10).unwrap();
    assert_eq!(state(&conn), WindowState::Serving("Z001".into()));
    // Called in the same second: the later call (by commit order) is the one shown.
    legaldesk::service::steps::call_next(&mut conn, &desk, &settings, t + 10).unwrap();
    assert_eq!(state(&conn), WindowState::Serving("Z002".into()));
    legaldesk::service::steps::start(&mut conn, &desk, first.step_id, t + 30).unwrap();
    assert_eq!(state(&conn), WindowState::Serving("Z001".into()));
}

/// A window paused (its own panel says so, with the key that resumes), another paused window
/// in the hall summary, and the question "call next" asks on a paused window.
#[test]
fn the_paused_window_screen() {
    use legaldesk::app::effect::Effect;
    use legaldesk::app::state::{Overlay, Pending, Screen, State};
    use legaldesk::service::pause::WindowPause;
    use legaldesk::service::staff::WindowRow;
    let mut state = State::new(Lang::Zh, common::settings(), at(10, 20));
    state.screen = Screen::Main;
    state.window = Some(WindowRow {
        id: 1,
        code: "W1".into(),
        services: vec![Service::Consult, Service::Drafting],
    });
    state.actor = Some(legaldesk::service::Actor {
        staff_id: 2,
        code: "S02".into(),
        name: "张丽".into(),
        role: Role::FrontDesk,
        window_id: Some(1),
    });
    let pause = |id: i64, code: &str, reason, note: &str| WindowPause {
        window_id: id,
        window_code: code.into(),
        reason,
        note: note.into(),
        since: at(10, 5),
    };
    state.view.pause = Some(pause(1, "W1", PauseReason::Other, "接听12348"));
    state.view.paused = vec![
        pause(1, "W1", PauseReason::Other, "接听12348"),
        pause(3, "W3", PauseReason::Meeting, ""),
    ];
    state.view.services = vec![Service::Consult, Service::Drafting];
    let keymap = legaldesk::keymap::Keymap::defaults();
    let screen = |state: &State| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| legaldesk::ui::render(frame, state, &keymap, &Theme::plain()))
            .unwrap();
        text_of(terminal.backend().buffer())
    };
    for (lang, name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        state.lang = lang;
        state.overlay = None;
        insta::assert_snapshot!(format!("{name}_window_paused"), screen(&state));
        state.overlay = Some(Overlay::Confirm(Pending::WhilePaused {
            then: Box::new(Effect::CallNext),
            pick_up: false,
        }));
        insta::assert_snapshot!(format!("{name}_call_while_paused"), screen(&state));
    }
}
