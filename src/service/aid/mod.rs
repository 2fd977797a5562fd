//! Legal-aid applications (SPEC §10): created when a legal-aid step finishes
//! `application_accepted`, then decided, supplemented, assigned or withdrawn by the legal-aid
//! desk or the supervisor. Every transition runs in one IMMEDIATE transaction with its audit
//! row; due dates are counted on the calendar in force (`domain::due`).
//!
//! The application and its due dates are `domain::application`, reading rows `db::aid` (the
//! tally reads through it too); `record`: creating and loading one; `moves`: the transitions;
//! `list`: the desk's list and the hall counts.

mod list;
mod moves;
mod notice;
mod record;

use chrono::NaiveDate;

pub use crate::db::aid::for_tally;
pub use crate::domain::application::{day_count, first_due, Application, Supplement, ASSIGN_DAYS};
pub use crate::i18n::aid::{AidProblem, AidText};
pub use list::{list, pending_counts, row, sort_rows, AidRow, ListFilter};
pub use moves::{
    apply_lapses, assign, grant, mark_advance, materials_received, refuse, request_supplement,
    withdraw, SupplementRequest,
};
pub use notice::{notice, notice_lines, record_print, NoticeKind};
pub use record::{create, load};

/// Free text on an application (supplement list, refusal, 先行提供 note).
pub const NOTE_MAX: usize = 200;
/// The lawyer or law firm assigned.
pub const ASSIGNEE_MAX: usize = 60;
/// Latest supplement deadline the desk can set, in days from today: catches a mistyped
/// year or month without refusing anything a desk would really give.
pub const DEADLINE_MAX_DAYS: i64 = 90;
/// How long a settled application stays on `aid list` by default.
pub const SETTLED_SHOWN_DAYS: i64 = 30;

pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}
