//! Drawing the board: the latest call in large type (as large as the terminal allows), the
//! calls before it, each window's state, the waiting counts, the date and time, the speech
//! status and the notice line. Reads a `BoardView`; touches nothing else.

use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::data::{BoardData, Call, WindowLine, WindowState};
use super::feature::Feature;
use crate::domain::announce::AnnounceKind;
use crate::domain::text::{fit, width};
use crate::i18n::board::{BoardText, WindowName};
use crate::i18n::{Lang, Words};
use crate::ui::bigtext::{big_lines_scaled, big_width, GLYPH_ROWS};
use crate::ui::Theme;

/// Everything one frame shows.
pub struct BoardView<'a> {
    pub lang: Lang,
    pub center: &'a str,
    /// Local date and time now.
    pub now_local: chrono::NaiveDateTime,
    /// Local offset, for the times of calls.
    pub offset_s: i32,
    pub data: &'a BoardData,
    pub feature: &'a Feature,
    pub now_ms: u64,
    /// The notice line as it shows now (already scrolled), empty for none.
    pub notice: String,
    /// The speech line, and whether it reports a failure.
    pub status: Option<(BoardText, bool)>,
}

fn window_name(lang: Lang, code: &str, label: Option<&str>) -> String {
    WindowName { code, label }.text(lang)
}

fn call_window(lang: Lang, call: &Call) -> String {
    window_name(lang, &call.window_code, call.window_label.as_deref())
}

pub fn render(frame: &mut Frame, view: &BoardView, theme: &Theme) {
    let area = frame.area();
    if area.width < crate::ui::MIN_WIDTH || area.height < crate::ui::MIN_HEIGHT {
        frame.render_widget(Clear, area);
        let text = BoardText::TooSmall {
            cols: area.width,
            rows: area.height,
        }
        .text(view.lang);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let cols = area.width.saturating_sub(2).max(1) as usize;
    let (window_rows, per_row) = window_grid(view, cols);
    let [title, main, windows, waiting, status, notice] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(8),
        Constraint::Length(window_rows as u16 + 2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(frame, title, view, theme);
    let [big, recent] =
        Layout::horizontal([Constraint::Percentage(64), Constraint::Percentage(36)]).areas(main);
    featured(frame, big, view, theme);
    recent_calls(frame, recent, view, theme);
    window_states(frame, windows, view, theme, per_row);
    waiting_line(frame, waiting, view, theme);
    if let Some((text, failed)) = &view.status {
        let style = if *failed { theme.error() } else { theme.dim() };
        let line = fit(&format!(" {}", text.text(view.lang)), area.width as usize);
        frame.render_widget(Paragraph::new(Span::styled(line, style)), status);
    }
    if !view.notice.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", view.notice), theme.accent())),
            notice,
        );
    }
}

fn title_bar(frame: &mut Frame, area: Rect, view: &BoardView, theme: &Theme) {
    let clock = BoardText::DateTime(view.now_local).text(view.lang);
    let cols = area.width as usize;
    let room = cols.saturating_sub(width(&clock) + 2);
    let line = format!("{} {} ", fit(&format!(" {}", view.center), room), clock);
    frame.render_widget(
        Paragraph::new(Line::from(fit(&line, cols))).style(theme.title()),
        area,
    );
}

/// The largest scale at which `ticket` fits in `cols` by `rows` (with a line under it).
fn scale_for(ticket: &str, cols: usize, rows: usize) -> Option<usize> {
    (1..=12)
        .rev()
        .find(|s| big_width(ticket, *s) <= cols && GLYPH_ROWS * s + 2 <= rows)
}

fn featured(frame: &mut Frame, area: Rect, view: &BoardView, theme: &Theme) {
    let lang = view.lang;
    let block = theme.block(BoardText::NowCalling.text(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(call) = view.feature.shown() else {
        let y = inner.y + inner.height / 2;
        frame.render_widget(
            Paragraph::new(Span::styled(BoardText::NoCalls.text(lang), theme.dim()))
                .alignment(Alignment::Center),
            Rect::new(inner.x, y, inner.width, 1),
        );
        return;
    };
    let mut style = theme.accent();
    if view.feature.reversed(view.now_ms) {
        style = style.add_modifier(Modifier::REVERSED);
    }
    let mut go = BoardText::GoTo(call_window(lang, call)).text(lang);
    if call.kind == AnnounceKind::Recall {
        go = format!("{go}  ({})", BoardText::Again.text(lang));
    }
    let (cols, rows) = (inner.width as usize, inner.height as usize);
    let mut lines: Vec<Line> = match scale_for(&call.ticket, cols.saturating_sub(2), rows) {
        Some(scale) => big_lines_scaled(&call.ticket, scale, theme.ascii)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style)))
            .collect(),
        None => vec![Line::from(Span::styled(call.ticket.clone(), style))],
    };
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        go,
        style.add_modifier(Modifier::BOLD),
    )));
    let top = inner.y + (inner.height.saturating_sub(lines.len() as u16)) / 2;
    let height = (lines.len() as u16).min(inner.height);
    if view.feature.reversed(view.now_ms) {
        // The whole box flashes, not only the ink.
        frame.render_widget(Paragraph::new("").style(style), inner);
    }
    frame.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center),
        Rect::new(inner.x, top, inner.width, height),
    );
}

