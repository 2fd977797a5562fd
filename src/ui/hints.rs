//! The hint bar, generated from the keymap so it never names a key that does not do what it
//! says. The window views need more keys than one 80-column line holds, so they get two
//! lines; the keys are chosen for the person signed in (a supervisor sees the unmask key and,
//! on the tally, the day close; a front desk does not see keys it has no use for); and when
//! the bar still cannot show every key of the screen, the help key says "all keys" so the
//! rest can be found.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::Theme;
use crate::action::Action;
use crate::app::state::{Screen, State};
use crate::domain::codes::Role;
use crate::domain::text::width;
use crate::i18n::hints::HintText;
use crate::i18n::{Lang, Words};
use crate::keymap::{action_label, Keymap, Mode};

/// Lines the hint bar takes: two on the window views (a form or the tally opened over them
/// keeps the same frame, so nothing jumps), one on the sign-in and setup screens.
pub fn rows(state: &State) -> u16 {
    match state.screen {
        Screen::Main => 2,
        Screen::Setup(_) | Screen::SignIn(_) | Screen::Locked(_) => 1,
    }
}

/// The actions worth a hint in `mode` for `role`, most important first (help leads).
pub fn hint_actions(mode: Mode, role: Option<Role>) -> Vec<Action> {
    let all: &[Action] = match mode {
        Mode::Queue => &[
            Action::Help,
            Action::IntakeNew,
            Action::CallNext,
            Action::Recall,
            Action::StartService,
            Action::FinishService,
            Action::Refer,
            Action::ReturnToFront,
            Action::MarkNoShow,
            Action::Hold,
            Action::CancelVisit,
            Action::RequeueNoShow,
            Action::PauseWindow,
            Action::LookupTicket,
            Action::OpenTally,
            Action::OpenAid,
            Action::OpenFollowUps,
            Action::OpenAppointments,
            Action::Unmask,
            Action::Quit,
        ],
        Mode::Desk => &[
            Action::Help,
            Action::PickUp,
            Action::Recall,
            Action::StartService,
            Action::FinishService,
            Action::EditVisitor,
            Action::Refer,
            Action::ReturnToFront,
            Action::MarkNoShow,
            Action::Hold,
            Action::CancelVisit,
            Action::RequeueNoShow,
            Action::PauseWindow,
            Action::LookupTicket,
            Action::OpenTally,
            Action::OpenAid,
            Action::OpenFollowUps,
            Action::Unmask,
            Action::Quit,
        ],
        Mode::Intake | Mode::Form => &[
            Action::Help,
            Action::NextField,
            Action::Submit,
            Action::ChoiceNext,
            Action::Back,
            Action::Quit,
        ],
        Mode::Confirm => &[Action::Submit, Action::Back],
        Mode::Tally => &[
            Action::Help,
            Action::Back,
            Action::TallyPrevDay,
            Action::TallyNextDay,
            Action::TallyRange,
            Action::PrintTally,
            Action::CloseDay,
            Action::Quit,
        ],
        Mode::Aid => &[
            Action::Help,
            Action::Back,
            Action::AidGrant,
            Action::AidRefuse,
            Action::AidSupplement,
            Action::AidMaterials,
            Action::AidAssign,
            Action::AidAdvance,
            Action::AidWithdraw,
            Action::AidPrint,
            Action::Quit,
        ],
        Mode::FollowUps => &[
            Action::Help,
            Action::Back,
            Action::CloseFollowUp,
            Action::SelectUp,
            Action::SelectDown,
            Action::Quit,
        ],
        // The pad draws no hint bar: a visitor sees only the digits it asks for.
        Mode::Pad => &[],
        Mode::Appointments => &[
            Action::Help,
            Action::AppointmentCheckIn,
            Action::AppointmentNew,
            Action::AppointmentFind,
            Action::AppointmentCancel,
            Action::Unmask,
            Action::AppointmentPrevDay,
            Action::AppointmentNextDay,
            Action::Back,
            Action::Quit,
        ],
        Mode::Help | Mode::Menu => &[Action::Back, Action::Quit],
        // Not screens with a hint bar: [global] keys show in every mode's bar, and the hall
        // board faces the visitors.
        Mode::Global | Mode::Board => &[],
    };
    all.iter()
        .copied()
        .filter(|action| useful(*action, role))
        .collect()
}

/// Whether `role` has a use for `action`: unmasking and closing the day are the supervisor's;
/// "return to the front desk" is for the desks, not for the front desk itself.
fn useful(action: Action, role: Option<Role>) -> bool {
    match action {
        Action::Unmask | Action::CloseDay | Action::OpenFollowUps => role == Some(Role::Supervisor),
        Action::OpenAid => matches!(role, Some(Role::DutyLawyer | Role::Supervisor)),
        Action::ReturnToFront => role != Some(Role::FrontDesk),
        _ => true,
    }
}

