//! `legaldesk tally`: the tally of a date or range, printed to stdout or sent to a printer.
//! Also the date-argument checks shared by `close` and `export`.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::CommandResult;
use crate::cli::TallyArgs;
use crate::db;
use crate::domain::clock;
use crate::i18n::cli::CliText;
use crate::i18n::{Lang, Words};
use crate::print::{self, Encoding, Format, PrintJob, Spooler};
use crate::service::{close, settings};
use crate::tally;

/// A `YYYY-MM-DD` argument that must be a real date.
pub fn parse_date(text: &str, flag: &'static str, lang: Lang) -> Result<NaiveDate, String> {
    let ok = text.trim().len() == 10;
    clock::parse_date(text).filter(|_| ok).ok_or_else(|| {
        CliText::BadDate {
            flag,
            given: text.to_string(),
        }
        .text(lang)
    })
}

/// `--from` and `--to`, with `--from` not after `--to`.
pub fn parse_range(from: &str, to: &str, lang: Lang) -> Result<(NaiveDate, NaiveDate), String> {
    let from_date = parse_date(from, "--from", lang)?;
    let to_date = parse_date(to, "--to", lang)?;
    if from_date > to_date {
        return Err(CliText::FromAfterTo {
            from: from_date,
            to: to_date,
        }
        .text(lang));
    }
    Ok((from_date, to_date))
}

pub fn tally(path: &Path, args: TallyArgs, lang: Lang) -> CommandResult {
    let format = Format::parse(&args.format).ok_or_else(|| {
        CliText::UnknownFormat {
            given: args.format.clone(),
            choices: &["text", "receipt80", "receipt58", "csv", "json"],
        }
        .text(lang)
    })?;
    let encoding = Encoding::parse(&args.encoding).ok_or_else(|| {
        CliText::UnknownEncoding {
            given: args.encoding.clone(),
            choices: &["utf-8", "gb18030"],
        }
        .text(lang)
    })?;
    let range = match (&args.date, &args.from, &args.to) {
        (Some(date), _, _) => {
            let date = parse_date(date, "--date", lang)?;
            Some((date, date))
        }
        (None, Some(from), Some(to)) => Some(parse_range(from, to, lang)?),
        _ => None,
    };
    if let Some(name) = &args.printer {
        print::spool::check_printer_name(name).map_err(|e| e.message(lang))?;
    }
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let settings = settings::load(&conn).map_err(|e| db_error(e, lang))?;
    let (from, to) = range.unwrap_or_else(|| {
        let today = settings.zone.business_date(clock::now());
        (today, today)
    });
    let (figures, header) =
        tally::report(&conn, &settings, from, to).map_err(|e| db_error(e, lang))?;
    let text = print::render(&figures, format, lang, &header);
    let bytes = print::encode(&text, encoding).map_err(|e| e.message(lang))?;
    if !args.print {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(&bytes)
            .and_then(|_| stdout.flush())
            .map_err(|e| e.to_string());
    }
    let printer = args
        .printer
        .clone()
        .or(settings::get(&conn, "printer").ok().flatten());
    let command = settings::get(&conn, "print_command").ok().flatten();
    let spooler =
        Spooler::configured(command.as_deref(), printer.as_deref()).map_err(|e| e.message(lang))?;
    PrintJob {
        printer: Box::new(spooler),
        data: bytes,
    }
    .run()
    .map_err(|e| e.message(lang))?;
    close::record_print(&mut conn, None, from, to, &args.format, clock::now())
        .map_err(|e| e.message(lang))?;
    println!("{}", CliText::SentToPrinter.text(lang));
    Ok(())
}

pub fn db_error(e: rusqlite::Error, lang: Lang) -> String {
    crate::service::ServiceError::Db(e).message(lang)
}
