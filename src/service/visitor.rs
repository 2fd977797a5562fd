//! Desks complete the visitor's record (SPEC §3): the window serving a ticket — or a
//! supervisor — adds or corrects the visitor's ID document, phone and adverse party, so a
//! legal-aid application never stands without the applicant's ID and the conflict hint can
//! match by ID. One IMMEDIATE transaction per edit, with its audit row; refused on a closed
//! date like every other edit.

use rusqlite::{params, Connection, OptionalExtension};

use super::intake::{ID_MAX, NAME_MAX};
use super::{audit, authorize, write, Actor, Command, FieldName, ServiceError};
use crate::domain::codes::{IdType, Role, Service, StepStatus};
use crate::domain::idcard;
use crate::domain::privacy::{mask_id, mask_name, mask_phone};
use crate::domain::text::{clean_phone, clean_text, sanitize};
use crate::i18n::visitor::{VisitorField, VisitorText};

/// What the edit form sends. `None` keeps what is stored; `Some("")` removes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitorEdit {
    pub id_type: Option<IdType>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub adverse_name: Option<String>,
    pub adverse_id: Option<String>,
    /// The operator saw the ID check warning and keeps the number anyway.
    pub id_override: bool,
}

/// The visitor of a step as the editing desk sees it. Every stored value is masked (SPEC §4:
/// only a supervisor unmasks, with a reason, audited), so opening the form is no unmasking
/// and needs no audit row; the desk sees in full only what it types itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitorCard {
    pub step_id: i64,
    pub ticket: String,
    pub service: Service,
    pub id_type: Option<IdType>,
    pub id_number: String,
    pub phone: String,
    pub adverse_name: String,
    pub adverse_id: String,
}

/// What an edit changed (empty: nothing, and nothing was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub ticket: String,
    pub fields: Vec<VisitorField>,
}

struct StepOf {
    status: StepStatus,
    service: Service,
    visit_id: i64,
    window_id: Option<i64>,
    ticket: String,
    visitor_id: Option<i64>,
}

fn load_step(conn: &Connection, step_id: i64) -> Result<StepOf, ServiceError> {
    conn.prepare_cached(
        "SELECT s.status, s.service, s.visit_id, s.window_id, v.ticket, v.visitor_id
           FROM steps s JOIN visits v ON v.id = s.visit_id WHERE s.id = ?1",
    )?
    .query_row([step_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<i64>>(5)?,
        ))
    })
    .optional()?
    .and_then(
        |(status, service, visit_id, window_id, ticket, visitor_id)| {
            Some(StepOf {
                status: StepStatus::from_code(&status)?,
                service: Service::from_code(&service)?,
                visit_id,
                window_id,
                ticket,
                visitor_id,
            })
        },
    )
    .ok_or(ServiceError::NotFound)
}

/// A supervisor may edit any visitor; anyone else only the visitor of a ticket at their own
/// window (called, being served or on hold) at a service their role serves. A ticket a
/// supervisor called without a window belongs to no window in particular (as in `steps`).
fn check_editor(actor: &Actor, step: &StepOf) -> Result<(), ServiceError> {
    if actor.role == Role::Supervisor {
        return Ok(());
    }
    // A role that never serves this service is plainly not permitted.
    authorize(actor, Command::ServeStep(step.service))?;
    let at_window = matches!(
        step.status,
        StepStatus::Called | StepStatus::Serving | StepStatus::OnHold
    );
    let ours = step.window_id.is_none() || step.window_id == actor.window_id;
    if at_window && ours {
        Ok(())
    } else {
        Err(ServiceError::Visitor(VisitorText::NotServing))
    }
}

/// Whether the visit's date — or the date of any visit sharing this visitor record — is
/// closed. The triggers guard `visits`, but `visitors` rows carry no date of their own.
fn touches_closed_date(
    conn: &Connection,
    visit_id: i64,
    visitor_id: Option<i64>,
) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (
           SELECT 1 FROM visits v JOIN day_closes c ON c.business_date = v.business_date
            WHERE (v.id = ?1 OR v.visitor_id = ?2)
              AND NOT EXISTS (SELECT 1 FROM day_amending a WHERE a.business_date = v.business_date))",
    )?
    .query_row(params![visit_id, visitor_id], |r| r.get(0))
}

