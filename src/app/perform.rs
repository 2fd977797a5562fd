//! Carries out effects: each `Effect` becomes a service call, and its result comes back to
//! `update` as a message. (The legal-aid screen's effects are in `aid_perform.rs`.)

use rusqlite::Connection;

use super::effect::{Effect, Outcome};
use chrono::NaiveDate;

use super::state::{State, TallyView, ViewData};
use crate::domain::codes::{Service, StepStatus};
use crate::i18n::followup::FollowUpText;
use crate::i18n::lookup::LookupText;
use crate::i18n::pause::PauseText;
use crate::i18n::status::{Message, StatusText};
use crate::i18n::visitor::VisitorText;
use crate::i18n::{Lang, Words};
use crate::print::{self, Format, PrintError, PrintJob, Spooler};
use crate::service::pickup::{self, PickUp};
use crate::service::{self, queries, staff, steps, Problem, ServiceError};
use crate::service::{close, printer};
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
    // The edit-visitor refusals stay typed: the screen adds the keys to press to their words.
    let fail = |e: ServiceError| match e {
        ServiceError::Visitor(text) => Outcome::Visitor(text),
        e => failed(e),
    };
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
                Err(ServiceError::Invalid(Problem::IdCheck)) => {
                    Outcome::IdWarning(id_warning(&input.id_number).into())
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
        Effect::Recall(id) => done(steps::recall(conn, actor?, id, now), StatusText::Recalled),
        Effect::Start(id) => done(steps::start(conn, actor?, id, now), StatusText::Started),
        Effect::ToggleHold(id) => match steps::toggle_hold(conn, actor?, id, now) {
            Ok(StepStatus::OnHold) => Outcome::Done(StatusText::OnHold),
            Ok(_) => Outcome::Done(StatusText::Resumed),
            Err(e) => fail(e),
        },
        Effect::NoShow(id) => done(
            steps::mark_no_show(conn, actor?, id, now),
            StatusText::MarkedNoShow,
        ),
        Effect::Requeue(id) => done(
            steps::requeue(conn, actor?, id, &state.settings, now),
            StatusText::Requeued,
        ),
        Effect::Cancel(id) => done(
            steps::cancel(conn, actor?, id, now),
            StatusText::LeftBeforeService,
        ),
        Effect::LoadTally { from, to } => match load_tally(conn, state, from, to) {
            Ok(view) => Outcome::Tally(view),
            Err(e) => fail(ServiceError::Db(e)),
        },
        Effect::PrintTally { from, to } => match start_print(conn, state, from, to, now, jobs) {
            Ok(()) => Outcome::Done(StatusText::PrintSent),
            Err(text) => Outcome::Failed(text),
        },
        Effect::PrintAidNotice(id) => {
            super::aid_perform::print_notice(conn, state, actor?, id, now, jobs)
        }
        Effect::PrintSlip { step_id, reprint } => {
            return start_slip(conn, state, step_id, reprint, now, jobs)
        }
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
                let text = StatusText::DayClosed {
                    date,
                    unfinished: report.made_unfinished.len(),
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
        Effect::LoadAid => super::aid_perform::load(conn, state, actor?, now),
        Effect::Aid(op) => super::aid_perform::perform(conn, state, actor?, op, now),
        Effect::ChangePin { current, new } => done(
            staff::change_own_pin(conn, actor?, &current, &new, now),
            StatusText::PinChanged,
        ),
        Effect::LoadVisitor(step_id) => {
            match service::visitor::visitor_card(conn, actor?, step_id) {
                Ok(card) => Outcome::VisitorLoaded(Box::new(card)),
                Err(e) => fail(e),
            }
        }
        Effect::EditVisitor(step_id, edit) => {
            match service::visitor::edit_visitor(conn, actor?, step_id, &edit, now) {
                Ok(edited) => Outcome::Visitor(VisitorText::Saved {
                    ticket: edited.ticket,
                    fields: edited.fields,
                }),
                Err(e) => fail(e),
            }
        }
        Effect::LoadFollowUps => {
            let today = state.settings.zone.business_date(now);
            match service::followups::list_open(conn, actor?, &state.settings, today) {
                Ok(rows) => Outcome::FollowUps(rows),
                Err(e) => fail(e),
            }
        }
        Effect::CloseFollowUp { id, outcome, note } => {
            match service::followups::close(conn, actor?, id, outcome, &note, &state.settings, now)
            {
                Ok(ticket) => Outcome::FollowUpClosed(FollowUpText::Closed(ticket).text(lang)),
                Err(e) => fail(e),
            }
        }
        Effect::PauseWindow { reason, note } => {
            match service::pause::pause(conn, actor?, reason, &note, now) {
                Ok(()) => Outcome::Done(StatusText::Window(PauseText::Paused)),
                Err(e) => fail(e),
            }
        }
        Effect::ResumeWindow => match service::pause::resume(conn, actor?, now) {
            Ok(()) => Outcome::Done(StatusText::Window(PauseText::Resumed)),
            Err(e) => fail(e),
        },
        Effect::LookupTicket(typed) => lookup_ticket(conn, state, &typed, now),
        Effect::Finish(id, finish) => {
            match steps::finish(conn, actor?, id, &finish, &state.settings, now) {
                Ok(Some(_)) => Outcome::Done(StatusText::FinishedPassedOn),
                Ok(None) => Outcome::Done(StatusText::Finished),
                Err(e) => fail(e),
            }
        }
    };
    Some(outcome)
}

