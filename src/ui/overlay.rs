//! Overlays on the main view: help (generated from the keymap), forms, confirmations and the
//! ticket just issued.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::bigtext::big_lines;
use super::form::{centered, form_box, form_box_lines};
use super::Theme;
use crate::app::state::{FormKind, Overlay, Pending, SlipState, State};
use crate::domain::text::{displayable, fit, width};
use crate::i18n::confirm::ConflictQuestion;
use crate::i18n::lookup::LookupText;
use crate::i18n::overlay::OverlayText;
use crate::i18n::pause::PauseText;
use crate::i18n::print::PrintMsg;
use crate::i18n::visitor::VisitorText;
use crate::i18n::Words;
use crate::keymap::{action_label, Keymap, Mode};

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    overlay: &Overlay,
    keymap: &Keymap,
    theme: &Theme,
) {
    let lang = state.lang;
    match overlay {
        Overlay::Help(_) => help(frame, area, state, keymap, theme),
        Overlay::Form {
            kind: FormKind::EditVisitor,
            step_id,
            form,
            ..
        } => {
            let ticket = step_id
                .and_then(|id| ticket_of(state, id))
                .unwrap_or_default();
            let title = VisitorText::FormTitle { ticket }.text(lang);
            let intro = [
                super::chrome::form_keys_sentence(keymap, state.mode(), lang),
                VisitorText::MaskedHint.text(lang),
            ];
            form_box_lines(frame, area, &title, &intro, form, lang, theme);
        }
        Overlay::Form {
            kind,
            service,
            form,
            ..
        } => {
            let title = match kind {
                FormKind::Intake => OverlayText::IntakeTitle.text(lang),
                FormKind::Finish => OverlayText::FinishTitle(*service).text(lang),
                FormKind::Refer => OverlayText::ReferTitle.text(lang),
                FormKind::Return => OverlayText::ReturnTitle.text(lang),
                FormKind::UnmaskReason => OverlayText::UnmaskReasonTitle.text(lang),
                FormKind::ChangePin => OverlayText::ChangePinTitle.text(lang),
                // Drawn by its own arm above.
                FormKind::EditVisitor => String::new(),
                FormKind::PauseWindow => PauseText::FormTitle.text(lang),
                FormKind::LookupTicket => LookupText::FormTitle.text(lang),
            };
            let ticket = state
                .current()
                .map(|t| t.row.ticket.clone())
                .unwrap_or_default();
            let title = if matches!(kind, FormKind::Finish | FormKind::Refer | FormKind::Return) {
                format!("{title} {ticket}")
            } else {
                title
            };
            let intro = super::chrome::form_keys_sentence(keymap, state.mode(), lang);
            form_box(frame, area, &title, Some(&intro), form, lang, theme);
        }
        Overlay::Confirm(pending) => {
            // The day close is asked over the tally it was asked from.
            if let Pending::CloseDay {
                tally: Some(view), ..
            } = pending
            {
                super::tally::render(frame, area, state, view, theme);
            }
            confirm(frame, area, state, pending, theme)
        }
        Overlay::Tally(view) => super::tally::render(frame, area, state, view, theme),
        Overlay::Aid(view) => super::aid::render(frame, area, state, view, keymap, theme),
        Overlay::FollowUps(view) => super::followups::render(frame, area, state, view, theme),
        Overlay::Calls(view) => super::calls::render(frame, area, state, view, theme),
        Overlay::Appointments(view) => super::appointments::render(frame, area, state, view, theme),
        Overlay::Unmasked(record) => {
            let id_type = record.id_type.map(|t| t.label(lang)).unwrap_or("");
            let rows = [
                (
                    OverlayText::LabelTicket,
                    format!("{} {}", record.business_date, record.ticket),
                ),
                (OverlayText::LabelName, record.name.clone()),
                (OverlayText::LabelPhone, record.phone.clone()),
                (
                    OverlayText::LabelId,
                    format!("{id_type} {}", record.id_number),
                ),
                (
                    OverlayText::LabelAdverse,
                    format!("{} {}", record.adverse_name, record.adverse_id),
                ),
                (OverlayText::LabelSummary, record.summary.clone()),
            ];
            let mut lines: Vec<Line> = rows
                .into_iter()
                .map(|(label, value)| {
                    Line::from(vec![
                        Span::styled(
                            crate::domain::text::fit_right(&label.text(lang), 12),
                            theme.dim(),
                        ),
                        Span::raw(format!(" {}", fit(&value, 56))),
                    ])
                })
                .collect();
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                OverlayText::UnmaskedFooter.text(lang),
                theme.dim(),
            )));
            boxed(
                frame,
                area,
                &OverlayText::UnmaskedTitle.text(lang),
                lines,
                theme,
            );
        }
        Overlay::Issued(issued) => {
            let mut lines = vec![Line::from(Span::styled(
                OverlayText::Issued {
                    ticket: issued.ticket.clone(),
                    service: issued.service,
                }
                .text(lang),
                theme.accent(),
            ))];
            lines.push(Line::from(""));
            lines.extend(
                big_lines(&issued.ticket, theme.ascii)
                    .into_iter()
                    .map(Line::from),
            );
            // Whether the slip printed: the ticket stands either way.
            if let Some(slip) = state.slip.as_ref().filter(|s| s.ticket == issued.ticket) {
                let (text, style) = match &slip.state {
                    SlipState::Printing => (PrintMsg::SlipPrinting.text(lang), theme.dim()),
                    SlipState::Printed => (
                        PrintMsg::SlipPrinted {
                            ticket: slip.ticket.clone(),
                        }
                        .text(lang),
                        theme.accent(),
                    ),
                    SlipState::Failed(e) => (
                        PrintMsg::SlipFailed {
                            ticket: slip.ticket.clone(),
                            reason: e.message(lang),
                        }
                        .text(lang),
                        theme.error(),
                    ),
                };
                lines.push(Line::from(""));
                let room = usize::from(area.width.saturating_sub(8)).clamp(20, 60);
                for part in crate::print::layout::wrap(&text, room) {
                    lines.push(Line::from(Span::styled(part, style)));
                }
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                OverlayText::BackKeys.text(lang),
                theme.dim(),
            )));
            boxed(
                frame,
                area,
                &OverlayText::IssuedTitle.text(lang),
                lines,
                theme,
            );
        }
    }
}

