//! Appointments through the service layer on a real database file (SPEC §11): the booking
//! rules and their refusals in both languages with the nearest free slots, the warning about
//! earlier missed bookings, check-in inside and outside the window against an earlier walk-in
//! at call-next, the day close turning `booked` into `missed`, the tally's figures, and the
//! ledger export unchanged by any of it. Every time is fixed: "now" is 2026-09-30 10:00 at
//! +08:00, the day before the National Day holiday.

use crate::common;

use chrono::NaiveDate;
use rusqlite::Connection;

use legaldesk::domain::appointment::{ApptState, BookingChannel, DayRefusal};
use legaldesk::domain::calendar::{DayKind, Festival};
use legaldesk::domain::codes::{Lane, Matter, Service};
use legaldesk::i18n::appointments::{ApptNote, ApptProblem, Refusal};
use legaldesk::i18n::{Lang, Words};
use legaldesk::service::appointments::{self, BookInput, Booked};
use legaldesk::service::{close, steps, Actor, ServiceError};
use legaldesk::tally;

/// The day bookings are made on (a Wednesday).
const BOOKING_DAY: &str = "2026-09-30";

fn now() -> i64 {
    common::at(BOOKING_DAY, 10, 0, 0)
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn input(date: &str, time: &str, service: Service, name: &str, phone: &str) -> BookInput {
    BookInput {
        date: date.into(),
        time: time.into(),
        service,
        name: name.into(),
        phone: phone.into(),
        channel: BookingChannel::Hotline,
    }
}

fn book_at(
    conn: &mut Connection,
    by: Option<&Actor>,
    booking: &BookInput,
    at: i64,
) -> Result<Booked, ServiceError> {
    appointments::book(conn, by, booking, &common::settings(), at)
}

#[track_caller]
fn book(conn: &mut Connection, booking: &BookInput) -> Booked {
    book_at(conn, None, booking, now())
        .unwrap_or_else(|e| panic!("{booking:?}: {}", e.message(Lang::En)))
}

/// Books, expects a refusal, and checks that nothing at all changed in the database.
#[track_caller]
fn refused(conn: &mut Connection, booking: &BookInput) -> ApptProblem {
    let before = common::dump(conn);
    let result = book_at(conn, None, booking, now());
    assert_eq!(common::dump(conn), before, "a refusal changed the database");
    match result {
        Err(ServiceError::Appointment(problem)) => problem,
        other => panic!("expected a refusal for {booking:?}, got {other:?}"),
    }
}

fn refusal(problem: &ApptProblem) -> (&Refusal, Vec<String>) {
    match problem {
        ApptProblem::Refused { why, offers } => (
            why,
            offers
                .iter()
                .map(|s| format!("{} {}", s.date, s.time.format("%H:%M")))
                .collect(),
        ),
        other => panic!("expected Refused, got {other:?}"),
    }
}

fn state_of(conn: &Connection, id: i64) -> String {
    conn.query_row("SELECT state FROM appointments WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn quota_per_service_per_slot_and_a_cancellation_frees_a_place() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let first = book(
        &mut conn,
        &input(
            "2026-10-08",
            "09:00",
            Service::Consult,
            "张三",
            "13800000001",
        ),
    );
    book(
        &mut conn,
        &input(
            "2026-10-08",
            "09:00",
            Service::Consult,
            "李四",
            "13800000002",
        ),
    );
    let third = input(
        "2026-10-08",
        "09:00",
        Service::Consult,
        "王五",
        "13800000003",
    );
    let problem = refused(&mut conn, &third);
    let (why, offers) = refusal(&problem);
    assert!(
        matches!(
            why,
            Refusal::SlotFull {
                quota: 2,
                service: Service::Consult,
                ..
            }
        ),
        "{why:?}"
    );
    // The nearest free slots of the same service: 30 minutes either side first.
    assert_eq!(
        offers,
        ["2026-10-08 08:30", "2026-10-08 09:30", "2026-10-08 10:00"]
    );
    assert_eq!(
        problem.text(Lang::Zh),
        "10月8日（周四） 09:00 的法律咨询预约已满（每个时段限 2 人）。最近可约：10月8日（周四）08:30、09:30、10:00"
    );
    assert_eq!(
        problem.text(Lang::En),
        "Thu 8 Oct 09:00 is fully booked for Consultation (2 per slot). Nearest free: Thu 8 Oct 08:30, 09:30, 10:00"
    );
    // The quota is per service: legal aid still has room in that slot.
    book(
        &mut conn,
        &input(
            "2026-10-08",
            "09:00",
            Service::LegalAid,
            "王五",
            "13800000003",
        ),
    );
    // A cancelled booking no longer holds its place.
    appointments::cancel(&mut conn, None, first.id, now() + 60).unwrap();
    assert_eq!(state_of(&conn, first.id), "cancelled");
    book(&mut conn, &third);
}

#[test]
fn the_horizon_runs_from_tomorrow_over_working_days() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let today = refused(
        &mut conn,
        &input(
            BOOKING_DAY,
            "14:00",
            Service::Consult,
            "张三",
            "13800000001",
        ),
    );
    let (why, offers) = refusal(&today);
    assert_eq!(
        why,
        &Refusal::Day {
            date: date(BOOKING_DAY),
            why: DayRefusal::NotAfterToday {
                today: date(BOOKING_DAY)
            }
        }
    );
    // Tomorrow is National Day, so the nearest are on the first working day after it.
    assert_eq!(
        offers,
        ["2026-10-08 08:30", "2026-10-08 09:00", "2026-10-08 09:30"]
    );
    assert!(today.text(Lang::Zh).starts_with("只能预约明天及以后的日期"));
    assert!(today.text(Lang::En).starts_with("bookings start tomorrow"));
    // Five working days after 09-30: 10-08, 10-09, 10-10 (a worked Saturday), 10-12, 10-13.
    book(
        &mut conn,
        &input(
            "2026-10-13",
            "17:00",
            Service::Consult,
            "张三",
            "13800000001",
        ),
    );
    let far = refused(
        &mut conn,
        &input(
            "2026-10-14",
            "08:30",
            Service::Consult,
            "李四",
            "13800000002",
        ),
    );
    let (why, offers) = refusal(&far);
    assert_eq!(
        why,
        &Refusal::Day {
            date: date("2026-10-14"),
            why: DayRefusal::BeyondHorizon {
                last: date("2026-10-13"),
                days: 5
            }
        }
    );
    assert_eq!(
        offers,
        ["2026-10-13 16:00", "2026-10-13 16:30", "2026-10-13 17:00"]
    );
    assert!(far
        .text(Lang::Zh)
        .contains("只能预约 5 个工作日以内，最晚 10月13日（周二）"));
    assert!(far
        .text(Lang::En)
        .contains("at most 5 working days ahead, up to Tue 13 Oct"));
}

