//! `legaldesk tally`: the tally of a date or range, printed to stdout or sent to a printer.
//! Also the date-argument checks shared by `close` and `export`.

use std::io::{IsTerminal, Write};
use std::path::Path;

use chrono::NaiveDate;

use super::CommandResult;
use crate::cli::TallyArgs;
use crate::db;
use crate::domain::clock;
use crate::i18n::cli::CliText;
use crate::i18n::print::PrintMsg;
use crate::i18n::{Lang, Words};
use crate::print::{self, Encoding, Format, PrintJob, Printer, Spooler, Transport};
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
        PrintMsg::UnknownFormat {
            given: args.format.clone(),
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
    // Everything the arguments alone decide is refused before any work is done.
    if args.print && matches!(format, Format::Csv | Format::Json) {
        return Err(PrintMsg::NotPrintable {
            format: args.format.clone(),
        }
        .text(lang));
    }
    if format == Format::Pdf
        && !args.print
        && args.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(PrintMsg::PdfNeedsOutput.text(lang));
    }
    if let Some(name) = &args.printer {
        match format {
            Format::Receipt80 | Format::Receipt58 => {
                Transport::parse(name, true).map_err(|e| e.message(lang))?;
            }
            _ => print::spool::check_printer_name(name).map_err(|e| e.message(lang))?,
        }
    }
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let settings = settings::load(&conn).map_err(|e| db_error(e, lang))?;
    let (from, to) = range.unwrap_or_else(|| {
        let today = settings.zone.business_date(clock::now());
        (today, today)
    });
    let (figures, header) =
        tally::report(&conn, &settings, from, to).map_err(|e| db_error(e, lang))?;
    if !args.print {
        let bytes = match format {
            Format::Pdf => {
                print::tally_pdf(&figures, lang, &header).map_err(|e| e.message(lang))?
            }
            _ => {
                let text = print::render(&figures, format, lang, &header);
                print::encode(&text, encoding).map_err(|e| e.message(lang))?
            }
        };
        return write_out(&bytes, args.output.as_deref(), format, lang);
    }
    let setting = |key: &str| settings::get(&conn, key).ok().flatten();
    let printer = args.printer.clone().or(setting("printer"));
    let command = setting("print_command");
    // A4 goes to the spooler as PDF (every CUPS printer takes it, and its CJK text survives
    // the filters); receipts go raw as ESC/POS, which a CUPS text queue would garble.
    let (device, data): (Box<dyn Printer>, Vec<u8>) = match format {
        Format::Receipt80 | Format::Receipt58 => (
            print::transport::receipt_printer(printer.as_deref(), command.as_deref())
                .map_err(|e| e.message(lang))?,
            print::tally_receipt(&figures, format, lang, &header).map_err(|e| e.message(lang))?,
        ),
        _ => (
            Box::new(
                Spooler::configured(command.as_deref(), printer.as_deref())
                    .map_err(|e| e.message(lang))?,
            ),
            print::tally_pdf(&figures, lang, &header).map_err(|e| e.message(lang))?,
        ),
    };
    PrintJob {
        printer: device,
        data,
    }
    .run()
    .map_err(|e| e.message(lang))?;
    close::record_print(&mut conn, None, from, to, &args.format, clock::now())
        .map_err(|e| e.message(lang))?;
    println!("{}", PrintMsg::SentToPrinter.text(lang));
    Ok(())
}

/// The printout to `--output FILE`, or to standard output.
fn write_out(bytes: &[u8], output: Option<&Path>, format: Format, lang: Lang) -> CommandResult {
    match output {
        Some(file) => {
            std::fs::write(file, bytes).map_err(|e| {
                PrintMsg::OutputFailed {
                    path: file.display().to_string(),
                    detail: e.to_string(),
                }
                .text(lang)
            })?;
            if format == Format::Pdf {
                eprintln!(
                    "{}",
                    PrintMsg::PdfWritten {
                        path: file.display().to_string()
                    }
                    .text(lang)
                );
            }
            Ok(())
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|_| stdout.flush())
                .map_err(|e| e.to_string())
        }
    }
}

pub fn db_error(e: rusqlite::Error, lang: Lang) -> String {
    crate::service::ServiceError::Db(e).message(lang)
}
