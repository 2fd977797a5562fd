//! Words of appointments (预约, SPEC §11): states and channels, why a booking or a check-in is
//! refused (with the nearest free slots), what the front desk and the 12348 operator are told
//! when it worked, and the warning about earlier missed bookings.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use super::Words;
use crate::domain::appointment::{ApptState, BookingChannel, DayRefusal, Slot};
use crate::domain::codes::Service;
use crate::i18n::Lang;

impl Words for ApptState {
    fn zh(&self) -> String {
        match self {
            ApptState::Booked => "已预约",
            ApptState::CheckedIn => "已取号",
            ApptState::Missed => "爽约",
            ApptState::Cancelled => "已取消",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            ApptState::Booked => "booked",
            ApptState::CheckedIn => "checked in",
            ApptState::Missed => "missed",
            ApptState::Cancelled => "cancelled",
        }
        .into()
    }
}

impl Words for BookingChannel {
    fn zh(&self) -> String {
        match self {
            BookingChannel::Hotline => "12348热线",
            BookingChannel::Online => "网上",
            BookingChannel::WalkIn => "现场",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            BookingChannel::Hotline => "12348 hotline",
            BookingChannel::Online => "online",
            BookingChannel::WalkIn => "in person",
        }
        .into()
    }
}

pub fn weekday_zh(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// `10月10日（周六）` / `Sat 10 Oct`: the weekday matters on the phone, and a make-up working
/// Saturday is exactly the day a caller doubts.
pub fn day_zh(date: NaiveDate) -> String {
    format!(
        "{}月{}日（{}）",
        date.month(),
        date.day(),
        weekday_zh(date.weekday())
    )
}

pub fn day_en(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

pub fn hhmm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// Slots grouped by day: `10月9日（周五）09:00、09:30；10月12日（周一）08:30`.
fn slot_list(slots: &[Slot], lang: Lang) -> String {
    let mut days: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    for slot in slots {
        match days.last_mut() {
            Some((date, times)) if *date == slot.date => times.push(hhmm(slot.time)),
            _ => days.push((slot.date, vec![hhmm(slot.time)])),
        }
    }
    let parts: Vec<String> = days
        .into_iter()
        .map(|(date, times)| match lang {
            Lang::Zh => format!("{}{}", day_zh(date), times.join("、")),
            Lang::En => format!("{} {}", day_en(date), times.join(", ")),
        })
        .collect();
    parts.join(lang.pick("；", "; "))
}

/// Why a booking was refused (nothing was stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Day {
        date: NaiveDate,
        why: DayRefusal,
    },
    /// The time is not the start of a slot.
    NotASlot {
        time: NaiveTime,
        slot_min: u32,
        hours: String,
    },
    /// The slot has its quota of bookings for this service.
    SlotFull {
        slot: Slot,
        service: Service,
        quota: u32,
    },
    /// This phone already has a booking for this service that day.
    PhoneTaken {
        slot: Slot,
        service: Service,
    },
}

impl Words for Refusal {
    fn zh(&self) -> String {
        match self {
            Refusal::Day { date, why } => match why {
                DayRefusal::NotAfterToday { today } => format!(
                    "只能预约明天及以后的日期（今天是 {}）；当天来访请直接取号",
                    day_zh(*today)
                ),
                DayRefusal::BeyondHorizon { last, days } => {
                    format!("只能预约 {days} 个工作日以内，最晚 {}", day_zh(*last))
                }
                DayRefusal::NotWorkingDay(kind) => {
                    format!("{} 是{}，不安排预约", day_zh(*date), kind.zh())
                }
            },
            Refusal::NotASlot {
                time,
                slot_min,
                hours,
            } => format!(
                "{} 不是预约时段的开始时间：时段为 {hours} 内每 {slot_min} 分钟一段",
                hhmm(*time)
            ),
            Refusal::SlotFull {
                slot,
                service,
                quota,
            } => format!(
                "{} {} 的{}预约已满（每个时段限 {quota} 人）",
                day_zh(slot.date),
                hhmm(slot.time),
                service.label(Lang::Zh)
            ),
            Refusal::PhoneTaken { slot, service } => format!(
                "该电话号码已预约 {} {} 的{}，同一号码同一事项每天只能预约一次",
                day_zh(slot.date),
                hhmm(slot.time),
                service.label(Lang::Zh)
            ),
        }
    }

