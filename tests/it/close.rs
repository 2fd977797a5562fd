//! Day close (日结): open steps become `unfinished`, the tally is stored as a frozen snapshot,
//! and the date's visits and steps are read-only in the database itself — raw SQL included.
//! An amendment opens the date inside its own transaction only, re-issues the snapshot as a
//! new version and leaves an audit row; the old version stays readable.

use crate::common;

use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::common::{at, TestDb, DAY};
use legaldesk::domain::codes::{Outcome, Service};
use legaldesk::service::close::{self, amend_day, close_day};
use legaldesk::service::steps::{self, Finish};
use legaldesk::service::{audit, intake, Problem, ServiceError};
use legaldesk::tally::{self, snapshot};

fn day() -> NaiveDate {
    NaiveDate::parse_from_str(DAY, "%Y-%m-%d").unwrap()
}

/// The evening of `DAY`.
fn evening() -> i64 {
    at(DAY, 18, 0, 0)
}

/// A day with one ticket in each state: done, no-show, cancelled, waiting, called, serving,
/// on hold. Returns the step ids in that order.
fn busy_day(conn: &mut Connection) -> Vec<i64> {
    busy_day_from(conn, common::opening())
}

/// `busy_day` with the hall opening at `t0`.
fn busy_day_from(conn: &mut Connection, t0: i64) -> Vec<i64> {
    let desk = common::front_desk(conn);
    let settings = common::settings();
    let ids: Vec<i64> = (0..7)
        .map(|i| {
            common::issue(
                conn,
                &desk,
                Service::Consult,
                &format!("来访{i}"),
                t0 + 60 * i,
            )
            .step_id
        })
        .collect();
    // done
    steps::call_step(conn, &desk, ids[0], t0 + 600).unwrap();
    steps::finish(
        conn,
        &desk,
        ids[0],
        &Finish::with_outcome(Outcome::Answered),
        &settings,
        t0 + 900,
    )
    .unwrap();
    // no-show
    steps::call_step(conn, &desk, ids[1], t0 + 1000).unwrap();
    steps::mark_no_show(conn, &desk, ids[1], t0 + 1100).unwrap();
    // cancelled
    steps::cancel(conn, &desk, ids[2], t0 + 1200).unwrap();
    // ids[3] stays waiting
    steps::call_step(conn, &desk, ids[4], t0 + 1300).unwrap();
    steps::call_step(conn, &desk, ids[5], t0 + 1400).unwrap();
    steps::start(conn, &desk, ids[5], t0 + 1500).unwrap();
    steps::call_step(conn, &desk, ids[6], t0 + 1600).unwrap();
    steps::start(conn, &desk, ids[6], t0 + 1700).unwrap();
    steps::toggle_hold(conn, &desk, ids[6], t0 + 1800).unwrap();
    ids
}

fn status(conn: &Connection, id: i64) -> String {
    common::status_of(conn, id)
}

#[test]
fn closing_turns_open_steps_unfinished_and_stores_the_snapshot() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let ids = busy_day(&mut conn);
    let before: Vec<String> = ids.iter().map(|id| status(&conn, *id)).collect();
    assert_eq!(
        before,
        [
            "done",
            "no_show",
            "cancelled",
            "waiting",
            "called",
            "serving",
            "on_hold"
        ]
    );
    assert_eq!(
        close::open_tickets(&conn, day()).unwrap(),
        ["Z004", "Z005", "Z006", "Z007"]
    );

    let boss = common::supervisor(&mut conn);
    let report = close_day(&mut conn, Some(&boss), day(), evening()).unwrap();
    assert_eq!(report.version, 1);
    assert_eq!(report.steps_unfinished, 4);
    assert_eq!(report.made_unfinished, ["Z004", "Z005", "Z006", "Z007"]);
    let after: Vec<String> = ids.iter().map(|id| status(&conn, *id)).collect();
    assert_eq!(
        after,
        [
            "done",
            "no_show",
            "cancelled",
            "unfinished",
            "unfinished",
            "unfinished",
            "unfinished"
        ]
    );
    assert!(close::open_tickets(&conn, day()).unwrap().is_empty());

    // The frozen snapshot: closed, with the unfinished tickets and the figures of the day.
    let stored = snapshot::latest(&conn, day()).unwrap().expect("snapshot");
    assert_eq!(
        (
            stored.version,
            stored.closed_at,
            stored.closed_by.as_deref(),
            stored.reason.as_deref()
        ),
        (1, evening(), Some(common::SUPERVISOR), None)
    );
    assert!(stored.tally.closed);
    assert_eq!(
        stored.tally.unfinished_list,
        Some(vec![
            "Z004".into(),
            "Z005".into(),
            "Z006".into(),
            "Z007".into()
        ])
    );
    let consult = stored.tally.services.get("consult").unwrap();
    assert_eq!(
        (
            consult.arrivals,
            consult.done,
            consult.no_show,
            consult.cancelled,
            consult.unfinished,
            consult.open
        ),
        (7, 1, 1, 1, 4, 0)
    );
    assert_eq!(stored.tally, report.tally);
    // The live computation agrees, and says closed now.
    let live = tally::compute_range(&conn, &common::settings(), day(), day()).unwrap();
    assert_eq!(live, stored.tally);
    // The close is audited and the chain is intact.
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'close_day'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
    assert_eq!(audit::first_broken_link(&conn).unwrap(), None);
}

