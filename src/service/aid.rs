//! Legal-aid applications (SPEC §10): created when a legal-aid step finishes
//! `application_accepted`, then decided, supplemented, assigned or withdrawn by the legal-aid
//! desk or the supervisor. Every transition runs in one IMMEDIATE transaction with its audit
//! row; due dates are counted on the calendar in force (`domain::due`).

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::settings::Settings;
use super::{audit, authorize, write, Actor, Command, ServiceError};
use crate::domain::aid::{
    aid_transition, AdvanceGround, AidEvent, AidState, Material, RefusalReason,
};
use crate::domain::codes::Matter;
use crate::domain::due::{due_date, DayCount, Due, Pause};
use crate::domain::privacy::mask_name;
use crate::domain::text::{clean_text, sanitize, FieldProblem};

pub use crate::i18n::aid::{AidProblem, AidText};

/// Free text on an application (supplement list, refusal, 先行提供 note).
pub const NOTE_MAX: usize = 200;
/// The lawyer or law firm assigned.
pub const ASSIGNEE_MAX: usize = 60;
/// Days the assignment is due after the grant (法律援助法 Art. 43).
pub const ASSIGN_DAYS: u32 = 3;
/// Latest supplement deadline the desk can set, in days from today: catches a mistyped
/// year or month without refusing anything a desk would really give.
pub const DEADLINE_MAX_DAYS: i64 = 90;
/// How long a settled application stays on `aid list` by default.
pub const SETTLED_SHOWN_DAYS: i64 = 30;

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn parse(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

/// How the decision period is counted under these settings.
pub fn day_count(settings: &Settings) -> DayCount {
    if settings.decision_working_days {
        DayCount::Working
    } else {
        DayCount::Calendar
    }
}

fn decision_days(settings: &Settings) -> u32 {
    u32::try_from(settings.decision_days)
        .unwrap_or(7)
        .clamp(1, 365)
}

/// The supplement request of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplement {
    pub materials: Vec<Material>,
    pub note: String,
    pub requested: NaiveDate,
    pub deadline: NaiveDate,
    pub received: Option<NaiveDate>,
}

/// One application as stored, with the visit facts a desk needs (name already masked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub step_id: i64,
    pub ticket: String,
    pub visit_date: String,
    pub applicant: String,
    pub has_id: bool,
    pub matter: Matter,
    pub received_at: i64,
    pub received: NaiveDate,
    pub state: AidState,
    pub supplement: Option<Supplement>,
    pub decision: Option<AidState>,
    pub decided: Option<NaiveDate>,
    pub decision_due_frozen: Option<NaiveDate>,
    pub refusal: Option<(RefusalReason, String)>,
    pub assign_due_frozen: Option<NaiveDate>,
    pub assigned: Option<NaiveDate>,
    pub assignee: Option<String>,
    pub withdrawn: Option<NaiveDate>,
    pub lapsed: bool,
    pub advance: Option<(AdvanceGround, String)>,
}

const COLUMNS: &str = "a.id, a.step_id, v.ticket, v.business_date, COALESCE(p.name, ''),
    p.id_number IS NOT NULL AND p.id_number <> '', v.matter, a.received_at, a.received_date, a.state,
    a.supplement_materials, a.supplement_note, a.supplement_requested_date, a.supplement_deadline,
    a.supplement_received_date, a.decision, a.decided_date, a.decision_due, a.refusal_reason,
    a.refusal_note, a.assign_due, a.assigned_date, a.assignee, a.withdrawn_date, a.lapsed,
    a.advance_ground, a.advance_note
  FROM aid_applications a
  JOIN steps s ON s.id = a.step_id
  JOIN visits v ON v.id = s.visit_id
  LEFT JOIN visitors p ON p.id = v.visitor_id";

