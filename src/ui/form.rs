//! Forms: the first-start and sign-in screens, and the form overlays (intake, finish, refer,
//! return). A label column, then the value; choices show their number so digits pick them.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::Theme;
use crate::app::form::{FieldKind, Form};
use crate::app::state::State;
use crate::domain::text::{displayable, fit, fit_right, tail, width};
use crate::i18n::screen::ScreenText;
use crate::i18n::{Lang, Words};

const LABEL_COLS: usize = 16;

/// The lines of a form, `cols` wide.
pub fn form_lines<'a>(form: &Form, lang: Lang, theme: &Theme, cols: usize) -> Vec<Line<'a>> {
    let value_cols = cols.saturating_sub(LABEL_COLS + 1);
    let mut lines = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        if field.hidden {
            continue;
        }
        let focused = i == form.focus;
        let label = fit_right(field.label(lang), LABEL_COLS);
        let value = match &field.kind {
            FieldKind::Text { secret: true, .. } => {
                "*".repeat(field.value.chars().count().min(value_cols))
            }
            FieldKind::Text { .. } => {
                // Show the end of a long value (one column kept for the cursor) so the cursor
                // position stays visible.
                let text = &field.value;
                if width(text) >= value_cols {
                    tail(text, value_cols.saturating_sub(1))
                } else {
                    text.clone()
                }
            }
            FieldKind::Choice { options, selected } => match options.get(*selected) {
                Some(option) => format!(
                    "<{}.{}> ({}/{})",
                    selected + 1,
                    option.label(lang),
                    selected + 1,
                    options.len()
                ),
                None => String::new(),
            },
        };
        let cursor = if focused && field.is_text() { "_" } else { "" };
        let value_style = if focused {
            theme.focus()
        } else if field.masked {
            // A stored value shown masked: on record, not typed here.
            theme.dim()
        } else {
            ratatui::style::Style::default()
        };
        let mut spans = vec![
            Span::styled(label, if focused { theme.accent() } else { theme.dim() }),
            Span::raw(" "),
        ];
        let caret = field.caret();
        if focused && field.is_text() && caret < field.value.len() {
            spans.extend(caret_spans(field, caret, value_cols, value_style));
            lines.push(Line::from(spans));
            continue;
        }
        match field.hint.filter(|_| field.value.is_empty()) {
            // The example is drawn after the cursor and dim: it is not in the field.
            Some(hint) => {
                spans.push(Span::styled(cursor, value_style));
                let room = value_cols.saturating_sub(width(cursor));
                spans.push(Span::styled(
                    fit(&format!(" {}", hint.text(lang)), room),
                    theme.dim(),
                ));
            }
            None => spans.push(Span::styled(
                fit(&format!("{value}{cursor}"), value_cols),
                value_style,
            )),
        }
        lines.push(Line::from(spans));
    }
    if let Some(error) = form.error.as_ref().map(|e| e.text(lang)) {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(fit(&error, cols), theme.error())));
    } else if let Some(note) = &form.note {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            fit(&note.text(lang), cols),
            theme.info(),
        )));
    }
    lines
}

/// A focused text value with the caret inside it: the character under the caret drawn
/// reversed, and as much on either side as fits (a long value scrolls to keep the caret in
/// view). A secret shows one `*` per character, the caret among them.
fn caret_spans<'a>(
    field: &crate::app::form::Field,
    caret: usize,
    cols: usize,
    style: ratatui::style::Style,
) -> Vec<Span<'a>> {
    let secret = matches!(field.kind, FieldKind::Text { secret: true, .. });
    let (before, rest) = field.value.split_at(caret);
    let at = unicode_segmentation::UnicodeSegmentation::graphemes(rest, true)
        .next()
        .unwrap_or("");
    let after = &rest[at.len()..];
    let shown = |text: &str| -> String {
        if secret {
            "*".repeat(text.chars().count())
        } else {
            displayable(text).into_owned()
        }
    };
    let (before, at, after) = (shown(before), shown(at), shown(after));
    let at = if at.trim().is_empty() || width(&at) == 0 {
        " ".to_string()
    } else {
        at
    };
    // A wide character in a one-column value: cut like any other text.
    let at = if width(&at) > cols {
        fit(&at, cols)
    } else {
        at
    };
    let room = cols.saturating_sub(width(&at));
    let before = if width(&before) + width(&after) <= room {
        // Through `tail` even when it all fits: it leaves out clusters that draw nothing.
        tail(&before, room)
    } else {
        // Too long for the row: the text before the caret takes what the text after leaves,
        // but at least half, so the caret never sits at the edge.
        tail(&before, room.saturating_sub(width(&after)).max(room / 2))
    };
    let right = room.saturating_sub(width(&before));
    vec![
        Span::styled(before, style),
        Span::styled(at, style.add_modifier(ratatui::style::Modifier::REVERSED)),
        Span::styled(fit(&after, right), style),
    ]
}

/// A centred rectangle of at most `cols`×`rows` inside `area`.
pub fn centered(area: Rect, cols: u16, rows: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(rows.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(cols.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Renders `form` in a bordered box titled `title`, centred in `area`.
pub fn form_box(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    intro: Option<&str>,
    form: &Form,
    lang: Lang,
    theme: &Theme,
) {
    let intro: Vec<String> = intro.map(str::to_owned).into_iter().collect();
    form_box_lines(frame, area, title, &intro, form, lang, theme);
}

/// `form_box` with any number of intro lines above the fields.
pub fn form_box_lines(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    intro: &[String],
    form: &Form,
    lang: Lang,
    theme: &Theme,
) {
    let cols: u16 = 76;
    let mut body = Vec::new();
    for line in intro {
        body.push(Line::from(Span::styled(
            fit(line, cols as usize - 2),
            theme.dim(),
        )));
    }
    if !intro.is_empty() {
        body.push(Line::from(""));
    }
    body.extend(form_lines(form, lang, theme, cols as usize - 2));
    let rows = (body.len() as u16 + 2).min(area.height);
    let rect = centered(area, cols, rows);
    frame.render_widget(Clear, rect);
    let block = theme.block(format!(" {} ", displayable(title)));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(body), inner);
}

/// The idle lock covers everything: no ticket, name or queue, just who may unlock.
pub fn lock_screen(frame: &mut Frame, area: Rect, state: &State, form: &Form, theme: &Theme) {
    let lang = state.lang;
    let title = ScreenText::LockedTitle.text(lang);
    let intro = ScreenText::LockedIntro.text(lang);
    form_box(frame, area, &title, Some(&intro), form, lang, theme);
}

pub fn entry_screen(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    form: &Form,
    setup: bool,
    theme: &Theme,
) {
    let lang = state.lang;
    let (title, intro) = if setup {
        (ScreenText::SetupTitle, ScreenText::SetupIntro)
    } else {
        (ScreenText::SignInTitle, ScreenText::SignInIntro)
    };
    form_box(
        frame,
        area,
        &title.text(lang),
        Some(&intro.text(lang)),
        form,
        lang,
        theme,
    );
}
