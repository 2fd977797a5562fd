//! The frame around every screen: title bar and status line (the hint bar is `hints.rs`).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Theme;
use crate::action::Action;
use crate::app::state::{State, StatusKind};
use crate::domain::clock::local_with_offset;
use crate::domain::text::{fit, width};
use crate::i18n::screen::ScreenText;
use crate::i18n::Words;
use crate::keymap::{Keymap, Mode};

/// Title, body, status line and `hint_rows` lines of key hints.
pub fn split(area: Rect, hint_rows: u16) -> [Rect; 4] {
    let [title, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(hint_rows),
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
            // Said in the language of the moment, so Ctrl-L switches it with the screen.
            Some((StatusKind::Error, text)) => (text.text(state.lang), theme.error()),
            Some((StatusKind::Info, text)) => (text.text(state.lang), theme.info()),
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

/// One line telling how a form works, with the keys the keymap really binds.
pub fn form_keys_sentence(keymap: &Keymap, mode: Mode, lang: crate::i18n::Lang) -> String {
    let key = |action| keymap.keys_for(mode, action).into_iter().next();
    let mut parts = vec![ScreenText::DigitsPickOptions.text(lang)];
    if let (Some(prev), Some(next)) = (key(Action::ChoicePrev), key(Action::ChoiceNext)) {
        parts.push(format!("{prev}/{next} {}", ScreenText::Cycle.text(lang)));
    }
    for (action, word) in [
        (Action::NextField, ScreenText::NextField),
        (Action::Submit, ScreenText::Submit),
        (Action::Back, ScreenText::Cancel),
    ] {
        if let Some(k) = key(action) {
            parts.push(format!("{k} {}", word.text(lang)));
        }
    }
    parts.join(&ScreenText::PartsJoin.text(lang))
}
