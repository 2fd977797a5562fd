//! The rating pad and the supervisor's follow-up screen at 80×24 in zh-CN and en, on
//! ratatui's TestBackend, compared with reviewed snapshots. States are built by hand with a
//! fixed clock, so a snapshot changes only when the screen does.

use chrono::NaiveDate;
use legaldesk::app::forms;
use legaldesk::app::state::{FollowUpView, Overlay, Screen, State, ViewData};
use legaldesk::domain::clock::Zone;
use legaldesk::domain::codes::{Rating, RatingBy, RatingReason, Role, Service};
use legaldesk::i18n::pad::PadText;
use legaldesk::i18n::Lang;
use legaldesk::keymap::Keymap;
use legaldesk::pad::state::{Pad, PadMsg, Phase, Stored};
use legaldesk::pad::view::{render, PadContext};
use legaldesk::service::followups::FollowUpRow;
use legaldesk::service::rating::Offer;
use legaldesk::service::settings::Settings;
use legaldesk::service::staff::WindowRow;
use legaldesk::service::Actor;
use legaldesk::ui::{self, Theme};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// 2026-11-23 10:00:00 at +08:00.
const NOW: i64 = 1_795_399_200;
const CENTER: &str = "城关镇公共法律服务中心";

fn pad_text(pad: &Pad, lang: Lang, cols: u16, rows: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    let theme = Theme::plain();
    let context = PadContext {
        center_name: CENTER,
        window_code: "W1",
        lang,
        theme: &theme,
    };
    terminal.draw(|frame| render(frame, pad, &context)).unwrap();
    crate::common::buffer_text(terminal.backend().buffer())
}

/// The pad in each of its phases, by name.
fn pads() -> Vec<(&'static str, Pad)> {
    let idle = Pad::new(60, 5);
    let mut prompt = Pad::new(60, 5);
    prompt.update(
        PadMsg::Offer(Some(Offer {
            step_id: 4,
            ticket: "Z012".into(),
            finished_at: NOW - 2,
        })),
        NOW,
    );
    assert!(matches!(prompt.phase, Phase::Prompt { .. }));
    let mut reason = prompt.clone();
    reason.update(PadMsg::Digit(2), NOW);
    reason.update(PadMsg::Stored(Stored::Rated { poor: true }), NOW);
    assert!(matches!(reason.phase, Phase::Reason { .. }));
    let mut thanks = prompt.clone();
    thanks.update(PadMsg::Stored(Stored::Rated { poor: false }), NOW);
    let mut thanks_poor = reason.clone();
    thanks_poor.update(PadMsg::Stored(Stored::ReasonSet), NOW);
    let mut refused = thanks.clone();
    refused.update(PadMsg::Digit(5), NOW + 1);
    assert!(matches!(
        refused.phase,
        Phase::Idle {
            note: Some((PadText::AlreadyRated, _))
        }
    ));
    vec![
        ("idle", idle),
        ("prompt", prompt),
        ("reason", reason),
        ("thanks", thanks),
        ("thanks_poor", thanks_poor),
        ("second_rating_refused", refused),
    ]
}

#[test]
fn the_pad_zh() {
    for (name, pad) in pads() {
        insta::assert_snapshot!(format!("pad_zh_{name}"), pad_text(&pad, Lang::Zh, 80, 24));
    }
}

#[test]
fn the_pad_en() {
    for (name, pad) in pads() {
        insta::assert_snapshot!(format!("pad_en_{name}"), pad_text(&pad, Lang::En, 80, 24));
    }
}

#[test]
fn a_small_pad_still_shows_every_choice() {
    let (_, prompt) = pads().remove(1);
    let text = pad_text(&prompt, Lang::Zh, 40, 16);
    for level in Rating::ALL {
        let choice = format!("{}  {}", level.level(), level.label(Lang::Zh));
        assert!(text.contains(&choice), "{choice} missing:\n{text}");
    }
    insta::assert_snapshot!("pad_zh_prompt_small", text);
}

