//! ESC/POS documents for thermal printers (58 mm: 32 columns, 80 mm: 48), built with the
//! `escpos` crate into memory and sent raw by a transport. Text is GB18030 with the printer in
//! Chinese mode (`FS &`), so a CJK character takes two columns as it does in our layouts.
//! Every text passes `sanitize` first: a control character in a center name would otherwise be
//! a printer command.

use std::cell::RefCell;
use std::rc::Rc;

use escpos::driver::Driver;
use escpos::printer::Printer;
use escpos::utils::{
    Encoder, JustifyMode, Protocol, QRCodeCorrectionLevel, QRCodeModel, QRCodeOption,
};

use super::encode::{encode, Encoding};
use super::layout::wrap;
use super::spool::PrintError;
use crate::domain::text::sanitize;
use crate::domain::text::width;

/// `FS &`: select Chinese (double-byte) character mode.
pub const CHINESE_MODE: &[u8] = &[0x1C, b'&'];

/// Collects what the printer would be sent.
#[derive(Clone, Default)]
struct Memory(Rc<RefCell<Vec<u8>>>);

impl Driver for Memory {
    fn name(&self) -> String {
        "memory".into()
    }

    fn write(&self, data: &[u8]) -> escpos::errors::Result<()> {
        self.0.borrow_mut().extend_from_slice(data);
        Ok(())
    }

    fn read(&self, _buf: &mut [u8]) -> escpos::errors::Result<usize> {
        Ok(0)
    }

    fn flush(&self) -> escpos::errors::Result<()> {
        Ok(())
    }
}

fn failed(e: escpos::errors::PrinterError) -> PrintError {
    PrintError::Io(e.to_string())
}

/// A document being written for a printer `cols` columns wide.
pub struct Thermal {
    printer: Printer<Memory>,
    out: Memory,
    cols: usize,
}

impl Thermal {
    /// A new document: the printer reset, then Chinese mode.
    pub fn new(cols: usize) -> Result<Thermal, PrintError> {
        let out = Memory::default();
        let protocol = Protocol::new(Encoder::new(encoding_rs::GB18030));
        let mut printer = Printer::new(out.clone(), protocol, None);
        printer
            .init()
            .and_then(|p| p.custom(CHINESE_MODE))
            .map_err(failed)?;
        Ok(Thermal { printer, out, cols })
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Lines that follow are centred by the printer.
    pub fn centre(&mut self, on: bool) -> Result<&mut Self, PrintError> {
        let mode = if on {
            JustifyMode::CENTER
        } else {
            JustifyMode::LEFT
        };
        self.printer.justify(mode).map_err(failed)?;
        Ok(self)
    }

    pub fn bold(&mut self, on: bool) -> Result<&mut Self, PrintError> {
        self.printer.bold(on).map_err(failed)?;
        Ok(self)
    }

    /// One line as laid out (at most `cols` columns), or wrapped to fit.
    pub fn line(&mut self, text: &str) -> Result<&mut Self, PrintError> {
        self.sized_lines(text, 1)
    }

    /// `text` in type `scale` times as wide and high (`GS !`), wrapped to what fits.
    pub fn sized_lines(&mut self, text: &str, scale: u8) -> Result<&mut Self, PrintError> {
        let scale = scale.clamp(1, 8);
        let text = sanitize(text);
        // Check the whole text first, so the error names every character GB18030 lacks.
        encode(&text, Encoding::Gb18030).map_err(PrintError::Encoding)?;
        if scale > 1 {
            self.printer.size(scale, scale).map_err(failed)?;
        }
        let room = (self.cols / scale as usize).max(2);
        let lines = if width(&text) <= room {
            vec![text.trim_end().to_string()]
        } else {
            wrap(&text, room)
        };
        for line in lines {
            self.printer.writeln(line.trim_end()).map_err(failed)?;
        }
        if scale > 1 {
            self.printer.reset_size().map_err(failed)?;
        }
        Ok(self)
    }

    pub fn blank(&mut self) -> Result<&mut Self, PrintError> {
        self.printer.feed().map_err(failed)?;
        Ok(self)
    }

    /// A QR code (`GS ( k`) holding `data`.
    pub fn qr(&mut self, data: &str) -> Result<&mut Self, PrintError> {
        let size = if self.cols >= 48 { 6 } else { 5 };
        self.printer
            .qrcode_option(
                data,
                QRCodeOption::new(QRCodeModel::Model2, size, QRCodeCorrectionLevel::M),
            )
            .map_err(failed)?;
        Ok(self)
    }

    /// Feeds the paper past the cutter, cuts, and returns the bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, PrintError> {
        self.printer
            .feeds(3)
            .and_then(|p| p.print_cut())
            .map_err(failed)?;
        drop(self.printer);
        Ok(self.out.0.take())
    }
}

/// A text printout (a receipt-width tally) as ESC/POS: its lines as laid out, the first
/// (centred) title lines in bold, then a cut.
pub fn receipt(text: &str, cols: usize) -> Result<Vec<u8>, PrintError> {
    let mut doc = Thermal::new(cols)?;
    let mut in_title = true;
    for line in text.lines() {
        // The title block ends at the first rule; it is printed bold.
        if in_title && line.starts_with('=') {
            in_title = false;
            doc.bold(false)?;
        } else if in_title {
            doc.bold(true)?;
        }
        doc.line(line)?;
    }
    doc.bold(false)?;
    doc.finish()
}
