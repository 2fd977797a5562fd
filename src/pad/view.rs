//! What the pad draws: the center's name when idle; the question with the five levels as
//! large digits and their words; the reasons the same way; the thanks. No hint bar, no
//! status line, nothing personal — the ticket number at most (SPEC §4). At 80×24 and up the
//! digits are large; a smaller terminal gets the same choices as plain lines.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::state::{Pad, Phase};
use crate::domain::codes::{Rating, RatingReason};
use crate::domain::text::sanitize;
use crate::domain::text::{fit, truncate, width};
use crate::i18n::pad::PadText;
use crate::i18n::{Lang, Words};
use crate::ui::bigtext::big_lines;
use crate::ui::{Theme, MIN_HEIGHT, MIN_WIDTH};

/// What the pad needs besides its state: the center and the window it serves.
pub struct PadContext<'a> {
    pub center_name: &'a str,
    pub window_code: &'a str,
    pub lang: Lang,
    pub theme: &'a Theme,
}

fn centred(text: &str, cols: usize) -> String {
    let text = truncate(text, cols);
    let pad = cols.saturating_sub(width(&text)) / 2;
    format!("{}{text}", " ".repeat(pad))
}

fn line(text: &str, cols: usize, style: Style) -> Line<'static> {
    Line::from(Span::styled(centred(text, cols), style))
}

fn bold(style: Style) -> Style {
    style.add_modifier(Modifier::BOLD)
}

/// Colour of a level: green for 4–5, yellow for 3, red for 1–2.
fn level_style(rating: Rating, theme: &Theme) -> Style {
    match rating.level() {
        4 | 5 => theme.info(),
        3 => theme.priority(),
        _ => theme.error(),
    }
}

/// The five choices in five columns: a large digit over its words.
fn choice_columns(choices: &[(u8, String, Style)], cols: usize, ascii: bool) -> Vec<Line<'static>> {
    let column = cols / choices.len().max(1);
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new(); 6];
    for (digit, words, style) in choices {
        let glyph = big_lines(&digit.to_string(), ascii);
        for (row, text) in glyph.iter().enumerate() {
            lines[row].push(Span::styled(
                crate::domain::text::fit(&centred(text, column), column),
                *style,
            ));
        }
        lines[5].push(Span::styled(
            fit(&centred(words, column), column),
            bold(*style),
        ));
    }
    let mut out: Vec<Line> = lines.into_iter().map(Line::from).collect();
    // A line between the digits and the words.
    out.insert(5, Line::from(""));
    out
}

/// The same choices as plain lines, for a terminal below 80×24.
fn choice_lines(choices: &[(u8, String, Style)], cols: usize) -> Vec<Line<'static>> {
    let texts: Vec<String> = choices
        .iter()
        .map(|(digit, words, _)| format!("{digit}  {words}"))
        .collect();
    // One block, centred as a whole, so the digits stand in a column.
    let block = texts.iter().map(|t| width(t)).max().unwrap_or(0).min(cols);
    let indent = " ".repeat(cols.saturating_sub(block) / 2);
    texts
        .iter()
        .zip(choices)
        .map(|(text, (_, _, style))| {
            Line::from(Span::styled(
                format!("{indent}{}", truncate(text, block)),
                bold(*style),
            ))
        })
        .collect()
}

fn rating_choices(lang: Lang, theme: &Theme) -> Vec<(u8, String, Style)> {
    Rating::ALL
        .iter()
        .map(|r| (r.level(), r.label(lang).to_string(), level_style(*r, theme)))
        .collect()
}

fn reason_choices(lang: Lang, theme: &Theme) -> Vec<(u8, String, Style)> {
    RatingReason::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| (i as u8 + 1, r.label(lang).to_string(), theme.accent()))
        .collect()
}

pub fn render(frame: &mut Frame, pad: &Pad, context: &PadContext) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let cols = area.width as usize;
    let large = area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT;
    let lang = context.lang;
    let theme = context.theme;
    let name = sanitize(context.center_name);
    let mut lines: Vec<Line> = Vec::new();
    let question = |lines: &mut Vec<Line>, title: PadText, ticket: &str, hint: PadText, choices| {
        lines.push(line(&name, cols, theme.dim()));
        lines.push(Line::from(""));
        lines.push(line(&title.text(lang), cols, bold(theme.accent())));
        lines.push(line(
            &PadText::Ticket(sanitize(ticket)).text(lang),
            cols,
            theme.dim(),
        ));
        lines.push(Line::from(""));
        if large {
            lines.extend(choice_columns(choices, cols, theme.ascii));
        } else {
            lines.extend(choice_lines(choices, cols));
        }
        lines.push(Line::from(""));
        lines.push(line(&hint.text(lang), cols, Style::default()));
    };
    match &pad.phase {
        Phase::Idle { note } => {
            lines.push(Line::from(""));
            lines.push(line(&name, cols, bold(theme.accent())));
            lines.push(Line::from(""));
            lines.push(line(
                &PadText::Welcome.text(lang),
                cols,
                bold(Style::default()),
            ));
            lines.push(Line::from(""));
            lines.push(line(&PadText::IdleHint.text(lang), cols, theme.dim()));
            if let Some((text, _)) = note {
                lines.push(Line::from(""));
                lines.push(line(&text.text(lang), cols, bold(theme.priority())));
            }
        }
        Phase::Prompt { ticket, .. } => question(
            &mut lines,
            PadText::Prompt,
            ticket,
            PadText::PromptHint,
            &rating_choices(lang, theme),
        ),
        Phase::Reason { ticket, .. } => question(
            &mut lines,
            PadText::ReasonPrompt,
            ticket,
            PadText::ReasonHint,
            &reason_choices(lang, theme),
        ),
        Phase::Thanks { poor, .. } => {
            lines.push(Line::from(""));
            lines.push(line(&name, cols, theme.dim()));
            lines.push(Line::from(""));
            let text = if *poor {
                PadText::ThanksPoor {
                    days: pad.followup_days,
                }
            } else {
                PadText::Thanks
            };
            lines.push(line(&text.text(lang), cols, bold(theme.info())));
        }
    }
    // Vertically centred; the window's code sits in the bottom corner.
    let height = lines.len() as u16;
    let [_, body, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height.min(area.height)),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines), body);
    if area.height > height + 1 {
        let corner = Rect {
            y: area.bottom().saturating_sub(1),
            height: 1,
            ..area
        };
        let code = sanitize(context.window_code);
        let text = format!("{:>width$} ", code, width = cols.saturating_sub(1));
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(truncate(&text, cols), theme.dim()))),
            corner,
        );
    }
}