#[test]
fn a_public_holiday_is_refused_and_a_make_up_working_day_is_accepted() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let holiday = refused(
        &mut conn,
        &input(
            "2026-10-05",
            "09:00",
            Service::Consult,
            "张三",
            "13800000001",
        ),
    );
    let (why, offers) = refusal(&holiday);
    assert_eq!(
        why,
        &Refusal::Day {
            date: date("2026-10-05"),
            why: DayRefusal::NotWorkingDay(DayKind::Holiday(Festival::National))
        }
    );
    assert_eq!(
        offers,
        ["2026-10-08 08:30", "2026-10-08 09:00", "2026-10-08 09:30"]
    );
    assert_eq!(
        holiday.text(Lang::Zh),
        "10月5日（周一） 是国庆节放假，不安排预约。最近可约：10月8日（周四）08:30、09:00、09:30"
    );
    assert_eq!(
        holiday.text(Lang::En),
        "Mon 5 Oct is a National Day holiday: no bookings. Nearest free: Thu 8 Oct 08:30, 09:00, 09:30"
    );
    // A plain Sunday is refused too, in its own words.
    let sunday = refused(
        &mut conn,
        &input(
            "2026-10-11",
            "09:00",
            Service::Consult,
            "张三",
            "13800000001",
        ),
    );
    assert!(sunday
        .text(Lang::Zh)
        .starts_with("10月11日（周日） 是休息日"));
    // 2026-10-10 is a Saturday worked for National Day: bookable.
    let booked = book(
        &mut conn,
        &input(
            "2026-10-10",
            "09:00",
            Service::Consult,
            "张三",
            "13800000001",
        ),
    );
    assert_eq!(state_of(&conn, booked.id), "booked");
    let stored: (String, String, String, String) = conn
        .query_row(
            "SELECT business_date, slot_start, service, channel FROM appointments WHERE id = ?1",
            [booked.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        stored,
        (
            "2026-10-10".into(),
            "09:00".into(),
            "consult".into(),
            "hotline".into()
        )
    );
}

