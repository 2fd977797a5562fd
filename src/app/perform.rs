//! Carries out effects against the database and turns the results into messages. This is the
//! only place where the application touches the service layer.

use rusqlite::Connection;

use super::effect::{Effect, Outcome};
use chrono::NaiveDate;

use super::state::{State, TallyView, ViewData};
use crate::domain::codes::{Service, StepStatus};
use crate::i18n::Lang;
use crate::print::{self, Format, PrintJob, Spooler};
use crate::service::{self, queries, staff, steps, ServiceError};
use crate::service::{close, settings};
use crate::tally;

/// Work running on its own thread (a print job, the integrity check after a day close); the
/// loop collects its outcome when it ends.
pub type Job = std::thread::JoinHandle<Outcome>;

/// Runs one effect. `Refresh` is handled by `load_view`, so it returns nothing here.
/// Background work is started here and handed to the loop through `jobs`.
pub fn perform(
    conn: &mut Connection,
    state: &State,
    effect: Effect,
    now: i64,
    jobs: &mut Vec<Job>,
) -> Option<Outcome> {
    let lang = state.lang;
    let fail = |e: ServiceError| Outcome::Failed(e.message(lang));
    let actor = state.actor.as_ref();
    let outcome = match effect {
        Effect::Refresh => return None,
        Effect::Appointment(effect) => Outcome::Appointment(super::appointments::perform::perform(
            conn, state, effect, now,
        )),
        Effect::CreateSupervisor { code, name, pin } => {
            match staff::create_first_supervisor(conn, &code, &name, &pin, now) {
                Ok(_) => Outcome::SupervisorCreated,
                Err(e) => fail(e),
            }
        }
        Effect::SignIn { code, pin, window } => {
            match staff::sign_in(conn, &code, &pin, window.as_deref(), now) {
                Ok(actor) => {
                    let window = actor
                        .window_id
                        .and_then(|id| staff::window(conn, id).ok().flatten());
                    Outcome::SignedIn(actor, window)
                }
                Err(e) => fail(e),
            }
        }
        Effect::SignOut => {
            if let Some(actor) = actor {
                let _ = staff::sign_out(conn, actor, now);
            }
            Outcome::SignedOut
        }
        Effect::Reauthenticate { pin } => match staff::reauthenticate(conn, actor?, &pin, now) {
            Ok(()) => Outcome::Unlocked,
            Err(e) => fail(e),
        },
        Effect::Issue(input) => {
            let actor = actor?;
            match service::intake::issue_ticket(conn, actor, &input, &state.settings, now) {
                Ok(issued) => Outcome::Issued(issued),
                Err(ServiceError::Invalid("id_check")) => {
                    Outcome::IdWarning(id_warning(&input.id_number, lang))
                }
                Err(e) => fail(e),
            }
        }
        // Calling and picking up are one path, so the conflict hint is never skipped.
        Effect::CallNext => pick_up(conn, state, actor?, None, false, now),
        Effect::PickUp { step_id, confirmed } => {
            let actor = actor?;
            pick_up(conn, state, actor, step_id, confirmed, now)
        }
        Effect::CallStep(step_id) => pick_up(conn, state, actor?, Some(step_id), false, now),
        Effect::Recall(id) => done(
            steps::recall(conn, actor?, id, now),
            lang.pick("已重呼", "called again"),
            lang,
        ),
        Effect::Start(id) => done(
            steps::start(conn, actor?, id, now),
            lang.pick("开始办理", "service started"),
            lang,
        ),
        Effect::ToggleHold(id) => match steps::toggle_hold(conn, actor?, id, now) {
            Ok(StepStatus::OnHold) => Outcome::Done(lang.pick("已暂挂", "on hold").into()),
            Ok(_) => Outcome::Done(lang.pick("已恢复办理", "resumed").into()),
            Err(e) => fail(e),
        },
        Effect::NoShow(id) => done(
            steps::mark_no_show(conn, actor?, id, now),
            lang.pick("已标记过号", "marked as no-show"),
            lang,
        ),
        Effect::Requeue(id) => done(
            steps::requeue(conn, actor?, id, &state.settings, now),
            lang.pick("已重新排队（排在队尾）", "back in the queue, at the end"),
            lang,
        ),
        Effect::Cancel(id) => done(
            steps::cancel(conn, actor?, id, now),
            lang.pick("已记为离开未办", "recorded as left without service"),
            lang,
        ),
        Effect::LoadTally { from, to } => match load_tally(conn, state, from, to) {
            Ok(view) => Outcome::Tally(view),
            Err(e) => fail(ServiceError::Db(e)),
        },
        Effect::PrintTally { from, to } => match start_print(conn, state, from, to, now, jobs) {
            Ok(()) => Outcome::Done(
                lang.pick(
                    "已送往打印机，打印结果稍后显示",
                    "sent to the printer; the result shows here when done",
                )
                .into(),
            ),
            Err(text) => Outcome::Failed(text),
        },
        Effect::AskCloseDay(date) => {
            if let Err(e) = service::authorize(actor?, service::Command::CloseDay) {
                return Some(fail(e));
            }
            match close::open_tickets(conn, date) {
                Ok(open) => Outcome::ConfirmClose { date, open },
                Err(e) => fail(ServiceError::Db(e)),
            }
        }
        Effect::CloseDay(date) => match close::close_day(conn, actor, date, now) {
            Ok(report) => {
                start_integrity_check(conn, lang, jobs);
                let text = match lang {
                    Lang::Zh => format!(
                        "{date} 已日结（{} 个号记为未办结），统计已存档",
                        report.made_unfinished.len()
                    ),
                    Lang::En => format!(
                        "{date} closed ({} tickets left unfinished); the tally is filed",
                        report.made_unfinished.len()
                    ),
                };
                Outcome::Closed { date, text }
            }
            Err(e) => fail(e),
        },
        Effect::Unmask { step_id, reason } => {
            match service::unmask::unmask_step(conn, actor?, step_id, &reason, now) {
                Ok(record) => Outcome::Unmasked(Box::new(record)),
                Err(e) => fail(e),
            }
        }
        Effect::ChangePin { current, new } => done(
            staff::change_own_pin(conn, actor?, &current, &new, now),
            lang.pick("密码已修改", "PIN changed"),
            lang,
        ),
        Effect::Finish(id, finish) => {
            match steps::finish(conn, actor?, id, &finish, &state.settings, now) {
                Ok(Some(_)) => Outcome::Done(
                    lang.pick(
                        "已办结，已转至下一环节（同一票号）",
                        "done; passed on with the same ticket",
                    )
                    .into(),
                ),
                Ok(None) => Outcome::Done(lang.pick("已办结", "done").into()),
                Err(e) => fail(e),
            }
        }
    };
    Some(outcome)
}

