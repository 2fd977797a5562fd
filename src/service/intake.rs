//! Intake at the front desk: register the visitor, open the visit, issue the ticket and put
//! step 1 in its service's queue — one transaction, so a ticket number exists only together
//! with its visit.

use rusqlite::{params, Connection};

use super::settings::Settings;
use super::{audit, authorize, write, Actor, Command, FieldName, Problem, ServiceError};
use crate::domain::codes::{Channel, IdType, Lane, Matter, Service};
use crate::domain::idcard;
use crate::domain::text::{clean_count, clean_phone, clean_text};
use crate::domain::ticket::format_ticket;

pub const NAME_MAX: usize = 32;
pub const SUMMARY_MAX: usize = 200;
pub const ID_MAX: usize = 32;

/// What the intake form collects, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeInput {
    pub service: Service,
    pub name: String,
    pub phone: String,
    pub id_type: IdType,
    pub id_number: String,
    /// The operator saw the ID check warning and keeps the number anyway.
    pub id_override: bool,
    pub channel: Channel,
    pub lane: Lane,
    pub urgent: bool,
    pub matter: Matter,
    pub parties: String,
    pub summary: String,
    pub adverse_name: String,
}

impl Default for IntakeInput {
    fn default() -> Self {
        IntakeInput {
            service: Service::Consult,
            name: String::new(),
            phone: String::new(),
            id_type: IdType::ResidentId,
            id_number: String::new(),
            id_override: false,
            channel: Channel::WalkIn,
            lane: Lane::Normal,
            urgent: false,
            matter: Matter::Other,
            parties: "1".into(),
            summary: String::new(),
            adverse_name: String::new(),
        }
    }
}

/// The checked form, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanIntake {
    pub service: Service,
    pub name: String,
    pub phone: Option<String>,
    pub id: Option<(IdType, String)>,
    pub channel: Channel,
    pub lane: Lane,
    pub urgent: bool,
    pub matter: Matter,
    pub parties: i64,
    pub summary: Option<String>,
    pub adverse_name: Option<String>,
}

/// A problem with the ID number that the operator may override.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdWarning(pub idcard::IdProblem);

/// Checks every field. `Err(Invalid(Problem::IdCheck))` is the overridable ID warning.
pub fn check(input: &IntakeInput) -> Result<CleanIntake, ServiceError> {
    let name =
        clean_text(&input.name, true, NAME_MAX).map_err(ServiceError::field(FieldName::Name))?;
    let phone = clean_phone(&input.phone).map_err(ServiceError::field(FieldName::Phone))?;
    let parties =
        clean_count(&input.parties, 1, 1, 9999).map_err(ServiceError::field(FieldName::Parties))?;
    let summary = clean_text(&input.summary, false, SUMMARY_MAX)
        .map_err(ServiceError::field(FieldName::Summary))?;
    let adverse = clean_text(&input.adverse_name, false, NAME_MAX)
        .map_err(ServiceError::field(FieldName::Adverse))?;
    let raw_id = clean_text(&input.id_number, false, ID_MAX)
        .map_err(ServiceError::field(FieldName::IdNumber))?;
    // The ID number is collected only where a desk needs it, never for a consultation.
    let id = if raw_id.is_empty() || !input.service.needs_id() {
        None
    } else if input.id_type == IdType::ResidentId {
        let number = idcard::normalise(&raw_id);
        if idcard::validate(&number).is_err() && !input.id_override {
            return Err(ServiceError::Invalid(Problem::IdCheck));
        }
        Some((IdType::ResidentId, number))
    } else {
        Some((input.id_type, raw_id))
    };
    Ok(CleanIntake {
        service: input.service,
        name,
        phone: Some(phone).filter(|p| !p.is_empty()),
        id,
        channel: input.channel,
        lane: input.lane,
        urgent: input.urgent,
        matter: input.matter,
        parties,
        summary: Some(summary).filter(|s| !s.is_empty()),
        adverse_name: Some(adverse).filter(|s| !s.is_empty()),
    })
}

/// What the front desk hands the visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub visit_id: i64,
    pub step_id: i64,
    pub ticket: String,
    pub business_date: String,
    pub service: Service,
}

