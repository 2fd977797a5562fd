//! The event loop: terminal lifecycle, keys in, effects out, and the cross-terminal poll.
//! It redraws only when something changed: a key, a result, another terminal's commit
//! (`PRAGMA data_version`), the minute changing (wait times), or a resize. No frame rate.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use rusqlite::Connection;

use super::effect::Effect;
use super::forms;
use super::perform::{load_view, perform, Job};
use super::state::{Overlay, Screen, State};
use super::update::{update, Msg};
use crate::db;
use crate::domain::clock;
use crate::i18n::status::StatusText;
use crate::i18n::{Lang, Words};
use crate::keymap::Keymap;
use crate::service::{settings, staff};
use crate::ui::{self, Theme};

/// How often another terminal's changes are looked for: well inside SPEC §8's one second.
const POLL_EVERY: Duration = Duration::from_millis(400);

/// Set by SIGTERM/SIGHUP/SIGINT: the loop restores the terminal and exits.
pub(crate) fn install_signal_flags() -> Arc<AtomicBool> {
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

/// Panics go to a log file beside the database, never onto the screen.
pub(crate) fn install_panic_log(log: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
        {
            let _ = writeln!(
                file,
                "[{}] panic: {info}\n{backtrace}",
                chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
            );
        }
        eprintln!(
            "legaldesk: internal error; details written to {}",
            log.display()
        );
    }));
}

/// Takes the terminal over: raw mode and the alternate screen (ratatui, whose panic hook puts
/// them back), plus bracketed paste, so a paste arrives as one event instead of keystrokes
/// that could trigger actions. The panic hook is wrapped so a panic switches bracketed paste
/// off too, before ratatui's restore and the panic log run.
fn take_terminal() -> std::io::Result<ratatui::DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        previous(info);
    }));
    if let Err(e) = execute!(std::io::stdout(), EnableBracketedPaste) {
        restore_terminal();
        return Err(e);
    }
    Ok(terminal)
}

/// Gives the terminal back as it was: bracketed paste off, then ratatui's restore (raw mode
/// off, main screen, cursor shown). Every way out of the loop (quit, error, SIGTERM/SIGHUP/
/// SIGINT) comes through here.
fn restore_terminal() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
}

/// A panic the drawing guard will catch (`ui::guard`: the part shows a placeholder and the
/// desk goes on) is logged once and goes no further. It must not reach the hook ratatui
/// installs, which restores the terminal — leaves the alternate screen and raw mode — on
/// every panic, caught or not, and would leave the still-running desk drawing onto a
/// cooked terminal. Installed after ratatui's hook, so it is asked first.
fn answer_caught_drawing_panics_first(log: PathBuf) {
    let outer = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if ui::guard::recovering() {
            if ui::guard::first_report(&info.to_string()) {
                log_recovered(&log, info);
            }
            return;
        }
        outer(info);
    }));
}

fn log_recovered(log: &Path, info: &std::panic::PanicHookInfo) {
    let backtrace = std::backtrace::Backtrace::force_capture();
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
    {
        let _ = writeln!(
            file,
            "[{}] drawing failed, shown as a placeholder (the desk kept running): {info}\n{backtrace}",
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
        );
    }
}

/// Builds the starting state: setup or sign-in, with keymap problems to show.
pub fn initial_state(
    conn: &mut Connection,
    lang: Lang,
    problems: &[String],
    now: i64,
) -> Result<State, String> {
    staff::ensure_default_windows(conn, now).map_err(|e| e.message(lang))?;
    let settings = settings::load(conn).map_err(|e| e.to_string())?;
    let mut state = State::new(lang, settings, now);
    state.windows = staff::list_windows(conn).map_err(|e| e.to_string())?;
    state.screen = if staff::has_supervisor(conn).map_err(|e| e.to_string())? {
        Screen::SignIn(forms::sign_in(&state.windows))
    } else {
        Screen::Setup(forms::setup())
    };
    state.notices = problems.to_vec();
    if !problems.is_empty() {
        state
            .notices
            .push(crate::i18n::cli::CliText::KeymapRunningOnDefaults.text(lang));
    }
    // A broken holiday override file is ignored (the built-in data counts); say so at start.
    let (_, holiday_problems) = crate::service::calendar::load();
    if !holiday_problems.is_empty() {
        use crate::i18n::Words;
        state
            .notices
            .extend(holiday_problems.iter().map(|p| p.text(lang)));
        state
            .notices
            .push(crate::i18n::calendar::HolidaysText::FileIgnored.text(lang));
    }
    Ok(state)
}

