//! Ratings in the ledger CSV (formats/ledger.md `rating`): a register with all five codes
//! round-trips byte for byte and counts every level; an old three-level register (the middle
//! three codes) imports to the same three-level figures it always gave; and a database of the
//! three-level schema (version 3) upgrades with its ratings, its closed day's filed tally and
//! that day's read-only guard intact.

use crate::common;

use chrono::NaiveDate;
use legaldesk::i18n::Lang;
use legaldesk::ledger;
use legaldesk::tally;
use rusqlite::Connection;

const HEADER: &str = "visit_date,ticket,seq,service,channel,lane,urgent,matter,parties,visitor_name,phone,id_number,summary,queued_at,called_at,started_at,finished_at,status,outcome,reason,window,staff,amount_recovered,quantity,rating,note";

/// One done consultation per rating code, in export order (each half an hour apart), with
/// CR LF line ends as export writes them.
fn register(ratings: &[&str]) -> String {
    let mut text = format!("{HEADER}\r\n");
    for (i, rating) in ratings.iter().enumerate() {
        let hour = 9 + i / 2;
        let minute = (i % 2) * 30;
        let t = |m: usize| format!("2026-10-12 {hour:02}:{:02}:00", minute + m);
        text.push_str(&format!(
            "2026-10-12,Z{:03},1,consult,walk_in,normal,0,labor,1,来访人{i},,,,{},{},{},{},done,answered,,W1,S02,,,{rating},\r\n",
            i + 1,
            t(0),
            t(5),
            t(6),
            t(20)
        ));
    }
    text
}

fn fresh() -> common::TestDb {
    let test = common::TestDb::empty();
    legaldesk::service::settings::set(&test.conn(), "timezone", common::ZONE).unwrap();
    test
}

fn import(test: &common::TestDb, text: &str) {
    ledger::import(
        &mut test.conn(),
        text,
        &common::settings(),
        common::opening(),
    )
    .unwrap_or_else(|e| panic!("{}", e.message(Lang::En)));
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 12).unwrap()
}

fn export(conn: &mut Connection) -> Vec<u8> {
    ledger::export(conn, day(), day(), false, common::opening())
        .unwrap()
        .0
}

#[test]
fn all_five_codes_round_trip_and_count() {
    let text = register(&[
        "very_satisfied",
        "satisfied",
        "basic",
        "unsatisfied",
        "very_unsatisfied",
        "",
        "very_satisfied",
    ]);
    let a = fresh();
    import(&a, &text);
    let first = export(&mut a.conn());
    assert_eq!(String::from_utf8_lossy(&first), text);
    let b = fresh();
    import(&b, &String::from_utf8(first.clone()).unwrap());
    assert_eq!(
        export(&mut b.conn()),
        first,
        "export → import → export changed"
    );
    let t = tally::compute_range(&b.conn(), &common::settings(), day(), day()).unwrap();
    let s = &t.satisfaction;
    let l = s.levels;
    assert_eq!(
        (
            l.very_satisfied,
            l.satisfied,
            l.basic,
            l.unsatisfied,
            l.very_unsatisfied
        ),
        (2, 1, 1, 1, 1)
    );
    assert_eq!((s.satisfied, s.basic, s.unsatisfied, s.rated), (3, 1, 2, 6));
    assert_eq!((s.rate, s.rated_share), (Some(0.6667), Some(0.8571)));
    // A register's ratings were written down by staff; no follow-up is opened for them.
    assert_eq!(s.by_pad, 0);
    assert_eq!(s.follow_ups.opened, 0);
    let by: Vec<Option<String>> = b
        .conn()
        .prepare("SELECT rating_by FROM steps ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        by.iter().filter(|b| b.as_deref() == Some("staff")).count(),
        6
    );
    assert_eq!(by.iter().filter(|b| b.is_none()).count(), 1);
}

