//! The desk's list of applications, the hall summary's counts and the tally's read.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use super::super::settings::Settings;
use super::super::{authorize, Actor, Command, ServiceError};
use super::date_text;
use super::moves::apply_lapses;
use super::Application;
use super::SETTLED_SHOWN_DAYS;
use crate::db::aid::{read, COLUMNS};
use crate::domain::aid::AidState;
use crate::domain::due::Due;
use crate::i18n::aid::AidText;

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
            AidState::Pending => days_text(row.days_left),
            AidState::Granted => match (&row.assign_due, row.days_left) {
                (Some(due), Some(left)) if left >= 0 => AidText::AssignBy(due.date),
                _ => days_text(row.days_left),
            },
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
    sort_rows(&mut rows);
    Ok(rows)
}

/// The order of SPEC §10: overdue first, then pending by due date, supplementing by
/// deadline, granted by assignment date, then the settled ones, latest first.
pub fn sort_rows(rows: &mut [AidRow]) {
    rows.sort_by_key(AidRow::order);
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
