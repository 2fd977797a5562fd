//! The window-queue view: this window's queues on the left; the ticket now at this window and
//! the hall summary on the right. Names are masked; the hall part carries no personal data.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{guard, Theme};
use crate::action::Action;
use crate::app::state::State;
use crate::domain::clock::local_with_offset;
use crate::domain::codes::{Service, StepStatus};
use crate::domain::text::{displayable, fit, fit_right, width};
use crate::i18n::appointment_text::BookedMark;
use crate::i18n::followup::FollowUpText;
use crate::i18n::glossary::Term;
use crate::i18n::pause::PauseText;
use crate::i18n::queue::QueueText;
use crate::i18n::{Lang, Words};
use crate::keymap::{Keymap, Mode};
use crate::service::queries::{Origin, QueueRow, WindowTicket};

pub fn main_view(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap, theme: &Theme) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(56), Constraint::Percentage(44)]).areas(area);
    let window_rows = 8;
    let [mine, hall] =
        Layout::vertical([Constraint::Length(window_rows), Constraint::Min(0)]).areas(right);
    // Each panel on its own: a defect in one leaves the others (and the keys) working.
    let lang = state.lang;
    guard::part(frame, left, lang, theme, |f| {
        queue_panel(f, left, state, theme)
    });
    guard::part(frame, mine, lang, theme, |f| {
        window_panel(f, mine, state, keymap, theme)
    });
    guard::part(frame, hall, lang, theme, |f| {
        hall_panel(f, hall, state, keymap, theme)
    });
}

/// `12分` / `1时05` (zh) or `12m` / `1h05` (en).
pub fn format_wait(seconds: i64, lang: Lang) -> String {
    QueueText::Wait { seconds }.text(lang)
}

fn marks(row: &QueueRow, lang: Lang) -> String {
    let mut text = String::new();
    if row.urgent {
        text.push_str(&QueueText::UrgentMark.text(lang));
    }
    if row.lane.is_priority() {
        text.push_str(row.lane.label(lang));
    }
    if row.booked {
        if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
        text.push_str(&BookedMark.text(lang));
    }
    text
}

fn origin_text(origin: &Option<Origin>, lang: Lang) -> String {
    match origin {
        None => String::new(),
        Some(o) => {
            let mut text = format!("{}>", short_service(o.service, lang));
            if let Some(reason) = o.reason {
                text.push_str(reason.label(lang));
            } else if !o.note.is_empty() {
                text.push_str(&o.note);
            }
            text
        }
    }
}

/// Service names short enough for a column.
pub fn short_service(service: Service, lang: Lang) -> String {
    QueueText::ShortService(service).text(lang)
}

