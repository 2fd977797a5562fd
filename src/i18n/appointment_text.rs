//! Words around appointments that are not about one booking: the settings, the appointments
//! screen, `appoint list` and the tally's appointment figures.

use chrono::{Datelike, NaiveDate};

use super::appointments::weekday_zh;
use super::Words;

/// An appointment setting of SPEC §6, for `settings list` and its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKey {
    OpenHours,
    SlotMin,
    Days,
    Quota,
    CheckinBefore,
    CheckinAfter,
}

impl Words for SettingKey {
    fn zh(&self) -> String {
        match self {
            SettingKey::OpenHours => "对外办公时间，如 08:30-12:00,14:00-17:30（预约时段在其中排）",
            SettingKey::SlotMin => "每个预约时段的分钟数（5–240，默认 30）",
            SettingKey::Days => "最多可预约多少个工作日以内（1–60，默认 5）",
            SettingKey::Quota => "每个时段每项服务最多预约人数（1–100，默认 2）",
            SettingKey::CheckinBefore => "预约时间前多少分钟内到达取号仍优先（0–240，默认 60）",
            SettingKey::CheckinAfter => "预约时间后多少分钟内到达取号仍优先（0–240，默认 20）",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            SettingKey::OpenHours => {
                "opening hours, e.g. 08:30-12:00,14:00-17:30 (appointment slots lie inside them)"
            }
            SettingKey::SlotMin => "minutes per appointment slot (5-240, default 30)",
            SettingKey::Days => "how many working days ahead may be booked (1-60, default 5)",
            SettingKey::Quota => "bookings per service per slot (1-100, default 2)",
            SettingKey::CheckinBefore => {
                "minutes before the slot a check-in still keeps its priority (0-240, default 60)"
            }
            SettingKey::CheckinAfter => {
                "minutes after the slot start a check-in still keeps its priority (0-240, default 20)"
            }
        }
        .into()
    }
}

/// A value `settings set` refused for an appointment setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSetting {
    pub key: &'static str,
    pub setting: SettingKey,
    pub value: String,
}

impl Words for BadSetting {
    fn zh(&self) -> String {
        format!(
            "{} 的值无效：{}（{}）",
            self.key,
            self.value,
            self.setting.zh()
        )
    }

    fn en(&self) -> String {
        format!(
            "invalid value for {}: {} ({})",
            self.key,
            self.value,
            self.setting.en()
        )
    }
}

/// `（今天）` after a date that is today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayTitle {
    pub date: NaiveDate,
    pub today: NaiveDate,
}

impl Words for DayTitle {
    fn zh(&self) -> String {
        let mark = if self.date == self.today {
            "，今天"
        } else {
            ""
        };
        format!(
            "{}（{}{mark}）",
            self.date.format("%Y-%m-%d"),
            weekday_zh(self.date.weekday())
        )
    }

    fn en(&self) -> String {
        let mark = if self.date == self.today {
            " (today)"
        } else {
            ""
        };
        format!("{}{mark}", self.date.format("%a %Y-%m-%d"))
    }
}

/// The mark in the queue of a ticket checked in on time for its appointment (why it is
/// ahead of earlier normal tickets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookedMark;

impl Words for BookedMark {
    fn zh(&self) -> String {
        "预约".into()
    }

    fn en(&self) -> String {
        "booked".into()
    }
}

/// The labels of the tally's `appointments` figures (printouts and CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyLabel {
    Heading,
    /// Still booked: a live day, or a future one.
    Booked,
    CheckedIn,
    Missed,
    Cancelled,
    OnTime,
}

impl Words for TallyLabel {
    fn zh(&self) -> String {
        match self {
            TallyLabel::Heading => "预约",
            TallyLabel::Booked => "待取号",
            TallyLabel::CheckedIn => "已取号",
            TallyLabel::Missed => "爽约",
            TallyLabel::Cancelled => "已取消",
            TallyLabel::OnTime => "按时取号",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            TallyLabel::Heading => "Appointments",
            TallyLabel::Booked => "Booked",
            TallyLabel::CheckedIn => "Checked in",
            TallyLabel::Missed => "Missed",
            TallyLabel::Cancelled => "Cancelled",
            TallyLabel::OnTime => "On time",
        }
        .into()
    }
}

/// What `legaldesk appoint` says besides the booking notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliText {
    UnknownService {
        text: String,
    },
    UnknownChannel {
        text: String,
    },
    UnknownFormat {
        text: String,
    },
    /// The heading of `appoint list`.
    ListHeading {
        title: DayTitle,
        count: usize,
    },
    NoBookings,
    /// `appoint list --unmask` without `--reason`.
    UnmaskNeedsReason,
    /// `appoint list --reason` without `--unmask`.
    ReasonWithoutUnmask,
    /// `close`: bookings of the day nobody came for.
    MissedAtClose {
        count: usize,
    },
}

