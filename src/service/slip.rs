//! Ticket slips (SPEC §9.2): the slip settings, what a step's slip says, and the audited
//! reprint. Printing itself happens elsewhere, off the UI thread; nothing here waits for a
//! printer, so a ticket never depends on one.

use rusqlite::{params, Connection, OptionalExtension};

use super::settings::{self, Settings};
use super::{audit, authorize, write, Actor, Command, ServiceError};
use crate::domain::codes::Service;
use crate::domain::text::sanitize;
use crate::i18n::Lang;
use crate::print::{Slip, SlipMark, SlipWidth, Transport};

/// The default of `slip_width`: the common hall ticket printer.
pub const DEFAULT_WIDTH: SlipWidth = SlipWidth::Mm80;

/// The `slip_*` settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipSettings {
    /// Where slips go; `None` when slips are off (the setting unset or empty).
    pub printer: Option<Transport>,
    pub width: SlipWidth,
    /// The reminder line; `None` for the default.
    pub footer: Option<String>,
    /// Neutral words for every service; `None` for the service's own name.
    pub service_text: Option<String>,
    pub qr: bool,
    /// `print_command`, which replaces `lp` for `lp:` printers.
    pub print_command: Option<String>,
}

/// Reads the slip settings; a value that no longer parses counts as unset (it was checked
/// when stored, so this only guards against hand edits of the database).
pub fn load(conn: &Connection) -> rusqlite::Result<SlipSettings> {
    let text = |key: &str| -> rusqlite::Result<Option<String>> {
        Ok(settings::get(conn, key)?
            .map(|v| sanitize(&v).trim().to_string())
            .filter(|v| !v.is_empty()))
    };
    Ok(SlipSettings {
        printer: text("slip_printer")?.and_then(|p| Transport::parse(&p, false).ok()),
        width: text("slip_width")?
            .and_then(|w| SlipWidth::parse(&w))
            .unwrap_or(DEFAULT_WIDTH),
        footer: text("slip_footer")?,
        service_text: text("slip_service_text")?,
        qr: text("slip_qr")?.is_some_and(|v| v == "1"),
        print_command: text("print_command")?,
    })
}

/// The slip of the ticket whose step is `step_id`, as it stands now: its service, when it
/// joined that queue, and how many wait ahead of it at that service.
pub fn slip_for_step(
    conn: &Connection,
    settings: &Settings,
    slip: &SlipSettings,
    step_id: i64,
    lang: Lang,
    mark: Option<SlipMark>,
) -> Result<Slip, ServiceError> {
    let row: Option<(String, String, String, i64)> = conn
        .prepare_cached(
            "SELECT v.ticket, v.business_date, s.service, COALESCE(s.requeued_at, s.queued_at)
             FROM steps s JOIN visits v ON v.id = s.visit_id WHERE s.id = ?1",
        )?
        .query_row([step_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let (ticket, date, service, queued) = row.ok_or(ServiceError::NotFound)?;
    let ahead: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM steps s JOIN visits v ON v.id = s.visit_id
             WHERE v.business_date = ?1 AND s.service = ?2 AND s.status = 'waiting'
               AND (COALESCE(s.requeued_at, s.queued_at) < ?3
                    OR (COALESCE(s.requeued_at, s.queued_at) = ?3 AND s.id < ?4))",
        )?
        .query_row(params![date, service, queued, step_id], |r| r.get(0))?;
    let service_words = match &slip.service_text {
        Some(words) => words.clone(),
        None => Service::from_code(&service)
            .map(|s| s.label(lang).to_string())
            .unwrap_or_default(),
    };
    Ok(Slip {
        center_name: settings.center_name.clone(),
        ticket,
        service_words,
        ahead,
        date,
        time: settings.zone.local(queued).format("%H:%M").to_string(),
        footer: slip.footer.clone(),
        qr: slip.qr,
        mark,
    })
}

/// A reprint (补打) asked for at the front desk: checked and audited before anything prints,
/// so the log shows every second copy of a ticket.
pub fn reprint(
    conn: &mut Connection,
    actor: &Actor,
    settings: &Settings,
    slip: &SlipSettings,
    step_id: i64,
    lang: Lang,
    now: i64,
) -> Result<Slip, ServiceError> {
    authorize(actor, Command::IssueTicket)?;
    write(conn, |tx| {
        let slip = slip_for_step(tx, settings, slip, step_id, lang, Some(SlipMark::Reprint))?;
        let visit_id: i64 =
            tx.query_row("SELECT visit_id FROM steps WHERE id = ?1", [step_id], |r| {
                r.get(0)
            })?;
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "reprint_slip",
            "visit",
            Some(visit_id),
            &slip.ticket,
        )?;
        Ok(slip)
    })
}

/// The sample slip of `legaldesk slip test`: the settings in force, a made-up ticket.
pub fn sample(settings: &Settings, slip: &SlipSettings, lang: Lang, now: i64) -> Slip {
    let local = settings.zone.local(now);
    Slip {
        center_name: settings.center_name.clone(),
        ticket: crate::domain::ticket::format_ticket(Service::Consult.prefix(), 1),
        service_words: slip
            .service_text
            .clone()
            .unwrap_or_else(|| Service::Consult.label(lang).to_string()),
        ahead: 3,
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        footer: slip.footer.clone(),
        qr: slip.qr,
        mark: Some(SlipMark::Sample),
    }
}