#[test]
fn one_booking_per_phone_per_service_per_day() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    book(
        &mut conn,
        &input(
            "2026-10-09",
            "09:00",
            Service::Consult,
            "张三",
            "13812345678",
        ),
    );
    // The same number written another way, another slot of the same day and service.
    let again = refused(
        &mut conn,
        &input(
            "2026-10-09",
            "15:00",
            Service::Consult,
            "张三",
            "+86 138-1234-5678",
        ),
    );
    let (why, offers) = refusal(&again);
    assert!(
        matches!(why, Refusal::PhoneTaken { service: Service::Consult, slot } if slot.date == date("2026-10-09") && slot.time.format("%H:%M").to_string() == "09:00"),
        "{why:?}"
    );
    // Nothing on that day is offered to this number.
    assert!(!offers.is_empty());
    assert!(
        offers.iter().all(|o| !o.starts_with("2026-10-09")),
        "{offers:?}"
    );
    assert!(again.text(Lang::Zh).contains(
        "该电话号码已预约 10月9日（周五） 09:00 的法律咨询，同一号码同一事项每天只能预约一次"
    ));
    assert!(again
        .text(Lang::En)
        .contains("one booking per number, service and day"));
    // Another service that day, or the same service another day: both fine.
    book(
        &mut conn,
        &input(
            "2026-10-09",
            "15:00",
            Service::Drafting,
            "张三",
            "+86 138-1234-5678",
        ),
    );
    book(
        &mut conn,
        &input(
            "2026-10-12",
            "09:00",
            Service::Consult,
            "张三",
            "13812345678",
        ),
    );
}