impl Words for CliText {
    fn zh(&self) -> String {
        match self {
            CliText::UnknownService { text } => format!(
                "未知服务事项 {text}（可选：consult、legal_aid、notary、mediation、drafting）"
            ),
            CliText::UnknownChannel { text } => {
                format!("未知预约渠道 {text}（可选：hotline、online、walk_in）")
            }
            CliText::UnknownFormat { text } => format!("未知格式 {text}（可选：text、json）"),
            CliText::ListHeading { title, count } => {
                format!("预约 {}：共 {count} 条", title.zh())
            }
            CliText::NoBookings => "这一天没有预约".into(),
            CliText::UnmaskNeedsReason => {
                "查看完整姓名和电话须说明原因：请加 --reason \"原因\"（将记入审计日志）".into()
            }
            CliText::ReasonWithoutUnmask => {
                "--reason 只与 --unmask 一起使用（查看完整姓名和电话时说明原因）".into()
            }
            CliText::MissedAtClose { count } => format!("{count} 个预约无人到场，记为爽约"),
        }
    }

    fn en(&self) -> String {
        match self {
            CliText::UnknownService { text } => format!(
                "unknown service {text} (one of: consult, legal_aid, notary, mediation, drafting)"
            ),
            CliText::UnknownChannel { text } => {
                format!("unknown booking channel {text} (one of: hotline, online, walk_in)")
            }
            CliText::UnknownFormat { text } => {
                format!("unknown format {text} (one of: text, json)")
            }
            CliText::ListHeading { title, count } => {
                format!("Appointments {}: {count}", title.en())
            }
            CliText::NoBookings => "no bookings on this day".into(),
            CliText::UnmaskNeedsReason => {
                "full names and phones need a reason: add --reason \"why\" (it is kept in the audit log)".into()
            }
            CliText::ReasonWithoutUnmask => {
                "--reason goes with --unmask only (the reason for showing full names and phones)".into()
            }
            CliText::MissedAtClose { count } => {
                format!("{count} booking(s) nobody came for, recorded as missed")
            }
        }
    }
}

/// Short marks beside a booking in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowMark {
    /// Checked in inside the window.
    OnTime,
    /// Checked in outside it.
    NotOnTime,
    /// The phone number missed this many bookings before.
    MissedBefore(u32),
}

impl Words for RowMark {
    fn zh(&self) -> String {
        match self {
            RowMark::OnTime => "按时".into(),
            RowMark::NotOnTime => "未按时".into(),
            RowMark::MissedBefore(n) => format!("曾爽约{n}次"),
        }
    }

    fn en(&self) -> String {
        match self {
            RowMark::OnTime => "on time".into(),
            RowMark::NotOnTime => "not on time".into(),
            RowMark::MissedBefore(n) => format!("{n} missed"),
        }
    }
}

/// What the appointments screen says at the bottom (or under its form): what worked, or why
/// not. Service errors that are not the appointments' own are carried in both languages, so
/// a language switch still redraws them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreenNote {
    Done(Vec<super::appointments::ApptNote>),
    Problem(super::appointments::ApptProblem),
    Failed { zh: String, en: String },
}

impl ScreenNote {
    pub fn is_error(&self) -> bool {
        !matches!(self, ScreenNote::Done(_))
    }
}

impl Words for ScreenNote {
    fn zh(&self) -> String {
        match self {
            ScreenNote::Done(notes) => notes.iter().map(Words::zh).collect::<Vec<_>>().join("；"),
            ScreenNote::Problem(problem) => problem.zh(),
            ScreenNote::Failed { zh, .. } => zh.clone(),
        }
    }

    fn en(&self) -> String {
        match self {
            ScreenNote::Done(notes) => notes.iter().map(Words::en).collect::<Vec<_>>().join("; "),
            ScreenNote::Problem(problem) => problem.en(),
            ScreenNote::Failed { en, .. } => en.clone(),
        }
    }
}

/// The fixed words of the appointments screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreenText {
    Title(DayTitle),
    /// `已预约 3  已取号 1  爽约 0  已取消 0`.
    Counts {
        booked: usize,
        checked_in: usize,
        missed: usize,
        cancelled: usize,
    },
    /// The search in force.
    Finding {
        last_four: String,
        count: usize,
    },
    ColTime,
    ColService,
    ColName,
    ColPhone,
    ColChannel,
    ColState,
    ColTicket,
    ColMarks,
    Empty,
    BookTitle,
    /// What may be booked, above the booking form.
    BookRules {
        days: u32,
        hours: String,
        slot_min: u32,
        quota: u32,
    },
    FindTitle,
    FindIntro,
    /// The check-in form's title: which booking.
    /// The unmask form's title: the booking whose name and phone are asked for.
    UnmaskTitle {
        time: String,
        masked: String,
    },
    UnmaskIntro,
    CheckInTitle {
        time: String,
        name: String,
    },
    /// Above the check-in form: the window that keeps the booking's place.
    CheckInIntro {
        before: u32,
        after: u32,
    },
    CancelTitle,
    CancelQuestion {
        day: NaiveDate,
        time: String,
        name: String,
    },
    ConfirmKeys,
}

