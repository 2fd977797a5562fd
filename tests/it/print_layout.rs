//! The printed tally: every text layout (A4 80, receipt 48, receipt 32 columns) in both
//! languages, with a long Chinese center name and large figures, keeps every line within its
//! width in display columns (a CJK character is 2); it carries the header, the units and the
//! signature lines, and no visitor's name, phone or ID. GB18030 output names the characters
//! it cannot carry. Printing goes through a configured spooler command: a fake printer script
//! here, a failing one ("out of paper"), and the real `lp` where it is installed.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use legaldesk::domain::codes::{Channel, Lane, Matter, Outcome, Rating, Service, StepStatus};
use legaldesk::i18n::Lang;
use legaldesk::print::{
    self, Closer, Encoding, Format, Header, PrintError, PrintJob, Printer, Spooler,
};
use legaldesk::tally::{compute, Params, StepRecord, Tally, VisitRecord};

const LONG_NAME: &str =
    "某某自治区某某自治州某某自治县人民政府司法局公共法律服务中心（一站式综合服务大厅）第二分中心";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A tally with something in every section, wide codes, many tickets and large figures.
fn busy_tally(from: &str, to: &str) -> Tally {
    let mut visits = Vec::new();
    let outcomes: Vec<(Service, Outcome)> = Service::ALL
        .iter()
        .flat_map(|s| s.outcomes().into_iter().map(move |o| (*s, o)))
        .collect();
    for (i, (service, outcome)) in outcomes.iter().enumerate() {
        let t0 = 1_790_000_000 + i as i64 * 977;
        let staff = if i % 3 == 0 {
            "ABCDEFGHIJKLMNOP".to_string()
        } else {
            format!("S{i:02}")
        };
        let done = StepRecord {
            seq: 1,
            service: *service,
            status: StepStatus::Done,
            queued_at: t0,
            called_at: Some(t0 + 123_456),
            started_at: Some(t0 + 123_500),
            finished_at: Some(t0 + 9_999_999),
            outcome: Some(*outcome),
            amount_fen: Some(999_999_999_999),
            quantity: Some(999),
            rating: Some(Rating::ALL[i % 5]),
            rated_on_pad: i % 2 == 0,
            window: Some(Arc::from(format!("W{}", i % 12 + 1).as_str())),
            staff: Some(Arc::from(staff.as_str())),
        };
        let mut steps = vec![done];
        if outcome.creates_next_step() {
            let next = Service::ALL[(i + 1) % 5];
            steps.push(StepRecord {
                seq: 2,
                service: next,
                status: StepStatus::Unfinished,
                called_at: None,
                started_at: None,
                finished_at: None,
                outcome: None,
                rating: None,
                ..steps[0].clone()
            });
        }
        visits.push(VisitRecord {
            ticket: format!("{}{:04}", service.prefix(), i + 1),
            channel: Channel::ALL[i % Channel::ALL.len()],
            lane: Lane::ALL[i % Lane::ALL.len()],
            urgent: i % 2 == 0,
            matter: Matter::ALL[i % Matter::ALL.len()],
            parties: (i % 9) as i64 + 1,
            utc_offset_s: 8 * 3600,
            steps,
        });
    }
    let mut t = compute(
        Params {
            from: day(from),
            to: day(to),
            target_wait_s: 1200,
            group_threshold: 5,
        },
        &visits,
        false,
    );
    // Figures as large as a busy decade could make them.
    t.visits = 18_000_000_000;
    t.by_channel.0[0].1 = 1_234_567_890;
    if let Some(list) = t.unfinished_list.as_mut() {
        list.extend((1..=60).map(|n| format!("Z{n:04}")));
    }
    t
}

fn headers() -> Vec<Header> {
    vec![
        Header {
            center_name: LONG_NAME.into(),
            from: day("2026-11-23"),
            to: day("2026-11-23"),
            days: 1,
            closed_days: 0,
            closer: None,
            staff_names: Vec::new(),
        },
        Header {
            center_name: LONG_NAME.into(),
            from: day("2026-11-23"),
            to: day("2026-11-23"),
            days: 1,
            closed_days: 1,
            closer: Some(Closer {
                by: Some("ABCDEFGHIJKLMNOP".into()),
                at: "2026-11-23 18:05".into(),
                version: 12,
            }),
            // Staff appear by name and code; a long name must still fit every width.
            staff_names: vec![
                ("S01".into(), "王主任".into()),
                (
                    "ABCDEFGHIJKLMNOP".into(),
                    "欧阳娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜".into(),
                ),
            ],
        },
        Header {
            center_name: LONG_NAME.into(),
            from: day("2016-01-01"),
            to: day("2025-12-31"),
            days: 3653,
            closed_days: 3650,
            closer: None,
            staff_names: Vec::new(),
        },
        Header {
            center_name: "中心".into(),
            from: day("2026-11-23"),
            to: day("2026-11-23"),
            days: 1,
            closed_days: 1,
            closer: Some(Closer {
                by: None,
                at: "2026-11-23 18:05".into(),
                version: 1,
            }),
            staff_names: Vec::new(),
        },
    ]
}

