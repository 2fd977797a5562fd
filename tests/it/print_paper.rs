//! Paper that comes out right on real printers (SPEC §9.2, §12).
//!
//! - ESC/POS slips and receipts, read back by a decoder of our own: GB18030 text decodes to
//!   the expected Chinese, Chinese mode comes first, the ticket is in large type, every line
//!   fits 32/48 columns at its type size, a cut ends the job, and no visitor's name, phone or
//!   ID is anywhere in the bytes. The decoded listing is a golden snapshot.
//! - Each transport for real: a device file and a FIFO, a TCP listener on 127.0.0.1, and
//!   `lp:` through a fake `lp` first on PATH that records its argv.
//! - A slip at intake never waits for the printer: a FIFO nobody reads holds the job while the
//!   ticket stands; the reprint is audited.
//! - The real spooler end to end: the tally printed to a CUPS queue that runs CUPS's own PDF
//!   filters into a file, read back with `pdftotext`; and `--format pdf --output` in zh and
//!   en. These need CUPS and poppler-utils (`scripts/cups-queue.sh`): with env `CI` set they
//!   fail when missing; without it they say so and skip.
//! - With no CJK font visible (fontconfig pointed at an empty directory), the error names the
//!   package to install and nothing is printed or written.

use crate::common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthStr;

use legaldesk::app::effect::{Effect, Outcome};
use legaldesk::app::perform::perform;
use legaldesk::app::state::State;
use legaldesk::domain::codes::{IdType, Service};
use legaldesk::i18n::Lang;
use legaldesk::print::{self, Format, PrintError, Slip, SlipMark, SlipWidth, Transport};
use legaldesk::service::intake::{self, IntakeInput};

// ---- an ESC/POS reader -----------------------------------------------------------------

/// What a thermal printer would do with the bytes.
#[derive(Debug, Default)]
struct Paper {
    /// Printed lines: text and the type scale (GS !) it was printed at.
    lines: Vec<(String, u8)>,
    /// A readable listing of every command and line, for the golden snapshot.
    listing: Vec<String>,
    chinese_mode_at: Option<usize>,
    first_non_ascii_at: Option<usize>,
    qr: Vec<String>,
    cuts: usize,
    /// Whether anything came after the cut.
    after_cut: bool,
    max_scale: u8,
}

