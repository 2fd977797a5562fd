//! Words of the working-day calendar: festivals, kinds of day, due-date explanations, the
//! `holidays` command and the problems of a holiday override file.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use super::Words;
use crate::domain::calendar::{DayKind, Festival};
use crate::domain::due::{DayCount, Due};
use crate::domain::holiday_file::{FileProblem, FileProblemKind};

impl Words for Festival {
    fn zh(&self) -> String {
        match self {
            Festival::NewYear => "元旦",
            Festival::SpringFestival => "春节",
            Festival::Qingming => "清明节",
            Festival::Labour => "劳动节",
            Festival::DragonBoat => "端午节",
            Festival::MidAutumn => "中秋节",
            Festival::National => "国庆节",
            Festival::Other => "节假日",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            Festival::NewYear => "New Year",
            Festival::SpringFestival => "Spring Festival",
            Festival::Qingming => "Qingming",
            Festival::Labour => "Labour Day",
            Festival::DragonBoat => "Dragon Boat Festival",
            Festival::MidAutumn => "Mid-Autumn Festival",
            Festival::National => "National Day",
            Festival::Other => "public holiday",
        }
        .into()
    }
}

impl Words for DayKind {
    fn zh(&self) -> String {
        match self {
            DayKind::Workday => "工作日".into(),
            DayKind::Weekend => "休息日".into(),
            DayKind::Holiday(f) => format!("{}放假", f.zh()),
            DayKind::MakeUp(f) => format!("{}调休上班", f.zh()),
        }
    }

    fn en(&self) -> String {
        match self {
            DayKind::Workday => "working day".into(),
            DayKind::Weekend => "weekend".into(),
            DayKind::Holiday(f) => format!("{} holiday", f.en()),
            DayKind::MakeUp(f) => format!("worked for the {} holiday", f.en()),
        }
    }
}

/// `2月24日` / `24 Feb`.
pub fn short_date_zh(date: NaiveDate) -> String {
    format!("{}月{}日", date.month(), date.day())
}

pub fn short_date_en(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

/// How a due date was counted, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueExplained(pub Due);

impl Words for DueExplained {
    fn zh(&self) -> String {
        let due = &self.0;
        let mut text = match due.count {
            DayCount::Calendar => format!("{} 日", due.days),
            DayCount::Working => format!("{} 个工作日", due.days),
        };
        match (due.moved_from, due.festival, due.count) {
            (Some(_), Some(f), _) => text.push_str(&format!(
                "，含{}假期顺延至 {}",
                f.zh(),
                short_date_zh(due.date)
            )),
            (Some(last), None, _) => text.push_str(&format!(
                "，期满日 {} 为休息日，顺延至 {}",
                short_date_zh(last),
                short_date_zh(due.date)
            )),
            (None, Some(f), DayCount::Working) => text.push_str(&format!(
                "，{}假期不计，至 {}",
                f.zh(),
                short_date_zh(due.date)
            )),
            _ => text.push_str(&format!("，至 {}", short_date_zh(due.date))),
        }
        if due.paused_days > 0 {
            text.push_str(&format!("，补正 {} 日不计", due.paused_days));
        }
        if due.unpublished {
            text.push('，');
            text.push_str(&Unpublished.zh());
        }
        text
    }

    fn en(&self) -> String {
        let due = &self.0;
        let mut text = match due.count {
            DayCount::Calendar => format!("{} days", due.days),
            DayCount::Working => format!("{} working days", due.days),
        };
        match (due.moved_from, due.festival, due.count) {
            (Some(_), Some(f), _) => text.push_str(&format!(
                ", moved past the {} holiday to {}",
                f.en(),
                short_date_en(due.date)
            )),
            (Some(last), None, _) => text.push_str(&format!(
                ", last day {} is a rest day, moved to {}",
                short_date_en(last),
                short_date_en(due.date)
            )),
            (None, Some(f), DayCount::Working) => text.push_str(&format!(
                ", {} holiday not counted, to {}",
                f.en(),
                short_date_en(due.date)
            )),
            _ => text.push_str(&format!(", to {}", short_date_en(due.date))),
        }
        if due.paused_days > 0 {
            text.push_str(&format!(
                ", {} days of supplementing not counted",
                due.paused_days
            ));
        }
        if due.unpublished {
            text.push_str(", ");
            text.push_str(&Unpublished.en());
        }
        text
    }
}

/// The flag on any date counted without a published arrangement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unpublished;

impl Words for Unpublished {
    fn zh(&self) -> String {
        "未发布节假日安排".into()
    }

    fn en(&self) -> String {
        "holiday arrangements not yet published".into()
    }
}

/// What `legaldesk holidays` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidaysText {
    /// The heading of a year: where its data comes from.
    Year { year: i32, source: Source },
    /// A year nobody has data for.
    NoData { year: i32 },
    /// One run of days of one kind: `first..=last`.
    Run {
        first: NaiveDate,
        last: NaiveDate,
        kind: DayKind,
    },
    /// From 1 November: next year's arrangement is not here yet.
    NextYearMissing { year: i32, file: Option<PathBuf> },
    /// The override file was ignored because of its problems.
    FileIgnored,
    /// `--check`: the file is good.
    FileGood { years: Vec<i32> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    File,
    /// Built in, with dates corrected by the file.
    BuiltInAndFile,
}

fn run_zh(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        short_date_zh(first)
    } else if first.month() == last.month() {
        format!("{}–{}日", short_date_zh(first), last.day())
    } else {
        format!("{}–{}", short_date_zh(first), short_date_zh(last))
    }
}

