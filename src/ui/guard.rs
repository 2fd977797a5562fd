//! No drawing defect may lock a desk out. The screen is drawn from what is in the database, so
//! a row that panics while being drawn would panic again at every start for as long as it
//! waits there. Each row and each part of the screen is therefore drawn under
//! `catch_unwind`: what fails shows as `…` (or a sentence for a whole part), the panic hook
//! logs it once (see [`recovering`]), and the desk stays usable.
//!
//! Rendering only reads the state, so nothing is left half-changed by an unwound draw; a
//! partly drawn area is cleared before its placeholder goes in.

use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, OnceLock};

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::Theme;
use crate::domain::text::fit;
use crate::i18n::drawing::Drawing;
use crate::i18n::{Lang, Words};

thread_local! {
    /// How many guarded draws this thread is inside.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// How many placeholders this thread has drawn instead of something that panicked.
    static RECOVERED: Cell<u64> = const { Cell::new(0) };
}

/// How many times this thread drew a placeholder for a part that panicked. Tests compare it
/// before and after a draw: a screen that only "works" because its guard caught a panic is a
/// defect all the same.
pub fn recovered() -> u64 {
    RECOVERED.with(Cell::get)
}

/// True while a guarded draw runs on this thread: a panic now will be caught and shown as a
/// placeholder, so the panic hook should log it without writing to the terminal.
pub fn recovering() -> bool {
    DEPTH.with(|d| d.get() > 0)
}

/// Whether a recovered panic with this description is new in this process: a defect that
/// fails on every redraw is logged once, not once per frame.
pub fn first_report(what: &str) -> bool {
    static SEEN: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    let seen = SEEN.get_or_init(|| Mutex::new(HashSet::new()));
    match seen.lock() {
        Ok(mut set) => set.insert(what.to_string()),
        Err(_) => false,
    }
}

/// For tests of the guard in the real program: with `LEGALDESK_FAULT_DRAW=Z001`, drawing the
/// queue row of ticket Z001 panics, as a defect in the layout code would.
pub fn fault_point(ticket: &str) {
    static FAULT: OnceLock<Option<String>> = OnceLock::new();
    let fault = FAULT.get_or_init(|| {
        std::env::var("LEGALDESK_FAULT_DRAW")
            .ok()
            .filter(|v| !v.is_empty())
    });
    if fault.as_deref() == Some(ticket) {
        panic!("drawing fault injected for {ticket} (LEGALDESK_FAULT_DRAW)");
    }
}

/// Runs `build`; if it panics, returns `fallback()` instead.
pub fn or_else<T>(build: impl FnOnce() -> T, fallback: impl FnOnce() -> T) -> T {
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(build));
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    result.unwrap_or_else(|_| {
        RECOVERED.with(|r| r.set(r.get().saturating_add(1)));
        fallback()
    })
}

/// The mark for something not shown: `…`, or `...` with the ASCII option (terminals that
/// draw such glyphs double-width).
pub fn ellipsis(theme: &Theme) -> &'static str {
    if theme.ascii {
        "..."
    } else {
        "…"
    }
}

/// A row `cols` wide from `build`, or `…` when building it panics.
pub fn row(theme: &Theme, cols: usize, build: impl FnOnce() -> String) -> String {
    or_else(build, || fit(ellipsis(theme), cols))
}

/// Draws one part of the screen with `draw`; if that panics, the part is cleared and says it
/// could not be shown.
pub fn part(
    frame: &mut Frame,
    area: Rect,
    lang: Lang,
    theme: &Theme,
    draw: impl FnOnce(&mut Frame),
) {
    let drawn = or_else(
        || {
            draw(frame);
            true
        },
        || false,
    );
    if !drawn {
        let text = format!("{} {}", ellipsis(theme), Drawing::PartNotShown.text(lang));
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(text, theme.error()))).wrap(Wrap { trim: true }),
            area,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    fn screen(terminal: &Terminal<TestBackend>) -> String {
        let buffer = terminal.backend().buffer();
        buffer
            .content
            .chunks(buffer.area.width as usize)
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_row_that_panics_shows_an_ellipsis() {
        let theme = Theme::plain();
        assert!(!recovering());
        let before = recovered();
        let text = row(&theme, 6, || panic!("a defect in one row"));
        assert_eq!(recovered(), before + 1);
        assert_eq!(text, "…     ");
        assert!(!recovering(), "the depth is restored after the panic");
        let ascii = Theme {
            ascii: true,
            ..theme
        };
        assert_eq!(row(&ascii, 4, || panic!("again")), "... ");
        assert_eq!(row(&theme, 4, || "fine".to_string()), "fine");
        let inside = row(&theme, 4, || {
            if recovering() {
                "in".to_string()
            } else {
                "out".to_string()
            }
        });
        assert_eq!(inside, "in");
    }

    #[test]
    fn a_part_that_panics_is_replaced_and_the_next_frame_draws() {
        let mut terminal = Terminal::new(TestBackend::new(40, 3)).unwrap();
        let theme = Theme::plain();
        terminal
            .draw(|frame| {
                let area = frame.area();
                part(frame, area, Lang::En, &theme, |f| {
                    f.render_widget(Paragraph::new("half drawn"), area);
                    panic!("a defect in this part");
                });
            })
            .unwrap();
        let shown = screen(&terminal);
        assert!(shown.contains("cannot be shown"), "{shown}");
        assert!(!shown.contains("half drawn"), "{shown}");
        terminal
            .draw(|frame| {
                let area = frame.area();
                part(frame, area, Lang::Zh, &theme, |f| {
                    f.render_widget(Paragraph::new("正常"), area)
                });
            })
            .unwrap();
        assert!(screen(&terminal).starts_with("正"));
    }

    #[test]
    fn each_defect_is_reported_once() {
        assert!(first_report("guard-test: x at a.rs:1"));
        assert!(!first_report("guard-test: x at a.rs:1"));
        assert!(first_report("guard-test: y at a.rs:1"));
    }
}