fn done(result: Result<(), ServiceError>, text: &str, lang: Lang) -> Outcome {
    match result {
        Ok(()) => Outcome::Done(text.into()),
        Err(e) => Outcome::Failed(e.message(lang)),
    }
}

fn called_text(ticket: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已叫号 {ticket}"),
        Lang::En => format!("called {ticket}"),
    }
}

fn id_warning(number: &str, lang: Lang) -> String {
    use crate::domain::idcard::{normalise, validate, IdProblem};
    let problem = validate(&normalise(number)).err();
    let detail = match (problem, lang) {
        (Some(IdProblem::CheckDigit(c)), Lang::Zh) => format!("校验位应为 {c}"),
        (Some(IdProblem::CheckDigit(c)), Lang::En) => format!("the check character should be {c}"),
        (Some(IdProblem::BirthDate), _) => lang
            .pick("出生日期不存在", "the birth date does not exist")
            .into(),
        _ => lang
            .pick("应为 18 位", "it should have 18 characters")
            .into(),
    };
    match lang {
        Lang::Zh => format!("身份证号校验未通过（{detail}）。核对后再按 F2 仍按此号登记"),
        Lang::En => format!(
            "the ID number fails its check ({detail}). Check it, or press F2 again to keep it"
        ),
    }
}

/// Calling or picking up: a conflict hint stops it first, unless already confirmed. The ticket
/// checked is exactly the ticket claimed; if another desk takes it first, the next one is
/// checked in turn.
fn pick_up(
    conn: &mut Connection,
    state: &State,
    actor: &service::Actor,
    step_id: Option<i64>,
    confirmed: bool,
    now: i64,
) -> Outcome {
    let lang = state.lang;
    let since = (state.settings.zone.business_date(now) - chrono::Duration::days(365))
        .format("%Y-%m-%d")
        .to_string();
    let mut chosen = step_id;
    // A few rounds at most: each lost race means another desk took the ticket.
    for _ in 0..5 {
        let candidate = match chosen {
            Some(id) => id,
            None => match steps::peek_next(conn, actor, &state.settings, now) {
                Ok(Some(id)) => id,
                Ok(None) => return Outcome::Failed(ServiceError::QueueEmpty.message(lang)),
                Err(e) => return Outcome::Failed(e.message(lang)),
            },
        };
        if !confirmed {
            match queries::conflict_hints(conn, candidate, &since) {
                Ok(hints) if !hints.is_empty() => {
                    return Outcome::Conflict {
                        step_id: candidate,
                        hints,
                    }
                }
                Ok(_) => {}
                Err(e) => return Outcome::Failed(ServiceError::Db(e).message(lang)),
            }
        }
        match steps::call_step(conn, actor, candidate, now) {
            Ok(claimed) if state.is_desk() => {
                return Outcome::Done(match lang {
                    Lang::Zh => format!("已接办 {}", claimed.ticket),
                    Lang::En => format!("picked up {}", claimed.ticket),
                })
            }
            Ok(claimed) => return Outcome::Done(called_text(&claimed.ticket, lang)),
            // Someone else was quicker with the next ticket: look again.
            Err(ServiceError::AlreadyTaken) if step_id.is_none() => chosen = None,
            Err(e) => return Outcome::Failed(e.message(lang)),
        }
    }
    Outcome::Failed(ServiceError::AlreadyTaken.message(lang))
}

