//! Every action a key can be bound to. The names are stable (SPEC §7): keymaps refer to them
//! as snake_case strings, so renaming a variant breaks users' files.

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::EnumIter,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    // Everywhere
    Help,
    Quit,
    Back,
    SignOut,
    ToggleLang,
    ChangePin,

    // The window-queue view
    IntakeNew,
    CallNext,
    CallSelected,
    Recall,
    MarkNoShow,
    RequeueNoShow,
    StartService,
    FinishService,
    Refer,
    ReturnToFront,
    PickUp,
    PickUpSelected,
    Hold,
    CancelVisit,
    SelectUp,
    SelectDown,
    SelectFirst,
    SelectLast,
    #[strum(serialize = "select_1")]
    Select1,
    #[strum(serialize = "select_2")]
    Select2,
    #[strum(serialize = "select_3")]
    Select3,
    #[strum(serialize = "select_4")]
    Select4,
    #[strum(serialize = "select_5")]
    Select5,
    #[strum(serialize = "select_6")]
    Select6,
    #[strum(serialize = "select_7")]
    Select7,
    #[strum(serialize = "select_8")]
    Select8,
    #[strum(serialize = "select_9")]
    Select9,
    NextQueue,
    OpenTally,
    Unmask,
    /// Add or correct the served visitor's ID document, phone and adverse party (SPEC §3).
    EditVisitor,
    /// The legal-aid applications screen (`[aid]`).
    OpenAid,
    /// The supervisor's 差评 follow-ups (回访整改).
    OpenFollowUps,

    // The follow-up list
    CloseFollowUp,
    /// Print the ticket slip again, marked 补打 (audited).
    ReprintSlip,
    /// Pause this window (暂停服务) with a reason; on a paused window, resume it.
    PauseWindow,
    ResumeWindow,
    /// "Was I called?": a ticket's calls and announcements.
    LookupTicket,

    // The tally screen
    TallyPrevDay,
    TallyNextDay,
    TallyRange,
    PrintTally,
    CloseDay,

    // The legal-aid applications screen
    AidGrant,
    AidRefuse,
    AidSupplement,
    AidMaterials,
    AidAssign,
    AidAdvance,
    AidWithdraw,
    AidPrint,
    // Appointments (SPEC §11): opened from the queue view
    OpenAppointments,
    AppointmentNew,
    AppointmentCheckIn,
    AppointmentFind,
    AppointmentCancel,
    AppointmentPrevDay,
    AppointmentNextDay,

    // Forms and menus
    NextField,
    PrevField,
    Submit,
    ChoiceNext,
    ChoicePrev,
}

impl Action {
    /// Every action, in declaration order (derived, so it cannot fall out of step with the
    /// enum): for validation, `legaldesk keys` and tests.
    pub fn all() -> impl Iterator<Item = Action> {
        <Action as strum::IntoEnumIterator>::iter()
    }

    /// The snake_case name used in keymap files.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Reads an action name from a keymap file (exact, case-sensitive).
    pub fn from_name(name: &str) -> Option<Action> {
        name.parse().ok()
    }

    /// The 0-based row a `select_N` action jumps to.
    pub fn select_index(self) -> Option<usize> {
        let rows = [
            Action::Select1,
            Action::Select2,
            Action::Select3,
            Action::Select4,
            Action::Select5,
            Action::Select6,
            Action::Select7,
            Action::Select8,
            Action::Select9,
        ];
        rows.iter().position(|a| *a == self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_names_exist() {
        for name in [
            "intake_new",
            "call_next",
            "recall",
            "mark_no_show",
            "start_service",
            "finish_service",
            "refer",
            "return_to_front",
            "pick_up",
            "hold",
            "cancel_visit",
            "help",
            "quit",
            "select_1",
            "edit_visitor",
            "pause_window",
            "resume_window",
            "lookup_ticket",
        ] {
            let action = Action::from_name(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(action.name(), name);
        }
        assert_eq!(Action::from_name("no_such_action"), None);
    }

    /// Every action has a name of its own that reads back as that action, and the name is
    /// the snake_case form keymap files use (a new variant whose derived name came out wrong,
    /// like `select1` for `Select1`, fails here).
    #[test]
    fn every_name_parses_back_to_its_action() {
        let mut names = std::collections::HashSet::new();
        for action in Action::all() {
            let name = action.name();
            assert_eq!(Action::from_name(name), Some(action), "{name}");
            assert!(names.insert(name), "{name} used twice");
            let lower_snake = name.split('_').all(|word| {
                !word.is_empty()
                    && word
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
            assert!(lower_snake, "{name} is not snake_case");
            let digit_glued = name
                .split('_')
                .any(|word| word.len() > 1 && word.ends_with(|c: char| c.is_ascii_digit()));
            assert!(
                !digit_glued,
                "{name}: a row number is its own word (select_1)"
            );
        }
        // Both ends of the enum are in the derived list.
        assert!(names.contains("help") && names.contains("choice_prev"));
        assert_eq!(Action::from_name("Help"), None);
    }

    #[test]
    fn select_actions_jump_to_their_row() {
        let rows: Vec<usize> = Action::all().filter_map(Action::select_index).collect();
        assert_eq!(rows, (0..9).collect::<Vec<_>>());
        assert_eq!(
            Action::from_name("select_9").and_then(Action::select_index),
            Some(8)
        );
    }
}
