//! Key press to finished frame on the queue view at 80×24: `update` + `render` + ratatui's
//! diff, on TestBackend, with the view loaded from the generated history. Also prints the
//! per-press latency distribution (median, p99, max over 5,000 presses) and the exact bytes
//! a real terminal receives when the selection moves one row (the same frames drawn through
//! ratatui's crossterm backend into a byte buffer).

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use legaldesk::app::state::State;
use legaldesk::app::update::{update, Msg};
use legaldesk::db;
use legaldesk::keymap::Keymap;
use legaldesk::service::settings;
use legaldesk::ui::{self, Theme};

#[path = "support/mod.rs"]
mod support;

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn setup() -> (State, Keymap, Theme) {
    let conn = db::open_for_reading(&support::bench_db()).expect("bench db");
    let settings = settings::load(&conn).expect("settings");
    let (_, now) = support::last_day(&conn, &settings);
    let state = support::queue_state(&conn, "W1", now);
    (state, Keymap::defaults(), Theme::plain())
}

/// Down until the end of the list, then Up back to the top, and so on: every press moves.
struct Walker {
    down: bool,
}

impl Walker {
    fn press(&mut self, state: &mut State, keymap: &Keymap) {
        let len = state.view.queue.len();
        if self.down && state.selected + 1 >= len {
            self.down = false;
        } else if !self.down && state.selected == 0 {
            self.down = true;
        }
        update(
            state,
            key(if self.down {
                KeyCode::Down
            } else {
                KeyCode::Up
            }),
            keymap,
        );
    }
}

fn latency_report(state: &mut State, keymap: &Keymap, theme: &Theme) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| ui::render(f, state, keymap, theme))
        .expect("draw");
    let mut walker = Walker { down: true };
    let mut times: Vec<Duration> = Vec::with_capacity(5000);
    for _ in 0..5000 {
        let start = Instant::now();
        walker.press(state, keymap);
        terminal
            .draw(|f| ui::render(f, state, keymap, theme))
            .expect("draw");
        times.push(start.elapsed());
    }
    times.sort();
    let at = |p: f64| {
        times[((p / 100.0 * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1]
    };
    println!(
        "key press to frame (update+render+diff, 80x24, {} queue rows): median {:?}, p99 {:?}, max {:?}",
        state.view.queue.len(),
        at(50.0),
        at(99.0),
        times[times.len() - 1]
    );
}

/// Counts the bytes a terminal would receive.
#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn bytes_report(state: &mut State, keymap: &Keymap, theme: &Theme) {
    let counter = Counter::default();
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
    };
    let mut terminal =
        Terminal::with_options(CrosstermBackend::new(counter.clone()), options).expect("terminal");
    state.selected = 0;
    terminal
        .draw(|f| ui::render(f, state, keymap, theme))
        .expect("first frame");
    let first = counter.0.get();
    let mut sizes = Vec::new();
    for code in [KeyCode::Down, KeyCode::Down, KeyCode::Up] {
        let before = counter.0.get();
        update(state, key(code), keymap);
        terminal
            .draw(|f| ui::render(f, state, keymap, theme))
            .expect("frame");
        sizes.push(counter.0.get() - before);
    }
    println!("bytes to the terminal: first full frame {first}; selection moves one row: {sizes:?} (Down, Down, Up)");
}

fn benches(c: &mut Criterion) {
    let (mut state, keymap, theme) = setup();
    latency_report(&mut state, &keymap, &theme);
    bytes_report(&mut state, &keymap, &theme);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| ui::render(f, &state, &keymap, &theme))
        .expect("draw");
    let mut walker = Walker { down: true };
    c.bench_function("queue_view/key_to_frame_80x24", |b| {
        b.iter(|| {
            walker.press(&mut state, &keymap);
            terminal
                .draw(|f| ui::render(f, &state, &keymap, &theme))
                .expect("draw");
        })
    });
    c.bench_function("queue_view/render_only_80x24", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::render(f, &state, &keymap, &theme))
                .expect("draw");
        })
    });
}

criterion_group!(screen, benches);

fn main() {
    screen();
    Criterion::default().configure_from_args().final_summary();
}
