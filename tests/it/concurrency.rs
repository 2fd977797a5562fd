//! Many terminal processes on one database file (SPEC §3, §8): real OS processes, released
//! together by a start barrier, pressing "call next" / "pick up" as fast as they can. Every
//! ticket must be claimed exactly once, and nobody may see a busy or locked error.
//!
//! The test binary re-executes itself as the worker: `worker_entry` does nothing unless
//! `LEGALDESK_WORKER_DB` is set.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use legaldesk::domain::codes::{Role, Service};
use legaldesk::service::{staff, steps, ServiceError};

const ENV_DB: &str = "LEGALDESK_WORKER_DB";
const ENV_CODE: &str = "LEGALDESK_WORKER_CODE";
const ENV_WINDOW: &str = "LEGALDESK_WORKER_WINDOW";
const ENV_MODE: &str = "LEGALDESK_WORKER_MODE";
const ENV_NOW: &str = "LEGALDESK_WORKER_NOW";
const ENV_STEPS: &str = "LEGALDESK_WORKER_STEPS";
const ENV_BARRIER: &str = "LEGALDESK_WORKER_BARRIER";

/// How long anything here may take before the test gives up.
/// Starts every result line a worker prints (libtest may print its own text before the first).
const MARK: &str = "@@worker ";

const DEADLINE: Duration = Duration::from_secs(90);

