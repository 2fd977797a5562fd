//! 差评 follow-ups (回访整改, SPEC §9.4): when one falls due and when it is overdue. The
//! working days come from the holiday calendar (§10), reached through [`WorkingDays`] so the
//! rule here does not depend on where the calendar's data comes from.

use chrono::{Datelike, NaiveDate, Weekday};

/// Counting working days forward: official holidays skipped, make-up working days (调休)
/// counted.
pub trait WorkingDays {
    /// The date `n` working days after `from` (`from` itself is not counted).
    fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate;
}

/// Monday to Friday, without holidays.
// TEMPORARY stand-in until the official holiday calendar (branch `aid`) is merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Weekdays;

impl WorkingDays for Weekdays {
    fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut date = from;
        let mut left = n;
        while left > 0 {
            date = date.succ_opt().unwrap_or(date);
            if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                left -= 1;
            }
        }
        date
    }
}

/// The due date of a follow-up opened on business date `rated_on`: `days` working days later
/// (setting `followup_days`, default 5). The day of the rating is not counted, as a deadline
/// "N working days after" is read in Chinese administrative practice.
pub fn due_date(rated_on: NaiveDate, days: u32, calendar: &impl WorkingDays) -> NaiveDate {
    calendar.add_working_days(rated_on, days)
}

/// Overdue once its due date has passed: the due date itself is still in time.
pub fn is_overdue(due: NaiveDate, today: NaiveDate) -> bool {
    today > due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_rating_day_is_not_counted_and_the_due_day_is_in_time() {
        // Monday 2026-11-23 + 5 working days = Monday 2026-11-30.
        let due = due_date(d("2026-11-23"), 5, &Weekdays);
        assert_eq!(due, d("2026-11-30"));
        assert!(!is_overdue(due, d("2026-11-30")));
        assert!(is_overdue(due, d("2026-12-01")));
    }
}