/// Takes the next number for `prefix` on `date`. The counter only ever grows, and it starts
/// above any ticket already on that date (imported history), so numbers are never reused.
///
/// Both writers of visits keep the counter at or above every number on its date (intake here,
/// the ledger import by raising it), so once the counter exists it alone decides; the tickets
/// of the date are read only to start a new counter. That keeps a ticket's cost flat however
/// many were issued that day.
pub fn next_ticket(conn: &Connection, date: &str, prefix: char) -> rusqlite::Result<String> {
    use rusqlite::OptionalExtension;
    let prefix_text = prefix.to_string();
    let counter: Option<i64> = conn
        .prepare_cached(
            "SELECT last_number FROM ticket_counters WHERE business_date = ?1 AND prefix = ?2",
        )?
        .query_row(params![date, prefix_text], |r| r.get(0))
        .optional()?;
    let existing_max: i64 = match counter {
        Some(last) => last,
        None => conn
            .prepare_cached(
                "SELECT COALESCE(MAX(CAST(substr(ticket, 2) AS INTEGER)), 0) FROM visits WHERE business_date = ?1 AND substr(ticket, 1, 1) = ?2",
            )?
            .query_row(params![date, prefix_text], |r| r.get(0))?,
    };
    // Every caller holds the write lock (an IMMEDIATE transaction), so the number read above
    // cannot move before it is written back.
    let number = counter.unwrap_or(0).max(existing_max) + 1;
    conn.prepare_cached(
        "INSERT INTO ticket_counters (business_date, prefix, last_number) VALUES (?1, ?2, ?3)
         ON CONFLICT(business_date, prefix) DO UPDATE SET last_number = excluded.last_number",
    )?
    .execute(params![date, prefix_text, number])?;
    Ok(format_ticket(prefix, number))
}

/// Where a visit's record comes from (`visits.origin`): the counter, or the demo generator.
/// Imports write `import` through the ledger; they do not come through here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitOrigin {
    Live,
    Demo,
}

impl VisitOrigin {
    pub fn code(self) -> &'static str {
        match self {
            VisitOrigin::Live => "live",
            VisitOrigin::Demo => "demo",
        }
    }
}

/// Issues a ticket: visitor, visit and step 1 in one transaction, audited.
pub fn issue_ticket(
    conn: &mut Connection,
    actor: &Actor,
    input: &IntakeInput,
    settings: &Settings,
    now: i64,
) -> Result<Issued, ServiceError> {
    issue_ticket_as(conn, actor, input, settings, now, VisitOrigin::Live)
}

/// [`issue_ticket`] with the record's origin: the demo generator issues its tickets through
/// exactly the same rules, marked `demo` so they can never be mistaken for real work.
pub fn issue_ticket_as(
    conn: &mut Connection,
    actor: &Actor,
    input: &IntakeInput,
    settings: &Settings,
    now: i64,
    origin: VisitOrigin,
) -> Result<Issued, ServiceError> {
    authorize(actor, Command::IssueTicket)?;
    let clean = check(input)?;
    write(conn, |tx| {
        insert_visit(tx, actor, &clean, settings, now, origin)
    })
}

/// Registers the visitor, opens the visit with the next ticket number and queues step 1,
/// inside the caller's transaction (intake's own, or a check-in's, which marks its
/// appointment in the same transaction). The caller has authorised the actor.
pub(crate) fn insert_visit(
    tx: &Connection,
    actor: &Actor,
    clean: &CleanIntake,
    settings: &Settings,
    now: i64,
    origin: VisitOrigin,
) -> Result<Issued, ServiceError> {
    let date = settings
        .zone
        .business_date(now)
        .format("%Y-%m-%d")
        .to_string();
    let offset = settings.zone.offset_at(now).local_minus_utc();
    let (id_type, id_number) = match &clean.id {
        Some((t, n)) => (Some(t.code()), Some(n.as_str())),
        None => (None, None),
    };
    tx.prepare_cached(
        "INSERT INTO visitors (name, phone, id_type, id_number) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![clean.name, clean.phone, id_type, id_number])?;
    let visitor_id = tx.last_insert_rowid();
    let ticket = next_ticket(tx, &date, clean.service.prefix())?;
    tx.prepare_cached(
        "INSERT INTO visits (business_date, ticket, visitor_id, channel, lane, urgent, matter, parties, summary,
                             adverse_name, utc_offset_s, created_by, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        date,
        ticket,
        visitor_id,
        clean.channel.code(),
        clean.lane.code(),
        clean.urgent,
        clean.matter.code(),
        clean.parties,
        clean.summary,
        clean.adverse_name,
        offset,
        actor.staff_id,
        origin.code()
    ])?;
    let visit_id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO steps (visit_id, seq, service, status, queued_at) VALUES (?1, 1, ?2, 'waiting', ?3)",
    )?
    .execute(params![visit_id, clean.service.code(), now])?;
    let step_id = tx.last_insert_rowid();
    audit::append(
        tx,
        now,
        Some(actor.staff_id),
        "intake",
        "visit",
        Some(visit_id),
        &ticket,
    )?;
    Ok(Issued {
        visit_id,
        step_id,
        ticket,
        business_date: date,
        service: clean.service,
    })
}