/// "Was I called?": today's calls of the ticket typed, with what the announcer did.
fn lookup_ticket(conn: &Connection, state: &State, typed: &str, now: i64) -> Outcome {
    let Some(ticket) = crate::domain::ticket::from_typed(typed) else {
        return Outcome::Failed(LookupText::BadTicket.into());
    };
    let date = state
        .settings
        .zone
        .business_date(now)
        .format("%Y-%m-%d")
        .to_string();
    match service::announce::ticket_lookup(conn, &date, &ticket) {
        Ok(Some((now_at, calls))) => Outcome::Calls(Box::new(super::state::CallsView {
            ticket,
            now: Some(now_at),
            calls,
        })),
        Ok(None) => Outcome::Failed(LookupText::NotFound(ticket).into()),
        Err(e) => Outcome::Failed(ServiceError::Db(e).words().into()),
    }
}

fn done(result: Result<(), ServiceError>, text: StatusText) -> Outcome {
    match result {
        Ok(()) => Outcome::Done(text),
        Err(e) => failed(e),
    }
}

/// A refusal, carried as its message so the status line can say it in either language.
fn failed(error: ServiceError) -> Outcome {
    Outcome::Failed(error.words().into())
}

/// Why the ID number failed its check, for the warning under the intake form.
fn id_warning(number: &str) -> StatusText {
    use crate::domain::idcard::{normalise, validate};
    StatusText::IdWarning(validate(&normalise(number)).err())
}

/// Calling or picking up (the rules, the conflict hint and the retry, are the service's).
fn pick_up(
    conn: &mut Connection,
    state: &State,
    actor: &service::Actor,
    step_id: Option<i64>,
    confirmed: bool,
    now: i64,
) -> Outcome {
    match pickup::pick_up(conn, actor, &state.settings, step_id, confirmed, now) {
        Ok(PickUp::Conflict { step_id, hints }) => Outcome::Conflict { step_id, hints },
        Ok(PickUp::Claimed(claimed)) if state.is_desk() => Outcome::Done(StatusText::PickedUp {
            ticket: claimed.ticket,
        }),
        Ok(PickUp::Claimed(claimed)) => Outcome::Done(StatusText::Called {
            ticket: claimed.ticket,
        }),
        Err(e) => failed(e),
    }
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
) -> Result<(), Message> {
    let lang = state.lang;
    let (figures, header) =
        tally::report(conn, &state.settings, from, to).map_err(|e| ServiceError::Db(e).words())?;
    // The hall's printer decides the layout: a receipt printer gets ESC/POS raw (its
    // `printer` read as a transport), anything else the A4 PDF via lp.
    let setup = printer::tally_printer(conn);
    let what = setup.audit_kind();
    let printer::TallyPrinter {
        format,
        command,
        printer,
    } = setup;
    // Finding the font and making the PDF take a moment: that work runs on the job's thread.
    let work: Box<dyn FnOnce() -> Result<(), PrintError> + Send> = match format {
        Format::Receipt80 | Format::Receipt58 => {
            let data = print::tally_receipt(&figures, format, lang, &header)
                .map_err(|e| e.message(lang))?;
            let device = print::transport::receipt_printer(printer.as_deref(), command.as_deref())
                .map_err(|e| e.message(lang))?;
            Box::new(move || device.print(&data))
        }
        _ => {
            let spooler = Spooler::configured(command.as_deref(), printer.as_deref())
                .map_err(|e| e.message(lang))?;
            Box::new(move || {
                let data = print::tally_pdf(&figures, lang, &header)?;
                PrintJob {
                    printer: Box::new(spooler),
                    data,
                }
                .run()
            })
        }
    };
    close::record_print(conn, state.actor.as_ref(), from, to, what, now).map_err(|e| e.words())?;
    jobs.push(std::thread::spawn(move || {
        Outcome::Background(
            work()
                .map(|()| StatusText::Printed.into())
                .map_err(|e| e.message(lang).into()),
        )
    }));
    Ok(())
}

