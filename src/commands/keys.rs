//! `legaldesk keys` prints the effective bindings; `keys --check FILE` validates a file.

use std::path::Path;

use super::CommandResult;
use crate::i18n::cli::CliText;
use crate::i18n::{Lang, Words};
use crate::keymap::{check_file, Keymap};

pub fn keys(check: Option<&Path>, user: Option<&Path>, lang: Lang) -> CommandResult {
    if let Some(file) = check {
        return match check_file(file) {
            Ok(()) => {
                println!("{}", CliText::KeymapValid.text(lang));
                Ok(())
            }
            Err(problems) => {
                let lines: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
                Err(lines.join("\nlegaldesk: "))
            }
        };
    }
    let (keymap, problems) = Keymap::for_user(user);
    for problem in &problems {
        eprintln!("legaldesk: {}", problem.message(lang));
    }
    if !problems.is_empty() {
        eprintln!("{}", CliText::KeymapShowingDefaults.text(lang));
    }
    print!("{}", keymap.describe());
    Ok(())
}
