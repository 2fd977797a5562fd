//! Appointments (预约, SPEC §11): their states, the channels a booking comes through, and the
//! booking rules — slots of `appointment_slot_min` inside `open_hours`, on working days only,
//! from tomorrow up to `appointment_days` working days ahead — and the check-in window around a
//! slot's start. Pure: the calendar, the hours and "today" are given. Words live in
//! `i18n::appointments`.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::calendar::{Calendar, DayKind};
use super::codes::Channel;
use super::hours::OpenHours;

/// Declares a stored code enum: `Variant = "code"`, read and written as its code.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.code()))
            }
        }

        /// A stored code this binary does not know is an error, never a silent default.
        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                Self::from_code(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(Box::new(super::codes::UnknownCode {
                        kind: stringify!($name),
                        code: text.to_owned(),
                    }))
                })
            }
        }
    };
}

codes!(
    /// The state of a booking (SPEC §2). Only `booked` moves on: to `checked_in` at the front
    /// desk, to `cancelled`, or to `missed` at the day close.
    ApptState {
        Booked = "booked",
        CheckedIn = "checked_in",
        Missed = "missed",
        Cancelled = "cancelled",
    }
);

codes!(
    /// How the booking was made (SPEC §11): by phone through 12348, online, or in person.
    BookingChannel {
        Hotline = "hotline",
        Online = "online",
        WalkIn = "walk_in",
    }
);

impl BookingChannel {
    /// The visit channel of SPEC §2 with the same meaning (the ticket itself is always
    /// `appointment`; this says where the booking came from).
    pub fn channel(self) -> Channel {
        match self {
            BookingChannel::Hotline => Channel::Hotline,
            BookingChannel::Online => Channel::Online,
            BookingChannel::WalkIn => Channel::WalkIn,
        }
    }
}

/// One slot: a date and the local time it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot {
    pub date: NaiveDate,
    pub time: NaiveTime,
}

impl Slot {
    pub fn at(&self) -> NaiveDateTime {
        self.date.and_time(self.time)
    }
}

/// The settings of SPEC §6/§11 that govern booking and check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    pub open_hours: OpenHours,
    /// `appointment_slot_min`.
    pub slot_min: u32,
    /// `appointment_days`: how many working days ahead may be booked.
    pub days: u32,
    /// `appointment_quota`: bookings per service per slot.
    pub quota: u32,
    /// `checkin_before_min` and `checkin_after_min`: the window around the slot start in
    /// which a check-in keeps the booking's place.
    pub checkin_before_min: u32,
    pub checkin_after_min: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            open_hours: OpenHours::default(),
            slot_min: 30,
            days: 5,
            quota: 2,
            checkin_before_min: 60,
            checkin_after_min: 20,
        }
    }
}

/// Why a date cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRefusal {
    /// Today or earlier: bookings start tomorrow (today's visitors take a ticket).
    NotAfterToday { today: NaiveDate },
    /// Past the last bookable day.
    BeyondHorizon { last: NaiveDate, days: u32 },
    /// A weekend or a public holiday.
    NotWorkingDay(DayKind),
}

impl Rules {
    /// The slot starts of a day: every `slot_min` minutes from the start of each open part, as
    /// long as the whole slot fits before the part ends (08:30-12:00 in 30 minutes gives
    /// 08:30 … 11:30).
    pub fn slots(&self) -> Vec<NaiveTime> {
        let step = Duration::minutes(i64::from(self.slot_min.max(1)));
        let mut out = Vec::new();
        for (open, close) in self.open_hours.parts() {
            let mut start = *open;
            // NaiveTime wraps at midnight; the check on `next > start` stops a wrap.
            loop {
                let end = start + step;
                if end > *close || end <= start {
                    break;
                }
                out.push(start);
                start = end;
            }
        }
        out
    }

    pub fn is_slot(&self, time: NaiveTime) -> bool {
        self.slots().contains(&time)
    }

    /// The last day that may be booked on `today`.
    pub fn last_day(&self, calendar: &Calendar, today: NaiveDate) -> NaiveDate {
        calendar.add_working_days(today, self.days)
    }

    /// Whether `date` may be booked on `today`.
    pub fn check_day(
        &self,
        calendar: &Calendar,
        today: NaiveDate,
        date: NaiveDate,
    ) -> Result<(), DayRefusal> {
        if date <= today {
            return Err(DayRefusal::NotAfterToday { today });
        }
        let kind = calendar.day(date);
        if !kind.is_working() {
            return Err(DayRefusal::NotWorkingDay(kind));
        }
        let last = self.last_day(calendar, today);
        if date > last {
            return Err(DayRefusal::BeyondHorizon {
                last,
                days: self.days,
            });
        }
        Ok(())
    }

    /// Every slot that may be booked on `today`, in time order.
    pub fn bookable(&self, calendar: &Calendar, today: NaiveDate) -> Vec<Slot> {
        let last = self.last_day(calendar, today);
        let times = self.slots();
        today
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= last)
            .filter(|d| calendar.is_working_day(*d))
            .flat_map(|date| times.iter().map(move |time| Slot { date, time: *time }))
            .collect()
    }

    /// Whether a check-in at `now` keeps the booking's place: from `checkin_before_min` before
    /// the slot start to `checkin_after_min` after it, both ends included (unix seconds).
    pub fn on_time(&self, slot_start: i64, now: i64) -> bool {
        let before = i64::from(self.checkin_before_min) * 60;
        let after = i64::from(self.checkin_after_min) * 60;
        (slot_start - before..=slot_start + after).contains(&now)
    }
}