fn queue_panel(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let lang = state.lang;
    let waiting = state
        .view
        .queue
        .iter()
        .filter(|r| r.status == StepStatus::Waiting)
        .count();
    let services: Vec<&str> = state.view.services.iter().map(|s| s.label(lang)).collect();
    let title = QueueText::QueueTitle {
        services: services.join("/"),
        waiting,
    }
    .text(lang);
    let block = theme.block(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = inner.width as usize;
    // # ticket name marks from wait
    // The wait column holds "No-show" (the glossary word) on a no-show's row.
    let (idx, ticket, name, wait) = (2, 7, 7, 7);
    let rest = cols.saturating_sub(idx + ticket + name + wait + 1);
    let mark_cols = rest.min(10);
    let from_cols = rest - mark_cols;
    let header = format!(
        "{}{}{}{}{}{}",
        fit("#", idx),
        fit(&QueueText::ColTicket.text(lang), ticket),
        fit(&QueueText::ColName.text(lang), name),
        fit(&QueueText::ColMarks.text(lang), mark_cols),
        fit(&QueueText::ColFrom.text(lang), from_cols),
        fit_right(&QueueText::ColWait.text(lang), wait),
    );
    let mut lines = vec![Line::from(Span::styled(fit(&header, cols), theme.dim()))];
    let visible = inner.height.saturating_sub(2) as usize;
    let start = state.selected.saturating_sub(visible.saturating_sub(1));
    for (i, row) in state
        .view
        .queue
        .iter()
        .enumerate()
        .skip(start)
        .take(visible)
    {
        let number = if i < 9 {
            format!("{}", i + 1)
        } else {
            String::new()
        };
        let wait_text = if row.status == StepStatus::NoShow {
            Term::NoShow.state(lang).to_string()
        } else {
            format_wait(state.now - row.queued_at, lang)
        };
        // One row that cannot be drawn shows as `…`; the others and the desk go on.
        let text = guard::row(theme, cols, || {
            guard::fault_point(&row.ticket);
            format!(
                "{}{}{}{}{}{}",
                fit(&number, idx),
                fit(&row.ticket, ticket),
                fit(&row.name, name),
                fit(&marks(row, lang), mark_cols),
                fit(&origin_text(&row.origin, lang), from_cols),
                fit_right(&wait_text, wait),
            )
        });
        let style = if i == state.selected {
            theme.selected()
        } else if row.status == StepStatus::NoShow {
            theme.dim()
        } else if row.urgent {
            theme.urgent()
        } else if row.lane.is_priority() || row.booked {
            theme.priority()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(fit(&text, cols), style)));
    }
    if state.view.queue.is_empty() {
        lines.push(Line::from(Span::styled(
            QueueText::NobodyWaiting.text(lang),
            theme.dim(),
        )));
    }
    // The selected referral's full note, where the desk reads why it came.
    if let Some(row) = state.selected_row() {
        if let Some(origin) = &row.origin {
            let detail = guard::row(theme, cols, || origin_detail(origin, lang));
            let y = inner.height.saturating_sub(1) as usize;
            while lines.len() < y {
                lines.push(Line::from(""));
            }
            lines.truncate(y);
            lines.push(Line::from(Span::styled(fit(&detail, cols), theme.accent())));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn origin_detail(origin: &Origin, lang: Lang) -> String {
    let mut text = QueueText::From(origin.service).text(lang);
    if let Some(reason) = origin.reason {
        text.push_str(&format!(" [{}]", reason.label(lang)));
    }
    if !origin.note.is_empty() {
        text.push_str(&format!(": {}", origin.note));
    }
    text
}

fn clock_of(instant: Option<i64>, state: &State) -> String {
    let offset = state.settings.zone.offset_at(state.now).local_minus_utc();
    instant
        .map(|t| local_with_offset(t, offset).format("%H:%M").to_string())
        .unwrap_or_default()
}

fn window_panel(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap, theme: &Theme) {
    let lang = state.lang;
    let code = state
        .window
        .as_ref()
        .map(|w| displayable(&w.code).into_owned());
    let title = QueueText::WindowTitle(code).text(lang);
    let block = theme.block(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = inner.width as usize;
    let mut lines = pause_lines(state, keymap, theme, cols);
    match state.view.mine.first() {
        None => lines.push(Line::from(Span::styled(
            QueueText::NoTicketHere.text(lang),
            theme.dim(),
        ))),
        Some(t) => lines.extend(guard::or_else(
            || ticket_lines(t, state, theme, cols),
            || vec![Line::from(fit(guard::ellipsis(theme), cols))],
        )),
    }
    let others: Vec<String> = state
        .view
        .mine
        .iter()
        .skip(1)
        .map(|t| format!("{}({})", t.row.ticket, t.row.status.label(lang)))
        .collect();
    if !others.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(
                &format!("{} {}", QueueText::Also.text(lang), others.join(" ")),
                cols,
            ),
            theme.dim(),
        )));
    }
    lines.truncate(inner.height as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A paused window says so at the top of its own panel, with the key that resumes it.
fn pause_lines<'a>(state: &State, keymap: &Keymap, theme: &Theme, cols: usize) -> Vec<Line<'a>> {
    let Some(pause) = &state.view.pause else {
        return Vec::new();
    };
    let lang = state.lang;
    let banner = PauseText::Banner {
        reason: pause.reason,
        note: pause.note.clone(),
    };
    let mode = if state.is_desk() {
        Mode::Desk
    } else {
        Mode::Queue
    };
    // The pause key resumes a paused window too, and is the one the person just used.
    let key = keymap
        .keys_for(mode, Action::PauseWindow)
        .into_iter()
        .chain(keymap.keys_for(mode, Action::ResumeWindow))
        .next();
    let hint = PauseText::ResumeHint {
        since: clock_of(Some(pause.since), state),
        key,
    };
    vec![
        Line::from(Span::styled(
            fit(&banner.text(lang), cols),
            theme
                .priority()
                .add_modifier(ratatui::style::Modifier::REVERSED),
        )),
        Line::from(Span::styled(fit(&hint.text(lang), cols), theme.priority())),
    ]
}

fn ticket_lines<'a>(t: &WindowTicket, state: &State, theme: &Theme, cols: usize) -> Vec<Line<'a>> {
    let lang = state.lang;
    let row = &t.row;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", displayable(&row.ticket)), theme.accent()),
        Span::raw(format!(
            "{}  {}",
            row.status.label(lang),
            row.service.label(lang)
        )),
    ])];
    let mut who = row.name.clone();
    if !t.phone.is_empty() {
        who.push_str(&format!("  {}", t.phone));
    }
    lines.push(Line::from(fit(&who, cols)));
    if !t.id_number.is_empty() {
        lines.push(Line::from(fit(&t.id_number, cols)));
    }
    let mut facts = vec![row.matter.label(lang).to_string()];
    if row.lane.is_priority() {
        facts.push(row.lane.label(lang).to_string());
    }
    if row.urgent {
        facts.push(QueueText::Urgent.text(lang));
    }
    if t.parties > 1 {
        facts.push(QueueText::Parties(t.parties).text(lang));
    }
    lines.push(Line::from(Span::styled(
        fit(&facts.join(" "), cols),
        if row.urgent {
            theme.urgent()
        } else {
            Style::default()
        },
    )));
    if let Some(origin) = &row.origin {
        lines.push(Line::from(Span::styled(
            fit(&origin_detail(origin, lang), cols),
            theme.accent(),
        )));
    } else if !t.summary.is_empty() {
        lines.push(Line::from(fit(&t.summary, cols)));
    }
    let timing = QueueText::Timing {
        called: clock_of(t.called_at, state),
        recalls: row.recalls,
    }
    .text(lang);
    lines.push(Line::from(Span::styled(fit(&timing, cols), theme.dim())));
    lines
}

