//! Window pause (暂停服务, SPEC §2 and §9.1): the reasons, the form, what the window's own
//! screen and the hall summary say, and why a pause or resume was refused.

use super::Words;
use crate::domain::pause::PauseReason;

impl Words for PauseReason {
    fn zh(&self) -> String {
        match self {
            PauseReason::Break => "休息",
            PauseReason::Meeting => "会议",
            PauseReason::Outreach => "外出服务",
            PauseReason::Other => "其他",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            PauseReason::Break => "break",
            PauseReason::Meeting => "meeting",
            PauseReason::Outreach => "outreach",
            PauseReason::Other => "other",
        }
        .into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PauseText {
    /// The pause form's title.
    FormTitle,
    /// The window is paused now: the reason, and its note.
    Banner {
        reason: PauseReason,
        note: String,
    },
    /// Since when, and the key that resumes service.
    ResumeHint {
        since: String,
        key: Option<String>,
    },
    /// The hall summary's line of paused windows.
    HallPaused(Vec<String>),
    Paused,
    Resumed,
    /// "Call next" on a paused window asks first.
    AskCallWhilePaused,
    AskPickUpWhilePaused,
    AskKeys,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseProblem {
    NoWindow,
    AlreadyPaused,
    NotPaused,
    NoteRequired,
}

impl Words for PauseText {
    fn zh(&self) -> String {
        match self {
            PauseText::FormTitle => "暂停服务（将记入操作日志）".into(),
            PauseText::Banner { reason, note } => {
                if note.is_empty() {
                    format!("暂停服务中：{}", reason.zh())
                } else {
                    format!("暂停服务中：{}（{note}）", reason.zh())
                }
            }
            PauseText::ResumeHint { since, key } => match key {
                Some(key) => format!("{since} 起，按 {key} 恢复服务"),
                None => format!("{since} 起"),
            },
            PauseText::HallPaused(windows) => format!("暂停服务：{}", windows.join("、")),
            PauseText::Paused => "本窗口已暂停服务，叫号屏显示“暂停服务”".into(),
            PauseText::Resumed => "本窗口已恢复服务".into(),
            PauseText::AskCallWhilePaused => "本窗口正在暂停服务。恢复服务并叫号吗？".into(),
            PauseText::AskPickUpWhilePaused => "本窗口正在暂停服务。恢复服务并接办吗？".into(),
            PauseText::AskKeys => "Enter 恢复服务并继续，Esc 取消（仍暂停）".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            PauseText::FormTitle => "Pause this window (recorded in the audit log)".into(),
            PauseText::Banner { reason, note } => {
                if note.is_empty() {
                    format!("Paused: {}", reason.en())
                } else {
                    format!("Paused: {} ({note})", reason.en())
                }
            }
            PauseText::ResumeHint { since, key } => match key {
                Some(key) => format!("since {since}; {key} resumes service"),
                None => format!("since {since}"),
            },
            PauseText::HallPaused(windows) => format!("Paused: {}", windows.join(", ")),
            PauseText::Paused => "This window is paused; the hall board shows it".into(),
            PauseText::Resumed => "This window serves again".into(),
            PauseText::AskCallWhilePaused => {
                "This window is paused. Resume service and call?".into()
            }
            PauseText::AskPickUpWhilePaused => {
                "This window is paused. Resume service and pick up?".into()
            }
            PauseText::AskKeys => "Enter to resume and go on, Esc to stay paused".into(),
        }
    }
}

impl Words for PauseProblem {
    fn zh(&self) -> String {
        match self {
            PauseProblem::NoWindow => "未在窗口登录，不能暂停或恢复窗口服务",
            PauseProblem::AlreadyPaused => "本窗口已在暂停服务中",
            PauseProblem::NotPaused => "本窗口并未暂停服务",
            PauseProblem::NoteRequired => "原因选“其他”时请填写说明",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            PauseProblem::NoWindow => {
                "not signed in at a window: there is no window to pause or resume"
            }
            PauseProblem::AlreadyPaused => "this window is already paused",
            PauseProblem::NotPaused => "this window is not paused",
            PauseProblem::NoteRequired => "a note is required when the reason is \"other\"",
        }
        .into()
    }
}
