//! The database paths on the generated history: loading the queue view (`load_view`), the
//! tally of one day (computed from the records, and the frozen snapshot `tally --date` reads
//! for a closed day) and of one year, and the commit of `call_next` / `pick_up_next` next to
//! a bare one-row commit (the fsync every durable write pays; SPEC §8 "durable").
//!
//! The commits run on a scratch copy of the history (target/bench/scratch.sqlite3).

use std::time::{Duration, Instant};

use chrono::Duration as Days;
use criterion::{criterion_group, Criterion};

use legaldesk::db;
use legaldesk::domain::codes::{Role, Service};
use legaldesk::service::intake::IntakeInput;
use legaldesk::service::settings;
use legaldesk::service::{intake, steps, write};
use legaldesk::tally;

#[path = "support/mod.rs"]
mod support;

fn reads(c: &mut Criterion) {
    let path = support::bench_db();
    let conn = db::open_for_reading(&path).expect("bench db");
    let settings = settings::load(&conn).expect("settings");
    let (_, now) = support::last_day(&conn, &settings);
    let state = support::queue_state(&conn, "W1", now);
    let visits: i64 = conn
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .expect("count");
    println!("bench database: {} ({visits} visits)", path.display());
    c.bench_function("load_view/W1", |b| {
        b.iter(|| legaldesk::app::perform::load_view(&conn, &state, now).expect("load"))
    });
    let day = support::last_closed(&conn);
    c.bench_function("tally/day_computed", |b| {
        b.iter(|| tally::compute_range(&conn, &settings, day, day).expect("tally"))
    });
    c.bench_function("tally/day_report_closed", |b| {
        b.iter(|| tally::report(&conn, &settings, day, day).expect("tally"))
    });
    let mut group = c.benchmark_group("tally");
    group.sample_size(10);
    let year_ago = day - Days::days(364);
    group.bench_function("year_computed", |b| {
        b.iter(|| tally::compute_range(&conn, &settings, year_ago, day).expect("tally"))
    });
    group.finish();
}

fn commits(c: &mut Criterion) {
    let source = support::bench_db();
    let scratch = support::target_dir().join("scratch.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    // A consistent copy (the backup API, as `legaldesk backup` makes one).
    {
        let from = db::open_for_reading(&source).expect("source");
        from.backup(rusqlite::MAIN_DB, &scratch, None)
            .expect("copy history");
    }
    // The copy is a gigabyte of dirty pages: flush it now, or the first commits' fsyncs pay
    // for writing it back and the numbers measure the copy, not the commit.
    std::fs::File::open(&scratch)
        .and_then(|f| f.sync_all())
        .expect("sync the copy");
    let mut conn = db::open(&scratch).expect("scratch");
    let settings = settings::load(&conn).expect("settings");
    let desk = support::actor_at(&conn, "W1", Role::FrontDesk);
    let lawyer = support::actor_at(&conn, "W2", Role::DutyLawyer);
    let mut now = legaldesk::domain::clock::now();
    let issue = |conn: &mut rusqlite::Connection, service: Service, now: i64| {
        let input = IntakeInput {
            service,
            name: "测试".into(),
            ..IntakeInput::default()
        };
        intake::issue_ticket(conn, &desk, &input, &settings, now).expect("issue");
    };
    // Only the commit of the call is timed; the ticket it takes is issued before, untimed.
    c.bench_function("commit/bare_one_row", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters {
                let start = Instant::now();
                write(&mut conn, |tx| {
                    tx.execute("INSERT INTO settings (key, value) VALUES ('bench_probe', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [i.to_string()])?;
                    Ok(())
                })
                .expect("commit");
                total += start.elapsed();
            }
            total
        })
    });
    c.bench_function("commit/call_next", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                now += 1;
                issue(&mut conn, Service::Consult, now);
                let start = Instant::now();
                steps::call_next(&mut conn, &desk, &settings, now).expect("call");
                total += start.elapsed();
            }
            total
        })
    });
    c.bench_function("commit/pick_up_next", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                now += 1;
                issue(&mut conn, Service::LegalAid, now);
                let start = Instant::now();
                steps::pick_up_next(&mut conn, &lawyer, &settings, now).expect("pick up");
                total += start.elapsed();
            }
            total
        })
    });
    drop(conn);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
}

criterion_group!(hall, reads, commits);

fn main() {
    hall();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