#[test]
fn an_old_three_level_register_gives_its_three_level_tally() {
    let text = register(&[
        "satisfied",
        "satisfied",
        "basic",
        "satisfied",
        "unsatisfied",
        "",
        "basic",
    ]);
    let test = fresh();
    import(&test, &text);
    let t = tally::compute_range(&test.conn(), &common::settings(), day(), day()).unwrap();
    let s = &t.satisfaction;
    // What the three-level tally always said: counts per code, rate = (3 + 2) / 6.
    assert_eq!((s.satisfied, s.basic, s.unsatisfied, s.rated), (3, 2, 1, 6));
    assert_eq!((s.rate, s.rated_share), (Some(0.8333), Some(0.8571)));
    // The same counts are its levels; the outer two levels are empty.
    let l = s.levels;
    assert_eq!(
        (
            l.very_satisfied,
            l.satisfied,
            l.basic,
            l.unsatisfied,
            l.very_unsatisfied
        ),
        (0, 3, 2, 1, 0)
    );
    let w1 = &t.windows.get("W1").unwrap().satisfaction;
    assert_eq!((w1.satisfied, w1.basic, w1.unsatisfied), (3, 2, 1));
    // A code that is no level is refused with its line and column, and nothing is written.
    // (LF line ends here: with CR LF the reported line is one short — a bug of the import's
    // line counting, reported separately.)
    let bad = register(&["satisfied", "very_good"]).replace("\r\n", "\n");
    let empty = fresh();
    let before = common::dump(&empty.conn());
    let error = ledger::import(
        &mut empty.conn(),
        &bad,
        &common::settings(),
        common::opening(),
    )
    .expect_err("an unknown rating code is refused");
    let message = error.message(Lang::En);
    assert!(
        message.contains("3") && message.contains("rating"),
        "{message}"
    );
    assert!(
        common::dump(&empty.conn()) == before,
        "a refused import wrote something"
    );
}

/// A version-3 database (three-level ratings), made with the scripts of that version.
fn version_3(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    legaldesk::db::create_v1(&conn).unwrap();
    conn.execute_batch(include_str!("../../src/db/migrations/v2.sql"))
        .unwrap();
    conn.execute_batch(include_str!("../../src/db/migrations/v3.sql"))
        .unwrap();
    conn.pragma_update(None, "user_version", 3).unwrap();
    conn.execute_batch(
        "INSERT INTO windows (id, code, services) VALUES (1, 'W1', 'consult');
         INSERT INTO staff (id, code, name, role, created_at) VALUES (1, 'S02', '李前台', 'front_desk', 0);",
    )
    .unwrap();
    let ratings = [
        Some("satisfied"),
        Some("basic"),
        Some("unsatisfied"),
        Some("satisfied"),
        None,
    ];
    for (i, rating) in ratings.iter().enumerate() {
        let at = common::at("2026-10-12", 9, 0, 0) + i as i64 * 1800;
        conn.execute(
            "INSERT INTO visits (id, business_date, ticket, channel, lane, matter, utc_offset_s)
             VALUES (?1, '2026-10-12', ?2, 'walk_in', 'normal', 'labor', 28800)",
            rusqlite::params![i as i64 + 1, format!("Z{:03}", i + 1)],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO steps (visit_id, seq, service, status, queued_at, called_at, started_at, finished_at,
                                window_id, staff_id, outcome, rating)
             VALUES (?1, 1, 'consult', 'done', ?2, ?2 + 60, ?2 + 70, ?2 + 600, 1, 1, 'answered', ?3)",
            rusqlite::params![i as i64 + 1, at, rating],
        )
        .unwrap();
    }
}

