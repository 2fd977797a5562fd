//! Screens. `render` reads the state and never writes it or touches the database.

mod aid;
mod appointments;
pub mod bigtext;
mod calls;
mod chrome;
mod followups;
mod form;
pub mod guard;
pub mod hints;
mod overlay;
mod queue;
mod tally;
mod theme;

#[cfg(test)]
pub(crate) use form::form_lines;
pub use theme::Theme;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::app::state::{Screen, State};
use crate::i18n::Words;
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
    // Each part is drawn under a guard: a defect in one shows a placeholder there, and the
    // rest of the screen (the keys, the status line) still works.
    let lang = state.lang;
    guard::part(frame, title, lang, theme, |f| {
        chrome::title_bar(f, title, state, theme)
    });
    guard::part(frame, body, lang, theme, |f| match &state.screen {
        Screen::Setup(form) => form::entry_screen(f, body, state, form, true, theme),
        Screen::SignIn(form) => form::entry_screen(f, body, state, form, false, theme),
        Screen::Main => queue::main_view(f, body, state, keymap, theme),
        Screen::Locked(form) => form::lock_screen(f, body, state, form, theme),
    });
    if let Some(overlay) = &state.overlay {
        guard::part(frame, body, lang, theme, |f| {
            overlay::render(f, body, state, overlay, keymap, theme)
        });
    }
    guard::part(frame, status, lang, theme, |f| {
        chrome::status_line(f, status, state, theme)
    });
    guard::part(frame, hint_area, lang, theme, |f| {
        hints::render(f, hint_area, state, keymap, theme)
    });
}

fn too_small(frame: &mut Frame, area: Rect, state: &State) {
    let lang = state.lang;
    let text = crate::i18n::screen::ScreenText::TooSmall {
        min_width: MIN_WIDTH,
        min_height: MIN_HEIGHT,
        width: area.width,
        height: area.height,
    }
    .text(lang);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }),
        area,
    );
}
