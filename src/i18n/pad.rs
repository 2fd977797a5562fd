//! What the rating pad (评价器, SPEC §9.3) says to the visitor. Short, plain, and never
//! anything personal: the ticket and the window at most.

use super::Words;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PadText {
    /// Idle, under the center's name.
    Welcome,
    /// Idle: what the pad is for.
    IdleHint,
    /// The question after a step ends.
    Prompt,
    /// Which service is being rated: the ticket number only.
    Ticket(String),
    PromptHint,
    /// After a 1 or 2: why.
    ReasonPrompt,
    ReasonHint,
    Thanks,
    /// After a 1 or 2: someone will call back within so many working days.
    ThanksPoor {
        days: i64,
    },
    /// A digit pressed with nothing to rate.
    NothingToRate,
    /// The step was rated already (at the window, or a second time here).
    AlreadyRated,
    /// Too long after the step ended.
    TooLate,
    /// The rating could not be stored (the database said no).
    NotSaved,
    /// `--window` names no active window (command line, before the pad starts).
    NoWindow {
        code: String,
        known: Vec<String>,
    },
    /// The database or the terminal could not be used (command line).
    NoTerminal(String),
}

impl Words for PadText {
    fn zh(&self) -> String {
        match self {
            PadText::Welcome => "欢迎您！".into(),
            PadText::IdleHint => "服务办理结束后，请在此对本次服务进行评价".into(),
            PadText::Prompt => "请对本次服务评价".into(),
            PadText::Ticket(ticket) => format!("票号 {ticket}"),
            PadText::PromptHint => "请按数字键 5～1 选择".into(),
            PadText::ReasonPrompt => "请告诉我们不满意的原因".into(),
            PadText::ReasonHint => "请按数字键 1～5 选择".into(),
            PadText::Thanks => "感谢您的评价！".into(),
            PadText::ThanksPoor { days } => {
                format!("感谢您的评价！我们将在 {days} 个工作日内回访整改")
            }
            PadText::NothingToRate => "请在服务办理结束后评价".into(),
            PadText::AlreadyRated => "本次服务已评价，感谢您！".into(),
            PadText::TooLate => "本次服务的评价时间已过".into(),
            PadText::NotSaved => "评价未能保存，请告知窗口工作人员".into(),
            PadText::NoWindow { code, known } => {
                format!("没有启用的窗口 {code}（现有：{}）", known.join("、"))
            }
            PadText::NoTerminal(error) => format!("无法初始化终端：{error}"),
        }
    }

    fn en(&self) -> String {
        match self {
            PadText::Welcome => "Welcome".into(),
            PadText::IdleHint => "When your service has ended, please rate it here".into(),
            PadText::Prompt => "How was our service today?".into(),
            PadText::Ticket(ticket) => format!("Ticket {ticket}"),
            PadText::PromptHint => "Press a digit, 5 to 1".into(),
            PadText::ReasonPrompt => "What was not good?".into(),
            PadText::ReasonHint => "Press a digit, 1 to 5".into(),
            PadText::Thanks => "Thank you for your rating!".into(),
            PadText::ThanksPoor { days } => {
                format!("Thank you. We will follow this up within {days} working days")
            }
            PadText::NothingToRate => "Please rate when your service has ended".into(),
            PadText::AlreadyRated => "This service has been rated. Thank you!".into(),
            PadText::TooLate => "The time to rate this service has passed".into(),
            PadText::NotSaved => "Your rating could not be saved; please tell the staff".into(),
            PadText::NoWindow { code, known } => {
                format!("no active window {code} (there are: {})", known.join(", "))
            }
            PadText::NoTerminal(error) => format!("cannot set up the terminal: {error}"),
        }
    }
}