#[test]
fn bad_input_and_roles_are_refused_without_a_trace() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let not_a_slot = refused(
        &mut conn,
        &input(
            "2026-10-08",
            "09:10",
            Service::Consult,
            "张三",
            "13800000001",
        ),
    );
    assert!(not_a_slot.text(Lang::Zh).starts_with(
        "09:10 不是预约时段的开始时间：时段为 08:30-12:00,14:00-17:30 内每 30 分钟一段"
    ));
    // 10, 20 and 40 minutes away from 09:10.
    assert_eq!(
        refusal(&not_a_slot).1,
        ["2026-10-08 08:30", "2026-10-08 09:00", "2026-10-08 09:30"]
    );
    let lunch = refused(
        &mut conn,
        &input(
            "2026-10-08",
            "12:30",
            Service::Consult,
            "张三",
            "13800000001",
        ),
    );
    assert!(matches!(refusal(&lunch).0, Refusal::NotASlot { .. }));
    for (booking, zh, en) in [
        (
            input(
                "2026-10-32",
                "09:00",
                Service::Consult,
                "张三",
                "13800000001",
            ),
            "预约日期无效：2026-10-32",
            "invalid date: 2026-10-32",
        ),
        (
            input("2026-10-08", "9点", Service::Consult, "张三", "13800000001"),
            "预约时间无效：9点",
            "invalid time: 9点",
        ),
        (
            input("2026-10-08", "09:00", Service::Consult, "张三", ""),
            "预约须留电话号码",
            "a booking needs a phone number",
        ),
    ] {
        let problem = refused(&mut conn, &booking);
        assert!(
            problem.text(Lang::Zh).starts_with(zh),
            "{}",
            problem.text(Lang::Zh)
        );
        assert!(
            problem.text(Lang::En).starts_with(en),
            "{}",
            problem.text(Lang::En)
        );
    }
    // Field problems come from the intake rules: a name is required, a phone is a phone.
    let before = common::dump(&conn);
    for (booking, field) in [
        (
            input("2026-10-08", "09:00", Service::Consult, "  ", "13800000001"),
            legaldesk::service::FieldName::Name,
        ),
        (
            input("2026-10-08", "09:00", Service::Consult, "张三", "138abc"),
            legaldesk::service::FieldName::Phone,
        ),
    ] {
        match book_at(&mut conn, None, &booking, now()) {
            Err(ServiceError::Field { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field:?}: {other:?}"),
        }
    }
    // Only the front desk and the supervisor book (the command line acts as administrator).
    let lawyer = common::duty_lawyer(&mut conn);
    let before_denied = common::dump(&conn);
    let ok = input(
        "2026-10-08",
        "09:00",
        Service::Consult,
        "张三",
        "13800000001",
    );
    assert!(matches!(
        book_at(&mut conn, Some(&lawyer), &ok, now()),
        Err(ServiceError::Denied)
    ));
    assert_eq!(common::dump(&conn), before_denied);
    drop(before);
    let desk = common::front_desk(&mut conn);
    let booked = book_at(&mut conn, Some(&desk), &ok, now()).unwrap();
    let created_by: Option<i64> = conn
        .query_row(
            "SELECT created_by FROM appointments WHERE id = ?1",
            [booked.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(created_by, Some(desk.staff_id));
    // Audited, without the visitor's name or phone.
    let detail: String = conn
        .query_row(
            "SELECT detail FROM audit WHERE action = 'book_appointment' AND entity_id = ?1",
            [booked.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(detail, "2026-10-08 09:00 consult hotline");
}

#[test]
fn earlier_missed_bookings_warn_but_never_refuse() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let first = book(
        &mut conn,
        &input(
            "2026-10-08",
            "09:00",
            Service::Consult,
            "张三",
            "13812345678",
        ),
    );
    assert_eq!(first.missed.count, 0);
    close::close_day(
        &mut conn,
        None,
        date("2026-10-08"),
        common::at("2026-10-08", 18, 0, 0),
    )
    .unwrap();
    assert_eq!(state_of(&conn, first.id), "missed");
    // The next booking of that number, days later: made, with the warning.
    let next = book_at(
        &mut conn,
        None,
        &input(
            "2026-10-12",
            "09:00",
            Service::Mediation,
            "张三",
            "138 1234 5678",
        ),
        common::at("2026-10-09", 9, 0, 0),
    )
    .unwrap();
    assert_eq!(next.missed.count, 1);
    assert_eq!(next.missed.last, Some(date("2026-10-08")));
    let warning = ApptNote::MissedBefore {
        count: next.missed.count,
        last: date("2026-10-08"),
    };
    assert_eq!(
        warning.text(Lang::Zh),
        "注意：该电话号码此前爽约 1 次（最近一次 10月8日（周四））"
    );
    assert_eq!(
        warning.text(Lang::En),
        "note: this phone number missed 1 earlier booking(s), the last on Thu 8 Oct"
    );
    // The list shows it beside the booking too.
    let rows = appointments::list_day(&conn, date("2026-10-12"), None).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].missed_before, 1);
    // Masked as stored ("138 1234 5678"): the last four digits stay readable.
    assert_eq!(
        (rows[0].name.as_str(), rows[0].phone.as_str()),
        ("张*", "138******5678")
    );
}

/// Books a 10:00 consultation on 2026-10-08 for a visitor, from the booking day.
fn booked_for_ten(conn: &mut Connection) -> Booked {
    book(
        conn,
        &input(
            "2026-10-08",
            "10:00",
            Service::Consult,
            "预约人",
            "13912345678",
        ),
    )
}

/// On the day: a walk-in at `walk_in_at`, the check-in at `check_in_at`, then call-next at
/// W1. Returns (the ticket called, the walk-in's ticket, the check-in's ticket, on_time).
fn the_day(walk_in_at: (u32, u32), check_in_at: (u32, u32)) -> (String, String, String, bool) {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let booked = booked_for_ten(&mut conn);
    let desk = common::front_desk(&mut conn);
    let day = "2026-10-08";
    let walk_in = common::issue(
        &mut conn,
        &desk,
        Service::Consult,
        "现场",
        common::at(day, walk_in_at.0, walk_in_at.1, 0),
    );
    let checked = appointments::check_in(
        &mut conn,
        &desk,
        booked.id,
        Lane::Normal,
        Matter::Labor,
        &common::settings(),
        common::at(day, check_in_at.0, check_in_at.1, 0),
    )
    .unwrap();
    // The ticket is a visit of channel `appointment`, issued through intake, in the normal lane.
    let (channel, lane, matter): (String, String, String) = conn
        .query_row(
            "SELECT channel, lane, matter FROM visits WHERE id = ?1",
            [checked.issued.visit_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (channel.as_str(), lane.as_str(), matter.as_str()),
        ("appointment", "normal", "labor")
    );
    assert_eq!(state_of(&conn, booked.id), "checked_in");
    let called = steps::call_next(
        &mut conn,
        &desk,
        &common::settings(),
        common::at(day, check_in_at.0, check_in_at.1, 30),
    )
    .unwrap();
    (
        called.ticket,
        walk_in.ticket,
        checked.issued.ticket,
        checked.on_time,
    )
}

#[test]
fn an_on_time_check_in_beats_an_earlier_walk_in_at_call_next() {
    // 09:05 walk-in; 09:10 check-in for 10:00 (50 minutes early, inside the 60).
    let (called, walk_in, booked, on_time) = the_day((9, 5), (9, 10));
    assert!(on_time);
    assert_eq!((walk_in.as_str(), booked.as_str()), ("Z001", "Z002"));
    assert_eq!(called, booked, "the on-time check-in is called first");
    // The very edges of the window count: 09:00 and 10:20.
    let (called, _, booked, on_time) = the_day((8, 50), (9, 0));
    assert!(on_time);
    assert_eq!(called, booked);
    let (called, _, booked, on_time) = the_day((10, 0), (10, 20));
    assert!(on_time);
    assert_eq!(called, booked);
}

#[test]
fn a_check_in_outside_the_window_waits_as_a_normal_ticket() {
    // 10:21 is past 10:00 + 20 minutes: the earlier walk-in is called first.
    let (called, walk_in, _, on_time) = the_day((10, 0), (10, 21));
    assert!(!on_time);
    assert_eq!(called, walk_in);
    // 08:59 is more than 60 minutes early: also a normal ticket.
    let (called, walk_in, _, on_time) = the_day((8, 40), (8, 59));
    assert!(!on_time);
    assert_eq!(called, walk_in);
}

#[test]
fn the_queue_view_shows_why_a_booked_ticket_is_ahead() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let booked = booked_for_ten(&mut conn);
    let desk = common::front_desk(&mut conn);
    let day = "2026-10-08";
    common::issue(
        &mut conn,
        &desk,
        Service::Consult,
        "现场",
        common::at(day, 9, 5, 0),
    );
    let checked = appointments::check_in(
        &mut conn,
        &desk,
        booked.id,
        Lane::Elderly,
        Matter::Family,
        &common::settings(),
        common::at(day, 9, 30, 0),
    )
    .unwrap();
    let rows = legaldesk::service::queries::queue_rows(
        &conn,
        &[Service::Consult],
        day,
        common::at(day, 9, 31, 0),
        30,
    )
    .unwrap();
    let order: Vec<(&str, bool)> = rows.iter().map(|r| (r.ticket.as_str(), r.booked)).collect();
    assert_eq!(
        order,
        [(checked.issued.ticket.as_str(), true), ("Z001", false)]
    );
    // The visitor's own lane is kept, not replaced by the booking.
    assert_eq!(rows[0].lane, Lane::Elderly);
    let note = ApptNote::CheckedIn {
        ticket: checked.issued.ticket.clone(),
        on_time: checked.on_time,
        minutes: checked.minutes,
    };
    assert_eq!(
        note.text(Lang::Zh),
        "已取号 Z002：在预约时段内到达，优先排队"
    );
}

#[test]
fn check_in_is_for_todays_bookings_once_and_cancel_only_while_booked() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let booked = booked_for_ten(&mut conn);
    let desk = common::front_desk(&mut conn);
    let settings = common::settings();
    // The day before: not yet.
    let before = common::dump(&conn);
    let early = appointments::check_in(
        &mut conn,
        &desk,
        booked.id,
        Lane::Normal,
        Matter::Other,
        &settings,
        common::at("2026-10-07", 10, 0, 0),
    );
    assert!(matches!(
        &early,
        Err(ServiceError::Appointment(ApptProblem::NotToday { .. }))
    ));
    assert_eq!(
        early.unwrap_err().message(Lang::Zh),
        "这是 10月8日（周四） 的预约，只能在当天取号"
    );
    assert_eq!(common::dump(&conn), before);
    // The duty lawyer cannot check anyone in.
    let lawyer = common::duty_lawyer(&mut conn);
    let at = common::at("2026-10-08", 10, 10, 0);
    assert!(matches!(
        appointments::check_in(
            &mut conn,
            &lawyer,
            booked.id,
            Lane::Normal,
            Matter::Other,
            &settings,
            at
        ),
        Err(ServiceError::Denied)
    ));
    // Late (10 minutes after the start, inside the 20).
    let checked = appointments::check_in(
        &mut conn,
        &desk,
        booked.id,
        Lane::Normal,
        Matter::Other,
        &settings,
        at,
    )
    .unwrap();
    assert!(checked.on_time);
    assert_eq!(checked.minutes, 10);
    let before = common::dump(&conn);
    for result in [
        appointments::check_in(
            &mut conn,
            &desk,
            booked.id,
            Lane::Normal,
            Matter::Other,
            &settings,
            at + 60,
        )
        .map(|_| ()),
        appointments::cancel(&mut conn, Some(&desk), booked.id, at + 60),
    ] {
        let e = result.unwrap_err();
        assert!(
            matches!(
                e,
                ServiceError::Appointment(ApptProblem::NotBooked {
                    state: ApptState::CheckedIn
                })
            ),
            "{e:?}"
        );
        assert_eq!(
            e.message(Lang::En),
            "this booking is checked in; it cannot be checked in or cancelled"
        );
    }
    assert_eq!(common::dump(&conn), before);
    assert!(matches!(
        appointments::cancel(&mut conn, None, 9999, at),
        Err(ServiceError::NotFound)
    ));
}

