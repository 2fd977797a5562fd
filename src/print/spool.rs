//! Sending a printout to a printer through the system spooler. The spooler is a command that
//! reads the job on stdin: `lp` by default, or the setting `print_command` / the environment
//! variable `LEGALDESK_PRINT_COMMAND` (tests use a fake script), split into words as a POSIX
//! shell would (`shlex`) but run without one. A job blocks until the
//! spooler has taken it, so callers with a screen run it on a thread ([`PrintJob::spawn`]);
//! a failure comes back as an error to show, never a panic.

use std::io::Write;
use std::process::{Command, Stdio};

use super::encode::EncodeError;
use super::fonts::FontError;
use super::pdf::PdfError;

use crate::i18n::print::PrintMsg;
use crate::i18n::{Lang, Words};

/// Something that prints bytes.
pub trait Printer: Send {
    fn print(&self, data: &[u8]) -> Result<(), PrintError>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintError {
    /// The printer name is not a plain name (it would be read as an option).
    BadPrinterName(String),
    /// The spooler command could not be started.
    NoSpooler {
        program: String,
        detail: String,
    },
    /// The spooler refused the job: its exit status and what it said.
    Refused {
        status: Option<i32>,
        stderr: String,
    },
    Io(String),
    /// `print_command` has unbalanced quotes.
    BadCommand(String),
    /// A printer setting that names no transport (§9.2).
    BadTransport(String),
    /// A printer's device file could not be written.
    Device {
        path: String,
        detail: String,
    },
    /// A network printer could not be reached or did not take the job.
    Network {
        address: String,
        detail: String,
    },
    /// Text that GB18030 cannot carry, for a thermal printer.
    Encoding(EncodeError),
    /// No CJK font for the PDF.
    Font(FontError),
    Pdf(PdfError),
}

impl PrintError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PrintError::BadPrinterName(name), _) => {
                PrintMsg::BadPrinterName { name: name.clone() }.text(lang)
            }
            (PrintError::NoSpooler { program, detail }, _) => PrintMsg::NoSpooler {
                program: program.clone(),
                detail: detail.clone(),
            }
            .text(lang),
            (PrintError::Refused { status, stderr }, _) => PrintMsg::Refused {
                status: *status,
                said: stderr.clone(),
            }
            .text(lang),
            (PrintError::Io(detail), _) => PrintMsg::PrintIoFailed {
                detail: detail.clone(),
            }
            .text(lang),
            (PrintError::BadCommand(command), _) => PrintMsg::BadCommand {
                given: command.clone(),
            }
            .text(lang),
            (PrintError::BadTransport(given), _) => PrintMsg::BadTransport {
                given: given.clone(),
            }
            .text(lang),
            (PrintError::Device { path, detail }, _) => PrintMsg::DeviceFailed {
                path: path.clone(),
                detail: detail.clone(),
            }
            .text(lang),
            (PrintError::Network { address, detail }, _) => PrintMsg::NetworkFailed {
                address: address.clone(),
                detail: detail.clone(),
            }
            .text(lang),
            (PrintError::Encoding(e), _) => e.message(lang),
            (PrintError::Font(e), _) => e.message().text(lang),
            (PrintError::Pdf(e), _) => e.message().text(lang),
        }
    }
}

/// The system spooler: `PROGRAM [ARGS…] [-d PRINTER]`, the job on stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spooler {
    pub program: String,
    pub args: Vec<String>,
}

impl Spooler {
    /// The command from `LEGALDESK_PRINT_COMMAND`, else the `print_command` setting, else `lp`;
    /// with `-d PRINTER` when a printer is named. The command is split into words as a shell
    /// would (quotes keep a path with spaces whole) and run without a shell.
    pub fn configured(setting: Option<&str>, printer: Option<&str>) -> Result<Spooler, PrintError> {
        let env = std::env::var("LEGALDESK_PRINT_COMMAND").ok();
        let command = env
            .as_deref()
            .or(setting)
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or("lp");
        let mut words = split_command(command)?.into_iter();
        let program = words.next().unwrap_or_else(|| "lp".into());
        let mut args: Vec<String> = words.collect();
        if let Some(name) = printer.map(str::trim).filter(|n| !n.is_empty()) {
            check_printer_name(name)?;
            args.push("-d".into());
            args.push(name.to_string());
        }
        Ok(Spooler { program, args })
    }
}

/// A command line split into words as a POSIX shell would, without running one; unbalanced
/// quotes are an error, not a guess.
pub fn split_command(command: &str) -> Result<Vec<String>, PrintError> {
    shlex::split(command)
        .filter(|words| !words.is_empty())
        .ok_or_else(|| PrintError::BadCommand(command.to_string()))
}

/// Printer names as CUPS allows them, and never starting with `-`.
pub fn check_printer_name(name: &str) -> Result<(), PrintError> {
    let ok = !name.starts_with('-')
        && name.len() <= 127
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '+'));
    if ok {
        Ok(())
    } else {
        Err(PrintError::BadPrinterName(name.to_string()))
    }
}

impl Printer for Spooler {
    fn print(&self, data: &[u8]) -> Result<(), PrintError> {
        let mut child = Command::new(&self.program)
            .args(&self.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| PrintError::NoSpooler {
                program: self.program.clone(),
                detail: e.to_string(),
            })?;
        // A spooler that exits early closes the pipe; its exit status says why, so a write
        // error is reported only when the spooler claims success.
        let written = child.stdin.take().map(|mut stdin| stdin.write_all(data));
        let output = child
            .wait_with_output()
            .map_err(|e| PrintError::Io(e.to_string()))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(PrintError::Refused {
                status: output.status.code(),
                stderr: stderr.chars().take(300).collect(),
            });
        }
        match written {
            Some(Err(e)) => Err(PrintError::Io(e.to_string())),
            _ => Ok(()),
        }
    }
}

/// A print job that owns everything it needs, so it can run on another thread.
pub struct PrintJob {
    pub printer: Box<dyn Printer>,
    pub data: Vec<u8>,
}

impl PrintJob {
    pub fn run(self) -> Result<(), PrintError> {
        self.printer.print(&self.data)
    }

    /// Runs the job on its own thread; the handle's result is the job's.
    pub fn spawn(self) -> std::thread::JoinHandle<Result<(), PrintError>> {
        std::thread::spawn(move || self.run())
    }
}