/// The stored record, in full (never leaves this module unmasked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Stored {
    id_type: Option<IdType>,
    id_number: String,
    phone: String,
    adverse_name: String,
    adverse_id: String,
}

fn stored(conn: &Connection, visit_id: i64) -> rusqlite::Result<Stored> {
    conn.prepare_cached(
        "SELECT p.id_type, COALESCE(p.id_number, ''), COALESCE(p.phone, ''),
                COALESCE(v.adverse_name, ''), COALESCE(v.adverse_id, '')
           FROM visits v LEFT JOIN visitors p ON p.id = v.visitor_id WHERE v.id = ?1",
    )?
    .query_row([visit_id], |r| {
        Ok(Stored {
            id_type: r
                .get::<_, Option<String>>(0)?
                .and_then(|c| IdType::from_code(&c)),
            id_number: r.get(1)?,
            phone: r.get(2)?,
            adverse_name: r.get(3)?,
            adverse_id: r.get(4)?,
        })
    })
}

fn masked(text: &str, mask: fn(&str) -> String) -> String {
    let clean = sanitize(text);
    if clean.is_empty() {
        clean
    } else {
        mask(&clean)
    }
}

/// The visitor of `step_id`, masked, for the edit form; refused exactly as an edit would be.
pub fn visitor_card(
    conn: &Connection,
    actor: &Actor,
    step_id: i64,
) -> Result<VisitorCard, ServiceError> {
    let step = load_step(conn, step_id)?;
    check_editor(actor, &step)?;
    let now = stored(conn, step.visit_id)?;
    Ok(VisitorCard {
        step_id,
        ticket: sanitize(&step.ticket),
        service: step.service,
        id_type: now.id_type,
        id_number: masked(&now.id_number, mask_id),
        phone: masked(&now.phone, mask_phone),
        adverse_name: masked(&now.adverse_name, mask_name),
        adverse_id: masked(&now.adverse_id, mask_id),
    })
}

/// The ID check of GB 11643 for a resident ID number: a failure is a warning that
/// `id_override` passes.
fn check_resident_id(
    number: &str,
    field: VisitorField,
    id_override: bool,
) -> Result<(), ServiceError> {
    match idcard::validate(number) {
        Err(problem) if !id_override => Err(ServiceError::Visitor(VisitorText::IdCheck {
            field,
            problem,
            key: None,
        })),
        _ => Ok(()),
    }
}

/// Checks the form against what is stored; returns the record as it will be.
fn apply(
    now: &Stored,
    edit: &VisitorEdit,
    service: Service,
) -> Result<(Stored, Vec<VisitorField>), ServiceError> {
    let mut next = now.clone();
    if let Some(phone) = &edit.phone {
        next.phone = clean_phone(phone).map_err(ServiceError::field(FieldName::Phone))?;
    }
    if let Some(name) = &edit.adverse_name {
        next.adverse_name =
            clean_text(name, false, NAME_MAX).map_err(ServiceError::field(FieldName::Adverse))?;
    }
    if let Some(id) = &edit.adverse_id {
        // Normalised as a resident ID number is (upper-case X, no spaces around), so the
        // conflict hint finds the same person whichever desk typed the number.
        next.adverse_id = idcard::normalise(
            &clean_text(id, false, ID_MAX).map_err(ServiceError::field(FieldName::Adverse))?,
        );
    }
    if let Some(number) = &edit.id_number {
        next.id_number =
            clean_text(number, false, ID_MAX).map_err(ServiceError::field(FieldName::IdNumber))?;
    }
    if next.id_number.is_empty() {
        // No number, no document: a type alone identifies nobody.
        next.id_type = None;
    } else {
        next.id_type = edit.id_type.or(now.id_type).or(Some(IdType::ResidentId));
        if next.id_type == Some(IdType::ResidentId) {
            next.id_number = idcard::normalise(&next.id_number);
        }
    }
    let id_changed = next.id_type != now.id_type || next.id_number != now.id_number;
    if id_changed && !service.needs_id() {
        return Err(ServiceError::Visitor(VisitorText::IdNotCollected));
    }
    if id_changed && next.id_type == Some(IdType::ResidentId) {
        check_resident_id(&next.id_number, VisitorField::IdNumber, edit.id_override)?;
    }
    // The adverse party's document type is not recorded: an 18-character number is taken to
    // be a resident ID card and checked the same way.
    if next.adverse_id != now.adverse_id && next.adverse_id.chars().count() == 18 {
        check_resident_id(&next.adverse_id, VisitorField::AdverseId, edit.id_override)?;
    }
    let mut fields = Vec::new();
    for (field, changed) in [
        (VisitorField::IdType, next.id_type != now.id_type),
        (VisitorField::IdNumber, next.id_number != now.id_number),
        (VisitorField::Phone, next.phone != now.phone),
        (
            VisitorField::AdverseName,
            next.adverse_name != now.adverse_name,
        ),
        (VisitorField::AdverseId, next.adverse_id != now.adverse_id),
    ] {
        if changed {
            fields.push(field);
        }
    }
    Ok((next, fields))
}

