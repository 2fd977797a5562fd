//! The transitions of an application, each in one IMMEDIATE transaction with its audit row.

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, OptionalExtension};

use super::super::settings::Settings;
use super::super::{audit, authorize, write, Actor, Command, ServiceError};
use super::date_text;
use super::{load, Application};
use super::{ASSIGNEE_MAX, DEADLINE_MAX_DAYS, NOTE_MAX};
use crate::domain::aid::{
    aid_transition, AdvanceGround, AidEvent, AidState, Material, RefusalReason,
};
use crate::domain::due::Due;
use crate::domain::text::{clean_text, FieldProblem};
use crate::i18n::aid::AidProblem;

/// Loads, authorises and checks one move inside the caller's transaction; the new state.
fn begin(
    tx: &Connection,
    actor: &Actor,
    id: i64,
    event: AidEvent,
) -> Result<(Application, AidState), ServiceError> {
    authorize(actor, Command::DecideAid)?;
    let app = load(tx, id)?;
    let to = aid_transition(app.state, event).map_err(|refused| {
        ServiceError::Aid(AidProblem::WrongState {
            state: refused.from,
            event: refused.event,
        })
    })?;
    Ok((app, to))
}

/// The guarded update of one move: the row must still be in the state it was read in.
fn apply(
    tx: &Connection,
    app: &Application,
    set: &str,
    values: &[&dyn rusqlite::ToSql],
) -> Result<(), ServiceError> {
    let sql = format!("UPDATE aid_applications SET {set} WHERE id = ?1 AND state = ?2",);
    let mut all: Vec<&dyn rusqlite::ToSql> = vec![&app.id, &app.state];
    all.extend_from_slice(values);
    let changed = tx.execute(&sql, all.as_slice())?;
    if changed != 1 {
        return Err(ServiceError::Aid(AidProblem::Changed));
    }
    Ok(())
}

impl rusqlite::ToSql for AidState {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

fn record(
    tx: &Connection,
    actor: Option<&Actor>,
    event: AidEvent,
    app: &Application,
    detail: &str,
    now: i64,
) -> rusqlite::Result<()> {
    audit::append(
        tx,
        now,
        actor.map(|a| a.staff_id),
        event.name(),
        "aid_application",
        Some(app.id),
        format!("{} {}", app.ticket, detail).trim_end(),
    )
}

fn note(text: &str, required: bool) -> Result<String, ServiceError> {
    clean_text(text, required, NOTE_MAX).map_err(|problem| match problem {
        FieldProblem::Empty => ServiceError::Aid(AidProblem::NoteRequired),
        _ => ServiceError::Aid(AidProblem::NoteTooLong { max: NOTE_MAX }),
    })
}

/// 一次性告知: every missing material at once, with the date the desk sets for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplementRequest {
    pub materials: Vec<Material>,
    pub note: String,
    pub deadline: String,
}

pub fn request_supplement(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    request: &SupplementRequest,
    settings: &Settings,
    now: i64,
) -> Result<NaiveDate, ServiceError> {
    let today = settings.zone.business_date(now);
    let note = note(&request.note, false)?;
    if request.materials.is_empty() && note.is_empty() {
        return Err(ServiceError::Aid(AidProblem::NoMaterials));
    }
    let deadline = crate::domain::clock::parse_date(&request.deadline)
        .filter(|_| request.deadline.trim().len() == 10)
        .ok_or(ServiceError::Aid(AidProblem::BadDeadline))?;
    if deadline < today {
        return Err(ServiceError::Aid(AidProblem::DeadlinePast));
    }
    if deadline > today + Duration::days(DEADLINE_MAX_DAYS) {
        return Err(ServiceError::Aid(AidProblem::DeadlineTooFar {
            max_days: DEADLINE_MAX_DAYS,
        }));
    }
    let mut materials = request.materials.clone();
    materials.sort();
    materials.dedup();
    let codes: Vec<&str> = materials.iter().map(|m| m.code()).collect();
    let codes = codes.join(",");
    write(conn, |tx| {
        let (app, to) = begin(tx, actor, id, AidEvent::RequestSupplement)?;
        if app.supplement.is_some() {
            return Err(ServiceError::Aid(AidProblem::AlreadyAsked));
        }
        apply(
            tx,
            &app,
            "state = ?3, supplement_materials = ?4, supplement_note = ?5,
             supplement_requested_date = ?6, supplement_deadline = ?7",
            &[
                &to,
                &codes,
                &Some(note.clone()).filter(|n| !n.is_empty()),
                &date_text(today),
                &date_text(deadline),
            ],
        )?;
        record(
            tx,
            Some(actor),
            AidEvent::RequestSupplement,
            &app,
            &format!("deadline={} materials={codes}", date_text(deadline)),
            now,
        )?;
        Ok(deadline)
    })
}