fn decode(bytes: &[u8]) -> Paper {
    let mut paper = Paper::default();
    let mut text: Vec<u8> = Vec::new();
    let mut scale = 1u8;
    let mut line_scale = 1u8;
    let mut i = 0;
    let end_line = |paper: &mut Paper, text: &mut Vec<u8>, scale: u8| {
        let (words, _, bad) = encoding_rs::GB18030.decode(text);
        assert!(!bad, "bytes that are not GB18030: {text:02X?}");
        paper.listing.push(format!("TEXT x{scale} |{words}|"));
        paper.lines.push((words.into_owned(), scale));
        text.clear();
    };
    while i < bytes.len() {
        let b = bytes[i];
        if paper.cuts > 0 {
            paper.after_cut = true;
        }
        match b {
            0x1B..=0x1D => {
                let cmd = bytes
                    .get(i + 1)
                    .copied()
                    .expect("a command byte after ESC/FS/GS");
                let arg = bytes.get(i + 2).copied();
                match (b, cmd) {
                    (0x1B, b'@') => {
                        paper.listing.push("ESC @ (reset)".into());
                        i += 2;
                    }
                    (0x1C, b'&') => {
                        paper.chinese_mode_at.get_or_insert(i);
                        paper.listing.push("FS & (Chinese mode)".into());
                        i += 2;
                    }
                    (0x1B, b'a') => {
                        paper.listing.push(format!("ESC a {}", arg.unwrap()));
                        i += 3;
                    }
                    (0x1B, b'E') => {
                        paper.listing.push(format!("ESC E {}", arg.unwrap()));
                        i += 3;
                    }
                    (0x1B, b'd') => {
                        let n = arg.unwrap();
                        if !text.is_empty() || n > 0 {
                            end_line(&mut paper, &mut text, line_scale.max(scale));
                        }
                        line_scale = scale;
                        for _ in 1..n {
                            paper.listing.push("FEED".into());
                        }
                        i += 3;
                    }
                    (0x1D, b'!') => {
                        let n = arg.unwrap();
                        scale = ((n >> 4) + 1).max((n & 0x0F) + 1);
                        // A line is as large as the largest type used on it.
                        line_scale = if text.is_empty() {
                            scale
                        } else {
                            line_scale.max(scale)
                        };
                        paper.max_scale = paper.max_scale.max(scale);
                        paper.listing.push(format!("GS ! {n:#04x} (x{scale})"));
                        i += 3;
                    }
                    (0x1D, b'(') => {
                        assert_eq!(arg, Some(b'k'), "only GS ( k is expected");
                        let len = bytes[i + 3] as usize + 256 * bytes[i + 4] as usize;
                        let body = &bytes[i + 5..i + 5 + len];
                        if body.starts_with(&[49, 80, 48]) {
                            let data = String::from_utf8(body[3..].to_vec()).unwrap();
                            paper.listing.push(format!("QR data |{data}|"));
                            paper.qr.push(data);
                        } else {
                            paper.listing.push(format!("GS ( k {body:?}"));
                        }
                        i += 5 + len;
                    }
                    (0x1D, b'V') => {
                        paper.cuts += 1;
                        paper.listing.push("GS V (cut)".into());
                        // Function B (m = 65/66) carries a feed amount.
                        i += if matches!(arg, Some(65) | Some(66)) {
                            4
                        } else {
                            3
                        };
                        paper.after_cut = false;
                        continue;
                    }
                    other => panic!("unexpected command {other:02X?} at {i}"),
                }
            }
            0x0A => {
                end_line(&mut paper, &mut text, line_scale.max(scale));
                line_scale = scale;
                i += 1;
            }
            b if b < 0x20 => panic!("stray control byte {b:#04x} at {i}"),
            b => {
                if b >= 0x80 {
                    paper.first_non_ascii_at.get_or_insert(i);
                }
                text.push(b);
                i += 1;
            }
        }
    }
    assert!(text.is_empty(), "text left without a line end");
    paper
}

impl Paper {
    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Lines joined without breaks (a wrapped name reads whole).
    fn joined(&self) -> String {
        self.lines.iter().map(|(t, _)| t.trim()).collect()
    }

    fn assert_fits(&self, cols: usize) {
        for (line, scale) in &self.lines {
            assert!(
                line.width() * *scale as usize <= cols,
                "{line:?} at x{scale} is wider than {cols} columns"
            );
        }
    }

    fn assert_well_formed(&self) {
        let chinese = self.chinese_mode_at.expect("FS & (Chinese mode)");
        if let Some(first) = self.first_non_ascii_at {
            assert!(
                chinese < first,
                "Chinese mode must come before any Chinese text"
            );
        }
        assert_eq!(self.cuts, 1, "one cut");
        assert!(!self.after_cut, "the cut ends the job");
    }
}

/// No visitor data in any encoding a printer could receive.
fn assert_no_personal_data(bytes: &[u8], secrets: &[&str]) {
    for secret in secrets {
        let gb = encoding_rs::GB18030.encode(secret).0.into_owned();
        for needle in [gb.as_slice(), secret.as_bytes()] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{secret} is in the bytes"
            );
        }
    }
}

const LONG_NAME: &str = "某某自治县人民政府司法局公共法律服务中心（一站式综合服务大厅）";

fn sample_slip(mark: Option<SlipMark>, qr: bool) -> Slip {
    Slip {
        center_name: LONG_NAME.into(),
        ticket: "Y012".into(),
        service_words: "综合服务".into(),
        ahead: 7,
        date: "2026-11-23".into(),
        time: "09:15".into(),
        footer: None,
        qr,
        mark,
    }
}

