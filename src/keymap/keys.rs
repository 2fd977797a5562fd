//! One normalised `Key` for both sides of the keymap: the names written in keymap files and
//! the key presses the terminal reports. "ctrl-n", "Ctrl+N", "<C-n>" and a Ctrl+N press all
//! become the same value, so conflicts are found after normalising and lookups are a map get.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::{Lang, Words};

/// The key itself, without modifiers. The variant order is the order keys are listed in the
/// help screen and hint bar: F-keys first (they are what the front desk is taught), then the
/// named keys, then characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    Delete,
    Backspace,
    /// A character key. Letters are stored lower-case (shift is a modifier); ' ' is Space.
    Char(char),
}

/// Modifier flags. Field order makes plain keys sort before shifted, alt and ctrl ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Mods {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// A normalised key. Only the constructors in this file build one, so two keys that the
/// user would call the same always compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: Code,
    mods: Mods,
}

/// Why a key name in a keymap file was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyNameError {
    Empty,
    Unknown,
    /// "shift-1": terminals report the shifted symbol ("!"), never shift plus the digit.
    ShiftOnCharacter(char),
    ControlCharacter,
}

/// The highest function key accepted in files. F13+ exist on few keyboards and most
/// terminals cannot send them, so a name like "F13" is more likely a typo.
const MAX_F: u8 = 12;

/// Named keys and their accepted spellings (lower-case). The first spelling is canonical.
const NAMED: &[(Code, &[&str])] = &[
    (Code::Enter, &["enter", "return", "cr"]),
    (Code::Esc, &["esc", "escape"]),
    (Code::Tab, &["tab"]),
    (Code::BackTab, &["backtab"]),
    (Code::Up, &["up"]),
    (Code::Down, &["down"]),
    (Code::Left, &["left"]),
    (Code::Right, &["right"]),
    (Code::Home, &["home"]),
    (Code::End, &["end"]),
    (Code::PageUp, &["pageup", "pgup"]),
    (Code::PageDown, &["pagedown", "pgdn", "pgdown"]),
    (Code::Insert, &["insert", "ins"]),
    (Code::Delete, &["delete", "del"]),
    (Code::Backspace, &["backspace", "bs"]),
    (Code::Char(' '), &["space"]),
    // Vim's names for characters that are awkward inside <...>.
    (Code::Char('<'), &["lt"]),
    (Code::Char('|'), &["bar"]),
    (Code::Char('\\'), &["bslash"]),
];