#[test]
fn a_three_level_database_upgrades_with_its_ratings_and_its_filed_tally() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.sqlite3");
    version_3(&path);
    // The day is closed under version 3: its filed tally has no levels, pad or follow-ups.
    {
        let conn = Connection::open(&path).unwrap();
        // The snapshot as version 3 wrote it: today's JSON without the keys added since.
        let today = tally::compute_range(
            &legaldesk::db::open(&{
                let copy = dir.path().join("copy.sqlite3");
                std::fs::copy(&path, &copy).unwrap();
                copy
            })
            .unwrap(),
            &common::settings(),
            day(),
            day(),
        )
        .unwrap();
        let mut json: serde_json::Value = serde_json::from_str(&today.to_json()).unwrap();
        let satisfaction = json["satisfaction"].as_object_mut().unwrap();
        for key in ["levels", "by_pad", "follow_ups"] {
            satisfaction.remove(key);
        }
        json["windows"]["W1"]["satisfaction"]
            .as_object_mut()
            .unwrap()
            .remove("levels");
        conn.execute(
            "INSERT INTO day_closes (business_date, version, closed_at, tally_json) VALUES ('2026-10-12', 1, 0, ?1)",
            [json.to_string()],
        )
        .unwrap();
    }
    let conn = legaldesk::db::open(&path).expect("upgrades");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, legaldesk::db::LATEST_VERSION);
    type Rated = (Option<String>, Option<String>, Option<i64>, Option<i64>);
    let rows: Vec<Rated> = conn
        .prepare("SELECT rating, rating_by, rated_at, finished_at FROM steps ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let codes: Vec<Option<&str>> = rows.iter().map(|r| r.0.as_deref()).collect();
    assert_eq!(
        codes,
        [
            Some("satisfied"),
            Some("basic"),
            Some("unsatisfied"),
            Some("satisfied"),
            None
        ]
    );
    for (rating, by, rated_at, finished_at) in &rows {
        match rating {
            Some(_) => assert_eq!((by.as_deref(), rated_at), (Some("staff"), finished_at)),
            None => assert_eq!((by, rated_at), (&None, &None)),
        }
    }
    // The filed tally reads back with its three-level figures as its levels.
    let filed = tally::snapshot::latest(&conn, day())
        .unwrap()
        .expect("filed");
    let s = &filed.tally.satisfaction;
    assert_eq!((s.satisfied, s.basic, s.unsatisfied, s.rated), (2, 1, 1, 4));
    assert_eq!(
        (
            s.levels.satisfied,
            s.levels.basic,
            s.levels.unsatisfied,
            s.levels.very_satisfied
        ),
        (2, 1, 1, 0)
    );
    // Recomputed from the upgraded records, the three-level figures are what was filed.
    let live = tally::compute_range(&conn, &common::settings(), day(), day()).unwrap();
    assert_eq!(
        (
            live.satisfaction.satisfied,
            live.satisfaction.basic,
            live.satisfaction.unsatisfied
        ),
        (2, 1, 1)
    );
    assert_eq!(live.satisfaction.rate, s.rate);
    // The closed day is read-only again after the upgrade.
    let amending: i64 = conn
        .query_row("SELECT count(*) FROM day_amending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(amending, 0);
    let edit = conn.execute(
        "UPDATE steps SET rating = 'very_satisfied' WHERE id = 5",
        [],
    );
    assert!(
        edit.is_err(),
        "a closed day's step was changed after the upgrade"
    );
    // And the new codes are accepted by the widened check (on an open day).
    let check = conn.execute(
        "INSERT INTO visits (id, business_date, ticket, channel, lane, matter, utc_offset_s)
         VALUES (99, '2026-10-13', 'Z001', 'walk_in', 'normal', 'labor', 28800)",
        [],
    );
    assert!(check.is_ok());
    conn.execute(
        "INSERT INTO steps (visit_id, seq, service, status, queued_at, rating, rating_by) VALUES (99, 1, 'consult', 'done', 0, 'very_unsatisfied', 'pad')",
        [],
    )
    .expect("five-level code accepted");
    let wrong = conn.execute(
        "INSERT INTO steps (visit_id, seq, service, status, queued_at, rating) VALUES (99, 2, 'consult', 'done', 0, 'good')",
        [],
    );
    assert!(wrong.is_err(), "an unknown rating code passed the check");
}
