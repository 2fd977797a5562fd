//! Where raw ESC/POS bytes go (SPEC §9.2): a device file (`/dev/usb/lp0`), a network printer
//! (`tcp:HOST:9100`, the raw port every network thermal printer listens on), or a CUPS queue
//! (`lp:QUEUE`, sent as `lp -d QUEUE -o raw` so no filter touches the bytes). The lp command
//! is run without a shell.

use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

use super::spool::{check_printer_name, PrintError, Printer, Spooler};

/// How long a network printer may take to answer or to take the bytes.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The raw-printing port (JetDirect/AppSocket).
pub const RAW_PORT: u16 = 9100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    Device(PathBuf),
    Tcp { host: String, port: u16 },
    Lp(String),
}

impl Transport {
    /// Reads a printer setting: `/dev/usb/lp0` (any absolute path), `tcp:HOST[:PORT]` (IPv6
    /// in brackets), `lp:QUEUE`. With `bare_is_queue`, a plain name is a CUPS queue too (the
    /// `--printer` of a receipt).
    pub fn parse(text: &str, bare_is_queue: bool) -> Result<Transport, PrintError> {
        let text = text.trim();
        let bad = || PrintError::BadTransport(text.to_string());
        if let Some(rest) = text.strip_prefix("tcp:") {
            let (host, port) = split_host_port(rest).ok_or_else(bad)?;
            return Ok(Transport::Tcp { host, port });
        }
        if let Some(queue) = text.strip_prefix("lp:") {
            if queue.is_empty() {
                return Err(bad());
            }
            check_printer_name(queue).map_err(|_| bad())?;
            return Ok(Transport::Lp(queue.to_string()));
        }
        if text.starts_with('/') && !text.ends_with('/') && !text.chars().any(char::is_control) {
            return Ok(Transport::Device(PathBuf::from(text)));
        }
        if bare_is_queue && !text.is_empty() && check_printer_name(text).is_ok() {
            return Ok(Transport::Lp(text.to_string()));
        }
        Err(bad())
    }

    /// The printer that sends bytes this way; `print_command` replaces `lp` as for A4 jobs.
    pub fn printer(&self, print_command: Option<&str>) -> Result<Box<dyn Printer>, PrintError> {
        Ok(match self {
            Transport::Device(path) => Box::new(Device(path.clone())),
            Transport::Tcp { host, port } => Box::new(Network {
                host: host.clone(),
                port: *port,
            }),
            Transport::Lp(queue) => {
                let mut spooler = Spooler::configured(print_command, Some(queue))?;
                spooler.args.extend(["-o".to_string(), "raw".to_string()]);
                Box::new(spooler)
            }
        })
    }

    /// How the setting reads back, for messages.
    pub fn describe(&self) -> String {
        match self {
            Transport::Device(path) => path.display().to_string(),
            Transport::Tcp { host, port } if host.contains(':') => format!("tcp:[{host}]:{port}"),
            Transport::Tcp { host, port } => format!("tcp:{host}:{port}"),
            Transport::Lp(queue) => format!("lp:{queue}"),
        }
    }
}

/// Where a receipt (raw ESC/POS) goes: the named printer read as a transport (a plain name is
/// a CUPS queue), or without one the spooler's default destination, raw.
pub fn receipt_printer(
    name: Option<&str>,
    print_command: Option<&str>,
) -> Result<Box<dyn Printer>, PrintError> {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => Transport::parse(name, true)?.printer(print_command),
        None => {
            let mut spooler = Spooler::configured(print_command, None)?;
            spooler.args.extend(["-o".to_string(), "raw".to_string()]);
            Ok(Box::new(spooler))
        }
    }
}

/// `HOST`, `HOST:PORT`, `[V6]` or `[V6]:PORT`.
fn split_host_port(text: &str) -> Option<(String, u16)> {
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        match after.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => return None,
        }
    } else {
        match text.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (text, None),
        }
    };
    let port = match port {
        Some(p) => p.parse::<u16>().ok().filter(|p| *p > 0)?,
        None => RAW_PORT,
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
    host_ok.then(|| (host.to_string(), port))
}

/// A printer's device file (USB or parallel); it must exist: a missing device is a printer
/// that is not connected, never a new file.
struct Device(PathBuf);

impl Printer for Device {
    fn print(&self, data: &[u8]) -> Result<(), PrintError> {
        let fail = |e: std::io::Error| PrintError::Device {
            path: self.0.display().to_string(),
            detail: e.to_string(),
        };
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&self.0)
            .map_err(fail)?;
        file.write_all(data).map_err(fail)?;
        file.flush().map_err(fail)
    }
}

/// A network printer's raw port.
struct Network {
    host: String,
    port: u16,
}

impl Printer for Network {
    fn print(&self, data: &[u8]) -> Result<(), PrintError> {
        let address = format!("{}:{}", self.host, self.port);
        let fail = |e: std::io::Error| PrintError::Network {
            address: address.clone(),
            detail: e.to_string(),
        };
        let addresses: Vec<_> = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(fail)?
            .collect();
        let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no address");
        for addr in addresses {
            match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
                Ok(mut stream) => {
                    stream
                        .set_write_timeout(Some(WRITE_TIMEOUT))
                        .map_err(fail)?;
                    stream.write_all(data).map_err(fail)?;
                    stream.flush().map_err(fail)?;
                    // Half-close: the printer sees the end of the job.
                    let _ = stream.shutdown(std::net::Shutdown::Write);
                    return Ok(());
                }
                Err(e) => last = e,
            }
        }
        Err(fail(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_their_transport() {
        assert_eq!(
            Transport::parse("/dev/usb/lp0", false),
            Ok(Transport::Device("/dev/usb/lp0".into()))
        );
        assert_eq!(
            Transport::parse("tcp:192.168.1.50:9100", false),
            Ok(Transport::Tcp {
                host: "192.168.1.50".into(),
                port: 9100
            })
        );
        assert_eq!(
            Transport::parse("tcp:printer.hall", false),
            Ok(Transport::Tcp {
                host: "printer.hall".into(),
                port: 9100
            })
        );
        assert_eq!(
            Transport::parse("tcp:[::1]:9101", false),
            Ok(Transport::Tcp {
                host: "::1".into(),
                port: 9101
            })
        );
        assert_eq!(
            Transport::parse("lp:Hall_Slips", false),
            Ok(Transport::Lp("Hall_Slips".into()))
        );
        assert_eq!(
            Transport::parse("Hall_Slips", true),
            Ok(Transport::Lp("Hall_Slips".into()))
        );
        for bad in [
            "",
            "Hall_Slips",
            "tcp:",
            "tcp:host:0",
            "tcp:host:99999",
            "tcp:ho st:9100",
            "lp:-o",
            "lp:",
            "/dev/",
            "usb",
        ] {
            assert!(Transport::parse(bad, false).is_err(), "{bad:?}");
        }
    }
}
