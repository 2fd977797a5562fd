//! Five-level ratings through the service layer on a real database file: the visitor's pad
//! rating (once, at its own window, within `rating_timeout_s`), staff ratings on the
//! visitor's word (a 1–2 needs its reason; never over a pad rating), the 差评 follow-up opened
//! in the rating's own transaction and due on the right working day, the supervisor alone
//! listing and closing follow-ups (outcome and note required, audited), and the tally's
//! levels, pad share and follow-up counts. Every refusal is checked to change nothing.

use crate::common::*;
use legaldesk::domain::codes::Outcome;
use legaldesk::domain::codes::{FollowUpOutcome, Rating, RatingReason, Service};
use legaldesk::i18n::followup::FollowUpText;
use legaldesk::i18n::rating::RatingProblem;
use legaldesk::i18n::{Lang, Words};
use legaldesk::service::rating::{self, StaffRating};
use legaldesk::service::steps::{self, Finish};
use legaldesk::service::{followups, Actor, ServiceError};
use rusqlite::Connection;

/// A consultation finished at W1 by the front desk at `now`; returns its step id.
fn finished_at_w1(conn: &mut Connection, desk: &Actor, name: &str, now: i64) -> i64 {
    let issued = issue(conn, desk, Service::Consult, name, now - 600);
    steps::call_step(conn, desk, issued.step_id, now - 300).expect("call");
    steps::start(conn, desk, issued.step_id, now - 290).expect("start");
    steps::finish(
        conn,
        desk,
        issued.step_id,
        &Finish::with_outcome(Outcome::Answered),
        &settings(),
        now,
    )
    .expect("finish");
    issued.step_id
}

fn w1() -> i64 {
    1
}

