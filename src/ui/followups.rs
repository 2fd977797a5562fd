//! The supervisor's 差评 follow-up screen (回访整改, SPEC §9.4): every open follow-up with its
//! ticket, date, window, staff, level and reason, the visitor masked; overdue ones first and
//! marked (in colour and in words, for NO_COLOR and the Linux console).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::form::form_box;
use super::Theme;
use crate::app::state::{FollowUpView, State};
use crate::domain::codes::RatingBy;
use crate::domain::text::fit;
use crate::i18n::calendar::Unpublished;
use crate::i18n::followup::FollowUpText;
use crate::i18n::{Lang, Words};
use crate::service::followups::FollowUpRow;

/// Column widths: ticket, date, window, staff, rating, reason, visitor, due, late.
const COLS: [usize; 9] = [7, 11, 5, 6, 14, 12, 8, 12, 5];

fn row_text(cells: [String; 9]) -> String {
    cells
        .iter()
        .zip(COLS)
        .map(|(cell, cols)| fit(cell, cols - 1))
        .collect::<Vec<_>>()
        .join(" ")
}

fn reason_text(row: &FollowUpRow, lang: Lang) -> String {
    match (row.reason, row.reason_note.is_empty()) {
        (Some(reason), true) => reason.label(lang).to_string(),
        (Some(reason), false) => format!("{}:{}", reason.label(lang), row.reason_note),
        (None, _) => FollowUpText::NoReason.text(lang),
    }
}

fn cells(row: &FollowUpRow, lang: Lang) -> [String; 9] {
    [
        row.ticket.clone(),
        row.date.clone(),
        row.window.clone().unwrap_or_else(|| "-".into()),
        row.staff.clone().unwrap_or_else(|| "-".into()),
        row.rating
            .map(|r| format!("{} {}", r.level(), r.label(lang)))
            .unwrap_or_default(),
        reason_text(row, lang),
        row.visitor.clone(),
        // `?`: counted without a published holiday calendar (the detail line says so).
        format!(
            "{}{}",
            row.due.format("%Y-%m-%d"),
            if row.due_unpublished { "?" } else { "" }
        ),
        if row.overdue {
            FollowUpText::Late.text(lang)
        } else {
            String::new()
        },
    ]
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, view: &FollowUpView, theme: &Theme) {
    let lang = state.lang;
    frame.render_widget(Clear, area);
    let [head, columns, body, detail, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let cols = area.width as usize;
    let title = format!(
        " {}  {}",
        FollowUpText::Title.text(lang),
        FollowUpText::Counts {
            open: view.rows.len(),
            overdue: view.overdue(),
        }
        .text(lang)
    );
    let title_style = if view.overdue() > 0 {
        theme.error()
    } else {
        theme.accent()
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(fit(&title, cols), title_style))),
        head,
    );
    let header = row_text([
        FollowUpText::Ticket.text(lang),
        FollowUpText::Date.text(lang),
        FollowUpText::Window.text(lang),
        FollowUpText::Staff.text(lang),
        FollowUpText::Level.text(lang),
        FollowUpText::Reason.text(lang),
        FollowUpText::Visitor.text(lang),
        FollowUpText::Due.text(lang),
        String::new(),
    ]);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit(&format!(" {header}"), cols),
            theme.dim(),
        ))),
        columns,
    );
    let visible = body.height as usize;
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
                theme.error()
            } else {
                Style::default()
            };
            Line::from(Span::styled(
                fit(&format!(" {}", row_text(cells(row, lang))), cols),
                style,
            ))
        })
        .collect();
    if view.rows.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", FollowUpText::Empty.text(lang)),
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), body);
    // The selected one in full: who rated, and the whole reason.
    if let Some(row) = view.rows.get(view.selected) {
        let by = row.by.unwrap_or(RatingBy::Staff).label(lang);
        let mut text = format!(
            " {} {}  {}  {}",
            row.ticket,
            row.date,
            by,
            reason_text(row, lang)
        );
        if row.due_unpublished {
            text.push_str(&format!("  {}?", Unpublished.text(lang)));
        }
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(fit(&text, cols), theme.accent()))),
            detail,
        );
    }
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit(&format!(" {}", FollowUpText::ListGuide.text(lang)), cols),
            theme.dim(),
        ))),
        foot,
    );
    if let Some((_, ticket, form)) = &view.closing {
        form_box(
            frame,
            area,
            &FollowUpText::CloseTitle(ticket.clone()).text(lang),
            Some(&FollowUpText::CloseGuide.text(lang)),
            form,
            lang,
            theme,
        );
    }
}