/// One hint: the key as the keymap names it, and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub label: String,
}

/// The hints of the current screen packed into at most `rows` lines of `cols` columns, in
/// order of importance; what does not fit is left to the help screen.
pub fn hint_lines(state: &State, keymap: &Keymap, cols: usize, rows: usize) -> Vec<Vec<Hint>> {
    let mode = state.mode();
    let lang = state.lang;
    let actions = hint_actions(mode, state.role());
    let shown = keymap.hints(mode, &actions);
    let more = hidden_actions(keymap, mode, &actions);
    let hints = shown
        .into_iter()
        .map(|(key, action)| {
            (
                action,
                Hint {
                    key,
                    label: label(action, more, lang),
                },
            )
        })
        .collect();
    arrange(hints, cols, rows)
}

/// Packs the hints in order, keeping room for the way out.
fn arrange(hints: Vec<(Action, Hint)>, cols: usize, rows: usize) -> Vec<Vec<Hint>> {
    let (quit, hints): (Vec<_>, Vec<_>) = hints
        .into_iter()
        .partition(|(action, _)| *action == Action::Quit);
    let hints = hints.into_iter().map(|(_, hint)| hint);
    // The way out is always shown, however many keys the screen has: it ends the last line
    // and other keys give way to it.
    match quit.into_iter().next() {
        Some((_, quit)) => {
            let mut lines = pack(hints, cols, rows, cost(&quit) + 1);
            append(&mut lines, quit, cols, rows);
            lines
        }
        None => pack(hints, cols, rows, 0),
    }
}

fn cost(hint: &Hint) -> usize {
    width(&hint.key) + width(&hint.label)
}

/// Puts `hint` at the end of the last line, or on a line of its own when there is room.
fn append(lines: &mut Vec<Vec<Hint>>, hint: Hint, cols: usize, rows: usize) {
    let used = lines.last().map_or(0, |line| {
        line.iter().map(cost).sum::<usize>() + line.len().saturating_sub(1)
    });
    let gap = usize::from(used > 0);
    if used + gap + cost(&hint) <= cols {
        if let Some(line) = lines.last_mut() {
            line.push(hint);
            return;
        }
    }
    if lines.len() < rows && cost(&hint) <= cols {
        lines.push(vec![hint]);
    }
}

/// The help key's label says "all keys" when the bar leaves keys of this screen out.
fn label(action: Action, more: bool, lang: Lang) -> String {
    if action == Action::Help && more {
        HintText::AllKeys.text(lang)
    } else {
        action_label(action, lang).to_string()
    }
}

/// Whether `mode` binds actions (its own or [global] ones) that `actions` leaves out.
fn hidden_actions(keymap: &Keymap, mode: Mode, actions: &[Action]) -> bool {
    keymap
        .bindings(mode)
        .into_iter()
        .chain(keymap.bindings(Mode::Global))
        .any(|(_, action)| !actions.contains(&action))
}