// ---- slips and receipts ----------------------------------------------------------------

#[test]
fn slip_bytes_read_back_as_the_slip() {
    for width in [SlipWidth::Mm58, SlipWidth::Mm80] {
        let bytes =
            print::slip::render(&sample_slip(Some(SlipMark::Reprint), true), width, Lang::Zh)
                .unwrap();
        let paper = decode(&bytes);
        paper.assert_well_formed();
        paper.assert_fits(width.cols());
        let text = paper.text();
        assert!(paper.joined().contains(LONG_NAME), "{text}");
        for expected in [
            "综合服务",
            "前方等待 7 人",
            "2026-11-23 09:15",
            "请留意叫号屏，过号请到服务台",
            "12348",
            "（补打）",
        ] {
            assert!(text.contains(expected), "{width:?}: no {expected}\n{text}");
        }
        // The ticket alone on its line, in large type.
        let (ticket, scale) = paper
            .lines
            .iter()
            .find(|(t, _)| t.trim() == "Y012")
            .expect("the ticket line");
        assert!(*scale >= 3, "{ticket} at x{scale}");
        assert_eq!(paper.qr, vec!["Y012 2026-11-23".to_string()]);
        if width == SlipWidth::Mm80 {
            insta::assert_snapshot!("slip_80mm_reprint", paper.listing.join("\n"));
        }
    }
    // Without QR there is none; without a mark no 补打; English words in English.
    let paper =
        decode(&print::slip::render(&sample_slip(None, false), SlipWidth::Mm58, Lang::En).unwrap());
    assert!(paper.qr.is_empty());
    let text = paper.text();
    assert!(
        !text.contains("补打") && text.contains("7 waiting ahead"),
        "{text}"
    );
}

#[test]
fn a_slip_of_a_real_ticket_carries_nothing_personal() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    legaldesk::service::settings::set(&conn, "slip_qr", "1").unwrap();
    let desk = common::front_desk(&mut conn);
    // Two ahead at legal aid, one at another service that does not count.
    common::issue(&mut conn, &desk, Service::LegalAid, "甲", common::opening());
    common::issue(
        &mut conn,
        &desk,
        Service::LegalAid,
        "乙",
        common::opening() + 1,
    );
    common::issue(
        &mut conn,
        &desk,
        Service::Consult,
        "丙",
        common::opening() + 2,
    );
    let input = IntakeInput {
        phone: "13912345678".into(),
        id_type: IdType::ResidentId,
        id_number: "110101199003074514".into(),
        summary: "秘密摘要".into(),
        adverse_name: "诸葛孔明".into(),
        ..common::visitor(Service::LegalAid, "欧阳娜娜")
    };
    let issued = intake::issue_ticket(
        &mut conn,
        &desk,
        &input,
        &common::settings(),
        common::opening() + 65,
    )
    .unwrap();
    let slips = legaldesk::service::slip::load(&conn).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let slip = legaldesk::service::slip::slip_for_step(
            &conn,
            &common::settings(),
            &slips,
            issued.step_id,
            lang,
            None,
        )
        .unwrap();
        assert_eq!(slip.ahead, 2);
        assert_eq!(slip.time, "09:01");
        let bytes = print::slip::render(&slip, slips.width, lang).unwrap();
        let paper = decode(&bytes);
        paper.assert_well_formed();
        assert!(paper.text().contains(&issued.ticket));
        assert_eq!(paper.qr, vec![format!("{} {}", issued.ticket, common::DAY)]);
        assert_no_personal_data(
            &bytes,
            &[
                "欧阳",
                "娜娜",
                "13912345678",
                "5678",
                "110101199003074514",
                "秘密",
                "诸葛",
            ],
        );
    }
}