#[test]
fn only_a_supervisor_closes_and_only_once_and_never_ahead() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    busy_day(&mut conn);
    let desk = common::front_desk(&mut conn);
    let before = common::dump(&conn);
    assert!(matches!(
        close_day(&mut conn, Some(&desk), day(), evening()),
        Err(ServiceError::Denied)
    ));
    let tomorrow = day().succ_opt().unwrap();
    assert!(matches!(
        close_day(&mut conn, None, tomorrow, evening()),
        Err(ServiceError::Invalid(_))
    ));
    assert_eq!(
        common::dump(&conn),
        before,
        "a refused close changes nothing"
    );
    // The administrator (command line) may close.
    close_day(&mut conn, None, day(), evening()).unwrap();
    assert!(matches!(
        close_day(&mut conn, None, day(), evening() + 60),
        Err(ServiceError::DateClosed)
    ));
    assert_eq!(snapshot::all(&conn, day()).unwrap().len(), 1);
}

/// Runs `sql` and expects the database to refuse it because the date is closed.
#[track_caller]
fn refused(conn: &Connection, sql: &str) {
    match conn.execute_batch(sql) {
        Ok(()) => panic!("the database accepted a write to a closed date: {sql}"),
        Err(e) => assert!(e.to_string().contains("closed"), "{sql}: {e}"),
    }
}

#[test]
fn a_closed_date_is_read_only_in_the_database_itself() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let ids = busy_day(&mut conn);
    close_day(&mut conn, None, day(), evening()).unwrap();
    let before = common::dump(&conn);
    let visit_id: i64 = conn
        .query_row("SELECT visit_id FROM steps WHERE id = ?1", [ids[0]], |r| {
            r.get(0)
        })
        .unwrap();
    let raw = Connection::open(&test.path).unwrap(); // a plain connection, as a script would have
    refused(
        &raw,
        &format!(
            "UPDATE steps SET outcome = 'external' WHERE id = {}",
            ids[0]
        ),
    );
    refused(
        &raw,
        &format!("UPDATE steps SET status = 'done' WHERE id = {}", ids[3]),
    );
    refused(&raw, &format!("DELETE FROM steps WHERE id = {}", ids[1]));
    refused(&raw, &format!("INSERT INTO steps (visit_id, seq, service, status, queued_at) VALUES ({visit_id}, 2, 'legal_aid', 'waiting', 0)"));
    refused(
        &raw,
        &format!("UPDATE visits SET parties = 9 WHERE id = {visit_id}"),
    );
    refused(&raw, &format!("DELETE FROM visits WHERE id = {visit_id}"));
    refused(&raw, &format!("INSERT INTO visits (business_date, ticket, channel, lane, matter, utc_offset_s) VALUES ('{DAY}', 'Z999', 'walk_in', 'normal', 'other', 0)"));
    // Nor can a visit of another day be moved into it.
    raw.execute_batch("INSERT INTO visits (business_date, ticket, channel, lane, matter, utc_offset_s) VALUES ('2026-11-24', 'Z001', 'walk_in', 'normal', 'other', 0)").unwrap();
    refused(
        &raw,
        &format!("UPDATE visits SET business_date = '{DAY}' WHERE business_date = '2026-11-24'"),
    );
    raw.execute_batch("DELETE FROM visits WHERE business_date = '2026-11-24'")
        .unwrap();
    // The snapshots themselves are append-only.
    assert!(raw
        .execute_batch("UPDATE day_closes SET tally_json = '{}'")
        .is_err());
    assert!(raw.execute_batch("DELETE FROM day_closes").is_err());
    assert_eq!(common::dump(&conn), before);
    // Through the service layer: the same refusal, as a clear message.
    let desk = common::front_desk(&mut conn);
    let late = intake::issue_ticket(
        &mut conn,
        &desk,
        &common::visitor(Service::Consult, "迟到"),
        &common::settings(),
        at(DAY, 18, 30, 0),
    );
    let error = late.expect_err("no ticket on a closed date");
    assert!(
        error.message(legaldesk::i18n::Lang::En).contains("closed"),
        "{error:?}"
    );
}

