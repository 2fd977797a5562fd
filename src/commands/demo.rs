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
use crate::i18n::Lang;
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
            let _ = match lang {
                Lang::Zh => writeln!(
                    stderr,
                    "  {} 第 {}/{} 天，已生成 {} 人次",
                    p.date, p.done_days, p.days, p.visits
                ),
                Lang::En => writeln!(
                    stderr,
                    "  {} day {}/{}, {} visits so far",
                    p.date, p.done_days, p.days, p.visits
                ),
            };
        }
    })
    .map_err(|e| e.message(lang))?;
    let seconds = started.elapsed().as_secs_f64();
    let staff = summary.staff.join(" ");
    match lang {
        Lang::Zh => {
            println!(
                "已生成演示数据 {} 至 {}：来访 {} 人次、服务环节 {} 个，{} 天已日结{}，窗口 {} 个，用时 {seconds:.1} 秒",
                summary.first,
                summary.last,
                summary.visits,
                summary.steps,
                summary.closed_days,
                if summary.last_left_open { "（今天未日结）" } else { "" },
                summary.windows
            );
            println!("演示账号（PIN 均为 {}）：{staff}", demo::DEMO_PIN);
        }
        Lang::En => {
            println!(
                "generated a demo history {} to {}: {} visits, {} steps, {} days closed{}, {} windows, in {seconds:.1} s",
                summary.first,
                summary.last,
                summary.visits,
                summary.steps,
                summary.closed_days,
                if summary.last_left_open { " (today left open)" } else { "" },
                summary.windows
            );
            println!("demo accounts (PIN {} for all): {staff}", demo::DEMO_PIN);
        }
    }
    Ok(())
}