/// True for characters that have an upper and a lower case, where shift is meaningful.
fn has_case(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

fn lower(c: char) -> char {
    let mut lowered = c.to_lowercase();
    match (lowered.next(), lowered.next()) {
        (Some(l), None) => l,
        // A letter whose lower case is several characters cannot be one key; keep it as is.
        _ => c,
    }
}

/// The upper-case form of a letter, if it is one character that lower-cases back to it
/// (so that the display form parses back to the same key).
fn upper(c: char) -> Option<char> {
    let mut uppered = c.to_uppercase();
    match (uppered.next(), uppered.next()) {
        (Some(u), None) if lower(u) == c => Some(u),
        _ => None,
    }
}

impl Key {
    /// Builds a key, applying the rules that make equal keys equal: an upper-case letter is
    /// shift + the lower-case letter; shift on a non-letter character is dropped (the
    /// terminal already applied it: shift-/ arrives as '?'); shift-tab is BackTab.
    fn normalised(code: Code, mut mods: Mods) -> Key {
        let code = match code {
            Code::Char(c) if has_case(c) => {
                mods.shift |= c.is_uppercase();
                Code::Char(lower(c))
            }
            Code::Char(c) => {
                mods.shift = false;
                Code::Char(c)
            }
            Code::Tab if mods.shift => {
                mods.shift = false;
                Code::BackTab
            }
            Code::BackTab => {
                mods.shift = false;
                Code::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn code(&self) -> Code {
        self.code
    }

    pub fn mods(&self) -> Mods {
        self.mods
    }

    /// A key that types a character into a focused text field (no ctrl/alt). Such keys must
    /// not be bound in modes with a text field, or the user could not type them.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, Code::Char(_)) && !self.mods.ctrl && !self.mods.alt
    }

    /// The key of a terminal key press, or None for keys that cannot be bound (media keys,
    /// lone modifiers, super/hyper/meta combinations). Release/repeat filtering is the
    /// caller's business.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let m = event.modifiers;
        if m.intersects(KeyModifiers::SUPER | KeyModifiers::HYPER | KeyModifiers::META) {
            return None;
        }
        let mods = Mods {
            ctrl: m.contains(KeyModifiers::CONTROL),
            alt: m.contains(KeyModifiers::ALT),
            shift: m.contains(KeyModifiers::SHIFT),
        };
        let code = match event.code {
            KeyCode::F(n) => Code::F(n),
            KeyCode::Enter => Code::Enter,
            KeyCode::Esc => Code::Esc,
            KeyCode::Tab => Code::Tab,
            KeyCode::BackTab => Code::BackTab,
            KeyCode::Up => Code::Up,
            KeyCode::Down => Code::Down,
            KeyCode::Left => Code::Left,
            KeyCode::Right => Code::Right,
            KeyCode::Home => Code::Home,
            KeyCode::End => Code::End,
            KeyCode::PageUp => Code::PageUp,
            KeyCode::PageDown => Code::PageDown,
            KeyCode::Insert => Code::Insert,
            KeyCode::Delete => Code::Delete,
            KeyCode::Backspace => Code::Backspace,
            KeyCode::Char(c) if !c.is_control() => Code::Char(c),
            _ => return None,
        };
        Some(Key::normalised(code, mods))
    }

    /// Parses a key name from a keymap file: "F3", "enter", "n", "N", "?", "ctrl-n",
    /// "Ctrl+N", "shift-f3", "<C-n>", "<S-Tab>", "<CR>".
    pub fn parse(text: &str) -> Result<Key, KeyNameError> {
        if text.is_empty() {
            return Err(KeyNameError::Empty);
        }
        // The vim form <...>; a lone "<" or ">" (or "<>") is a character key, not a bracket.
        let (body, vim) = match text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            Some(inner) if !inner.is_empty() => (inner, true),
            _ => (text, false),
        };
        let mut mods = Mods::default();
        let mut rest = body;
        while let Some((modifier, after)) = split_modifier(rest, vim) {
            match modifier {
                Modifier::Ctrl => mods.ctrl = true,
                Modifier::Alt => mods.alt = true,
                Modifier::Shift => mods.shift = true,
            }
            rest = after;
        }
        let code = parse_base(rest)?;
        match code {
            Code::Char(c) if has_case(c) => {
                if mods.ctrl || mods.alt {
                    // "Ctrl-N" is how help screens write ctrl-n, and terminals cannot tell
                    // ctrl-shift-n from ctrl-n anyway: with ctrl/alt the case is ignored and
                    // shift must be written out ("ctrl-shift-n").
                    Ok(Key::normalised(Code::Char(lower(c)), mods))
                } else {
                    Ok(Key::normalised(code, mods))
                }
            }
            Code::Char(c) if mods.shift => Err(KeyNameError::ShiftOnCharacter(c)),
            _ => Ok(Key::normalised(code, mods)),
        }
    }
}

enum Modifier {
    Ctrl,
    Alt,
    Shift,
}

/// Splits a leading "ctrl-" / "alt+" / (vim) "C-" off `text`, if a key name follows it.
fn split_modifier(text: &str, vim: bool) -> Option<(Modifier, &str)> {
    let sep = text.find(['-', '+'])?;
    let after = &text[sep + 1..];
    if sep == 0 || after.is_empty() {
        return None;
    }
    let modifier = match text[..sep].to_ascii_lowercase().as_str() {
        "ctrl" | "control" => Modifier::Ctrl,
        "alt" => Modifier::Alt,
        "shift" => Modifier::Shift,
        "c" if vim => Modifier::Ctrl,
        "a" | "m" if vim => Modifier::Alt,
        "s" if vim => Modifier::Shift,
        _ => return None,
    };
    Some((modifier, after))
}

/// The key without modifiers: a single character or a (case-insensitive) key name.
fn parse_base(text: &str) -> Result<Code, KeyNameError> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return Err(KeyNameError::Empty),
        (Some(c), None) if c.is_control() => return Err(KeyNameError::ControlCharacter),
        (Some(c), None) => return Ok(Code::Char(c)),
        _ => {}
    }
    let name = text.to_ascii_lowercase();
    if let Some(number) = name.strip_prefix('f') {
        // Only plain decimal digits: "f03" or "f+3" are not key names.
        if number.bytes().all(|b| b.is_ascii_digit()) && !number.starts_with('0') {
            return match number.parse::<u8>() {
                Ok(n) if (1..=MAX_F).contains(&n) => Ok(Code::F(n)),
                _ => Err(KeyNameError::Unknown),
            };
        }
    }
    NAMED
        .iter()
        .find(|(_, spellings)| spellings.contains(&name.as_str()))
        .map(|(code, _)| *code)
        .ok_or(KeyNameError::Unknown)
}

