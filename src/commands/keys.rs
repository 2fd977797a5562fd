//! `legaldesk keys` prints the effective bindings; `keys --check FILE` validates a file.

use std::path::Path;

use super::CommandResult;
use crate::i18n::Lang;
use crate::keymap::{check_file, Keymap};

pub fn keys(check: Option<&Path>, user: Option<&Path>, lang: Lang) -> CommandResult {
    if let Some(file) = check {
        return match check_file(file) {
            Ok(()) => {
                println!("{}", lang.pick("键位文件无误", "the keymap file is valid"));
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
        eprintln!(
            "{}",
            lang.pick(
                "legaldesk: 键位文件有误，以下为默认键位",
                "legaldesk: the keymap file has problems; showing the defaults"
            )
        );
    }
    print!("{}", keymap.describe());
    Ok(())
}