#[test]
fn receipt_bytes_read_back_as_the_receipt() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    let desk = common::front_desk(&mut conn);
    let input = IntakeInput {
        phone: "13912345678".into(),
        ..common::visitor(Service::Consult, "欧阳娜娜")
    };
    intake::issue_ticket(
        &mut conn,
        &desk,
        &input,
        &common::settings(),
        common::opening(),
    )
    .unwrap();
    let day = chrono::NaiveDate::parse_from_str(common::DAY, "%Y-%m-%d").unwrap();
    let (tally, header) = legaldesk::tally::report(&conn, &common::settings(), day, day).unwrap();
    for (format, cols) in [(Format::Receipt58, 32), (Format::Receipt80, 48)] {
        let bytes = print::tally_receipt(&tally, format, Lang::Zh, &header).unwrap();
        let paper = decode(&bytes);
        paper.assert_well_formed();
        paper.assert_fits(cols);
        // The receipt is the text layout, line for line.
        let expected = print::render(&tally, format, Lang::Zh, &header);
        let printed: Vec<&str> = paper.lines.iter().map(|(t, _)| t.as_str()).collect();
        for line in expected.lines() {
            assert!(printed.contains(&line), "{format:?}: missing {line:?}");
        }
        let text = paper.text();
        assert!(
            text.contains("日结统计表") && text.contains("负责人"),
            "{text}"
        );
        assert!(text.contains("来访") && text.contains("1 人次"), "{text}");
        assert_no_personal_data(&bytes, &["欧阳", "娜娜", "13912345678"]);
        if format == Format::Receipt58 {
            // The title block is bold, the rest is not.
            assert!(paper.listing.iter().any(|l| l == "ESC E 1"));
        }
    }
    // A character GB18030 cannot carry is refused before anything is sent, naming it.
    let header = legaldesk::print::Header {
        center_name: "中心\u{E5E5}".into(),
        ..header
    };
    let error = print::tally_receipt(&tally, Format::Receipt58, Lang::En, &header).unwrap_err();
    assert!(matches!(error, PrintError::Encoding(_)), "{error:?}");
    assert!(error.message(Lang::En).contains("U+E5E5"));
}

// ---- transports ------------------------------------------------------------------------

fn job_bytes() -> Vec<u8> {
    print::slip::render(&sample_slip(None, true), SlipWidth::Mm58, Lang::Zh).unwrap()
}

#[test]
fn a_device_file_and_a_fifo_get_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let data = job_bytes();
    // A device file (here a plain file standing in for /dev/usb/lp0).
    let device = dir.path().join("lp0");
    std::fs::write(&device, b"").unwrap();
    let transport = Transport::parse(device.to_str().unwrap(), false).unwrap();
    transport.printer(None).unwrap().print(&data).unwrap();
    assert_eq!(std::fs::read(&device).unwrap(), data);
    // A FIFO: what a reader on the other end receives is exactly the job.
    let fifo = dir.path().join("fifo");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || {
        let mut got = Vec::new();
        std::fs::File::open(reader_path)
            .unwrap()
            .read_to_end(&mut got)
            .unwrap();
        got
    });
    Transport::parse(fifo.to_str().unwrap(), false)
        .unwrap()
        .printer(None)
        .unwrap()
        .print(&data)
        .unwrap();
    assert_eq!(reader.join().unwrap(), data);
    // A printer that is not plugged in: an error naming it, and no file appears.
    let missing = dir.path().join("usb").join("lp9");
    let error = Transport::Device(missing.clone())
        .printer(None)
        .unwrap()
        .print(&data)
        .unwrap_err();
    assert!(matches!(error, PrintError::Device { .. }), "{error:?}");
    assert!(error.message(Lang::Zh).contains("lp9"));
    assert!(error.message(Lang::En).contains("check its power"));
    assert!(!missing.exists());
}

