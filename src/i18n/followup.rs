//! The supervisor's 差评 follow-up screen (回访整改, SPEC §9.4).

use super::Words;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowUpText {
    Title,
    /// Counts at the top of the screen.
    Counts {
        open: usize,
        overdue: usize,
    },
    /// The same, short, in the supervisor's hall panel.
    HallLine {
        open: usize,
        overdue: usize,
    },
    /// Column headers.
    Ticket,
    Date,
    Window,
    Staff,
    Level,
    Reason,
    Visitor,
    Due,
    Empty,
    /// Marks an overdue row (besides its colour, for NO_COLOR and the console).
    Late,
    /// A pad rating whose visitor chose no reason.
    NoReason,
    /// The close form.
    CloseTitle(String),
    Closed(String),
    /// The follow-up was closed or changed at another terminal meanwhile.
    NotOpen,
    NoteNeeded,
    /// The closing form's one-line guide.
    CloseGuide,
    /// The list's one-line guide.
    ListGuide,
}

impl Words for FollowUpText {
    fn zh(&self) -> String {
        match self {
            FollowUpText::Title => "差评回访整改".into(),
            FollowUpText::Counts { open, overdue } => {
                format!("待办 {open} 件，逾期 {overdue} 件")
            }
            FollowUpText::HallLine { open, overdue } => {
                format!("差评回访 待办{open} 逾期{overdue}")
            }
            FollowUpText::Ticket => "票号".into(),
            FollowUpText::Date => "日期".into(),
            FollowUpText::Window => "窗口".into(),
            FollowUpText::Staff => "工号".into(),
            FollowUpText::Level => "评价".into(),
            FollowUpText::Reason => "原因".into(),
            FollowUpText::Visitor => "来访人".into(),
            FollowUpText::Due => "期限".into(),
            FollowUpText::Empty => "没有待办的回访".into(),
            FollowUpText::Late => "逾期".into(),
            FollowUpText::NoReason => "未选择".into(),
            FollowUpText::CloseTitle(ticket) => format!("办结回访 {ticket}"),
            FollowUpText::Closed(ticket) => format!("{ticket} 的回访已办结"),
            FollowUpText::NotOpen => "该回访已办结或不存在".into(),
            FollowUpText::NoteNeeded => "请填写回访情况".into(),
            FollowUpText::CloseGuide => "选择整改结果并填写回访情况；将记入操作日志".into(),
            FollowUpText::ListGuide => "逾期的排在前面；选中一条后办结".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            FollowUpText::Title => "Poor-rating follow-ups".into(),
            FollowUpText::Counts { open, overdue } => {
                format!("{open} open, {overdue} overdue")
            }
            FollowUpText::HallLine { open, overdue } => {
                format!("Follow-ups {open} open, {overdue} late")
            }
            FollowUpText::Ticket => "Ticket".into(),
            FollowUpText::Date => "Date".into(),
            FollowUpText::Window => "Win".into(),
            FollowUpText::Staff => "Staff".into(),
            FollowUpText::Level => "Rating".into(),
            FollowUpText::Reason => "Reason".into(),
            FollowUpText::Visitor => "Visitor".into(),
            FollowUpText::Due => "Due".into(),
            FollowUpText::Empty => "no open follow-ups".into(),
            FollowUpText::Late => "late".into(),
            FollowUpText::NoReason => "not given".into(),
            FollowUpText::CloseTitle(ticket) => format!("Close follow-up {ticket}"),
            FollowUpText::Closed(ticket) => format!("follow-up of {ticket} closed"),
            FollowUpText::NotOpen => "that follow-up is closed already or gone".into(),
            FollowUpText::NoteNeeded => "describe the callback in the note".into(),
            FollowUpText::CloseGuide => {
                "choose the outcome and describe the callback; this is audited".into()
            }
            FollowUpText::ListGuide => "overdue first; select one to close it".into(),
        }
    }
}
