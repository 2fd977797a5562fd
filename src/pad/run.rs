//! The pad's runtime: the terminal (taken over like the TUI's, restored on exit, on SIGTERM,
//! SIGHUP or SIGINT from another terminal, and after a hang-up), keys through the `[pad]`
//! keymap table only, and the cross-terminal poll: after any commit in the hall
//! (`PRAGMA data_version`) it asks which step of its window is open for rating. Redraws only
//! when what it shows changes.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use rusqlite::Connection;

use super::state::{Pad, PadEffect, PadMsg, Stored};
use super::view::{render, PadContext};
use crate::action::Action;
use crate::app::run::{data_version, install_panic_log, install_signal_flags};
use crate::db;
use crate::domain::clock;
use crate::i18n::pad::PadText;
use crate::i18n::rating::RatingProblem;
use crate::i18n::{Lang, Words};
use crate::keymap::{Keymap, Mode};
use crate::service::settings::{self, Settings};
use crate::service::staff::{self, WindowRow};
use crate::service::{rating, ServiceError};
use crate::ui::Theme;

/// How often other terminals' commits are looked for: a finished step shows within this plus
/// one query and one frame, well inside SPEC §9.3's second.
pub const POLL_EVERY: Duration = Duration::from_millis(200);

/// The active window `code` names (in any case), or why not.
pub fn find_window(windows: &[WindowRow], code: &str) -> Result<WindowRow, PadText> {
    let wanted = code.trim();
    windows
        .iter()
        .find(|w| w.code.eq_ignore_ascii_case(wanted))
        .cloned()
        .ok_or_else(|| PadText::NoWindow {
            code: crate::domain::text::sanitize(wanted),
            known: windows.iter().map(|w| w.code.clone()).collect(),
        })
}

pub fn run_pad(
    db_path: &Path,
    window_code: &str,
    lang: Lang,
    keymap_flag: Option<&Path>,
    ascii: bool,
) -> Result<(), String> {
    // Everything that can fail plainly is done before the screen is taken over.
    let conn = db::open_existing(db_path).map_err(|e| e.message(lang))?;
    let settings = settings::load(&conn).map_err(|e| ServiceError::Db(e).message(lang))?;
    let windows = staff::list_windows(&conn).map_err(|e| ServiceError::Db(e).message(lang))?;
    let window = find_window(&windows, window_code).map_err(|e| e.text(lang))?;
    let (keymap, problems) = Keymap::for_user(keymap_flag);
    for problem in &problems {
        eprintln!("legaldesk: {}", problem.message(lang));
    }
    let theme = Theme::from_env(ascii);
    let stop = install_signal_flags();
    let _ = crate::app::hangup::watch(Arc::clone(&stop), Duration::from_secs(2));
    install_panic_log(db_path.with_extension("log"));
    let mut terminal =
        ratatui::try_init().map_err(|e| PadText::NoTerminal(e.to_string()).text(lang))?;
    let mut runtime = Runtime {
        conn,
        settings,
        window,
        lang,
        theme,
    };
    let result = runtime.event_loop(&mut terminal, &keymap, &stop);
    ratatui::restore();
    result
}

struct Runtime {
    conn: Connection,
    settings: Settings,
    window: WindowRow,
    lang: Lang,
    theme: Theme,
}

impl Runtime {
    fn offer(&self) -> PadMsg {
        // A read that fails (the file busy a moment) offers nothing; the next poll asks again.
        let offer = rating::pad_offer(&self.conn, self.window.id, &self.settings, clock::now())
            .ok()
            .flatten();
        PadMsg::Offer(offer)
    }