/// Fills lines in order: a hint that does not fit on the current line starts the next one;
/// on the last line, later (shorter) hints may still fill the gap, leaving `reserve` columns
/// at its end free.
fn pack(
    hints: impl Iterator<Item = Hint>,
    cols: usize,
    rows: usize,
    reserve: usize,
) -> Vec<Vec<Hint>> {
    let mut lines: Vec<Vec<Hint>> = vec![Vec::new()];
    let mut used = 0;
    for hint in hints {
        let cost = cost(&hint);
        let gap = usize::from(used > 0);
        let room = if lines.len() >= rows {
            cols.saturating_sub(reserve)
        } else {
            cols
        };
        if used + gap + cost <= room {
            used += gap + cost;
        } else if lines.len() < rows
            && cost
                <= if lines.len() + 1 >= rows {
                    cols.saturating_sub(reserve)
                } else {
                    cols
                }
        {
            // A new last line keeps the reserve free too.
            lines.push(Vec::new());
            used = cost;
        } else {
            continue;
        }
        if let Some(line) = lines.last_mut() {
            line.push(hint);
        }
    }
    lines
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap, theme: &Theme) {
    let lines: Vec<Line> = hint_lines(state, keymap, area.width as usize, area.height as usize)
        .into_iter()
        .map(|hints| {
            let mut spans = Vec::new();
            for (i, hint) in hints.into_iter().enumerate() {
                if i > 0 {
                    spans.push(Span::raw(" "));
                }
                spans.push(Span::styled(hint.key, theme.key()));
                spans.push(Span::raw(hint.label));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(key: &str, label: &str) -> Hint {
        Hint {
            key: key.into(),
            label: label.into(),
        }
    }

    #[test]
    fn packing_keeps_order_and_width() {
        let hints = vec![
            hint("F1", "aaaa"),
            hint("F2", "bbbb"),
            hint("F3", "cccccccc"),
            hint("F4", "d"),
            hint("F5", "eeeeeeeeeeee"),
            hint("F6", "f"),
        ];
        let lines = pack(hints.into_iter(), 14, 2, 0);
        let keys: Vec<Vec<&str>> = lines
            .iter()
            .map(|l| l.iter().map(|h| h.key.as_str()).collect())
            .collect();
        // F1aaaa F2bbbb = 13; F3cccccccc F4d = 14; F5 (14) does not fit beside them and
        // there is no third line, F6f still does not fit (14 + 1 + 3).
        assert_eq!(keys, vec![vec!["F1", "F2"], vec!["F3", "F4"]]);
        for line in &lines {
            let cols: usize = line
                .iter()
                .map(|h| width(&h.key) + width(&h.label))
                .sum::<usize>()
                + line.len().saturating_sub(1);
            assert!(cols <= 14);
        }
    }

    /// However many keys a screen has, the way out shows at 80 columns, in both languages,
    /// for every role.
    #[test]
    fn quit_always_shows_at_80_columns() {
        let keymap = Keymap::defaults();
        let roles = std::iter::once(None).chain(Role::ALL.iter().copied().map(Some));
        for role in roles {
            for mode in Mode::ALL {
                let actions = hint_actions(*mode, role);
                if !actions.contains(&Action::Quit) {
                    continue;
                }
                for lang in [Lang::Zh, Lang::En] {
                    let hints = keymap
                        .hints(*mode, &actions)
                        .into_iter()
                        .map(|(key, action)| {
                            let label = action_label(action, lang).to_string();
                            (action, Hint { key, label })
                        })
                        .collect();
                    let lines = arrange(hints, 80, 2);
                    let quit = action_label(Action::Quit, lang);
                    assert!(
                        lines.iter().flatten().any(|h| h.label == quit),
                        "{mode:?} {role:?} {lang:?}: {lines:?}"
                    );
                    assert!(lines.len() <= 2);
                    for line in &lines {
                        let used =
                            line.iter().map(cost).sum::<usize>() + line.len().saturating_sub(1);
                        assert!(used <= 80, "{line:?}");
                    }
                }
            }
        }
    }

    /// A long hint that would open the last line is not let in when it leaves no room for
    /// the way out.
    #[test]
    fn a_long_hint_never_takes_the_room_of_quit() {
        let hints = vec![
            (Action::Help, hint("F1", "aaaaaaaaaaaaa")),
            (Action::CallNext, hint("F3", "bbbbbbbbbbbbbbbb")),
            (Action::Recall, hint("F4", "cccccc")),
            (Action::Quit, hint("F10", "qq")),
        ];
        let lines = arrange(hints, 20, 2);
        let keys: Vec<Vec<&str>> = lines
            .iter()
            .map(|l| l.iter().map(|h| h.key.as_str()).collect())
            .collect();
        assert_eq!(keys, vec![vec!["F1"], vec!["F4", "F10"]]);
    }

    #[test]
    fn roles_choose_keys() {
        let clerk = hint_actions(Mode::Queue, Some(Role::FrontDesk));
        let boss = hint_actions(Mode::Queue, Some(Role::Supervisor));
        assert!(!clerk.contains(&Action::Unmask) && boss.contains(&Action::Unmask));
        assert!(!clerk.contains(&Action::ReturnToFront));
        assert!(clerk.contains(&Action::OpenTally) && boss.contains(&Action::OpenTally));
        assert!(hint_actions(Mode::Tally, Some(Role::Supervisor)).contains(&Action::CloseDay));
        assert!(!hint_actions(Mode::Tally, Some(Role::FrontDesk)).contains(&Action::CloseDay));
    }
}

/// What a screen offers must be reachable: the hint bar lists only bound actions, so an
/// action a screen offers with no default key would silently vanish from the bar and from
/// the keyboard.
#[cfg(test)]
mod default_keys {
    use super::*;

    #[test]
    fn the_default_keymap_binds_every_action_a_screen_offers() {
        let keymap = Keymap::defaults();
        let roles = std::iter::once(None).chain(Role::ALL.iter().copied().map(Some));
        let mut missing = Vec::new();
        for role in roles {
            for mode in Mode::ALL {
                // The desk view is the desk roles' main screen, the queue view everyone
                // else's (`State::mode`); other pairs never meet.
                let desk_role = role.is_some_and(|r| r.desk_service().is_some());
                if matches!(mode, Mode::Desk | Mode::Queue) && desk_role != (*mode == Mode::Desk) {
                    continue;
                }
                for action in hint_actions(*mode, role) {
                    // Own table, else [global] where the mode inherits it (not its printable
                    // keys in a text field, which type instead).
                    if keymap.keys_for(*mode, action).is_empty() {
                        missing.push(format!("[{}] {} ({role:?})", mode.name(), action.name()));
                    }
                }
            }
        }
        missing.dedup();
        assert!(missing.is_empty(), "offered but unbound: {missing:#?}");
    }
}
