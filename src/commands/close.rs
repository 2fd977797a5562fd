//! `legaldesk close --date D`: the day close from the command line (the machine's
//! administrator; the same rules as the TUI's close).

use std::path::Path;

use super::tally::{db_error, parse_date};
use super::CommandResult;
use crate::db;
use crate::domain::clock;
use crate::i18n::appointment_text::CliText;
use crate::i18n::{Lang, Words};
use crate::service::{close, settings, ServiceError};
use crate::tally::snapshot;

pub fn close(path: &Path, date: &str, lang: Lang) -> CommandResult {
    let date = parse_date(date, "--date", lang)?;
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let settings = settings::load(&conn).map_err(|e| db_error(e, lang))?;
    let now = clock::now();
    let today = settings.zone.business_date(now);
    if date > today {
        return Err(match lang {
            Lang::Zh => format!("{date} 尚未到来，不能日结（今天是 {today}）"),
            Lang::En => format!("{date} has not come yet and cannot be closed (today is {today})"),
        });
    }
    if let Some(info) = snapshot::latest_info(&conn, date).map_err(|e| db_error(e, lang))? {
        return Err(match lang {
            Lang::Zh => format!("{date} 已经日结（当前第 {} 版），记录只读；更正须走更正流程", info.version),
            Lang::En => format!("{date} is already closed (version {}); its records are read-only, corrections are amendments", info.version),
        });
    }
    let open = close::open_tickets(&conn, date).map_err(|e| db_error(e, lang))?;
    if !open.is_empty() {
        println!(
            "{}{}",
            lang.pick(
                "以下号码尚未办结，将记为未办结：",
                "still open, recorded as unfinished: "
            ),
            open.join(" ")
        );
    }
    let report = close::close_day(&mut conn, None, date, now).map_err(|e| match e {
        ServiceError::DateClosed => lang
            .pick("该日期已日结", "that date is already closed")
            .to_string(),
        other => other.message(lang),
    })?;
    println!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "已日结 {date}（第 {} 版）：来访 {} 人次，{} 个环节记为未办结",
                report.version, report.tally.visits, report.steps_unfinished
            ),
            Lang::En => format!(
                "closed {date} (version {}): {} visits, {} step(s) recorded as unfinished",
                report.version, report.tally.visits, report.steps_unfinished
            ),
        }
    );
    if report.appointments_missed > 0 {
        let missed = CliText::MissedAtClose {
            count: report.appointments_missed,
        };
        println!("{}", missed.text(lang));
    }
    Ok(())
}