fn run_en(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        short_date_en(first)
    } else {
        format!("{} – {}", short_date_en(first), short_date_en(last))
    }
}

fn file_text(file: &Option<PathBuf>) -> String {
    file.as_ref()
        .map(|p| crate::domain::text::sanitize(&p.display().to_string()))
        .unwrap_or_else(|| "holidays.toml".into())
}

impl Words for HolidaysText {
    fn zh(&self) -> String {
        match self {
            HolidaysText::Year { year, source } => {
                let from = match source {
                    Source::BuiltIn => "内置数据",
                    Source::File => "本地补充文件",
                    Source::BuiltInAndFile => "内置数据，部分日期按本地补充文件",
                };
                format!("{year} 年节假日安排（{from}）")
            }
            HolidaysText::NoData { year } => format!(
                "{year} 年：{}，期限暂按周一至周五为工作日计算",
                Unpublished.zh()
            ),
            HolidaysText::Run { first, last, kind } => {
                format!("  {}  {}", run_zh(*first, *last), kind.zh())
            }
            HolidaysText::NextYearMissing { year, file } => format!(
                "提醒：尚无 {year} 年节假日安排。国务院办公厅通知发布后，请按通知写入 {}（可用 legaldesk holidays --check 检查）",
                file_text(file)
            ),
            HolidaysText::FileIgnored => {
                "本地节假日补充文件有误，已忽略，现按内置数据计算".into()
            }
            HolidaysText::FileGood { years } => {
                let list: Vec<String> = years.iter().map(|y| y.to_string()).collect();
                format!("节假日补充文件无误，含 {} 年", list.join("、"))
            }
        }
    }

    fn en(&self) -> String {
        match self {
            HolidaysText::Year { year, source } => {
                let from = match source {
                    Source::BuiltIn => "built in",
                    Source::File => "from the local override file",
                    Source::BuiltInAndFile => "built in, some dates from the local override file",
                };
                format!("{year} holiday arrangements ({from})")
            }
            HolidaysText::NoData { year } => format!(
                "{year}: {}; periods are counted Monday to Friday for now",
                Unpublished.en()
            ),
            HolidaysText::Run { first, last, kind } => {
                format!("  {}  {}", run_en(*first, *last), kind.en())
            }
            HolidaysText::NextYearMissing { year, file } => format!(
                "reminder: no holiday arrangements for {year} yet. When the State Council publishes them, add them to {} (check it with legaldesk holidays --check)",
                file_text(file)
            ),
            HolidaysText::FileIgnored => {
                "the local holiday override file has problems and is ignored; using the built-in data".into()
            }
            HolidaysText::FileGood { years } => {
                let list: Vec<String> = years.iter().map(|y| y.to_string()).collect();
                format!("the holiday override file is valid: {}", list.join(", "))
            }
        }
    }
}

/// A problem of an override file, with the file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblemAt {
    pub file: PathBuf,
    pub problem: FileProblem,
}

impl FileProblemAt {
    fn place_zh(&self) -> String {
        let file = file_text(&Some(self.file.clone()));
        match self.problem.line {
            Some(line) => format!("{file} 第 {line} 行"),
            None => file,
        }
    }

    fn place_en(&self) -> String {
        let file = file_text(&Some(self.file.clone()));
        match self.problem.line {
            Some(line) => format!("{file} line {line}"),
            None => file,
        }
    }
}

