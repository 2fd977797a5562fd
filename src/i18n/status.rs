//! Words of the status line and of the app's own refusals. The status line holds a
//! [`Message`], not words, so `Ctrl-L` redraws it in the other language like everything else.

use chrono::NaiveDate;

use super::service::ErrorText;
use super::visitor::VisitorText;
use super::Words;
use crate::domain::idcard::IdProblem;

/// What the app says after a key or an effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusText {
    // A step action worked.
    Recalled,
    Started,
    OnHold,
    Resumed,
    MarkedNoShow,
    Requeued,
    LeftBeforeService,
    PinChanged,
    Finished,
    /// Finished with a referral or return: the visit goes on at the next desk.
    FinishedPassedOn,
    Called {
        ticket: String,
    },
    PickedUp {
        ticket: String,
    },
    PrintSent,
    Printed,
    DayClosed {
        date: NaiveDate,
        unfinished: usize,
    },
    SupervisorCreated,
    /// A window paused or resumed (暂停服务).
    Window(super::pause::PauseText),

    // Something went wrong in the background.
    CheckDidNotFinish,
    BackgroundFailed,
    /// The view's data could not be read; the reason is the database's own words.
    ReadFailed {
        reason: String,
    },

    // A key that cannot act now, or a form that cannot be sent.
    NothingAtWindow,
    SelectNoShow,
    NoCalledTicket,
    CloseSingleDate,
    AlreadyClosed,
    SessionEnded,
    PinsDiffer,
    NewPinsDiffer,
    RangeStartAfterEnd,
    RangeBadDate,
    /// The intake's ID number failed its check (the problem, when it is known); pressing the
    /// submit key again keeps it.
    IdWarning(Option<IdProblem>),
}

impl Words for StatusText {
    fn zh(&self) -> String {
        match self {
            StatusText::Recalled => "已重呼".into(),
            StatusText::Started => "开始办理".into(),
            StatusText::OnHold => "已暂挂".into(),
            StatusText::Resumed => "已恢复办理".into(),
            StatusText::MarkedNoShow => "已标记过号".into(),
            StatusText::Requeued => "已重新排队（排在队尾）".into(),
            StatusText::LeftBeforeService => "已记为离开未办".into(),
            StatusText::PinChanged => "密码已修改".into(),
            StatusText::Finished => "已办结".into(),
            StatusText::FinishedPassedOn => "已办结，已转至下一环节（同一票号）".into(),
            StatusText::Called { ticket } => format!("已叫号 {ticket}"),
            StatusText::PickedUp { ticket } => format!("已接办 {ticket}"),
            StatusText::PrintSent => "已送往打印机，打印结果稍后显示".into(),
            StatusText::Printed => "打印完成".into(),
            StatusText::DayClosed { date, unfinished } => {
                format!("{date} 已日结（{unfinished} 个号记为未办结），统计已存档")
            }
            StatusText::SupervisorCreated => "已创建值班主任，请登录".into(),
            StatusText::Window(text) => text.zh(),
            StatusText::CheckDidNotFinish => "数据库检查未能完成".into(),
            StatusText::BackgroundFailed => "后台任务失败".into(),
            StatusText::ReadFailed { reason } => format!("读取数据失败: {reason}"),
            StatusText::NothingAtWindow => "本窗口当前没有号".into(),
            StatusText::SelectNoShow => "请先选中一个过号的号".into(),
            StatusText::NoCalledTicket => "本窗口没有已叫号待办的号".into(),
            StatusText::CloseSingleDate => "日结只能针对单独一天".into(),
            StatusText::AlreadyClosed => "该日期已日结".into(),
            StatusText::SessionEnded => "该账号已停用或锁定，请重新登录".into(),
            StatusText::PinsDiffer => "两次输入的密码不一致".into(),
            StatusText::NewPinsDiffer => "两次输入的新密码不一致".into(),
            StatusText::RangeStartAfterEnd => "起始日期晚于截止日期".into(),
            StatusText::RangeBadDate => "日期格式为 YYYY-MM-DD，且须真实存在".into(),
            StatusText::IdWarning(problem) => {
                let detail = match problem {
                    Some(IdProblem::CheckDigit(c)) => format!("校验位应为 {c}"),
                    Some(IdProblem::BirthDate) => "出生日期不存在".into(),
                    Some(IdProblem::Shape) | None => "应为 18 位".into(),
                };
                format!("身份证号校验未通过（{detail}）。核对后再按 F2 仍按此号登记")
            }
        }
    }