fn read(r: &Row) -> rusqlite::Result<Application> {
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

impl Application {
    /// The supplement pause as of the end of `as_of`: closed, open (still waiting for the
    /// materials), or none.
    fn pause_as_of(&self, as_of: NaiveDate) -> (Option<Pause>, bool) {
        match &self.supplement {
            Some(s) if s.requested <= as_of => match s.received.filter(|r| *r <= as_of) {
                Some(received) => (
                    Some(Pause {
                        requested: s.requested,
                        received,
                    }),
                    false,
                ),
                None => (None, true),
            },
            _ => (None, false),
        }
    }

    /// The decision due date as of the end of `as_of`; `None` while the clock is stopped for
    /// supplementing (with `supplement_pauses_clock`).
    pub fn decision_due(&self, settings: &Settings, as_of: NaiveDate) -> Option<Due> {
        let (pause, open) = self.pause_as_of(as_of);
        if open && settings.supplement_pauses_clock {
            return None;
        }
        let pauses: Vec<Pause> = pause
            .into_iter()
            .filter(|_| settings.supplement_pauses_clock)
            .collect();
        Some(due_date(
            &settings.calendar,
            self.received,
            decision_days(settings),
            day_count(settings),
            &pauses,
        ))
    }

    /// The assignment due date once granted: three days after the decision, counted the
    /// same way as the decision period.
    pub fn assign_due(&self, settings: &Settings) -> Option<Due> {
        let decided = self
            .decided
            .filter(|_| self.decision == Some(AidState::Granted))?;
        Some(due_date(
            &settings.calendar,
            decided,
            ASSIGN_DAYS,
            day_count(settings),
            &[],
        ))
    }

    /// The state at the end of `as_of` (dates after it not yet happened).
    pub fn state_as_of(&self, as_of: NaiveDate) -> Option<AidState> {
        if self.received > as_of {
            return None;
        }
        if self.withdrawn.is_some_and(|d| d <= as_of) {
            return Some(AidState::Withdrawn);
        }
        if self.assigned.is_some_and(|d| d <= as_of) {
            return Some(AidState::Assigned);
        }
        if let (Some(decision), Some(decided)) = (self.decision, self.decided) {
            if decided <= as_of {
                return Some(decision);
            }
        }
        match self.pause_as_of(as_of) {
            (_, true) => Some(AidState::Supplementing),
            _ => Some(AidState::Pending),
        }
    }

    /// Awaiting a decision at the end of `as_of`, past its due date.
    pub fn decision_overdue(&self, settings: &Settings, as_of: NaiveDate) -> bool {
        self.state_as_of(as_of)
            .is_some_and(AidState::awaiting_decision)
            && self
                .decision_due(settings, as_of)
                .is_some_and(|due| due.date < as_of)
    }

    /// Granted and not assigned at the end of `as_of`, past the three-day due date.
    pub fn assign_overdue(&self, settings: &Settings, as_of: NaiveDate) -> bool {
        self.state_as_of(as_of) == Some(AidState::Granted)
            && self
                .assign_due(settings)
                .is_some_and(|due| due.date < as_of)
    }
}

/// The decision due date of an application received at `received_at`, before any pause.
pub fn first_due(settings: &Settings, received_at: i64) -> NaiveDate {
    due_date(
        &settings.calendar,
        settings.zone.business_date(received_at),
        decision_days(settings),
        day_count(settings),
        &[],
    )
    .date
}

/// Creates the application of a legal-aid step that just finished `application_accepted`,
/// inside the finish's own transaction (or the import's), and audits it.
pub fn create(
    tx: &Connection,
    actor: Option<&Actor>,
    step_id: i64,
    received_at: i64,
    settings: &Settings,
) -> rusqlite::Result<i64> {
    let received = settings.zone.business_date(received_at);
    tx.prepare_cached(
        "INSERT INTO aid_applications (step_id, received_at, received_date) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![step_id, received_at, date_text(received)])?;
    let id = tx.last_insert_rowid();
    let due = first_due(settings, received_at);
    audit::append(
        tx,
        received_at,
        actor.map(|a| a.staff_id),
        "aid_accept",
        "aid_application",
        Some(id),
        &format!("step={step_id} due={}", date_text(due)),
    )?;
    Ok(id)
}

pub fn load(conn: &Connection, id: i64) -> Result<Application, ServiceError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} WHERE a.id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or(ServiceError::NotFound)
}

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
        &format!("{} {}", app.ticket, detail).trim_end().to_string(),
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

/// Which applications a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFilter {
    /// Open ones, and those settled in the last 30 days.
    Recent,
    /// Awaiting a decision (pending or supplementing).
    Pending,
    /// Past a due date: decision or assignment.
    Overdue,
}

/// An application as a list shows it on `today`, with its due dates worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AidRow {
    pub app: Application,
    /// The decision due date while awaiting the decision (None while paused for supplementing).
    pub due: Option<Due>,
    /// Days from today to the due date (negative when overdue).
    pub days_left: Option<i64>,
    pub assign_due: Option<Due>,
    pub overdue: bool,
}

impl AidRow {
    /// The "when" column: days left, overdue, the supplement deadline, the assignment date.
    pub fn when(&self) -> AidText {
        let row = self;
        use crate::domain::aid::AidState;
        let app = &row.app;
        match app.state {
            AidState::Supplementing => match (&app.supplement, &row.due) {
                (Some(s), None) => AidText::Deadline(s.deadline),
                (_, _) => days_text(row.days_left),
            },
            AidState::Pending | AidState::Granted => days_text(row.days_left),
            _ => AidText::Decided(
                app.assigned
                    .or(app.withdrawn)
                    .or(app.decided)
                    .unwrap_or(app.received),
            ),
        }
    }

