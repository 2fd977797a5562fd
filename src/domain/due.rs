//! Due dates counted as the civil code counts periods (民法典 Art. 201, 203): the day of
//! receipt is not counted, the period runs from the next day, and a last day that falls on a
//! rest day or public holiday moves to the first working day after it. Periods are counted in
//! calendar days (the law's 日) or working days (some local rules). Days spent waiting for
//! supplementary materials can be left out of the count.

use chrono::{Duration, NaiveDate};

use super::calendar::{Calendar, DayKind, Festival};

/// How the days of a period are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayCount {
    Calendar,
    Working,
}

/// A stretch of days not counted: from the day after `requested` through `received` (the
/// clock stops when the desk asks for materials and starts again the day after they come,
/// just as it started the day after receipt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub requested: NaiveDate,
    pub received: NaiveDate,
}

impl Pause {
    fn covers(&self, day: NaiveDate) -> bool {
        day > self.requested && day <= self.received
    }

    pub fn days(&self) -> i64 {
        (self.received - self.requested).num_days().max(0)
    }
}

/// A due date and how it was counted, so the screen can explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub date: NaiveDate,
    pub days: u32,
    pub count: DayCount,
    /// Calendar count: the last day fell on a rest day or holiday and moved to `date`.
    pub moved_from: Option<NaiveDate>,
    /// The festival (if any) that the period ran into: the holiday the last day fell in
    /// (calendar count), or the first holiday skipped (working count).
    pub festival: Option<Festival>,
    /// Days left out for supplementing.
    pub paused_days: i64,
    /// Some day of the period lies in a year whose arrangement is not published: counted
    /// Monday to Friday, to be checked when it is.
    pub unpublished: bool,
}

/// The due date of a period of `days` after `received`.
pub fn due_date(
    calendar: &Calendar,
    received: NaiveDate,
    days: u32,
    count: DayCount,
    pauses: &[Pause],
) -> Due {
    let paused = |day: NaiveDate| pauses.iter().any(|p| p.covers(day));
    let mut day = received;
    let mut counted = 0;
    let mut festival = None;
    while counted < days {
        day += Duration::days(1);
        if paused(day) {
            continue;
        }
        match count {
            DayCount::Calendar => counted += 1,
            DayCount::Working => match calendar.day(day) {
                DayKind::Workday | DayKind::MakeUp(_) => counted += 1,
                DayKind::Holiday(f) => {
                    festival = festival.or(Some(f));
                }
                DayKind::Weekend => {}
            },
        }
    }
    let mut moved_from = None;
    if count == DayCount::Calendar {
        if let DayKind::Holiday(f) = calendar.day(day) {
            festival = Some(f);
        }
        let working = calendar.next_working_day_on_or_after(day);
        if working != day {
            moved_from = Some(day);
            day = working;
        }
    }
    let unpublished = received
        .iter_days()
        .take_while(|d| *d <= day)
        .any(|d| !calendar.is_published(d));
    Due {
        date: day,
        days,
        count,
        moved_from,
        festival,
        paused_days: pauses.iter().map(Pause::days).sum(),
        unpublished,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn due(received: &str, count: DayCount, pauses: &[Pause]) -> Due {
        due_date(&Calendar::builtin(), d(received), 7, count, pauses)
    }

    #[test]
    fn spring_festival_2026() {
        let calendar = due("2026-02-10", DayCount::Calendar, &[]);
        assert_eq!(calendar.date, d("2026-02-24"));
        assert_eq!(calendar.moved_from, Some(d("2026-02-17")));
        assert_eq!(calendar.festival, Some(Festival::SpringFestival));
        assert!(!calendar.unpublished);
        let working = due("2026-02-10", DayCount::Working, &[]);
        assert_eq!(working.date, d("2026-02-26"));
        assert_eq!(working.moved_from, None);
        assert_eq!(working.festival, Some(Festival::SpringFestival));
    }

    #[test]
    fn national_day_2026() {
        let calendar = due("2026-09-28", DayCount::Calendar, &[]);
        assert_eq!(calendar.date, d("2026-10-08"));
        assert_eq!(calendar.moved_from, Some(d("2026-10-05")));
        assert_eq!(calendar.festival, Some(Festival::National));
        assert_eq!(
            due("2026-09-28", DayCount::Working, &[]).date,
            d("2026-10-13")
        );
    }

    #[test]
    fn an_ordinary_week_does_not_move() {
        // Monday 2026-03-02: the seventh day is the next Monday.
        let plain = due("2026-03-02", DayCount::Calendar, &[]);
        assert_eq!(plain.date, d("2026-03-09"));
        assert_eq!(plain.moved_from, None);
        assert_eq!(plain.festival, None);
        // A last day on a plain Sunday moves to Monday.
        let sunday = due("2026-03-01", DayCount::Calendar, &[]);
        assert_eq!(sunday.moved_from, Some(d("2026-03-08")));
        assert_eq!(sunday.date, d("2026-03-09"));
        assert_eq!(sunday.festival, None);
    }

    #[test]
    fn supplement_days_are_left_out() {
        // Asked on Tuesday 3 March, materials on Friday 6 March: 4, 5 and 6 March not counted.
        let pause = Pause {
            requested: d("2026-03-03"),
            received: d("2026-03-06"),
        };
        let calendar = due("2026-03-02", DayCount::Calendar, &[pause]);
        assert_eq!(calendar.date, d("2026-03-12"));
        assert_eq!(calendar.paused_days, 3);
        // Working days: 3 Mar counted, 4-6 Mar paused, then 9, 10, 11, 12, 13, 16 Mar.
        let working = due("2026-03-02", DayCount::Working, &[pause]);
        assert_eq!(
            due("2026-03-02", DayCount::Working, &[]).date,
            d("2026-03-11")
        );
        assert_eq!(working.date, d("2026-03-16"));
        // Over the Spring Festival a calendar pause still ends on the first working day.
        let festive = Pause {
            requested: d("2026-02-11"),
            received: d("2026-02-14"),
        };
        assert_eq!(
            due("2026-02-10", DayCount::Calendar, &[festive]).date,
            d("2026-02-24")
        );
        // Working count: 11 Feb counted; 12-14 Feb paused (14th a make-up day, not counted);
        // then 24, 25, 26, 27, 28 (Saturday worked), 2 Mar.
        assert_eq!(
            due("2026-02-10", DayCount::Working, &[festive]).date,
            d("2026-03-02")
        );
    }

    #[test]
    fn a_receipt_in_an_unpublished_year_is_flagged() {
        let late = due("2027-03-01", DayCount::Calendar, &[]);
        assert!(late.unpublished);
        // Counted Monday to Friday meanwhile: Monday 1 March 2027 + 7 = Monday 8 March.
        assert_eq!(late.date, d("2027-03-08"));
        assert!(due("2026-12-21", DayCount::Calendar, &[]).unpublished);
        assert!(!due("2026-12-10", DayCount::Calendar, &[]).unpublished);
    }
}