    fn en(&self) -> String {
        match self {
            StatusText::Recalled => "called again".into(),
            StatusText::Started => "service started".into(),
            StatusText::OnHold => "on hold".into(),
            StatusText::Resumed => "resumed".into(),
            StatusText::MarkedNoShow => "marked as no-show".into(),
            StatusText::Requeued => "back in the queue, at the end".into(),
            StatusText::LeftBeforeService => "recorded as left before service".into(),
            StatusText::PinChanged => "PIN changed".into(),
            StatusText::Finished => "done".into(),
            StatusText::FinishedPassedOn => "done; passed on with the same ticket".into(),
            StatusText::Called { ticket } => format!("called {ticket}"),
            StatusText::PickedUp { ticket } => format!("picked up {ticket}"),
            StatusText::PrintSent => "sent to the printer; the result shows here when done".into(),
            StatusText::Printed => "printed".into(),
            StatusText::DayClosed { date, unfinished } => {
                format!("{date} closed ({unfinished} tickets left unfinished); the tally is filed")
            }
            StatusText::SupervisorCreated => "supervisor created; sign in".into(),
            StatusText::Window(text) => text.en(),
            StatusText::CheckDidNotFinish => "the database check did not finish".into(),
            StatusText::BackgroundFailed => "a background task failed".into(),
            StatusText::ReadFailed { reason } => format!("cannot read the data: {reason}"),
            StatusText::NothingAtWindow => "no ticket at this window".into(),
            StatusText::SelectNoShow => "select a no-show ticket first".into(),
            StatusText::NoCalledTicket => "no called ticket at this window".into(),
            StatusText::CloseSingleDate => "only a single date can be closed".into(),
            StatusText::AlreadyClosed => "that date is already closed".into(),
            StatusText::SessionEnded => {
                "this account was deactivated or locked; sign in again".into()
            }
            StatusText::PinsDiffer => "the two PINs differ".into(),
            StatusText::NewPinsDiffer => "the two new PINs differ".into(),
            StatusText::RangeStartAfterEnd => "the start date is after the end date".into(),
            StatusText::RangeBadDate => "dates are YYYY-MM-DD and must exist".into(),
            StatusText::IdWarning(problem) => {
                let detail = match problem {
                    Some(IdProblem::CheckDigit(c)) => format!("the check character should be {c}"),
                    Some(IdProblem::BirthDate) => "the birth date does not exist".into(),
                    Some(IdProblem::Shape) | None => "it should have 18 characters".into(),
                };
                format!(
                    "the ID number fails its check ({detail}). Check it, or press F2 again to \
                     keep it"
                )
            }
        }
    }
}

/// One line of the status bar (or a form's error line): the app's words, a refusal of the
/// service layer, an edit-visitor message, or text a module without typed messages yet made
/// in the language of the moment (a print or integrity-check report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Status(StatusText),
    Refusal(ErrorText),
    Visitor(VisitorText),
    FollowUp(super::followup::FollowUpText),
    Lookup(super::lookup::LookupText),
    Plain(String),
}

impl From<super::lookup::LookupText> for Message {
    fn from(text: super::lookup::LookupText) -> Message {
        Message::Lookup(text)
    }
}

impl From<super::followup::FollowUpText> for Message {
    fn from(text: super::followup::FollowUpText) -> Message {
        Message::FollowUp(text)
    }
}

impl Words for Message {
    fn zh(&self) -> String {
        match self {
            Message::Status(text) => text.zh(),
            Message::Refusal(text) => text.zh(),
            Message::Visitor(text) => text.zh(),
            Message::FollowUp(text) => text.zh(),
            Message::Lookup(text) => text.zh(),
            Message::Plain(text) => text.clone(),
        }
    }

    fn en(&self) -> String {
        match self {
            Message::Status(text) => text.en(),
            Message::Refusal(text) => text.en(),
            Message::Visitor(text) => text.en(),
            Message::FollowUp(text) => text.en(),
            Message::Lookup(text) => text.en(),
            Message::Plain(text) => text.clone(),
        }
    }
}

impl From<StatusText> for Message {
    fn from(text: StatusText) -> Message {
        Message::Status(text)
    }
}

impl From<ErrorText> for Message {
    fn from(text: ErrorText) -> Message {
        Message::Refusal(text)
    }
}

impl From<VisitorText> for Message {
    fn from(text: VisitorText) -> Message {
        Message::Visitor(text)
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message::Plain(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::Plain(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn every_text() -> Vec<StatusText> {
        let date = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
        let ticket = || "Z001".to_string();
        vec![
            StatusText::Recalled,
            StatusText::Started,
            StatusText::OnHold,
            StatusText::Resumed,
            StatusText::MarkedNoShow,
            StatusText::Requeued,
            StatusText::LeftBeforeService,
            StatusText::PinChanged,
            StatusText::Finished,
            StatusText::FinishedPassedOn,
            StatusText::Called { ticket: ticket() },
            StatusText::PickedUp { ticket: ticket() },
            StatusText::PrintSent,
            StatusText::Printed,
            StatusText::DayClosed {
                date,
                unfinished: 2,
            },
            StatusText::SupervisorCreated,
            StatusText::CheckDidNotFinish,
            StatusText::BackgroundFailed,
            StatusText::ReadFailed {
                reason: "database is locked".into(),
            },
            StatusText::NothingAtWindow,
            StatusText::SelectNoShow,
            StatusText::NoCalledTicket,
            StatusText::CloseSingleDate,
            StatusText::AlreadyClosed,
            StatusText::SessionEnded,
            StatusText::NewPinsDiffer,
            StatusText::RangeStartAfterEnd,
            StatusText::RangeBadDate,
            StatusText::IdWarning(Some(IdProblem::CheckDigit('X'))),
            StatusText::IdWarning(Some(IdProblem::BirthDate)),
            StatusText::IdWarning(Some(IdProblem::Shape)),
            StatusText::IdWarning(None),
        ]
    }

    #[test]
    fn every_status_text_has_both_languages() {
        for text in every_text() {
            let message = Message::from(text);
            let (zh, en) = (message.zh(), message.en());
            assert!(
                !zh.trim().is_empty() && !en.trim().is_empty(),
                "{zh:?} {en:?}"
            );
            assert_ne!(zh, en);
            assert!(!zh.contains('\n') && !en.contains('\n'), "{zh:?} {en:?}");
        }
    }

    /// The point of carrying values: the same message says itself in either language.
    #[test]
    fn a_message_follows_the_language_it_is_drawn_in() {
        let called = Message::from(StatusText::Called {
            ticket: "Y003".into(),
        });
        assert_eq!(called.text(Lang::Zh), "已叫号 Y003");
        assert_eq!(called.text(Lang::En), "called Y003");
        let refusal = Message::from(ErrorText::QueueEmpty);
        assert_eq!(refusal.text(Lang::Zh), "没有等候的号");
        assert_eq!(refusal.text(Lang::En), "nobody is waiting");
    }
}
