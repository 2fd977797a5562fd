//! Reading a PIN: one line from stdin when it is not a terminal (scripts, tests), otherwise
//! prompted twice on the terminal without echo.

use std::io::{BufRead, IsTerminal, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use crate::i18n::cli::CliText;
use crate::i18n::{Lang, Words};

pub fn read_new_pin(lang: Lang) -> Result<String, String> {
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = prompt_hidden(&CliText::PinPrompt.text(lang), lang)?;
    let second = prompt_hidden(&CliText::PinAgainPrompt.text(lang), lang)?;
    if first != second {
        return Err(CliText::PinsDiffer.text(lang));
    }
    Ok(first)
}

fn prompt_hidden(prompt: &str, lang: Lang) -> Result<String, String> {
    let mut out = std::io::stderr();
    let _ = write!(out, "{prompt}");
    let _ = out.flush();
    terminal::enable_raw_mode().map_err(|e| e.to_string())?;
    let mut pin = String::new();
    let result = loop {
        match event::read() {
            Ok(Event::Key(key)) if key.kind == KeyEventKind::Press => match key.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => break Err(CliText::PinCancelled.text(lang)),
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(CliText::PinCancelled.text(lang))
                }
                KeyCode::Backspace => {
                    pin.pop();
                }
                KeyCode::Char(c) => pin.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e.to_string()),
        }
    };
    let _ = terminal::disable_raw_mode();
    let _ = writeln!(out);
    result.map(|()| pin)
}
