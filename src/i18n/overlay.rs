//! The overlays on the main view (SPEC §9): form titles, the full record, the ticket just
//! issued, the confirmations and the help box.

use super::glossary::Term;
use super::{Lang, Words};
use crate::domain::codes::Service;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, strum::EnumCount)]
pub enum OverlayText {
    /// Form titles (the ticket, where there is one, is added after).
    IntakeTitle,
    FinishTitle(Service),
    ReferTitle,
    ReturnTitle,
    UnmaskReasonTitle,
    ChangePinTitle,
    /// The full record, shown after a reason was given: its title, labels and footer.
    UnmaskedTitle,
    LabelTicket,
    LabelName,
    LabelPhone,
    LabelId,
    LabelAdverse,
    LabelSummary,
    UnmaskedFooter,
    /// The ticket just issued.
    IssuedTitle,
    Issued {
        ticket: String,
        service: Service,
    },
    BackKeys,
    /// Confirmations.
    ConfirmTitle,
    ConflictHint,
    CancelAsk {
        ticket: String,
    },
    ConfirmKeys,
    QuitAsk,
    QuitKeys,
    CloseDayAsk {
        date: NaiveDate,
    },
    CloseDayNoneOpen,
    CloseDayOpen(usize),
    CloseDayKeys,
    /// Help.
    HelpTitle,
    HelpRowN,
    HelpFooter,
    /// The editing keys of a text field, which are not in the keymap.
    HelpTextKeys,
}

impl Words for OverlayText {
    fn zh(&self) -> String {
        match self {
            OverlayText::IntakeTitle => "登记取号".into(),
            OverlayText::FinishTitle(service) => {
                format!("{} {}", Term::Finish.zh(), service.label(Lang::Zh))
            }
            OverlayText::ReferTitle => Term::Refer.zh(),
            OverlayText::ReturnTitle => "退回前台".into(),
            OverlayText::UnmaskReasonTitle => "查看完整信息（将记入操作日志）".into(),
            OverlayText::ChangePinTitle => "修改密码".into(),
            OverlayText::UnmaskedTitle => "完整信息".into(),
            OverlayText::LabelTicket => "票号".into(),
            OverlayText::LabelName => "姓名".into(),
            OverlayText::LabelPhone => "电话".into(),
            OverlayText::LabelId => "证件".into(),
            OverlayText::LabelAdverse => "对方当事人".into(),
            OverlayText::LabelSummary => "简要情况".into(),
            OverlayText::UnmaskedFooter => "此次查看已记入操作日志。Esc 关闭".into(),
            OverlayText::IssuedTitle => "取号".into(),
            OverlayText::Issued { ticket, service } => {
                format!("已取号：{ticket}（{}）", service.label(Lang::Zh))
            }
            OverlayText::BackKeys => "按 Enter 或 Esc 返回".into(),
            OverlayText::ConfirmTitle => "请确认".into(),
            OverlayText::ConflictHint => {
                "利益冲突提示：对方当事人与以下在办事项的来访人相符".into()
            }
            OverlayText::CancelAsk { ticket } => format!("将 {ticket} 记为“离开未办”？"),
            OverlayText::ConfirmKeys => "Enter 确认，Esc 取消".into(),
            OverlayText::QuitAsk => "表单里还有未提交的内容，确定退出吗？".into(),
            OverlayText::QuitKeys => "Enter 退出，Esc 返回继续填写".into(),
            OverlayText::CloseDayAsk { date } => {
                format!("日结 {date}：日结后当天记录只读，更正须走修正流程。")
            }
            OverlayText::CloseDayNoneOpen => "当天没有未办结的号。".into(),
            OverlayText::CloseDayOpen(count) => format!("以下 {count} 个号将记为“未办结”："),
            OverlayText::CloseDayKeys => "Enter 确认日结，Esc 取消".into(),
            OverlayText::HelpTitle => "帮助：按键一览".into(),
            OverlayText::HelpRowN => "选第N行".into(),
            OverlayText::HelpFooter => "按 Esc 返回。键位可在 keymap.toml 中修改".into(),
            OverlayText::HelpTextKeys => {
                "填写文字时：←/→ 移动光标，Home/End 到首/尾，Backspace/Delete 删除前/后一字".into()
            }
        }
    }

