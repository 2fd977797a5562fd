//! The modes of the UI, each with its own table in a keymap file.

/// Which key table applies. `Global` is consulted after the current mode's own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    Queue,
    Desk,
    Intake,
    Form,
    Menu,
    Help,
    Tally,
    /// The legal-aid applications screen.
    Aid,
    Confirm,
    /// The supervisor's list of 差评 follow-ups.
    FollowUps,
    /// The visitor's rating pad (`legaldesk pad`): digits only, no [global] keys.
    Pad,
    /// The waiting-hall board (`legaldesk board`).
    Board,
    /// The front desk's appointments screen (SPEC §11).
    Appointments,
}

impl Mode {
    /// Every mode, in the order `legaldesk keys` prints them.
    pub const ALL: &'static [Mode] = &[
        Mode::Global,
        Mode::Queue,
        Mode::Desk,
        Mode::Intake,
        Mode::Form,
        Mode::Menu,
        Mode::Help,
        Mode::Tally,
        Mode::Aid,
        Mode::Confirm,
        Mode::FollowUps,
        Mode::Pad,
        Mode::Board,
        Mode::Appointments,
    ];

    /// The table name in keymap files; stable, users' files depend on it.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Queue => "queue",
            Mode::Desk => "desk",
            Mode::Intake => "intake",
            Mode::Form => "form",
            Mode::Menu => "menu",
            Mode::Help => "help",
            Mode::Tally => "tally",
            Mode::Aid => "aid",
            Mode::Confirm => "confirm",
            Mode::FollowUps => "follow_ups",
            Mode::Pad => "pad",
            Mode::Board => "board",
            Mode::Appointments => "appointments",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.iter().copied().find(|m| m.name() == name)
    }

    /// Modes where a text field has focus: plain characters must reach the field, so only
    /// keys that type nothing (F-keys, named keys, ctrl-/alt- combinations) may be bound.
    pub fn has_text_field(self) -> bool {
        matches!(self, Mode::Intake | Mode::Form)
    }

    /// Whether [global] keys apply here too. Not on the rating pad: it faces the visitor, so
    /// only what its own table binds may do anything (no F10 quit, no language switch).
    pub fn inherits_global(self) -> bool {
        self != Mode::Pad
    }

    /// Position in `ALL`, used to index per-mode tables.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_index_matches_all() {
        for (i, mode) in Mode::ALL.iter().enumerate() {
            assert_eq!(Mode::from_name(mode.name()), Some(*mode));
            assert_eq!(mode.index(), i);
        }
        assert_eq!(Mode::from_name("Queue"), None);
    }
}