#[test]
fn the_triggers_cost_an_indexed_lookup_only() {
    let test = TestDb::seeded();
    let conn = test.conn();
    // The trigger bodies look days up by primary key; no statement in them scans a table.
    let mut stmt = conn.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM visits v JOIN day_closes c ON c.business_date = v.business_date WHERE v.id = ?1 AND NOT EXISTS (SELECT 1 FROM day_amending a WHERE a.business_date = v.business_date)").unwrap();
    let plan: Vec<String> = stmt
        .query_map([1], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        plan.iter().all(|line| !line.starts_with("SCAN")),
        "{plan:?}"
    );
}

#[test]
fn an_amendment_reissues_the_snapshot_and_is_audited() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let ids = busy_day(&mut conn);
    let boss = common::supervisor(&mut conn);
    close_day(&mut conn, Some(&boss), day(), evening()).unwrap();
    let v1 = snapshot::latest(&conn, day()).unwrap().unwrap();

    let done = ids[0];
    let report = amend_day(
        &mut conn,
        Some(&boss),
        day(),
        "结果登记错误，应为告知途径",
        evening() + 3600,
        |tx| {
            tx.execute(
                "UPDATE steps SET outcome = 'advised_route' WHERE id = ?1",
                [done],
            )?;
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(report.version, 2);
    let versions = snapshot::all(&conn, day()).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0], v1, "the first version stays as it was");
    let v2 = &versions[1];
    assert_eq!(
        (v2.version, v2.reason.as_deref(), v2.closed_by.as_deref()),
        (
            2,
            Some("结果登记错误，应为告知途径"),
            Some(common::SUPERVISOR)
        )
    );
    let outcomes = |t: &legaldesk::tally::Tally| {
        let c = t.services.get("consult").unwrap();
        (
            c.outcomes.get("answered").copied(),
            c.outcomes.get("advised_route").copied(),
        )
    };
    assert_eq!(outcomes(&v1.tally), (Some(1), Some(0)));
    assert_eq!(outcomes(&v2.tally), (Some(0), Some(1)));
    assert!(v2.tally.closed);
    // The audit row names the date, the version and the reason.
    let detail: String = conn
        .query_row(
            "SELECT detail FROM audit WHERE action = 'amend_day'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        detail.contains(DAY) && detail.contains("v2") && detail.contains("应为告知途径"),
        "{detail}"
    );
    assert_eq!(audit::first_broken_link(&conn).unwrap(), None);
    // The date is read-only again afterwards.
    let raw = Connection::open(&test.path).unwrap();
    refused(
        &raw,
        &format!("UPDATE steps SET outcome = 'answered' WHERE id = {done}"),
    );
    let amending: i64 = conn
        .query_row("SELECT count(*) FROM day_amending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(amending, 0);
    // The printout of a closed date is its latest snapshot, naming the version.
    let (figures, header) = tally::report(&conn, &common::settings(), day(), day()).unwrap();
    assert_eq!(&figures, &v2.tally);
    assert_eq!(header.closer.as_ref().map(|c| c.version), Some(2));
}

#[test]
fn a_failed_or_unauthorised_amendment_changes_nothing() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let ids = busy_day(&mut conn);
    close_day(&mut conn, None, day(), evening()).unwrap();
    let before = common::dump(&conn);
    let first = ids[0];
    let failed = amend_day(&mut conn, None, day(), "试一下", evening() + 60, |tx| {
        tx.execute(
            "UPDATE steps SET outcome = 'external' WHERE id = ?1",
            [first],
        )?;
        Err(ServiceError::Invalid(Problem::Outcome))
    });
    assert!(failed.is_err());
    assert_eq!(
        common::dump(&conn),
        before,
        "a failed amendment changes nothing"
    );
    let desk = common::front_desk(&mut conn);
    let before_desk = common::dump(&conn);
    assert!(matches!(
        amend_day(
            &mut conn,
            Some(&desk),
            day(),
            "理由",
            evening() + 60,
            |_| Ok(())
        ),
        Err(ServiceError::Denied)
    ));
    assert!(matches!(
        amend_day(&mut conn, None, day(), "   ", evening() + 60, |_| Ok(())),
        Err(ServiceError::Field { .. })
    ));
    let open_day = day().succ_opt().unwrap();
    assert!(matches!(
        amend_day(&mut conn, None, open_day, "理由", evening() + 60, |_| Ok(
            ()
        )),
        Err(ServiceError::NotFound)
    ));
    assert_eq!(common::dump(&conn), before_desk);
    assert_eq!(snapshot::all(&conn, day()).unwrap().len(), 1);
}