const TEXT_FORMATS: [Format; 3] = [Format::A4, Format::Receipt80, Format::Receipt58];

#[test]
fn every_layout_at_every_width_in_both_languages_fits() {
    let tallies = [
        busy_tally("2026-11-23", "2026-11-23"),
        busy_tally("2016-01-01", "2025-12-31"),
        compute(
            Params {
                from: day("2026-11-23"),
                to: day("2026-11-23"),
                target_wait_s: 1200,
                group_threshold: 5,
            },
            &[],
            false,
        ),
    ];
    for tally in &tallies {
        for header in headers() {
            for format in TEXT_FORMATS {
                let cols = format.width().unwrap();
                for lang in [Lang::Zh, Lang::En] {
                    let text = print::render(tally, format, lang, &header);
                    assert!(text.ends_with('\n'));
                    for (n, line) in text.lines().enumerate() {
                        assert!(
                            line.width() <= cols,
                            "{format:?} {lang:?} line {}: {} columns > {cols}\n{line}",
                            n + 1,
                            line.width()
                        );
                        assert!(
                            !line.chars().any(char::is_control),
                            "control character in {line:?}"
                        );
                    }
                    // The whole center name is there (wrapped across lines if it must be).
                    let joined: String = text.lines().take(8).map(str::trim).collect();
                    assert!(
                        joined.contains(&header.center_name),
                        "{format:?} {lang:?}: the center name is cut\n{text}"
                    );
                    assert!(text.contains(&tally.from), "the date range");
                    match lang {
                        Lang::Zh => {
                            for label in ["人次", "件", "份", "经办人", "负责人", "日期", "状态"]
                            {
                                assert!(text.contains(label), "{format:?} zh: no {label}\n{text}");
                            }
                        }
                        Lang::En => {
                            for label in ["Prepared by", "Approved by", "Status", "Visits"] {
                                assert!(text.contains(label), "{format:?} en: no {label}\n{text}");
                            }
                        }
                    }
                    if let Some(closer) = &header.closer {
                        assert!(text.contains(&closer.at), "when it was closed");
                        if let Some(by) = &closer.by {
                            assert!(text.contains(by), "who closed it");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_receipt_for_the_day_reads_as_expected() {
    let tally = busy_tally("2026-11-23", "2026-11-23");
    let header = &headers()[1];
    let zh = print::render(&tally, Format::Receipt58, Lang::Zh, header);
    assert!(
        zh.contains("已日结") && zh.contains("第 12 版（更正）"),
        "{zh}"
    );
    assert!(
        zh.contains("【未办结号码】") && zh.contains("Z0060"),
        "{zh}"
    );
    assert!(zh.contains("挽回经济损失"), "{zh}");
    // For the human reader: staff by name and code, durations in minutes and seconds (the
    // JSON keeps seconds), notary applications among the key figures.
    assert!(zh.contains("王主任（S01）"), "{zh}");
    let a4 = print::render(&tally, Format::A4, Lang::Zh, header);
    let consult = tally.services.get("consult").unwrap();
    let max = consult.wait_s.max.unwrap();
    assert!(
        a4.contains(&format!("{}分{:02}秒", max / 60, max % 60)),
        "the longest wait {max} s as minutes and seconds\n{a4}"
    );
    assert!(!a4.contains(" 秒"), "no bare seconds on paper\n{a4}");
    let notary = tally
        .services
        .get("notary")
        .unwrap()
        .outcomes
        .get("accepted")
        .copied()
        .unwrap();
    let key_figures = &a4[a4.find("【主要指标】").unwrap()..];
    assert!(
        key_figures
            .lines()
            .any(|l| l.starts_with("公证受理") && l.ends_with(&format!("{notary} 件"))),
        "{key_figures}"
    );
    let en = print::render(&tally, Format::A4, Lang::En, header);
    assert!(
        en.contains(&format!("{} min {:02} s", max / 60, max % 60)),
        "{en}"
    );
    assert!(en.contains("Notary applications accepted"), "{en}");
    let range = busy_tally("2016-01-01", "2025-12-31");
    let en = print::render(&range, Format::A4, Lang::En, &headers()[2]);
    assert!(en.contains("3650 of 3653 days closed"), "{en}");
    assert!(
        !en.contains("Unfinished tickets"),
        "a range has no ticket list"
    );
    // The figures are the tally's: e.g. the mediation rate as a percentage of the 4-decimal share.
    assert!(
        en.contains(&print::percent(range.mediation_success_rate)),
        "{en}"
    );
}

#[test]
fn csv_and_json_carry_the_same_figures() {
    let mut tally = busy_tally("2026-11-23", "2026-11-23");
    // Distinct legal-aid figures, so a key that reads the wrong field shows.
    tally.legal_aid = legaldesk::tally::LegalAidTally {
        accepted: 11,
        granted: 7,
        refused: 2,
        withdrawn: 1,
        assigned: 5,
        decided: 9,
        decided_on_time: 8,
        on_time_share: Some(0.8889),
        pending: 4,
        overdue: 3,
        assign_overdue: 6,
    };
    let header = &headers()[1];
    let json = print::render(&tally, Format::Json, Lang::Zh, header);
    assert_eq!(Tally::from_json(&json).unwrap(), tally);
    for lang in [Lang::Zh, Lang::En] {
        let csv_text = print::render(&tally, Format::Csv, lang, header);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        assert!(rows.iter().all(|r| r.len() == 4));
        let find = |section: &str, key: &str| {
            rows.iter()
                .find(|r| &r[0] == section && &r[1] == key)
                .map(|r| r[3].to_string())
        };
        assert_eq!(find("visits", ""), Some(tally.visits.to_string()));
        assert_eq!(
            find("services.consult", "arrivals"),
            Some(tally.services.get("consult").unwrap().arrivals.to_string())
        );
        assert_eq!(
            find("amount_recovered_yuan", ""),
            Some(tally.amount_recovered_yuan.clone())
        );
        assert_eq!(find("meta", "center_name"), Some(LONG_NAME.to_string()));
        let a = &tally.legal_aid;
        for (key, n) in [
            ("accepted", a.accepted),
            ("granted", a.granted),
            ("refused", a.refused),
            ("withdrawn", a.withdrawn),
            ("assigned", a.assigned),
            ("decided", a.decided),
            ("decided_on_time", a.decided_on_time),
            ("pending", a.pending),
            ("overdue", a.overdue),
            ("assign_overdue", a.assign_overdue),
        ] {
            assert_eq!(
                find("legal_aid", key),
                Some(n.to_string()),
                "legal_aid {key}"
            );
        }
        assert_eq!(
            find("legal_aid", "on_time_share"),
            Some("0.8889".to_string())
        );
        assert_eq!(
            find("hourly_arrivals", "23"),
            Some(tally.hourly_arrivals.get("23").unwrap().to_string())
        );
    }
}

#[test]
fn no_visitor_data_in_any_format() {
    let test = common::TestDb::seeded();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    let desk = common::front_desk(&mut conn);
    let input = legaldesk::service::intake::IntakeInput {
        phone: "13912345678".into(),
        id_type: legaldesk::domain::codes::IdType::ResidentId,
        id_number: "110101199003074514".into(),
        summary: "秘密摘要".into(),
        ..common::visitor(Service::LegalAid, "欧阳娜娜")
    };
    legaldesk::service::intake::issue_ticket(
        &mut conn,
        &desk,
        &input,
        &common::settings(),
        common::opening(),
    )
    .unwrap();
    let (tally, header) = legaldesk::tally::report(
        &conn,
        &common::settings(),
        day(common::DAY),
        day(common::DAY),
    )
    .unwrap();
    for format in Format::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let text = print::render(&tally, format, lang, &header);
            for secret in ["欧阳", "13912345678", "110101199003074514", "秘密"] {
                assert!(!text.contains(secret), "{format:?} {lang:?} shows {secret}");
            }
        }
    }
}

#[test]
fn gb18030_for_chinese_receipt_printers() {
    let tally = busy_tally("2026-11-23", "2026-11-23");
    let text = print::render(&tally, Format::Receipt58, Lang::Zh, &headers()[1]);
    let bytes = print::encode(&text, Encoding::Gb18030).unwrap();
    let (back, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    assert_eq!(back, text);
    // A character GB18030 cannot carry (U+E5E5) in the center's name: refused, naming it.
    let header = Header {
        center_name: "中心\u{E5E5}".into(),
        ..headers()[1].clone()
    };
    let text = print::render(&tally, Format::Receipt58, Lang::Zh, &header);
    let error = print::encode(&text, Encoding::Gb18030).unwrap_err();
    assert_eq!(error.0.len(), 1);
    assert_eq!((error.0[0].line, error.0[0].ch), (1, '\u{E5E5}'));
    assert!(
        error.message(Lang::En).contains("U+E5E5@1"),
        "{}",
        error.message(Lang::En)
    );
    assert!(error.message(Lang::Zh).contains("未打印"));
}

// ---- printers ----------------------------------------------------------------------------

/// A fake spooler: a shell script in `dir` that saves its arguments and stdin, or fails.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

fn recorder(dir: &Path) -> PathBuf {
    let out = dir.join("job.bin");
    let args = dir.join("args.txt");
    script(
        dir,
        "fake-lp",
        &format!(
            "echo \"$@\" > '{}'\ncat > '{}'",
            args.display(),
            out.display()
        ),
    )
}

fn out_of_paper(dir: &Path) -> PathBuf {
    script(
        dir,
        "no-paper",
        "cat > /dev/null\necho 'printer jammed: out of paper' >&2\nexit 1",
    )
}

#[test]
fn a_job_goes_to_the_configured_spooler_on_a_thread() {
    let dir = tempfile::tempdir().unwrap();
    let fake = recorder(dir.path());
    let spooler = Spooler::configured(
        Some(&format!("{} -o raw", fake.display())),
        Some("Hall_Receipt"),
    )
    .unwrap();
    assert_eq!(spooler.args, ["-o", "raw", "-d", "Hall_Receipt"]);
    let data = print::encode("日结统计表\n", Encoding::Gb18030).unwrap();
    let handle = PrintJob {
        printer: Box::new(spooler),
        data: data.clone(),
    }
    .spawn();
    handle.join().expect("the print thread").expect("printed");
    assert_eq!(std::fs::read(dir.path().join("job.bin")).unwrap(), data);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("args.txt"))
            .unwrap()
            .trim(),
        "-o raw -d Hall_Receipt"
    );
}

#[test]
fn a_failing_printer_is_a_clear_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let spooler =
        Spooler::configured(Some(out_of_paper(dir.path()).to_str().unwrap()), None).unwrap();
    let error = PrintJob {
        printer: Box::new(spooler),
        data: vec![b'x'; 100_000],
    }
    .spawn()
    .join()
    .unwrap()
    .unwrap_err();
    assert!(
        matches!(
            error,
            PrintError::Refused {
                status: Some(1),
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.message(Lang::En).contains("out of paper"),
        "{}",
        error.message(Lang::En)
    );
    assert!(error.message(Lang::Zh).contains("打印失败"));
    // No spooler at all.
    let missing = Spooler::configured(Some("/nonexistent/legaldesk-lp"), None).unwrap();
    let error = missing.print(b"x").unwrap_err();
    assert!(matches!(error, PrintError::NoSpooler { .. }));
    assert!(error.message(Lang::Zh).contains("CUPS"));
    // A printer name that would be read as an option.
    assert!(matches!(
        Spooler::configured(None, Some("-oops")),
        Err(PrintError::BadPrinterName(_))
    ));
}

#[test]
fn the_real_lp_where_cups_is_installed() {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("lp").is_file()));
    if !found || std::env::var_os("LEGALDESK_PRINT_COMMAND").is_some() {
        eprintln!("notice: `lp` is not installed here; the real-spooler test is skipped");
        return;
    }
    // A printer that cannot exist: lp must refuse it, and we must say so, not crash.
    let spooler = Spooler::configured(None, Some("legaldesk-test-no-such-printer")).unwrap();
    assert_eq!(spooler.program, "lp");
    match spooler.print(b"test\n") {
        Err(error) => assert!(!error.message(Lang::En).is_empty()),
        Ok(()) => eprintln!("notice: lp accepted a job for a printer that should not exist"),
    }
}

// ---- the command line ------------------------------------------------------------------

fn cli(db: &Path, args: &[&str], print_command: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_legaldesk"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LEGALDESK_DB")
        .stdin(Stdio::null());
    match print_command {
        Some(path) => command.env("LEGALDESK_PRINT_COMMAND", path),
        None => command.env_remove("LEGALDESK_PRINT_COMMAND"),
    };
    command.output().expect("run legaldesk")
}

fn sample_db() -> common::TestDb {
    let test = common::TestDb::empty();
    let mut conn = test.conn();
    legaldesk::service::settings::set(&conn, "timezone", common::ZONE).unwrap();
    legaldesk::service::settings::set(&conn, "center_name", LONG_NAME).unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/formats/sample-ledger.csv"
    ))
    .unwrap();
    legaldesk::ledger::import(&mut conn, &text, &common::settings(), common::opening()).unwrap();
    test
}