impl Words for FileProblemAt {
    fn zh(&self) -> String {
        use crate::domain::text::sanitize;
        let what = match &self.problem.kind {
            FileProblemKind::NotFound => "文件不存在".into(),
            FileProblemKind::Unreadable(e) => format!("无法读取：{}", sanitize(e)),
            FileProblemKind::NotUtf8 => "不是 UTF-8 编码（请另存为 UTF-8）".into(),
            FileProblemKind::Syntax(e) => format!("TOML 格式错误：{}", sanitize(e.trim())),
            FileProblemKind::BadYear(name) => format!(
                "表名 [{}] 不是年份（应为 2000–2100 之间的四位年份，如 [2027]）",
                sanitize(name)
            ),
            FileProblemKind::BadDate(text) => format!(
                "“{}”不是有效日期（格式 YYYY-MM-DD，范围写作 YYYY-MM-DD..YYYY-MM-DD）",
                sanitize(text)
            ),
            FileProblemKind::BadRange(text) => format!(
                "日期范围“{}”无效（结束日期不能早于开始日期，且不超过 31 天）",
                sanitize(text)
            ),
            FileProblemKind::WrongYear { date, year } => {
                format!("{date} 不属于 [{year}]（只能是 {year} 年或上一年 12 月的日期）")
            }
            FileProblemKind::WorkOnWeekday(date) => {
                format!("{date} 是周一至周五，本来就上班；work 只列调休上班的周六、周日")
            }
            FileProblemKind::OffAndWork(date) => format!("{date} 同时列在 off 和 work 中"),
            FileProblemKind::EmptyYear(year) => format!("[{year}] 没有列出任何日期"),
        };
        format!("{}：{what}", self.place_zh())
    }

    fn en(&self) -> String {
        use crate::domain::text::sanitize;
        let what = match &self.problem.kind {
            FileProblemKind::NotFound => "no such file".into(),
            FileProblemKind::Unreadable(e) => format!("cannot read it: {}", sanitize(e)),
            FileProblemKind::NotUtf8 => "not UTF-8 (save it as UTF-8)".into(),
            FileProblemKind::Syntax(e) => format!("TOML error: {}", sanitize(e.trim())),
            FileProblemKind::BadYear(name) => format!(
                "table [{}] is not a year (a four-digit year 2000-2100, e.g. [2027])",
                sanitize(name)
            ),
            FileProblemKind::BadDate(text) => format!(
                "\"{}\" is not a valid date (YYYY-MM-DD, or a range YYYY-MM-DD..YYYY-MM-DD)",
                sanitize(text)
            ),
            FileProblemKind::BadRange(text) => format!(
                "range \"{}\" is invalid (the end may not be before the start, at most 31 days)",
                sanitize(text)
            ),
            FileProblemKind::WrongYear { date, year } => format!(
                "{date} does not belong to [{year}] (only dates of {year} or of the December before)"
            ),
            FileProblemKind::WorkOnWeekday(date) => format!(
                "{date} is a Monday to Friday, a working day anyway; work lists only Saturdays and Sundays worked"
            ),
            FileProblemKind::OffAndWork(date) => format!("{date} is listed both in off and in work"),
            FileProblemKind::EmptyYear(year) => format!("[{year}] lists no dates"),
        };
        format!("{}: {what}", self.place_en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Calendar;
    use crate::domain::due::due_date;
    use crate::i18n::Lang;

    #[test]
    fn due_dates_explain_themselves() {
        let received = NaiveDate::from_ymd_opt(2026, 2, 10).unwrap();
        let due = due_date(&Calendar::builtin(), received, 7, DayCount::Calendar, &[]);
        let words = DueExplained(due);
        assert_eq!(words.text(Lang::Zh), "7 日，含春节假期顺延至 2月24日");
        assert_eq!(
            words.text(Lang::En),
            "7 days, moved past the Spring Festival holiday to 24 Feb"
        );
        let working = due_date(&Calendar::builtin(), received, 7, DayCount::Working, &[]);
        assert_eq!(
            DueExplained(working).text(Lang::Zh),
            "7 个工作日，春节假期不计，至 2月26日"
        );
        let late = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let flagged = due_date(&Calendar::builtin(), late, 7, DayCount::Calendar, &[]);
        assert_eq!(
            DueExplained(flagged).text(Lang::Zh),
            "7 日，至 3月8日，未发布节假日安排"
        );
    }
}