/// The display form used by help, the hint bar and `legaldesk keys`: "F3", "Ctrl-N",
/// "Shift-Tab", "N" (shift-n), "?". It parses back to the same key.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Mods { ctrl, alt, shift } = self.mods;
        if ctrl {
            f.write_str("Ctrl-")?;
        }
        if alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            Code::Char(c) if has_case(c) => match upper(c) {
                // A shifted letter alone is written as the upper-case letter it types; with
                // ctrl/alt the letter is always upper-case, so shift has to be spelled out.
                Some(u) if shift || ctrl || alt => {
                    if shift && (ctrl || alt) {
                        f.write_str("Shift-")?;
                    }
                    write!(f, "{u}")
                }
                // Letters without a one-character upper case ("ß") spell shift out.
                _ if shift => write!(f, "Shift-{c}"),
                _ => write!(f, "{c}"),
            },
            code => {
                if shift {
                    f.write_str("Shift-")?;
                }
                f.write_str(&code_name(code))
            }
        }
    }
}

fn code_name(code: Code) -> String {
    let name = match code {
        Code::F(n) => return format!("F{n}"),
        Code::Enter => "Enter",
        Code::Esc => "Esc",
        Code::Tab => "Tab",
        Code::BackTab => "Shift-Tab",
        Code::Up => "Up",
        Code::Down => "Down",
        Code::Left => "Left",
        Code::Right => "Right",
        Code::Home => "Home",
        Code::End => "End",
        Code::PageUp => "PgUp",
        Code::PageDown => "PgDn",
        Code::Insert => "Ins",
        Code::Delete => "Del",
        Code::Backspace => "Backspace",
        Code::Char(' ') => "Space",
        Code::Char(c) => return c.to_string(),
    };
    name.to_owned()
}

impl KeyNameError {
    /// Why the name was rejected and what to write instead, in one line (words in
    /// `i18n::keymap`).
    pub fn message(&self, lang: Lang) -> String {
        self.text(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
    }

    fn event(code: KeyCode, mods: KeyModifiers) -> Key {
        let ev = KeyEvent::new_with_kind(code, mods, KeyEventKind::Press);
        Key::from_event(&ev).unwrap_or_else(|| panic!("{ev:?} not a key"))
    }

    #[test]
    fn spellings_of_one_key_are_equal() {
        let groups: &[&[&str]] = &[
            &[
                "ctrl-x",
                "<C-x>",
                "Ctrl-X",
                "ctrl+x",
                "CTRL-x",
                "control-x",
                "<c-X>",
            ],
            &["alt-x", "<A-x>", "<M-x>", "Alt+x"],
            &["F3", "f3", "<F3>", "<f3>"],
            &["N", "shift-n", "Shift-N", "<S-n>", "<N>", "shift-N"],
            &["enter", "Enter", "ENTER", "return", "<CR>", "<Enter>"],
            &["esc", "Esc", "escape", "<Esc>"],
            &[
                "backtab",
                "shift-tab",
                "Shift-Tab",
                "<S-Tab>",
                "shift-backtab",
            ],
            &["space", " ", "Space", "<Space>"],
            &["pageup", "PgUp", "PAGEUP", "<PageUp>"],
            &["ctrl-shift-n", "<C-S-n>", "Ctrl-Shift-N", "shift-ctrl-n"],
            &["shift-f3", "<S-F3>", "Shift-F3"],
            &["ctrl--", "<C-->"],
            &["<", "<lt>"],
        ];
        for group in groups {
            let first = key(group[0]);
            for name in *group {
                assert_eq!(key(name), first, "{name} != {}", group[0]);
            }
        }
    }

    #[test]
    fn different_keys_stay_different() {
        let distinct = [
            "n",
            "N",
            "ctrl-n",
            "ctrl-shift-n",
            "alt-n",
            "tab",
            "backtab",
            "F1",
            "F10",
            "f",
            "1",
            "!",
            "?",
            "/",
            "enter",
            "ctrl-enter",
            "shift-f3",
            "F3",
            "<",
            ">",
            "-",
            "+",
            "space",
        ];
        let keys: Vec<Key> = distinct.iter().map(|n| key(n)).collect();
        for (i, a) in keys.iter().enumerate() {
            for (j, b) in keys.iter().enumerate() {
                assert_eq!(i == j, a == b, "{} vs {}", distinct[i], distinct[j]);
            }
        }
    }

    #[test]
    fn every_documented_name_parses() {
        let names = [
            "F1",
            "F2",
            "F3",
            "F4",
            "F5",
            "F6",
            "F7",
            "F8",
            "F9",
            "F10",
            "F11",
            "F12",
            "enter",
            "esc",
            "tab",
            "backtab",
            "shift-tab",
            "up",
            "down",
            "left",
            "right",
            "home",
            "end",
            "pageup",
            "pagedown",
            "backspace",
            "delete",
            "insert",
            "space",
            "n",
            "?",
            "1",
            "0",
            "ctrl-x",
            "alt-x",
            "shift-x",
            "<C-x>",
            "<A-x>",
            "<S-x>",
            "中",
            "？",
            "-",
            "+",
            ">",
        ];
        for name in names {
            key(name);
        }
    }

    #[test]
    fn bad_names_are_rejected_with_a_reason() {
        assert_eq!(Key::parse(""), Err(KeyNameError::Empty));
        for bad in [
            "F0", "F13", "f03", "ctrl-", "<C->", "crtl-n", "enterr", "ctrl-F99", "hyper-x", "fx",
            "c-x",
        ] {
            assert_eq!(Key::parse(bad), Err(KeyNameError::Unknown), "{bad}");
        }
        assert_eq!(
            Key::parse("shift-1"),
            Err(KeyNameError::ShiftOnCharacter('1'))
        );
        assert_eq!(
            Key::parse("<S-?>"),
            Err(KeyNameError::ShiftOnCharacter('?'))
        );
        assert_eq!(Key::parse("\u{7}"), Err(KeyNameError::ControlCharacter));
        for lang in [Lang::Zh, Lang::En] {
            assert!(!KeyNameError::Unknown.message(lang).is_empty());
        }
    }

    #[test]
    fn events_normalise_like_names() {
        let none = KeyModifiers::NONE;
        let shift = KeyModifiers::SHIFT;
        let ctrl = KeyModifiers::CONTROL;
        // '?' comes with SHIFT on most terminals; the binding is written "?".
        assert_eq!(event(KeyCode::Char('?'), shift), key("?"));
        assert_eq!(event(KeyCode::Char('?'), none), key("?"));
        // An upper-case letter arrives as 'N' + SHIFT, or (caps lock, some terminals) bare.
        assert_eq!(event(KeyCode::Char('N'), shift), key("N"));
        assert_eq!(event(KeyCode::Char('N'), none), key("shift-n"));
        assert_eq!(event(KeyCode::Char('n'), none), key("n"));
        assert_eq!(event(KeyCode::Char('n'), ctrl), key("<C-n>"));
        assert_eq!(event(KeyCode::F(3), none), key("f3"));
        assert_eq!(event(KeyCode::F(3), shift), key("shift-F3"));
        assert_eq!(event(KeyCode::BackTab, shift), key("shift-tab"));
        assert_eq!(event(KeyCode::Tab, shift), key("backtab"));
        assert_eq!(event(KeyCode::Char(' '), none), key("space"));
        assert_eq!(event(KeyCode::Char('1'), none), key("1"));
        assert_eq!(event(KeyCode::Enter, none), key("Enter"));
        let media = KeyEvent::new(KeyCode::CapsLock, none);
        assert_eq!(Key::from_event(&media), None);
        let super_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::SUPER);
        assert_eq!(Key::from_event(&super_n), None);
    }

