//! Against the database and into it: closed dates and tickets already taken are refused;
//! then windows and staff are created when unknown, and visitors, visits and steps written
//! (origin `import`), ticket counters raised past the imported numbers, and the import
//! audited. Runs inside the import's one transaction.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension};

use super::columns::Col;
use super::import::ImportReport;
use super::problem::{Problem, RowError};
use super::rows::Row;
use super::visits::Visits;
use crate::domain::codes::{RatingBy, Role, Service};
use crate::domain::ticket::parse_ticket;
use crate::service::audit;
use crate::service::settings::Settings;

/// Closed dates and tickets already taken: reported at the visit's first line.
pub fn check_database(
    conn: &Connection,
    rows: &[Row],
    visits: &Visits,
) -> rusqlite::Result<Vec<RowError>> {
    let mut errors = Vec::new();
    let mut closed_dates: HashMap<chrono::NaiveDate, bool> = HashMap::new();
    let mut closed_stmt =
        conn.prepare("SELECT EXISTS (SELECT 1 FROM day_closes WHERE business_date = ?1)")?;
    let mut ticket_stmt =
        conn.prepare("SELECT 1 FROM visits WHERE business_date = ?1 AND ticket = ?2")?;
    for ((date, ticket), steps) in visits {
        let date_text = date.format("%Y-%m-%d").to_string();
        let line = steps.iter().map(|&i| rows[i].line).min().unwrap_or(0);
        let closed = match closed_dates.get(date) {
            // A closed date is reported once, at its first visit.
            Some(closed) => {
                if *closed {
                    continue;
                }
                false
            }
            None => {
                let closed: bool = closed_stmt.query_row([&date_text], |r| r.get(0))?;
                closed_dates.insert(*date, closed);
                closed
            }
        };
        if closed {
            errors.push(RowError::new(
                line,
                Some(Col::VisitDate),
                Problem::DateClosed,
            ));
            continue;
        }
        if ticket_stmt
            .query_row(params![date_text, ticket], |_| Ok(()))
            .optional()?
            .is_some()
        {
            errors.push(RowError::new(
                line,
                Some(Col::Ticket),
                Problem::TicketExists,
            ));
        }
    }
    errors.sort_by_key(|e| e.line);
    Ok(errors)
}

/// The role of a staff member created on import: the desk of the services they finished,
/// or the front desk (least privilege; they are inactive and cannot sign in anyway).
fn role_for(services: &BTreeSet<Service>) -> Role {
    let desks: BTreeSet<Role> = services
        .iter()
        .map(|s| match s {
            Service::LegalAid => Role::DutyLawyer,
            Service::Notary => Role::Notary,
            Service::Mediation => Role::Mediator,
            Service::Consult | Service::Drafting => Role::FrontDesk,
        })
        .collect();
    match desks.len() {
        1 => desks.into_iter().next().unwrap_or(Role::FrontDesk),
        _ => Role::FrontDesk,
    }
}

/// Window (or staff) codes to ids, creating the unknown ones.
fn ensure_codes(
    conn: &Connection,
    table: &str,
    seen: &BTreeMap<String, BTreeSet<Service>>,
    now: i64,
    created: &mut Vec<String>,
) -> rusqlite::Result<HashMap<String, i64>> {
    let mut ids = HashMap::new();
    let mut find = conn.prepare(&format!("SELECT id FROM {table} WHERE code = ?1"))?;
    for (code, services) in seen {
        if let Some(id) = find.query_row([code], |r| r.get::<_, i64>(0)).optional()? {
            ids.insert(code.clone(), id);
            continue;
        }
        if table == "windows" {
            let list: Vec<&str> = Service::ALL
                .iter()
                .filter(|s| services.contains(s))
                .map(|s| s.code())
                .collect();
            let list = if list.is_empty() {
                Service::Consult.code().to_string()
            } else {
                list.join(",")
            };
            conn.execute(
                "INSERT INTO windows (code, services) VALUES (?1, ?2)",
                params![code, list],
            )?;
        } else {
            conn.execute(
                "INSERT INTO staff (code, name, role, pin_hash, active, created_at) VALUES (?1, ?1, ?2, NULL, 0, ?3)",
                params![code, role_for(services).code(), now],
            )?;
        }
        ids.insert(code.clone(), conn.last_insert_rowid());
        created.push(code.clone());
    }
    Ok(ids)
}

