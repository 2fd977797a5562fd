//! Screens. `render` reads the state and never writes it or touches the database.

mod appointments;
mod bigtext;
mod chrome;
mod form;
pub mod hints;
mod overlay;
mod queue;
mod tally;
mod theme;
pub mod width;

pub use theme::Theme;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::app::state::{Screen, State};
use crate::keymap::Keymap;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(frame: &mut Frame, state: &State, keymap: &Keymap, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, state);
        return;
    }
    // Lay out on exactly 80×24 at the top-left when the terminal is larger? No: use it all,
    // the layouts stretch; only the minimum is fixed.
    let [title, body, status, hint_area] = chrome::split(area, hints::rows(state));
    chrome::title_bar(frame, title, state, theme);
    match &state.screen {
        Screen::Setup(form) => form::entry_screen(frame, body, state, form, true, theme),
        Screen::SignIn(form) => form::entry_screen(frame, body, state, form, false, theme),
        Screen::Main => queue::main_view(frame, body, state, theme),
        Screen::Locked(form) => form::lock_screen(frame, body, state, form, theme),
    }
    if let Some(overlay) = &state.overlay {
        overlay::render(frame, body, state, overlay, keymap, theme);
    }
    chrome::status_line(frame, status, state, theme);
    hints::render(frame, hint_area, state, keymap, theme);
}

fn too_small(frame: &mut Frame, area: Rect, state: &State) {
    let lang = state.lang;
    let text = match lang {
        crate::i18n::Lang::Zh => format!(
            "请把终端窗口放大到至少 {MIN_WIDTH}×{MIN_HEIGHT}（当前 {}×{}）",
            area.width, area.height
        ),
        crate::i18n::Lang::En => format!(
            "Please enlarge the terminal to at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{})",
            area.width, area.height
        ),
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }),
        area,
    );
}
