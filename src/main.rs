//! legaldesk: parse the command line and dispatch. Exit 0 on success, 1 with one clear line on
//! stderr, 2 for bad usage (clap's own exit code).

use clap::Parser;

use legaldesk::cli::Cli;
use legaldesk::commands;
use legaldesk::i18n::Lang;

fn main() {
    let cli = Cli::parse();
    let lang = Lang::detect(cli.lang.as_deref());
    if let Some(flag) = cli.lang.as_deref() {
        if Lang::parse(flag).is_none() {
            eprintln!("{}", lang.pick("--lang 只能是 zh 或 en", "--lang must be zh or en"));
            std::process::exit(2);
        }
    }
    match commands::run(cli, lang) {
        Ok(()) => {}
        Err(message) => {
            eprintln!("legaldesk: {message}");
            std::process::exit(1);
        }
    }
}
