//! The frame around every screen: title bar, status line and the hint bar generated from the
//! keymap (so it never names a key that does not do what it says).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::width::{fit, width};
use super::Theme;
use crate::app::action::Action;
use crate::app::state::{State, StatusKind};
use crate::domain::clock::local_with_offset;
use crate::keymap::{action_label, Keymap, Mode};

pub fn split(area: Rect) -> [Rect; 4] {
    let [title, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    [title, body, status, hints]
}

pub fn title_bar(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let lang = state.lang;
    let mut left = state.settings.center_name.clone();
    if let Some(window) = &state.window {
        let services: Vec<&str> = window.services.iter().map(|s| s.label(lang)).collect();
        left.push_str(&format!("  {} {}", window.code, services.join("/")));
    }
    let locked = matches!(state.screen, crate::app::state::Screen::Locked(_));
    if let (Some(actor), false) = (&state.actor, locked) {
        left.push_str(&format!(
            "  {}({}) {}",
            actor.name,
            actor.code,
            actor.role.label(lang)
        ));
    }
    let offset = state.settings.zone.offset_at(state.now).local_minus_utc();
    let clock = local_with_offset(state.now, offset)
        .format("%Y-%m-%d")
        .to_string();
    let cols = area.width as usize;
    let room = cols.saturating_sub(width(&clock) + 2);
    let line = format!("{} {} ", fit(&format!(" {left}"), room), clock);
    frame.render_widget(
        Paragraph::new(Line::from(fit(&line, cols))).style(theme.title()),
        area,
    );
}

pub fn status_line(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let cols = area.width as usize;
    let (text, style) = if let Some(notice) = state.notices.first() {
        let more = state.notices.len() - 1;
        let text = if more > 0 {
            format!("{notice} (+{more})")
        } else {
            notice.clone()
        };
        (text, theme.error())
    } else {
        match &state.status {
            Some((StatusKind::Error, text)) => (text.clone(), theme.error()),
            Some((StatusKind::Info, text)) => (text.clone(), theme.info()),
            None => (String::new(), theme.dim()),
        }
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit(&format!(" {text}"), cols),
            style,
        ))),
        area,
    );
}

/// The actions worth a hint in each mode, most important first (help always leads).
pub fn hint_actions(mode: Mode) -> &'static [Action] {
    match mode {
        Mode::Queue => &[
            Action::Help,
            Action::IntakeNew,
            Action::CallNext,
            Action::Recall,
            Action::StartService,
            Action::FinishService,
            Action::Refer,
            Action::ReturnToFront,
            Action::MarkNoShow,
            Action::Hold,
            Action::CancelVisit,
            Action::Quit,
        ],
        Mode::Desk => &[
            Action::Help,
            Action::PickUp,
            Action::Recall,
            Action::StartService,
            Action::FinishService,
            Action::Refer,
            Action::ReturnToFront,
            Action::MarkNoShow,
            Action::Hold,
            Action::CancelVisit,
            Action::Quit,
        ],
        Mode::Intake | Mode::Form => &[
            Action::Help,
            Action::NextField,
            Action::Submit,
            Action::ChoiceNext,
            Action::Back,
            Action::Quit,
        ],
        Mode::Confirm => &[Action::Submit, Action::Back],
        Mode::Tally => &[
            Action::Back,
            Action::TallyPrevDay,
            Action::TallyNextDay,
            Action::TallyRange,
            Action::PrintTally,
            Action::CloseDay,
            Action::Quit,
        ],
        Mode::Help | Mode::Menu | Mode::Global | Mode::Board => &[Action::Back, Action::Quit],
    }
}

/// One line telling how a form works, with the keys the keymap really binds.
pub fn form_keys_sentence(keymap: &Keymap, mode: Mode, lang: crate::i18n::Lang) -> String {
    let key = |action| keymap.keys_for(mode, action).into_iter().next();
    let mut parts = vec![lang
        .pick("数字键选择选项", "digits pick options")
        .to_string()];
    if let (Some(prev), Some(next)) = (key(Action::ChoicePrev), key(Action::ChoiceNext)) {
        parts.push(format!("{prev}/{next} {}", lang.pick("切换", "cycle")));
    }
    for (action, zh, en) in [
        (Action::NextField, "下一项", "next"),
        (Action::Submit, "提交", "submit"),
        (Action::Back, "取消", "cancel"),
    ] {
        if let Some(k) = key(action) {
            parts.push(format!("{k} {}", lang.pick(zh, en)));
        }
    }
    parts.join(lang.pick("，", ", "))
}

pub fn hint_bar(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap, theme: &Theme) {
    let mode = state.mode();
    let cols = area.width as usize;
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, action) in keymap.hints(mode, hint_actions(mode)) {
        let label = action_label(action, state.lang);
        let cost = width(&key) + width(label) + 1;
        if used + cost > cols {
            break;
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!("{label} ")));
        used += cost;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
