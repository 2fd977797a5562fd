//! Reading legal-aid applications with their visit, for the desk and for the tally (which
//! may not reach up into the service layer for them).

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

use crate::domain::aid::{AdvanceGround, AidState, Material, RefusalReason};
use crate::domain::application::{Application, Supplement};
use crate::domain::codes::Matter;
use crate::domain::privacy::mask_name;
use crate::domain::text::sanitize;

/// A stored date (`YYYY-MM-DD`); anything else reads as no date.
pub fn parse(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub const COLUMNS: &str = "a.id, a.step_id, v.ticket, v.business_date, COALESCE(p.name, ''),
    p.id_number IS NOT NULL AND p.id_number <> '', v.matter, a.received_at, a.received_date, a.state,
    a.supplement_materials, a.supplement_note, a.supplement_requested_date, a.supplement_deadline,
    a.supplement_received_date, a.decision, a.decided_date, a.decision_due, a.refusal_reason,
    a.refusal_note, a.assign_due, a.assigned_date, a.assignee, a.withdrawn_date, a.lapsed,
    a.advance_ground, a.advance_note
  FROM aid_applications a
  JOIN steps s ON s.id = a.step_id
  JOIN visits v ON v.id = s.visit_id
  LEFT JOIN visitors p ON p.id = v.visitor_id";

pub fn read(r: &Row) -> rusqlite::Result<Application> {
    let text = |i: usize| -> rusqlite::Result<String> {
        Ok(sanitize(
            &r.get::<_, Option<String>>(i)?.unwrap_or_default(),
        ))
    };
    let supplement = match (parse(r.get(12)?), parse(r.get(13)?)) {
        (Some(requested), Some(deadline)) => Some(Supplement {
            materials: text(10)?
                .split(',')
                .filter_map(|c| Material::from_code(c.trim()))
                .collect(),
            note: text(11)?,
            requested,
            deadline,
            received: parse(r.get(14)?),
        }),
        _ => None,
    };
    let refusal = r
        .get::<_, Option<String>>(18)?
        .and_then(|c| RefusalReason::from_code(&c))
        .map(|reason| Ok::<_, rusqlite::Error>((reason, text(19)?)))
        .transpose()?;
    let advance = r
        .get::<_, Option<String>>(25)?
        .and_then(|c| AdvanceGround::from_code(&c))
        .map(|ground| Ok::<_, rusqlite::Error>((ground, text(26)?)))
        .transpose()?;
    Ok(Application {
        id: r.get(0)?,
        step_id: r.get(1)?,
        ticket: r.get(2)?,
        visit_date: r.get(3)?,
        applicant: mask_name(&text(4)?),
        has_id: r.get(5)?,
        matter: Matter::from_code(&r.get::<_, String>(6)?).unwrap_or(Matter::Other),
        received_at: r.get(7)?,
        received: parse(r.get(8)?).unwrap_or_default(),
        state: AidState::from_code(&r.get::<_, String>(9)?).unwrap_or(AidState::Pending),
        supplement,
        decision: r
            .get::<_, Option<String>>(15)?
            .and_then(|c| AidState::from_code(&c)),
        decided: parse(r.get(16)?),
        decision_due_frozen: parse(r.get(17)?),
        refusal,
        assign_due_frozen: parse(r.get(20)?),
        assigned: parse(r.get(21)?),
        assignee: r.get::<_, Option<String>>(22)?.map(|a| sanitize(&a)),
        withdrawn: parse(r.get(23)?),
        lapsed: r.get(24)?,
        advance,
    })
}

/// Every application that matters to a tally of `from..=to`: received by `to`, and not
/// settled before `from`.
pub fn for_tally(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<Application>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}
          WHERE a.received_date <= ?2
            AND (a.state IN ('pending','supplementing','granted')
                 OR COALESCE(a.assigned_date, a.withdrawn_date, a.decided_date) >= ?1)"
    ))?;
    let rows = stmt.query_map(params![date_text(from), date_text(to)], read)?;
    rows.collect()
}