#[test]
fn a_network_printer_on_port_9100_gets_the_bytes() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut got = Vec::new();
        stream.read_to_end(&mut got).unwrap();
        got
    });
    let data = job_bytes();
    let transport = Transport::parse(&format!("tcp:127.0.0.1:{port}"), false).unwrap();
    assert_eq!(transport.describe(), format!("tcp:127.0.0.1:{port}"));
    transport.printer(None).unwrap().print(&data).unwrap();
    assert_eq!(server.join().unwrap(), data);
    // Nobody listening: a clear error, not a hang.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let error = Transport::parse(&format!("tcp:127.0.0.1:{closed}"), false)
        .unwrap()
        .printer(None)
        .unwrap()
        .print(&data)
        .unwrap_err();
    assert!(matches!(error, PrintError::Network { .. }), "{error:?}");
    assert!(error.message(Lang::Zh).contains("网络打印机"));
}

/// A fake `lp` in `dir` that writes each argument on its own line and saves its stdin.
fn fake_lp(dir: &Path) -> (PathBuf, PathBuf) {
    let args = dir.join("argv.txt");
    let job = dir.join("job.bin");
    let script = dir.join("lp");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\ncat > '{}'\n",
            args.display(),
            job.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (args, job)
}

fn legaldesk(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_legaldesk"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LEGALDESK_DB")
        .env_remove("LEGALDESK_PRINT_COMMAND")
        .stdin(Stdio::null());
    command
}