#[test]
fn the_close_turns_booked_into_missed_and_the_tally_counts_each_state() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let day = "2026-10-08";
    let on_time = book(
        &mut conn,
        &input(day, "09:00", Service::Consult, "甲", "13800000001"),
    );
    let late = book(
        &mut conn,
        &input(day, "09:00", Service::Consult, "乙", "13800000002"),
    );
    let cancelled = book(
        &mut conn,
        &input(day, "10:00", Service::Notary, "丙", "13800000003"),
    );
    let no_show = book(
        &mut conn,
        &input(day, "14:00", Service::Mediation, "丁", "13800000004"),
    );
    // Another day's booking is not counted for this day.
    book(
        &mut conn,
        &input("2026-10-09", "09:00", Service::Consult, "戊", "13800000005"),
    );
    appointments::cancel(&mut conn, None, cancelled.id, now() + 60).unwrap();
    let desk = common::front_desk(&mut conn);
    let settings = common::settings();
    appointments::check_in(
        &mut conn,
        &desk,
        on_time.id,
        Lane::Normal,
        Matter::Labor,
        &settings,
        common::at(day, 8, 45, 0),
    )
    .unwrap();
    appointments::check_in(
        &mut conn,
        &desk,
        late.id,
        Lane::Normal,
        Matter::Labor,
        &settings,
        common::at(day, 9, 45, 0),
    )
    .unwrap();
    // Live, before the close: the no-show is still booked.
    let live = tally::compute_range(&conn, &settings, date(day), date(day)).unwrap();
    assert_eq!((live.appointments.booked, live.appointments.missed), (1, 0));
    let report = close::close_day(&mut conn, None, date(day), common::at(day, 18, 0, 0)).unwrap();
    assert_eq!(report.appointments_missed, 1);
    assert_eq!(state_of(&conn, no_show.id), "missed");
    assert_eq!(state_of(&conn, cancelled.id), "cancelled");
    assert_eq!(state_of(&conn, late.id), "checked_in");
    let a = &report.tally.appointments;
    assert_eq!(
        (
            a.booked,
            a.checked_in,
            a.missed,
            a.cancelled,
            a.checked_in_on_time
        ),
        (0, 2, 1, 1, 1)
    );
    // The filed snapshot has exactly the keys of SPEC §5.
    let filed: String = conn
        .query_row(
            "SELECT tally_json FROM day_closes WHERE business_date = ?1",
            [day],
            |r| r.get(0),
        )
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&filed).unwrap();
    let mut keys: Vec<&str> = json["appointments"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "booked",
            "cancelled",
            "checked_in",
            "checked_in_on_time",
            "missed"
        ]
    );
    assert_eq!(json["appointments"]["missed"], 1);
    assert_eq!(json["appointments"]["checked_in_on_time"], 1);
    // Visits: the two check-ins came through the `appointment` channel.
    assert_eq!(report.tally.by_channel.get("appointment"), Some(&2));
    // A range counts by the bookings' own dates.
    let range = tally::compute_range(&conn, &settings, date(day), date("2026-10-09")).unwrap();
    assert_eq!(
        (range.appointments.booked, range.appointments.missed),
        (1, 1)
    );
    // The printouts show the same figures in both languages.
    let (figures, header) = tally::report(&conn, &settings, date(day), date(day)).unwrap();
    let zh = legaldesk::print::render(&figures, legaldesk::print::Format::A4, Lang::Zh, &header);
    let en = legaldesk::print::render(&figures, legaldesk::print::Format::A4, Lang::En, &header);
    let section = |text: &str, heading: &str| -> String {
        text.lines()
            .skip_while(|l| !l.contains(heading))
            .take(3)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let zh_part = section(&zh, "【预约】");
    for expected in [
        "已取号",
        "2 人次",
        "按时取号",
        "1 人次",
        "爽约",
        "已取消",
        "待取号",
    ] {
        assert!(zh_part.contains(expected), "{expected} in\n{zh_part}");
    }
    let en_part = section(&en, "[ Appointments ]");
    for expected in ["Checked in", "On time", "Missed", "Cancelled"] {
        assert!(en_part.contains(expected), "{expected} in\n{en_part}");
    }
    let csv = legaldesk::print::render(&figures, legaldesk::print::Format::Csv, Lang::En, &header);
    for row in [
        "appointments,booked,Booked,0",
        "appointments,checked_in,Checked in,2",
        "appointments,missed,Missed,1",
        "appointments,cancelled,Cancelled,1",
        "appointments,checked_in_on_time,On time,1",
    ] {
        assert!(csv.lines().any(|l| l == row), "{row}");
    }
}

