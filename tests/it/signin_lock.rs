//! Sign-in failures are counted in the database, so every terminal shares one count: wrong
//! PINs typed at two real processes add up, the lock they cause holds in every process until
//! a supervisor lifts it, and the stored hash is argon2id.
//!
//! The "other terminal" is this test binary started again as a worker (`signin_worker`,
//! selected with `--exact` and told what to do through the environment), so the two sides
//! share nothing but the database file.

use std::process::Command;

use crate::common::*;
use legaldesk::service::staff::{self, LOCK_AFTER};
use legaldesk::service::ServiceError;

const WORKER_DB: &str = "LEGALDESK_SIGNIN_WORKER_DB";
const WORKER_MODE: &str = "LEGALDESK_SIGNIN_WORKER_MODE";
const WORKER_BASE: &str = "LEGALDESK_SIGNIN_WORKER_BASE";

/// What one sign-in attempt returned, as a worker reports it.
fn verdict(result: &Result<legaldesk::service::Actor, ServiceError>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(ServiceError::WrongPin { remaining }) => format!("wrong {remaining}"),
        Err(ServiceError::Locked) => "locked".into(),
        Err(ServiceError::BackOff(_)) => "backoff".into(),
        Err(other) => format!("error {other:?}"),
    }
}

/// The worker side. In a normal test run the variables are unset and this does nothing.
#[test]
#[ignore = "child process: its parent test launches it with --ignored --exact"]
fn signin_worker() {
    let Ok(db) = std::env::var(WORKER_DB) else {
        return;
    };
    let mode = std::env::var(WORKER_MODE).expect("mode");
    let base: i64 = std::env::var(WORKER_BASE)
        .expect("base")
        .parse()
        .expect("base is a number");
    let mut conn =
        legaldesk::db::open(std::path::Path::new(&db)).expect("worker opens the database");
    let report = |line: String| println!("RESULT {line}");
    let mut parts = mode.split(' ');
    match (parts.next(), parts.next()) {
        // `wrong N`: N wrong PINs, spaced far enough apart that back-off never applies.
        (Some("wrong"), Some(n)) => {
            for k in 0..n.parse::<i64>().expect("count") {
                report(verdict(&staff::sign_in(
                    &mut conn,
                    DUTY_LAWYER,
                    "0000",
                    None,
                    base + k * 1000,
                )));
            }
        }
        (Some("right"), None) => report(verdict(&staff::sign_in(
            &mut conn,
            DUTY_LAWYER,
            PIN,
            None,
            base,
        ))),
        // `race`: wrong PINs as fast as possible until the account locks. Back-off caused by
        // the other worker's failures moves this worker's clock on instead of waiting.
        (Some("race"), None) => {
            let mut now = base;
            for _ in 0..10_000 {
                let result = staff::sign_in(&mut conn, DUTY_LAWYER, "0000", None, now);
                now += 1000;
                let line = verdict(&result);
                if line == "backoff" {
                    continue;
                }
                report(line.clone());
                if line == "locked" {
                    return;
                }
            }
            panic!("never locked");
        }
        other => panic!("unknown worker mode {other:?}"),
    }
}

