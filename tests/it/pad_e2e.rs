//! The real binary in real terminals (tmux): the front desk at W1 and W1's rating pad, on one
//! database. Finishing a step at the window shows the question on the idle pad within a
//! second (measured from the commit, and printed); keys other than the digits do nothing;
//! 2 then a reason stores `unsatisfied` from the pad with its reason and opens the follow-up
//! due on the right working day; a second rating is refused; nothing personal of the visitor
//! (a hostile name, the phone) is ever on the pad; the staff-only quit and SIGTERM both give
//! the terminal back. Needs tmux (required under CI).

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::e2e_tmux::{
    app_line, check_restored, cli, sign_in, terminal_hall, Tmux, SCREEN_DEADLINE,
};
use legaldesk::domain::calendar::Calendar;
use legaldesk::domain::clock::Zone;

/// SPEC §9.3 wants the question on the pad within a second of the finish. The latency is
/// measured and printed here (and in `scripts/bench-hall.sh` on a quiet machine); the bound
/// only proves the pad is live, asking without a key pressed on it, and leaves room for a
/// loaded CI machine, where timing is never asserted to the spec's second.
const PROMPT_BOUND: Duration = Duration::from_secs(3);

/// The visitor: a name with a right-to-left override in it, and a phone.
const NAME: &str = "欧阳\u{202e}娜娜";
const PHONE: &str = "13812345678";

fn read_only(db: &Path) -> Connection {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open read-only")
}

/// Nothing of the visitor on the pad: no part of the name, no run of the phone's digits.
#[track_caller]
fn nothing_personal(screen: &str) {
    for part in ["欧阳", "娜娜", "欧", "娜", "\u{202e}"] {
        assert!(!screen.contains(part), "the pad shows {part:?}:\n{screen}");
    }
    for digits in [PHONE, "1381234", "5678", "138"] {
        assert!(
            !screen.contains(digits),
            "the pad shows {digits}:\n{screen}"
        );
    }
}