/// Sends a ticket's slip to the slip printer on its own thread. With no slip printer set, a
/// new ticket simply has no slip; a reprint says why nothing printed. The ticket is already
/// stored: nothing here can undo or delay it.
fn start_slip(
    conn: &mut Connection,
    state: &State,
    step_id: i64,
    reprint: bool,
    now: i64,
    jobs: &mut Vec<Job>,
) -> Option<Outcome> {
    use crate::i18n::print::PrintMsg;
    use crate::i18n::Words;
    let lang = state.lang;
    let slips = match service::slip::load(conn) {
        Ok(slips) => slips,
        Err(e) => return Some(Outcome::Failed(ServiceError::Db(e).words().into())),
    };
    let Some(transport) = slips.printer.clone() else {
        return reprint.then(|| Outcome::Failed(PrintMsg::NoSlipPrinter.text(lang).into()));
    };
    let slip = if reprint {
        service::slip::reprint(
            conn,
            state.actor.as_ref()?,
            &state.settings,
            &slips,
            step_id,
            lang,
            now,
        )
    } else {
        service::slip::slip_for_step(conn, &state.settings, &slips, step_id, lang, None)
    };
    let slip = match slip {
        Ok(slip) => slip,
        Err(e) => return Some(Outcome::Failed(e.words().into())),
    };
    let ticket = slip.ticket.clone();
    let job = print::slip::render(&slip, slips.width, lang).and_then(|data| {
        Ok(PrintJob {
            printer: transport.printer(slips.print_command.as_deref())?,
            data,
        })
    });
    let job = match job {
        Ok(job) => job,
        Err(e) => {
            return Some(Outcome::SlipDone {
                ticket,
                result: Err(e),
            })
        }
    };
    let done = ticket.clone();
    jobs.push(std::thread::spawn(move || Outcome::SlipDone {
        ticket: done,
        result: job.run(),
    }));
    Some(Outcome::SlipPrinting { ticket, reprint })
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
            // The check's report has no typed messages yet: its words are made here.
            Ok(Ok(report)) if report.is_ok() => Ok(report.summary(lang).into()),
            Ok(Ok(report)) => Err(report.problems(lang).join("; ").into()),
            Ok(Err(e)) => Err(e.message(lang).into()),
            Err(_) => Err(StatusText::CheckDidNotFinish.into()),
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
        let today = state.settings.zone.business_date(now);
        Some(service::aid::pending_counts(conn, &state.settings, today)?)
    } else {
        None
    };
    // Open and overdue 差评 follow-ups show on the supervisor's screen (SPEC §9.4).
    let follow_ups = if actor.role == crate::domain::codes::Role::Supervisor {
        Some(service::followups::counts(
            conn,
            state.settings.zone.business_date(now),
        )?)
    } else {
        None
    };
    let paused = service::pause::open_pauses(conn)?;
    let pause = paused
        .iter()
        .find(|p| Some(p.window_id) == actor.window_id)
        .cloned();
    Ok(ViewData {
        date,
        queue,
        mine,
        hall,
        decisions,
        follow_ups,
        services,
        pause,
        paused,
    })
}
