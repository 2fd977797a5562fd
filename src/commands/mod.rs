//! One function per command of SPEC §6. Each returns `Err(message)` with one line already in
//! the user's language; `main` prints it and exits 1.

mod admin;
mod aid;
mod appoint;
mod backup;
mod check;
mod close;
mod demo;
mod holidays;
mod keys;
mod ledger;
mod pin;
mod purge;
mod settings;
mod slip;
mod tally;

use std::path::PathBuf;

use crate::cli::{Cli, Command};
use crate::db;
use crate::i18n::Lang;

pub type CommandResult = Result<(), String>;

pub fn run(cli: Cli, lang: Lang) -> CommandResult {
    // Every command but `keys` works on the database.
    let command = match cli.command {
        Some(Command::Keys { check }) => {
            return keys::keys(check.as_deref(), cli.keymap.as_deref(), lang)
        }
        Some(Command::Holidays { year, check, today }) => {
            let today = match today.as_deref() {
                Some(text) => Some(tally::parse_date(text, "--today", lang)?),
                None => None,
            };
            return holidays::holidays(
                holidays::HolidaysArgs {
                    year,
                    check: check.as_deref(),
                    today,
                    db: cli.db.as_deref(),
                },
                lang,
            );
        }
        other => other,
    };
    let path = resolve(cli.db.as_deref(), lang)?;
    match command {
        None => crate::app::run::run_tui(&path, lang, cli.keymap.as_deref(), cli.ascii),
        Some(Command::Keys { .. }) | Some(Command::Holidays { .. }) => Ok(()),
        Some(Command::Init) => admin::init(&path, lang),
        Some(Command::Staff(cmd)) => admin::staff(&path, cmd, lang),
        Some(Command::Window(cmd)) => admin::window(&path, cmd, lang),
        Some(Command::Tally(args)) => tally::tally(&path, args, lang),
        Some(Command::Close { date }) => close::close(&path, &date, lang),
        Some(Command::Import { file, encoding }) => ledger::import(&path, &file, &encoding, lang),
        Some(Command::Export {
            from,
            to,
            redact,
            output,
        }) => ledger::export(&path, &from, &to, redact, output.as_deref(), lang),
        Some(Command::Backup { file }) => backup::backup(&path, &file, lang),
        Some(Command::Check { full }) => check::check(&path, full, lang),
        Some(Command::Demo {
            days,
            per_day,
            seed,
            until,
        }) => demo::demo(&path, days, per_day, seed, until.as_deref(), lang),
        Some(Command::Purge { before }) => purge::purge(&path, &before, lang),
        Some(Command::Settings(cmd)) => settings::settings(&path, cmd, lang),
        Some(Command::Aid(cmd)) => aid::aid(&path, cmd, lang),
        Some(Command::Pad { window }) => {
            crate::pad::run::run_pad(&path, &window, lang, cli.keymap.as_deref(), cli.ascii)
        }
        Some(Command::Slip(cmd)) => slip::slip(&path, cmd, lang),
        Some(Command::Board { speak, windows }) => crate::board::run(
            &path,
            lang,
            cli.ascii,
            cli.keymap.as_deref(),
            speak,
            windows.as_deref(),
        ),
        Some(Command::Appoint(cmd)) => appoint::appoint(&path, cmd, lang),
    }
}

fn resolve(flag: Option<&std::path::Path>, lang: Lang) -> Result<PathBuf, String> {
    db::resolve_path(flag).map_err(|e| e.message(lang))
}