fn none_if_empty(text: &str) -> Option<&str> {
    Some(text).filter(|t| !t.is_empty())
}

/// Adds or corrects the visitor of `step_id`. The audit row names the ticket and the parts
/// changed, never the values: the audit log is append-only and kept for good, so personal
/// data written there could never be purged (SPEC §4; `service::purge`).
pub fn edit_visitor(
    conn: &mut Connection,
    actor: &Actor,
    step_id: i64,
    edit: &VisitorEdit,
    now: i64,
) -> Result<Edited, ServiceError> {
    write(conn, |tx| {
        let step = load_step(tx, step_id)?;
        check_editor(actor, &step)?;
        if touches_closed_date(tx, step.visit_id, step.visitor_id)? {
            return Err(ServiceError::DateClosed);
        }
        let current = stored(tx, step.visit_id)?;
        let (next, fields) = apply(&current, edit, step.service)?;
        let ticket = sanitize(&step.ticket);
        if fields.is_empty() {
            return Ok(Edited { ticket, fields });
        }
        let visitor_id = match step.visitor_id {
            Some(id) => id,
            // A visit without a visitor record (possible in old imports) gets one now.
            None => {
                tx.prepare_cached("INSERT INTO visitors (name) VALUES ('')")?
                    .execute([])?;
                let id = tx.last_insert_rowid();
                tx.prepare_cached("UPDATE visits SET visitor_id = ?2 WHERE id = ?1")?
                    .execute(params![step.visit_id, id])?;
                id
            }
        };
        tx.prepare_cached(
            "UPDATE visitors SET id_type = ?2, id_number = ?3, phone = ?4 WHERE id = ?1",
        )?
        .execute(params![
            visitor_id,
            next.id_type.map(|t| t.code()),
            none_if_empty(&next.id_number),
            none_if_empty(&next.phone),
        ])?;
        if next.adverse_name != current.adverse_name || next.adverse_id != current.adverse_id {
            tx.prepare_cached(
                "UPDATE visits SET adverse_name = ?2, adverse_id = ?3 WHERE id = ?1",
            )?
            .execute(params![
                step.visit_id,
                none_if_empty(&next.adverse_name),
                none_if_empty(&next.adverse_id),
            ])?;
        }
        let names: Vec<&str> = fields.iter().map(|f| f.code()).collect();
        let mut detail = format!("{ticket} {}", names.join(","));
        let fails = |number: &str| idcard::validate(number).is_err();
        let id_kept = (fields.contains(&VisitorField::IdType)
            || fields.contains(&VisitorField::IdNumber))
            && next.id_type == Some(IdType::ResidentId)
            && fails(&next.id_number);
        let adverse_kept = fields.contains(&VisitorField::AdverseId)
            && next.adverse_id.chars().count() == 18
            && fails(&next.adverse_id);
        let overridden = edit.id_override && (id_kept || adverse_kept);
        if overridden {
            // Kept despite a failed check: worth seeing when the record is questioned later.
            detail.push_str(" id_check_overridden");
        }
        audit::append(
            tx,
            now,
            Some(actor.staff_id),
            "edit_visitor",
            "visit",
            Some(step.visit_id),
            &detail,
        )?;
        Ok(Edited { ticket, fields })
    })
}

