//! The tally on paper and in files: text layouts by display width (A4 80 columns, 80 mm
//! receipt 48, 58 mm receipt 32), CSV and JSON; output encodings; and the spooler that sends a
//! printout to a printer. Pure apart from `spool`, which runs the print command.

mod csv;
pub mod encode;
pub mod layout;
pub mod spool;
mod text;

use chrono::NaiveDate;

pub use encode::{encode, EncodeError, Encoding};
pub use spool::{PrintError, PrintJob, Printer, Spooler};
pub use text::percent;

use crate::i18n::Lang;
use crate::tally::Tally;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A4 page, 80 columns.
    A4,
    /// 80 mm receipt, 48 columns.
    Receipt80,
    /// 58 mm receipt, 32 columns.
    Receipt58,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::A4,
        Format::Receipt80,
        Format::Receipt58,
        Format::Csv,
        Format::Json,
    ];

    /// The `--format` names: `text` (A4), `receipt80`, `receipt58`, `csv`, `json`.
    pub fn parse(text: &str) -> Option<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "text" | "a4" => Some(Format::A4),
            "receipt80" => Some(Format::Receipt80),
            "receipt58" => Some(Format::Receipt58),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// Display columns of a text layout; `None` for CSV and JSON.
    pub fn width(self) -> Option<usize> {
        match self {
            Format::A4 => Some(80),
            Format::Receipt80 => Some(48),
            Format::Receipt58 => Some(32),
            Format::Csv | Format::Json => None,
        }
    }
}

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
}

/// The tally in `format` and `lang`. Text layouts end every line with `\n` and no line is
/// wider than the format's width in display columns.
pub fn render(tally: &Tally, format: Format, lang: Lang, header: &Header) -> String {
    match format {
        Format::Json => {
            let mut json = tally.to_json();
            json.push('\n');
            json
        }
        Format::Csv => csv::render(tally, lang, header),
        text_format => text::render(tally, lang, header, text_format.width().unwrap_or(80)),
    }
}
