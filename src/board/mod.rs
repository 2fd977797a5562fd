//! `legaldesk board [--speak] [--windows W1,W2]`: the waiting hall's board (叫号屏) and its
//! announcer (SPEC §9.1). No sign-in and nothing personal: tickets and windows only.
//!
//! Like the TUI it redraws only when something changed: another terminal's commit (seen
//! through `PRAGMA data_version`, polled often enough that a call shows within a second), the
//! minute of the clock, a flash phase or the end of a hold, a scrolling notice, or a resize.

pub mod announcer;
pub mod clips;
pub mod data;
pub mod feature;
pub mod render;
pub mod speech;
pub mod spell;
pub mod ticker;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use rusqlite::Connection;

use crate::action::Action;
use crate::db;
use crate::domain::clock;
use crate::i18n::board::BoardText;
use crate::i18n::{Lang, Words};
use crate::keymap::{Keymap, Mode};
use crate::service::{hall_settings, settings, staff};
use crate::ui::Theme;

use announcer::{Announcer, Role};
use data::BoardData;
use feature::Feature;
use render::BoardView;

/// How often another terminal's commits are looked for: a call shows within a second.
const POLL: Duration = Duration::from_millis(200);

/// `--windows W1,W2` as window codes; empty for every window.
pub fn parse_windows(list: Option<&str>, lang: Lang) -> Result<Vec<String>, String> {
    let Some(list) = list else {
        return Ok(Vec::new());
    };
    let mut codes = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let code = staff::clean_code(part).map_err(|_| BoardText::BadWindowList.text(lang))?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.is_empty() {
        return Err(BoardText::BadWindowList.text(lang));
    }
    Ok(codes)
}

fn install_signal_flags() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    stop
}

pub fn run(
    path: &Path,
    lang: Lang,
    ascii: bool,
    keymap_flag: Option<&Path>,
    speak: bool,
    windows: Option<&str>,
) -> Result<(), String> {
    let only = parse_windows(windows, lang)?;
    let conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let known: Vec<String> = staff::list_windows(&conn)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|w| w.code)
        .collect();
    if let Some(unknown) = only.iter().find(|c| !known.contains(c)) {
        return Err(BoardText::UnknownWindow(unknown.clone(), known).text(lang));
    }
    let stop = install_signal_flags();
    if !std::io::stdout().is_terminal() {
        if !speak {
            return Err(BoardText::NeedsTerminal.text(lang));
        }
        // The announcer alone (a service without a screen): this thread speaks.
        drop(conn);
        let status = Mutex::new(announcer::Status {
            role: Role::Starting,
            failure: None,
        });
        announcer::run(path, &stop, &status, Some(lang));
        return Ok(());
    }
    let (keymap, _problems) = Keymap::for_user(keymap_flag);
    let theme = Theme::from_env(ascii);
    let _ = crate::app::hangup::watch(Arc::clone(&stop), Duration::from_secs(2));
    let speaker = speak.then(|| Announcer::start(path.to_path_buf()));
    let mut terminal = ratatui::try_init()
        .map_err(|e| BoardText::CannotSetUpTerminal(e.to_string()).text(lang))?;
    let result = Board::new(conn, lang, only, speaker.as_ref())
        .and_then(|mut board| board.event_loop(&mut terminal, &keymap, &theme, &stop));
    ratatui::restore();
    if let Some(speaker) = speaker {
        speaker.stop();
    }
    result
}

/// The board's state between frames.
struct Board<'a> {
    conn: Connection,
    lang: Lang,
    only: Vec<String>,
    announcer: Option<&'a Announcer>,
    settings: settings::Settings,
    hall: hall_settings::HallSettings,
    data: BoardData,
    feature: Feature,
    date: chrono::NaiveDate,
    started: Instant,
}