    fn en(&self) -> String {
        match self {
            Refusal::Day { date, why } => match why {
                DayRefusal::NotAfterToday { today } => format!(
                    "bookings start tomorrow (today is {}); a visitor today takes a ticket",
                    day_en(*today)
                ),
                DayRefusal::BeyondHorizon { last, days } => format!(
                    "bookings go at most {days} working days ahead, up to {}",
                    day_en(*last)
                ),
                DayRefusal::NotWorkingDay(kind) => {
                    format!("{} is a {}: no bookings", day_en(*date), kind.en())
                }
            },
            Refusal::NotASlot {
                time,
                slot_min,
                hours,
            } => format!(
                "{} is not the start of a slot: slots are every {slot_min} minutes within {hours}",
                hhmm(*time)
            ),
            Refusal::SlotFull {
                slot,
                service,
                quota,
            } => format!(
                "{} {} is fully booked for {} ({quota} per slot)",
                day_en(slot.date),
                hhmm(slot.time),
                service.label(Lang::En)
            ),
            Refusal::PhoneTaken { slot, service } => format!(
                "this phone number already has {} booked on {} at {}; one booking per number, service and day",
                service.label(Lang::En),
                day_en(slot.date),
                hhmm(slot.time)
            ),
        }
    }
}

/// Why an appointment command was refused; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApptProblem {
    /// A booking refused for `why`; `offers` are the nearest free slots of the same service.
    Refused { why: Refusal, offers: Vec<Slot> },
    /// The date as typed is not a date.
    BadDate { text: String },
    /// The time as typed is not `HH:MM`.
    BadTime { text: String },
    /// A phone number is required to book (and to find the booking again).
    PhoneRequired,
    /// Only a booking still `booked` can be checked in or cancelled.
    NotBooked { state: ApptState },
    /// Check-in is on the booked day only.
    NotToday { date: NaiveDate },
    /// The search takes the last four digits of the phone number.
    BadLastFour,
    /// No booking is selected on the screen.
    NoneSelected,
}

impl Words for ApptProblem {
    fn zh(&self) -> String {
        match self {
            ApptProblem::Refused { why, offers } => {
                let free = if offers.is_empty() {
                    "近期已没有可预约的时段".to_string()
                } else {
                    format!("最近可约：{}", slot_list(offers, Lang::Zh))
                };
                format!("{}。{free}", why.zh())
            }
            ApptProblem::BadDate { text } => {
                format!("预约日期无效：{text}（格式 YYYY-MM-DD，且须是真实存在的日期）")
            }
            ApptProblem::BadTime { text } => {
                format!("预约时间无效：{text}（格式 HH:MM，例如 09:30）")
            }
            ApptProblem::PhoneRequired => "预约须留电话号码".into(),
            ApptProblem::NotBooked { state } => {
                format!("该预约当前为“{}”，不能再取号或取消", state.zh())
            }
            ApptProblem::NotToday { date } => {
                format!("这是 {} 的预约，只能在当天取号", day_zh(*date))
            }
            ApptProblem::BadLastFour => "请输入电话号码的后四位数字".into(),
            ApptProblem::NoneSelected => "请先选中一条预约".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            ApptProblem::Refused { why, offers } => {
                let free = if offers.is_empty() {
                    "No free slot in the coming days".to_string()
                } else {
                    format!("Nearest free: {}", slot_list(offers, Lang::En))
                };
                format!("{}. {free}", why.en())
            }
            ApptProblem::BadDate { text } => {
                format!("invalid date: {text} (use YYYY-MM-DD, a date that exists)")
            }
            ApptProblem::BadTime { text } => {
                format!("invalid time: {text} (use HH:MM, e.g. 09:30)")
            }
            ApptProblem::PhoneRequired => "a booking needs a phone number".into(),
            ApptProblem::NotBooked { state } => format!(
                "this booking is {}; it cannot be checked in or cancelled",
                state.en()
            ),
            ApptProblem::NotToday { date } => format!(
                "this booking is for {}; check-in is on that day only",
                day_en(*date)
            ),
            ApptProblem::BadLastFour => "type the last four digits of the phone number".into(),
            ApptProblem::NoneSelected => "select a booking first".into(),
        }
    }
}