#[test]
fn tally_on_the_command_line() {
    let test = sample_db();
    let db = &test.path;
    let out = cli(
        db,
        &[
            "--lang",
            "zh",
            "tally",
            "--from",
            "2026-10-12",
            "--to",
            "2026-10-13",
            "--format",
            "receipt58",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.width() <= 32));
    assert!(text.contains("来访                      9 人次"), "{text}");
    // JSON is the tally itself.
    let out = cli(
        db,
        &["tally", "--date", "2026-10-12", "--format", "json"],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["visits"], 4);
    assert_eq!(json["from"], "2026-10-12");
    // GB18030 on stdout decodes to the UTF-8 text.
    let utf8 = cli(db, &["--lang", "zh", "tally", "--date", "2026-10-13"], None).stdout;
    let gb = cli(
        db,
        &[
            "--lang",
            "zh",
            "tally",
            "--date",
            "2026-10-13",
            "--encoding",
            "gb18030",
        ],
        None,
    )
    .stdout;
    assert_ne!(gb, utf8);
    assert_eq!(
        encoding_rs::GB18030.decode(&gb).0,
        String::from_utf8(utf8).unwrap()
    );
    for (args, expect) in [
        (vec!["tally", "--date", "2026-02-29"], "invalid date"),
        (
            vec!["tally", "--from", "2026-10-13", "--to", "2026-10-12"],
            "is after",
        ),
        (
            vec!["tally", "--date", "2026-10-12", "--format", "docx"],
            "unknown format",
        ),
        (
            vec![
                "tally",
                "--date",
                "2026-10-12",
                "--format",
                "json",
                "--print",
            ],
            "for files",
        ),
        (
            vec!["tally", "--date", "2026-10-12", "--encoding", "big5"],
            "unknown encoding",
        ),
    ] {
        let mut full = vec!["--lang", "en"];
        full.extend(args.iter());
        let out = cli(db, &full, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(expect),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn printing_from_the_command_line() {
    let test = sample_db();
    let db = &test.path;
    let dir = tempfile::tempdir().unwrap();
    // A fake lp that knows one printer, "hall", and refuses the others as lp does.
    let job = dir.path().join("job.bin");
    let fake = script(
        dir.path(),
        "lp",
        &format!("if [ \"$2\" != hall ]; then cat >/dev/null; echo \"lp: The printer or class does not exist.\" >&2; exit 1; fi\ncat > '{}'", job.display()),
    );
    let out = cli(
        db,
        &[
            "--lang",
            "zh",
            "tally",
            "--date",
            "2026-10-12",
            "--format",
            "receipt58",
            "--encoding",
            "gb18030",
            "--print",
            "--printer",
            "hall",
        ],
        Some(&fake),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("已发送到打印机"));
    // A receipt goes raw as ESC/POS (GB18030 text between the printer's commands; the
    // commands themselves are checked in tests/print_paper.rs).
    let printed = std::fs::read(&job).unwrap();
    assert!(
        printed.starts_with(&[0x1B, b'@', 0x1C, b'&']),
        "reset, Chinese mode"
    );
    let (text, _, bad) = encoding_rs::GB18030.decode(&printed);
    assert!(
        !bad && text.contains("日结统计表") && text.contains("负责人"),
        "{text}"
    );
    let audited: i64 = test
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'print_tally'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
    // A printer that does not exist.
    let out = cli(
        db,
        &[
            "--lang",
            "en",
            "tally",
            "--date",
            "2026-10-12",
            "--print",
            "--printer",
            "nowhere",
        ],
        Some(&fake),
    );
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("printing failed") && said.contains("does not exist"),
        "{said}"
    );
    // Out of paper.
    let out = cli(
        db,
        &["--lang", "en", "tally", "--date", "2026-10-12", "--print"],
        Some(&out_of_paper(dir.path())),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("out of paper"));
    // An unusable name is refused before anything runs.
    let out = cli(
        db,
        &[
            "--lang",
            "en",
            "tally",
            "--date",
            "2026-10-12",
            "--print",
            "--printer=-x",
        ],
        Some(&fake),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid printer name"));
    let audited: i64 = test
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'print_tally'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1, "failed prints are not recorded as prints");
}
