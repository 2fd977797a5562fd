//! `legaldesk slip test`: a sample ticket slip on the slip printer, for setting it up (paper
//! width, Chinese mode, cutter, QR) without issuing a real ticket.

use std::path::Path;

use super::tally::db_error;
use super::CommandResult;
use crate::cli::SlipCommand;
use crate::db;
use crate::domain::clock;
use crate::i18n::print::PrintMsg;
use crate::i18n::{Lang, Words};
use crate::print::{slip, PrintJob};
use crate::service::{self, settings};

pub fn slip(path: &Path, command: SlipCommand, lang: Lang) -> CommandResult {
    match command {
        SlipCommand::Test => test(path, lang),
    }
}

fn test(path: &Path, lang: Lang) -> CommandResult {
    let conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let center = settings::load(&conn).map_err(|e| db_error(e, lang))?;
    let slips = service::slip::load(&conn).map_err(|e| db_error(e, lang))?;
    let transport = slips
        .printer
        .clone()
        .ok_or_else(|| PrintMsg::NoSlipPrinter.text(lang))?;
    let sample = service::slip::sample(&center, &slips, lang, clock::now());
    let data = slip::render(&sample, slips.width, lang).map_err(|e| e.message(lang))?;
    let printer = transport
        .printer(slips.print_command.as_deref())
        .map_err(|e| e.message(lang))?;
    PrintJob { printer, data }
        .run()
        .map_err(|e| e.message(lang))?;
    println!(
        "{}",
        PrintMsg::SlipTestSent {
            printer: transport.describe()
        }
        .text(lang)
    );
    Ok(())
}