impl Words for ScreenText {
    fn zh(&self) -> String {
        match self {
            ScreenText::Title(day) => format!("预约 {}", day.zh()),
            ScreenText::Counts {
                booked,
                checked_in,
                missed,
                cancelled,
            } => format!("待取号 {booked}  已取号 {checked_in}  爽约 {missed}  已取消 {cancelled}"),
            ScreenText::Finding { last_four, count } => {
                format!("电话尾号 {last_four}：{count} 条（Esc 显示全部）")
            }
            ScreenText::ColTime => "时段".into(),
            ScreenText::ColService => "事项".into(),
            ScreenText::ColName => "姓名".into(),
            ScreenText::ColPhone => "电话".into(),
            ScreenText::ColChannel => "渠道".into(),
            ScreenText::ColState => "状态".into(),
            ScreenText::ColTicket => "票号".into(),
            ScreenText::ColMarks => "备注".into(),
            ScreenText::Empty => "这一天没有预约".into(),
            ScreenText::BookTitle => "新增预约".into(),
            ScreenText::BookRules {
                days,
                hours,
                slot_min,
                quota,
            } => format!(
                "明天起 {days} 个工作日内；{hours} 每 {slot_min} 分钟一段，每段每项 {quota} 人"
            ),
            ScreenText::FindTitle => "按电话尾号查找".into(),
            ScreenText::FindIntro => "输入预约电话的后四位数字，F2 查找".into(),
            ScreenText::UnmaskTitle { time, masked } => format!("查看完整信息：{time} {masked}"),
            ScreenText::UnmaskIntro => {
                "将显示该预约的完整姓名和电话，查看原因将记入审计日志。".into()
            }
            ScreenText::CheckInTitle { time, name } => format!("到场取号：{time} {name}"),
            ScreenText::CheckInIntro { before, after } => format!(
                "预约时间前 {before} 分钟至后 {after} 分钟内到达的优先排队，其余按普通号排队"
            ),
            ScreenText::CancelTitle => "取消预约".into(),
            ScreenText::CancelQuestion { day, time, name } => format!(
                "取消 {} {time} {name} 的预约？",
                super::appointments::day_zh(*day)
            ),
            ScreenText::ConfirmKeys => "Enter 确认取消，Esc 返回".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            ScreenText::Title(day) => format!("Appointments {}", day.en()),
            ScreenText::Counts {
                booked,
                checked_in,
                missed,
                cancelled,
            } => format!(
                "booked {booked}  checked in {checked_in}  missed {missed}  cancelled {cancelled}"
            ),
            ScreenText::Finding { last_four, count } => {
                format!("phone ending {last_four}: {count} (Esc shows all)")
            }
            ScreenText::ColTime => "Time".into(),
            ScreenText::ColService => "Service".into(),
            ScreenText::ColName => "Name".into(),
            ScreenText::ColPhone => "Phone".into(),
            ScreenText::ColChannel => "Via".into(),
            ScreenText::ColState => "State".into(),
            ScreenText::ColTicket => "Ticket".into(),
            ScreenText::ColMarks => "Notes".into(),
            ScreenText::Empty => "no bookings on this day".into(),
            ScreenText::BookTitle => "New booking".into(),
            ScreenText::BookRules {
                days,
                hours,
                slot_min,
                quota,
            } => format!(
                "from tomorrow, {days} working days ahead; {hours} in {slot_min}-minute slots, {quota} per slot and service"
            ),
            ScreenText::FindTitle => "Find by phone".into(),
            ScreenText::FindIntro => "the last four digits of the phone booked with; F2 finds".into(),
            ScreenText::UnmaskTitle { time, masked } => format!("Unmask: {time} {masked}"),
            ScreenText::UnmaskIntro => {
                "Shows this booking's full name and phone; the reason is kept in the audit log."
                    .into()
            }
            ScreenText::CheckInTitle { time, name } => format!("Check in: {time} {name}"),
            ScreenText::CheckInIntro { before, after } => format!(
                "arriving from {before} minutes before to {after} minutes after the booked time: priority; otherwise a normal ticket"
            ),
            ScreenText::CancelTitle => "Cancel booking".into(),
            ScreenText::CancelQuestion { day, time, name } => format!(
                "Cancel the booking of {name} on {} at {time}?",
                super::appointments::day_en(*day)
            ),
            ScreenText::ConfirmKeys => "Enter to cancel it, Esc to go back".into(),
        }
    }
}
