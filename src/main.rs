//! legaldesk: parse the command line and dispatch. Exit 0 on success, 1 with one clear line on
//! stderr, 2 for bad usage (clap's own exit code).

use clap::Parser;

use legaldesk::cli::Cli;
use legaldesk::commands;
use legaldesk::i18n::cli::CliText;
use legaldesk::i18n::{Lang, Words};

fn main() {
    let cli = Cli::parse();
    let lang = Lang::detect(cli.lang.as_deref());
    if let Some(flag) = cli.lang.as_deref() {
        if Lang::parse(flag).is_none() {
            eprintln!("{}", CliText::BadLangFlag.text(lang));
            std::process::exit(2);
        }
    }
    restore_sigpipe_for_listings(&cli);
    match commands::run(cli, lang) {
        Ok(()) => {}
        Err(message) => {
            eprintln!("legaldesk: {message}");
            std::process::exit(1);
        }
    }
}

/// `legaldesk staff list | head` should end quietly when `head` stops reading, as other
/// command-line tools do. The TUI and printing keep Rust's default (SIGPIPE ignored), so a
/// spooler that exits early is reported as an error instead of killing the program.
fn restore_sigpipe_for_listings(cli: &Cli) {
    use legaldesk::cli::Command;
    let writes_to_a_pipe_only = match &cli.command {
        None | Some(Command::Pad { .. }) => false,
        Some(Command::Tally(args)) => !args.print,
        Some(Command::Slip(_)) => false,
        // The announcer writes to speech commands that may exit without reading.
        Some(Command::Board { .. }) => false,
        Some(_) => true,
    };
    #[cfg(unix)]
    if writes_to_a_pipe_only {
        // SAFETY: resetting a signal disposition to its default before any thread starts.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
}
