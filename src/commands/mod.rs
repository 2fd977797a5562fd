//! One function per command of SPEC §6. Each returns `Err(message)` with one line already in
//! the user's language; `main` prints it and exits 1.

mod admin;
mod backup;
mod check;
mod close;
mod keys;
mod ledger;
mod pin;
mod purge;
mod tally;

use std::path::PathBuf;

use crate::cli::{Cli, Command};
use crate::db;
use crate::i18n::Lang;

pub type CommandResult = Result<(), String>;

pub fn run(cli: Cli, lang: Lang) -> CommandResult {
    let db_flag = cli.db.clone();
    match cli.command {
        None => crate::app::run::run_tui(&resolve(db_flag.as_deref(), lang)?, lang, cli.keymap.as_deref(), cli.ascii),
        Some(Command::Init) => admin::init(&resolve(db_flag.as_deref(), lang)?, lang),
        Some(Command::Staff(cmd)) => admin::staff(&resolve(db_flag.as_deref(), lang)?, cmd, lang),
        Some(Command::Window(cmd)) => admin::window(&resolve(db_flag.as_deref(), lang)?, cmd, lang),
        Some(Command::Keys { check }) => keys::keys(check.as_deref(), cli.keymap.as_deref(), lang),
        Some(Command::Tally(args)) => tally::tally(&resolve(db_flag.as_deref(), lang)?, args, lang),
        Some(Command::Close { date }) => close::close(&resolve(db_flag.as_deref(), lang)?, &date, lang),
        Some(Command::Import { file, encoding }) => ledger::import(&resolve(db_flag.as_deref(), lang)?, &file, &encoding, lang),
        Some(Command::Export { from, to, redact, output }) => {
            ledger::export(&resolve(db_flag.as_deref(), lang)?, &from, &to, redact, output.as_deref(), lang)
        }
        Some(Command::Backup { file }) => backup::backup(&resolve(db_flag.as_deref(), lang)?, &file, lang),
        Some(Command::Check { full }) => check::check(&resolve(db_flag.as_deref(), lang)?, full, lang),
        Some(Command::Purge { before }) => purge::purge(&resolve(db_flag.as_deref(), lang)?, &before, lang),
        Some(other) => Err(not_yet(&other, lang)),
    }
}

fn resolve(flag: Option<&std::path::Path>, lang: Lang) -> Result<PathBuf, String> {
    db::resolve_path(flag).map_err(|e| e.message(lang))
}

fn not_yet(command: &Command, lang: Lang) -> String {
    let name = format!("{command:?}").split([' ', '{', '(']).next().unwrap_or_default().to_lowercase();
    match lang {
        Lang::Zh => format!("{name} 命令尚未实现"),
        Lang::En => format!("the {name} command is not implemented yet"),
    }
}
