//! The hall board (`legaldesk board --speak`) in a real terminal beside two window terminals on
//! one database (SPEC §9.1): calls from both windows show on the board within a second of the
//! key press (measured and printed), a window's own label is used, nothing personal ever
//! reaches the board, a failing speech command is shown on the board and recorded, a window
//! paused from its own screen shows as 暂停服务 and "call next" there asks first, and the
//! terminal is restored when the board quits.
//!
//! Needs `tmux` (fails under CI without it).

use std::path::Path;
use std::time::{Duration, Instant};

use legaldesk::domain::codes::{IdType, Matter, Service};
use legaldesk::service::intake::{self, IntakeInput};
use legaldesk::service::staff;

use crate::e2e_tmux::{
    app_line, cli, quit_and_check_restored, sign_in, terminal_hall, Tmux, SCREEN_DEADLINE,
};

/// SPEC §8 wants a call on the board within one second. Measured from the key press at the
/// window terminal (so it covers that terminal's own work and the screen capture) and
/// printed; the spec's second is measured on a quiet machine by `scripts/bench-hall.sh`.
/// The bound here only proves the board is live, and leaves room for a loaded CI machine.
const BOARD_BOUND: Duration = Duration::from_secs(3);

/// What must never appear on the board.
const SECRETS: &[&str] = &[
    "欧阳",
    "娜娜",
    "13912345678",
    "110101199003074514",
    "1101011990",
    "Robert",
    "DROP",
    "秘密",
    "劳动争议",
    "李前台",
    "赵律师",
];

/// Three visitors with hostile names, issued through the service layer (their tickets are
/// Z001, Z002 and Y001).
fn hostile_visitors(db: &Path) {
    let mut conn = legaldesk::db::open(db).expect("open");
    let now = legaldesk::domain::clock::now();
    let desk = staff::sign_in(&mut conn, "S02", "2222", Some("W1"), now).expect("sign in");
    let settings = legaldesk::service::settings::load(&conn).expect("settings");
    let visitors = [
        IntakeInput {
            service: Service::Consult,
            name: "\u{1b}[31m欧阳\u{202e}娜娜".into(),
            phone: "13912345678".into(),
            matter: Matter::Labor,
            summary: "秘密摘要".into(),
            ..IntakeInput::default()
        },
        IntakeInput {
            service: Service::Consult,
            name: "Robert'); DROP TABLE visits;--".into(),
            ..IntakeInput::default()
        },
        IntakeInput {
            service: Service::LegalAid,
            name: "欧阳娜娜".into(),
            id_type: IdType::ResidentId,
            id_number: "110101199003074514".into(),
            matter: Matter::Labor,
            ..IntakeInput::default()
        },
    ];
    for input in &visitors {
        intake::issue_ticket(&mut conn, &desk, input, &settings, now).expect("issue");
    }
    // This process is not a window terminal: its sign-in must not keep W1 open.
    staff::sign_out(&mut conn, &desk, now).expect("sign out");
}

fn assert_private(screen: &str, when: &str) {
    for secret in SECRETS {
        assert!(
            !screen.contains(secret),
            "the board shows {secret:?} ({when}):\n{screen}"
        );
    }
}

/// Presses `key` at `window` and waits for `shown` on the board; returns the time taken.
fn call_and_time(tmux: &Tmux, window: &str, key: &str, shown: &str) -> Duration {
    let start = Instant::now();
    tmux.keys(window, &[key]);
    let (screen, _) = tmux.wait("BOARD", shown, SCREEN_DEADLINE, |s| s.contains(shown));
    let latency = start.elapsed();
    assert_private(&screen, shown);
    latency
}

