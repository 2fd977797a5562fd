//! The waiting-hall board and its announcer (SPEC §9.1): what the hall TV shows, why speech
//! failed, and the command line's refusals. Nothing here carries a name, phone or ID: the
//! board shows tickets and windows only (SPEC §4).

use super::Words;
use crate::domain::announce::{code_digits, SpeechFailure};
use crate::domain::codes::Service;

impl Words for SpeechFailure {
    fn zh(&self) -> String {
        match self {
            SpeechFailure::MissingCommand(p) => {
                format!("找不到播报命令 {p}，请安装或检查设置 announce_command")
            }
            SpeechFailure::Spawn(d) => format!("播报命令无法启动：{d}"),
            SpeechFailure::ExitStatus(d) => format!("播报命令出错（{d}）"),
            SpeechFailure::Timeout(s) => format!("播报超时（超过 {s} 秒未结束）"),
            SpeechFailure::ClipMissing(w) => format!("录音文件夹缺少“{w}”的录音"),
            SpeechFailure::ClipFormat(f) => format!("录音文件无法使用：{f}"),
            SpeechFailure::BadCommand(c) => format!("播报命令设置有误：{c}"),
        }
    }

    fn en(&self) -> String {
        match self {
            SpeechFailure::MissingCommand(p) => {
                format!("{p} not found; install it or check announce_command")
            }
            SpeechFailure::Spawn(d) => format!("the speech command cannot start: {d}"),
            SpeechFailure::ExitStatus(d) => format!("the speech command failed ({d})"),
            SpeechFailure::Timeout(s) => format!("speech timed out (still running after {s} s)"),
            SpeechFailure::ClipMissing(w) => format!("the clip folder has no recording of \"{w}\""),
            SpeechFailure::ClipFormat(f) => format!("unusable recording: {f}"),
            SpeechFailure::BadCommand(c) => format!("the speech command setting is wrong: {c}"),
        }
    }
}

/// A window as the hall sees it: its own label, or the default in the board's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowName<'a> {
    pub code: &'a str,
    pub label: Option<&'a str>,
}

