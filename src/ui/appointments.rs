//! The appointments screen: a day's bookings by time with names and phones masked (SPEC §4:
//! the front-desk screen faces the hall), the search by the phone's last four digits, the
//! booking, search and check-in forms, and the question before a cancellation.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::form::{centered, form_lines};
use super::queue::short_service;
use super::Theme;
use crate::app::appointments::{AppointmentsView, ApptForm, ApptFormKind};
use crate::app::state::State;
use crate::domain::appointment::ApptState;
use crate::domain::text::{fit, width};
use crate::i18n::appointment_text::{DayTitle, ScreenNote, ScreenText};
use crate::i18n::appointments::{hhmm, ApptNote};
use crate::i18n::{Lang, Words};
use crate::service::appointments::{ApptRow, DayCounts};

/// Column widths with their one-column gap: #, time, service, name, phone, channel, state,
/// ticket (the marks take the rest). They add up to 67 of the 80 columns.
const COLS: [usize; 8] = [2, 6, 8, 6, 13, 14, 11, 7];

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    view: &AppointmentsView,
    theme: &Theme,
) {
    let lang = state.lang;
    frame.render_widget(Clear, area);
    let [head, sub, header, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(2),
    ])
    .areas(area);
    let cols = area.width as usize;
    let title = ScreenText::Title(DayTitle {
        date: view.date,
        today: view.today,
    });
    line(
        frame,
        head,
        &format!(" {}", title.text(lang)),
        theme.accent(),
        cols,
    );
    let counts = DayCounts::of(&view.rows);
    let sub_text = match &view.find {
        Some(last_four) => ScreenText::Finding {
            last_four: last_four.clone(),
            count: view.rows.len(),
        },
        None => ScreenText::Counts {
            booked: counts.booked,
            checked_in: counts.checked_in,
            missed: counts.missed,
            cancelled: counts.cancelled,
        },
    };
    let sub_style = if view.find.is_some() {
        theme.info()
    } else {
        theme.dim()
    };
    line(
        frame,
        sub,
        &format!(" {}", sub_text.text(lang)),
        sub_style,
        cols,
    );
    let columns = [
        "#".to_string(),
        ScreenText::ColTime.text(lang),
        ScreenText::ColService.text(lang),
        ScreenText::ColName.text(lang),
        ScreenText::ColPhone.text(lang),
        ScreenText::ColChannel.text(lang),
        ScreenText::ColState.text(lang),
        ScreenText::ColTicket.text(lang),
        ScreenText::ColMarks.text(lang),
    ];
    line(frame, header, &cells(&columns), theme.dim(), cols);
    table(frame, body, view, lang, theme);
    // The last action's note; else the booking a supervisor unmasked, in full, until the
    // screen is left (its row's name column is too narrow for a whole name).
    let unmasked = view.unmasked.as_ref().map(|full| {
        ScreenNote::Done(vec![ApptNote::Unmasked {
            id: full.id,
            name: full.name.clone(),
            phone: full.phone.clone(),
        }])
    });
    if let Some(note) = view.note.as_ref().or(unmasked.as_ref()) {
        let style = if note.is_error() {
            theme.error()
        } else {
            theme.info()
        };
        // Two lines: a booking's note and the missed-bookings warning both fit.
        let lines: Vec<Line> = wrap_words(&note.text(lang), cols.saturating_sub(1))
            .into_iter()
            .take(foot.height as usize)
            .map(|l| Line::from(Span::styled(format!(" {l}"), style)))
            .collect();
        frame.render_widget(Paragraph::new(lines), foot);
    }
    if let Some(open) = &view.form {
        form(frame, area, state, view, open, theme);
    } else if let Some(id) = view.confirm_cancel {
        confirm(frame, area, view, id, lang, theme);
    }
}