#[test]
fn calls_show_on_the_board_within_a_second_and_nothing_personal_does() {
    let Some(the_hall) = terminal_hall("the board's terminal test") else {
        return;
    };
    let (tmux, home, db) = the_hall.parts();
    // The legal-aid window has its own label; speech is set up to fail.
    cli(
        home,
        &db,
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
    );
    cli(
        home,
        &db,
        &[
            "settings",
            "set",
            "announce_command",
            "no-such-speech-program {text}",
        ],
        "",
    );
    cli(
        home,
        &db,
        &["settings", "set", "board_notice", "请保管好随身物品"],
        "",
    );
    // Long enough that the first call is still the large one when the second is checked.
    cli(home, &db, &["settings", "set", "board_hold_s", "60"], "");
    hostile_visitors(&db);

    tmux.start("BOARD", 80, 24, &app_line(home, &db, "board --speak"));
    let (screen, _) = tmux.wait("BOARD", "the empty board", SCREEN_DEADLINE, |s| {
        s.contains("暂无叫号")
            && s.contains("1号窗口 未开放")
            && s.contains("法援窗口 未开放")
            && s.contains("法律咨询 2人")
            && s.contains("请保管好随身物品")
    });
    assert_private(&screen, "the empty board");
    tmux.wait_for("BOARD", "语音播报：本屏负责");

    tmux.start("A", 80, 24, &app_line(home, &db, ""));
    sign_in(&tmux, "A", "S02", "2222", "1");
    tmux.wait_for("A", "等候队列");
    tmux.start("B", 80, 24, &app_line(home, &db, ""));
    sign_in(&tmux, "B", "S03", "3333", "2");
    tmux.wait_for("B", "等候队列");
    // Signing in opens the windows on the board, without a key pressed there.
    tmux.wait("BOARD", "both windows open", SCREEN_DEADLINE, |s| {
        s.contains("1号窗口 服务中") && s.contains("法援窗口 服务中")
    });

    let first = call_and_time(&tmux, "A", "F3", "正在办理 Z001");
    tmux.wait_for("A", "已叫号 Z001");
    let second = call_and_time(&tmux, "B", "F3", "正在办理 Y001");
    tmux.wait_for("B", "已接办 Y001");
    println!(
        "call -> board: W1 {} ms, W2 {} ms (bound {} ms)",
        first.as_millis(),
        second.as_millis(),
        BOARD_BOUND.as_millis()
    );
    assert!(first <= BOARD_BOUND, "W1's call took {first:?} to show");
    assert!(second <= BOARD_BOUND, "W2's call took {second:?} to show");
    // Both calls are listed; the one held in large type says where to go.
    let (screen, _) = tmux.wait("BOARD", "both calls listed", SCREEN_DEADLINE, |s| {
        s.contains("请到 1号窗口 办理") && s.contains("Y001   法援窗口")
    });
    assert_private(&screen, "after both calls");
    // No speech: the board says why, and the rows record it.
    let (screen, _) = tmux.wait("BOARD", "the speech failure", SCREEN_DEADLINE, |s| {
        s.contains("播报失败（Y001）") && s.contains("no-such-speech-program")
    });
    assert_private(&screen, "speech failed");
    let conn = legaldesk::db::open(&db).expect("open");
    let deadline = Instant::now() + SCREEN_DEADLINE;
    let failed = loop {
        let failed: Vec<(String, String)> = conn
            .prepare(
                "SELECT ticket, failed FROM announcements WHERE failed IS NOT NULL ORDER BY id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        if failed.len() == 2 || Instant::now() > deadline {
            break failed;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        failed,
        [
            ("Z001".to_string(), "missing_command".to_string()),
            ("Y001".to_string(), "missing_command".to_string())
        ]
    );

    // W1 pauses from its own screen: reason 2 = meeting.
    tmux.keys("A", &["z"]);
    tmux.wait_for("A", "暂停服务（将记入操作日志）");
    tmux.text("A", "2");
    tmux.wait_for("A", "2.会议");
    tmux.keys("A", &["F2"]);
    tmux.wait(
        "A",
        "the pause on the window's own screen",
        SCREEN_DEADLINE,
        |s| s.contains("暂停服务中：会议") && s.contains("起，按 z 恢复服务"),
    );
    let (screen, _) = tmux.wait("BOARD", "W1 paused", SCREEN_DEADLINE, |s| {
        s.contains("1号窗口 暂停服务（会议）")
    });
    assert_private(&screen, "W1 paused");
    // Calling at a paused window asks first; Esc keeps it paused and calls nobody.
    tmux.keys("A", &["F3"]);
    tmux.wait_for("A", "恢复服务并叫号吗");
    tmux.keys("A", &["Escape"]);
    tmux.wait("A", "the question to close", SCREEN_DEADLINE, |s| {
        !s.contains("恢复服务并叫号吗") && s.contains("暂停服务中")
    });
    // Confirmed: the window resumes and calls Z002.
    tmux.keys("A", &["F3"]);
    tmux.wait_for("A", "恢复服务并叫号吗");
    tmux.keys("A", &["Enter"]);
    tmux.wait_for("A", "已叫号 Z002");
    tmux.wait("BOARD", "W1 serving again", SCREEN_DEADLINE, |s| {
        s.contains("1号窗口 正在办理 Z002") && !s.contains("暂停服务（会议）")
    });
    let audit: Vec<String> = conn
        .prepare("SELECT action FROM audit WHERE action IN ('window_pause', 'window_resume', 'window_label') ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        audit,
        ["window_label", "window_pause", "window_resume"],
        "pause and resume are audited"
    );

    // A window whose person quits is closed again on the board.
    quit_and_check_restored(&tmux, "A");
    tmux.wait_for("BOARD", "1号窗口 未开放");
    quit_and_check_restored(&tmux, "BOARD");
    quit_and_check_restored(&tmux, "B");
    // The board that quit gave the announcer's lease up.
    let leases: i64 = conn
        .query_row("SELECT count(*) FROM announcer_lease", [], |r| r.get(0))
        .unwrap();
    assert_eq!(leases, 0);
}

#[test]
fn the_english_board_and_an_unknown_window() {
    let Some(the_hall) = terminal_hall("the board's terminal test") else {
        return;
    };
    let (tmux, home, db) = the_hall.parts();
    tmux.start(
        "EN",
        80,
        24,
        &app_line(home, &db, "--lang en board --windows w2,W1"),
    );
    let (screen, _) = tmux.wait("EN", "the English board", SCREEN_DEADLINE, |s| {
        s.contains("No calls yet") && s.contains("Window 1 closed") && s.contains("Window 2 closed")
    });
    assert!(
        !screen.contains("Window 3") && !screen.contains("Window 4"),
        "--windows limits the board:\n{screen}"
    );
    assert!(
        !screen.contains("号窗口"),
        "Chinese on the English board:\n{screen}"
    );
    // Below 80×24 it asks for a bigger terminal.
    tmux.run(&["resize-window", "-t", "EN", "-x", "60", "-y", "20"]);
    tmux.wait_for("EN", "Please enlarge");
    tmux.run(&["resize-window", "-t", "EN", "-x", "80", "-y", "24"]);
    tmux.wait_for("EN", "No calls yet");
    quit_and_check_restored(&tmux, "EN");

    // A window that does not exist is refused before the screen is taken.
    tmux.start("BAD", 80, 24, &app_line(home, &db, "board --windows W1,W9"));
    let (screen, _) = tmux.wait("BAD", "the refusal", SCREEN_DEADLINE, |s| {
        s.contains("LEGALDESK_EXIT=")
    });
    assert!(screen.contains("没有窗口 W9"), "{screen}");
    assert!(screen.contains("LEGALDESK_EXIT=1"), "{screen}");
}

fn frames(log: &Path) -> usize {
    std::fs::read_to_string(log)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

/// The announcer records each speech (started, each repetition, spoken): commits that change
/// nothing a window terminal shows, so an idle terminal draws no frame for them.
#[test]
fn an_idle_terminal_is_not_redrawn_while_the_announcer_speaks() {
    let Some(the_hall) = terminal_hall("the idle-redraw test") else {
        return;
    };
    let (tmux, home, db) = the_hall.parts();
    let script = home.join("speak.sh");
    std::fs::write(&script, "#!/bin/sh\nsleep 0.3\n").unwrap();
    cli(
        home,
        &db,
        &[
            "settings",
            "set",
            "announce_command",
            &format!("sh {} {{text}}", script.display()),
        ],
        "",
    );
    // A legal-aid ticket called at W2 just now, from another terminal.
    {
        let mut conn = legaldesk::db::open(&db).expect("open");
        let now = legaldesk::domain::clock::now();
        let desk = staff::sign_in(&mut conn, "S02", "2222", Some("W1"), now).unwrap();
        let lawyer = staff::sign_in(&mut conn, "S03", "3333", None, now).unwrap();
        let lawyer = legaldesk::service::Actor {
            window_id: Some(2),
            ..lawyer
        };
        let settings = legaldesk::service::settings::load(&conn).unwrap();
        let input = IntakeInput {
            service: Service::LegalAid,
            name: "李四".into(),
            ..IntakeInput::default()
        };
        intake::issue_ticket(&mut conn, &desk, &input, &settings, now).unwrap();
        legaldesk::service::steps::pick_up_next(&mut conn, &lawyer, &settings, now).unwrap();
        staff::sign_out(&mut conn, &desk, now).unwrap();
    }
    let log = home.join("frames.log");
    let line = app_line(home, &db, "").replacen(
        "unset LEGALDESK_DB NO_COLOR;",
        &format!(
            "unset LEGALDESK_DB NO_COLOR; export LEGALDESK_FRAME_LOG='{}';",
            log.display()
        ),
        1,
    );
    tmux.start("A", 80, 24, &line);
    sign_in(&tmux, "A", "S02", "2222", "1");
    tmux.wait_for("A", "等候队列");
    let mut last = frames(&log);
    loop {
        std::thread::sleep(Duration::from_millis(600));
        let now = frames(&log);
        if now == last {
            break;
        }
        last = now;
    }
    let minute = || legaldesk::domain::clock::now() / 60;
    let started = minute();
    let mut announcer = std::process::Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .arg("--db")
        .arg(&db)
        .args(["board", "--speak"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let conn = legaldesk::db::open(&db).unwrap();
    let deadline = Instant::now() + SCREEN_DEADLINE;
    let spoken = loop {
        let spoken: Option<i64> = conn
            .query_row("SELECT spoken_at FROM announcements", [], |r| r.get(0))
            .unwrap();
        if spoken.is_some() || Instant::now() > deadline {
            break spoken;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // One more poll period of the terminal, so a late redraw would be seen.
    std::thread::sleep(Duration::from_millis(900));
    let _ = announcer.kill();
    let _ = announcer.wait();
    assert!(spoken.is_some(), "the call was not spoken");
    let grown = frames(&log) - last;
    let crossed = minute() != started;
    assert!(
        grown == 0 || (crossed && grown == 1),
        "{grown} frame(s) drawn while the announcer spoke"
    );
    quit_and_check_restored(&tmux, "A");
}

/// SIGTERM (a shutdown, a service manager): the board restores the terminal, its announcer
/// gives the lease up, and it exits 0.
#[test]
fn sigterm_restores_the_terminal_and_gives_the_lease_up() {
    let Some(the_hall) = terminal_hall("the board's terminal test") else {
        return;
    };
    let (tmux, home, db) = the_hall.parts();
    tmux.start("SB", 80, 24, &app_line(home, &db, "board --speak"));
    tmux.wait_for("SB", "语音播报：本屏负责");
    let conn = legaldesk::db::open(&db).unwrap();
    let pid: i64 = conn
        .query_row("SELECT pid FROM announcer_lease", [], |r| r.get(0))
        .expect("the board holds the lease");
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    assert_eq!(
        comm.trim(),
        "legaldesk",
        "the lease names the board's own process"
    );
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let (screen, _) = tmux.wait("SB", "the board to exit", SCREEN_DEADLINE, |s| {
        s.contains("LEGALDESK_EXIT=") && s.contains("icanon")
    });
    assert!(screen.contains("LEGALDESK_EXIT=0"), "{screen}");
    let words: Vec<&str> = screen
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    assert!(
        words.contains(&"icanon") && !words.contains(&"-icanon"),
        "{screen}"
    );
    assert!(
        words.contains(&"echo") && !words.contains(&"-echo"),
        "{screen}"
    );
    assert_eq!(tmux.format("SB", "#{alternate_on}"), "0");
    assert_eq!(tmux.format("SB", "#{cursor_flag}"), "1");
    let leases: i64 = conn
        .query_row("SELECT count(*) FROM announcer_lease", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        leases, 0,
        "the lease is given up at once, not left for a standby to find dead"
    );
}
