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
        let room = PASTE_CAP
            .max(max)
            .saturating_sub(field.value.chars().count());
        let offered = clean.text.chars().count();
        let taken: String = clean.text.chars().take(room).collect();
        if field.masked {
            field.value.clear();
            field.masked = false;
        }
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
mod tests {
    use super::*;
    use crate::i18n::form::FieldLabel;

    fn sample() -> Form {
        Form::new(vec![
            Field::text("name", FieldLabel::Name, 4),
            Field::choice(
                "lane",
                FieldLabel::Lane,
                vec![Choice::new("a", "甲", "A"), Choice::new("b", "乙", "B")],
            ),
            Field::text("note", FieldLabel::Note, 10),
        ])
    }

    #[test]
    fn backspace_removes_one_whole_grapheme() {
        let mut form = sample();
        form.focus_key("note");
        // 李, e + combining acute, thumbs up + skin tone, a family joined by ZWJ.
        for c in "李e\u{301}\u{1F44D}\u{1F3FD}\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}".chars()
        {
            form.type_char(c);
        }
        let mut seen = vec![form.value("note")];
        while form.backspace() {
            seen.push(form.value("note"));
        }
        assert_eq!(
            seen,
            vec![
                "李e\u{301}\u{1F44D}\u{1F3FD}\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
                "李e\u{301}\u{1F44D}\u{1F3FD}",
                "李e\u{301}",
                "李",
                "",
            ]
        );
        assert!(!form.backspace(), "nothing left to remove");
    }

    #[test]
    fn the_caret_moves_inserts_and_deletes_whole_characters() {
        let mut form = sample();
        form.focus_key("note");
        for c in "韩梅".chars() {
            form.type_char(c);
        }
        // Home, then a character goes first; → past it, and one goes in the middle.
        assert!(form.move_caret(CaretMove::Home));
        form.type_char('小');
        assert_eq!(form.value("note"), "小韩梅");
        assert!(form.move_caret(CaretMove::Right));
        form.type_char('e');
        form.type_char('\u{301}');
        assert_eq!(form.value("note"), "小韩e\u{301}梅");
        // ← steps over e + accent as one; Delete then removes it whole.
        assert!(form.move_caret(CaretMove::Left));
        assert!(form.delete());
        assert_eq!(form.value("note"), "小韩梅");
        // Backspace removes the character before the caret, not the last one.
        assert!(form.backspace());
        assert_eq!(form.value("note"), "小梅");
        // A paste goes in at the caret.
        form.move_caret(CaretMove::End);
        assert!(!form.delete(), "nothing after the caret at the end");
        assert!(!form.move_caret(CaretMove::Right));
        form.move_caret(CaretMove::Home);
        assert!(!form.backspace(), "nothing before the caret at the start");
        assert_eq!(form.paste("欧阳"), Some(None));
        assert_eq!(form.value("note"), "欧阳小梅");
        assert_eq!(form.focused().unwrap().caret(), "欧阳".len());
    }

    #[test]
    fn a_masked_value_is_replaced_whole_never_edited_in_place() {
        let mut form = Form::new(vec![
            Field::text("phone", FieldLabel::Phone, 24).with_masked("138****5678")
        ]);
        assert!(
            !form.move_caret(CaretMove::Home),
            "no caret inside a masked value"
        );
        assert!(form.delete());
        assert_eq!(form.changed_value("phone").as_deref(), Some(""));
        let mut form = Form::new(vec![
            Field::text("phone", FieldLabel::Phone, 24).with_masked("138****5678")
        ]);
        // A paste replaces the stored value, as typing does.
        assert_eq!(form.paste("13912345678"), Some(None));
        assert_eq!(form.changed_value("phone").as_deref(), Some("13912345678"));
    }

    #[test]
    fn a_value_set_from_outside_leaves_the_caret_at_its_end() {
        let mut form = sample();
        form.focus_key("note");
        for c in "abc".chars() {
            form.type_char(c);
        }
        form.move_caret(CaretMove::Left);
        // The app clears a refused PIN this way: the caret must not point past the value.
        form.field_mut("note").unwrap().value = "x".into();
        assert_eq!(form.focused().unwrap().caret(), 1);
        form.type_char('y');
        assert_eq!(form.value("note"), "xy");
    }

    /// Any mix of typing (combining marks, ZWJ, emoji, controls), pastes, moves and deletes
    /// keeps the caret on a character boundary of the value and never panics.
    #[test]
    fn any_editing_keeps_the_caret_on_a_boundary() {
        use proptest::prelude::*;
        let key = prop_oneof![
            prop::sample::select(vec![
                'a',
                '中',
                '\u{301}',
                '\u{200d}',
                '\u{fe0f}',
                '👍',
                '\u{1F3FD}',
                '\u{1b}',
                '\n',
                '\u{202e}',
            ])
            .prop_map(Some),
            Just(None),
        ];
        let ops = prop::collection::vec((0u8..7, key), 0..60);
        proptest!(ProptestConfig::with_cases(300), |(ops in ops)| {
            let mut form = sample();
            form.focus_key("note");
            for (op, c) in ops {
                match (op, c) {
                    (0, Some(c)) => { form.type_char(c); }
                    (0, None) => { form.paste("韩\u{1b}[2J梅\u{301}"); }
                    (1, _) => { form.backspace(); }
                    (2, _) => { form.delete(); }
                    (3, _) => { form.move_caret(CaretMove::Left); }
                    (4, _) => { form.move_caret(CaretMove::Right); }
                    (5, _) => { form.move_caret(CaretMove::Home); }
                    _ => { form.move_caret(CaretMove::End); }
                }
                let field = form.focused().unwrap();
                let caret = field.caret();
                prop_assert!(field.value.is_char_boundary(caret));
                prop_assert_eq!(super::caret::clamp(&field.value, Some(caret)), caret);
                // Drawn at any width, the caret's row never exceeds it.
                for cols in [18usize, 30, 80] {
                    let lines = crate::ui::form_lines(&form, Lang::Zh, &crate::ui::Theme::plain(), cols);
                    for line in lines {
                        prop_assert!(line.width() <= cols, "{line:?}");
                    }
                }
            }
        });
    }