/// The tally of `from..=to` as the A4 text in the current language, and a single day's
/// still-open tickets.
pub fn load_tally(
    conn: &Connection,
    state: &State,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<TallyView> {
    let (figures, header) = tally::report(conn, &state.settings, from, to)?;
    let text = print::render(&figures, Format::A4, state.lang, &header);
    let open = if from == to {
        close::open_tickets(conn, from)?
    } else {
        Vec::new()
    };
    Ok(TallyView {
        from,
        to,
        lines: text.lines().map(str::to_owned).collect(),
        open,
        closed: figures.closed,
        scroll: 0,
        range: None,
    })
}

/// Renders the A4 tally, starts the spooler on its own thread and audits the print.
fn start_print(
    conn: &mut Connection,
    state: &State,
    from: NaiveDate,
    to: NaiveDate,
    now: i64,
    jobs: &mut Vec<Job>,
) -> Result<(), String> {
    let lang = state.lang;
    let (figures, header) = tally::report(conn, &state.settings, from, to)
        .map_err(|e| ServiceError::Db(e).message(lang))?;
    // The hall's printer decides the layout and encoding (settings `print_format`, e.g.
    // receipt58, and `print_encoding`, e.g. gb18030); A4 in UTF-8 otherwise.
    let setting = |key: &str| settings::get(conn, key).ok().flatten();
    let format = setting("print_format")
        .as_deref()
        .and_then(Format::parse)
        .filter(|f| f.width().is_some())
        .unwrap_or(Format::A4);
    let encoding = setting("print_encoding")
        .as_deref()
        .and_then(print::Encoding::parse)
        .unwrap_or(print::Encoding::Utf8);
    let text = print::render(&figures, format, lang, &header);
    let data = print::encode(&text, encoding).map_err(|e| e.message(lang))?;
    let spooler = Spooler::configured(
        setting("print_command").as_deref(),
        setting("printer").as_deref(),
    )
    .map_err(|e| e.message(lang))?;
    close::record_print(conn, state.actor.as_ref(), from, to, "text", now)
        .map_err(|e| e.message(lang))?;
    let job = PrintJob {
        printer: Box::new(spooler),
        data,
    };
    jobs.push(std::thread::spawn(move || {
        Outcome::Background(
            job.run()
                .map(|()| lang.pick("打印完成", "printed").into())
                .map_err(|e| e.message(lang)),
        )
    }));
    Ok(())
}

/// The full integrity check, on its own read-only connection, after a day close: the one
/// moment a long check is expected, and it never slows the hall's terminals at start-up.
fn start_integrity_check(conn: &Connection, lang: Lang, jobs: &mut Vec<Job>) {
    let Some(path) = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
    else {
        return;
    };
    let results = crate::db::integrity::check_in_background(path);
    jobs.push(std::thread::spawn(move || {
        Outcome::Background(match results.recv() {
            Ok(Ok(report)) if report.is_ok() => Ok(report.summary(lang)),
            Ok(Ok(report)) => Err(report.problems(lang).join("; ")),
            Ok(Err(e)) => Err(e.message(lang)),
            Err(_) => Err(lang
                .pick("数据库检查未能完成", "the database check did not finish")
                .into()),
        })
    }));
}

/// Loads everything the window-queue view shows.
pub fn load_view(conn: &Connection, state: &State, now: i64) -> rusqlite::Result<ViewData> {
    let Some(actor) = state.actor.as_ref() else {
        return Ok(ViewData::default());
    };
    let date = state
        .settings
        .zone
        .business_date(now)
        .format("%Y-%m-%d")
        .to_string();
    let services: Vec<Service> = match (&actor.role.desk_service(), &state.window) {
        (Some(desk), _) => vec![*desk],
        (None, Some(window)) => window
            .services
            .iter()
            .copied()
            .filter(|s| service::permissions::allowed(actor.role, service::Command::ServeStep(*s)))
            .collect(),
        (None, None) => Service::ALL.to_vec(),
    };
    // A denied queue shows as empty: the screen never gets rows its user may not see.
    let queue = match queries::visible_queue(
        conn,
        actor,
        &services,
        &date,
        now,
        state.settings.promote_after_min,
    ) {
        Ok(rows) => rows,
        Err(ServiceError::Db(e)) => return Err(e),
        Err(_) => Vec::new(),
    };
    let mine = match actor.window_id {
        Some(id) => queries::window_tickets(conn, id)?,
        None => Vec::new(),
    };
    let hall = queries::hall_summary(conn, &date, now)?;
    let decisions = if services.contains(&Service::LegalAid) {
        Some(queries::pending_decisions(conn, &date)?)
    } else {
        None
    };
    Ok(ViewData {
        date,
        queue,
        mine,
        hall,
        decisions,
        services,
    })
}