fn rating_row(conn: &Connection, step: i64) -> (Option<String>, Option<String>, Option<String>) {
    conn.query_row(
        "SELECT rating, rating_by, rating_reason FROM steps WHERE id = ?1",
        [step],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

fn follow_up_of(conn: &Connection, step: i64) -> Option<(String, String)> {
    use rusqlite::OptionalExtension;
    conn.query_row(
        "SELECT opened_date, due_date FROM follow_ups WHERE step_id = ?1",
        [step],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .unwrap()
}

#[track_caller]
fn refused_with(result: Result<impl std::fmt::Debug, ServiceError>, problem: RatingProblem) {
    match result {
        Err(ServiceError::Rating(p)) if p == problem => {
            // Every refusal reads as a sentence in both languages.
            let e = ServiceError::Rating(p);
            assert!(!e.message(Lang::Zh).is_empty() && !e.message(Lang::En).is_empty());
        }
        other => panic!("expected {problem:?}, got {other:?}"),
    }
}

#[test]
fn the_pad_rates_once_at_its_own_window_within_the_timeout() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let end = opening() + 3600;
    let step = finished_at_w1(&mut conn, &desk, "张三", end);
    let s = settings();

    // Another window's pad cannot rate it; nothing changes.
    let before = dump(&conn);
    refused_with(
        rating::rate_on_pad(&mut conn, 2, step, Rating::VerySatisfied, &s, end + 5),
        RatingProblem::OtherWindow,
    );
    // Past the timeout (60 s) it cannot be rated on the pad.
    refused_with(
        rating::rate_on_pad(&mut conn, w1(), step, Rating::VerySatisfied, &s, end + 61),
        RatingProblem::TooLate,
    );
    assert!(
        dump(&conn) == before,
        "a refused rating changed the database"
    );

    let rated = rating::rate_on_pad(&mut conn, w1(), step, Rating::Satisfied, &s, end + 60)
        .expect("rated within the minute");
    assert_eq!(rated.follow_up, None, "a 4 opens no follow-up");
    assert_eq!(
        rating_row(&conn, step),
        (Some("satisfied".into()), Some("pad".into()), None)
    );

    // A second rating, by the pad or by staff, is refused and changes nothing.
    let boss = supervisor(&mut conn);
    let before = dump(&conn);
    refused_with(
        rating::rate_on_pad(&mut conn, w1(), step, Rating::VeryUnsatisfied, &s, end + 30),
        RatingProblem::AlreadyRated,
    );
    let staff_word = StaffRating {
        rating: Rating::VeryUnsatisfied,
        reason: Some(RatingReason::Attitude),
        note: String::new(),
    };
    refused_with(
        rating::rate_by_staff(&mut conn, &desk, step, &staff_word, &s, end + 40),
        RatingProblem::RatedOnPad,
    );
    // Not even the supervisor overwrites the visitor's word.
    refused_with(
        rating::rate_by_staff(&mut conn, &boss, step, &staff_word, &s, end + 50),
        RatingProblem::RatedOnPad,
    );
    assert!(dump(&conn) == before, "a refusal changed the database");

    // A step still being served is not rated at all.
    let issued = issue(&mut conn, &desk, Service::Consult, "李四", end + 100);
    steps::call_step(&mut conn, &desk, issued.step_id, end + 110).unwrap();
    refused_with(
        rating::rate_on_pad(
            &mut conn,
            w1(),
            issued.step_id,
            Rating::Basic,
            &s,
            end + 120,
        ),
        RatingProblem::NotFinished,
    );
}

#[test]
fn a_poor_pad_rating_opens_its_follow_up_at_once_and_takes_one_reason() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let end = opening() + 3600;
    let step = finished_at_w1(&mut conn, &desk, "张三", end);
    let s = settings();
    let rated = rating::rate_on_pad(&mut conn, w1(), step, Rating::Unsatisfied, &s, end + 10)
        .expect("rated");
    assert!(rated.follow_up.is_some());
    // Monday 2026-11-23 + 5 working days.
    assert_eq!(
        follow_up_of(&conn, step),
        Some((DAY.into(), "2026-11-30".into()))
    );
    rating::set_pad_reason(
        &mut conn,
        w1(),
        step,
        RatingReason::Efficiency,
        &s,
        end + 20,
    )
    .expect("reason");
    assert_eq!(
        rating_row(&conn, step),
        (
            Some("unsatisfied".into()),
            Some("pad".into()),
            Some("efficiency".into())
        )
    );
    // The reason is given once.
    let before = dump(&conn);
    refused_with(
        rating::set_pad_reason(&mut conn, w1(), step, RatingReason::Attitude, &s, end + 25),
        RatingProblem::ReasonNotOpen,
    );
    assert!(dump(&conn) == before, "a refusal changed the database");
    // Audited: the rating, the follow-up and the reason, with no staff member (the visitor).
    let actions: Vec<(String, Option<i64>)> = conn
        .prepare("SELECT action, staff_id FROM audit WHERE at >= ?1 ORDER BY id")
        .unwrap()
        .query_map([end + 10], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        actions,
        vec![
            ("follow_up_open".into(), None),
            ("rate".into(), None),
            ("rating_reason".into(), None)
        ]
    );
}

#[test]
fn staff_enter_a_rating_on_the_visitors_word_with_the_reason_of_a_poor_one() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let s = settings();
    let issued = issue(&mut conn, &desk, Service::Consult, "王五", opening());
    steps::call_step(&mut conn, &desk, issued.step_id, opening() + 60).unwrap();
    let end = opening() + 600;
    // A 1 without a reason is refused at finishing, and the step stays as it was.
    let mut finish = Finish::with_outcome(Outcome::Answered);
    finish.rating = Some(Rating::VeryUnsatisfied);
    let before = dump(&conn);
    refused_with(
        steps::finish(&mut conn, &desk, issued.step_id, &finish, &s, end),
        RatingProblem::ReasonNeeded,
    );
    finish.rating_reason = Some(RatingReason::Other);
    refused_with(
        steps::finish(&mut conn, &desk, issued.step_id, &finish, &s, end),
        RatingProblem::ReasonNoteNeeded,
    );
    assert!(dump(&conn) == before, "a refusal changed the database");
    finish.rating_note = "窗口中途离开".into();
    steps::finish(&mut conn, &desk, issued.step_id, &finish, &s, end).expect("finish");
    assert_eq!(
        rating_row(&conn, issued.step_id),
        (
            Some("very_unsatisfied".into()),
            Some("staff".into()),
            Some("other".into())
        )
    );
    assert!(follow_up_of(&conn, issued.step_id).is_some());
    // The pad can no longer rate what staff rated.
    refused_with(
        rating::rate_on_pad(
            &mut conn,
            w1(),
            issued.step_id,
            Rating::Satisfied,
            &s,
            end + 5,
        ),
        RatingProblem::AlreadyRated,
    );
    // Another window's staff cannot rate W1's step afterwards.
    let other = finished_at_w1(&mut conn, &desk, "赵六", end + 900);
    let lawyer = duty_lawyer(&mut conn);
    let word = StaffRating {
        rating: Rating::Basic,
        reason: None,
        note: String::new(),
    };
    assert!(matches!(
        rating::rate_by_staff(&mut conn, &lawyer, other, &word, &s, end + 950),
        Err(ServiceError::Denied)
    ));
    rating::rate_by_staff(&mut conn, &desk, other, &word, &s, end + 960).expect("W1 rates it");
    assert_eq!(
        rating_row(&conn, other),
        (Some("basic".into()), Some("staff".into()), None)
    );
}

