//! The hall's tally printer as the settings describe it: which layout it takes
//! (`print_format`), the command that feeds it (`print_command`) and which printer or
//! transport (`printer`).

use rusqlite::Connection;

use super::settings;
use crate::print::Format;

/// How a tally is printed at this hall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyPrinter {
    /// A text layout (A4/PDF or a receipt width); CSV and JSON are not printer layouts.
    pub format: Format,
    pub command: Option<String>,
    pub printer: Option<String>,
}

impl TallyPrinter {
    /// The name the print's audit row records.
    pub fn audit_kind(&self) -> &'static str {
        match self.format {
            Format::Receipt80 => "receipt80",
            Format::Receipt58 => "receipt58",
            _ => "pdf",
        }
    }
}

/// The tally printer from the settings. A setting that cannot be read counts as unset, so a
/// print still goes to the default A4 spooler rather than failing.
pub fn tally_printer(conn: &Connection) -> TallyPrinter {
    let setting = |key: &str| settings::get(conn, key).ok().flatten();
    let format = setting("print_format")
        .as_deref()
        .and_then(Format::parse)
        .filter(|f| f.width().is_some())
        .unwrap_or(Format::A4);
    TallyPrinter {
        format,
        command: setting("print_command"),
        printer: setting("printer"),
    }
}
