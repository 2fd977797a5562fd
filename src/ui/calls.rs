//! "Was I called?" (我没听到叫号): a ticket's calls and recalls today, each with when it was
//! announced or why not — the record that settles the question at the front desk.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::form::centered;
use super::Theme;
use crate::app::state::{CallsView, State};
use crate::domain::announce::AnnounceState;
use crate::domain::text::{fit, truncate, width};
use crate::i18n::lookup::{LookupText, StateWords};
use crate::i18n::Words;

pub fn render(frame: &mut Frame, area: Rect, state: &State, view: &CallsView, theme: &Theme) {
    let lang = state.lang;
    let zone = state.settings.zone;
    let clock = |at: i64| zone.local(at).format("%H:%M:%S").to_string();
    let cols = area.width.saturating_sub(6).clamp(20, 76) as usize;
    let mut lines = Vec::new();
    if let Some((service, status)) = view.now {
        let now = format!("{} {}", service.label(lang), status.label(lang));
        lines.push(Line::from(Span::styled(
            fit(&LookupText::Now(now).text(lang), cols),
            theme.dim(),
        )));
    }
    // Columns: time, kind, window, then what the announcer did (wrapped when long).
    let (time_w, kind_w, window_w) = (10, 8, 12);
    let state_w = cols.saturating_sub(time_w + kind_w + window_w).max(10);
    let indent = " ".repeat(time_w + kind_w + window_w);
    if view.calls.is_empty() {
        lines.push(Line::from(
            LookupText::NeverCalled(view.ticket.clone()).text(lang),
        ));
    } else {
        let header = format!(
            "{}{}{}{}",
            fit(&LookupText::ColumnTime.text(lang), time_w),
            fit(&LookupText::ColumnKind.text(lang), kind_w),
            fit(&LookupText::ColumnWindow.text(lang), window_w),
            LookupText::ColumnState.text(lang)
        );
        lines.push(Line::from(Span::styled(fit(&header, cols), theme.dim())));
    }
    let mut rows: Vec<Line> = Vec::new();
    for call in &view.calls {
        let spoken = match call.state {
            AnnounceState::Spoken(at) => clock(at),
            _ => String::new(),
        };
        let words = StateWords {
            state: call.state.clone(),
            spoken,
        }
        .text(lang);
        let style = match call.state {
            AnnounceState::Failed(_) | AnnounceState::Skipped => theme.error(),
            _ => ratatui::style::Style::default(),
        };
        for (i, part) in wrap(&words, state_w).into_iter().enumerate() {
            let lead = if i == 0 {
                format!(
                    "{}{}{}",
                    fit(&clock(call.created_at), time_w),
                    fit(&call.kind.text(lang), kind_w),
                    fit(&call.window_label, window_w)
                )
            } else {
                indent.clone()
            };
            rows.push(Line::from(Span::styled(
                fit(&format!("{lead}{part}"), cols),
                style,
            )));
        }
    }
    // The latest calls matter most when there are more than fit.
    let room = (area.height as usize).saturating_sub(6 + lines.len());
    let skip = rows.len().saturating_sub(room);
    lines.extend(rows.into_iter().skip(skip));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        LookupText::Close.text(lang),
        theme.dim(),
    )));
    let rect = centered(area, cols as u16 + 4, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = theme.block(format!(
        " {} ",
        LookupText::Title(view.ticket.clone()).text(lang)
    ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Cuts `text` into pieces of at most `cols` columns.
fn wrap(text: &str, cols: usize) -> Vec<String> {
    let mut rest = text.to_string();
    let mut parts = Vec::new();
    while width(&rest) > cols {
        let head = truncate(&rest, cols);
        if head.is_empty() {
            break;
        }
        rest = rest[head.len()..].trim_start().to_string();
        parts.push(head);
    }
    parts.push(rest);
    parts
}