#[test]
fn follow_ups_fall_due_across_spring_festival_2026() {
    // 春节 2026: 2月15日–23日 off; Saturdays 2月14日 and 2月28日 worked (调休).
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let s = settings();
    for (date, due) in [
        // Friday before the holiday: the make-up Saturday counts, the holiday does not.
        ("2026-02-13", "2026-02-27"),
        // The make-up Saturday itself is a business day: 24 25 26 27 28(worked).
        ("2026-02-14", "2026-02-28"),
        // After the holiday: the second make-up Saturday counts.
        ("2026-02-24", "2026-03-02"),
        // Thursday before: 13, 14(worked), 24, 25, 26.
        ("2026-02-12", "2026-02-26"),
    ] {
        let end = at(date, 10, 0, 0);
        let step = finished_at_w1(&mut conn, &desk, "张三", end);
        rating::rate_on_pad(&mut conn, w1(), step, Rating::VeryUnsatisfied, &s, end + 3)
            .expect("rated");
        assert_eq!(
            follow_up_of(&conn, step),
            Some((date.into(), due.into())),
            "rated on {date}"
        );
    }
    // followup_days is a setting.
    let longer = legaldesk::service::settings::Settings {
        followup_days: 10,
        ..settings()
    };
    let end = at("2026-02-13", 11, 0, 0);
    let step = finished_at_w1(&mut conn, &desk, "李四", end);
    rating::rate_on_pad(&mut conn, w1(), step, Rating::Unsatisfied, &longer, end + 3).unwrap();
    // 14, 24, 25, 26, 27, 28, 3/2, 3/3, 3/4, 3/5.
    assert_eq!(
        follow_up_of(&conn, step),
        Some(("2026-02-13".into(), "2026-03-05".into()))
    );
}

