//! The tally on paper and in files: text layouts by display width (A4 80 columns, 80 mm
//! receipt 48, 58 mm receipt 32), CSV and JSON; the A4 layout as PDF with an embedded CJK font;
//! receipts and ticket slips as raw ESC/POS; output encodings; and the ways a printout reaches
//! a printer (the spooler for PDF, raw transports for thermal printers). Pure apart from
//! `spool` and `transport`, which talk to printers, and `fonts`, which reads the system's fonts.

mod csv;
pub mod encode;
pub mod figures;
pub mod fonts;
pub mod layout;
pub mod pdf;
mod sections;
pub mod slip;
pub mod spool;
mod text;
pub mod thermal;
pub mod transport;

pub use encode::{encode, EncodeError, Encoding};
pub use slip::{Slip, SlipMark, SlipWidth};
pub use spool::{PrintError, PrintJob, Printer, Spooler};
pub use text::percent;
pub use transport::Transport;

use crate::i18n::Lang;
use crate::tally::Tally;
/// The header types live with the tally (which builds them); re-exported here because every
/// printout takes one.
pub use crate::tally::{Closer, Header};

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
    /// The A4 layout as a PDF file.
    Pdf,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::A4,
        Format::Pdf,
        Format::Receipt80,
        Format::Receipt58,
        Format::Csv,
        Format::Json,
    ];

    /// The `--format` names: `text` (A4), `pdf` (A4), `receipt80`, `receipt58`, `csv`, `json`.
    pub fn parse(text: &str) -> Option<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "text" | "a4" => Some(Format::A4),
            "pdf" => Some(Format::Pdf),
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
            Format::A4 | Format::Pdf => Some(80),
            Format::Receipt80 => Some(48),
            Format::Receipt58 => Some(32),
            Format::Csv | Format::Json => None,
        }
    }
}

/// The tally in `format` and `lang`. Text layouts end every line with `\n` and no line is
/// wider than the format's width in display columns. For `Pdf` this is the A4 text the PDF
/// sets on its pages ([`tally_pdf`] makes the file).
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

/// The A4 tally as a PDF in a CJK font found on this machine (embedded as a subset).
pub fn tally_pdf(tally: &Tally, lang: Lang, header: &Header) -> Result<Vec<u8>, PrintError> {
    let text = render(tally, Format::A4, lang, header);
    let font = fonts::find_cjk_font().map_err(PrintError::Font)?;
    let title = format!("{} {}..{}", header.center_name, tally.from, tally.to);
    pdf::render(&text, &font, lang, &title).map_err(PrintError::Pdf)
}

/// Any A4 text (lines of at most 80 columns) as a PDF in a CJK font found on this machine:
/// the applicant's notices of the legal-aid desk print this way.
pub fn text_pdf(text: &str, lang: Lang, title: &str) -> Result<Vec<u8>, PrintError> {
    let font = fonts::find_cjk_font().map_err(PrintError::Font)?;
    pdf::render(text, &font, lang, title).map_err(PrintError::Pdf)
}

/// A receipt-width tally (`Receipt80`, `Receipt58`) as ESC/POS bytes for a thermal printer.
pub fn tally_receipt(
    tally: &Tally,
    format: Format,
    lang: Lang,
    header: &Header,
) -> Result<Vec<u8>, PrintError> {
    let cols = format.width().unwrap_or(48);
    thermal::receipt(&render(tally, format, lang, header), cols)
}
