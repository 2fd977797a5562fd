//! The ticket slip (取号单, SPEC §9.2) as ESC/POS bytes. It carries the ticket and nothing
//! about the visitor: the center's name, the ticket in large type, the service in the neutral
//! words of a setting, how many wait ahead, the date and time, the reminder line, 12348, and
//! optionally a QR code of the ticket and date. The struct has no field that could hold a
//! name, a phone or an ID, so no caller can put one on paper.

use super::spool::PrintError;
use super::thermal::Thermal;
use crate::i18n::print::PrintMsg;
use crate::i18n::{Lang, Words};

/// Paper width of the slip printer (setting `slip_width`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlipWidth {
    /// 58 mm paper, 32 columns.
    Mm58,
    /// 80 mm paper, 48 columns.
    Mm80,
}

impl SlipWidth {
    /// `58` or `80` (millimetres), or the columns `32` or `48`.
    pub fn parse(text: &str) -> Option<SlipWidth> {
        match text.trim().trim_end_matches("mm").trim() {
            "58" | "32" => Some(SlipWidth::Mm58),
            "80" | "48" => Some(SlipWidth::Mm80),
            _ => None,
        }
    }

    /// The value stored for the setting.
    pub fn code(self) -> &'static str {
        match self {
            SlipWidth::Mm58 => "58",
            SlipWidth::Mm80 => "80",
        }
    }

    pub fn cols(self) -> usize {
        match self {
            SlipWidth::Mm58 => 32,
            SlipWidth::Mm80 => 48,
        }
    }
}

/// What marks a slip that is not the first print of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlipMark {
    /// Printed again at the front desk (补打).
    Reprint,
    /// The sample of `legaldesk slip test`.
    Sample,
}

/// Everything a slip shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub center_name: String,
    pub ticket: String,
    /// The service in the words the center chose (setting `slip_service_text`).
    pub service_words: String,
    /// Tickets ahead in the same queue.
    pub ahead: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM` the ticket was taken.
    pub time: String,
    /// The reminder line (setting `slip_footer`); `None` for the default.
    pub footer: Option<String>,
    pub qr: bool,
    pub mark: Option<SlipMark>,
}

/// The ticket's letters in the largest type that fits the paper (at most 4 times).
fn ticket_scale(ticket: &str, cols: usize) -> u8 {
    let chars = crate::domain::text::width(ticket).max(1);
    (1..=4u8)
        .rev()
        .find(|s| chars * *s as usize <= cols)
        .unwrap_or(1)
}

/// The slip's bytes for a printer of `width`, its words in `lang`.
pub fn render(slip: &Slip, width: SlipWidth, lang: Lang) -> Result<Vec<u8>, PrintError> {
    let cols = width.cols();
    let mut doc = Thermal::new(cols)?;
    doc.centre(true)?;
    doc.bold(true)?.line(&slip.center_name)?.bold(false)?;
    if !slip.service_words.trim().is_empty() {
        doc.line(&slip.service_words)?;
    }
    doc.blank()?;
    doc.sized_lines(&slip.ticket, ticket_scale(&slip.ticket, cols))?;
    match slip.mark {
        Some(SlipMark::Reprint) => {
            doc.bold(true)?
                .line(&PrintMsg::Reprint.text(lang))?
                .bold(false)?;
        }
        Some(SlipMark::Sample) => {
            doc.bold(true)?
                .line(&PrintMsg::Sample.text(lang))?
                .bold(false)?;
        }
        None => {}
    }
    doc.blank()?;
    doc.sized_lines(&PrintMsg::WaitingAhead(slip.ahead.max(0)).text(lang), 2)?;
    doc.line(&format!("{} {}", slip.date, slip.time))?;
    if slip.qr {
        // The ticket and the date only: a phone that reads it learns nothing else.
        doc.qr(&format!("{} {}", slip.ticket, slip.date))?;
    }
    doc.blank()?;
    let footer = slip
        .footer
        .clone()
        .filter(|f| !f.trim().is_empty())
        .unwrap_or_else(|| PrintMsg::DefaultFooter.text(lang));
    doc.line(&footer)?;
    doc.line(&PrintMsg::Hotline.text(lang))?;
    doc.centre(false)?;
    doc.finish()
}