#[test]
fn only_the_supervisor_lists_and_closes_follow_ups_with_an_outcome_and_a_note() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let boss = supervisor(&mut conn);
    let s = settings();
    let end = opening() + 3600;
    let step = finished_at_w1(&mut conn, &desk, "欧阳娜娜", end);
    rating::rate_on_pad(&mut conn, w1(), step, Rating::VeryUnsatisfied, &s, end + 5).unwrap();
    let today = s.zone.business_date(end);
    for actor in [&desk, &duty_lawyer(&mut conn)] {
        assert!(matches!(
            followups::list_open(&conn, actor, &s, today),
            Err(ServiceError::Denied)
        ));
    }
    let rows = followups::list_open(&conn, &boss, &s, today).expect("list");
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (
            row.ticket.as_str(),
            row.window.as_deref(),
            row.staff.as_deref()
        ),
        ("Z001", Some("W1"), Some(FRONT_DESK))
    );
    assert_eq!(
        (row.rating, row.reason),
        (Some(Rating::VeryUnsatisfied), None)
    );
    // The visitor is masked: the first character and one star, whatever the length.
    assert!(row.visitor.starts_with('欧') && !row.visitor.contains("阳娜"));
    assert!(!row.overdue);
    // Overdue the day after its due date.
    let late = followups::list_open(&conn, &boss, &s, row.due.succ_opt().unwrap()).unwrap();
    assert!(late[0].overdue);
    assert_eq!(
        followups::counts(&conn, row.due.succ_opt().unwrap()).unwrap(),
        (1, 1)
    );

    let before = dump(&conn);
    assert!(matches!(
        followups::close(
            &mut conn,
            &desk,
            row.id,
            FollowUpOutcome::Corrected,
            "已回访",
            &s,
            end + 60
        ),
        Err(ServiceError::Denied)
    ));
    match followups::close(
        &mut conn,
        &boss,
        row.id,
        FollowUpOutcome::Explained,
        "  ",
        &s,
        end + 60,
    ) {
        Err(ServiceError::FollowUp(FollowUpText::NoteNeeded)) => {}
        other => panic!("a note is required: {other:?}"),
    }
    assert!(
        dump(&conn) == before,
        "a refused close changed the database"
    );

    let note = "已电话回访，当事人表示理解";
    let ticket = followups::close(
        &mut conn,
        &boss,
        row.id,
        FollowUpOutcome::Explained,
        note,
        &s,
        end + 120,
    )
    .expect("closed");
    assert_eq!(ticket, "Z001");
    let closed: (String, String, i64, String) = conn
        .query_row(
            "SELECT outcome, note, closed_by, closed_date FROM follow_ups WHERE id = ?1",
            [row.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        closed,
        ("explained".into(), note.into(), boss.staff_id, DAY.into())
    );
    let audit: (Option<i64>, String) = conn
        .query_row(
            "SELECT staff_id, detail FROM audit WHERE action = 'follow_up_close' AND entity_id = ?1",
            [row.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(audit.0, Some(boss.staff_id));
    assert!(audit.1.contains("explained"), "{}", audit.1);
    // Closed once: a second close (another supervisor's terminal) is refused.
    let before = dump(&conn);
    match followups::close(
        &mut conn,
        &boss,
        row.id,
        FollowUpOutcome::Corrected,
        "再次",
        &s,
        end + 200,
    ) {
        Err(ServiceError::FollowUp(FollowUpText::NotOpen)) => {}
        other => panic!("closed twice: {other:?}"),
    }
    assert!(dump(&conn) == before, "a refusal changed the database");
    assert!(followups::list_open(&conn, &boss, &s, today)
        .unwrap()
        .is_empty());
    assert!(!FollowUpText::NotOpen.text(Lang::Zh).is_empty());
}

#[test]
fn the_tally_counts_five_levels_the_pad_and_the_follow_ups() {
    let db = TestDb::seeded();
    let mut conn = db.conn();
    let desk = front_desk(&mut conn);
    let boss = supervisor(&mut conn);
    let s = settings();
    // Friday 2026-11-20: a 1 on the pad (follow-up due Friday 27th, closed on Monday 23rd);
    // Monday 23rd: 5 and 2 on the pad, 3 and 4 by staff.
    let friday = at("2026-11-20", 10, 0, 0);
    let a = finished_at_w1(&mut conn, &desk, "甲", friday);
    rating::rate_on_pad(&mut conn, w1(), a, Rating::VeryUnsatisfied, &s, friday + 5).unwrap();
    let monday = opening() + 3600;
    let mut ratings = Vec::new();
    for (i, level) in [5u8, 2, 3, 4].into_iter().enumerate() {
        let end = monday + i as i64 * 600;
        let step = finished_at_w1(&mut conn, &desk, "乙", end);
        let rating = Rating::from_level(level).unwrap();
        if i < 2 {
            rating::rate_on_pad(&mut conn, w1(), step, rating, &s, end + 5).unwrap();
        } else {
            let word = StaffRating {
                rating,
                reason: None,
                note: String::new(),
            };
            rating::rate_by_staff(&mut conn, &desk, step, &word, &s, end + 5).unwrap();
        }
        ratings.push(step);
    }
    // One more done and unrated.
    finished_at_w1(&mut conn, &desk, "丙", monday + 3000);
    let first = followups::list_open(&conn, &boss, &s, day("2026-11-23")).unwrap();
    let friday_one = first.iter().find(|r| r.date == "2026-11-20").unwrap().id;
    followups::close(
        &mut conn,
        &boss,
        friday_one,
        FollowUpOutcome::Corrected,
        "已整改",
        &s,
        monday + 4000,
    )
    .unwrap();

    let t = legaldesk::tally::compute_range(&conn, &s, day(DAY), day(DAY)).unwrap();
    let sat = &t.satisfaction;
    let levels = sat.levels;
    assert_eq!(
        (
            levels.very_satisfied,
            levels.satisfied,
            levels.basic,
            levels.unsatisfied,
            levels.very_unsatisfied
        ),
        (1, 1, 1, 1, 0)
    );
    // The three-level roll-up: satisfied = 5 + 4, unsatisfied = 2 + 1.
    assert_eq!(
        (sat.satisfied, sat.basic, sat.unsatisfied, sat.rated),
        (2, 1, 1, 4)
    );
    assert_eq!(sat.rate, Some(0.75));
    assert_eq!(sat.rated_share, Some(0.8));
    assert_eq!(sat.by_pad, 2);
    // Monday: one opened (the 2), one closed (Friday's), one open at the end of the day.
    let f = sat.follow_ups;
    assert_eq!((f.opened, f.closed, f.open, f.overdue), (1, 1, 1, 0));
    let w1 = &t.windows.get("W1").unwrap().satisfaction;
    assert_eq!((w1.satisfied, w1.basic, w1.unsatisfied), (2, 1, 1));
    assert_eq!(w1.levels.very_satisfied, 1);

    // Friday alone: its 1 opened and still open at the end of Friday, not yet overdue.
    let t =
        legaldesk::tally::compute_range(&conn, &s, day("2026-11-20"), day("2026-11-20")).unwrap();
    let f = t.satisfaction.follow_ups;
    assert_eq!((f.opened, f.closed, f.open, f.overdue), (1, 0, 1, 0));
    assert_eq!(
        (
            t.satisfaction.unsatisfied,
            t.satisfaction.levels.very_unsatisfied
        ),
        (1, 1)
    );
    // As of the end of 2 December the Monday one (due 30 November) is overdue.
    let t =
        legaldesk::tally::compute_range(&conn, &s, day("2026-11-20"), day("2026-12-02")).unwrap();
    let f = t.satisfaction.follow_ups;
    assert_eq!((f.opened, f.closed, f.open, f.overdue), (2, 1, 1, 1));
    // The printout shows the five levels and the follow-ups, in both languages.
    let header = legaldesk::tally::header(&conn, &s, day(DAY), day(DAY)).unwrap();
    let t = legaldesk::tally::compute_range(&conn, &s, day(DAY), day(DAY)).unwrap();
    let zh = legaldesk::print::render(&t, legaldesk::print::Format::A4, Lang::Zh, &header);
    for word in [
        "非常满意",
        "非常不满意",
        "三级汇总",
        "评价器评价",
        "差评回访整改",
    ] {
        assert!(zh.contains(word), "{word} missing:\n{zh}");
    }
    let en = legaldesk::print::render(&t, legaldesk::print::Format::Receipt58, Lang::En, &header);
    for word in [
        "Very satisfied",
        "Very unsatisfied",
        "On the pad",
        "Overdue",
    ] {
        assert!(en.contains(word), "{word} missing:\n{en}");
    }
    let _ = ratings;
}

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}