/// Lines of at most `cols` columns that break English between words and Chinese between
/// characters (a run of ASCII letters and digits is kept whole unless it is longer than a
/// line), so a refusal's offered times and dates are not split across lines.
fn wrap_words(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(2);
    // Tokens: a run of printable ASCII other than a space, or one other character. A number
    // keeps the character after it (`11月`, `2人`) and closing punctuation stays with what
    // it closes, so no line starts with `月` or `、`.
    let mut tokens: Vec<String> = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if c.is_ascii_graphic() {
            run.push(c);
            continue;
        }
        let glue_to_run = !run.is_empty() && c != ' ';
        if !run.is_empty() {
            tokens.push(std::mem::take(&mut run));
        }
        let closing = "、，。；：）」".contains(c);
        match tokens.last_mut() {
            Some(last) if (glue_to_run || closing) && last != " " => last.push(c),
            _ => tokens.push(c.to_string()),
        }
    }
    if !run.is_empty() {
        tokens.push(run);
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for token in tokens {
        let w = width(&token);
        if width(&line) + w > cols {
            if token == " " {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
            }
            // A token longer than a whole line is cut into line-long pieces.
            if w > cols {
                let mut pieces = crate::print::layout::wrap(&token, cols);
                line = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
                continue;
            }
        }
        if line.is_empty() && token == " " {
            continue;
        }
        line.push_str(&token);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn line(frame: &mut Frame, area: Rect, text: &str, style: Style, cols: usize) {
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(fit(text, cols), style))),
        area,
    );
}

/// The cells of a row, each fitted to its column by display width; the last takes the rest.
fn cells(values: &[String; 9]) -> String {
    let mut text = String::new();
    for (value, width) in values.iter().zip(COLS) {
        // A cell never runs into the next one: the last column of each is a gap.
        text.push_str(&fit(value, width - 1));
        text.push(' ');
    }
    text.push_str(&values[8]);
    text
}

fn row_text(index: usize, row: &ApptRow, lang: Lang) -> String {
    let number = if index < 9 {
        (index + 1).to_string()
    } else {
        String::new()
    };
    let marks: Vec<String> = row.marks().iter().map(|m| m.text(lang)).collect();
    cells(&[
        number,
        hhmm(row.time),
        short_service(row.service, lang),
        row.name.clone(),
        row.phone.clone(),
        row.channel.text(lang),
        row.state.text(lang),
        row.ticket.clone().unwrap_or_default(),
        marks.join(" "),
    ])
}

