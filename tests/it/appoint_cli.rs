//! `legaldesk appoint add|list|cancel` through the real binary (SPEC §6, §11): the 12348
//! operator's bookings, a masked list in text and JSON, cancelling, and every refusal with
//! exit status 1, its reason and the nearest free slots in both languages, leaving the
//! database as it was; bad usage exits 2. The binary reads the real clock, so the dates are
//! worked out here from today with the same built-in calendar (the config directory is a
//! fresh temporary one, so no holiday override file is read).

use crate::common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use legaldesk::domain::appointment::{BookingChannel, Rules};
use legaldesk::domain::calendar::Calendar;
use legaldesk::domain::clock::{self, Zone};
use legaldesk::domain::codes::Service;
use legaldesk::service::appointments::{self, BookInput};
use legaldesk::service::settings::Settings;

struct Hall {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Hall {
    fn new() -> Hall {
        let dir = tempfile::Builder::new()
            .prefix("legaldesk-appoint-")
            .tempdir()
            .expect("tempdir");
        let db = dir.path().join("hall.sqlite3");
        let hall = Hall { dir, db };
        let out = hall.run(&["init"]);
        assert!(out.status.success(), "{}", stderr(&out));
        hall
    }

    fn run(&self, args: &[&str]) -> Output {
        let home = self.dir.path();
        Command::new(env!("CARGO_BIN_EXE_legaldesk"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env_remove("LEGALDESK_DB")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::null())
            .output()
            .expect("run legaldesk")
    }

    fn conn(&self) -> Connection {
        legaldesk::db::open(&self.db).expect("open")
    }

    fn bookings(&self) -> Vec<(i64, String, String, String)> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT id, business_date, slot_start, state FROM appointments ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Today as the binary sees it (no time zone set: the system's), and the bookable days.
struct Days {
    today: NaiveDate,
    first: NaiveDate,
    second: NaiveDate,
    last: NaiveDate,
    /// The first day after today that is not a working day.
    day_off: NaiveDate,
}

fn days() -> Days {
    let calendar = Calendar::builtin();
    let rules = Rules::default();
    let today = Zone::System.business_date(clock::now());
    let mut bookable: Vec<NaiveDate> = rules
        .bookable(&calendar, today)
        .into_iter()
        .map(|s| s.date)
        .collect();
    bookable.dedup();
    let day_off = (1..30)
        .map(|n| today + Duration::days(n))
        .find(|d| !calendar.is_working_day(*d))
        .expect("a day off within a month");
    Days {
        today,
        first: bookable[0],
        second: bookable[1],
        last: rules.last_day(&calendar, today),
        day_off,
    }
}

fn add(hall: &Hall, date: NaiveDate, time: &str, service: &str, phone: &str) -> Output {
    hall.run(&[
        "appoint",
        "add",
        "--date",
        &date.to_string(),
        "--time",
        time,
        "--service",
        service,
        "--name",
        "张三丰",
        "--phone",
        phone,
    ])
}

/// Runs a command that must be refused with exit 1 and change nothing; returns stderr.
#[track_caller]
fn refused(hall: &Hall, args: &[&str]) -> String {
    let before = common::dump(&hall.conn());
    let out = hall.run(args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?}\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert_eq!(
        common::dump(&hall.conn()),
        before,
        "{args:?} changed the database"
    );
    let text = stderr(&out);
    assert_eq!(text.lines().count(), 1, "one clear line: {text}");
    text
}

#[test]
fn add_list_and_cancel() {
    let hall = Hall::new();
    let d = days();
    let out = add(&hall, d.first, "09:00", "consult", "13812345678");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("已预约：")
            && stdout(&out).contains("09:00 法律咨询（预约编号 1）"),
        "{}",
        stdout(&out)
    );
    let out = hall.run(&[
        "--lang",
        "en",
        "appoint",
        "add",
        "--date",
        &d.first.to_string(),
        "--time",
        "14:00",
        "--service",
        "notary",
        "--name",
        "Li Si",
        "--phone",
        "139-0000-1111",
        "--channel",
        "online",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("14:00 Notary (booking 2)"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        hall.bookings(),
        [
            (1, d.first.to_string(), "09:00".into(), "booked".into()),
            (2, d.first.to_string(), "14:00".into(), "booked".into())
        ]
    );
    // The list is masked: the last four digits find the visitor, nothing more shows.
    let out = hall.run(&["appoint", "list", "--date", &d.first.to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().next().unwrap().contains("共 2 条"), "{text}");
    assert!(
        text.contains("张*") && text.contains("138****5678") && text.contains("12348热线"),
        "{text}"
    );
    assert!(
        text.contains("L*") && text.contains("139******1111") && text.contains("网上"),
        "{text}"
    );
    for secret in ["张三丰", "13812345678", "Li Si", "0000"] {
        assert!(!text.contains(secret), "{secret} shown:\n{text}");
    }
    // JSON: codes, not words; masked too.
    let out = hall.run(&[
        "appoint",
        "list",
        "--date",
        &d.first.to_string(),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["date"], d.first.to_string());
    let first = &json["appointments"][0];
    assert_eq!(first["service"], "consult");
    assert_eq!(first["channel"], "hotline");
    assert_eq!(first["state"], "booked");
    assert_eq!(first["name"], "张*");
    assert_eq!(first["phone"], "138****5678");
    assert_eq!(json["appointments"][1]["channel"], "online");
    // Cancel; the list says so; a second cancel is refused.
    let out = hall.run(&["appoint", "cancel", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "已取消预约（编号 1）");
    let text = stdout(&hall.run(&["appoint", "list", "--date", &d.first.to_string()]));
    assert!(text.contains("已取消"), "{text}");
    let again = refused(&hall, &["appoint", "cancel", "1"]);
    assert!(
        again.contains("该预约当前为“已取消”，不能再取号或取消"),
        "{again}"
    );
    let again = refused(&hall, &["--lang", "en", "appoint", "cancel", "7"]);
    assert!(again.contains("record not found"), "{again}");
    // Audited as the administrator (no staff code), without names or phones.
    let conn = hall.conn();
    let rows: Vec<(Option<i64>, String, String)> = conn
        .prepare(
            "SELECT staff_id, action, detail FROM audit WHERE entity = 'appointment' ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        actions,
        ["book_appointment", "book_appointment", "cancel_appointment"]
    );
    assert!(rows.iter().all(|r| r.0.is_none()));
    assert!(rows
        .iter()
        .all(|r| !r.2.contains("1381234") && !r.2.contains('张')));
    // An empty day lists as such.
    let text = stdout(&hall.run(&["appoint", "list", "--date", &d.second.to_string()]));
    assert!(text.contains("这一天没有预约"), "{text}");
}

#[test]
fn refusals_say_why_offer_free_slots_and_change_nothing() {
    let hall = Hall::new();
    let d = days();
    // A day off: refused in both languages, with the nearest free slots.
    let zh = refused(
        &hall,
        &[
            "appoint",
            "add",
            "--date",
            &d.day_off.to_string(),
            "--time",
            "09:00",
            "--service",
            "consult",
            "--name",
            "张三",
            "--phone",
            "13812345678",
        ],
    );
    assert!(
        zh.contains("不安排预约") && zh.contains("最近可约："),
        "{zh}"
    );
    let en = refused(
        &hall,
        &[
            "--lang",
            "en",
            "appoint",
            "add",
            "--date",
            &d.day_off.to_string(),
            "--time",
            "09:00",
            "--service",
            "consult",
            "--name",
            "张三",
            "--phone",
            "13812345678",
        ],
    );
    assert!(
        en.contains("no bookings") && en.contains("Nearest free: "),
        "{en}"
    );
    // Today, and past the horizon.
    let today = refused(
        &hall,
        &[
            "appoint",
            "add",
            "--date",
            &d.today.to_string(),
            "--time",
            "09:00",
            "--service",
            "consult",
            "--name",
            "张三",
            "--phone",
            "13812345678",
        ],
    );
    assert!(today.contains("只能预约明天及以后的日期"), "{today}");
    let beyond = Calendar::builtin().next_working_day_on_or_after(d.last + Duration::days(1));
    let far = refused(
        &hall,
        &[
            "--lang",
            "en",
            "appoint",
            "add",
            "--date",
            &beyond.to_string(),
            "--time",
            "09:00",
            "--service",
            "consult",
            "--name",
            "张三",
            "--phone",
            "13812345678",
        ],
    );
    assert!(
        far.contains("bookings go at most 5 working days ahead"),
        "{far}"
    );
    // Quota: two in the slot, the third refused; the same phone twice a day refused.
    for phone in ["13800000001", "13800000002"] {
        let out = add(&hall, d.first, "10:00", "consult", phone);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let full = refused(
        &hall,
        &[
            "appoint",
            "add",
            "--date",
            &d.first.to_string(),
            "--time",
            "10:00",
            "--service",
            "consult",
            "--name",
            "王五",
            "--phone",
            "13800000003",
        ],
    );
    assert!(
        full.contains("预约已满（每个时段限 2 人）") && full.contains("09:30、10:30"),
        "{full}"
    );
    let twice = refused(
        &hall,
        &[
            "appoint",
            "add",
            "--date",
            &d.first.to_string(),
            "--time",
            "15:00",
            "--service",
            "consult",
            "--name",
            "张三",
            "--phone",
            "+86 138 0000 0001",
        ],
    );
    assert!(
        twice.contains("同一号码同一事项每天只能预约一次"),
        "{twice}"
    );
    // Values that are not what they should be: exit 1 with the choices.
    for (args, expected) in [
        (
            vec![
                "--date",
                "2026-02-30",
                "--time",
                "09:00",
                "--service",
                "consult",
            ],
            "预约日期无效",
        ),
        (
            vec![
                "--date",
                &d.first.to_string(),
                "--time",
                "9.30",
                "--service",
                "consult",
            ],
            "预约时间无效",
        ),
        (
            vec![
                "--date",
                &d.first.to_string(),
                "--time",
                "09:10",
                "--service",
                "consult",
            ],
            "不是预约时段的开始时间",
        ),
        (
            vec![
                "--date",
                &d.first.to_string(),
                "--time",
                "09:00",
                "--service",
                "tax",
            ],
            "未知服务事项 tax",
        ),
    ] {
        let mut full: Vec<&str> = vec!["appoint", "add"];
        full.extend(args);
        full.extend(["--name", "张三", "--phone", "13811112222"]);
        let text = refused(&hall, &full);
        assert!(text.contains(expected), "{expected}: {text}");
    }
    let channel = refused(
        &hall,
        &[
            "appoint",
            "add",
            "--date",
            &d.first.to_string(),
            "--time",
            "09:00",
            "--service",
            "consult",
            "--name",
            "张三",
            "--phone",
            "13811112222",
            "--channel",
            "fax",
        ],
    );
    assert!(
        channel.contains("未知预约渠道 fax（可选：hotline、online、walk_in）"),
        "{channel}"
    );
    let format = refused(
        &hall,
        &[
            "appoint",
            "list",
            "--date",
            &d.first.to_string(),
            "--format",
            "xml",
        ],
    );
    assert!(format.contains("未知格式 xml"), "{format}");
    let date = refused(&hall, &["appoint", "list", "--date", "tomorrow"]);
    assert!(date.contains("--date 的日期无效"), "{date}");
    // Bad usage is clap's exit 2.
    let before = common::dump(&hall.conn());
    for args in [
        vec!["appoint", "add", "--date", "2026-12-01"],
        vec!["appoint", "cancel", "abc"],
        vec!["appoint", "list"],
    ] {
        let out = hall.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(common::dump(&hall.conn()), before);
}

#[test]
fn a_phone_that_missed_before_is_warned_not_refused() {
    let hall = Hall::new();
    let d = days();
    // History: a booking made weeks ago for a day since closed, never kept.
    let mut conn = hall.conn();
    let settings = Settings::default();
    let made_at = d.today - Duration::days(33);
    let zone = Zone::System;
    let at = |date: NaiveDate, h: u32| zone.instant_of(date.and_hms_opt(h, 0, 0).unwrap()).unwrap();
    let missed_day = Rules::default()
        .bookable(&settings.calendar, made_at)
        .first()
        .map(|s| s.date)
        .unwrap();
    appointments::book(
        &mut conn,
        None,
        &BookInput {
            date: missed_day.to_string(),
            time: "09:00".into(),
            service: Service::Consult,
            name: "张三".into(),
            phone: "13812345678".into(),
            channel: BookingChannel::Hotline,
        },
        &settings,
        at(made_at, 10),
    )
    .unwrap();
    drop(conn);
    // The day close from the command line says how many bookings were missed.
    let out = hall.run(&["close", "--date", &missed_day.to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 个预约无人到场，记为爽约"),
        "{}",
        stdout(&out)
    );
    let out = add(&hall, d.first, "09:00", "consult", "138-1234-5678");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines().next().unwrap().starts_with("已预约："),
        "{text}"
    );
    assert!(
        text.contains("注意：该电话号码此前爽约 1 次（最近一次"),
        "{text}"
    );
}

fn unmask_audit(hall: &Hall) -> Vec<(Option<i64>, Option<i64>, String)> {
    hall.conn()
        .prepare(
            "SELECT staff_id, entity_id, detail FROM audit
              WHERE action = 'unmask' AND entity = 'appointment' ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn list_unmasks_only_with_a_reason_and_audits_it() {
    let hall = Hall::new();
    let d = days();
    let day = d.first.to_string();
    let out = add(&hall, d.first, "09:00", "consult", "13812345678");
    assert!(out.status.success(), "{}", stderr(&out));
    // Masked by default, in text and JSON; nothing audited as an unmask.
    let text = stdout(&hall.run(&["appoint", "list", "--date", &day]));
    assert!(
        text.contains("张*") && text.contains("138****5678"),
        "{text}"
    );
    assert!(
        !text.contains("张三丰") && !text.contains("13812345678"),
        "{text}"
    );
    assert!(unmask_audit(&hall).is_empty());
    // --unmask without a reason, an empty reason, or a reason without --unmask: refused with
    // one clear line in the language asked, nothing shown, nothing written.
    let no_reason = refused(&hall, &["appoint", "list", "--date", &day, "--unmask"]);
    assert!(
        no_reason.contains("须说明原因") && no_reason.contains("--reason"),
        "{no_reason}"
    );
    let no_reason = refused(
        &hall,
        &[
            "--lang", "en", "appoint", "list", "--date", &day, "--unmask",
        ],
    );
    assert!(no_reason.contains("need a reason"), "{no_reason}");
    let empty = refused(
        &hall,
        &[
            "appoint", "list", "--date", &day, "--unmask", "--reason", "  ",
        ],
    );
    assert!(!empty.trim().is_empty());
    let stray = refused(
        &hall,
        &["appoint", "list", "--date", &day, "--reason", "核对"],
    );
    assert!(stray.contains("--unmask"), "{stray}");
    assert!(unmask_audit(&hall).is_empty());
    // With the reason: full names and phones, and one audit row as the administrator that
    // carries the reason but not the data.
    let out = hall.run(&[
        "appoint",
        "list",
        "--date",
        &day,
        "--unmask",
        "--reason",
        "回电核对预约",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("张三丰") && text.contains("13812345678"),
        "{text}"
    );
    let audit = unmask_audit(&hall);
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0].0, None);
    assert!(audit[0].2.contains(&day) && audit[0].2.contains("回电核对预约"));
    assert!(!audit[0].2.contains("13812345678") && !audit[0].2.contains("张三丰"));
    // JSON too, and each look is one more row.
    let out = hall.run(&[
        "appoint", "list", "--date", &day, "--format", "json", "--unmask", "--reason", "复核",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["appointments"][0]["name"], "张三丰");
    assert_eq!(json["appointments"][0]["phone"], "13812345678");
    assert_eq!(unmask_audit(&hall).len(), 2);
}