    #[test]
    fn display_names() {
        let cases = [
            ("f3", "F3"),
            ("ctrl-n", "Ctrl-N"),
            ("<C-S-n>", "Ctrl-Shift-N"),
            ("shift-n", "N"),
            ("n", "n"),
            ("enter", "Enter"),
            ("shift-tab", "Shift-Tab"),
            ("?", "?"),
            ("space", "Space"),
            ("shift-f3", "Shift-F3"),
            ("pagedown", "PgDn"),
        ];
        for (name, shown) in cases {
            assert_eq!(key(name).to_string(), shown);
        }
    }

    #[test]
    fn printable_keys() {
        for name in ["n", "N", "1", "?", "space", "中"] {
            assert!(key(name).is_printable(), "{name}");
        }
        for name in ["ctrl-n", "alt-1", "F2", "enter", "tab", "up", "esc"] {
            assert!(!key(name).is_printable(), "{name}");
        }
    }

    fn any_key() -> impl Strategy<Value = Key> {
        let code = prop_oneof![
            (1..=MAX_F).prop_map(Code::F),
            prop::sample::select(
                NAMED
                    .iter()
                    .map(|(code, _)| *code)
                    .chain([Code::BackTab])
                    .collect::<Vec<_>>()
            ),
            any::<char>()
                .prop_filter("printable", |c| !c.is_control())
                .prop_map(Code::Char),
        ];
        (code, any::<(bool, bool, bool)>())
            .prop_map(|(code, (ctrl, alt, shift))| Key::normalised(code, Mods { ctrl, alt, shift }))
    }

    proptest! {
        /// What help and `legaldesk keys` show can be copied into a keymap file.
        #[test]
        fn display_parses_back(k in any_key()) {
            prop_assert_eq!(Key::parse(&k.to_string()), Ok(k));
        }

        /// Garbage never panics; it is a key or a reason.
        #[test]
        fn parse_never_panics(s in ".{0,12}") {
            let _ = Key::parse(&s);
        }
    }
}