#[test]
fn the_ledger_export_is_unchanged_in_format_by_appointments() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    let day = "2026-10-08";
    let booked = book(
        &mut conn,
        &input(day, "09:00", Service::Consult, "张三", "13812345678"),
    );
    book(
        &mut conn,
        &input(day, "09:30", Service::Consult, "李四", "13912345678"),
    );
    let desk = common::front_desk(&mut conn);
    let settings = common::settings();
    let checked = appointments::check_in(
        &mut conn,
        &desk,
        booked.id,
        Lane::Normal,
        Matter::Labor,
        &settings,
        common::at(day, 8, 50, 0),
    )
    .unwrap();
    steps::call_next(&mut conn, &desk, &settings, common::at(day, 8, 55, 0)).unwrap();
    close::close_day(&mut conn, None, date(day), common::at(day, 18, 0, 0)).unwrap();
    let exported = legaldesk::ledger::export(
        &mut conn,
        date(day),
        date(day),
        false,
        common::at(day, 19, 0, 0),
    )
    .unwrap()
    .0;
    let text = String::from_utf8(exported.clone()).unwrap();
    // The same header as the shared sample ledger: no column added or moved.
    // (The shared folder sits beside the main checkout, or two levels up from a worktree.)
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = ["../shared", "../../shared"]
        .iter()
        .map(|dir| manifest.join(dir).join("formats/sample-ledger.csv"))
        .find_map(|path| std::fs::read_to_string(path).ok())
        .expect("the shared sample ledger");
    assert_eq!(text.lines().next(), sample.lines().next());
    // One visit (the check-in; the missed booking is no visit), in the appointment channel.
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains(&checked.issued.ticket) && text.contains(",appointment,"),
        "{text}"
    );
    // Imported into an empty database it exports byte for byte the same.
    let copy = common::TestDb::empty();
    legaldesk::service::settings::set(&copy.conn(), "timezone", common::ZONE).unwrap();
    let decoded =
        legaldesk::ledger::decode(&exported, legaldesk::ledger::SourceEncoding::Utf8).unwrap();
    legaldesk::ledger::import(
        &mut copy.conn(),
        &decoded,
        &settings,
        common::at(day, 19, 0, 0),
    )
    .unwrap_or_else(|e| panic!("{}", e.message(Lang::En)));
    let again = legaldesk::ledger::export(
        &mut copy.conn(),
        date(day),
        date(day),
        false,
        common::at(day, 19, 0, 0),
    )
    .unwrap()
    .0;
    assert_eq!(again, exported);
}

