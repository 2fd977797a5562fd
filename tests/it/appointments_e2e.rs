//! The appointments screen in a real terminal (tmux) with the real binary: the front desk
//! opens it from the queue view, finds a booking by the phone's last four digits, checks the
//! visitor in (the ticket is issued, the database says so), books a slot and is refused a
//! second one for the same phone with the free slots offered, sees a booking made meanwhile
//! by the 12348 operator's command line appear without a key press, cancels a booking,
//! switches to English, and quits with the terminal restored. Names and phones stay masked.
//!
//! The binary reads the real clock, so "today" is worked out here the same way. Two bookings
//! for today are made through the service as if the day before (a booking can never be made
//! for today itself); the calendar used for them counts today as a working day, so the test
//! runs on any day of the week.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use legaldesk::domain::appointment::{BookingChannel, Rules};
use legaldesk::domain::calendar::{Calendar, YearOverride};
use legaldesk::domain::clock::{self, Zone};
use legaldesk::domain::codes::Service;
use legaldesk::service::appointments::{self, BookInput};
use legaldesk::service::settings::Settings;

use crate::e2e_tmux::{
    app_line, cli, quit_and_check_restored, sign_in, terminal_hall, SCREEN_DEADLINE,
};

/// SPEC §8: a change at one terminal shows at every other within a second; the app polls
/// every 400 ms. The bound leaves room for a loaded machine.
const LIVE_BOUND: Duration = Duration::from_secs(3);

fn today() -> NaiveDate {
    Zone::System.business_date(clock::now())
}

/// Books `time` today for a visitor, as if on the day before.
fn book_for_today(conn: &mut Connection, time: &str, name: &str, phone: &str) {
    let today = today();
    let mut year = YearOverride::default();
    year.work.insert(today);
    let settings = Settings {
        zone: Zone::System,
        calendar: Calendar::with_overrides(BTreeMap::from([(today.year(), year)])),
        ..Settings::default()
    };
    let yesterday = today.pred_opt().unwrap();
    let noon = Zone::System
        .instant_of(yesterday.and_hms_opt(12, 0, 0).unwrap())
        .unwrap();
    appointments::book(
        conn,
        None,
        &BookInput {
            date: today.to_string(),
            time: time.into(),
            service: Service::Consult,
            name: name.into(),
            phone: phone.into(),
            channel: BookingChannel::Hotline,
        },
        &settings,
        noon,
    )
    .unwrap_or_else(|e| panic!("{}", e.message(legaldesk::i18n::Lang::En)));
}

