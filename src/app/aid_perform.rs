//! Carries out the legal-aid screen's effects against the service layer.

use rusqlite::Connection;

use super::effect::{AidOp, Outcome};
use super::state::{AidView, State};
use crate::i18n::aid::AidDone;
use crate::i18n::Words;
use crate::service::aid::{self, ListFilter};
use crate::service::{Actor, ServiceError};

/// The list as of now (lapsed supplements applied first), checked against the actor's role.
pub fn load(conn: &Connection, state: &State, actor: &Actor, now: i64) -> Outcome {
    let today = state.settings.zone.business_date(now);
    match aid::list(conn, Some(actor), &state.settings, ListFilter::Recent, now) {
        Ok(rows) => Outcome::Aid(AidView {
            today,
            rows,
            selected: 0,
            form: None,
            question: None,
        }),
        Err(e) => Outcome::Failed(e.words().into()),
    }
}

pub fn perform(
    conn: &mut Connection,
    state: &State,
    actor: &Actor,
    op: AidOp,
    now: i64,
) -> Outcome {
    let settings = &state.settings;
    let id = match &op {
        AidOp::Grant(id) | AidOp::Materials(id) | AidOp::Withdraw(id) => *id,
        AidOp::Refuse { id, .. }
        | AidOp::Supplement { id, .. }
        | AidOp::Assign { id, .. }
        | AidOp::Advance { id, .. } => *id,
    };
    let ticket = match aid::load(conn, id) {
        Ok(app) => app.ticket,
        Err(e) => return Outcome::Failed(e.words().into()),
    };
    let result: Result<AidDone, ServiceError> = match op {
        AidOp::Grant(id) => {
            aid::grant(conn, actor, id, settings, now).map(|due| AidDone::Granted {
                ticket,
                assign_due: due.date,
            })
        }
        AidOp::Refuse { id, reason, note } => {
            aid::refuse(conn, actor, id, reason, &note, settings, now)
                .map(|()| AidDone::Refused { ticket })
        }
        AidOp::Supplement { id, request } => {
            aid::request_supplement(conn, actor, id, &request, settings, now)
                .map(|deadline| AidDone::SupplementRequested { ticket, deadline })
        }
        AidOp::Materials(id) => {
            aid::materials_received(conn, actor, id, settings, now).map(|due| {
                AidDone::MaterialsReceived {
                    ticket,
                    due: due.map(|d| d.date),
                }
            })
        }
        AidOp::Assign { id, assignee } => aid::assign(conn, actor, id, &assignee, settings, now)
            .map(|()| AidDone::Assigned { ticket }),
        AidOp::Advance { id, ground, note } => {
            aid::mark_advance(conn, actor, id, ground, &note, settings, now)
                .map(|()| AidDone::AdvanceMarked { ticket })
        }
        AidOp::Withdraw(id) => {
            aid::withdraw(conn, actor, id, settings, now).map(|()| AidDone::Withdrawn { ticket })
        }
    };
    match result {
        Ok(done) => Outcome::AidDone(done.text(state.lang)),
        Err(e) => Outcome::Failed(e.words().into()),
    }
}

/// Prints the applicant's notice of application `id` (supplement request or refusal): the
/// lines are laid out here, the PDF is made and spooled on its own thread (finding the font
/// takes a moment), and the print is audited. An application in another state says why
/// nothing prints.
pub fn print_notice(
    conn: &mut Connection,
    state: &State,
    actor: &Actor,
    id: i64,
    now: i64,
    jobs: &mut Vec<super::perform::Job>,
) -> Outcome {
    use crate::i18n::status::StatusText;
    use crate::print::{PrintJob, Spooler};
    use crate::service::settings;
    let lang = state.lang;
    if let Err(e) = crate::service::authorize(actor, crate::service::Command::ViewAid) {
        return Outcome::Failed(e.words().into());
    }
    let app = match aid::load(conn, id) {
        Ok(app) => app,
        Err(e) => return Outcome::Failed(e.words().into()),
    };
    let (kind, lines) = match aid::notice_lines(&app, &state.settings.center_name, lang) {
        Ok(notice) => notice,
        Err(nothing) => return Outcome::Failed(nothing.text(lang).into()),
    };
    let setting = |key: &str| settings::get(conn, key).ok().flatten();
    let spooler = match Spooler::configured(
        setting("print_command").as_deref(),
        setting("printer").as_deref(),
    ) {
        Ok(spooler) => spooler,
        Err(e) => return Outcome::Failed(e.message(lang).into()),
    };
    if let Err(e) = aid::record_print(conn, Some(actor), &app, kind, now) {
        return Outcome::Failed(e.words().into());
    }
    let text = lines.join("\n") + "\n";
    let title = format!("{} {}", state.settings.center_name, app.ticket);
    jobs.push(std::thread::spawn(move || {
        let job = crate::print::text_pdf(&text, lang, &title).and_then(|data| {
            PrintJob {
                printer: Box::new(spooler),
                data,
            }
            .run()
        });
        Outcome::Background(
            job.map(|()| StatusText::Printed.into())
                .map_err(|e| e.message(lang).into()),
        )
    }));
    Outcome::Done(StatusText::PrintSent)
}