#[test]
fn a_day_without_a_published_arrangement_is_booked_with_a_note() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    // The last days of December need next year's notice, which is not built in.
    let booked = book_at(
        &mut conn,
        None,
        &input(
            "2026-12-28",
            "09:00",
            Service::Consult,
            "张三",
            "13812345678",
        ),
        common::at("2026-12-24", 10, 0, 0),
    )
    .unwrap();
    assert!(booked.unpublished);
    let notes: Vec<String> = booked.notes().iter().map(|n| n.text(Lang::Zh)).collect();
    assert_eq!(
        notes,
        [
            "已预约：12月28日（周一） 09:00 法律咨询（预约编号 1）",
            "注意：12月28日（周一） 未发布节假日安排，暂按周一至周五为工作日安排"
        ]
    );
    // A published day carries no such note.
    let plain = book(
        &mut conn,
        &input(
            "2026-10-08",
            "09:00",
            Service::Consult,
            "张三",
            "13812345678",
        ),
    );
    assert!(!plain.unpublished);
    assert_eq!(plain.notes().len(), 1);
}

fn unmask_rows(conn: &Connection) -> Vec<(Option<i64>, Option<i64>, String)> {
    conn.prepare(
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
fn only_the_supervisor_unmasks_a_booking_and_the_reason_is_audited() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    let booked = book(
        &mut conn,
        &input(
            "2026-10-08",
            "09:00",
            Service::Consult,
            "张三丰",
            "13812345678",
        ),
    );
    // The list stays masked.
    let listed = appointments::list_day(&conn, date("2026-10-08"), None).unwrap();
    assert_eq!(
        (listed[0].name.as_str(), listed[0].phone.as_str()),
        ("张*", "138****5678")
    );
    // The front desk is refused, before the booking is looked up, and nothing is written;
    // so is a supervisor without a reason.
    let desk = common::front_desk(&mut conn);
    let boss = common::supervisor(&mut conn);
    let before = common::dump(&conn);
    for id in [booked.id, 999] {
        let refused = appointments::unmask_appointment(&mut conn, Some(&desk), id, "核对", now());
        assert!(matches!(refused, Err(ServiceError::Denied)), "{refused:?}");
    }
    let no_reason = appointments::unmask_appointment(&mut conn, Some(&boss), booked.id, " ", now())
        .expect_err("a reason is required");
    assert!(!no_reason.message(Lang::Zh).is_empty() && !no_reason.message(Lang::En).is_empty());
    let missing = appointments::unmask_appointment(&mut conn, Some(&boss), 999, "核对", now());
    assert!(
        matches!(missing, Err(ServiceError::NotFound)),
        "{missing:?}"
    );
    assert_eq!(
        common::dump(&conn),
        before,
        "a refusal changed the database"
    );
    // The supervisor sees the booking in full; one audit row, by them, with the reason and
    // without the data.
    let full =
        appointments::unmask_appointment(&mut conn, Some(&boss), booked.id, "回电核对预约", now())
            .expect("unmask");
    assert_eq!(
        (full.id, full.name.as_str(), full.phone.as_str()),
        (booked.id, "张三丰", "13812345678")
    );
    let rows = unmask_rows(&conn);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, Some(boss.staff_id));
    assert_eq!(rows[0].1, Some(booked.id));
    assert!(rows[0].2.contains("2026-10-08 09:00") && rows[0].2.ends_with("回电核对预约"));
    assert!(!rows[0].2.contains("张三丰") && !rows[0].2.contains("1381234"));
    // A day in full (the command line's `--unmask`): one more row for the listing.
    let day = appointments::unmask_day(&mut conn, None, date("2026-10-08"), "复核", now())
        .expect("unmask day");
    assert_eq!(day[0].name, "张三丰");
    assert_eq!(day[0].phone, "13812345678");
    assert_eq!(unmask_rows(&conn).len(), 2);
    let denied =
        appointments::unmask_day(&mut conn, Some(&desk), date("2026-10-08"), "复核", now());
    assert!(matches!(denied, Err(ServiceError::Denied)));
    assert_eq!(unmask_rows(&conn).len(), 2);
}