/// Lines in a centred box as wide as the widest (at most the area). Every span is made
/// displayable first: tickets and dates here come from the database.
fn boxed(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, theme: &Theme) {
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| {
            let spans: Vec<Span> = line
                .spans
                .into_iter()
                .map(|span| Span::styled(displayable(&span.content).into_owned(), span.style))
                .collect();
            Line::from(spans).style(line.style)
        })
        .collect();
    let widest = lines
        .iter()
        .map(|l| l.spans.iter().map(|s| width(&s.content)).sum::<usize>())
        .max()
        .unwrap_or(20)
        .max(30);
    let cols = u16::try_from(widest.saturating_add(4)).unwrap_or(u16::MAX);
    let rows = u16::try_from(lines.len().saturating_add(2)).unwrap_or(u16::MAX);
    let rect = centered(area, cols, rows);
    frame.render_widget(Clear, rect);
    let block = theme.block(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn confirm(frame: &mut Frame, area: Rect, state: &State, pending: &Pending, theme: &Theme) {
    let lang = state.lang;
    let mut lines = Vec::new();
    match pending {
        Pending::PickUp { hints, .. } => {
            lines.push(Line::from(Span::styled(
                OverlayText::ConflictHint.text(lang),
                theme.error(),
            )));
            for hint in hints {
                lines.push(Line::from(format!(
                    "  {} {} {}",
                    hint.business_date,
                    hint.ticket,
                    hint.service.label(lang)
                )));
            }
            lines.push(Line::from(""));
            // The front desk calls a ticket; only a desk picks a referral up.
            let question = if state.is_desk() {
                ConflictQuestion::PickUp
            } else {
                ConflictQuestion::Call
            };
            lines.push(Line::from(question.text(lang)));
        }
        Pending::Cancel { ticket, .. } => {
            lines.push(Line::from(
                OverlayText::CancelAsk {
                    ticket: ticket.clone(),
                }
                .text(lang),
            ));
            lines.push(Line::from(OverlayText::ConfirmKeys.text(lang)));
        }
        Pending::WhilePaused { pick_up, .. } => {
            let ask = if *pick_up {
                PauseText::AskPickUpWhilePaused
            } else {
                PauseText::AskCallWhilePaused
            };
            lines.push(Line::from(Span::styled(ask.text(lang), theme.priority())));
            lines.push(Line::from(PauseText::AskKeys.text(lang)));
        }
        Pending::Quit(_) => {
            lines.push(Line::from(OverlayText::QuitAsk.text(lang)));
            lines.push(Line::from(OverlayText::QuitKeys.text(lang)));
        }
        Pending::CloseDay { date, open, .. } => {
            lines.push(Line::from(
                OverlayText::CloseDayAsk { date: *date }.text(lang),
            ));
            if open.is_empty() {
                lines.push(Line::from(OverlayText::CloseDayNoneOpen.text(lang)));
            } else {
                lines.push(Line::from(Span::styled(
                    OverlayText::CloseDayOpen(open.len()).text(lang),
                    theme.error(),
                )));
                for chunk in open.chunks(10) {
                    lines.push(Line::from(format!("  {}", chunk.join(" "))));
                }
            }
            lines.push(Line::from(""));
            lines.push(Line::from(OverlayText::CloseDayKeys.text(lang)));
        }
    }
    boxed(
        frame,
        area,
        &OverlayText::ConfirmTitle.text(lang),
        lines,
        theme,
    );
}

/// Help lists the bindings of the mode the user came from and of [global], from the keymap.
fn help(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap, theme: &Theme) {
    let lang = state.lang;
    let over_appointments = matches!(
        &state.overlay,
        Some(Overlay::Help(Some(covered))) if matches!(**covered, Overlay::Appointments(_))
    );
    let mode = if over_appointments {
        Mode::Appointments
    } else if state.is_desk() {
        Mode::Desk
    } else if state.actor.is_some() {
        Mode::Queue
    } else {
        Mode::Form
    };
    let mut entries: Vec<(String, String)> = Vec::new();
    for (key, action) in keymap
        .bindings(mode)
        .into_iter()
        .chain(keymap.bindings(Mode::Global))
    {
        // The nine row shortcuts read as one line: "1-9  row N".
        let (key, label) = match action.select_index() {
            Some(0) => (format!("{key}-9"), OverlayText::HelpRowN.text(lang)),
            Some(_) => continue,
            None => (key, action_label(action, lang).to_string()),
        };
        match entries.iter_mut().find(|(_, l)| *l == label) {
            Some((keys, _)) => {
                if keys.split(' ').count() < 3 {
                    keys.push(' ');
                    keys.push_str(&key);
                }
            }
            None => entries.push((key, label)),
        }
    }
    let rows = area.height.saturating_sub(4) as usize;
    let per_column = rows.max(1);
    let col_width = 38usize;
    let mut lines: Vec<String> = vec![String::new(); per_column.min(entries.len()).max(1)];
    for (i, (keys, label)) in entries.iter().enumerate() {
        let line = &mut lines[i % per_column];
        line.push_str(&fit(&format!("{} {}", fit(keys, 16), label), col_width));
    }
    let mut out: Vec<Line> = lines.into_iter().map(Line::from).collect();
    let width = col_width * 2;
    for words in [OverlayText::HelpTextKeys, OverlayText::HelpFooter] {
        out.push(Line::from(Span::styled(
            fit(&words.text(lang), width),
            theme.dim(),
        )));
    }
    let title = OverlayText::HelpTitle.text(lang);
    let rect = centered(area, (col_width * 2 + 2) as u16, out.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = theme.block(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(out), inner);
}

/// The ticket number of a step on screen (at this window or in the queue).
fn ticket_of(state: &State, step_id: i64) -> Option<String> {
    state
        .view
        .mine
        .iter()
        .map(|t| &t.row)
        .chain(state.view.queue.iter())
        .find(|r| r.step_id == step_id)
        .map(|r| r.ticket.clone())
}