fn table(frame: &mut Frame, area: Rect, view: &AppointmentsView, lang: Lang, theme: &Theme) {
    let cols = area.width as usize;
    if view.rows.is_empty() {
        let text = match &view.find {
            Some(_) => String::new(),
            None => format!("   {}", ScreenText::Empty.text(lang)),
        };
        line(frame, area, &text, theme.dim(), cols);
        return;
    }
    let visible = area.height as usize;
    let start = view.selected.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line> = view
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(visible)
        .map(|(i, row)| {
            let style = if i == view.selected {
                theme.selected()
            } else if matches!(row.state, ApptState::Cancelled | ApptState::Missed) {
                theme.dim()
            } else if row.missed_before > 0 && row.state == ApptState::Booked {
                theme.priority()
            } else {
                Style::default()
            };
            // The booking a supervisor unmasked shows in full until the screen is left.
            let text = match &view.unmasked {
                Some(full) if full.id == row.id => {
                    let mut row = row.clone();
                    row.name = full.name.clone();
                    row.phone = full.phone.clone();
                    row_text(i, &row, lang)
                }
                _ => row_text(i, row, lang),
            };
            Line::from(Span::styled(fit(&text, cols), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn form(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    view: &AppointmentsView,
    open: &ApptForm,
    theme: &Theme,
) {
    let lang = state.lang;
    let rules = &state.settings.appointments;
    let (title, intro) = match open.kind {
        ApptFormKind::Book => (
            ScreenText::BookTitle.text(lang),
            ScreenText::BookRules {
                days: rules.days,
                hours: rules.open_hours.text(),
                slot_min: rules.slot_min,
                quota: rules.quota,
            }
            .text(lang),
        ),
        ApptFormKind::Find => (
            ScreenText::FindTitle.text(lang),
            ScreenText::FindIntro.text(lang),
        ),
        ApptFormKind::Unmask { id } => {
            let row = view.rows.iter().find(|r| r.id == id);
            let title = ScreenText::UnmaskTitle {
                time: row.map(|r| hhmm(r.time)).unwrap_or_default(),
                masked: row.map(|r| r.name.clone()).unwrap_or_default(),
            };
            (title.text(lang), ScreenText::UnmaskIntro.text(lang))
        }
        ApptFormKind::CheckIn { id } => {
            let row = view.rows.iter().find(|r| r.id == id);
            let title = ScreenText::CheckInTitle {
                time: row.map(|r| hhmm(r.time)).unwrap_or_default(),
                name: row
                    .map(|r| format!("{} {}", r.name, r.service.label(lang)))
                    .unwrap_or_default(),
            };
            let intro = ScreenText::CheckInIntro {
                before: rules.checkin_before_min,
                after: rules.checkin_after_min,
            };
            (title.text(lang), intro.text(lang))
        }
    };
    // The refusal is carried typed and put into words here, in the language on screen; it
    // is wrapped, so the free slots it offers are never cut off.
    let cols: u16 = 76;
    let inner_cols = cols as usize - 2;
    let mut body: Vec<Line> = wrap_words(&intro, inner_cols)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.dim())))
        .collect();
    body.push(Line::from(""));
    body.extend(form_lines(&open.form, lang, theme, inner_cols));
    if let Some(problem) = &open.problem {
        body.push(Line::from(""));
        let style = if problem.is_error() {
            theme.error()
        } else {
            theme.info()
        };
        for part in wrap_words(&problem.text(lang), inner_cols) {
            body.push(Line::from(Span::styled(part, style)));
        }
    }
    let rect = centered(area, cols, (body.len() as u16 + 2).min(area.height));
    frame.render_widget(Clear, rect);
    let block = theme.block(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(body), inner);
}

fn confirm(
    frame: &mut Frame,
    area: Rect,
    view: &AppointmentsView,
    id: i64,
    lang: Lang,
    theme: &Theme,
) {
    let Some(row) = view.rows.iter().find(|r| r.id == id) else {
        return;
    };
    let question = ScreenText::CancelQuestion {
        day: row.date,
        time: hhmm(row.time),
        name: format!("{} {}", row.name, row.service.label(lang)),
    };
    let lines = vec![
        Line::from(question.text(lang)),
        Line::from(""),
        Line::from(Span::styled(
            ScreenText::ConfirmKeys.text(lang),
            theme.dim(),
        )),
    ];
    let cols = lines.iter().map(|l| l.width()).max().unwrap_or(30).max(30) as u16 + 4;
    let rect = centered(area, cols, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = theme.block(format!(" {} ", ScreenText::CancelTitle.text(lang)));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_times_whole() {
        let en = wrap_words("is fully booked. Nearest free: Mon 23 Nov 08:30, 09:30", 20);
        assert_eq!(
            en,
            [
                "is fully booked.",
                "Nearest free: Mon 23",
                "Nov 08:30, 09:30"
            ]
        );
        let zh = wrap_words("已满。最近可约：11月23日（周一）08:30、09:30", 20);
        assert!(zh.iter().all(|l| width(l) <= 20), "{zh:?}");
        assert!(zh.concat().contains("08:30"));
        assert!(
            !zh.iter().any(|l| l.ends_with("08:") || l.starts_with("30")),
            "{zh:?}"
        );
        assert_eq!(wrap_words("x".repeat(25).as_str(), 10).len(), 3);
        assert_eq!(wrap_words("", 10), [""]);
    }
}