/// For timing start-up from outside: with `LEGALDESK_EXIT_AFTER_FIRST_FRAME=1`, the variable
/// `LEGALDESK_FIRST_FRAME_WINDOW=W1` shows that window's queue view without signing in (a PIN
/// check alone costs more than the whole start-up) and the program exits after that frame.
/// Honoured only together, so it can never be used to work without signing in.
fn first_frame_window() -> Option<String> {
    std::env::var_os("LEGALDESK_EXIT_AFTER_FIRST_FRAME")?;
    std::env::var("LEGALDESK_FIRST_FRAME_WINDOW")
        .ok()
        .filter(|w| !w.is_empty())
}

/// A read-only observer at a window: enough to render its queue view once. It enters as a
/// sign-in would (staff id 0 records nothing and is never signed out).
fn observe_window(
    conn: &Connection,
    state: &mut State,
    keymap: &Keymap,
    window_code: &str,
) -> Result<(), String> {
    let window = state
        .windows
        .iter()
        .find(|w| w.code == window_code)
        .cloned()
        .ok_or_else(|| format!("no window {window_code}"))?;
    let observer = crate::service::Actor {
        staff_id: 0,
        code: "-".into(),
        name: "-".into(),
        role: crate::domain::codes::Role::Supervisor,
        window_id: Some(window.id),
    };
    let signed_in = super::effect::Outcome::SignedIn(observer, Some(window));
    update(state, Msg::Result(signed_in), keymap);
    let view = load_view(conn, state, clock::now()).map_err(|e| e.to_string())?;
    update(state, Msg::Data(view), keymap);
    Ok(())
}