    fn event_loop(
        &mut self,
        terminal: &mut ratatui::DefaultTerminal,
        keymap: &Keymap,
        stop: &AtomicBool,
    ) -> Result<(), String> {
        let mut pad = Pad::new(self.settings.rating_timeout_s, self.settings.followup_days);
        let mut seen = data_version(&self.conn);
        // A step may have ended just before the pad started.
        let mut dirty = true;
        let first = self.offer();
        pad.update(first, clock::now());
        let mut next_poll = Instant::now() + POLL_EVERY;
        loop {
            if dirty {
                let context = PadContext {
                    center_name: &self.settings.center_name,
                    window_code: &self.window.code,
                    lang: self.lang,
                    theme: &self.theme,
                };
                terminal
                    .draw(|frame| render(frame, &pad, &context))
                    .map_err(|e| e.to_string())?;
                dirty = false;
            }
            if stop.load(Ordering::Relaxed) || crate::app::hangup::terminal_gone() {
                return Ok(());
            }
            let timeout = next_poll.saturating_duration_since(Instant::now());
            let mut msgs = VecDeque::new();
            if event::poll(timeout).map_err(|e| e.to_string())? {
                match event::read().map_err(|e| e.to_string())? {
                    Event::Key(key) if key.kind == KeyEventKind::Press => {
                        // Only the [pad] table: every other key, ctrl-c included, is nothing.
                        match keymap.action(Mode::Pad, &key) {
                            Some(Action::Quit) => msgs.push_back(PadMsg::Quit),
                            Some(action) => {
                                if let Some(index) = action.select_index() {
                                    msgs.push_back(PadMsg::Digit(index as u8 + 1));
                                }
                            }
                            None => {}
                        }
                    }
                    Event::Resize(_, _) => dirty = true,
                    _ => {}
                }
            } else {
                next_poll = Instant::now() + POLL_EVERY;
                msgs.push_back(PadMsg::Tick(clock::now()));
                let version = data_version(&self.conn);
                if version != seen {
                    seen = version;
                    msgs.push_back(self.offer());
                }
            }
            // Effects run at once, in order; their results are fed straight back.
            while let Some(msg) = msgs.pop_front() {
                let (changed, effects) = pad.update(msg, clock::now());
                dirty |= changed;
                for effect in effects {
                    match effect {
                        PadEffect::Quit => return Ok(()),
                        other => msgs.push_back(PadMsg::Stored(self.perform(other))),
                    }
                }
            }
        }
    }

    /// Stores a digit's meaning. Refusals become what the visitor is told.
    fn perform(&mut self, effect: PadEffect) -> Stored {
        let now = clock::now();
        let window = self.window.id;
        match effect {
            PadEffect::Rate { step_id, rating } => {
                match rating::rate_on_pad(
                    &mut self.conn,
                    window,
                    step_id,
                    rating,
                    &self.settings,
                    now,
                ) {
                    Ok(_) => Stored::Rated {
                        poor: rating.is_poor(),
                    },
                    Err(e) => refusal(&e),
                }
            }
            PadEffect::Reason { step_id, reason } => {
                match rating::set_pad_reason(
                    &mut self.conn,
                    window,
                    step_id,
                    reason,
                    &self.settings,
                    now,
                ) {
                    Ok(()) => Stored::ReasonSet,
                    Err(e) => refusal(&e),
                }
            }
            PadEffect::Quit => Stored::Failed,
        }
    }
}

fn refusal(error: &ServiceError) -> Stored {
    match error {
        ServiceError::Rating(RatingProblem::AlreadyRated | RatingProblem::RatedOnPad) => {
            Stored::AlreadyRated
        }
        ServiceError::Rating(RatingProblem::TooLate) => Stored::TooLate,
        _ => Stored::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_pad_listens_to_its_own_table_only() {
        let keymap = Keymap::defaults();
        let none = KeyModifiers::NONE;
        for (i, digit) in ['1', '2', '3', '4', '5'].into_iter().enumerate() {
            let action = keymap.action(Mode::Pad, &key(KeyCode::Char(digit), none));
            assert_eq!(action.and_then(Action::select_index), Some(i));
        }
        // [global] quits and switches language elsewhere; on the pad these are nothing.
        for (code, mods) in [
            (KeyCode::F(10), none),
            (KeyCode::Char('q'), KeyModifiers::CONTROL),
            (KeyCode::Char('c'), KeyModifiers::CONTROL),
            (KeyCode::Char('l'), KeyModifiers::CONTROL),
            (KeyCode::F(1), none),
            (KeyCode::Char('?'), none),
            (KeyCode::Esc, none),
            (KeyCode::Enter, none),
            (KeyCode::Char('0'), none),
            (KeyCode::Char('6'), none),
        ] {
            assert_eq!(keymap.action(Mode::Pad, &key(code, mods)), None, "{code:?}");
        }
        let quit = key(
            KeyCode::Char('q'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        assert_eq!(keymap.action(Mode::Pad, &quit), Some(Action::Quit));
    }
}