fn run(mut command: Command) -> Output {
    command.output().expect("run legaldesk")
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn with_path_first(command: &mut Command, dir: &Path) {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![dir.to_path_buf()];
    paths.extend(std::env::split_paths(&path));
    command.env("PATH", std::env::join_paths(paths).unwrap());
}

#[test]
fn lp_queues_get_raw_bytes_through_lp_without_a_shell() {
    let test = common::TestDb::seeded();
    let conn = test.conn();
    let dir = tempfile::tempdir().unwrap();
    let (argv, job) = fake_lp(dir.path());
    // Not a slip printer yet: slip test says how to set one.
    let out = run(legaldesk(&test.path, &["--lang", "en", "slip", "test"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("slip_printer"));
    let out = run(legaldesk(
        &test.path,
        &["settings", "set", "slip_printer", "lp:Hall_Slips"],
    ));
    ok(&out);
    ok(&run(legaldesk(
        &test.path,
        &["settings", "set", "slip_width", "58"],
    )));
    let mut command = legaldesk(&test.path, &["--lang", "zh", "slip", "test"]);
    with_path_first(&mut command, dir.path());
    let said = ok(&run(command));
    assert!(said.contains("lp:Hall_Slips"), "{said}");
    let args = std::fs::read_to_string(&argv).unwrap();
    assert_eq!(
        args.lines().collect::<Vec<_>>(),
        ["-d", "Hall_Slips", "-o", "raw"]
    );
    let paper = decode(&std::fs::read(&job).unwrap());
    paper.assert_well_formed();
    paper.assert_fits(32);
    assert!(paper.text().contains("打印测试"), "{}", paper.text());
    // A receipt of the tally goes the same way, raw.
    std::fs::remove_file(&job).unwrap();
    let mut command = legaldesk(
        &test.path,
        &[
            "--lang",
            "zh",
            "tally",
            "--date",
            common::DAY,
            "--format",
            "receipt80",
            "--print",
            "--printer",
            "lp:Hall_Receipts",
        ],
    );
    with_path_first(&mut command, dir.path());
    ok(&run(command));
    let args = std::fs::read_to_string(&argv).unwrap();
    assert_eq!(
        args.lines().collect::<Vec<_>>(),
        ["-d", "Hall_Receipts", "-o", "raw"]
    );
    let paper = decode(&std::fs::read(&job).unwrap());
    paper.assert_well_formed();
    paper.assert_fits(48);
    assert!(paper.text().contains("日结统计表"));
    drop(conn);
}

// ---- a slip at intake ------------------------------------------------------------------

/// The outcomes of the background jobs, each within a deadline.
fn collect(jobs: &mut Vec<legaldesk::app::perform::Job>) -> Vec<Outcome> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while jobs.iter().any(|j| !j.is_finished()) {
        assert!(Instant::now() < deadline, "a print job did not end");
        std::thread::sleep(Duration::from_millis(10));
    }
    jobs.drain(..).map(|j| j.join().unwrap()).collect()
}

#[test]
fn the_ticket_never_waits_for_the_slip_printer() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // A printer that takes nothing until someone reads the other end.
    let fifo = dir.path().join("lp0");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    legaldesk::service::settings::set(&conn, "slip_printer", fifo.to_str().unwrap()).unwrap();
    let desk = common::front_desk(&mut conn);
    let mut state = State::new(Lang::Zh, common::settings(), common::opening());
    state.actor = Some(desk);
    let mut jobs = Vec::new();
    let input = common::visitor(Service::Consult, "欧阳娜娜");
    let started = Instant::now();
    let issued = match perform(
        &mut conn,
        &state,
        Effect::Issue(Box::new(input)),
        common::opening(),
        &mut jobs,
    ) {
        Some(Outcome::Issued(issued)) => issued,
        other => panic!("{other:?}"),
    };
    let outcome = perform(
        &mut conn,
        &state,
        Effect::PrintSlip {
            step_id: issued.step_id,
            reprint: false,
        },
        common::opening(),
        &mut jobs,
    );
    assert_eq!(
        outcome,
        Some(Outcome::SlipPrinting {
            ticket: issued.ticket.clone(),
            reprint: false
        })
    );
    // Back at once, with the printer still not taking anything.
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(jobs.len(), 1);
    assert!(!jobs[0].is_finished());
    assert_eq!(common::status_of(&conn, issued.step_id), "waiting");
    // The printer comes back: the slip arrives and the job says so.
    let mut got = Vec::new();
    std::fs::File::open(&fifo)
        .unwrap()
        .read_to_end(&mut got)
        .unwrap();
    assert_eq!(
        collect(&mut jobs),
        vec![Outcome::SlipDone {
            ticket: issued.ticket.clone(),
            result: Ok(())
        }]
    );
    let paper = decode(&got);
    assert!(paper.text().contains(&issued.ticket));
    assert!(!paper.text().contains("补打"));
    // A reprint is marked and audited; a printer that is gone is reported, the ticket stands.
    std::fs::remove_file(&fifo).unwrap();
    let outcome = perform(
        &mut conn,
        &state,
        Effect::PrintSlip {
            step_id: issued.step_id,
            reprint: true,
        },
        common::opening() + 60,
        &mut jobs,
    );
    assert!(
        matches!(outcome, Some(Outcome::SlipPrinting { reprint: true, .. })),
        "{outcome:?}"
    );
    match collect(&mut jobs).as_slice() {
        [Outcome::SlipDone {
            result: Err(PrintError::Device { .. }),
            ..
        }] => {}
        other => panic!("{other:?}"),
    }
    let audited: Vec<(String, String)> = conn
        .prepare("SELECT action, detail FROM audit WHERE action = 'reprint_slip'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        audited,
        vec![("reprint_slip".to_string(), issued.ticket.clone())]
    );
    assert_eq!(common::status_of(&conn, issued.step_id), "waiting");
    // Slips off: a new ticket prints nothing and says nothing; a reprint says why not.
    legaldesk::service::settings::set(&conn, "slip_printer", "").unwrap();
    let off = perform(
        &mut conn,
        &state,
        Effect::PrintSlip {
            step_id: issued.step_id,
            reprint: false,
        },
        common::opening() + 70,
        &mut jobs,
    );
    assert_eq!(off, None);
    let off = perform(
        &mut conn,
        &state,
        Effect::PrintSlip {
            step_id: issued.step_id,
            reprint: true,
        },
        common::opening() + 70,
        &mut jobs,
    );
    assert!(
        matches!(&off, Some(Outcome::Failed(text)) if legaldesk::i18n::Words::text(text, legaldesk::i18n::Lang::En).contains("slip_printer")),
        "{off:?}"
    );
    assert!(jobs.is_empty());
}

// ---- PDF and the real spooler ----------------------------------------------------------

fn sample_db() -> common::TestDb {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/formats/sample-ledger.csv"
    ))
    .unwrap();
    legaldesk::ledger::import(&mut conn, &text, &common::settings(), common::opening()).unwrap();
    test
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
}

