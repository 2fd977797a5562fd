//! Every action a key can be bound to. The names are stable (SPEC §7): keymaps refer to them
//! as snake_case strings, so renaming a variant breaks users' files.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    #[serde(rename = "select_1")]
    Select1,
    #[serde(rename = "select_2")]
    Select2,
    #[serde(rename = "select_3")]
    Select3,
    #[serde(rename = "select_4")]
    Select4,
    #[serde(rename = "select_5")]
    Select5,
    #[serde(rename = "select_6")]
    Select6,
    #[serde(rename = "select_7")]
    Select7,
    #[serde(rename = "select_8")]
    Select8,
    #[serde(rename = "select_9")]
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
    /// Every bindable action, for validation and help.
    pub const ALL: &'static [Action] = &[
        Action::Help,
        Action::Quit,
        Action::Back,
        Action::SignOut,
        Action::ToggleLang,
        Action::ChangePin,
        Action::IntakeNew,
        Action::CallNext,
        Action::CallSelected,
        Action::Recall,
        Action::MarkNoShow,
        Action::RequeueNoShow,
        Action::StartService,
        Action::FinishService,
        Action::Refer,
        Action::ReturnToFront,
        Action::PickUp,
        Action::PickUpSelected,
        Action::Hold,
        Action::CancelVisit,
        Action::SelectUp,
        Action::SelectDown,
        Action::SelectFirst,
        Action::SelectLast,
        Action::Select1,
        Action::Select2,
        Action::Select3,
        Action::Select4,
        Action::Select5,
        Action::Select6,
        Action::Select7,
        Action::Select8,
        Action::Select9,
        Action::NextQueue,
        Action::OpenTally,
        Action::Unmask,
        Action::EditVisitor,
        Action::OpenAid,
        Action::OpenFollowUps,
        Action::CloseFollowUp,
        Action::ReprintSlip,
        Action::PauseWindow,
        Action::ResumeWindow,
        Action::LookupTicket,
        Action::TallyPrevDay,
        Action::TallyNextDay,
        Action::TallyRange,
        Action::PrintTally,
        Action::CloseDay,
        Action::AidGrant,
        Action::AidRefuse,
        Action::AidSupplement,
        Action::AidMaterials,
        Action::AidAssign,
        Action::AidAdvance,
        Action::AidWithdraw,
        Action::AidPrint,
        Action::OpenAppointments,
        Action::AppointmentNew,
        Action::AppointmentCheckIn,
        Action::AppointmentFind,
        Action::AppointmentCancel,
        Action::AppointmentPrevDay,
        Action::AppointmentNextDay,
        Action::NextField,
        Action::PrevField,
        Action::Submit,
        Action::ChoiceNext,
        Action::ChoicePrev,
    ];

    /// The snake_case name used in keymap files.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Reads an action name from a keymap file.
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
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

    #[test]
    fn all_is_complete_and_names_are_unique() {
        let mut names: Vec<String> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