/// The materials came in: back to pending, the clock running again from the next day.
pub fn materials_received(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    settings: &Settings,
    now: i64,
) -> Result<Option<Due>, ServiceError> {
    let today = settings.zone.business_date(now);
    write(conn, |tx| {
        let (mut app, to) = begin(tx, actor, id, AidEvent::MaterialsReceived)?;
        if app.supplement.as_ref().is_some_and(|s| s.deadline < today) {
            // Past the deadline it has already lapsed (视为撤回), even if the list has not
            // been opened since.
            return Err(ServiceError::Aid(AidProblem::Lapsed));
        }
        apply(
            tx,
            &app,
            "state = ?3, supplement_received_date = ?4",
            &[&to, &date_text(today)],
        )?;
        record(tx, Some(actor), AidEvent::MaterialsReceived, &app, "", now)?;
        if let Some(s) = app.supplement.as_mut() {
            s.received = Some(today);
        }
        app.state = to;
        Ok(app.decision_due(settings, today))
    })
}

/// 给予法律援助: the decision, measured against the due date in force; the assignment is due
/// three days later.
pub fn grant(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    settings: &Settings,
    now: i64,
) -> Result<Due, ServiceError> {
    let today = settings.zone.business_date(now);
    write(conn, |tx| {
        let (mut app, to) = begin(tx, actor, id, AidEvent::Grant)?;
        let due = app.decision_due(settings, today).map(|d| date_text(d.date));
        app.decision = Some(AidState::Granted);
        app.decided = Some(today);
        let assign = app
            .assign_due(settings)
            .ok_or(ServiceError::Aid(AidProblem::Changed))?;
        apply(
            tx,
            &app,
            "state = ?3, decision = 'granted', decided_at = ?4, decided_date = ?5, decision_due = ?6,
             assign_due = ?7",
            &[&to, &now, &date_text(today), &due, &date_text(assign.date)],
        )?;
        record(
            tx,
            Some(actor),
            AidEvent::Grant,
            &app,
            &format!("assign_due={}", date_text(assign.date)),
            now,
        )?;
        Ok(assign)
    })
}

/// 不予法律援助, with its reason (text required for `other`).
pub fn refuse(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    reason: RefusalReason,
    text: &str,
    settings: &Settings,
    now: i64,
) -> Result<(), ServiceError> {
    let today = settings.zone.business_date(now);
    let text = note(text, reason == RefusalReason::Other)?;
    write(conn, |tx| {
        let (app, to) = begin(tx, actor, id, AidEvent::Refuse)?;
        let due = app.decision_due(settings, today).map(|d| date_text(d.date));
        apply(
            tx,
            &app,
            "state = ?3, decision = 'refused', decided_at = ?4, decided_date = ?5, decision_due = ?6,
             refusal_reason = ?7, refusal_note = ?8",
            &[
                &to,
                &now,
                &date_text(today),
                &due,
                &reason.code(),
                &Some(text.clone()).filter(|t| !t.is_empty()),
            ],
        )?;
        record(
            tx,
            Some(actor),
            AidEvent::Refuse,
            &app,
            &format!("reason={}", reason.code()),
            now,
        )?;
        Ok(())
    })
}