pub fn run_tui(
    db_path: &Path,
    lang: Lang,
    keymap_flag: Option<&Path>,
    ascii: bool,
) -> Result<(), String> {
    // Everything that can fail plainly is done before the screen is taken over.
    let mut conn = db::open(db_path).map_err(|e| e.message(lang))?;
    let (keymap, problems) = Keymap::for_user(keymap_flag);
    let messages: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
    let mut state = initial_state(&mut conn, lang, &messages, clock::now())?;
    if let Some(window) = first_frame_window() {
        observe_window(&conn, &mut state, &keymap, &window)?;
    }
    let theme = Theme::from_env(ascii);
    let stop = install_signal_flags();
    // An SSH drop without SIGHUP still ends the program within a second or two.
    let _ = super::hangup::watch(Arc::clone(&stop), Duration::from_secs(2));
    install_panic_log(db_path.with_extension("log"));
    let mut terminal = take_terminal()
        .map_err(|e| crate::i18n::cli::CliText::NoTerminal(e.to_string()).text(lang))?;
    answer_caught_drawing_panics_first(db_path.with_extension("log"));
    let mut jobs = Vec::new();
    let result = event_loop(
        &mut terminal,
        &mut conn,
        &mut state,
        &keymap,
        &theme,
        &stop,
        &mut jobs,
    );
    restore_terminal();
    if state.actor.as_ref().is_some_and(|a| a.staff_id != 0) {
        let _ = perform(&mut conn, &state, Effect::SignOut, clock::now(), &mut jobs);
    }
    // A print job still running gets a few seconds to hand its pages to the spooler; a long
    // integrity check is simply abandoned (it only reads).
    let deadline = Instant::now() + Duration::from_secs(5);
    while jobs.iter().any(|j| !j.is_finished()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    conn: &mut Connection,
    state: &mut State,
    keymap: &Keymap,
    theme: &Theme,
    stop: &AtomicBool,
    jobs: &mut Vec<Job>,
) -> Result<(), String> {
    let exit_after_first_frame = std::env::var_os("LEGALDESK_EXIT_AFTER_FIRST_FRAME").is_some();
    let mut frame_log = frame_log();
    let mut dirty = true;
    let mut seen_version = data_version(conn);
    let mut last_minute = state.now / 60;
    let mut next_poll = Instant::now() + POLL_EVERY;
    let mut last_key = Instant::now();
    let idle_lock = Duration::from_secs(state.settings.idle_lock_min.max(1) as u64 * 60);
    loop {
        if dirty {
            terminal
                .draw(|frame| ui::render(frame, state, keymap, theme))
                .map_err(|e| e.to_string())?;
            if let Some(log) = frame_log.as_mut() {
                let _ = writeln!(log, "{}", clock::now());
            }
            dirty = false;
            if exit_after_first_frame
                && matches!(
                    state.screen,
                    Screen::SignIn(_) | Screen::Setup(_) | Screen::Main
                )
            {
                return Ok(());
            }
        }
        if state.quit || stop.load(Ordering::Relaxed) || super::hangup::terminal_gone() {
            return Ok(());
        }
        let timeout = next_poll.saturating_duration_since(Instant::now());
        let mut effects = Vec::new();
        if event::poll(timeout).map_err(|e| e.to_string())? {
            match event::read().map_err(|e| e.to_string())? {
                // Windows terminals also report releases; only presses act.
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    last_key = Instant::now();
                    effects = update(state, Msg::Key(key), keymap);
                    dirty = true;
                }
                Event::Paste(text) => {
                    last_key = Instant::now();
                    effects = update(state, Msg::Paste(text), keymap);
                    dirty = true;
                }
                Event::Resize(_, _) => dirty = true,
                _ => {}
            }
        } else {
            next_poll = Instant::now() + POLL_EVERY;
            if last_key.elapsed() >= idle_lock && state.screen == Screen::Main {
                update(state, Msg::Idle, keymap);
                dirty = true;
            }
            let now = clock::now();
            if now / 60 != last_minute {
                last_minute = now / 60;
                let zone = state.settings.zone;
                let new_day = zone.business_date(now) != zone.business_date(state.now);
                // Redraw only when a minute shows on screen (someone is waiting or at a
                // window) or the business day turned: an idle hall is not redrawn at all.
                let redraw = new_day || state.shows_elapsed_time();
                update(state, Msg::Tick(now), keymap);
                if redraw {
                    effects.push(Effect::Refresh);
                    dirty = true;
                }
            }
            let version = data_version(conn);
            if version != seen_version {
                seen_version = version;
                effects.push(Effect::Refresh);
            }
            for outcome in finished_jobs(jobs) {
                effects.extend(update(state, Msg::Result(outcome), keymap));
                dirty = true;
            }
        }
        if !effects.is_empty() {
            // A refresh nobody asked for (another terminal's commit) that changes nothing on
            // this screen — the announcer recording a speech, a write elsewhere — draws nothing.
            let before = (!dirty).then(|| state.clone());
            run_effects(conn, state, keymap, effects, jobs);
            seen_version = data_version(conn);
            dirty = match before {
                Some(mut before) => {
                    before.now = state.now;
                    before != *state
                }
                None => true,
            };
        }
    }
}

/// `LEGALDESK_FRAME_LOG=FILE` appends one line per drawn frame: how tests and benchmarks see
/// that an idle screen is not redrawn.
fn frame_log() -> Option<std::fs::File> {
    let path = std::env::var_os("LEGALDESK_FRAME_LOG")?;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .ok()
}