    /// The detail lines of one application, as the screen shows the selected one.
    pub fn details(&self) -> Vec<AidText> {
        let row = self;
        let app = &row.app;
        let mut lines = vec![AidText::Received(app.received)];
        if let Some(due) = &row.due {
            lines.push(AidText::DueExplained(due.clone()));
        }
        if let Some(s) = &app.supplement {
            if s.received.is_none() {
                lines.push(AidText::Materials(s.materials.clone(), s.note.clone()));
            }
        }
        if let Some((ground, _)) = &app.advance {
            lines.push(AidText::Advance(*ground));
        }
        if let Some((reason, note)) = &app.refusal {
            lines.push(AidText::Refusal(*reason, note.clone()));
        }
        if let Some(assignee) = &app.assignee {
            lines.push(AidText::Assignee(assignee.clone()));
        }
        if let (true, Some(date)) = (app.lapsed, app.withdrawn) {
            lines.push(AidText::Lapsed(date));
        }
        lines
    }

    /// Sort key: overdue first, then pending by due date, supplementing by deadline, granted
    /// by assignment due date, then settled ones (latest first).
    fn order(&self) -> (u8, NaiveDate, i64) {
        let far = NaiveDate::MAX;
        match self.app.state {
            _ if self.overdue => (0, self.due.as_ref().map_or(far, |d| d.date), self.app.id),
            AidState::Pending => (1, self.due.as_ref().map_or(far, |d| d.date), self.app.id),
            AidState::Supplementing => (
                2,
                self.app.supplement.as_ref().map_or(far, |s| s.deadline),
                self.app.id,
            ),
            AidState::Granted => (
                3,
                self.assign_due.as_ref().map_or(far, |d| d.date),
                self.app.id,
            ),
            _ => (4, NaiveDate::MIN, -self.app.id),
        }
    }
}

fn days_text(left: Option<i64>) -> AidText {
    match left {
        Some(0) => AidText::DueToday,
        Some(n) if n < 0 => AidText::Overdue(-n),
        Some(n) => AidText::DaysLeft(n),
        None => AidText::Paused,
    }
}

/// Works out an application's due dates and flags as of `today`.
pub fn row(app: Application, settings: &Settings, today: NaiveDate) -> AidRow {
    let due = app
        .state
        .awaiting_decision()
        .then(|| app.decision_due(settings, today))
        .flatten();
    let assign_due = (app.decision == Some(AidState::Granted))
        .then(|| app.assign_due(settings))
        .flatten();
    let days_left = match app.state {
        AidState::Granted => assign_due.as_ref(),
        _ => due.as_ref(),
    }
    .map(|d| (d.date - today).num_days());
    let overdue = app.decision_overdue(settings, today) || app.assign_overdue(settings, today);
    AidRow {
        app,
        due,
        days_left,
        assign_due,
        overdue,
    }
}

/// The applications a desk works on, in the order of SPEC §10 (overdue first). Lapsed
/// supplements are applied first, so nobody acts on an application that no longer stands.
pub fn list(
    conn: &Connection,
    actor: Option<&Actor>,
    settings: &Settings,
    filter: ListFilter,
    now: i64,
) -> Result<Vec<AidRow>, ServiceError> {
    if let Some(actor) = actor {
        authorize(actor, Command::ViewAid)?;
    }
    let today = settings.zone.business_date(now);
    apply_lapses(conn, today, now)?;
    let since = date_text(today - Duration::days(SETTLED_SHOWN_DAYS));
    let sql = format!(
        "SELECT {COLUMNS}
          WHERE a.state = 'pending' OR a.state = 'supplementing' OR a.state = 'granted'
         UNION ALL
         SELECT {COLUMNS}
          WHERE a.state IN ('assigned','refused','withdrawn')
            AND COALESCE(a.assigned_date, a.withdrawn_date, a.decided_date) >= ?1"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let apps = stmt.query_map([since], read)?;
    let mut rows = Vec::new();
    for app in apps {
        let row = row(app?, settings, today);
        let keep = match filter {
            ListFilter::Recent => true,
            ListFilter::Pending => row.app.state.awaiting_decision(),
            ListFilter::Overdue => row.overdue,
        };
        if keep {
            rows.push(row);
        }
    }
    rows.sort_by_key(AidRow::order);
    Ok(rows)
}

/// For the hall summary: applications awaiting a decision, and how many are past due.
pub fn pending_counts(
    conn: &Connection,
    settings: &Settings,
    today: NaiveDate,
) -> rusqlite::Result<(i64, i64)> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} WHERE a.state = 'pending' OR a.state = 'supplementing'"
    ))?;
    let mut pending = 0;
    let mut overdue = 0;
    for app in stmt.query_map([], read)? {
        let app = app?;
        // A supplement past its deadline has lapsed, even before anyone applied it.
        if app.state == AidState::Supplementing
            && app.supplement.as_ref().is_some_and(|s| s.deadline < today)
        {
            continue;
        }
        pending += 1;
        if app.decision_overdue(settings, today) {
            overdue += 1;
        }
    }
    Ok((pending, overdue))
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