/// The rating columns of Z001's step.
fn rating_of(conn: &Connection) -> (Option<String>, Option<String>, Option<String>) {
    conn.query_row(
        "SELECT s.rating, s.rating_by, s.rating_reason FROM steps s JOIN visits v ON v.id = s.visit_id
          WHERE v.ticket = 'Z001'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .expect("Z001")
}

fn finished(conn: &Connection) -> bool {
    conn.query_row(
        "SELECT s.status = 'done' FROM steps s JOIN visits v ON v.id = s.visit_id WHERE v.ticket = 'Z001'",
        [],
        |r| r.get::<_, bool>(0),
    )
    .optional()
    .ok()
    .flatten()
    .unwrap_or(false)
}

/// The process the pane's shell is running (the app), from /proc.
fn app_pid(tmux: &Tmux, session: &str) -> i32 {
    let pane = tmux.format(session, "#{pane_pid}");
    let children = std::fs::read_to_string(format!("/proc/{pane}/task/{pane}/children"))
        .expect("children of the pane's shell");
    children
        .split_whitespace()
        .next()
        .and_then(|p| p.parse().ok())
        .expect("the app runs in the pane")
}

#[test]
fn a_window_and_its_pad() {
    let Some(the_hall) = terminal_hall("the rating pad end-to-end test") else {
        return;
    };
    let (tmux, home, db) = the_hall.parts();
    cli(home, db, &["settings", "set", "timezone", "+08:00"], "");

    // The pad of W1, idle: the center's name, nothing else to do.
    tmux.start("PAD", 80, 24, &app_line(&home, &db, "pad --window W1"));
    tmux.wait("PAD", "the idle pad", SCREEN_DEADLINE, |s| {
        s.contains("公共法律服务中心") && s.contains("欢迎您")
    });

    // The front desk at W1 issues, calls and starts a ticket for a visitor with a hostile name.
    tmux.start("A", 80, 24, &app_line(&home, &db, ""));
    sign_in(&tmux, "A", "S02", "2222", "1");
    tmux.wait("A", "the front-desk queue", SCREEN_DEADLINE, |s| {
        s.contains("等候队列")
    });
    tmux.keys("A", &["F2"]);
    tmux.wait_for("A", "登记取号");
    tmux.keys("A", &["Enter"]);
    tmux.text("A", NAME);
    tmux.keys("A", &["Enter"]);
    tmux.text("A", PHONE);
    tmux.keys("A", &["F2"]);
    tmux.wait_for("A", "已取号：Z001");
    tmux.keys("A", &["Escape"]);
    // Esc must be read alone before the next key, or the two can read as one sequence.
    tmux.wait("A", "the ticket overlay to close", SCREEN_DEADLINE, |s| {
        !s.contains("已取号") && s.contains("Z001")
    });
    tmux.keys("A", &["F3"]);
    tmux.wait_for("A", "已叫号 Z001");
    tmux.keys("A", &["F5"]);
    tmux.wait_for("A", "Z001 办理中");
    // Called and being served is not finished: the pad stays idle, and shows nobody.
    let screen = tmux.capture("PAD");
    assert!(
        screen.contains("欢迎您") && !screen.contains("请对本次服务评价"),
        "{screen}"
    );
    nothing_personal(&screen);

    // Finish with outcome 1 and no rating: the pad asks the visitor.
    tmux.keys("A", &["F6"]);
    tmux.wait_for("A", "办理结果");
    tmux.text("A", "1");
    tmux.wait_for("A", "1.当场解答");
    let conn = read_only(&db);
    let pressed = Instant::now();
    tmux.keys("A", &["F2"]);
    // Poll the database for the commit and the pad for the question, together; no key is
    // sent to the pad meanwhile.
    let mut committed: Option<Instant> = None;
    let shown = loop {
        if committed.is_none() && finished(&conn) {
            committed = Some(Instant::now());
        }
        let screen = tmux.capture("PAD");
        if screen.contains("请对本次服务评价") {
            break (screen, Instant::now());
        }
        assert!(
            pressed.elapsed() < SCREEN_DEADLINE,
            "the pad never asked:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    let (screen, at) = shown;
    let committed = committed.unwrap_or(at);
    let latency = at.saturating_duration_since(committed);
    println!(
        "pad prompt: {} ms after the finish was committed, {} ms after the finish key (bound {} ms)",
        latency.as_millis(),
        at.duration_since(pressed).as_millis(),
        PROMPT_BOUND.as_millis()
    );
    assert!(
        latency <= PROMPT_BOUND,
        "the pad asked {latency:?} after the finish (bound {PROMPT_BOUND:?})"
    );
    // The prompt's first line can be captured before the rest of the frame is drawn (under
    // load), so the latency is taken at the prompt and the whole frame is then waited for.
    drop(screen);
    let words = [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
        "Z001",
    ];
    let screen = tmux.wait_all("PAD", &words);
    nothing_personal(&screen);
    tmux.wait_for("A", "已办结");

    // Nothing but the digits 1–5 does anything: letters, 0 and 9, Enter, Esc, F10, the
    // TUI's quit and the terminal's interrupt. (Esc is followed by a letter, so a terminal
    // that reads the two as alt-letter still gets nothing bound.)
    for key in [
        "a", "Q", "0", "9", "Enter", "Space", "Up", "F10", "C-q", "C-c", "C-z", "C-\\", "Escape",
        "x", "BSpace", "Tab",
    ] {
        tmux.keys("PAD", &[key]);
    }
    // 2: stored at once as a 差评 from the pad; the reason is asked next. Keys arrive in
    // order, so by the time the reason shows every key above was read and ignored.
    tmux.keys("PAD", &["2"]);
    let reasons = [
        "请告诉我们不满意的原因",
        "服务态度",
        "办事效率",
        "专业水平",
        "办事环境",
        "其他",
    ];
    let screen = tmux.wait_all("PAD", &reasons);
    nothing_personal(&screen);
    assert_eq!(
        rating_of(&conn),
        (Some("unsatisfied".into()), Some("pad".into()), None)
    );
    // The follow-up exists from the rating's own transaction.
    let (opened_date, due_date, rated_at): (String, String, i64) = conn
        .query_row(
            "SELECT f.opened_date, f.due_date, s.rated_at FROM follow_ups f JOIN steps s ON s.id = f.step_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("a follow-up was opened with the rating");
    let zone = Zone::parse("+08:00").unwrap();
    let opened = NaiveDate::parse_from_str(&opened_date, "%Y-%m-%d").unwrap();
    assert_eq!(opened, zone.business_date(rated_at));
    let due = Calendar::builtin().add_working_days(opened, 5);
    assert_eq!(
        due_date,
        due.format("%Y-%m-%d").to_string(),
        "followup_days (5) working days"
    );

    // Reason 2 = 办事效率; then thanks, with the callback promise.
    tmux.keys("PAD", &["2"]);
    let (screen, _) = tmux.wait("PAD", "the thanks", SCREEN_DEADLINE, |s| {
        s.contains("感谢您的评价") && s.contains("5 个工作日内回访整改")
    });
    nothing_personal(&screen);
    assert_eq!(
        rating_of(&conn),
        (
            Some("unsatisfied".into()),
            Some("pad".into()),
            Some("efficiency".into())
        )
    );

    // A second rating is refused, and the stored one stands.
    tmux.keys("PAD", &["5"]);
    let (screen, _) = tmux.wait("PAD", "the refusal", SCREEN_DEADLINE, |s| {
        s.contains("本次服务已评价")
    });
    nothing_personal(&screen);
    assert_eq!(rating_of(&conn).0.as_deref(), Some("unsatisfied"));
    let ratings: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'rate'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ratings, 1, "one rating in the audit log");
    // Back to idle by itself.
    tmux.wait("PAD", "idle again", SCREEN_DEADLINE, |s| {
        s.contains("欢迎您") && !s.contains("本次服务已评价")
    });

    // The supervisor sees it from the queue view (key f) and closes it with an outcome and
    // a note.
    tmux.start("S", 80, 24, &app_line(&home, &db, ""));
    sign_in(&tmux, "S", "S01", "1111", "5");
    tmux.wait(
        "S",
        "the follow-up count on the supervisor's screen",
        SCREEN_DEADLINE,
        |s| s.contains("差评回访 待办1 逾期0 [f]"),
    );
    tmux.keys("S", &["f"]);
    // The whole list drawn: ticket, window, staff, level, reason, who rated, due date.
    let words = [
        "差评回访整改",
        "Z001",
        "W1",
        "S02",
        "2 不满意",
        "办事效率",
        "评价器",
        due_date.as_str(),
    ];
    let screen = tmux.wait_all("S", &words);
    assert!(
        !screen.contains("欧阳") && !screen.contains(PHONE),
        "the supervisor's list shows the visitor unmasked:\n{screen}"
    );
    tmux.keys("S", &["Enter"]);
    tmux.wait_for("S", "办结回访 Z001");
    tmux.text("S", "2");
    tmux.wait_for("S", "2.解释说明");
    tmux.keys("S", &["Enter"]);
    tmux.text("S", "已电话回访并说明");
    tmux.wait_for("S", "已电话回访并说明");
    tmux.keys("S", &["F2"]);
    tmux.wait("S", "the follow-up closed", SCREEN_DEADLINE, |s| {
        s.contains("Z001 的回访已办结") && s.contains("没有待办的回访")
    });
    let closed: (String, String, String) = conn
        .query_row(
            "SELECT f.outcome, f.note, st.code FROM follow_ups f JOIN staff st ON st.id = f.closed_by",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("closed");
    assert_eq!(
        closed,
        ("explained".into(), "已电话回访并说明".into(), "S01".into())
    );
    tmux.keys("S", &["Escape"]);
    tmux.wait("S", "back to the queue view", SCREEN_DEADLINE, |s| {
        s.contains("差评回访 待办0 逾期0")
    });

    // The staff-only quit: three presses of ctrl-alt-q.
    for _ in 0..3 {
        tmux.keys("PAD", &["C-M-q"]);
    }
    check_restored(&tmux, "PAD");

    // A pad stopped from another terminal with SIGTERM gives the terminal back too.
    tmux.start(
        "PAD2",
        80,
        24,
        &app_line(&home, &db, "pad --window W1 --lang en"),
    );
    tmux.wait("PAD2", "the English idle pad", SCREEN_DEADLINE, |s| {
        s.contains("Welcome")
    });
    let pid = app_pid(&tmux, "PAD2");
    // SAFETY: a signal to the process this test started in its own tmux pane.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    check_restored(&tmux, "PAD2");

    // An unknown window is a clear error before the screen is taken over.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .args(["--lang", "en", "--db"])
        .arg(&db)
        .args(["pad", "--window", "W99"])
        .env("HOME", &home)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no active window W99") && stderr.contains("W1"),
        "{stderr}"
    );
}
