//! A form as plain data: fields that are text or a choice among options. Key handling here is
//! pure (characters into the focused text field, digits pick a choice), so forms are tested
//! without a terminal.

use super::caret;
use crate::domain::paste::clean_paste;
use crate::i18n::form::{FieldHint, Label, PasteNote};
use crate::i18n::{Lang, Words};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl Choice {
    pub fn new(code: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Choice {
        Choice {
            code: code.into(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// An option whose words are one of the typed messages of `i18n`.
    pub fn words(code: impl Into<String>, words: &impl Words) -> Choice {
        Choice::new(code, words.zh(), words.en())
    }

    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        max: usize,
        secret: bool,
    },
    Choice {
        options: Vec<Choice>,
        selected: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: Label,
    pub kind: FieldKind,
    pub value: String,
    /// Hidden fields are skipped by focus and ignored on submit (e.g. the ID number when the
    /// service does not collect one).
    pub hidden: bool,
    /// An example drawn dim while the field is empty; never part of the value.
    pub hint: Option<FieldHint>,
    /// The value is the masked form of stored data (SPEC §4), shown so the operator knows
    /// what is on record: the first key typed replaces it whole (a masked value cannot be
    /// edited character by character), and left alone it means "keep what is stored".
    pub masked: bool,
    /// Where typing goes, as a byte offset at a grapheme boundary; `None` is the end, so a
    /// value set from outside (a cleared PIN, a pre-filled date) leaves the caret after it.
    cursor: Option<usize>,
}

impl Field {
    pub fn text(key: &'static str, label: impl Into<Label>, max: usize) -> Field {
        Field {
            key,
            label: label.into(),
            kind: FieldKind::Text { max, secret: false },
            value: String::new(),
            hidden: false,
            hint: None,
            masked: false,
            cursor: None,
        }
    }

    pub fn secret(key: &'static str, label: impl Into<Label>, max: usize) -> Field {
        Field {
            key,
            label: label.into(),
            kind: FieldKind::Text { max, secret: true },
            value: String::new(),
            hidden: false,
            hint: None,
            masked: false,
            cursor: None,
        }
    }

    pub fn choice(key: &'static str, label: impl Into<Label>, options: Vec<Choice>) -> Field {
        Field {
            key,
            label: label.into(),
            kind: FieldKind::Choice {
                options,
                selected: 0,
            },
            value: String::new(),
            hidden: false,
            hint: None,
            masked: false,
            cursor: None,
        }
    }

    pub fn with_hint(mut self, hint: FieldHint) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn with_value(mut self, value: &str) -> Field {
        self.value = value.to_string();
        self
    }

    /// Pre-filled with a masked stored value (see `masked`); an empty one is a plain field.
    pub fn with_masked(mut self, value: &str) -> Field {
        self.value = value.to_string();
        self.masked = !value.is_empty();
        self
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        self.label.text(lang)
    }

    /// The caret's byte offset in the value (at a grapheme boundary).
    pub fn caret(&self) -> usize {
        caret::clamp(&self.value, self.cursor)
    }

    /// Puts the caret at `at`, remembering "the end" as such.
    fn set_caret(&mut self, at: usize) {
        self.cursor = (at < self.value.len()).then_some(at);
    }

    pub fn is_text(&self) -> bool {
        matches!(self.kind, FieldKind::Text { .. })
    }

    /// The selected option's code, for choice fields.
    pub fn code(&self) -> Option<&str> {
        match &self.kind {
            FieldKind::Choice { options, selected } => {
                options.get(*selected).map(|c| c.code.as_str())
            }
            FieldKind::Text { .. } => None,
        }
    }
}

/// The keys that move the caret inside a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaretMove {
    Left,
    Right,
    Home,
    End,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The last problem, shown under the form.
    /// Said under the form until the next key; words only when drawn, so `Ctrl-L` switches it.
    pub error: Option<crate::i18n::status::Message>,
    /// What the last paste changed, shown under the form until the next edit.
    pub note: Option<PasteNote>,
    /// A warning is showing that the next submit overrides (e.g. an ID check digit).
    pub armed: bool,
    /// Digits typed into the focused choice so far: "1" then "2" picks option 12, so lists
    /// longer than nine (the thirteen matter types) are reachable with digits alone.
    digits: String,
}

/// Longest text a field accepts from a paste, whatever its own limit: a 10 000-character paste
/// is cut here instead of growing without bound (the service layer reports "too long").
const PASTE_CAP: usize = 400;

impl Form {
    pub fn new(fields: Vec<Field>) -> Form {
        let mut form = Form {
            fields,
            focus: 0,
            error: None,
            note: None,
            armed: false,
            digits: String::new(),
        };
        form.focus = form.first_visible(0).unwrap_or(0);
        form
    }

    fn first_visible(&self, from: usize) -> Option<usize> {
        (from..self.fields.len()).find(|i| !self.fields[*i].hidden)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn focused_is_text(&self) -> bool {
        self.focused().is_some_and(Field::is_text)
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// A text field's value (empty for hidden or unknown fields).
    pub fn value(&self, key: &str) -> String {
        self.field(key)
            .filter(|f| !f.hidden)
            .map(|f| f.value.clone())
            .unwrap_or_default()
    }

    pub fn code(&self, key: &str) -> Option<String> {
        self.field(key)
            .filter(|f| !f.hidden)
            .and_then(|f| f.code().map(str::to_owned))
    }

    pub fn set_hidden(&mut self, key: &str, hidden: bool) {
        if let Some(field) = self.field_mut(key) {
            field.hidden = hidden;
        }
    }

    /// Moves focus to the next visible field; false when already on the last one.
    pub fn next(&mut self) -> bool {
        self.digits.clear();
        match self.first_visible(self.focus + 1) {
            Some(i) => {
                self.focus = i;
                true
            }
            None => false,
        }
    }

    pub fn prev(&mut self) {
        self.digits.clear();
        if let Some(i) = (0..self.focus).rev().find(|i| !self.fields[*i].hidden) {
            self.focus = i;
        }
    }

    pub fn focus_key(&mut self, key: &str) {
        self.digits.clear();
        if let Some(i) = self.fields.iter().position(|f| f.key == key && !f.hidden) {
            self.focus = i;
        }
    }

    /// A typed character: into a text field, or a digit picking option N of a choice.
    /// Returns whether the form changed.
    pub fn type_char(&mut self, c: char) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        match &mut field.kind {
            FieldKind::Text { max, .. } => {
                if c.is_control() {
                    return false;
                }
                if field.masked {
                    field.value.clear();
                    field.masked = false;
                }
                if field.value.chars().count() >= PASTE_CAP.max(*max) {
                    return false;
                }
                let at = field.caret();
                field.value.insert(at, c);
                field.set_caret(at + c.len_utf8());
                true
            }
            FieldKind::Choice { options, selected } => {
                if !c.is_ascii_digit() {
                    return false;
                }
                self.digits.push(c);
                let mut number: usize = self.digits.parse().unwrap_or(0);
                if number == 0 || number > options.len() {
                    // Not a continuation: start again from this digit alone.
                    self.digits = c.to_string();
                    number = c.to_digit(10).unwrap_or(0) as usize;
                }
                // No longer list could start with these digits: the next digit starts afresh.
                if number * 10 > options.len() {
                    self.digits.clear();
                }
                if number == 0 || number > options.len() {
                    return false;
                }
                *selected = number - 1;
                true
            }
        }
    }

    /// A bracketed paste into the focused text field, as one insertion: escape sequences and
    /// control characters removed, cut at the same limit as typing. None when the focus is
    /// not a text field (a paste into a choice does nothing); otherwise what to tell the user,
    /// if the paste was changed on the way in.
    pub fn paste(&mut self, raw: &str) -> Option<Option<PasteNote>> {
        let field = self.fields.get_mut(self.focus)?;
        let FieldKind::Text { max, .. } = field.kind else {
            return None;
        };
        let clean = clean_paste(raw);
        if clean.text.is_empty() {
            return Some(clean.removed.then_some(PasteNote::NothingLeft));
        }
        // A masked value is replaced whole, as typing does; its length leaves no less room.
        if field.masked {
            field.value.clear();
            field.masked = false;
        }
        let room = PASTE_CAP
            .max(max)
            .saturating_sub(field.value.chars().count());
        let offered = clean.text.chars().count();
        let taken: String = clean.text.chars().take(room).collect();
        let at = field.caret();
        field.value.insert_str(at, &taken);
        field.set_caret(at + taken.len());
        Some(match (clean.removed, offered > room) {
            (false, false) => None,
            (true, false) => Some(PasteNote::Cleaned),
            (false, true) => Some(PasteNote::Cut),
            (true, true) => Some(PasteNote::CleanedAndCut),
        })
    }

    /// Removes what the person sees as the character before the caret: one grapheme
    /// cluster, so an accent typed as its own code point, a flag or an emoji with a skin tone
    /// goes at once instead of leaving half a character behind.
    pub fn backspace(&mut self) -> bool {
        self.remove(caret::before)
    }

    /// Removes the character after the caret (the Delete key).
    pub fn delete(&mut self) -> bool {
        self.remove(caret::after)
    }

    /// Removes the grapheme between the caret and `other(value, caret)`.
    fn remove(&mut self, other: fn(&str, usize) -> usize) -> bool {
        match self.fields.get_mut(self.focus) {
            // A masked value goes as a whole: "remove what is stored".
            Some(field) if field.is_text() && field.masked => {
                field.value.clear();
                field.masked = false;
                field.cursor = None;
                true
            }
            Some(field) if field.is_text() => {
                let at = field.caret();
                let to = other(&field.value, at);
                let (start, end) = (at.min(to), at.max(to));
                if start == end {
                    return false;
                }
                field.value.replace_range(start..end, "");
                field.set_caret(start);
                true
            }
            _ => false,
        }
    }

    /// Moves the caret of the focused text field; false when it did not move (or the value
    /// is masked: a masked value is replaced whole, never edited in place).
    pub fn move_caret(&mut self, to: CaretMove) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        if !field.is_text() || field.masked {
            return false;
        }
        let at = field.caret();
        let next = match to {
            CaretMove::Left => caret::before(&field.value, at),
            CaretMove::Right => caret::after(&field.value, at),
            CaretMove::Home => 0,
            CaretMove::End => field.value.len(),
        };
        field.set_caret(next);
        next != at
    }

    /// A text field's value as typed, or `None` while it still shows the masked stored value
    /// (or is hidden): "keep what is stored".
    pub fn changed_value(&self, key: &str) -> Option<String> {
        self.field(key)
            .filter(|f| !f.hidden && !f.masked)
            .map(|f| f.value.clone())
    }

    /// Cycles the focused choice.
    pub fn cycle(&mut self, forward: bool) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let FieldKind::Choice { options, selected } = &mut field.kind else {
            return false;
        };
        if options.is_empty() {
            return false;
        }
        *selected = if forward {
            (*selected + 1) % options.len()
        } else {
            (*selected + options.len() - 1) % options.len()
        };
        true
    }

    pub fn select_code(&mut self, key: &str, code: &str) {
        if let Some(Field {
            kind: FieldKind::Choice { options, selected },
            ..
        }) = self.field_mut(key)
        {
            if let Some(i) = options.iter().position(|o| o.code == code) {
                *selected = i;
            }
        }
    }
}

#[cfg(test)]
mod tests;