    #[test]
    fn typing_and_choices() {
        let mut form = sample();
        for c in "张三李四王".chars() {
            form.type_char(c);
        }
        // Over-long input is kept (up to the paste cap) so the check can say "too long".
        assert_eq!(form.value("name").chars().count(), 5);
        for _ in 0..1000 {
            form.type_char('x');
        }
        assert_eq!(form.value("name").chars().count(), PASTE_CAP);
        assert!(!form.type_char('\u{1b}'));
        form.next();
        assert!(form.type_char('2'));
        assert_eq!(form.code("lane").as_deref(), Some("b"));
        assert!(!form.type_char('9'));
        form.cycle(true);
        assert_eq!(form.code("lane").as_deref(), Some("a"));
    }

    #[test]
    fn two_digits_pick_options_past_nine() {
        let options: Vec<Choice> = (1..=13)
            .map(|i| Choice::new(i.to_string(), i.to_string(), i.to_string()))
            .collect();
        let mut form = Form::new(vec![Field::choice("matter", FieldLabel::Matter, options)]);
        form.type_char('1');
        assert_eq!(form.code("matter").as_deref(), Some("1"));
        form.type_char('2');
        assert_eq!(form.code("matter").as_deref(), Some("12"));
        form.type_char('5'); // 125 is too big: 5 alone
        assert_eq!(form.code("matter").as_deref(), Some("5"));
        form.type_char('1');
        form.type_char('3');
        assert_eq!(form.code("matter").as_deref(), Some("13"));
        form.type_char('1');
        form.type_char('4'); // 14 does not exist: 4 alone
        assert_eq!(form.code("matter").as_deref(), Some("4"));
        form.type_char('0'); // 0 alone picks nothing
        assert_eq!(form.code("matter").as_deref(), Some("4"));
    }

    #[test]
    fn a_paste_is_one_clean_insertion() {
        let mut form = sample();
        form.focus_key("note");
        form.type_char('韩');
        assert_eq!(
            form.paste("\u{1b}[2J\u{1b}]0;PWNED\u{7}"),
            Some(Some(PasteNote::NothingLeft))
        );
        assert_eq!(form.paste("雷\u{1b}[1m"), Some(Some(PasteNote::Cleaned)));
        form.type_char('梅');
        assert_eq!(form.value("note"), "韩雷梅");
        assert_eq!(form.paste(" 李"), Some(None));
        assert_eq!(form.value("note"), "韩雷梅 李");
        // A choice takes no paste.
        form.focus_key("lane");
        assert_eq!(form.paste("2"), None);
        assert_eq!(form.code("lane").as_deref(), Some("a"));
    }

    #[test]
    fn a_long_paste_stops_at_the_cap_and_says_so() {
        let mut form = sample();
        let long = "长".repeat(PASTE_CAP + 50);
        assert_eq!(form.paste(&long), Some(Some(PasteNote::Cut)));
        assert_eq!(form.value("name").chars().count(), PASTE_CAP);
        assert_eq!(form.paste("\u{7}x"), Some(Some(PasteNote::CleanedAndCut)));
        assert_eq!(form.value("name").chars().count(), PASTE_CAP);
    }

    #[test]
    fn a_masked_value_is_replaced_or_removed_whole() {
        let mut form = Form::new(vec![
            Field::text("id", FieldLabel::IdNumber, 32).with_masked("110101********4514"),
            Field::text("phone", FieldLabel::Phone, 24).with_masked("138****5678"),
            Field::text("note", FieldLabel::Note, 10).with_masked(""),
        ]);
        assert_eq!(form.changed_value("id"), None, "untouched means keep");
        assert!(form.type_char('4'));
        assert_eq!(form.value("id"), "4");
        assert_eq!(form.changed_value("id").as_deref(), Some("4"));
        form.type_char('4');
        assert!(form.backspace());
        assert_eq!(form.value("id"), "4", "typed text is edited as usual");
        form.next();
        assert!(form.backspace());
        assert_eq!(form.changed_value("phone").as_deref(), Some(""));
        assert!(!form.backspace());
        // An empty pre-fill is an ordinary field: nothing to keep, so its value counts.
        assert!(!form.field("note").unwrap().masked);
        assert_eq!(form.changed_value("note").as_deref(), Some(""));
    }

    #[test]
    fn hidden_fields_are_skipped() {
        let mut form = sample();
        form.set_hidden("lane", true);
        assert!(form.next());
        assert_eq!(form.focused().unwrap().key, "note");
        assert!(!form.next());
        form.prev();
        assert_eq!(form.focused().unwrap().key, "name");
        assert_eq!(form.code("lane"), None);
    }
}