/// What worked, for the status line of the screen and the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApptNote {
    Booked {
        id: i64,
        slot: Slot,
        service: Service,
    },
    /// The visitor missed earlier bookings (shown at the next booking; never a refusal).
    MissedBefore {
        count: u32,
        last: NaiveDate,
    },
    Cancelled {
        id: i64,
    },
    /// Checked in: the ticket, and whether it kept the booking's place. `minutes` is how far
    /// from the slot start (negative: early).
    CheckedIn {
        ticket: String,
        on_time: bool,
        minutes: i64,
    },
    /// The day was counted a working day without a published holiday arrangement (SPEC §10:
    /// never guessed silently).
    Unpublished {
        date: NaiveDate,
    },
    /// A supervisor unmasked a booking (audited); shown until the screen is left.
    Unmasked {
        id: i64,
        name: String,
        phone: String,
    },
}

impl Words for ApptNote {
    fn zh(&self) -> String {
        match self {
            ApptNote::Booked { id, slot, service } => format!(
                "已预约：{} {} {}（预约编号 {id}）",
                day_zh(slot.date),
                hhmm(slot.time),
                service.label(Lang::Zh)
            ),
            ApptNote::MissedBefore { count, last } => format!(
                "注意：该电话号码此前爽约 {count} 次（最近一次 {}）",
                day_zh(*last)
            ),
            ApptNote::Cancelled { id } => format!("已取消预约（编号 {id}）"),
            ApptNote::CheckedIn {
                ticket,
                on_time: true,
                ..
            } => format!("已取号 {ticket}：在预约时段内到达，优先排队"),
            ApptNote::CheckedIn {
                ticket, minutes, ..
            } if *minutes < 0 => format!(
                "已取号 {ticket}：比预约时间早到 {} 分钟，按普通号排队",
                -minutes
            ),
            ApptNote::CheckedIn {
                ticket, minutes, ..
            } => format!("已取号 {ticket}：超过预约时间 {minutes} 分钟，按普通号排队"),
            ApptNote::Unpublished { date } => format!(
                "注意：{} {}，暂按周一至周五为工作日安排",
                day_zh(*date),
                super::calendar::Unpublished.zh()
            ),
            ApptNote::Unmasked { id, name, phone } => {
                format!("预约 {id} 完整信息：{name}  {phone}（本次查看已记入审计日志）")
            }
        }
    }

    fn en(&self) -> String {
        match self {
            ApptNote::Booked { id, slot, service } => format!(
                "booked: {} {} {} (booking {id})",
                day_en(slot.date),
                hhmm(slot.time),
                service.label(Lang::En)
            ),
            ApptNote::MissedBefore { count, last } => format!(
                "note: this phone number missed {count} earlier booking(s), the last on {}",
                day_en(*last)
            ),
            ApptNote::Cancelled { id } => format!("booking {id} cancelled"),
            ApptNote::CheckedIn {
                ticket,
                on_time: true,
                ..
            } => format!("ticket {ticket}: arrived in the booked time, queued as priority"),
            ApptNote::CheckedIn {
                ticket, minutes, ..
            } if *minutes < 0 => format!(
                "ticket {ticket}: {} minutes early for the booking, queued as a normal ticket",
                -minutes
            ),
            ApptNote::CheckedIn {
                ticket, minutes, ..
            } => format!(
                "ticket {ticket}: {minutes} minutes late for the booking, queued as a normal ticket"
            ),
            ApptNote::Unpublished { date } => format!(
                "note: {} has {}; counted Monday to Friday",
                day_en(*date),
                super::calendar::Unpublished.en()
            ),
            ApptNote::Unmasked { id, name, phone } => {
                format!("booking {id} in full: {name}  {phone} (this look is audited)")
            }
        }
    }
}
