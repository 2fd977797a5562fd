//! The working-day calendar of the State Council's holiday arrangements (节假日安排): official
//! holidays and the make-up working days (调休) that go with them. Shared by the legal-aid
//! clock, follow-ups and appointments.
//!
//! Built-in data comes from the `chinese_holiday` crate (2004 to 2026, pinned date by date in
//! the tests: another crate's release once shipped an empty 2026). A local override file adds
//! a year published after the release, or corrects one (2020's extended Spring Festival was
//! announced late). A date nobody has data for is never guessed at: it is counted Monday to
//! Friday and reported as unpublished, so every screen can flag it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Which festival an official day off or make-up working day belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Festival {
    NewYear,
    SpringFestival,
    Qingming,
    Labour,
    DragonBoat,
    MidAutumn,
    National,
    /// Named nowhere (a date from the override file, or "other" in the data).
    Other,
}

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// Monday to Friday, no arrangement.
    Workday,
    /// Saturday or Sunday, no arrangement.
    Weekend,
    /// An official day off (法定节假日 or a weekend moved into the holiday).
    Holiday(Festival),
    /// A Saturday or Sunday worked instead (调休上班).
    MakeUp(Festival),
}

impl DayKind {
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeUp(_))
    }
}

/// The first and last year built into the binary.
pub const BUILTIN_FIRST_YEAR: i32 = 2004;
pub const BUILTIN_LAST_YEAR: i32 = 2026;

/// The crate answers only up to 25 December of its last year: the days after it belong to
/// the next year's New Year arrangement (2018-12-29 was worked for 2019's New Year).
fn builtin_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(BUILTIN_LAST_YEAR, 12, 25).unwrap_or(NaiveDate::MAX)
}

fn builtin_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(BUILTIN_FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The year's arrangement from the override file: days off and make-up working days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YearOverride {
    pub off: BTreeSet<NaiveDate>,
    pub work: BTreeSet<NaiveDate>,
}

/// The calendar in force: built-in data plus the override file's years.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    overrides: BTreeMap<i32, YearOverride>,
    /// Every override date, whichever year's notice it came from (a New Year notice can
    /// reach back into the last days of December).
    by_date: BTreeMap<NaiveDate, bool>,
}

impl Calendar {
    /// The built-in data only.
    pub fn builtin() -> Calendar {
        Calendar::default()
    }

    /// The built-in data with these years added or replaced (date by date: a date the file
    /// names wins, the other days of a built-in year stay as built in).
    pub fn with_overrides(overrides: BTreeMap<i32, YearOverride>) -> Calendar {
        let mut by_date = BTreeMap::new();
        for year in overrides.values() {
            for date in &year.off {
                by_date.insert(*date, false);
            }
            for date in &year.work {
                by_date.insert(*date, true);
            }
        }
        Calendar { overrides, by_date }
    }

    /// The years the override file added.
    pub fn override_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.overrides.keys().copied()
    }

    /// Whether the State Council's arrangement for `year` is known here.
    pub fn has_data(&self, year: i32) -> bool {
        (BUILTIN_FIRST_YEAR..=BUILTIN_LAST_YEAR).contains(&year)
            || self.overrides.contains_key(&year)
    }

    /// Whether `date` is covered by a published arrangement. The last days of December also
    /// need the next year's notice, which may move them.
    pub fn is_published(&self, date: NaiveDate) -> bool {
        let year = date.year();
        if !self.has_data(year) {
            return false;
        }
        let tail = date.month() == 12 && date.day() > 25;
        !tail || self.has_data(year + 1)
    }

    /// What kind of day `date` is: the override file first, then the built-in data, then
    /// Monday to Friday.
    pub fn day(&self, date: NaiveDate) -> DayKind {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        if let Some(working) = self.by_date.get(&date) {
            return match (working, weekend) {
                (true, true) => DayKind::MakeUp(Festival::Other),
                (true, false) => DayKind::Workday,
                (false, _) => DayKind::Holiday(Festival::Other),
            };
        }
        if (builtin_start()..=builtin_end()).contains(&date) {
            if let Some(kind) = builtin_day(date) {
                return kind;
            }
        }
        if weekend {
            DayKind::Weekend
        } else {
            DayKind::Workday
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day(date).is_working()
    }

    /// `date` itself when it is a working day, else the first working day after it.
    pub fn next_working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        // Even the longest holiday (Spring Festival with weekends) is under three weeks.
        for _ in 0..366 {
            if self.is_working_day(day) {
                return day;
            }
            day += Duration::days(1);
        }
        day
    }

    /// The `n`th working day after `date` (`date` itself not counted); `date` for n = 0.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The days of `year` that differ from plain Monday to Friday: official days off that
    /// fall on weekdays or weekends, and make-up working days, in date order.
    pub fn arrangement(&self, year: i32) -> Vec<(NaiveDate, DayKind)> {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Vec::new();
        };
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter_map(|d| match self.day(d) {
                DayKind::Workday | DayKind::Weekend => None,
                kind => Some((d, kind)),
            })
            .collect()
    }
}

