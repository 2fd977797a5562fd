//! What a printout says about itself besides the figures: the center, the dates, who closed
//! a single date. Built by [`super::header`] from the database; every print format takes one.

use chrono::NaiveDate;

/// Who closed a single date, for the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closer {
    /// Staff code; `None` when the administrator closed it from the command line.
    pub by: Option<String>,
    /// Local `YYYY-MM-DD HH:MM`.
    pub at: String,
    /// Snapshot version: 1 for the close, higher after amendments.
    pub version: i64,
}

/// What the printout says about itself besides the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub center_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: i64,
    pub closed_days: i64,
    /// For a single closed date.
    pub closer: Option<Closer>,
    /// Staff codes with their names, so paper shows people by name and code.
    pub staff_names: Vec<(String, String)>,
}

impl Header {
    /// The name of the staff member with `code`, if known.
    pub fn staff_name(&self, code: &str) -> Option<&str> {
        self.staff_names
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, name)| name.as_str())
    }
}
