//! The legal-aid applications screen (`[aid]`, SPEC §10): overdue first in the warning
//! colour, then pending with the days left, supplementing with their deadline, and granted
//! awaiting assignment; below, how the selected application's due date was counted. Names are
//! masked (SPEC §4).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::form::{centered, form_box};
use super::Theme;
use crate::app::state::{AidFormKind, AidQuestion, AidView, State};
use crate::domain::aid::AidState;
use crate::domain::text::{fit, width};
use crate::i18n::aid::AidText;
use crate::i18n::{Lang, Words};
use crate::keymap::{Keymap, Mode};
use crate::service::aid::AidRow;

/// Lines kept for the selected application's details.
const DETAIL_ROWS: u16 = 5;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    view: &AidView,
    keymap: &Keymap,
    theme: &Theme,
) {
    let lang = state.lang;
    frame.render_widget(Clear, area);
    let [head, list, details] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(DETAIL_ROWS + 1),
    ])
    .areas(area);
    let cols = area.width as usize;
    let open = view.rows.iter().filter(|r| r.app.state.is_open()).count();
    let overdue = view.rows.iter().filter(|r| r.overdue).count();
    let title = AidText::Title { open, overdue }.text(lang);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(fit(&title, cols), theme.accent())),
            Line::from(Span::styled(fit(&header(lang), cols), theme.dim())),
        ]),
        head,
    );
    let visible = list.height as usize;
    let start = view.selected.saturating_sub(visible.saturating_sub(1));
    let mut lines: Vec<Line> = view
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(visible)
        .map(|(i, row)| {
            let style = if i == view.selected {
                theme.selected()
            } else if row.overdue {
                theme.urgent()
            } else if row.app.state.is_open() {
                Style::default()
            } else {
                theme.dim()
            };
            Line::from(Span::styled(fit(&row_text(i, row, lang), cols), style))
        })
        .collect();
    if view.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            AidText::Empty.text(lang),
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), list);
    let mut detail_lines = vec![Line::from(Span::styled("-".repeat(cols), theme.dim()))];
    if let Some(row) = view.selected_row() {
        let first = format!(
            " {} {} {}",
            row.app.ticket,
            row.app.applicant,
            row.app.matter.label(lang)
        );
        detail_lines.push(Line::from(Span::styled(fit(&first, cols), theme.accent())));
        for text in row.details().into_iter().take(DETAIL_ROWS as usize - 1) {
            let style = if matches!(text, AidText::DueExplained(ref d) if d.unpublished) {
                theme.error()
            } else {
                Style::default()
            };
            detail_lines.push(Line::from(Span::styled(
                fit(&format!(" {}", text.text(lang)), cols),
                style,
            )));
        }
    }
    frame.render_widget(Paragraph::new(detail_lines), details);
    if let Some((kind, _, ticket, form)) = &view.form {
        let title = match kind {
            AidFormKind::Refuse => AidText::RefuseTitle(ticket.clone()),
            AidFormKind::Supplement => AidText::SupplementTitle(ticket.clone()),
            AidFormKind::Assign => AidText::AssignTitle(ticket.clone()),
            AidFormKind::Advance => AidText::AdvanceTitle(ticket.clone()),
        };
        let intro = super::chrome::form_keys_sentence(keymap, Mode::Form, lang);
        form_box(
            frame,
            area,
            &title.text(lang),
            Some(&intro),
            form,
            lang,
            theme,
        );
    }
    if let Some((question, _, ticket)) = &view.question {
        let text = match question {
            AidQuestion::Grant => AidText::ConfirmGrant(ticket.clone()),
            AidQuestion::Materials => AidText::ConfirmMaterials(ticket.clone()),
            AidQuestion::Withdraw => AidText::ConfirmWithdraw(ticket.clone()),
        };
        ask(frame, area, &text.text(lang), state, keymap, theme);
    }
}

/// Column widths of a row (each ends in a space), the marks taking the rest.
const COLUMNS: [usize; 6] = [2, 7, 7, 16, 14, 16];

fn header(lang: Lang) -> String {
    let text = AidText::Header.text(lang);
    let names: Vec<&str> = text.split('|').collect();
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        match COLUMNS.get(i) {
            Some(cols) => {
                out.push_str(&fit(name, cols - 1));
                out.push(' ');
            }
            None => out.push_str(name),
        }
    }
    out
}

/// One row: `#  ticket  name  matter  state  when  marks`, by display width.
fn row_text(i: usize, row: &AidRow, lang: Lang) -> String {
    let app = &row.app;
    let number = if i < 9 {
        format!("{}", i + 1)
    } else {
        String::new()
    };
    let mut marks = Vec::new();
    if app.advance.is_some() && app.state.awaiting_decision() {
        marks.push(AidText::AdvanceMark.text(lang));
    }
    if !app.has_id && app.state.is_open() {
        marks.push(AidText::NoIdMark.text(lang));
    }
    if row.due.as_ref().is_some_and(|d| d.unpublished) {
        marks.push(AidText::UnpublishedMark.text(lang));
    }
    let state = match (app.state, app.lapsed) {
        (AidState::Withdrawn, true) => format!("{}*", app.state.text(lang)),
        _ => app.state.text(lang),
    };
    let cells = [
        number,
        app.ticket.clone(),
        app.applicant.clone(),
        app.matter.label(lang).to_string(),
        state,
        row.when().text(lang),
    ];
    let mut out = String::new();
    for (cell, cols) in cells.iter().zip(COLUMNS) {
        out.push_str(&fit(cell, cols - 1));
        out.push(' ');
    }
    out.push_str(&marks.join(" "));
    out
}

/// A yes/no question over the list, with the keys the keymap binds.
fn ask(frame: &mut Frame, area: Rect, text: &str, state: &State, keymap: &Keymap, theme: &Theme) {
    let lang = state.lang;
    let key = |action| {
        keymap
            .keys_for(Mode::Confirm, action)
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    let keys = format!(
        "{} {}  {} {}",
        key(crate::action::Action::Submit),
        crate::keymap::action_label(crate::action::Action::Submit, lang),
        key(crate::action::Action::Back),
        crate::keymap::action_label(crate::action::Action::Back, lang),
    );
    let cols = width(text).max(width(&keys)).max(30) as u16 + 4;
    let rect = centered(area, cols.min(area.width), 4);
    frame.render_widget(Clear, rect);
    let block = theme.block("");
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(fit(text, inner.width as usize)),
            Line::from(Span::styled(keys, theme.dim())),
        ]),
        inner,
    );
}