    fn en(&self) -> String {
        match self {
            OverlayText::IntakeTitle => "New visitor".into(),
            OverlayText::FinishTitle(service) => {
                format!("{} {}", Term::Finish.en(), service.label(Lang::En))
            }
            OverlayText::ReferTitle => Term::Refer.en(),
            OverlayText::ReturnTitle => "Return to the front desk".into(),
            OverlayText::UnmaskReasonTitle => "See in full (recorded in the audit log)".into(),
            OverlayText::ChangePinTitle => "Change PIN".into(),
            OverlayText::UnmaskedTitle => "Full record".into(),
            OverlayText::LabelTicket => "Ticket".into(),
            OverlayText::LabelName => "Name".into(),
            OverlayText::LabelPhone => "Phone".into(),
            OverlayText::LabelId => "ID".into(),
            OverlayText::LabelAdverse => "Adverse party".into(),
            OverlayText::LabelSummary => "Summary".into(),
            OverlayText::UnmaskedFooter => "This look is in the audit log. Esc to close".into(),
            OverlayText::IssuedTitle => "Ticket".into(),
            OverlayText::Issued { ticket, service } => {
                format!("Ticket issued: {ticket} ({})", service.label(Lang::En))
            }
            OverlayText::BackKeys => "Enter or Esc to go back".into(),
            OverlayText::ConfirmTitle => "Please confirm".into(),
            OverlayText::ConflictHint => {
                "Conflict hint: the adverse party matches a visitor in an open matter".into()
            }
            OverlayText::CancelAsk { ticket } => {
                format!("Record {ticket} as left without service?")
            }
            OverlayText::ConfirmKeys => "Enter to confirm, Esc to cancel".into(),
            OverlayText::QuitAsk => "The form holds text not yet submitted. Quit anyway?".into(),
            OverlayText::QuitKeys => "Enter to quit, Esc to go back to the form".into(),
            OverlayText::CloseDayAsk { date } => {
                format!("Close {date}: its records become read-only; corrections are amendments.")
            }
            OverlayText::CloseDayNoneOpen => "No ticket is still open.".into(),
            OverlayText::CloseDayOpen(count) => {
                format!("These {count} tickets will be recorded as unfinished:")
            }
            OverlayText::CloseDayKeys => "Enter to close the day, Esc to cancel".into(),
            OverlayText::HelpTitle => "Help: keys".into(),
            OverlayText::HelpRowN => "Row N".into(),
            OverlayText::HelpFooter => "Esc to go back. Keys can be changed in keymap.toml".into(),
            OverlayText::HelpTextKeys => {
                "In a text field: ←/→ move, Home/End to either end, Backspace/Delete remove".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_overlay_text_is_worded_in_both_languages() {
        let ticket = || "A003".to_string();
        let samples = [
            OverlayText::IntakeTitle,
            OverlayText::FinishTitle(Service::Notary),
            OverlayText::ReferTitle,
            OverlayText::ReturnTitle,
            OverlayText::UnmaskReasonTitle,
            OverlayText::ChangePinTitle,
            OverlayText::UnmaskedTitle,
            OverlayText::LabelTicket,
            OverlayText::LabelName,
            OverlayText::LabelPhone,
            OverlayText::LabelId,
            OverlayText::LabelAdverse,
            OverlayText::LabelSummary,
            OverlayText::UnmaskedFooter,
            OverlayText::IssuedTitle,
            OverlayText::Issued {
                ticket: ticket(),
                service: Service::Consult,
            },
            OverlayText::BackKeys,
            OverlayText::ConfirmTitle,
            OverlayText::ConflictHint,
            OverlayText::CancelAsk { ticket: ticket() },
            OverlayText::ConfirmKeys,
            OverlayText::QuitAsk,
            OverlayText::QuitKeys,
            OverlayText::CloseDayAsk {
                date: NaiveDate::from_ymd_opt(2026, 11, 30).expect("a real date"),
            },
            OverlayText::CloseDayNoneOpen,
            OverlayText::CloseDayOpen(3),
            OverlayText::CloseDayKeys,
            OverlayText::HelpTitle,
            OverlayText::HelpRowN,
            OverlayText::HelpFooter,
            OverlayText::HelpTextKeys,
        ];
        crate::i18n::tests::assert_worded(&samples, <OverlayText as strum::EnumCount>::COUNT);
    }
}
