//! Reading a PIN: one line from stdin when it is not a terminal (scripts, tests), otherwise
//! prompted twice on the terminal without echo.

use std::io::{BufRead, IsTerminal, Write};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use crate::i18n::Lang;

pub fn read_new_pin(lang: Lang) -> Result<String, String> {
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = prompt_hidden(lang.pick("请输入密码：", "PIN: "))?;
    let second = prompt_hidden(lang.pick("请再次输入密码：", "PIN again: "))?;
    if first != second {
        return Err(lang
            .pick(
                "两次输入的密码不一致，未做任何更改",
                "the two PINs differ; nothing was changed",
            )
            .into());
    }
    Ok(first)
}

fn prompt_hidden(prompt: &str) -> Result<String, String> {
    let mut out = std::io::stderr();
    let _ = write!(out, "{prompt}");
    let _ = out.flush();
    terminal::enable_raw_mode().map_err(|e| e.to_string())?;
    let mut pin = String::new();
    let result = loop {
        match event::read() {
            Ok(Event::Key(key)) if key.kind == KeyEventKind::Press => match key.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => break Err("cancelled".to_string()),
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err("cancelled".to_string())
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