impl Words for WindowName<'_> {
    fn zh(&self) -> String {
        crate::domain::text::sanitize(&crate::domain::announce::spoken_label(
            self.code, self.label,
        ))
    }

    fn en(&self) -> String {
        match self.label.map(str::trim).filter(|l| !l.is_empty()) {
            Some(label) => crate::domain::text::sanitize(label),
            None => {
                let digits = code_digits(self.code);
                let number = digits.trim_start_matches('0');
                if digits.is_empty() {
                    format!("Window {}", self.code)
                } else {
                    format!("Window {}", if number.is_empty() { "0" } else { number })
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardText {
    NowCalling,
    /// Under the large ticket: where to go.
    GoTo(String),
    /// Marks a recall in the lists.
    Again,
    RecentCalls,
    NoCalls,
    Windows,
    Serving(String),
    Open,
    Paused(String),
    Closed,
    Waiting,
    WaitingCount(Service, i64),
    /// The title bar's date and time: `2026年11月23日 星期一 09:05`.
    DateTime(chrono::NaiveDateTime),
    /// This board runs the hall's announcer.
    AnnouncerHere,
    /// Another board announces; this one stands by.
    AnnouncerStandby,
    /// The latest announcement could not be spoken.
    SpeechFailed(String, SpeechFailure),
    TooSmall {
        cols: u16,
        rows: u16,
    },
    /// `--windows` names a window that does not exist.
    UnknownWindow(String, Vec<String>),
    BadWindowList,
    NeedsTerminal,
    CannotSetUpTerminal(String),
    /// The headless announcer's log lines (stderr).
    LogHolding,
    LogStandby(String),
    LogFailed(String, SpeechFailure),
}

fn weekday_zh(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "星期一",
        Tue => "星期二",
        Wed => "星期三",
        Thu => "星期四",
        Fri => "星期五",
        Sat => "星期六",
        Sun => "星期日",
    }
}

impl Words for BoardText {
    fn zh(&self) -> String {
        use chrono::Datelike;
        match self {
            BoardText::NowCalling => " 正在叫号 ".into(),
            BoardText::GoTo(window) => format!("请到 {window} 办理"),
            BoardText::Again => "重呼".into(),
            BoardText::RecentCalls => " 最近叫号 ".into(),
            BoardText::NoCalls => "暂无叫号".into(),
            BoardText::Windows => " 窗口 ".into(),
            BoardText::Serving(ticket) => format!("正在办理 {ticket}"),
            BoardText::Open => "服务中".into(),
            BoardText::Paused(reason) => format!("暂停服务（{reason}）"),
            BoardText::Closed => "未开放".into(),
            BoardText::Waiting => "等候人数：".into(),
            BoardText::WaitingCount(service, n) => {
                format!("{} {n}人", service.label(super::Lang::Zh))
            }
            BoardText::DateTime(at) => format!(
                "{}年{}月{}日 {} {}",
                at.year(),
                at.month(),
                at.day(),
                weekday_zh(at.weekday()),
                at.format("%H:%M")
            ),
            BoardText::AnnouncerHere => "语音播报：本屏负责".into(),
            BoardText::AnnouncerStandby => "语音播报：待命（另一台正在播报）".into(),
            BoardText::SpeechFailed(ticket, failure) => {
                format!("播报失败（{ticket}）：{}", failure.zh())
            }
            BoardText::TooSmall { cols, rows } => {
                format!("请把终端窗口放大到至少 80×24（当前 {cols}×{rows}）")
            }
            BoardText::UnknownWindow(code, known) => {
                format!("没有窗口 {code}（现有：{}）", known.join(", "))
            }
            BoardText::BadWindowList => "--windows 应为逗号分隔的窗口编号，如 W1,W2".into(),
            BoardText::NeedsTerminal => {
                "叫号屏须在终端中运行（只做语音播报时可加 --speak 在后台运行）".into()
            }
            BoardText::CannotSetUpTerminal(e) => format!("无法初始化终端：{e}"),
            BoardText::LogHolding => "语音播报：本进程负责播报".into(),
            BoardText::LogStandby(holder) => format!("语音播报：待命，{holder} 正在播报"),
            BoardText::LogFailed(ticket, failure) => {
                format!("语音播报失败（{ticket}）：{}", failure.zh())
            }
        }
    }

    fn en(&self) -> String {
        match self {
            BoardText::NowCalling => " Now calling ".into(),
            BoardText::GoTo(window) => format!("please go to {window}"),
            BoardText::Again => "again".into(),
            BoardText::RecentCalls => " Recent calls ".into(),
            BoardText::NoCalls => "No calls yet".into(),
            BoardText::Windows => " Windows ".into(),
            BoardText::Serving(ticket) => format!("serving {ticket}"),
            BoardText::Open => "open".into(),
            BoardText::Paused(reason) => format!("paused ({reason})"),
            BoardText::Closed => "closed".into(),
            BoardText::Waiting => "Waiting: ".into(),
            BoardText::WaitingCount(service, n) => {
                format!("{} {n}", service.label(super::Lang::En))
            }
            BoardText::DateTime(at) => at.format("%a %Y-%m-%d %H:%M").to_string(),
            BoardText::AnnouncerHere => "Speech: this board announces".into(),
            BoardText::AnnouncerStandby => "Speech: standing by (another board announces)".into(),
            BoardText::SpeechFailed(ticket, failure) => {
                format!("Speech failed ({ticket}): {}", failure.en())
            }
            BoardText::TooSmall { cols, rows } => {
                format!("Please enlarge the terminal to at least 80×24 (now {cols}×{rows})")
            }
            BoardText::UnknownWindow(code, known) => {
                format!("no window {code} (there are: {})", known.join(", "))
            }
            BoardText::BadWindowList => {
                "--windows takes window codes separated by commas, e.g. W1,W2".into()
            }
            BoardText::NeedsTerminal => {
                "the board needs a terminal (to announce only, run it with --speak in the background)"
                    .into()
            }
            BoardText::CannotSetUpTerminal(e) => format!("cannot set up the terminal: {e}"),
            BoardText::LogHolding => "speech: this process announces".into(),
            BoardText::LogStandby(holder) => format!("speech: standing by, {holder} announces"),
            BoardText::LogFailed(ticket, failure) => {
                format!("speech failed ({ticket}): {}", failure.en())
            }
        }
    }
}

/// The hall's figures in a printed or CSV tally (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HallFigure {
    Announcements,
    AnnounceFailed,
    /// A label for `paused_s` in the window grid of the printout.
    Paused,
    /// The CSV label of `paused_s`.
    PausedSeconds,
}

impl Words for HallFigure {
    fn zh(&self) -> String {
        match self {
            HallFigure::Announcements => "叫号播报（次）",
            HallFigure::AnnounceFailed => "未能播报（次）",
            HallFigure::Paused => "暂停服务",
            HallFigure::PausedSeconds => "暂停服务（秒）",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            HallFigure::Announcements => "calls announced",
            HallFigure::AnnounceFailed => "not announced",
            HallFigure::Paused => "Paused",
            HallFigure::PausedSeconds => "paused (s)",
        }
        .into()
    }
}

/// Why a hall setting of a window was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HallProblem {
    /// A window label is shown in large type and said aloud: short.
    LabelTooLong { max: usize },
}

impl Words for HallProblem {
    fn zh(&self) -> String {
        match self {
            HallProblem::LabelTooLong { max } => format!("窗口名称过长（最多 {max} 字）"),
        }
    }

    fn en(&self) -> String {
        match self {
            HallProblem::LabelTooLong { max } => {
                format!("the window label is too long (at most {max} characters)")
            }
        }
    }
}