/// Whether the tools are here; with `CI` set their absence fails the test.
fn tools_or_skip(tools: &[&str], what: &str) -> bool {
    let missing: Vec<&&str> = tools.iter().filter(|t| !on_path(t)).collect();
    if missing.is_empty() {
        return true;
    }
    let text =
        format!("{what}: {missing:?} not installed (bash scripts/cups-queue.sh installs them)");
    if std::env::var_os("CI").is_some() {
        panic!("{text}");
    }
    eprintln!("notice: {text}; skipped");
    false
}

fn pdftotext(pdf: &Path) -> String {
    try_pdftotext(pdf).unwrap_or_else(|e| panic!("{e}"))
}

/// The text of a PDF, or why pdftotext could not read it (e.g. still being written).
fn try_pdftotext(pdf: &Path) -> Result<String, String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

/// A line holding both the label and the value, as the layout aligned them.
fn has_row(text: &str, label: &str, value: &str) -> bool {
    text.lines()
        .any(|l| l.contains(label) && l.trim_end().ends_with(value))
}

#[test]
fn pdf_output_reads_back_in_both_languages_with_a_subset_font() {
    if !tools_or_skip(&["pdftotext", "pdffonts"], "PDF check") {
        return;
    }
    let test = sample_db();
    let dir = tempfile::tempdir().unwrap();
    for (lang, title, label, value) in [
        ("zh", "日结统计表", "来访", "4 人次"),
        ("en", "Daily tally", "Visits", "4"),
    ] {
        let pdf = dir.path().join(format!("tally-{lang}.pdf"));
        let started = Instant::now();
        let out = run(legaldesk(
            &test.path,
            &[
                "--lang",
                lang,
                "tally",
                "--date",
                "2026-10-12",
                "--format",
                "pdf",
                "--output",
                pdf.to_str().unwrap(),
            ],
        ));
        ok(&out);
        let bytes = std::fs::read(&pdf).unwrap();
        eprintln!(
            "measured: {lang} PDF {} bytes in {:?}",
            bytes.len(),
            started.elapsed()
        );
        assert!(bytes.starts_with(b"%PDF-"));
        let text = pdftotext(&pdf);
        assert!(text.contains(title), "{lang}: no {title}\n{text}");
        assert!(
            has_row(&text, label, value),
            "{lang}: no {label} {value}\n{text}"
        );
        assert!(text.contains(&PrintMsgPage::first(lang)), "{text}");
        // The font is embedded, as a subset (a few hundred glyphs, not the whole CJK set).
        let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
        let fonts = String::from_utf8_lossy(&fonts.stdout);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let name = cols[0];
            assert!(
                name.len() > 7 && name.as_bytes()[6] == b'+',
                "not a subset: {fonts}"
            );
            assert!(
                row.contains(" yes yes "),
                "not embedded as a subset: {fonts}"
            );
        }
        assert!(
            bytes.len() < 400_000,
            "{} bytes: the font is not subset",
            bytes.len()
        );
    }
}

/// The page footer's words, as the PDF prints them.
struct PrintMsgPage;