/// Runs one worker to completion and returns its RESULT lines.
fn run_worker(db: &TestDb, mode: &str, base: i64) -> Vec<String> {
    let output = worker(db, mode, base).output().expect("run worker");
    assert!(
        output.status.success(),
        "worker {mode} failed: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    results(&output.stdout)
}

fn worker(db: &TestDb, mode: &str, base: i64) -> Command {
    let mut command = Command::new(std::env::current_exe().expect("test binary"));
    command
        .args([
            "--ignored",
            "--exact",
            "signin_lock::signin_worker",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WORKER_DB, &db.path)
        .env(WORKER_MODE, mode)
        .env(WORKER_BASE, base.to_string());
    command
}

fn results(stdout: &[u8]) -> Vec<String> {
    // libtest prints "test signin_worker ... " before the test's own output, on the same line.
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|l| l.split_once("RESULT "))
        .map(|(_, r)| r.to_string())
        .collect()
}

fn failures_in_db(db: &TestDb) -> (i64, bool, i64) {
    let conn = db.conn();
    let (failed, locked) = conn
        .query_row(
            "SELECT failed_pins, locked FROM staff WHERE code = ?1",
            [DUTY_LAWYER],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("staff row");
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action IN ('sign_in_failed', 'sign_in_locked')",
            [],
            |r| r.get(0),
        )
        .expect("audit count");
    (failed, locked, audited)
}

#[test]
fn two_processes_share_one_failure_count_and_the_lock_holds() {
    let db = TestDb::seeded();
    let t = opening();
    // Terminal A: two wrong PINs.
    assert_eq!(run_worker(&db, "wrong 2", t), ["wrong 4", "wrong 3"]);
    // Terminal B, another process: its first wrong PIN is the third of the account.
    assert_eq!(
        run_worker(&db, "wrong 2", t + 10_000),
        ["wrong 2", "wrong 1"]
    );
    // A again: the fifth locks the account.
    assert_eq!(run_worker(&db, "wrong 1", t + 20_000), ["locked"]);
    assert_eq!(failures_in_db(&db), (LOCK_AFTER, true, LOCK_AFTER));
    // The right PIN does not get through the lock, in another process, even a day later.
    assert_eq!(run_worker(&db, "right", t + 20_001), ["locked"]);
    assert_eq!(run_worker(&db, "right", t + 86_400), ["locked"]);
    // A supervisor lifts it through the real command line; then the right PIN works.
    let unlock = Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .args(["--lang", "en", "staff", "unlock", DUTY_LAWYER])
        .env("LEGALDESK_DB", &db.path)
        .output()
        .expect("run legaldesk");
    assert!(
        unlock.status.success(),
        "{}",
        String::from_utf8_lossy(&unlock.stderr)
    );
    assert_eq!(run_worker(&db, "right", t + 86_401), ["ok"]);
    assert_eq!(failures_in_db(&db).0, 0, "a good sign-in clears the count");
}

#[test]
fn back_off_from_another_terminal_stops_even_the_right_pin() {
    let db = TestDb::seeded();
    let t = opening();
    // Two failures one second apart in process A start the back-off…
    assert_eq!(run_worker(&db, "wrong 2", t).len(), 2);
    let last_failure = t + 1000;
    // …so the right PIN one second after the last failure, in process B, is refused…
    assert_eq!(run_worker(&db, "right", last_failure + 1), ["backoff"]);
    // …and accepted once the back-off has passed.
    let wait = staff::backoff_seconds(2);
    assert_eq!(run_worker(&db, "right", last_failure + wait), ["ok"]);
}

#[test]
fn racing_processes_lose_no_failure_and_count_none_twice() {
    let db = TestDb::seeded();
    let t = opening();
    let children: Vec<_> = (0..2)
        .map(|i| {
            worker(&db, "race", t + i * 500)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut lines = Vec::new();
    for child in children {
        let output = child.wait_with_output().expect("worker output");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );
        let mine = results(&output.stdout);
        assert_eq!(
            mine.last().map(String::as_str),
            Some("locked"),
            "every worker ends at the lock: {mine:?}"
        );
        lines.extend(mine);
    }
    let wrong = lines.iter().filter(|l| l.starts_with("wrong")).count() as i64;
    // One shared count: exactly LOCK_AFTER failures in all, whichever process made them.
    // Per-process counting would have let each worker fail LOCK_AFTER − 1 times on its own.
    assert_eq!(wrong, LOCK_AFTER - 1, "{lines:?}");
    assert_eq!(failures_in_db(&db), (LOCK_AFTER, true, LOCK_AFTER));
}

#[test]
fn pins_are_stored_as_salted_argon2id_hashes() {
    let db = TestDb::seeded();
    let conn = db.conn();
    let hashes: Vec<String> = conn
        .prepare("SELECT pin_hash FROM staff ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("hashes");
    assert_eq!(hashes.len(), 5);
    for hash in &hashes {
        assert!(hash.starts_with("$argon2id$v=19$"), "not argon2id: {hash}");
        assert!(!hash.contains(PIN));
    }
    // Everyone has the same PIN, yet no two hashes are equal: each is salted.
    let mut unique = hashes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), hashes.len());
    // A PIN set later (reset by a supervisor, changed by its owner) is hashed the same way.
    drop(conn);
    let mut conn = db.conn();
    staff::reset_pin(&mut conn, None, NOTARY, "24680", opening()).expect("reset");
    let notary = sign_in_with(&mut conn, NOTARY, "24680");
    staff::change_own_pin(&mut conn, &notary, "24680", "13579", opening() + 1).expect("change");
    let hash: String = conn
        .query_row(
            "SELECT pin_hash FROM staff WHERE code = ?1",
            [NOTARY],
            |r| r.get(0),
        )
        .expect("hash");
    assert!(
        hash.starts_with("$argon2id$v=19$") && !hash.contains("13579"),
        "{hash}"
    );
}

fn sign_in_with(
    conn: &mut rusqlite::Connection,
    code: &str,
    pin: &str,
) -> legaldesk::service::Actor {
    staff::sign_in(conn, code, pin, None, opening()).expect("sign in")
}
