//! `legaldesk aid list [--pending|--overdue] [--format text|json]`: the legal-aid
//! applications (SPEC §10), overdue first, as the desk's screen orders them. Names are masked.
//! Supplements past their deadline are applied (视为撤回) before listing.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::CommandResult;
use crate::cli::AidCommand;
use crate::db;
use crate::domain::clock;
use crate::domain::due::{DayCount, Due};
use crate::domain::text::fit;

use crate::i18n::aid::AidText;
use crate::i18n::calendar::{DueExplained, Unpublished};
use crate::i18n::{Lang, Words};
use crate::service::aid::{self, AidRow, ListFilter};
use crate::service::settings;

#[derive(Serialize)]
struct Listing {
    as_of: String,
    applications: Vec<Item>,
}

#[derive(Serialize)]
struct DueItem {
    date: String,
    days: u32,
    count: &'static str,
    moved_from: Option<String>,
    paused_days: i64,
    unpublished: bool,
    explained: String,
}

#[derive(Serialize)]
struct SupplementItem {
    materials: Vec<&'static str>,
    note: String,
    requested: String,
    deadline: String,
    received: Option<String>,
}

#[derive(Serialize)]
struct CodeNote {
    code: &'static str,
    note: String,
}

#[derive(Serialize)]
struct Item {
    id: i64,
    ticket: String,
    visit_date: String,
    applicant: String,
    has_id: bool,
    matter: &'static str,
    state: &'static str,
    received: String,
    decision_due: Option<DueItem>,
    days_left: Option<i64>,
    overdue: bool,
    supplement: Option<SupplementItem>,
    advance: Option<CodeNote>,
    decision: Option<&'static str>,
    decided: Option<String>,
    refusal: Option<CodeNote>,
    assign_due: Option<DueItem>,
    assigned: Option<String>,
    assignee: Option<String>,
    withdrawn: Option<String>,
    lapsed: bool,
}

fn due_item(due: &Due, lang: Lang) -> DueItem {
    DueItem {
        date: due.date.to_string(),
        days: due.days,
        count: match due.count {
            DayCount::Calendar => "calendar",
            DayCount::Working => "working",
        },
        moved_from: due.moved_from.map(|d| d.to_string()),
        paused_days: due.paused_days,
        unpublished: due.unpublished,
        explained: DueExplained(due.clone()).text(lang),
    }
}

fn item(row: &AidRow, lang: Lang) -> Item {
    let app = &row.app;
    let text = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    Item {
        id: app.id,
        ticket: app.ticket.clone(),
        visit_date: app.visit_date.clone(),
        applicant: app.applicant.clone(),
        has_id: app.has_id,
        matter: app.matter.code(),
        state: app.state.code(),
        received: app.received.to_string(),
        decision_due: row.due.as_ref().map(|d| due_item(d, lang)),
        days_left: row.days_left,
        overdue: row.overdue,
        supplement: app.supplement.as_ref().map(|s| SupplementItem {
            materials: s.materials.iter().map(|m| m.code()).collect(),
            note: s.note.clone(),
            requested: s.requested.to_string(),
            deadline: s.deadline.to_string(),
            received: text(s.received),
        }),
        advance: app.advance.as_ref().map(|(g, note)| CodeNote {
            code: g.code(),
            note: note.clone(),
        }),
        decision: app.decision.map(|d| d.code()),
        decided: text(app.decided),
        refusal: app.refusal.as_ref().map(|(r, note)| CodeNote {
            code: r.code(),
            note: note.clone(),
        }),
        assign_due: row.assign_due.as_ref().map(|d| due_item(d, lang)),
        assigned: text(app.assigned),
        assignee: app.assignee.clone(),
        withdrawn: text(app.withdrawn),
        lapsed: app.lapsed,
    }
}

fn text_listing(rows: &[AidRow], lang: Lang) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        out.push_str(AidText::Empty.text(lang).trim_start());
        out.push('\n');
        return out;
    }
    for row in rows {
        let app = &row.app;
        let mut marks = Vec::new();
        if row.overdue {
            marks.push("!".to_string());
        }
        if app.advance.is_some() {
            marks.push(AidText::AdvanceMark.text(lang));
        }
        if !app.has_id {
            marks.push(AidText::NoIdMark.text(lang));
        }
        out.push_str(&format!(
            "{} {} {} {} {} {}\n",
            fit(&app.ticket, 6),
            app.received,
            fit(&app.applicant, 8),
            fit(&app.state.text(lang), 14),
            fit(&row.when().text(lang), 14),
            marks.join(" ")
        ));
        for line in row.details().into_iter().skip(1) {
            out.push_str(&format!("       {}\n", line.text(lang)));
        }
    }
    out
}

pub fn aid(path: &Path, command: AidCommand, lang: Lang) -> CommandResult {
    let AidCommand::List {
        pending,
        overdue,
        format,
    } = command;
    let json = match format.as_str() {
        "json" => true,
        "text" => false,
        other => {
            return Err(crate::i18n::cli::CliText::UnknownFormat {
                given: other.to_string(),
                choices: &["text", "json"],
            }
            .text(lang))
        }
    };
    let filter = match (pending, overdue) {
        (true, _) => ListFilter::Pending,
        (_, true) => ListFilter::Overdue,
        _ => ListFilter::Recent,
    };
    let conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let settings = settings::load(&conn).map_err(|e| super::tally::db_error(e, lang))?;
    let now = clock::now();
    let rows = aid::list(&conn, None, &settings, filter, now).map_err(|e| e.message(lang))?;
    let text = if json {
        let listing = Listing {
            as_of: settings.zone.business_date(now).to_string(),
            applications: rows.iter().map(|r| item(r, lang)).collect(),
        };
        let mut text = serde_json::to_string_pretty(&listing).map_err(|e| e.to_string())?;
        text.push('\n');
        text
    } else {
        text_listing(&rows, lang)
    };
    if rows
        .iter()
        .any(|r| r.due.as_ref().is_some_and(|d| d.unpublished))
    {
        eprintln!("legaldesk: {}", Unpublished.text(lang));
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .map_err(|e| e.to_string())
}
