//! The columns of the ledger CSV, in the order export writes them (formats/ledger.md), and
//! reading a header row: any order, required ones present, no unknown or repeated names.

use super::problem::{Problem, RowError};

/// One column of the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    VisitDate,
    Ticket,
    Seq,
    Service,
    Channel,
    Lane,
    Urgent,
    Matter,
    Parties,
    VisitorName,
    Phone,
    IdNumber,
    Summary,
    QueuedAt,
    CalledAt,
    StartedAt,
    FinishedAt,
    Status,
    Outcome,
    Reason,
    Window,
    Staff,
    AmountRecovered,
    Quantity,
    Rating,
    Note,
}

impl Col {
    pub const ALL: [Col; 26] = [
        Col::VisitDate,
        Col::Ticket,
        Col::Seq,
        Col::Service,
        Col::Channel,
        Col::Lane,
        Col::Urgent,
        Col::Matter,
        Col::Parties,
        Col::VisitorName,
        Col::Phone,
        Col::IdNumber,
        Col::Summary,
        Col::QueuedAt,
        Col::CalledAt,
        Col::StartedAt,
        Col::FinishedAt,
        Col::Status,
        Col::Outcome,
        Col::Reason,
        Col::Window,
        Col::Staff,
        Col::AmountRecovered,
        Col::Quantity,
        Col::Rating,
        Col::Note,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Col::VisitDate => "visit_date",
            Col::Ticket => "ticket",
            Col::Seq => "seq",
            Col::Service => "service",
            Col::Channel => "channel",
            Col::Lane => "lane",
            Col::Urgent => "urgent",
            Col::Matter => "matter",
            Col::Parties => "parties",
            Col::VisitorName => "visitor_name",
            Col::Phone => "phone",
            Col::IdNumber => "id_number",
            Col::Summary => "summary",
            Col::QueuedAt => "queued_at",
            Col::CalledAt => "called_at",
            Col::StartedAt => "started_at",
            Col::FinishedAt => "finished_at",
            Col::Status => "status",
            Col::Outcome => "outcome",
            Col::Reason => "reason",
            Col::Window => "window",
            Col::Staff => "staff",
            Col::AmountRecovered => "amount_recovered",
            Col::Quantity => "quantity",
            Col::Rating => "rating",
            Col::Note => "note",
        }
    }

    /// Columns the header must have (the others may be left out: empty means "none").
    pub fn required(self) -> bool {
        matches!(
            self,
            Col::VisitDate
                | Col::Ticket
                | Col::Seq
                | Col::Service
                | Col::Channel
                | Col::Lane
                | Col::Matter
                | Col::QueuedAt
                | Col::Status
        )
    }

    fn from_name(name: &str) -> Option<Col> {
        Col::ALL.iter().copied().find(|c| c.name() == name)
    }
}

/// The header line of export.
pub fn header_names() -> Vec<&'static str> {
    Col::ALL.iter().map(|c| c.name()).collect()
}

/// Where each column is in the file's records.
#[derive(Debug, Clone)]
pub struct Layout {
    positions: [Option<usize>; 26],
    pub len: usize,
}

impl Layout {
    /// Reads the header row (line `line`), reporting every problem with it.
    pub fn read(names: &csv::StringRecord, line: u64) -> Result<Layout, Vec<RowError>> {
        let mut positions = [None; 26];
        let mut errors = Vec::new();
        for (index, raw) in names.iter().enumerate() {
            let name = raw.trim();
            match Col::from_name(name) {
                Some(col) if positions[col as usize].is_some() => {
                    errors.push(RowError::new(line, Some(col), Problem::DuplicateColumn));
                }
                Some(col) => positions[col as usize] = Some(index),
                None => errors.push(RowError::new(
                    line,
                    None,
                    Problem::UnknownColumn(name.to_string()),
                )),
            }
        }
        for col in Col::ALL {
            if col.required() && positions[col as usize].is_none() {
                errors.push(RowError::new(line, Some(col), Problem::MissingColumn));
            }
        }
        if errors.is_empty() {
            Ok(Layout {
                positions,
                len: names.len(),
            })
        } else {
            Err(errors)
        }
    }

    /// The trimmed cell of `col` in `record`; empty when the column is absent.
    pub fn cell<'r>(&self, record: &'r csv::StringRecord, col: Col) -> &'r str {
        self.positions[col as usize]
            .and_then(|i| record.get(i))
            .map(str::trim)
            .unwrap_or("")
    }
}
