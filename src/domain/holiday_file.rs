//! The holiday override file (`holidays.toml` in the config directory): a year's arrangement
//! copied from the State Council's notice, for a year published after this release.
//!
//! ```toml
//! # 国务院办公厅关于2027年部分节假日安排的通知
//! [2027]
//! off  = ["2027-01-01", "2027-02-06..2027-02-12"]   # days off: dates or ranges (inclusive)
//! work = ["2027-02-14"]                             # Saturdays/Sundays worked (调休上班)
//! ```
//!
//! Parsing is pure (text in, years or problems out); every problem carries its line.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;

use super::calendar::YearOverride;

/// What can be wrong with the file; `line` is 1-based where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub line: Option<usize>,
    pub kind: FileProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblemKind {
    /// The file named with `--check` does not exist.
    NotFound,
    /// The system's reason the file cannot be read.
    Unreadable(String),
    /// Not UTF-8 (often GBK from an old editor).
    NotUtf8,
    /// The TOML parser's own message (also a misspelt key such as `of = [...]`).
    Syntax(String),
    /// A table name that is not a year between 2000 and 2100.
    BadYear(String),
    /// Neither `YYYY-MM-DD` nor `YYYY-MM-DD..YYYY-MM-DD`.
    BadDate(String),
    /// A range whose end is before its start, or longer than a month.
    BadRange(String),
    /// A date outside its table's year (only the last days of December of the year before
    /// may be listed: a New Year arrangement reaches back into them).
    WrongYear { date: NaiveDate, year: i32 },
    /// A make-up working day on a Monday to Friday: already a working day.
    WorkOnWeekday(NaiveDate),
    /// The same date both off and worked.
    OffAndWork(NaiveDate),
    /// A year table with no days at all.
    EmptyYear(i32),
}

/// Longest range accepted (Spring Festival with its weekends is at most 9 days; a month
/// catches a typed year or month without refusing anything real).
const MAX_RANGE_DAYS: i64 = 31;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearTable {
    #[serde(default)]
    off: Vec<Spanned<String>>,
    #[serde(default)]
    work: Vec<Spanned<String>>,
}

/// The 1-based line of a byte offset.
pub fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    (text.len() == 10)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

