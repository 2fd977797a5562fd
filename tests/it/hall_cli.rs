//! The hall's command line: `window add --label` and `window list`, the hall settings checked
//! before they are stored (a refusal in either language changes nothing), and `board` refusing
//! clearly when it cannot run.

use crate::cli::{assert_exit, err, one_error_line, out, Home};

#[test]
fn window_labels_are_set_listed_and_checked() {
    let home = Home::new();
    assert_exit(&home.run(&["init"], ""), 0);
    assert_exit(
        &home.run(
            &[
                "window",
                "add",
                "W2",
                "--services",
                "legal_aid",
                "--label",
                "法援窗口",
            ],
            "",
        ),
        0,
    );
    let list = out(&home.run(&["window", "list"], ""));
    let w1 = list.lines().find(|l| l.starts_with("W1")).unwrap();
    let w2 = list.lines().find(|l| l.starts_with("W2")).unwrap();
    assert_eq!(
        w1.split('\t').nth(2),
        Some("1号窗口"),
        "the default label: {list}"
    );
    assert_eq!(w2.split('\t').nth(2), Some("法援窗口"), "{list}");
    // Too long for the board and the voice: refused, nothing changes.
    let refused = home.run(
        &[
            "window",
            "add",
            "W2",
            "--services",
            "legal_aid",
            "--label",
            "法律援助申请受理专用窗口一号",
        ],
        "",
    );
    assert!(
        one_error_line(&refused).contains("窗口名称过长"),
        "{}",
        err(&refused)
    );
    assert_eq!(out(&home.run(&["window", "list"], "")), list);
    // A new window with a bad label is not created either.
    let long = "窗".repeat(13);
    let refused = home.run(
        &[
            "--lang",
            "en",
            "window",
            "add",
            "W9",
            "--services",
            "notary",
            "--label",
            &long,
        ],
        "",
    );
    assert!(one_error_line(&refused).contains("window label is too long"));
    assert_eq!(out(&home.run(&["window", "list"], "")), list);
    // An empty label goes back to the default.
    assert_exit(
        &home.run(
            &[
                "window",
                "add",
                "W2",
                "--services",
                "legal_aid",
                "--label",
                "",
            ],
            "",
        ),
        0,
    );
    let list = out(&home.run(&["window", "list"], ""));
    assert!(list.contains("W2\tlegal_aid\t2号窗口"), "{list}");
}

#[test]
fn hall_settings_are_checked_in_both_languages() {
    let home = Home::new();
    assert_exit(&home.run(&["init"], ""), 0);
    for (key, value) in [
        ("board_hold_s", "12"),
        ("board_notice", "请保管好随身物品"),
        ("announce_template", "请{ticket}号到{window}"),
        ("announce_repeat", "3"),
        (
            "announce_command",
            "espeak-ng -v cmn-latn-pinyin -s 150 {pinyin}",
        ),
        ("announce_yao", "1"),
        ("open_hours", "09:00-12:00, 13:30-17:00"),
    ] {
        assert_exit(&home.run(&["settings", "set", key, value], ""), 0);
    }
    let list = out(&home.run(&["settings", "list"], ""));
    assert!(
        list.contains("open_hours\t09:00-12:00,13:30-17:00\t"),
        "{list}"
    );
    assert!(list.contains("announce_clips\t（默认）\t"), "{list}");
    for (key, value, zh, en) in [
        (
            "board_hold_s",
            "0",
            "board_hold_s 的值无效",
            "invalid value for board_hold_s",
        ),
        (
            "announce_template",
            "请到{window}",
            "须含 {ticket}",
            "with {ticket}",
        ),
        ("announce_repeat", "9", "1–5", "1-5"),
        (
            "announce_command",
            "espeak-ng 'unclosed",
            "announce_command 的值无效",
            "invalid value for announce_command",
        ),
        (
            "announce_clips",
            "/no/such/folder",
            "录音文件夹",
            "folder of recorded",
        ),
        ("open_hours", "8-17", "对外办公时间", "opening hours"),
    ] {
        let zh_line = one_error_line(&home.run(&["settings", "set", key, value], ""));
        assert!(zh_line.contains(zh), "{zh_line}");
        let en_line =
            one_error_line(&home.run(&["--lang", "en", "settings", "set", key, value], ""));
        assert!(en_line.contains(en), "{en_line}");
    }
    assert_eq!(
        out(&home.run(&["settings", "list"], "")),
        list,
        "refusals change nothing"
    );
}

#[test]
fn the_board_refuses_clearly_when_it_cannot_run() {
    let home = Home::new();
    assert_exit(&home.run(&["init"], ""), 0);
    // No terminal and no --speak: nothing to show anything on.
    let line = one_error_line(&home.run(&["board"], ""));
    assert!(line.contains("须在终端中运行"), "{line}");
    let line = one_error_line(&home.run(&["--lang", "en", "board", "--windows", " , "], ""));
    assert!(line.contains("--windows takes window codes"), "{line}");
    let line = one_error_line(&home.run(&["board", "--windows", "W1,W\u{1b}[2J"], ""));
    assert!(line.contains("--windows 应为"), "{line}");
    let line =
        one_error_line(&home.run(&["--lang", "en", "board", "--speak", "--windows", "W7"], ""));
    assert!(
        line.contains("no window W7") && line.contains("W1, W2, W3, W4"),
        "{line}"
    );
}