/// The crate's answer for a date inside its range.
fn builtin_day(date: NaiveDate) -> Option<DayKind> {
    use chinese_holiday::DayKind as K;
    let year = u16::try_from(date.year()).ok()?;
    let ymd = chinese_holiday::Ymd::new(year, date.month() as u8, date.day() as u8);
    Some(match chinese_holiday::chinese_holiday(ymd) {
        K::NormalWorkday => DayKind::Workday,
        K::NormalHoliday => DayKind::Weekend,
        K::NewYearsDayHoliday => DayKind::Holiday(Festival::NewYear),
        K::NewYearsDayWorkday => DayKind::MakeUp(Festival::NewYear),
        K::SpringFestivalHoliday => DayKind::Holiday(Festival::SpringFestival),
        K::SpringFestivalWorkday => DayKind::MakeUp(Festival::SpringFestival),
        K::ChingMingFestivalHoliday => DayKind::Holiday(Festival::Qingming),
        K::ChingMingFestivalWorkday => DayKind::MakeUp(Festival::Qingming),
        K::InternationalWorkersDayHoliday => DayKind::Holiday(Festival::Labour),
        K::InternationalWorkersDayWorkday => DayKind::MakeUp(Festival::Labour),
        K::DragonBoatFestivalHoliday => DayKind::Holiday(Festival::DragonBoat),
        K::DragonBoatFestivalWorkday => DayKind::MakeUp(Festival::DragonBoat),
        K::MidAutumnFestivalHoliday => DayKind::Holiday(Festival::MidAutumn),
        K::MidAutumnFestivalWorkday => DayKind::MakeUp(Festival::MidAutumn),
        K::NationalDayHoliday => DayKind::Holiday(Festival::National),
        K::NationalDayWorkday => DayKind::MakeUp(Festival::National),
        K::OtherHoliday => DayKind::Holiday(Festival::Other),
        K::OtherWorkday => DayKind::MakeUp(Festival::Other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Per shipped year, from the State Council's notices: the first day of the Spring
    /// Festival (农历正月初一, always off) and a Saturday or Sunday worked instead (调休).
    const PINS: &[(i32, &str, &str)] = &[
        (2004, "2004-01-22", "2004-01-17"),
        (2005, "2005-02-09", "2005-02-05"),
        (2006, "2006-01-29", "2006-01-28"),
        (2007, "2007-02-18", "2007-02-17"),
        (2008, "2008-02-07", "2008-02-02"),
        (2009, "2009-01-26", "2009-01-24"),
        (2010, "2010-02-14", "2010-02-20"),
        (2011, "2011-02-03", "2011-01-30"),
        (2012, "2012-01-23", "2012-01-21"),
        (2013, "2013-02-10", "2013-01-05"),
        (2014, "2014-01-31", "2014-01-26"),
        (2015, "2015-02-19", "2015-02-15"),
        (2016, "2016-02-08", "2016-02-06"),
        (2017, "2017-01-28", "2017-01-22"),
        (2018, "2018-02-16", "2018-02-11"),
        (2019, "2019-02-05", "2019-02-02"),
        (2020, "2020-01-25", "2020-01-19"),
        (2021, "2021-02-12", "2021-02-07"),
        (2022, "2022-02-01", "2022-01-29"),
        (2023, "2023-01-22", "2023-01-28"),
        (2024, "2024-02-10", "2024-02-04"),
        (2025, "2025-01-29", "2025-01-26"),
        (2026, "2026-02-17", "2026-02-14"),
    ];

    #[test]
    fn every_shipped_year_is_pinned_and_not_empty() {
        let cal = Calendar::builtin();
        let years: Vec<i32> = PINS.iter().map(|p| p.0).collect();
        let shipped: Vec<i32> = (BUILTIN_FIRST_YEAR..=BUILTIN_LAST_YEAR).collect();
        assert_eq!(years, shipped, "a pin for every shipped year");
        for (year, new_year, make_up) in PINS {
            assert!(cal.has_data(*year));
            assert_eq!(
                cal.day(d(new_year)),
                DayKind::Holiday(Festival::SpringFestival),
                "{new_year}"
            );
            let worked = cal.day(d(make_up));
            assert!(
                matches!(worked, DayKind::MakeUp(_)),
                "{make_up} is {worked:?}"
            );
            // 1 October is off every year (in 2020 it was also the Mid-Autumn Festival).
            let national = d(&format!("{year}-10-01"));
            assert!(
                matches!(cal.day(national), DayKind::Holiday(_)),
                "{national}"
            );
            let new_years_day = d(&format!("{year}-01-01"));
            assert_eq!(cal.day(new_years_day), DayKind::Holiday(Festival::NewYear));
            // An empty year (as another crate once shipped for 2026) has no arrangement.
            let days = cal.arrangement(*year);
            let off = days
                .iter()
                .filter(|(_, k)| matches!(k, DayKind::Holiday(_)))
                .count();
            let worked = days
                .iter()
                .filter(|(_, k)| matches!(k, DayKind::MakeUp(_)))
                .count();
            assert!(off >= 20, "{year}: only {off} days off");
            assert!(worked >= 3, "{year}: only {worked} make-up days");
        }
    }

    #[test]
    fn twenty_twenty_six_as_published() {
        let cal = Calendar::builtin();
        for day in 15..=23 {
            let date = NaiveDate::from_ymd_opt(2026, 2, day).unwrap();
            assert!(!cal.is_working_day(date), "{date}");
        }
        assert!(cal.is_working_day(d("2026-02-14")));
        assert!(cal.is_working_day(d("2026-02-28")));
        assert!(cal.is_working_day(d("2026-02-24")));
        for day in 1..=7 {
            let date = NaiveDate::from_ymd_opt(2026, 10, day).unwrap();
            assert!(!cal.is_working_day(date), "{date}");
        }
        assert!(cal.is_working_day(d("2026-09-20")));
        assert!(cal.is_working_day(d("2026-10-10")));
        assert_eq!(cal.day(d("2026-10-11")), DayKind::Weekend);
        assert_eq!(cal.day(d("2026-10-08")), DayKind::Workday);
        // 2020's Spring Festival was extended to 2 February.
        assert!(!cal.is_working_day(d("2020-02-02")));
    }

    #[test]
    fn working_day_arithmetic() {
        let cal = Calendar::builtin();
        assert_eq!(cal.add_working_days(d("2026-02-10"), 7), d("2026-02-26"));
        assert_eq!(cal.add_working_days(d("2026-09-28"), 7), d("2026-10-13"));
        assert_eq!(cal.add_working_days(d("2026-09-28"), 0), d("2026-09-28"));
        assert_eq!(
            cal.next_working_day_on_or_after(d("2026-02-17")),
            d("2026-02-24")
        );
        assert_eq!(
            cal.next_working_day_on_or_after(d("2026-02-24")),
            d("2026-02-24")
        );
        assert_eq!(
            cal.next_working_day_on_or_after(d("2026-10-03")),
            d("2026-10-08")
        );
    }

    #[test]
    fn years_without_data_are_monday_to_friday_and_unpublished() {
        let cal = Calendar::builtin();
        assert!(!cal.has_data(2027));
        assert!(!cal.has_data(2003));
        // 2027-01-01 is a Friday: without data it is an ordinary working day, flagged.
        assert!(cal.is_working_day(d("2027-01-01")));
        assert!(!cal.is_published(d("2027-01-01")));
        assert!(!cal.is_working_day(d("2027-01-02")));
        assert!(cal.is_published(d("2026-12-25")));
        // The last days of 2026 wait for 2027's New Year notice; the crate cannot answer.
        assert!(!cal.is_published(d("2026-12-28")));
        assert!(cal.is_working_day(d("2026-12-28")));
        assert!(cal.is_published(d("2025-12-31")));
    }

    #[test]
    fn overrides_add_a_year_and_win_over_builtin_days() {
        let mut years = BTreeMap::new();
        years.insert(
            2027,
            YearOverride {
                off: [d("2027-01-01"), d("2026-12-31")].into_iter().collect(),
                work: [d("2027-01-09")].into_iter().collect(),
            },
        );
        years.insert(
            2026,
            YearOverride {
                off: [d("2026-03-02")].into_iter().collect(),
                work: BTreeSet::new(),
            },
        );
        let cal = Calendar::with_overrides(years);
        assert!(cal.has_data(2027));
        assert!(cal.is_published(d("2027-06-01")));
        assert!(cal.is_published(d("2026-12-28")));
        assert!(!cal.is_working_day(d("2027-01-01")));
        assert!(!cal.is_working_day(d("2026-12-31")));
        assert_eq!(cal.day(d("2027-01-09")), DayKind::MakeUp(Festival::Other));
        assert!(!cal.is_working_day(d("2026-03-02")));
        // The rest of 2026 stays as built in.
        assert!(!cal.is_working_day(d("2026-02-17")));
        assert!(!cal.is_published(d("2027-12-30")));
    }
}