impl PrintMsgPage {
    fn first(lang: &str) -> String {
        use legaldesk::i18n::print::PrintMsg;
        use legaldesk::i18n::Words;
        let lang = Lang::parse(lang).unwrap();
        let words = PrintMsg::PageOf { page: 1, pages: 1 }.text(lang);
        // pdftotext keeps the words; the first of them is enough to find the footer.
        words
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

#[test]
fn the_tally_through_the_real_spooler_keeps_its_text() {
    if !tools_or_skip(&["lp", "lpstat", "pdftotext"], "CUPS end to end") {
        return;
    }
    let queue = std::env::var("LEGALDESK_CUPS_QUEUE").unwrap_or_else(|_| "PDFOUT".into());
    let output = PathBuf::from(
        std::env::var("LEGALDESK_CUPS_OUT")
            .unwrap_or_else(|_| "/var/tmp/legaldesk-cups/out.pdf".into()),
    );
    let ready = Command::new("lpstat")
        .args(["-p", &queue])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        let text = format!("no CUPS queue {queue} (bash scripts/cups-queue.sh sets it up)");
        if std::env::var_os("CI").is_some() {
            panic!("{text}");
        }
        eprintln!("notice: {text}; skipped");
        return;
    }
    let test = sample_db();
    let _ = std::fs::remove_file(&output);
    let out = run(legaldesk(
        &test.path,
        &[
            "--lang",
            "zh",
            "tally",
            "--date",
            "2026-10-12",
            "--print",
            "--printer",
            &queue,
        ],
    ));
    assert!(ok(&out).contains("已发送到打印机"));
    // CUPS runs its filters and writes the file when the job is done.
    let deadline = Instant::now() + Duration::from_secs(90);
    let text = loop {
        // The backend writes the file while the job runs: read it once it is complete.
        if let Ok(text) = try_pdftotext(&output) {
            if text.contains("负责人") {
                break text;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the queue wrote no readable tally to {} in time",
            output.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(text.contains("日结统计"), "{text}");
    assert!(has_row(&text, "来访", "4 人次"), "{text}");
    assert!(text.contains("2026-10-12"), "{text}");
    let audited: i64 = test
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'print_tally'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn without_a_cjk_font_the_error_names_the_package_and_nothing_prints() {
    let test = sample_db();
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("no-fonts");
    std::fs::create_dir(&empty).unwrap();
    let config = dir.path().join("fonts.conf");
    std::fs::write(
        &config,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
            empty.display(),
            dir.path().join("cache").display()
        ),
    )
    .unwrap();
    let recorder = dir.path().join("spooled.bin");
    let spooler = dir.path().join("fake-lp");
    std::fs::write(
        &spooler,
        format!("#!/bin/sh\ncat > '{}'\n", recorder.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&spooler, std::fs::Permissions::from_mode(0o755)).unwrap();
    let pdf = dir.path().join("tally.pdf");
    for lang in ["zh", "en"] {
        let mut write = legaldesk(
            &test.path,
            &[
                "--lang",
                lang,
                "tally",
                "--date",
                "2026-10-12",
                "--format",
                "pdf",
                "--output",
                pdf.to_str().unwrap(),
            ],
        );
        write.env("FONTCONFIG_FILE", &config);
        let mut print = legaldesk(
            &test.path,
            &["--lang", lang, "tally", "--date", "2026-10-12", "--print"],
        );
        print
            .env("FONTCONFIG_FILE", &config)
            .env("LEGALDESK_PRINT_COMMAND", &spooler);
        for command in [write, print] {
            let out = run(command);
            assert_eq!(out.status.code(), Some(1), "{lang}");
            let said = String::from_utf8_lossy(&out.stderr);
            assert!(
                said.contains("fonts-noto-cjk") && said.contains("fonts-wqy-zenhei"),
                "{lang}: {said}"
            );
            let words = if lang == "zh" {
                "未打印"
            } else {
                "nothing was printed"
            };
            assert!(said.contains(words), "{lang}: {said}");
        }
    }
    assert!(!pdf.exists(), "no PDF written");
    assert!(!recorder.exists(), "nothing sent to the spooler");
    let audited: i64 = test
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'print_tally'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 0);
    // The same machine with its fonts visible does make the PDF: the empty directory, not a
    // broken build, is what failed above.
    let has_font = legaldesk::print::fonts::find_cjk_font().is_ok();
    assert!(
        has_font || std::env::var_os("CI").is_none(),
        "CI installs a CJK font (scripts/cups-queue.sh)"
    );
    if has_font {
        ok(&run(legaldesk(
            &test.path,
            &[
                "tally",
                "--date",
                "2026-10-12",
                "--format",
                "pdf",
                "--output",
                pdf.to_str().unwrap(),
            ],
        )));
        assert!(pdf.exists());
    }
}
