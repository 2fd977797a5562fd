//! What can go wrong in a command. The words for the counter are in `i18n::service`.

use crate::domain::codes::StepStatus;
use crate::domain::state::RefusedTransition;
use crate::domain::text::FieldProblem;
use crate::i18n::service::{DbProblem, ErrorText};
pub use crate::i18n::service::{FieldName, Problem};
use crate::i18n::{Lang, Words};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not permitted")]
    Denied,
    #[error("field {field:?}: {problem:?}")]
    Field {
        field: FieldName,
        problem: FieldProblem,
    },
    #[error("step is {0}")]
    WrongState(StepStatus),
    #[error("nothing is waiting")]
    QueueEmpty,
    #[error("already taken by another window")]
    AlreadyTaken,
    #[error("not found")]
    NotFound,
    #[error("wrong PIN")]
    WrongPin { remaining: i64 },
    #[error("account locked")]
    Locked,
    #[error("too many attempts; wait {0} s")]
    BackOff(i64),
    #[error("already exists: {0}")]
    Exists(String),
    #[error("invalid: {0:?}")]
    Invalid(Problem),
    #[error("date is closed")]
    DateClosed,
    /// A refusal of the edit-visitor action or of its legal-aid rule, with its own words.
    #[error("{0:?}")]
    Visitor(crate::i18n::visitor::VisitorText),
    /// A rating refused (SPEC §2, §9.3).
    #[error("rating: {0:?}")]
    Rating(crate::i18n::rating::RatingProblem),
    /// A follow-up that cannot be closed as asked (SPEC §9.4).
    #[error("follow-up: {0:?}")]
    FollowUp(crate::i18n::followup::FollowUpText),
    /// A legal-aid application action refused (SPEC §10).
    #[error("legal aid: {0:?}")]
    Aid(crate::i18n::aid::AidProblem),
    #[error("window pause: {0:?}")]
    Pause(crate::i18n::pause::PauseProblem),
    #[error("hall: {0:?}")]
    Hall(crate::i18n::board::HallProblem),
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("appointment: {0:?}")]
    Appointment(crate::i18n::appointments::ApptProblem),
}

impl From<RefusedTransition> for ServiceError {
    fn from(refused: RefusedTransition) -> Self {
        ServiceError::WrongState(refused.from)
    }
}

impl ServiceError {
    pub fn field(field: FieldName) -> impl Fn(FieldProblem) -> ServiceError {
        move |problem| ServiceError::Field { field, problem }
    }

    /// What to tell the counter, as a value that becomes words when drawn or printed.
    pub fn words(&self) -> ErrorText {
        match self {
            ServiceError::Denied => ErrorText::Denied,
            ServiceError::Field { field, problem } => ErrorText::Field {
                field: *field,
                problem: *problem,
            },
            ServiceError::WrongState(status) => ErrorText::WrongState(*status),
            ServiceError::QueueEmpty => ErrorText::QueueEmpty,
            ServiceError::AlreadyTaken => ErrorText::AlreadyTaken,
            ServiceError::NotFound => ErrorText::NotFound,
            ServiceError::WrongPin { .. } => ErrorText::WrongPin {
                lock_after: crate::service::staff::LOCK_AFTER,
            },
            ServiceError::Locked => ErrorText::Locked,
            ServiceError::BackOff(s) => ErrorText::BackOff(*s),
            ServiceError::Exists(what) => ErrorText::Exists(what.clone()),
            ServiceError::Invalid(problem) => ErrorText::Invalid(*problem),
            ServiceError::DateClosed => ErrorText::DateClosed,
            ServiceError::Visitor(text) => ErrorText::Visitor(text.clone()),
            ServiceError::Rating(problem) => ErrorText::Rating(*problem),
            ServiceError::FollowUp(text) => ErrorText::FollowUp(text.clone()),
            ServiceError::Aid(problem) => ErrorText::Aid(*problem),
            ServiceError::Pause(problem) => ErrorText::Pause(*problem),
            ServiceError::Hall(problem) => ErrorText::Hall(*problem),
            ServiceError::Appointment(problem) => ErrorText::Appointment(problem.clone()),
            ServiceError::Db(e) => ErrorText::Db(db_problem(e)),
        }
    }

    /// One clear line for the status bar or stderr.
    pub fn message(&self, lang: Lang) -> String {
        self.words().text(lang)
    }
}

/// Sorts a database error into what the counter can act on.
fn db_problem(error: &rusqlite::Error) -> DbProblem {
    use rusqlite::ErrorCode;
    if let rusqlite::Error::SqliteFailure(failure, detail) = error {
        match failure.code {
            ErrorCode::DiskFull => return DbProblem::DiskFull,
            ErrorCode::ReadOnly => return DbProblem::ReadOnly,
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return DbProblem::Busy,
            ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => return DbProblem::Corrupt,
            _ => {}
        }
        // The triggers that guard closed dates say so in their message.
        if detail.as_deref().is_some_and(|d| d.contains("closed")) {
            return DbProblem::DateClosed;
        }
    }
    DbProblem::Other(error.to_string())
}