fn one(conn: &Connection, sql: &str) -> String {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn the_front_desk_books_finds_checks_in_and_cancels_in_a_real_terminal() {
    let Some(the_hall) = terminal_hall("the appointments terminal test") else {
        return;
    };
    let (tmux, home_path, db) = the_hall.parts();
    {
        let mut conn = legaldesk::db::open(&db).unwrap();
        book_for_today(&mut conn, "08:30", "张三", "13812345678");
        book_for_today(&mut conn, "14:00", "李四", "13987654321");
    }
    let today = today();
    let first = {
        let slots = Rules::default().bookable(&Calendar::builtin(), today);
        slots.first().expect("a bookable day").date
    };
    tmux.start("A", 80, 24, &app_line(&home_path, &db, ""));
    sign_in(&tmux, "A", "S02", "2222", "1");
    tmux.wait("A", "the front-desk queue", SCREEN_DEADLINE, |s| {
        s.contains("等候队列")
    });

    // The queue view's key opens today's bookings, masked.
    tmux.keys("A", &["y"]);
    let screen = tmux
        .wait("A", "today's bookings", SCREEN_DEADLINE, |s| {
            s.contains(&format!("预约 {today}"))
                && s.contains("待取号 2")
                && s.contains("张*")
                && s.contains("138****5678")
        })
        .0;
    assert!(
        screen.contains("张*") && screen.contains("138****5678"),
        "{screen}"
    );
    for secret in ["张三", "李四", "13812345678", "13987654321"] {
        assert!(!screen.contains(secret), "{secret} on screen:\n{screen}");
    }

    // Find by the last four digits, then check that visitor in.
    tmux.keys("A", &["F4"]);
    tmux.wait_for("A", "按电话尾号查找");
    tmux.text("A", "4321");
    tmux.keys("A", &["F2"]);
    let screen = tmux
        .wait("A", "the one booking found", SCREEN_DEADLINE, |s| {
            s.contains("电话尾号 4321：1 条") && s.contains("李*")
        })
        .0;
    assert!(!screen.contains("张*"), "{screen}");
    tmux.keys("A", &["Enter"]);
    tmux.wait_for("A", "到场取号：14:00 李*");
    tmux.keys("A", &["F2"]);
    // The whole line, priority or not, before reading which it said.
    let screen = tmux
        .wait("A", "the check-in result", SCREEN_DEADLINE, |s| {
            s.contains("已取号 Z001") && (s.contains("优先排队") || s.contains("按普通号排队"))
        })
        .0;
    let conn = legaldesk::db::open(&db).unwrap();
    assert_eq!(
        one(
            &conn,
            "SELECT state FROM appointments WHERE phone_key = '13987654321'"
        ),
        "checked_in"
    );
    assert_eq!(
        one(&conn, "SELECT v.channel || ' ' || v.ticket FROM appointments a JOIN visits v ON v.id = a.visit_id"),
        "appointment Z001"
    );
    let on_time = one(
        &conn,
        "SELECT CAST(on_time AS TEXT) FROM appointments WHERE phone_key = '13987654321'",
    ) == "1";
    // What the screen said matches what was stored.
    let said_priority = screen.contains("优先排队");
    assert_eq!(said_priority, on_time, "{screen}");

    // Esc drops the search: both bookings again.
    tmux.keys("A", &["Escape"]);
    tmux.wait_for("A", "待取号 1  已取号 1");

    // Book a slot on the first bookable day; the same phone again that day is refused.
    tmux.keys("A", &["F2"]);
    tmux.wait_for("A", "新增预约");
    tmux.text("A", "09:00");
    tmux.keys("A", &["Enter", "Enter"]);
    tmux.text("A", "王五");
    tmux.keys("A", &["Enter"]);
    tmux.text("A", "13700001111");
    tmux.keys("A", &["F2"]);
    tmux.wait_for("A", "已预约：");
    assert_eq!(
        one(&conn, "SELECT business_date || ' ' || slot_start || ' ' || channel FROM appointments WHERE phone_key = '13700001111'"),
        format!("{first} 09:00 walk_in")
    );
    tmux.keys("A", &["F2"]);
    tmux.wait_for("A", "新增预约");
    tmux.text("A", "10:00");
    tmux.keys("A", &["Enter", "Enter"]);
    tmux.text("A", "王五");
    tmux.keys("A", &["Enter"]);
    tmux.text("A", "13700001111");
    tmux.keys("A", &["F2"]);
    let screen = tmux
        .wait("A", "the refusal", SCREEN_DEADLINE, |s| {
            s.contains("同一号码同一事项") && s.contains("最近可约")
        })
        .0;
    assert!(
        screen.contains("新增预约"),
        "the form stays open:\n{screen}"
    );
    assert_eq!(
        one(
            &conn,
            "SELECT CAST(count(*) AS TEXT) FROM appointments WHERE phone_key = '13700001111'"
        ),
        "1"
    );
    tmux.keys("A", &["Escape"]);
    // Back on the list (its keys in the hint bar) before the next key, so a slow terminal
    // cannot read Escape and F6 as one Alt-F6.
    tmux.wait_for("A", "F3到场取号");

    // To that day; a booking by the 12348 operator shows there without a key pressed.
    for _ in 0..(first - today).num_days() {
        tmux.keys("A", &["F6"]);
    }
    tmux.wait_for("A", &format!("预约 {first}"));
    tmux.wait_for("A", "137****1111");
    cli(
        &home_path,
        &db,
        &[
            "appoint",
            "add",
            "--date",
            &first.to_string(),
            "--time",
            "10:30",
            "--service",
            "notary",
            "--name",
            "赵六",
            "--phone",
            "13600002222",
        ],
        "",
    );
    let (_, took) = tmux.wait("A", "the operator's booking, live", LIVE_BOUND, |s| {
        s.contains("136****2222")
    });
    assert!(took <= LIVE_BOUND);

    // Cancel 王五's booking (row 1, 09:00): asked first, then done.
    tmux.keys("A", &["1", "F12"]);
    tmux.wait_for("A", "取消预约");
    tmux.keys("A", &["Enter"]);
    tmux.wait_for("A", "已取消预约");
    assert_eq!(
        one(
            &conn,
            "SELECT state FROM appointments WHERE phone_key = '13700001111'"
        ),
        "cancelled"
    );

    // English, and back to the queue, where the checked-in ticket waits.
    tmux.keys("A", &["C-l"]);
    tmux.wait_for(
        "A",
        &format!("Appointments {}", first.format("%a %Y-%m-%d")),
    );
    tmux.keys("A", &["Escape"]);
    // When on time, the queue marks it as booked: waited for, as the row may be half drawn.
    let screen = tmux
        .wait(
            "A",
            "the checked-in ticket in the queue",
            SCREEN_DEADLINE,
            |s| s.contains("Z001") && (!on_time || s.contains("booked")),
        )
        .0;
    for name in ["张三", "李四", "王五", "赵六"] {
        assert!(!screen.contains(name), "{name} shown:\n{screen}");
    }
    quit_and_check_restored(&tmux, "A");
}