impl<'a> Board<'a> {
    fn new(
        conn: Connection,
        lang: Lang,
        only: Vec<String>,
        announcer: Option<&'a Announcer>,
    ) -> Result<Board<'a>, String> {
        let settings = settings::load(&conn).map_err(|e| e.to_string())?;
        let hall = hall_settings::load(&conn).map_err(|e| e.to_string())?;
        let feature = Feature::new(hall.hold_s);
        let mut board = Board {
            date: settings.zone.business_date(clock::now()),
            conn,
            lang,
            only,
            announcer,
            settings,
            hall,
            data: BoardData::default(),
            feature,
            started: Instant::now(),
        };
        board.reload().map_err(|e| e.to_string())?;
        Ok(board)
    }

    fn now_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// Reads settings and data again; true when what the board shows changed.
    fn reload(&mut self) -> rusqlite::Result<bool> {
        self.settings = settings::load(&self.conn)?;
        self.hall = hall_settings::load(&self.conn)?;
        self.feature.set_hold(self.hall.hold_s);
        let now = clock::now();
        let zone = self.settings.zone;
        let date = zone.business_date(now);
        if date != self.date {
            // A new day starts with an empty board, not with yesterday's last call.
            self.feature = Feature::new(self.hall.hold_s);
            self.date = date;
        }
        let day_start = self
            .date
            .and_hms_opt(0, 0, 0)
            .and_then(|t| zone.instant_of(t))
            .unwrap_or(now - 86_400);
        let data = data::load(
            &self.conn,
            &self.only,
            &self.date.format("%Y-%m-%d").to_string(),
            day_start,
        )?;
        let changed = data != self.data;
        self.data = data;
        let now_ms = self.now_ms();
        self.feature.observe(&self.data.calls, now_ms);
        Ok(changed)
    }

    /// The speech line: a failure of the latest announcement first, else this board's part.
    fn status(&self) -> Option<(BoardText, bool)> {
        let own = self.announcer.map(|a| a.status());
        let failure = self
            .data
            .speech_failure
            .clone()
            .or_else(|| own.as_ref().and_then(|s| s.failure.clone()));
        if let Some((ticket, failure)) = failure {
            return Some((BoardText::SpeechFailed(ticket, failure), true));
        }
        match own.map(|s| s.role) {
            Some(Role::Holding) => Some((BoardText::AnnouncerHere, false)),
            Some(Role::Standby(_)) => Some((BoardText::AnnouncerStandby, false)),
            _ => None,
        }
    }

    fn notice_frame(&self, cols: u16, now_ms: u64) -> (String, Option<u64>) {
        let notice = crate::domain::text::sanitize(&self.hall.notice);
        let room = (cols as usize).saturating_sub(2);
        if notice.is_empty() {
            return (String::new(), None);
        }
        if !ticker::scrolls(&notice, room) {
            return (ticker::frame(&notice, room, 0), None);
        }
        let step = now_ms / ticker::STEP_MS;
        (ticker::frame(&notice, room, step), Some(step))
    }

    fn event_loop(
        &mut self,
        terminal: &mut ratatui::DefaultTerminal,
        keymap: &Keymap,
        theme: &Theme,
        stop: &AtomicBool,
    ) -> Result<(), String> {
        let mut frame_log = std::env::var_os("LEGALDESK_FRAME_LOG").and_then(|p| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .ok()
        });
        let mut seen_version = data_version(&self.conn);
        let mut next_poll = Instant::now() + POLL;
        let mut dirty = true;
        let mut last_minute = clock::now() / 60;
        let mut last_step = None;
        let mut last_reversed = false;
        let mut last_status = self.status();
        loop {
            let now_ms = self.now_ms();
            if dirty {
                let size = terminal.size().map_err(|e| e.to_string())?;
                let (notice, step) = self.notice_frame(size.width, now_ms);
                last_step = step;
                last_reversed = self.feature.reversed(now_ms);
                let now = clock::now();
                let view = BoardView {
                    lang: self.lang,
                    center: &self.settings.center_name,
                    now_local: self.settings.zone.local(now),
                    offset_s: self.settings.zone.offset_at(now).local_minus_utc(),
                    data: &self.data,
                    feature: &self.feature,
                    now_ms,
                    notice,
                    status: last_status.clone(),
                };
                terminal
                    .draw(|frame| render::render(frame, &view, theme))
                    .map_err(|e| e.to_string())?;
                if let Some(log) = frame_log.as_mut() {
                    let _ = writeln!(log, "{}", clock::now());
                }
                dirty = false;
            }
            if stop.load(Ordering::Relaxed) || crate::app::hangup::terminal_gone() {
                return Ok(());
            }
            // Sleep until the next thing that can change the picture.
            let mut wake = next_poll;
            let at_ms = |ms: u64| self.started + Duration::from_millis(ms);
            if let Some(step) = last_step {
                wake = wake.min(at_ms((step + 1) * ticker::STEP_MS));
            }
            if let Some(ms) = self.feature.next_change_ms(now_ms) {
                wake = wake.min(at_ms(ms));
            }
            let timeout = wake.saturating_duration_since(Instant::now());
            if event::poll(timeout).map_err(|e| e.to_string())? {
                match event::read().map_err(|e| e.to_string())? {
                    Event::Key(key) if key.kind == KeyEventKind::Press => {
                        match keymap.action(Mode::Board, &key) {
                            Some(Action::Quit) => return Ok(()),
                            Some(Action::ToggleLang) => {
                                self.lang = self.lang.other();
                                dirty = true;
                            }
                            _ => {}
                        }
                    }
                    Event::Resize(_, _) => dirty = true,
                    _ => {}
                }
            }
            let now_ms = self.now_ms();
            if Instant::now() >= next_poll {
                next_poll = Instant::now() + POLL;
                let version = data_version(&self.conn);
                let minute = clock::now() / 60;
                let new_day = self.settings.zone.business_date(clock::now()) != self.date;
                if version != seen_version || new_day {
                    seen_version = version;
                    // A read error (the file busy for a moment) is tried again at the next poll.
                    if let Ok(changed) = self.reload() {
                        dirty |= changed;
                    }
                }
                if minute != last_minute {
                    last_minute = minute;
                    dirty = true;
                }
                let status = self.status();
                if status != last_status {
                    last_status = status;
                    dirty = true;
                }
            }
            if self.feature.advance(now_ms) || self.feature.reversed(now_ms) != last_reversed {
                dirty = true;
            }
            if last_step.is_some_and(|s| now_ms / ticker::STEP_MS != s) {
                dirty = true;
            }
        }
    }
}

/// Changes whenever another connection commits.
fn data_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
        .unwrap_or(0)
}
