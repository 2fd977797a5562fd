//! 差评 follow-ups (回访整改, SPEC §9.4): when one falls due and when it is overdue. The
//! working days come from the holiday calendar (§10), reached through [`WorkingDays`] so the
//! rule here does not depend on where the calendar's data comes from.

use chrono::NaiveDate;

/// Counting working days forward: official holidays skipped, make-up working days (调休)
/// counted.
pub trait WorkingDays {
    /// The date `n` working days after `from` (`from` itself is not counted).
    fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate;
}

/// The official calendar: holidays skipped, make-up working days counted; a year without
/// published data counts Monday to Friday (and is flagged where it is shown).
impl WorkingDays for super::calendar::Calendar {
    fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        super::calendar::Calendar::add_working_days(self, from, n)
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
    use crate::domain::calendar::Calendar;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_rating_day_is_not_counted_and_the_due_day_is_in_time() {
        // Monday 2026-11-23 + 5 working days = Monday 2026-11-30.
        let due = due_date(d("2026-11-23"), 5, &Calendar::builtin());
        assert_eq!(due, d("2026-11-30"));
        assert!(!is_overdue(due, d("2026-11-30")));
        assert!(is_overdue(due, d("2026-12-01")));
    }

    #[test]
    fn spring_festival_2026_is_skipped_and_its_make_up_saturdays_count() {
        // 春节 2026: 2月15日–23日 off; Saturday 2月14日 and Saturday 2月28日 worked.
        let calendar = Calendar::builtin();
        // Friday 13th: Sat 14 (make-up) 1, then 24 25 26 27 → due Friday the 27th.
        assert_eq!(due_date(d("2026-02-13"), 5, &calendar), d("2026-02-27"));
        // Tuesday 24th: 25 26 27, Sat 28 (make-up), Mon 2 March.
        assert_eq!(due_date(d("2026-02-24"), 5, &calendar), d("2026-03-02"));
    }
}