/// The `n` slots of `free` nearest to `wanted` (earlier first on a tie), in time order.
pub fn nearest(free: &[Slot], wanted: NaiveDateTime, n: usize) -> Vec<Slot> {
    let mut by_distance: Vec<Slot> = free.to_vec();
    by_distance.sort_by_key(|s| ((s.at() - wanted).num_minutes().abs(), *s));
    by_distance.truncate(n);
    by_distance.sort();
    by_distance
}

/// What makes two phone numbers the same person's: the digits only, without China's country
/// code (`+86 138-1234-5678` and `13812345678` are one number).
pub fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("86") {
        Some(rest) if rest.len() == 11 && rest.starts_with('1') => rest.to_string(),
        _ => digits,
    }
}

/// A slot time as typed: `HH:MM` (or `H:MM`).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let (h, m) = text.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn t(text: &str) -> NaiveTime {
        parse_time(text).unwrap()
    }

    #[test]
    fn default_slots_fill_each_open_part() {
        let slots = Rules::default().slots();
        let shown: Vec<String> = slots
            .iter()
            .map(|s| s.format("%H:%M").to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "14:00", "14:30",
                "15:00", "15:30", "16:00", "16:30", "17:00"
            ]
        );
        // A slot that would run past the end of a part is not offered.
        let rules = Rules {
            slot_min: 45,
            ..Rules::default()
        };
        assert_eq!(rules.slots().last().copied(), Some(t("16:15")));
        // 08:30, 09:15, 10:00, 10:45; 11:30 would end at 12:15.
        assert!(rules.is_slot(t("10:45")));
        assert!(!rules.is_slot(t("11:30")));
    }

    #[test]
    fn days_from_tomorrow_on_working_days_within_the_horizon() {
        let calendar = Calendar::builtin();
        let rules = Rules::default();
        // The day before National Day 2026: the horizon reaches across the holiday week.
        let today = d("2026-09-30");
        assert_eq!(
            rules.check_day(&calendar, today, today),
            Err(DayRefusal::NotAfterToday { today })
        );
        assert!(matches!(
            rules.check_day(&calendar, today, d("2026-10-05")),
            Err(DayRefusal::NotWorkingDay(DayKind::Holiday(_)))
        ));
        // 2026-10-10 is a Saturday worked for National Day.
        assert_eq!(rules.check_day(&calendar, today, d("2026-10-10")), Ok(()));
        assert!(matches!(
            rules.check_day(&calendar, today, d("2026-10-11")),
            Err(DayRefusal::NotWorkingDay(DayKind::Weekend))
        ));
        // Working days after 09-30: 10-08, 10-09, 10-10 (Saturday), 10-12, 10-13.
        assert_eq!(rules.last_day(&calendar, today), d("2026-10-13"));
        assert_eq!(rules.check_day(&calendar, today, d("2026-10-13")), Ok(()));
        assert_eq!(
            rules.check_day(&calendar, today, d("2026-10-14")),
            Err(DayRefusal::BeyondHorizon {
                last: d("2026-10-13"),
                days: 5
            })
        );
        let days: Vec<NaiveDate> = {
            let mut v: Vec<NaiveDate> = rules
                .bookable(&calendar, today)
                .iter()
                .map(|s| s.date)
                .collect();
            v.dedup();
            v
        };
        assert_eq!(
            days,
            [
                d("2026-10-08"),
                d("2026-10-09"),
                d("2026-10-10"),
                d("2026-10-12"),
                d("2026-10-13")
            ]
        );
    }

    #[test]
    fn check_in_window_includes_both_ends() {
        let rules = Rules::default();
        let start = 1_000_000;
        assert!(rules.on_time(start, start - 60 * 60));
        assert!(!rules.on_time(start, start - 60 * 60 - 1));
        assert!(rules.on_time(start, start + 20 * 60));
        assert!(!rules.on_time(start, start + 20 * 60 + 1));
    }

    #[test]
    fn nearest_slots_by_distance_then_in_time_order() {
        let day = d("2026-10-12");
        let free: Vec<Slot> = ["08:30", "09:30", "10:00", "14:00"]
            .iter()
            .map(|x| Slot {
                date: day,
                time: t(x),
            })
            .collect();
        let got = nearest(&free, day.and_time(t("09:00")), 2);
        // 08:30 and 09:30 are both 30 minutes away.
        assert_eq!(
            got.iter().map(|s| s.time).collect::<Vec<_>>(),
            [t("08:30"), t("09:30")]
        );
        assert!(nearest(&[], day.and_time(t("09:00")), 3).is_empty());
    }

    #[test]
    fn phones_and_times() {
        assert_eq!(phone_key("+86 138-1234-5678"), "13812345678");
        assert_eq!(phone_key("13812345678"), "13812345678");
        assert_eq!(phone_key("0571-8888 1234"), "057188881234");
        assert_eq!(parse_time("9:30"), Some(t("09:30")));
        for bad in [
            "", "09", "0930", "24:00", "09:60", "09:3", "9：30", "-1:00", "09:30x",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(
            ApptState::from_code("checked_in"),
            Some(ApptState::CheckedIn)
        );
        assert_eq!(BookingChannel::WalkIn.channel(), Channel::WalkIn);
    }
}