// --- the supervisor's follow-up screen ------------------------------------------------------

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn follow_up_rows() -> Vec<FollowUpRow> {
    vec![
        FollowUpRow {
            id: 1,
            step_id: 11,
            ticket: "Z031".into(),
            date: "2026-11-13".into(),
            window: Some("W1".into()),
            staff: Some("S02".into()),
            rating: Some(Rating::VeryUnsatisfied),
            by: Some(RatingBy::Pad),
            reason: None,
            reason_note: String::new(),
            visitor: "欧*".into(),
            due: date("2026-11-20"),
            overdue: true,
            due_unpublished: false,
        },
        FollowUpRow {
            id: 2,
            step_id: 12,
            ticket: "Y004".into(),
            date: "2026-11-20".into(),
            window: Some("W2".into()),
            staff: Some("S12".into()),
            rating: Some(Rating::Unsatisfied),
            by: Some(RatingBy::Pad),
            reason: Some(RatingReason::Efficiency),
            reason_note: String::new(),
            visitor: "王*".into(),
            due: date("2026-11-27"),
            overdue: false,
            due_unpublished: false,
        },
        FollowUpRow {
            id: 3,
            step_id: 13,
            ticket: "Z007".into(),
            date: "2026-11-23".into(),
            window: Some("W1".into()),
            staff: Some("S02".into()),
            rating: Some(Rating::Unsatisfied),
            by: Some(RatingBy::Staff),
            reason: Some(RatingReason::Other),
            reason_note: "等候时间过长".into(),
            visitor: "李*".into(),
            due: date("2026-11-30"),
            overdue: false,
            due_unpublished: false,
        },
    ]
}

fn supervisor(lang: Lang) -> State {
    let settings = Settings {
        zone: Zone::parse("+08:00").unwrap(),
        center_name: CENTER.into(),
        ..Settings::default()
    };
    let mut state = State::new(lang, settings, NOW);
    state.windows = vec![WindowRow {
        id: 1,
        code: "W1".into(),
        services: vec![Service::Consult, Service::Drafting],
    }];
    state.actor = Some(Actor {
        staff_id: 1,
        code: "S01".into(),
        name: "王主任".into(),
        role: Role::Supervisor,
        window_id: None,
    });
    state.view = ViewData {
        date: "2026-11-23".into(),
        services: Service::ALL.to_vec(),
        follow_ups: Some((3, 1)),
        ..ViewData::default()
    };
    state.screen = Screen::Main;
    state
}

fn screen_text(state: &State) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let keymap = Keymap::defaults();
    terminal
        .draw(|frame| ui::render(frame, state, &keymap, &Theme::plain()))
        .unwrap();
    crate::common::buffer_text(terminal.backend().buffer())
}

fn follow_up_screens(lang: Lang) -> Vec<(&'static str, State)> {
    let main = supervisor(lang);
    let mut list = supervisor(lang);
    list.overlay = Some(Overlay::FollowUps(FollowUpView {
        rows: follow_up_rows(),
        selected: 0,
        closing: None,
    }));
    let mut closing = supervisor(lang);
    let mut form = forms::close_follow_up();
    form.focus_key("note");
    for c in "已电话回访，当事人表示理解".chars() {
        form.type_char(c);
    }
    closing.overlay = Some(Overlay::FollowUps(FollowUpView {
        rows: follow_up_rows(),
        selected: 2,
        closing: Some((3, "Z007".into(), form)),
    }));
    let mut empty = supervisor(lang);
    empty.overlay = Some(Overlay::FollowUps(FollowUpView {
        rows: Vec::new(),
        selected: 0,
        closing: None,
    }));
    vec![
        ("supervisor_main", main),
        ("follow_ups", list),
        ("follow_up_closing", closing),
        ("follow_ups_empty", empty),
    ]
}

#[test]
fn the_follow_up_screen_zh() {
    for (name, state) in follow_up_screens(Lang::Zh) {
        insta::assert_snapshot!(format!("zh_{name}"), screen_text(&state));
    }
}

#[test]
fn the_follow_up_screen_en() {
    for (name, state) in follow_up_screens(Lang::En) {
        insta::assert_snapshot!(format!("en_{name}"), screen_text(&state));
    }
}