/// Parses the whole file: every year, or every problem found.
pub fn parse(text: &str) -> Result<BTreeMap<i32, YearOverride>, Vec<FileProblem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tables: BTreeMap<Spanned<String>, Spanned<YearTable>> = match toml::from_str(text) {
        Ok(tables) => tables,
        Err(e) => {
            return Err(vec![FileProblem {
                line: e.span().map(|s| line_at(text, s.start)),
                kind: FileProblemKind::Syntax(e.message().to_string()),
            }])
        }
    };
    let mut problems = Vec::new();
    let mut years = BTreeMap::new();
    for (name, table) in tables {
        let name_line = line_at(text, name.span().start);
        let year = match name.get_ref().trim().parse::<i32>() {
            Ok(year) if (2000..=2100).contains(&year) && name.get_ref().len() == 4 => year,
            _ => {
                problems.push(FileProblem {
                    line: Some(name_line),
                    kind: FileProblemKind::BadYear(name.into_inner()),
                });
                continue;
            }
        };
        let table = table.into_inner();
        if table.off.is_empty() && table.work.is_empty() {
            problems.push(FileProblem {
                line: Some(name_line),
                kind: FileProblemKind::EmptyYear(year),
            });
            continue;
        }
        let mut arrangement = YearOverride::default();
        let mut off_lines = BTreeMap::new();
        for entry in &table.off {
            let line = line_at(text, entry.span().start);
            let mut problem = |kind| {
                problems.push(FileProblem {
                    line: Some(line),
                    kind,
                })
            };
            let raw = entry.get_ref();
            let (first, last) = match raw.split_once("..") {
                Some((a, b)) => match (date(a), date(b)) {
                    (Some(a), Some(b)) if a <= b && (b - a).num_days() < MAX_RANGE_DAYS => (a, b),
                    (Some(_), Some(_)) => {
                        problem(FileProblemKind::BadRange(raw.clone()));
                        continue;
                    }
                    _ => {
                        problem(FileProblemKind::BadDate(raw.clone()));
                        continue;
                    }
                },
                None => match date(raw) {
                    Some(d) => (d, d),
                    None => {
                        problem(FileProblemKind::BadDate(raw.clone()));
                        continue;
                    }
                },
            };
            for day in first.iter_days().take_while(|d| *d <= last) {
                if !belongs_to(day, year) {
                    problem(FileProblemKind::WrongYear { date: day, year });
                    break;
                }
                arrangement.off.insert(day);
                off_lines.insert(day, line);
            }
        }
        for entry in &table.work {
            let line = line_at(text, entry.span().start);
            let kind = match date(entry.get_ref()) {
                None => Some(FileProblemKind::BadDate(entry.get_ref().clone())),
                Some(day) if !belongs_to(day, year) => {
                    Some(FileProblemKind::WrongYear { date: day, year })
                }
                Some(day) if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) => {
                    Some(FileProblemKind::WorkOnWeekday(day))
                }
                Some(day) if off_lines.contains_key(&day) => Some(FileProblemKind::OffAndWork(day)),
                Some(day) => {
                    arrangement.work.insert(day);
                    None
                }
            };
            if let Some(kind) = kind {
                problems.push(FileProblem {
                    line: Some(line),
                    kind,
                });
            }
        }
        years.insert(year, arrangement);
    }
    if problems.is_empty() {
        Ok(years)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// A date of the year's notice: in that year, or in the December before it.
fn belongs_to(day: NaiveDate, year: i32) -> bool {
    day.year() == year || (day.year() == year - 1 && day.month() == 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_good_file() {
        let text = "# 2027\n[2027]\noff = [\"2027-01-01\", \"2027-02-06..2027-02-08\"]\nwork = [\"2027-02-20\"]\n";
        let years = parse(text).unwrap();
        let y = &years[&2027];
        assert_eq!(y.off.len(), 4);
        assert!(y.off.contains(&d("2027-02-07")));
        assert!(y.work.contains(&d("2027-02-20")));
    }

    #[test]
    fn problems_carry_their_lines() {
        let text = "[2027]\noff = [\n  \"2027-01-01\",\n  \"2027-13-01\",\n  \"2027-02-08..2027-02-01\",\n  \"2028-01-03\",\n]\nwork = [\"2027-02-15\"]\n[27]\noff = [\"2027-05-01\"]\n";
        let problems = parse(text).unwrap_err();
        let found: Vec<(Option<usize>, FileProblemKind)> =
            problems.into_iter().map(|p| (p.line, p.kind)).collect();
        assert_eq!(
            found,
            vec![
                (Some(4), FileProblemKind::BadDate("2027-13-01".into())),
                (
                    Some(5),
                    FileProblemKind::BadRange("2027-02-08..2027-02-01".into())
                ),
                (
                    Some(6),
                    FileProblemKind::WrongYear {
                        date: d("2028-01-03"),
                        year: 2027
                    }
                ),
                (Some(8), FileProblemKind::WorkOnWeekday(d("2027-02-15"))),
                (Some(9), FileProblemKind::BadYear("27".into())),
            ]
        );
    }

    #[test]
    fn syntax_and_unknown_keys() {
        let problems = parse("[2027]\noff = [\"2027-01-01\"\n").unwrap_err();
        assert!(matches!(problems[0].kind, FileProblemKind::Syntax(_)));
        let problems = parse("[2027]\n\nof = [\"2027-01-01\"]\n").unwrap_err();
        assert_eq!(problems[0].line, Some(3));
        let problems = parse("[2027]\n").unwrap_err();
        assert_eq!(problems[0].kind, FileProblemKind::EmptyYear(2027));
        let problems =
            parse("[2027]\noff = [\"2027-01-02\"]\nwork = [\"2027-01-02\"]\n").unwrap_err();
        assert_eq!(
            problems[0].kind,
            FileProblemKind::OffAndWork(d("2027-01-02"))
        );
        assert_eq!(problems[0].line, Some(3));
    }
}
