//! `legaldesk holidays [--year Y]` prints the working-day calendar in force; `--check FILE`
//! validates a holiday override file. From 1 November (the business date) it reminds the
//! center when next year's arrangement is missing.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::CommandResult;
use crate::domain::calendar::{Calendar, DayKind, BUILTIN_FIRST_YEAR, BUILTIN_LAST_YEAR};
use crate::domain::clock::{self, Zone};
use crate::i18n::calendar::{HolidaysText, Source};
use crate::i18n::{Lang, Words};
use crate::service::calendar;

pub struct HolidaysArgs<'a> {
    pub year: Option<i32>,
    pub check: Option<&'a Path>,
    pub today: Option<NaiveDate>,
    pub db: Option<&'a Path>,
}

pub fn holidays(args: HolidaysArgs, lang: Lang) -> CommandResult {
    if let Some(file) = args.check {
        return match calendar::check_file(file) {
            Ok(checked) => {
                let years: Vec<i32> = checked.override_years().collect();
                println!("{}", HolidaysText::FileGood { years }.text(lang));
                Ok(())
            }
            Err(problems) => {
                let lines: Vec<String> = problems.iter().map(|p| p.text(lang)).collect();
                Err(lines.join("\nlegaldesk: "))
            }
        };
    }
    let (calendar, problems) = calendar::load();
    for problem in &problems {
        eprintln!("legaldesk: {}", problem.text(lang));
    }
    if !problems.is_empty() {
        eprintln!("legaldesk: {}", HolidaysText::FileIgnored.text(lang));
    }
    let today = args
        .today
        .unwrap_or_else(|| business_zone(args.db).business_date(clock::now()));
    let years: Vec<i32> = match args.year {
        Some(year) => vec![year],
        None if calendar.has_data(today.year() + 1) => vec![today.year(), today.year() + 1],
        None => vec![today.year()],
    };
    let mut out = String::new();
    for (i, year) in years.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in year_lines(&calendar, *year) {
            out.push_str(&line.text(lang));
            out.push('\n');
        }
    }
    print!("{out}");
    if let Some(year) = missing_next_year(&calendar, today) {
        let file = calendar::override_path();
        eprintln!(
            "legaldesk: {}",
            HolidaysText::NextYearMissing { year, file }.text(lang)
        );
    }
    Ok(())
}

/// The center's zone from its database when there is one; the system's otherwise (the
/// calendar itself needs no database).
fn business_zone(db: Option<&Path>) -> Zone {
    crate::db::resolve_path(db)
        .ok()
        .filter(|p| p.exists())
        .and_then(|p| crate::db::open_existing(&p).ok())
        .and_then(|conn| crate::service::settings::load(&conn).ok())
        .map(|s| s.zone)
        .unwrap_or(Zone::System)
}

/// From 1 November, next year's arrangement should be here (the State Council publishes it
/// in November or December, and appointments and due dates reach into it).
pub fn missing_next_year(calendar: &Calendar, today: NaiveDate) -> Option<i32> {
    let next = today.year() + 1;
    (today.month() >= 11 && !calendar.has_data(next)).then_some(next)
}

/// A year's heading and its runs of days off and make-up working days.
fn year_lines(calendar: &Calendar, year: i32) -> Vec<HolidaysText> {
    if !calendar.has_data(year) {
        return vec![HolidaysText::NoData { year }];
    }
    let builtin = (BUILTIN_FIRST_YEAR..=BUILTIN_LAST_YEAR).contains(&year);
    let in_file = calendar.override_years().any(|y| y == year);
    let source = match (builtin, in_file) {
        (true, true) => Source::BuiltInAndFile,
        (false, _) => Source::File,
        (true, false) => Source::BuiltIn,
    };
    let mut lines = vec![HolidaysText::Year { year, source }];
    let mut runs: Vec<(NaiveDate, NaiveDate, DayKind)> = Vec::new();
    for (date, kind) in calendar.arrangement(year) {
        match runs.last_mut() {
            Some((_, last, k)) if *k == kind && *last + chrono::Duration::days(1) == date => {
                *last = date
            }
            _ => runs.push((date, date, kind)),
        }
    }
    lines.extend(
        runs.into_iter()
            .map(|(first, last, kind)| HolidaysText::Run { first, last, kind }),
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_reminder_starts_on_the_first_of_november() {
        let cal = Calendar::builtin();
        assert_eq!(missing_next_year(&cal, d("2026-10-31")), None);
        assert_eq!(missing_next_year(&cal, d("2026-11-01")), Some(2027));
        assert_eq!(missing_next_year(&cal, d("2025-12-20")), None);
    }

    #[test]
    fn runs_of_2026() {
        let lines: Vec<String> = year_lines(&Calendar::builtin(), 2026)
            .iter()
            .map(|l| l.text(Lang::Zh))
            .collect();
        assert_eq!(lines[0], "2026 年节假日安排（内置数据）");
        assert!(lines.contains(&"  2月15日–23日  春节放假".to_string()));
        assert!(lines.contains(&"  2月14日  春节调休上班".to_string()));
        assert!(lines.contains(&"  10月1日–7日  国庆节放假".to_string()));
    }
}
