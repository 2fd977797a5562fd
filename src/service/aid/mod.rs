//! Legal-aid applications (SPEC §10): created when a legal-aid step finishes
//! `application_accepted`, then decided, supplemented, assigned or withdrawn by the legal-aid
//! desk or the supervisor. Every transition runs in one IMMEDIATE transaction with its audit
//! row; due dates are counted on the calendar in force (`domain::due`).
//!
//! `record`: the stored application and its due dates; `moves`: the transitions; `list`: the
//! desk's list, the hall counts and the tally's read.

mod list;
mod moves;
mod notice;
mod record;

use chrono::NaiveDate;

use super::settings::Settings;
use crate::domain::due::DayCount;

pub use crate::i18n::aid::{AidProblem, AidText};
pub use list::{for_tally, list, pending_counts, row, sort_rows, AidRow, ListFilter};
pub use moves::{
    apply_lapses, assign, grant, mark_advance, materials_received, refuse, request_supplement,
    withdraw, SupplementRequest,
};
pub use notice::{notice, notice_lines, record_print, NoticeKind};
pub use record::{create, first_due, load, Application, Supplement};

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

pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse(text: Option<String>) -> Option<NaiveDate> {
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

pub(crate) fn decision_days(settings: &Settings) -> u32 {
    u32::try_from(settings.decision_days)
        .unwrap_or(7)
        .clamp(1, 365)
}