pub fn write(
    conn: &Connection,
    rows: &[Row],
    visits: &Visits,
    settings: &Settings,
    now: i64,
) -> rusqlite::Result<ImportReport> {
    let mut report = ImportReport {
        rows: rows.len(),
        visits: visits.len(),
        ..ImportReport::default()
    };
    let mut window_services: BTreeMap<String, BTreeSet<Service>> = BTreeMap::new();
    let mut staff_services: BTreeMap<String, BTreeSet<Service>> = BTreeMap::new();
    for row in rows {
        if let Some(code) = &row.window {
            window_services
                .entry(code.clone())
                .or_default()
                .insert(row.service);
        }
        if let Some(code) = &row.staff {
            staff_services
                .entry(code.clone())
                .or_default()
                .insert(row.service);
        }
    }
    let windows = ensure_codes(
        conn,
        "windows",
        &window_services,
        now,
        &mut report.windows_created,
    )?;
    let staff = ensure_codes(
        conn,
        "staff",
        &staff_services,
        now,
        &mut report.staff_created,
    )?;

    let mut visitor_stmt = conn.prepare(
        "INSERT INTO visitors (name, phone, id_type, id_number) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut visit_stmt = conn.prepare(
        "INSERT INTO visits (business_date, ticket, visitor_id, channel, lane, urgent, matter, parties, summary,
                             utc_offset_s, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'import')",
    )?;
    let mut step_stmt = conn.prepare(
        "INSERT INTO steps (visit_id, seq, service, status, queued_at, called_at, started_at, finished_at, window_id,
                            staff_id, outcome, reason, note, amount_fen, quantity, rating, rating_by, rated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    let mut counters: BTreeMap<(String, char), i64> = BTreeMap::new();
    let mut dates = BTreeSet::new();
    // Visits are stored in the order the file lists them.
    let mut in_file_order: Vec<(&(chrono::NaiveDate, String), &Vec<usize>)> =
        visits.iter().collect();
    in_file_order.sort_by_key(|(_, steps)| steps.iter().map(|&i| rows[i].line).min());
    for ((date, ticket), steps) in in_file_order {
        let first = &rows[steps[0]];
        let v = &first.visit;
        let date_text = date.format("%Y-%m-%d").to_string();
        let id_type = v.id_number.as_ref().map(|_| "resident_id");
        visitor_stmt.execute(params![v.name, v.phone, id_type, v.id_number])?;
        let visitor_id = conn.last_insert_rowid();
        // The offset in force when the visit began, so export writes the same local times.
        let offset = settings
            .zone
            .offset_at(first.queued_at.instant)
            .local_minus_utc();
        visit_stmt.execute(params![
            date_text,
            ticket,
            visitor_id,
            v.channel.code(),
            v.lane.code(),
            v.urgent,
            v.matter.code(),
            v.parties,
            v.summary,
            offset
        ])?;
        let visit_id = conn.last_insert_rowid();
        for &i in steps {
            let r = &rows[i];
            let accepted = r.service == Service::LegalAid
                && r.outcome == Some(crate::domain::codes::Outcome::ApplicationAccepted)
                && r.status == crate::domain::codes::StepStatus::Done;
            step_stmt.execute(params![
                visit_id,
                r.seq,
                r.service.code(),
                r.status.code(),
                r.queued_at.instant,
                r.called_at.map(|t| t.instant),
                r.started_at.map(|t| t.instant),
                r.finished_at.map(|t| t.instant),
                r.window.as_ref().and_then(|c| windows.get(c)),
                r.staff.as_ref().and_then(|c| staff.get(c)),
                r.outcome.map(|o| o.wire_code()),
                r.reason.map(|x| x.code()),
                r.note,
                r.amount_fen,
                r.quantity,
                r.rating.map(|x| x.code()),
                // A register's ratings were written down by staff; it has no reason column,
                // and past 差评 were followed up on paper, so no follow-up is opened for them.
                r.rating.map(|_| RatingBy::Staff.code()),
                r.rating.and(r.finished_at.map(|t| t.instant))
            ])?;
            // An accepted application of the history becomes an application awaiting its
            // decision here: the ledger does not say how it was decided.
            if let (true, Some(finished)) = (accepted, r.finished_at) {
                let step_id = conn.last_insert_rowid();
                crate::service::aid::create(conn, None, step_id, finished.instant, settings)?;
            }
        }
        if let Some((prefix, number)) = parse_ticket(ticket) {
            let top = counters.entry((date_text.clone(), prefix)).or_insert(0);
            *top = (*top).max(number);
        }
        dates.insert(date_text);
    }
    // Later live tickets on these dates continue after the imported numbers.
    let mut counter_stmt = conn.prepare(
        "INSERT INTO ticket_counters (business_date, prefix, last_number) VALUES (?1, ?2, ?3)
         ON CONFLICT(business_date, prefix) DO UPDATE SET last_number = max(last_number, excluded.last_number)",
    )?;
    for ((date, prefix), number) in &counters {
        counter_stmt.execute(params![date, prefix.to_string(), number])?;
    }
    report.dates = dates.len();
    let span = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) => format!("{a}..{b}"),
        _ => String::new(),
    };
    let detail = format!(
        "rows={} visits={} dates={} {span}",
        report.rows, report.visits, report.dates
    );
    audit::append(conn, now, None, "import", "ledger", None, &detail)?;
    Ok(report)
}
