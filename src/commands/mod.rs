//! One function per command of SPEC §6. Each returns `Err(message)` with one line already in
//! the user's language; `main` prints it and exits 1.

mod admin;
mod keys;
mod pin;

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