/// The paused windows in as many whole entries as fit, then "…": a cut inside an entry
/// would turn W10 into W1.
fn paused_line(windows: Vec<String>, lang: Lang, cols: usize) -> String {
    for shown in (0..=windows.len()).rev() {
        let mut entries = windows[..shown].to_vec();
        if shown < windows.len() {
            entries.push("…".into());
        }
        let text = PauseText::HallPaused(entries).text(lang);
        if width(&text) <= cols {
            return text;
        }
    }
    PauseText::HallPaused(vec!["…".into()]).text(lang)
}

fn hall_panel(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap, theme: &Theme) {
    let lang = state.lang;
    let block = theme.block(QueueText::HallTitle.text(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = inner.width as usize;
    let mut lines = Vec::new();
    for load in &state.view.hall.loads {
        let text = format!(
            "{}{}{}",
            fit(load.service.label(lang), 13),
            fit_right(&QueueText::Waiting(load.waiting).text(lang), 10),
            fit_right(
                &if load.waiting > 0 {
                    format!(
                        "{}{}",
                        QueueText::Longest.text(lang),
                        format_wait(load.longest_wait_s, lang)
                    )
                } else {
                    String::new()
                },
                cols.saturating_sub(23)
            ),
        );
        let style = if load.waiting > 0 {
            Style::default()
        } else {
            theme.dim()
        };
        lines.push(Line::from(Span::styled(fit(&text, cols), style)));
    }
    if let Some((pending, overdue)) = state.view.decisions {
        let text = QueueText::Decisions { pending, overdue }.text(lang);
        lines.push(Line::from(Span::styled(
            fit(&text, cols),
            if overdue > 0 {
                theme.error()
            } else {
                theme.dim()
            },
        )));
    }
    if let Some((open, overdue)) = state.view.follow_ups {
        // The key that opens the list, as the keymap binds it (so the hint never lies).
        let key = keymap
            .keys_for(state.mode(), Action::OpenFollowUps)
            .into_iter()
            .next()
            .map(|k| format!(" [{k}]"))
            .unwrap_or_default();
        let text = format!(
            "{}{key}",
            FollowUpText::HallLine { open, overdue }.text(lang)
        );
        lines.push(Line::from(Span::styled(
            fit(&text, cols),
            if overdue > 0 {
                theme.error()
            } else {
                theme.dim()
            },
        )));
    }
    if !state.view.paused.is_empty() {
        let windows: Vec<String> = state
            .view
            .paused
            .iter()
            .map(|p| format!("{} {}", p.window_code, p.reason.text(lang)))
            .collect();
        lines.push(Line::from(Span::styled(
            fit(&paused_line(windows, lang, cols), cols),
            theme.priority(),
        )));
    }
    lines.push(Line::from(Span::styled(
        QueueText::SignedIn.text(lang),
        theme.dim(),
    )));
    let people: Vec<String> = state
        .view
        .hall
        .signed_in
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s.window.clone().unwrap_or_else(|| "-".into()),
                s.staff_name
            )
        })
        .collect();
    let mut current = String::new();
    for person in people {
        let person = fit(&person, width(&person).min(cols));
        if width(&current) + width(&person) + 2 > cols && !current.is_empty() {
            lines.push(Line::from(std::mem::take(&mut current)));
        }
        if !current.is_empty() {
            current.push_str("  ");
        }
        current.push_str(&person);
    }
    if !current.is_empty() {
        lines.push(Line::from(fit(&current, cols)));
    }
    lines.truncate(inner.height as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod paused_tests {
    use super::*;

    #[test]
    fn a_long_list_of_paused_windows_keeps_whole_codes() {
        let windows: Vec<String> = (1..=12).map(|n| format!("W{n} 会议")).collect();
        for cols in [12, 20, 33, 60] {
            let line = paused_line(windows.clone(), Lang::Zh, cols);
            assert!(width(&line) <= cols, "{line}");
            // Every entry shown is whole: none ends in the middle of its code or reason.
            let listed = line.trim_start_matches("暂停服务：");
            for entry in listed.split('、').filter(|e| *e != "…") {
                assert!(
                    windows.contains(&entry.to_string()),
                    "{entry:?} in {line:?}"
                );
            }
        }
        assert_eq!(
            paused_line(windows[..2].to_vec(), Lang::Zh, 40),
            "暂停服务：W1 会议、W2 会议"
        );
        assert!(paused_line(windows, Lang::Zh, 33).ends_with("、…"));
    }
}