#[test]
fn an_amendment_may_reopen_nothing_it_leaves_open() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let ids = busy_day(&mut conn);
    close_day(&mut conn, None, day(), evening()).unwrap();
    let step = ids[3];
    let report = amend_day(
        &mut conn,
        None,
        day(),
        "误记为未办结",
        evening() + 60,
        |tx| {
            tx.execute(
                "UPDATE steps SET status = 'waiting' WHERE id = ?1",
                params![step],
            )?;
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(report.steps_unfinished, 1);
    assert_eq!(status(&conn, step), "unfinished");
}

#[test]
fn the_business_date_is_local_and_each_day_starts_at_z001() {
    let test = TestDb::seeded();
    let mut conn = test.conn();
    let desk = common::front_desk(&mut conn);
    let late = common::issue(&mut conn, &desk, Service::Consult, "晚", at(DAY, 23, 59, 0));
    let early = common::issue(
        &mut conn,
        &desk,
        Service::Consult,
        "早",
        at("2026-11-24", 0, 1, 0),
    );
    assert_eq!(
        (late.business_date.as_str(), early.business_date.as_str()),
        (DAY, "2026-11-24")
    );
    assert_eq!(early.ticket, "Z001");
    close_day(&mut conn, None, day(), at("2026-11-24", 0, 2, 0)).unwrap();
    // Closing the 23rd leaves the 24th open.
    assert_eq!(status(&conn, late.step_id), "unfinished");
    assert_eq!(status(&conn, early.step_id), "waiting");
    assert_eq!(
        common::issue(
            &mut conn,
            &desk,
            Service::Consult,
            "再来",
            at("2026-11-24", 0, 3, 0)
        )
        .ticket,
        "Z002"
    );
}

#[test]
fn a_version_one_database_upgraded_gets_the_same_guards() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        legaldesk::db::create_v1(&conn).unwrap();
        conn.execute_batch(&format!("INSERT INTO visits (business_date, ticket, channel, lane, matter, utc_offset_s) VALUES ('{DAY}', 'Z001', 'walk_in', 'normal', 'other', 28800)")).unwrap();
        conn.execute_batch("INSERT INTO steps (visit_id, seq, service, status, queued_at) VALUES (1, 1, 'consult', 'waiting', 1)").unwrap();
    }
    let mut conn = legaldesk::db::open(&path).unwrap();
    close_day(&mut conn, None, day(), evening()).unwrap();
    assert_eq!(status(&conn, 1), "unfinished");
    refused(&conn, "UPDATE steps SET status = 'done' WHERE id = 1");
}

// ---- the command line ------------------------------------------------------------------

fn cli(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env_remove("LEGALDESK_DB")
        .stdin(Stdio::null())
        .output()
        .expect("run legaldesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const PAST: &str = "2026-10-12";

#[test]
fn close_on_the_command_line() {
    let test = TestDb::seeded();
    {
        let mut conn = test.conn();
        legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
        // A day in the past, whatever the machine's clock says.
        busy_day_from(&mut conn, at(PAST, 9, 0, 0));
    }
    for (args, expect) in [
        (vec!["close", "--date", "2026-02-30"], "invalid date"),
        (vec!["close", "--date", "23/11/2026"], "invalid date"),
        (vec!["close", "--date", "2999-01-01"], "has not come yet"),
    ] {
        let out = cli(&test.path, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).contains(expect),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = cli(&test.path, &["close", "--date", PAST]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("Z004 Z005 Z006 Z007")
            && said.contains("version 1")
            && said.contains("4 step(s)"),
        "{said}"
    );
    let again = cli(&test.path, &["close", "--date", PAST]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already closed"),
        "{}",
        text(&again.stderr)
    );
    // The closed day's tally says so, with who and which version.
    let out = cli(&test.path, &["tally", "--date", PAST]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(
        printed.contains("closed")
            && printed.contains("administrator")
            && printed.contains("Version"),
        "{printed}"
    );
}
