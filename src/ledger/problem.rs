//! What can be wrong with a ledger file, each problem tied to its line and column. Their
//! words in both languages are in `i18n::ledger`.

use super::columns::Col;
use crate::domain::idcard::IdProblem;
use crate::i18n::{Lang, Words};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Bytes that are not UTF-8; `gbk` when they read as GBK (suggest `--encoding gbk`).
    NotUtf8 {
        gbk: bool,
    },
    NotGbk,
    NoHeader,
    MissingColumn,
    UnknownColumn(String),
    DuplicateColumn,
    /// A record with another number of fields than the header: almost always broken quoting.
    FieldCount {
        expected: usize,
        found: usize,
    },
    Csv(String),
    Required,
    /// Required because of another column's value (`status` = done, `outcome` = returned…).
    RequiredWhen {
        col: Col,
        value: &'static str,
    },
    /// Must be empty unless another column has a value.
    OnlyWhen {
        col: Col,
        value: &'static str,
    },
    BadDate,
    BadTime,
    /// A local time that does not exist in the center's time zone (a clock change).
    NoSuchLocalTime,
    BadNumber,
    OutOfRange,
    UnknownCode(String),
    /// An outcome code that the step's service does not have.
    OutcomeNotOfService(String),
    BadTicket,
    BadCode,
    BadPhone,
    TooLong {
        max: usize,
    },
    IdNumber(IdProblem),
    BeforeVisitDate,
    /// This time is earlier than the time in `col` (same row).
    TimeOrder {
        earlier_than: Col,
    },
    SeqRepeated,
    SeqGap {
        expected: i64,
    },
    /// A visit-level column differs from the visit's row on `first_line`.
    VisitDisagrees {
        first_line: u64,
    },
    /// A referred or returned step without the step after it.
    NeedsNextStep,
    ReturnedNotToConsult,
    /// Queued before the previous step (on `previous_line`) finished.
    BeforePreviousStep {
        previous_line: u64,
    },
    TicketExists,
    DateClosed,
}

/// One problem at one place of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the file (the header is line 1).
    pub line: u64,
    pub column: Option<Col>,
    pub problem: Problem,
}

impl RowError {
    pub fn new(line: u64, column: Option<Col>, problem: Problem) -> RowError {
        RowError {
            line,
            column,
            problem,
        }
    }

    /// `第 12 行，列 queued_at：…` / `line 12, column queued_at: …` (words in `i18n::ledger`).
    pub fn message(&self, lang: Lang) -> String {
        self.text(lang)
    }
}