fn wait_for_file(path: &Path, deadline: Duration) -> bool {
    let until = Instant::now() + deadline;
    while Instant::now() < until {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

/// The worker: signs in, reports ready, waits for the start file, then works and prints one
/// line per result, after `MARK`: `CLAIM <step_id>`, `EMPTY`, `TAKEN <step_id>`, `WRONG <step_id>`,
/// `ERROR <debug>`.
#[test]
#[ignore = "child process: its parent test launches it with --ignored --exact"]
fn worker_entry() {
    let Some(db_path) = std::env::var_os(ENV_DB) else {
        return;
    };
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} not set"));
    let code = var(ENV_CODE);
    let window = var(ENV_WINDOW);
    let mode = var(ENV_MODE);
    let now: i64 = var(ENV_NOW).parse().expect("now");
    let barrier = PathBuf::from(var(ENV_BARRIER));
    if mode == "first_start" {
        // Every terminal starts at once on a database that does not exist yet.
        std::fs::write(barrier.with_extension(format!("ready-{code}")), b"").expect("ready file");
        assert!(wait_for_file(&barrier, DEADLINE), "no start signal");
        let opened = legaldesk::db::open(Path::new(&db_path))
            .map_err(|e| format!("{e:?}"))
            .and_then(|mut conn| {
                staff::ensure_default_windows(&mut conn, now).map_err(|e| format!("{e:?}"))?;
                let version: i64 = conn
                    .query_row("PRAGMA user_version", [], |r| r.get(0))
                    .map_err(|e| e.to_string())?;
                Ok(version)
            });
        match opened {
            Ok(version) => println!("{MARK}OPENED {version}"),
            Err(e) => println!("{MARK}ERROR {e}"),
        }
        return;
    }
    let mut conn = legaldesk::db::open(Path::new(&db_path)).expect("worker opens the database");
    let actor = staff::sign_in(&mut conn, &code, PIN, Some(&window), now).expect("worker signs in");
    std::fs::write(barrier.with_extension(format!("ready-{code}")), b"").expect("ready file");
    assert!(wait_for_file(&barrier, DEADLINE), "no start signal");
    let settings = settings();
    match mode.as_str() {
        "drain" => {
            let mut errors = 0;
            loop {
                let result = if actor.role.desk_service().is_some() {
                    steps::pick_up_next(&mut conn, &actor, &settings, now)
                } else {
                    steps::call_next(&mut conn, &actor, &settings, now)
                };
                match result {
                    Ok(claimed) => println!("{MARK}CLAIM {}", claimed.step_id),
                    Err(ServiceError::QueueEmpty) => {
                        println!("{MARK}EMPTY");
                        break;
                    }
                    Err(e) => {
                        println!("{MARK}ERROR {e:?}");
                        errors += 1;
                        if errors > 20 {
                            break;
                        }
                    }
                }
            }
        }
        "same_step" => {
            for step in var(ENV_STEPS)
                .split(',')
                .map(|s| s.parse::<i64>().expect("step id"))
            {
                match steps::call_step(&mut conn, &actor, step, now) {
                    Ok(claimed) => println!("{MARK}CLAIM {}", claimed.step_id),
                    Err(ServiceError::AlreadyTaken) => println!("{MARK}TAKEN {step}"),
                    Err(ServiceError::WrongState(_)) => println!("{MARK}WRONG {step}"),
                    Err(e) => println!("{MARK}ERROR {e:?}"),
                }
            }
        }
        other => panic!("unknown worker mode {other}"),
    }
}

struct Worker {
    code: String,
    child: Child,
}

struct Outcome {
    code: String,
    lines: Vec<String>,
    /// Everything the worker printed, for failure messages.
    raw: String,
}

/// Starts one worker process per (staff code, window), all released at once.
fn run_workers(
    test: &TestDb,
    workers: &[(&str, &str)],
    mode: &str,
    now: i64,
    steps: &str,
) -> Vec<Outcome> {
    let barrier = test.dir.path().join("go");
    let exe = std::env::current_exe().expect("current exe");
    let mut running: Vec<Worker> = workers
        .iter()
        .map(|(code, window)| {
            let child = Command::new(&exe)
                .args([
                    "--ignored",
                    "--exact",
                    "concurrency::worker_entry",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(ENV_DB, &test.path)
                .env(ENV_CODE, code)
                .env(ENV_WINDOW, window)
                .env(ENV_MODE, mode)
                .env(ENV_NOW, now.to_string())
                .env(ENV_STEPS, steps)
                .env(ENV_BARRIER, &barrier)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn worker");
            Worker {
                code: code.to_string(),
                child,
            }
        })
        .collect();
    // Release them together once every one has signed in.
    let until = Instant::now() + DEADLINE;
    for worker in &mut running {
        let ready = barrier.with_extension(format!("ready-{}", worker.code));
        while !ready.exists() {
            if let Ok(Some(status)) = worker.child.try_wait() {
                panic!(
                    "worker {} exited before it was ready: {status}",
                    worker.code
                );
            }
            assert!(
                Instant::now() < until,
                "worker {} never became ready",
                worker.code
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    std::fs::write(&barrier, b"").expect("start file");
    let started = Instant::now();
    let outcomes: Vec<Outcome> = running
        .into_iter()
        .map(|worker| {
            let output = worker.child.wait_with_output().expect("worker output");
            let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
            assert!(
                output.status.success(),
                "worker {} failed: {}\nstdout:\n{stdout}\nstderr:\n{}",
                worker.code,
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
            let lines = stdout
                .lines()
                .filter_map(|l| l.find(MARK).map(|i| l[i + MARK.len()..].to_string()))
                .collect();
            let raw = format!(
                "{stdout}\nstderr:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            Outcome {
                code: worker.code,
                lines,
                raw,
            }
        })
        .collect();
    println!(
        "{} workers ({mode}) finished in {:?}",
        workers.len(),
        started.elapsed()
    );
    std::fs::remove_file(&barrier).ok();
    for (code, _) in workers {
        std::fs::remove_file(barrier.with_extension(format!("ready-{code}"))).ok();
    }
    outcomes
}

fn claims(outcome: &Outcome) -> Vec<i64> {
    outcome
        .lines
        .iter()
        .filter_map(|l| l.strip_prefix("CLAIM "))
        .map(|n| n.parse().expect("step id"))
        .collect()
}

fn errors(outcomes: &[Outcome]) -> Vec<String> {
    outcomes
        .iter()
        .flat_map(|o| {
            o.lines
                .iter()
                .filter(|l| l.starts_with("ERROR"))
                .map(move |l| format!("{}: {l}", o.code))
        })
        .collect()
}

/// Adds staff with `PIN`, one per code.
fn add_staff(test: &TestDb, people: &[(&str, Role)]) {
    let mut conn = test.conn();
    for (code, role) in people {
        staff::add_staff(&mut conn, None, code, code, *role, PIN, opening() - 3600)
            .expect("add staff");
    }
}

#[test]
fn every_ticket_is_claimed_exactly_once_by_many_processes() {
    let test = TestDb::seeded();
    // A mixed window so that both queues are contended by different roles.
    {
        let mut conn = test.conn();
        staff::add_window(
            &mut conn,
            None,
            "W9",
            &[Service::Consult, Service::LegalAid],
            opening() - 3600,
        )
        .unwrap();
    }
    let front: Vec<String> = (1..=5).map(|i| format!("F{i:02}")).collect();
    let lawyers: Vec<String> = (1..=3).map(|i| format!("L{i:02}")).collect();
    let bosses: Vec<String> = (1..=2).map(|i| format!("B{i:02}")).collect();
    let mut people: Vec<(&str, Role)> = Vec::new();
    people.extend(front.iter().map(|c| (c.as_str(), Role::FrontDesk)));
    people.extend(lawyers.iter().map(|c| (c.as_str(), Role::DutyLawyer)));
    people.extend(bosses.iter().map(|c| (c.as_str(), Role::Supervisor)));
    add_staff(&test, &people);

    // 400 consultations and 200 legal-aid steps (100 straight from intake, 100 referred on
    // from a consultation, so they carry step 2 of the same ticket).
    let t = opening();
    let mut expected_consult = BTreeSet::new();
    let mut expected_aid = BTreeSet::new();
    {
        let mut conn = test.conn();
        let desk = front_desk(&mut conn);
        for i in 0..400 {
            let issued = issue(
                &mut conn,
                &desk,
                Service::Consult,
                &format!("来访{i}"),
                t + i,
            );
            expected_consult.insert(issued.step_id);
        }
        for i in 0..100 {
            let issued = issue(
                &mut conn,
                &desk,
                Service::LegalAid,
                &format!("援助{i}"),
                t + 400 + i,
            );
            expected_aid.insert(issued.step_id);
        }
        let referral = legaldesk::service::steps::Finish {
            refer_to: Some(Service::LegalAid),
            note: "转法律援助".into(),
            ..legaldesk::service::steps::Finish::with_outcome(
                legaldesk::domain::codes::Outcome::Referred,
            )
        };
        for i in 0..100 {
            let issued = issue(
                &mut conn,
                &desk,
                Service::Drafting,
                &format!("转介{i}"),
                t + 500 + i,
            );
            steps::call_step(&mut conn, &desk, issued.step_id, t + 600 + i).unwrap();
            let next = steps::finish(
                &mut conn,
                &desk,
                issued.step_id,
                &referral,
                &settings(),
                t + 600 + i,
            )
            .unwrap()
            .unwrap();
            expected_aid.insert(next);
        }
    }
    assert_eq!((expected_consult.len(), expected_aid.len()), (400, 200));

    let mut workers: Vec<(&str, &str)> = Vec::new();
    workers.extend(front.iter().map(|c| (c.as_str(), "W1")));
    workers.extend(lawyers.iter().map(|c| (c.as_str(), "W2")));
    workers.extend(bosses.iter().map(|c| (c.as_str(), "W9")));
    assert!(workers.len() >= 8);
    let outcomes = run_workers(&test, &workers, "drain", t + 3600, "");

    assert_eq!(
        errors(&outcomes),
        Vec::<String>::new(),
        "no worker may see a busy, locked or other error"
    );
    let mut owner: BTreeMap<i64, String> = BTreeMap::new();
    for outcome in &outcomes {
        assert_eq!(
            outcome.lines.last().map(String::as_str),
            Some("EMPTY"),
            "{} did not drain to an empty queue; it printed:\n{}",
            outcome.code,
            outcome.raw
        );
        for step in claims(outcome) {
            if let Some(first) = owner.insert(step, outcome.code.clone()) {
                panic!(
                    "step {step} claimed twice: by {first} and by {}",
                    outcome.code
                );
            }
        }
    }
    let all: BTreeSet<i64> = expected_consult.union(&expected_aid).copied().collect();
    let claimed: BTreeSet<i64> = owner.keys().copied().collect();
    assert_eq!(
        claimed.len(),
        all.len(),
        "claimed {} of {}",
        claimed.len(),
        all.len()
    );
    assert_eq!(claimed, all, "the union of the claims is every ticket");
    // Each claimed step went to a role that serves it.
    for (step, code) in &owner {
        if code.starts_with('F') {
            assert!(
                expected_consult.contains(step),
                "front desk {code} took legal-aid step {step}"
            );
        }
        if code.starts_with('L') {
            assert!(
                expected_aid.contains(step),
                "duty lawyer {code} took consult step {step}"
            );
        }
    }
    let per_worker: Vec<(String, usize)> = outcomes
        .iter()
        .map(|o| (o.code.clone(), claims(o).len()))
        .collect();
    println!("claims per worker: {per_worker:?}");
    // Sanity of the set-up: the claims really were spread over competing processes. (SQLite's
    // busy handler is not fair, so some workers may get nothing in a hot loop; that is fine.)
    assert!(
        per_worker.iter().filter(|(_, n)| *n > 0).count() >= 2,
        "only one process ever claimed: {per_worker:?}"
    );

    // The database agrees: every step called once, by the worker that printed it, and the
    // audit has one claim row per step and an intact chain.
    let conn = test.conn();
    assert_eq!(count_where(&conn, "status = 'waiting'"), 0);
    let mut stmt = conn
        .prepare("SELECT s.id, st.code FROM steps s JOIN staff st ON st.id = s.staff_id WHERE s.status = 'called' AND s.called_at = ?1")
        .unwrap();
    let in_db: BTreeMap<i64, String> = stmt
        .query_map([t + 3600], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(in_db, owner);
    let claim_rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action IN ('call', 'pick_up') AND at = ?1",
            [t + 3600],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(claim_rows, 600);
    assert_eq!(
        legaldesk::service::audit::first_broken_link(&conn).unwrap(),
        None
    );
}

fn count_where(conn: &rusqlite::Connection, condition: &str) -> i64 {
    conn.query_row(
        &format!("SELECT count(*) FROM steps WHERE {condition}"),
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn the_same_step_called_from_every_process_goes_to_exactly_one() {
    let test = TestDb::seeded();
    let codes: Vec<String> = (1..=8).map(|i| format!("C{i:02}")).collect();
    let people: Vec<(&str, Role)> = codes
        .iter()
        .map(|c| (c.as_str(), Role::FrontDesk))
        .collect();
    add_staff(&test, &people);
    let t = opening();
    let mut chosen = Vec::new();
    {
        let mut conn = test.conn();
        let desk = front_desk(&mut conn);
        for i in 0..30 {
            chosen.push(
                issue(
                    &mut conn,
                    &desk,
                    Service::Consult,
                    &format!("来访{i}"),
                    t + i,
                )
                .step_id,
            );
        }
    }
    let list: Vec<String> = chosen.iter().map(i64::to_string).collect();
    let workers: Vec<(&str, &str)> = codes.iter().map(|c| (c.as_str(), "W1")).collect();
    let outcomes = run_workers(&test, &workers, "same_step", t + 600, &list.join(","));

    assert_eq!(errors(&outcomes), Vec::<String>::new());
    for step in &chosen {
        let mut winners = Vec::new();
        let mut losers = 0;
        for outcome in &outcomes {
            for line in &outcome.lines {
                let (kind, id) = line.split_once(' ').unwrap_or((line, ""));
                if id.parse::<i64>().ok() != Some(*step) {
                    continue;
                }
                match kind {
                    "CLAIM" => winners.push(outcome.code.clone()),
                    "TAKEN" | "WRONG" => losers += 1,
                    other => panic!("unexpected {other}"),
                }
            }
        }
        assert_eq!(winners.len(), 1, "step {step}: winners {winners:?}");
        assert_eq!(
            losers,
            codes.len() - 1,
            "step {step}: every other process was refused"
        );
        let conn = test.conn();
        let (status, who): (String, String) = conn
            .query_row("SELECT s.status, st.code FROM steps s JOIN staff st ON st.id = s.staff_id WHERE s.id = ?1", [step], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(
            (status.as_str(), who.as_str()),
            ("called", winners[0].as_str())
        );
    }
}

#[test]
fn many_terminals_starting_at_once_create_the_database_once() {
    let dir = tempfile::Builder::new()
        .prefix("legaldesk-first-")
        .tempdir()
        .expect("tempdir");
    let path = dir.path().join("new.sqlite3");
    // `run_workers` needs a TestDb only for its directory and path.
    let test = TestDb { dir, path };
    assert!(!test.path.exists());
    let codes: Vec<String> = (1..=8).map(|i| format!("T{i:02}")).collect();
    let workers: Vec<(&str, &str)> = codes.iter().map(|c| (c.as_str(), "")).collect();
    let outcomes = run_workers(&test, &workers, "first_start", opening(), "");
    assert_eq!(
        errors(&outcomes),
        Vec::<String>::new(),
        "a terminal failed to open the new database"
    );
    for outcome in &outcomes {
        assert_eq!(
            outcome.lines,
            [format!("OPENED {}", legaldesk::db::LATEST_VERSION)],
            "{}: {}",
            outcome.code,
            outcome.raw
        );
    }
    let conn = test.conn();
    let windows: Vec<String> = conn
        .prepare("SELECT code FROM windows ORDER BY code")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(windows, ["W1", "W2", "W3", "W4"]);
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'steps'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 1);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}
