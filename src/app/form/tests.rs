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
    for c in "李e\u{301}\u{1F44D}\u{1F3FD}\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}".chars() {
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

#[test]
fn a_paste_over_a_masked_value_has_the_whole_room() {
    let mut form = Form::new(vec![
        Field::text("id", FieldLabel::IdNumber, 32).with_masked("110101********4514")
    ]);
    let long = "1".repeat(PASTE_CAP);
    // Exactly the cap: nothing is cut, although the masked value was 18 characters long.
    assert_eq!(form.paste(&long), Some(None));
    assert_eq!(form.changed_value("id").map(|v| v.len()), Some(PASTE_CAP));
}