/// 指派: the lawyer or law firm taking the case.
pub fn assign(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    assignee: &str,
    settings: &Settings,
    now: i64,
) -> Result<(), ServiceError> {
    let today = settings.zone.business_date(now);
    let assignee = clean_text(assignee, true, ASSIGNEE_MAX).map_err(|p| match p {
        FieldProblem::Empty => ServiceError::Aid(AidProblem::AssigneeRequired),
        _ => ServiceError::Aid(AidProblem::AssigneeTooLong { max: ASSIGNEE_MAX }),
    })?;
    write(conn, |tx| {
        let (app, to) = begin(tx, actor, id, AidEvent::Assign)?;
        apply(
            tx,
            &app,
            "state = ?3, assigned_date = ?4, assignee = ?5",
            &[&to, &date_text(today), &assignee],
        )?;
        record(tx, Some(actor), AidEvent::Assign, &app, "", now)?;
        Ok(())
    })
}

/// The applicant withdraws (撤回).
pub fn withdraw(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    settings: &Settings,
    now: i64,
) -> Result<(), ServiceError> {
    let today = settings.zone.business_date(now);
    write(conn, |tx| {
        let (app, to) = begin(tx, actor, id, AidEvent::Withdraw)?;
        apply(
            tx,
            &app,
            "state = ?3, withdrawn_date = ?4",
            &[&to, &date_text(today)],
        )?;
        record(tx, Some(actor), AidEvent::Withdraw, &app, "", now)?;
        Ok(())
    })
}

/// 先行提供法律援助 (Art. 44) with its ground; text required for `other`. Recorded once.
pub fn mark_advance(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    ground: AdvanceGround,
    text: &str,
    settings: &Settings,
    now: i64,
) -> Result<(), ServiceError> {
    let today = settings.zone.business_date(now);
    let text = note(text, ground == AdvanceGround::Other)?;
    write(conn, |tx| {
        let (app, to) = begin(tx, actor, id, AidEvent::MarkAdvance)?;
        if app.advance.is_some() {
            return Err(ServiceError::Aid(AidProblem::AdvanceAlready));
        }
        apply(
            tx,
            &app,
            "state = ?3, advance_ground = ?4, advance_note = ?5, advance_date = ?6",
            &[
                &to,
                &ground.code(),
                &Some(text.clone()).filter(|t| !t.is_empty()),
                &date_text(today),
            ],
        )?;
        record(
            tx,
            Some(actor),
            AidEvent::MarkAdvance,
            &app,
            &format!("ground={}", ground.code()),
            now,
        )?;
        Ok(())
    })
}

/// Applications whose supplement deadline has passed without the materials become withdrawn
/// (视为撤回) on the day after the deadline. Run when the list is loaded and at day close;
/// recorded in the audit log with no staff member. Returns how many lapsed.
pub fn apply_lapses(conn: &Connection, today: NaiveDate, now: i64) -> Result<usize, ServiceError> {
    let due_sql = "SELECT id FROM aid_applications
                    WHERE state = 'supplementing' AND supplement_deadline < ?1";
    let any: Option<i64> = conn
        .prepare_cached(due_sql)?
        .query_row([date_text(today)], |r| r.get(0))
        .optional()?;
    if any.is_none() {
        return Ok(0);
    }
    let work = |tx: &Connection| -> Result<usize, ServiceError> {
        let ids: Vec<i64> = tx
            .prepare_cached(due_sql)?
            .query_map([date_text(today)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in &ids {
            let app = load(tx, *id)?;
            let Some(supplement) = &app.supplement else {
                continue;
            };
            let effective = supplement.deadline + Duration::days(1);
            apply(
                tx,
                &app,
                "state = 'withdrawn', withdrawn_date = ?3, lapsed = 1",
                &[&date_text(effective)],
            )?;
            record(
                tx,
                None,
                AidEvent::Lapse,
                &app,
                &format!("deadline={}", date_text(supplement.deadline)),
                now,
            )?;
        }
        Ok(ids.len())
    };
    if conn.is_autocommit() {
        let tx =
            rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        let n = work(&tx)?;
        tx.commit()?;
        Ok(n)
    } else {
        work(conn)
    }
}
