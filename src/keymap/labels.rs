//! Short human names of actions for the hint bar and the help screen. The hint bar shares
//! 80 columns with up to ten entries, hence at most 4 CJK characters or 10 ASCII ones.

use crate::app::action::Action;
use crate::i18n::Lang;

/// The label of `action` in `lang`, using the vocabulary of SPEC §2–3 (过号, 重呼, 暂挂, 办结).
pub fn action_label(action: Action, lang: Lang) -> &'static str {
    let (zh, en) = match action {
        Action::Help => ("帮助", "Help"),
        Action::Quit => ("退出", "Quit"),
        Action::Back => ("返回", "Back"),
        Action::SignOut => ("签退", "Sign out"),
        Action::ToggleLang => ("中/英", "Language"),
        Action::IntakeNew => ("登记", "New visit"),
        Action::CallNext => ("叫号", "Call next"),
        Action::CallSelected => ("叫选中", "Call this"),
        Action::Recall => ("重呼", "Recall"),
        Action::MarkNoShow => ("过号", "No-show"),
        Action::RequeueNoShow => ("过号重排", "Requeue"),
        Action::StartService => ("开始办理", "Start"),
        Action::FinishService => ("办结", "Finish"),
        Action::Refer => ("转介", "Refer"),
        Action::ReturnToFront => ("退回前台", "Return"),
        Action::PickUp => ("接办", "Pick up"),
        Action::PickUpSelected => ("接办选中", "Pick this"),
        Action::Hold => ("暂挂", "Hold"),
        Action::CancelVisit => ("离开未办", "Cancel"),
        Action::SelectUp => ("上移", "Up"),
        Action::SelectDown => ("下移", "Down"),
        Action::SelectFirst => ("首行", "First"),
        Action::SelectLast => ("末行", "Last"),
        Action::Select1 => ("第1行", "Row 1"),
        Action::Select2 => ("第2行", "Row 2"),
        Action::Select3 => ("第3行", "Row 3"),
        Action::Select4 => ("第4行", "Row 4"),
        Action::Select5 => ("第5行", "Row 5"),
        Action::Select6 => ("第6行", "Row 6"),
        Action::Select7 => ("第7行", "Row 7"),
        Action::Select8 => ("第8行", "Row 8"),
        Action::Select9 => ("第9行", "Row 9"),
        Action::NextQueue => ("切换队列", "Next queue"),
        Action::OpenTally => ("日结统计", "Tally"),
        Action::Unmask => ("查看全文", "Unmask"),
        Action::ChangePin => ("改密码", "Change PIN"),
        Action::TallyPrevDay => ("前一天", "Prev day"),
        Action::TallyNextDay => ("后一天", "Next day"),
        Action::TallyRange => ("选日期", "Dates"),
        Action::PrintTally => ("打印", "Print"),
        Action::CloseDay => ("日结", "Close day"),
        Action::OpenAppointments => ("预约", "Bookings"),
        Action::AppointmentNew => ("新增预约", "Book"),
        Action::AppointmentCheckIn => ("到场取号", "Check in"),
        Action::AppointmentFind => ("查尾号", "Find"),
        Action::AppointmentCancel => ("取消预约", "Cancel"),
        Action::AppointmentPrevDay => ("前一天", "Prev day"),
        Action::AppointmentNextDay => ("后一天", "Next day"),
        Action::NextField => ("下一项", "Next field"),
        Action::PrevField => ("上一项", "Prev field"),
        Action::Submit => ("提交", "Submit"),
        Action::ChoiceNext => ("下个选项", "Next opt"),
        Action::ChoicePrev => ("上个选项", "Prev opt"),
    };
    lang.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fit_the_hint_bar() {
        for action in Action::ALL {
            let zh = action_label(*action, Lang::Zh);
            let en = action_label(*action, Lang::En);
            // A CJK character takes two columns, so 4 of them is 8 columns.
            let zh_columns: usize = zh.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            assert!(zh_columns <= 8, "{zh}");
            assert!(en.len() <= 10, "{en}");
            assert!(!zh.is_empty() && !en.is_empty());
        }
    }
}