fn clock_of(at: i64, offset_s: i32) -> String {
    crate::domain::clock::local_with_offset(at, offset_s)
        .format("%H:%M")
        .to_string()
}

fn recent_calls(frame: &mut Frame, area: Rect, view: &BoardView, theme: &Theme) {
    let lang = view.lang;
    let block = theme.block(BoardText::RecentCalls.text(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = inner.width as usize;
    let shown = view.feature.shown().map(|c| c.id);
    let listed = || view.data.calls.iter().filter(|c| Some(c.id) != shown);
    // Room for the recall mark only when a recall is listed.
    let mark = if listed().any(|c| c.kind == AnnounceKind::Recall) {
        width(&BoardText::Again.text(lang)) + 1
    } else {
        0
    };
    let window_cols = cols.saturating_sub(13 + mark).max(4);
    let mut lines = Vec::new();
    for call in listed() {
        if lines.len() >= inner.height as usize {
            break;
        }
        let again = if call.kind == AnnounceKind::Recall {
            BoardText::Again.text(lang)
        } else {
            String::new()
        };
        // ticket, window, the recall mark, time: the time keeps its place at the right.
        let text = format!(
            "{} {}{} {}",
            fit(&call.ticket, 6),
            fit(&call_window(lang, call), window_cols),
            crate::domain::text::fit_right(&again, mark),
            clock_of(call.at, view.offset_s)
        );
        let style = if view.feature.is_waiting(call.id) {
            theme.accent()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(fit(&text, cols), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn state_text(lang: Lang, state: &WindowState) -> String {
    match state {
        WindowState::Serving(ticket) => BoardText::Serving(ticket.clone()).text(lang),
        WindowState::Open => BoardText::Open.text(lang),
        WindowState::Paused(reason) => BoardText::Paused(reason.text(lang)).text(lang),
        WindowState::Closed => BoardText::Closed.text(lang),
    }
}

fn cell_text(lang: Lang, w: &WindowLine) -> String {
    format!(
        "{} {}",
        window_name(lang, &w.code, w.label.as_deref()),
        state_text(lang, &w.state)
    )
}

/// Rows of the window box and cells per row, for `cols` columns inside it.
fn window_grid(view: &BoardView, cols: usize) -> (usize, usize) {
    let widest = view
        .data
        .windows
        .iter()
        .map(|w| width(&cell_text(view.lang, w)))
        .max()
        .unwrap_or(10)
        + 3;
    let per_row = (cols / widest).max(1);
    let rows = view.data.windows.len().div_ceil(per_row).clamp(1, 6);
    (rows, per_row)
}

fn window_states(frame: &mut Frame, area: Rect, view: &BoardView, theme: &Theme, per_row: usize) {
    let lang = view.lang;
    let block = theme.block(BoardText::Windows.text(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cell = (inner.width as usize / per_row).max(1);
    let mut lines = Vec::new();
    for row in view.data.windows.chunks(per_row) {
        let spans: Vec<Span> = row
            .iter()
            .map(|w| {
                let style = match w.state {
                    WindowState::Serving(_) => theme.accent(),
                    WindowState::Open => Style::default(),
                    WindowState::Paused(_) => theme.priority(),
                    WindowState::Closed => theme.dim(),
                };
                Span::styled(fit(&cell_text(lang, w), cell), style)
            })
            .collect();
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn waiting_line(frame: &mut Frame, area: Rect, view: &BoardView, theme: &Theme) {
    let lang = view.lang;
    let counts: Vec<String> = view
        .data
        .waiting
        .iter()
        .map(|(service, n)| BoardText::WaitingCount(*service, *n).text(lang))
        .collect();
    let text = format!(" {}{}", BoardText::Waiting.text(lang), counts.join("   "));
    frame.render_widget(
        Paragraph::new(Span::styled(fit(&text, area.width as usize), theme.info())),
        area,
    );
}
