//! `legaldesk appoint add|list|cancel`: bookings from the command line for the 12348 operator
//! (SPEC §6, §11). The command line acts as the machine's administrator, as every command
//! does; the booking rules are the same as at the front desk. `list` masks names and phones
//! unless asked with `--unmask --reason`, which is audited.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::tally::{db_error, parse_date};
use super::CommandResult;
use crate::cli::AppointCommand;
use crate::db;
use crate::domain::appointment::BookingChannel;
use crate::domain::clock;
use crate::domain::codes::Service;
use crate::domain::text::fit;
use crate::domain::text::sanitize;
use crate::i18n::appointment_text::{CliText, DayTitle};
use crate::i18n::appointments::{hhmm, ApptNote};
use crate::i18n::{Lang, Words};
use crate::service::appointments::{self, ApptRow, BookInput};
use crate::service::settings;

pub fn appoint(path: &Path, command: AppointCommand, lang: Lang) -> CommandResult {
    match command {
        AppointCommand::Add {
            date,
            time,
            service,
            name,
            phone,
            channel,
        } => {
            let service = Service::from_code(service.trim()).ok_or_else(|| {
                CliText::UnknownService {
                    text: shown(&service),
                }
                .text(lang)
            })?;
            let channel = BookingChannel::from_code(channel.trim()).ok_or_else(|| {
                CliText::UnknownChannel {
                    text: shown(&channel),
                }
                .text(lang)
            })?;
            let input = BookInput {
                date,
                time,
                service,
                name,
                phone,
                channel,
            };
            add(path, &input, lang)
        }
        AppointCommand::List {
            date,
            format,
            unmask,
            reason,
        } => {
            let json = match format.trim() {
                "json" => true,
                "text" => false,
                other => return Err(CliText::UnknownFormat { text: shown(other) }.text(lang)),
            };
            let date = parse_date(&date, "--date", lang)?;
            // A full listing is an audited look: it needs its reason; a reason alone unmasks
            // nothing, so it is refused rather than silently ignored.
            let reason = match (unmask, reason) {
                (true, Some(reason)) => Some(reason),
                (true, None) => return Err(CliText::UnmaskNeedsReason.text(lang)),
                (false, Some(_)) => return Err(CliText::ReasonWithoutUnmask.text(lang)),
                (false, None) => None,
            };
            list(path, date, json, reason.as_deref(), lang)
        }
        AppointCommand::Cancel { id } => {
            let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
            appointments::cancel(&mut conn, None, id, clock::now()).map_err(|e| e.message(lang))?;
            println!("{}", ApptNote::Cancelled { id }.text(lang));
            Ok(())
        }
    }
}

/// Typed text quoted back: sanitised and short.
fn shown(text: &str) -> String {
    sanitize(text.trim()).chars().take(20).collect()
}

fn add(path: &Path, input: &BookInput, lang: Lang) -> CommandResult {
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let settings = settings::load(&conn).map_err(|e| db_error(e, lang))?;
    let booked = appointments::book(&mut conn, None, input, &settings, clock::now())
        .map_err(|e| e.message(lang))?;
    // The booking, then its warnings (never refusals, SPEC §11), one a line.
    for note in booked.notes() {
        println!("{}", note.text(lang));
    }
    Ok(())
}

#[derive(Serialize)]
struct Listing {
    date: String,
    appointments: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    id: i64,
    time: String,
    service: &'static str,
    name: String,
    phone: String,
    channel: &'static str,
    state: &'static str,
    ticket: Option<String>,
    on_time: Option<bool>,
    missed_before: u32,
}

fn item(row: &ApptRow) -> Item {
    Item {
        id: row.id,
        time: hhmm(row.time),
        service: row.service.code(),
        name: row.name.clone(),
        phone: row.phone.clone(),
        channel: row.channel.code(),
        state: row.state.code(),
        ticket: row.ticket.clone(),
        on_time: row.on_time,
        missed_before: row.missed_before,
    }
}

fn text_listing(rows: &[ApptRow], title: DayTitle, lang: Lang) -> String {
    let mut out = CliText::ListHeading {
        title,
        count: rows.len(),
    }
    .text(lang);
    out.push('\n');
    if rows.is_empty() {
        out.push_str(&CliText::NoBookings.text(lang));
        out.push('\n');
        return out;
    }
    for row in rows {
        let marks: Vec<String> = row.marks().iter().map(|m| m.text(lang)).collect();
        let line = format!(
            "{} {} {} {} {} {} {} {} {}",
            fit(&row.id.to_string(), 5),
            hhmm(row.time),
            fit(row.service.label(lang), 14),
            fit(&row.name, 6),
            fit(&row.phone, 13),
            fit(&row.channel.text(lang), 13),
            fit(&row.state.text(lang), 11),
            fit(row.ticket.as_deref().unwrap_or("-"), 5),
            marks.join(" ")
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn list(
    path: &Path,
    date: NaiveDate,
    json: bool,
    unmask_reason: Option<&str>,
    lang: Lang,
) -> CommandResult {
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let settings = settings::load(&conn).map_err(|e| db_error(e, lang))?;
    let rows = match unmask_reason {
        Some(reason) => appointments::unmask_day(&mut conn, None, date, reason, clock::now())
            .map_err(|e| e.message(lang))?,
        None => appointments::list_day(&conn, date, None).map_err(|e| db_error(e, lang))?,
    };
    let text = if json {
        let listing = Listing {
            date: date.to_string(),
            appointments: rows.iter().map(item).collect(),
        };
        let mut text = serde_json::to_string_pretty(&listing).map_err(|e| e.to_string())?;
        text.push('\n');
        text
    } else {
        let title = DayTitle {
            date,
            today: settings.zone.business_date(clock::now()),
        };
        text_listing(&rows, title, lang)
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .map_err(|e| e.to_string())
}
