//! "Was I called?" (我没听到叫号, SPEC §9.1): the front desk looks a ticket up and sees each
//! call and recall with when it was announced, or why it was not.

use super::Words;
use crate::domain::announce::{AnnounceKind, AnnounceState};

impl Words for AnnounceKind {
    fn zh(&self) -> String {
        match self {
            AnnounceKind::Call => "叫号",
            AnnounceKind::Recall => "重呼",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            AnnounceKind::Call => "call",
            AnnounceKind::Recall => "recall",
        }
        .into()
    }
}

/// What became of one announcement; `Spoken` carries the local time already formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateWords {
    pub state: AnnounceState,
    pub spoken: String,
}

impl Words for StateWords {
    fn zh(&self) -> String {
        match &self.state {
            AnnounceState::Pending => "待播报".into(),
            AnnounceState::Speaking => "正在播报".into(),
            AnnounceState::Spoken(_) => format!("已播报 {}", self.spoken),
            AnnounceState::Failed(failure) => format!("未播报：{}", failure.zh()),
            AnnounceState::Skipped => "未播报：当时无语音播报运行，超过 60 秒不再补播".into(),
        }
    }

    fn en(&self) -> String {
        match &self.state {
            AnnounceState::Pending => "not announced yet".into(),
            AnnounceState::Speaking => "being announced".into(),
            AnnounceState::Spoken(_) => format!("announced {}", self.spoken),
            AnnounceState::Failed(failure) => format!("not announced: {}", failure.en()),
            AnnounceState::Skipped => {
                "not announced: no announcer was running, and calls over 60 s old are not spoken late"
                    .into()
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupText {
    FormTitle,
    Title(String),
    /// The ticket's step now (a step status label).
    Now(String),
    NeverCalled(String),
    NotFound(String),
    BadTicket,
    Close,
    ColumnTime,
    ColumnKind,
    ColumnWindow,
    ColumnState,
}

impl Words for LookupText {
    fn zh(&self) -> String {
        match self {
            LookupText::FormTitle => "叫号查询（我没听到叫号）".into(),
            LookupText::Title(ticket) => format!("{ticket} 今天的叫号记录"),
            LookupText::Now(status) => format!("当前状态：{status}"),
            LookupText::NeverCalled(ticket) => format!("{ticket} 今天还没有被叫过号"),
            LookupText::NotFound(ticket) => format!("今天没有 {ticket} 这个号"),
            LookupText::BadTicket => "请输入票号，如 Z001".into(),
            LookupText::Close => "按 Esc 或 Enter 关闭".into(),
            LookupText::ColumnTime => "时间".into(),
            LookupText::ColumnKind => "类别".into(),
            LookupText::ColumnWindow => "窗口".into(),
            LookupText::ColumnState => "播报情况".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            LookupText::FormTitle => "Was I called? Look up a ticket".into(),
            LookupText::Title(ticket) => format!("Calls of {ticket} today"),
            LookupText::Now(status) => format!("now: {status}"),
            LookupText::NeverCalled(ticket) => format!("{ticket} has not been called today"),
            LookupText::NotFound(ticket) => format!("there is no ticket {ticket} today"),
            LookupText::BadTicket => "type a ticket number, e.g. Z001".into(),
            LookupText::Close => "Esc or Enter to close".into(),
            LookupText::ColumnTime => "Time".into(),
            LookupText::ColumnKind => "Kind".into(),
            LookupText::ColumnWindow => "Window".into(),
            LookupText::ColumnState => "Announcement".into(),
        }
    }
}
