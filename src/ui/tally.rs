//! The tally screen: the A4 printout text of the chosen date or range, scrolled, with the
//! tickets still open below it. It carries no names, phones or IDs (the tally has none).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::form::form_box;
use super::Theme;
use crate::app::state::{State, TallyView};
use crate::domain::text::fit;
use crate::i18n::tally::TallyScreenText;
use crate::i18n::Words;

pub fn render(frame: &mut Frame, area: Rect, state: &State, view: &TallyView, theme: &Theme) {
    let lang = state.lang;
    frame.render_widget(Clear, area);
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let cols = area.width as usize;
    let range = if view.from == view.to {
        view.from.to_string()
    } else {
        format!("{} ~ {}", view.from, view.to)
    };
    let title = TallyScreenText::Title {
        range,
        closed: view.closed,
    }
    .text(lang);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(fit(&title, cols), theme.accent()))),
        head,
    );
    let lines: Vec<Line> = view
        .lines
        .iter()
        .skip(view.scroll)
        .take(body.height as usize)
        .map(|l| Line::from(fit(l, cols)))
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    let open = if view.from != view.to {
        String::new()
    } else if view.open.is_empty() {
        TallyScreenText::NoneOpen.text(lang)
    } else {
        TallyScreenText::StillOpen(view.open.join(" ")).text(lang)
    };
    let style = if view.open.is_empty() {
        theme.dim()
    } else {
        theme.error()
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(fit(&open, cols), style))),
        foot,
    );
    if let Some(form) = &view.range {
        form_box(
            frame,
            area,
            &TallyScreenText::DatesTitle.text(lang),
            Some(&TallyScreenText::DatesIntro.text(lang)),
            form,
            lang,
            theme,
        );
    }
}
