//! Unit tests of the keymap as a whole: the shipped defaults, merging, lookup of terminal
//! key events, and what help and `legaldesk keys` are generated from.

use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
}

fn plain(code: KeyCode) -> KeyEvent {
    press(code, KeyModifiers::NONE)
}

/// The defaults with `user` merged in; panics if `user` has problems.
fn with_user(user: &str) -> Keymap {
    let (layer, problems) = parse_layer(user, Path::new("user.toml"));
    assert!(problems.is_empty(), "{problems:#?}");
    let mut keymap = Keymap::defaults();
    keymap.merge(layer);
    keymap
}

fn key(name: &str) -> Key {
    Key::parse(name).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

#[test]
fn default_file_has_no_problems_and_every_table() {
    let (layer, problems) = parse_layer(DEFAULT_TOML, Path::new("keymaps/default.toml"));
    assert!(problems.is_empty(), "{problems:#?}");
    for mode in Mode::ALL {
        let table = layer.tables.iter().find(|(m, _)| m == mode);
        let (_, bindings) = table.unwrap_or_else(|| panic!("no [{}] table", mode.name()));
        assert!(!bindings.is_empty(), "[{}] is empty", mode.name());
    }
}

#[test]
fn text_field_modes_bind_no_printable_key() {
    let keymap = Keymap::defaults();
    for mode in Mode::ALL.iter().filter(|m| m.has_text_field()) {
        for key in keymap.tables[mode.index()].keys() {
            assert!(!key.is_printable(), "[{}] binds {key}", mode.name());
        }
    }
}

/// SPEC §7: front-desk work must be possible with F-keys, digits, Enter and Esc alone.
#[test]
fn front_desk_needs_only_f_keys_digits_enter_and_esc() {
    let keymap = Keymap::defaults();
    let basic = |name: &String| {
        let k = key(name);
        let no_mods = k.mods() == keys::Mods::default();
        no_mods
            && matches!(
                k.code(),
                keys::Code::F(_)
                    | keys::Code::Enter
                    | keys::Code::Esc
                    | keys::Code::Char('0'..='9')
            )
    };
    let needed: &[(Mode, &[Action])] = &[
        (
            Mode::Queue,
            &[
                Action::Help,
                Action::Quit,
                Action::IntakeNew,
                Action::CallNext,
                Action::CallSelected,
                Action::Recall,
                Action::StartService,
                Action::FinishService,
                Action::Refer,
                Action::ReturnToFront,
                Action::MarkNoShow,
                Action::Hold,
                Action::CancelVisit,
                Action::Select1,
                Action::Select9,
                Action::OpenAppointments,
            ],
        ),
        (
            Mode::Appointments,
            &[
                Action::Back,
                Action::AppointmentCheckIn,
                Action::AppointmentNew,
                Action::AppointmentFind,
                Action::AppointmentCancel,
                Action::AppointmentPrevDay,
                Action::AppointmentNextDay,
                Action::Select1,
                Action::Select9,
            ],
        ),
        (
            Mode::Intake,
            &[Action::NextField, Action::Submit, Action::Back],
        ),
        (
            Mode::Form,
            &[Action::NextField, Action::Submit, Action::Back],
        ),
        (Mode::Menu, &[Action::Submit, Action::Back]),
        (Mode::Confirm, &[Action::Submit, Action::Back]),
        (Mode::Help, &[Action::Back]),
        (Mode::Tally, &[Action::Back]),
        (
            Mode::Aid,
            &[
                Action::Back,
                Action::AidGrant,
                Action::AidRefuse,
                Action::AidSupplement,
                Action::AidMaterials,
                Action::AidAssign,
                Action::AidAdvance,
                Action::AidWithdraw,
                Action::AidPrint,
            ],
        ),
    ];
    for (mode, actions) in needed {
        for action in *actions {
            let keys = keymap.keys_for(*mode, *action);
            assert!(
                keys.iter().any(basic),
                "[{}] {} only on {keys:?}",
                mode.name(),
                action.name()
            );
        }
    }
}

#[test]
fn lookup_of_terminal_events() {
    let km = Keymap::defaults();
    assert_eq!(
        km.action(Mode::Queue, &plain(KeyCode::F(3))),
        Some(Action::CallNext)
    );
    assert_eq!(
        km.action(Mode::Desk, &plain(KeyCode::F(3))),
        Some(Action::PickUp)
    );
    assert_eq!(
        km.action(Mode::Queue, &plain(KeyCode::Enter)),
        Some(Action::CallSelected)
    );
    assert_eq!(
        km.action(Mode::Queue, &plain(KeyCode::Char('7'))),
        Some(Action::Select7)
    );
    // Global fallback, including '?' reported with SHIFT.
    let question = press(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(km.action(Mode::Queue, &question), Some(Action::Help));
    assert_eq!(
        km.action(Mode::Tally, &plain(KeyCode::F(10))),
        Some(Action::Quit)
    );
    let ctrl_q = press(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(km.action(Mode::Form, &ctrl_q), Some(Action::Quit));
    // A mode binding shadows the global one.
    assert_eq!(
        km.action(Mode::Help, &plain(KeyCode::F(1))),
        Some(Action::Back)
    );
    // Shift-tab arrives as BackTab with SHIFT.
    let backtab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(km.action(Mode::Intake, &backtab), Some(Action::PrevField));
    // 'N' is shift-n, a different key from "n".
    let upper_n = press(KeyCode::Char('N'), KeyModifiers::SHIFT);
    assert_eq!(km.action(Mode::Queue, &upper_n), None);
    assert_eq!(
        km.action(Mode::Queue, &plain(KeyCode::Char('n'))),
        Some(Action::IntakeNew)
    );
    // Releases are ignored.
    let release = KeyEvent::new_with_kind(KeyCode::F(3), KeyModifiers::NONE, KeyEventKind::Release);
    assert_eq!(km.action(Mode::Queue, &release), None);
}

#[test]
fn user_file_merges_key_by_key_and_noop_unbinds() {
    let km = with_user(
        "[queue]\n\
         \"t\" = \"noop\"\n\
         \"?\" = \"noop\"\n\
         \"F3\" = \"refer\"\n\
         \"<C-n>\" = \"intake_new\"\n\
         [global]\n\
         \"ctrl-o\" = \"noop\"\n",
    );
    // Unbound in the mode, and the noop also hides the global '?' there.
    assert_eq!(km.lookup(Mode::Queue, key("t")), None);
    assert_eq!(km.lookup(Mode::Queue, key("?")), None);
    assert_eq!(km.lookup(Mode::Desk, key("?")), Some(Action::Help));
    // Overridden, added, untouched.
    assert_eq!(km.lookup(Mode::Queue, key("F3")), Some(Action::Refer));
    assert_eq!(
        km.lookup(Mode::Queue, key("ctrl-n")),
        Some(Action::IntakeNew)
    );
    assert_eq!(km.lookup(Mode::Queue, key("F2")), Some(Action::IntakeNew));
    assert_eq!(km.lookup(Mode::Desk, key("t")), Some(Action::OpenTally));
    // Global noop removes the key everywhere.
    assert_eq!(km.lookup(Mode::Queue, key("ctrl-o")), None);
    assert!(km.keys_for(Mode::Queue, Action::SignOut).is_empty());
    // Call next is now only on "c", and help lists the override.
    assert_eq!(km.keys_for(Mode::Queue, Action::CallNext), vec!["c"]);
    assert!(km
        .bindings(Mode::Queue)
        .contains(&("F3".to_owned(), Action::Refer)));
}

#[test]
fn noop_without_anything_to_hide_is_dropped() {
    let km =
        with_user("[queue]\n\"t\" = \"noop\"\n\"?\" = \"noop\"\n[global]\n\"F1\" = \"noop\"\n");
    let queue = &km.tables[Mode::Queue.index()];
    assert!(!queue.contains_key(&key("t")));
    assert_eq!(queue.get(&key("?")), Some(&Binding::Noop));
    assert!(!km.tables[Mode::Global.index()].contains_key(&key("F1")));
}

#[test]
fn keys_for_is_ordered_and_respects_shadowing() {
    let km = Keymap::defaults();
    assert_eq!(km.keys_for(Mode::Queue, Action::CallNext), vec!["F3", "c"]);
    assert_eq!(km.keys_for(Mode::Queue, Action::Help), vec!["F1", "?"]);
    assert_eq!(
        km.keys_for(Mode::Queue, Action::Quit),
        vec!["F10", "Ctrl-Q"]
    );
    assert_eq!(
        km.keys_for(Mode::Queue, Action::RequeueNoShow),
        vec!["r", "Ctrl-R"]
    );
    assert_eq!(
        km.keys_for(Mode::Intake, Action::PrevField),
        vec!["Shift-Tab", "Up"]
    );
    // In a text-field mode '?' types into the field, so it is not offered for help.
    assert_eq!(km.keys_for(Mode::Intake, Action::Help), vec!["F1"]);
    // In help, F1 means back, so help is only reachable by '?'.
    assert_eq!(km.keys_for(Mode::Help, Action::Help), vec!["?"]);
    assert!(km.keys_for(Mode::Queue, Action::PickUp).is_empty());
}

#[test]
fn hints_follow_the_given_order_and_skip_unbound() {
    let km = Keymap::defaults();
    let hints = km.hints(
        Mode::Queue,
        &[
            Action::CallNext,
            Action::PickUp,
            Action::IntakeNew,
            Action::Help,
        ],
    );
    assert_eq!(
        hints,
        vec![
            ("F3".to_owned(), Action::CallNext),
            ("F2".to_owned(), Action::IntakeNew),
            ("F1".to_owned(), Action::Help),
        ]
    );
}

#[test]
fn bindings_are_the_mode_only_sorted_f_keys_first() {
    let km = Keymap::defaults();
    let queue = km.bindings(Mode::Queue);
    assert_eq!(queue.first(), Some(&("F2".to_owned(), Action::IntakeNew)));
    assert!(!queue.iter().any(|(_, a)| *a == Action::Quit));
    let keys: Vec<Key> = queue.iter().map(|(k, _)| key(k)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(km.bindings(Mode::Global).len(), 7);
}

#[test]
fn describe_lists_every_table_and_parses_back() {
    let km =
        with_user("[queue]\n\"?\" = \"noop\"\n\"F3\" = \"refer\"\n[tally]\n\"\\\\\" = \"back\"\n");
    let text = km.describe();
    for mode in Mode::ALL {
        assert!(text.contains(&format!("[{}]\n", mode.name())), "{text}");
    }
    assert!(text.contains("\"F3\" = \"refer\"\n"), "{text}");
    assert!(text.contains("\"?\" = \"noop\"\n"), "{text}");
    assert!(text.contains("pick_up_selected"), "{text}");
    // Saved as a user file, the description reproduces the same keymap.
    let (layer, problems) = parse_layer(&text, Path::new("described.toml"));
    assert!(problems.is_empty(), "{problems:#?}\n{text}");
    let mut again = Keymap::defaults();
    again.merge(layer);
    assert_eq!(again, km);
}

#[test]
fn load_explicit_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.toml");
    let (km, problems) = Keymap::load(Some(&missing));
    assert_eq!(km, Keymap::defaults());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, ProblemKind::NotFound);
    let (_, problems) = Keymap::load_optional(&missing);
    assert!(problems.is_empty());

    let good = dir.path().join("good.toml");
    std::fs::write(&good, "[queue]\n\"F3\" = \"refer\"\n").expect("write");
    let (km, problems) = Keymap::load(Some(&good));
    assert!(problems.is_empty());
    assert_eq!(km.lookup(Mode::Queue, key("F3")), Some(Action::Refer));
    assert_eq!(check_file(&good), Ok(()));

    // One bad line rejects the whole file, including its good lines.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[queue]\n\"F3\" = \"refer\"\n\"F4\" = \"recal\"\n").expect("write");
    let (km, problems) = Keymap::load(Some(&bad));
    assert_eq!(km, Keymap::defaults());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(3));
    assert!(check_file(&bad).is_err());

    let (km, problems) = Keymap::load(None);
    assert_eq!(km, Keymap::defaults());
    assert!(problems.is_empty());
}

#[test]
fn gbk_file_is_reported_as_not_utf8_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("gbk.toml");
    // "# 叫号" in GBK on line 2.
    std::fs::write(
        &path,
        b"[queue]\n# \xbd\xd0\xba\xc5\n\"F3\" = \"call_next\"\n",
    )
    .expect("write");
    let problems = check_file(&path).expect_err("not UTF-8");
    assert_eq!(problems[0].kind, ProblemKind::NotUtf8);
    assert_eq!(problems[0].line, Some(2));
}

/// The edit-visitor action (SPEC §3) is on F2 at the desks (which do no intake) and on "e" in
/// both window views; the front desk's F2 stays intake.
#[test]
fn edit_visitor_keys() {
    let km = Keymap::defaults();
    assert_eq!(
        km.keys_for(Mode::Desk, Action::EditVisitor),
        vec!["F2", "e"]
    );
    assert_eq!(km.keys_for(Mode::Queue, Action::EditVisitor), vec!["e"]);
    assert_eq!(km.lookup(Mode::Queue, key("F2")), Some(Action::IntakeNew));
    assert_eq!(
        km.action(Mode::Desk, &plain(KeyCode::F(2))),
        Some(Action::EditVisitor)
    );
}
