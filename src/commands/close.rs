//! `legaldesk close --date D`: the day close from the command line (the machine's
//! administrator; the same rules as the TUI's close).

use std::path::Path;

use super::tally::{db_error, parse_date};
use super::CommandResult;
use crate::db;
use crate::domain::clock;
use crate::i18n::appointment_text::CliText as AppointmentText;
use crate::i18n::cli::CliText;
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
        return Err(CliText::CloseNotYet { date, today }.text(lang));
    }
    if let Some(info) = snapshot::latest_info(&conn, date).map_err(|e| db_error(e, lang))? {
        let version = info.version;
        return Err(CliText::AlreadyClosedVersion { date, version }.text(lang));
    }
    let open = close::open_tickets(&conn, date).map_err(|e| db_error(e, lang))?;
    if !open.is_empty() {
        println!("{}", CliText::StillOpen(open.join(" ")).text(lang));
    }
    let report = close::close_day(&mut conn, None, date, now).map_err(|e| match e {
        ServiceError::DateClosed => CliText::AlreadyClosed.text(lang),
        other => other.message(lang),
    })?;
    let closed = CliText::Closed {
        date,
        version: report.version,
        visits: report.tally.visits,
        unfinished: report.steps_unfinished,
    };
    println!("{}", closed.text(lang));
    if report.appointments_missed > 0 {
        let missed = AppointmentText::MissedAtClose {
            count: report.appointments_missed,
        };
        println!("{}", missed.text(lang));
    }
    Ok(())
}
