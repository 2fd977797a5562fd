//! `legaldesk demo [--days N] [--per-day M] [--seed S] [--until D]`: a synthetic history for
//! trying the program out and for the benchmarks (see `crate::demo`).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use super::tally::{db_error, parse_date};
use super::CommandResult;
use crate::db;
use crate::demo::{self, Options};
use crate::domain::clock;
use crate::i18n::cli::CliText;
use crate::i18n::{Lang, Words};
use crate::service::settings;

pub fn demo(
    path: &Path,
    days: u32,
    per_day: u32,
    seed: u64,
    until: Option<&str>,
    lang: Lang,
) -> CommandResult {
    let until = until.map(|d| parse_date(d, "--until", lang)).transpose()?;
    let mut conn = db::open(path).map_err(|e| e.message(lang))?;
    let settings = settings::load(&conn).map_err(|e| db_error(e, lang))?;
    let today = settings.zone.business_date(clock::now());
    let options = Options {
        days,
        per_day,
        seed,
        until: until.unwrap_or(today),
        today,
    };
    let started = Instant::now();
    let mut stderr = std::io::stderr();
    let mut last_year = None;
    let summary = demo::generate(&mut conn, &options, |p| {
        // One line per year of history (and the last day), so a long run shows it is alive.
        let year = chrono::Datelike::year(&p.date);
        if last_year != Some(year) || p.done_days == p.days {
            last_year = Some(year);
            let progress = CliText::DemoProgress {
                date: p.date,
                done: p.done_days,
                days: p.days,
                visits: p.visits,
            };
            let _ = writeln!(stderr, "{}", progress.text(lang));
        }
    })
    .map_err(|e| e.message(lang))?;
    let seconds = started.elapsed().as_secs_f64();
    let done = CliText::DemoDone {
        first: summary.first,
        last: summary.last,
        visits: summary.visits,
        steps: summary.steps,
        closed_days: summary.closed_days,
        today_open: summary.last_left_open,
        windows: summary.windows,
        seconds,
    };
    println!("{}", done.text(lang));
    let accounts = CliText::DemoAccounts {
        pin: demo::DEMO_PIN,
        staff: summary.staff.join(" "),
    };
    println!("{}", accounts.text(lang));
    Ok(())
}