/// Outcomes of background jobs that have ended (a failure is reported, never fatal).
fn finished_jobs(jobs: &mut Vec<Job>) -> Vec<super::effect::Outcome> {
    use super::effect::Outcome;
    let (done, running): (Vec<_>, Vec<_>) = std::mem::take(jobs)
        .into_iter()
        .partition(|j| j.is_finished());
    *jobs = running;
    done.into_iter()
        .map(|job| {
            job.join()
                .unwrap_or_else(|_| Outcome::Background(Err(StatusText::BackgroundFailed.into())))
        })
        .collect()
}

/// Performs effects until none are left (results can ask for more, e.g. a refresh).
pub fn run_effects(
    conn: &mut Connection,
    state: &mut State,
    keymap: &Keymap,
    mut effects: Vec<Effect>,
    jobs: &mut Vec<Job>,
) {
    let mut refresh = false;
    while !effects.is_empty() {
        let mut next = Vec::new();
        for effect in effects {
            if effect == Effect::Refresh {
                refresh = true;
                continue;
            }
            let now = clock::now();
            update(state, Msg::Tick(now), keymap);
            if let Some(outcome) = perform(conn, state, effect, now, jobs) {
                next.extend(update(state, Msg::Result(outcome), keymap));
            }
        }
        effects = next;
    }
    if refresh && state.actor.is_some() {
        // Deactivated or locked at another terminal: this session ends here too.
        if let Some(actor) = state.actor.as_ref().filter(|a| a.staff_id != 0) {
            if matches!(staff::still_valid(conn, actor), Ok(false)) {
                update(
                    state,
                    Msg::Result(super::effect::Outcome::SessionEnded),
                    keymap,
                );
                return;
            }
        }
        let now = clock::now();
        update(state, Msg::Tick(now), keymap);
        let loaded = match load_view(conn, state, now) {
            Ok(view) => Msg::Data(view),
            Err(e) => Msg::DataFailed(e.to_string()),
        };
        update(state, loaded, keymap);
        reload_open_screen(conn, state, keymap, now);
    }
}

/// The screen open over the view follows other terminals' changes too, reloaded through
/// the same outcomes its own keys produce.
fn reload_open_screen(conn: &mut Connection, state: &mut State, keymap: &Keymap, now: i64) {
    // The legal-aid list follows other terminals too (not while a form is being typed).
    if let Some(Overlay::Aid(view)) = &state.overlay {
        if view.form.is_none() && view.question.is_none() {
            if let Some(actor) = state.actor.clone() {
                let outcome = super::aid_perform::load(conn, state, &actor, now);
                if matches!(outcome, super::effect::Outcome::Aid(_)) {
                    update(state, Msg::Result(outcome), keymap);
                }
            }
        }
    }
    // The follow-up list is live too (another supervisor, or a new 差评 at a pad).
    if matches!(state.overlay, Some(Overlay::FollowUps(_))) {
        let load = super::effect::Effect::LoadFollowUps;
        if let Some(outcome) = perform(conn, state, load, now, &mut Vec::new()) {
            update(state, Msg::Result(outcome), keymap);
        }
    }
    // The appointments screen follows bookings made at other terminals and by 12348.
    if let Some(Overlay::Appointments(view)) = &state.overlay {
        let (date, find) = (view.date, view.find.clone());
        if let Ok(fresh) = super::appointments::perform::load(conn, state, date, find, now) {
            update(
                state,
                Msg::Result(super::effect::Outcome::Appointment(fresh)),
                keymap,
            );
        }
    }
    // The tally screen is live too: today's figures follow the hall.
    if let Some(Overlay::Tally(view)) = &state.overlay {
        let today = state.settings.zone.business_date(now);
        if view.range.is_none() && !view.closed && view.from <= today && today <= view.to {
            if let Ok(fresh) = super::perform::load_tally(conn, state, view.from, view.to) {
                update(
                    state,
                    Msg::Result(super::effect::Outcome::Tally(fresh)),
                    keymap,
                );
            }
        }
    }
}

/// Changes whenever another connection commits (SQLite's cheap cross-process signal).
pub(crate) fn data_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
        .unwrap_or(0)
}