/// Whether the visit's visitor has an ID document on record (SPEC §10: required when a
/// legal-aid application is accepted).
pub fn has_id(conn: &Connection, visit_id: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT COALESCE(p.id_number, '') <> ''
           FROM visits v LEFT JOIN visitors p ON p.id = v.visitor_id WHERE v.id = ?1",
    )?
    .query_row([visit_id], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored_with_id(number: &str) -> Stored {
        Stored {
            id_type: Some(IdType::ResidentId),
            id_number: number.into(),
            ..Stored::default()
        }
    }

    #[test]
    fn nothing_typed_changes_nothing() {
        let now = stored_with_id("110101199003074514");
        let (next, fields) = apply(&now, &VisitorEdit::default(), Service::LegalAid).unwrap();
        assert_eq!(next, now);
        assert!(fields.is_empty());
    }

    #[test]
    fn a_new_resident_id_is_normalised_and_checked() {
        let edit = VisitorEdit {
            id_number: Some(" 11010519491231002x ".into()),
            ..VisitorEdit::default()
        };
        let (next, fields) = apply(&Stored::default(), &edit, Service::Notary).unwrap();
        assert_eq!(next.id_number, "11010519491231002X");
        assert_eq!(next.id_type, Some(IdType::ResidentId));
        assert_eq!(fields, vec![VisitorField::IdType, VisitorField::IdNumber]);
        let wrong = VisitorEdit {
            id_number: Some("110101199003074515".into()),
            ..VisitorEdit::default()
        };
        let err = apply(&Stored::default(), &wrong, Service::Notary).unwrap_err();
        assert!(
            matches!(
                err,
                ServiceError::Visitor(VisitorText::IdCheck {
                    field: VisitorField::IdNumber,
                    problem: idcard::IdProblem::CheckDigit('4'),
                    ..
                })
            ),
            "{err:?}"
        );
        let kept = VisitorEdit {
            id_override: true,
            ..wrong
        };
        let (next, _) = apply(&Stored::default(), &kept, Service::Notary).unwrap();
        assert_eq!(next.id_number, "110101199003074515");
    }

    #[test]
    fn emptying_the_number_removes_the_document() {
        let edit = VisitorEdit {
            id_number: Some(String::new()),
            ..VisitorEdit::default()
        };
        let now = stored_with_id("110101199003074514");
        let (next, fields) = apply(&now, &edit, Service::Mediation).unwrap();
        assert_eq!((next.id_type, next.id_number.as_str()), (None, ""));
        assert_eq!(fields, vec![VisitorField::IdType, VisitorField::IdNumber]);
    }

    #[test]
    fn other_documents_are_not_checked_as_resident_ids() {
        let edit = VisitorEdit {
            id_type: Some(IdType::Passport),
            id_number: Some("E12345678".into()),
            ..VisitorEdit::default()
        };
        let (next, _) = apply(&Stored::default(), &edit, Service::Notary).unwrap();
        assert_eq!(next.id_type, Some(IdType::Passport));
        // A kept number under a new type: switching to the resident ID card checks it.
        let now = next;
        let to_resident = VisitorEdit {
            id_type: Some(IdType::ResidentId),
            ..VisitorEdit::default()
        };
        assert!(apply(&now, &to_resident, Service::Notary).is_err());
    }

    #[test]
    fn consultations_never_collect_an_id() {
        let edit = VisitorEdit {
            id_number: Some("110101199003074514".into()),
            phone: Some("13812345678".into()),
            ..VisitorEdit::default()
        };
        let err = apply(&Stored::default(), &edit, Service::Consult).unwrap_err();
        assert!(matches!(
            err,
            ServiceError::Visitor(VisitorText::IdNotCollected)
        ));
        let phone_only = VisitorEdit {
            phone: Some("13812345678".into()),
            ..VisitorEdit::default()
        };
        let (_, fields) = apply(&Stored::default(), &phone_only, Service::Consult).unwrap();
        assert_eq!(fields, vec![VisitorField::Phone]);
    }

    #[test]
    fn bad_phone_and_long_adverse_party_are_refused() {
        let phone = VisitorEdit {
            phone: Some("138abc".into()),
            ..VisitorEdit::default()
        };
        assert!(matches!(
            apply(&Stored::default(), &phone, Service::LegalAid),
            Err(ServiceError::Field {
                field: FieldName::Phone,
                ..
            })
        ));
        let name = VisitorEdit {
            adverse_name: Some("某".repeat(NAME_MAX + 1)),
            ..VisitorEdit::default()
        };
        assert!(matches!(
            apply(&Stored::default(), &name, Service::LegalAid),
            Err(ServiceError::Field {
                field: FieldName::Adverse,
                ..
            })
        ));
    }
}
