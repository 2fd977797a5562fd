//! Ledger import (formats/ledger.md), one test per rule: each bad file gives a report naming
//! the line and the column, and leaves the database exactly as it was (all or nothing). Good
//! files create what they need (windows; staff inactive without a PIN), keep ticket numbers
//! unique for later live tickets, and are refused for a closed date.

use crate::common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use legaldesk::i18n::Lang;
use legaldesk::ledger::columns::Col;
use legaldesk::ledger::ImportError;
use legaldesk::ledger::{self, Problem, RowError, SourceEncoding};

const HEADER: [&str; 26] = [
    "visit_date",
    "ticket",
    "seq",
    "service",
    "channel",
    "lane",
    "urgent",
    "matter",
    "parties",
    "visitor_name",
    "phone",
    "id_number",
    "summary",
    "queued_at",
    "called_at",
    "started_at",
    "finished_at",
    "status",
    "outcome",
    "reason",
    "window",
    "staff",
    "amount_recovered",
    "quantity",
    "rating",
    "note",
];

/// A good row: a consultation answered at W1 by S02 on 2026-09-01.
fn base() -> Vec<(&'static str, String)> {
    let values = [
        "2026-09-01",
        "Z001",
        "1",
        "consult",
        "walk_in",
        "normal",
        "0",
        "labor",
        "1",
        "张三",
        "13812345678",
        "",
        "",
        "2026-09-01 09:00:00",
        "2026-09-01 09:05:00",
        "2026-09-01 09:06:00",
        "2026-09-01 09:20:00",
        "done",
        "answered",
        "",
        "W1",
        "S02",
        "",
        "",
        "",
        "",
    ];
    HEADER
        .iter()
        .zip(values)
        .map(|(h, v)| (*h, v.to_string()))
        .collect()
}

/// `base()` with some cells changed.
fn row(changes: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    let mut cells = base();
    for (column, value) in changes {
        let cell = cells
            .iter_mut()
            .find(|(h, _)| h == column)
            .unwrap_or_else(|| panic!("no column {column}"));
        cell.1 = value.to_string();
    }
    cells
}

/// A ledger file of `rows` (header from the first row), quoted as RFC 4180 needs.
fn ledger(rows: &[Vec<(&'static str, String)>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(rows[0].iter().map(|(h, _)| *h))
        .unwrap();
    for r in rows {
        writer
            .write_record(r.iter().map(|(_, v)| v.as_str()))
            .unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

fn fresh() -> common::TestDb {
    let test = common::TestDb::empty();
    legaldesk::service::settings::set(&test.conn(), "timezone", common::ZONE).unwrap();
    test
}

fn import(test: &common::TestDb, text: &str) -> Result<ledger::ImportReport, ImportError> {
    ledger::import(
        &mut test.conn(),
        text,
        &common::settings(),
        common::opening(),
    )
}

/// Imports `text` into a fresh database, expecting a refusal that leaves it untouched.
#[track_caller]
fn problems(text: &str) -> Vec<RowError> {
    let test = fresh();
    problems_in(&test, text)
}

#[track_caller]
fn problems_in(test: &common::TestDb, text: &str) -> Vec<RowError> {
    let before = common::dump(&test.conn());
    let result = import(test, text);
    assert_eq!(
        common::dump(&test.conn()),
        before,
        "a refused import must not change the database"
    );
    match result {
        Err(ImportError::Rows(errors)) => {
            // Every message names its line (and column, when there is one), in both languages.
            for e in &errors {
                assert!(e.message(Lang::Zh).contains(&format!("第 {} 行", e.line)));
                assert!(e.message(Lang::En).contains(&format!("line {}", e.line)));
                if let Some(col) = e.column {
                    assert!(e.message(Lang::En).contains(col.name()));
                }
            }
            errors
        }
        Err(other) => panic!("expected row problems, got {other:?}"),
        Ok(report) => panic!("expected a refusal, imported {report:?}"),
    }
}

/// Exactly one problem, at `line` and `column`; returns it.
#[track_caller]
fn one(text: &str, line: u64, column: Option<Col>) -> Problem {
    let errors = problems(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        (errors[0].line, errors[0].column),
        (line, column),
        "{errors:#?}"
    );
    errors[0].problem.clone()
}

#[test]
fn a_good_ledger_imports() {
    let test = fresh();
    let report = import(&test, &ledger(&[base()])).unwrap();
    assert_eq!((report.rows, report.visits, report.dates), (1, 1, 1));
    let conn = test.conn();
    let (origin, offset): (String, i64) = conn
        .query_row("SELECT origin, utc_offset_s FROM visits", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((origin.as_str(), offset), ("import", 8 * 3600));
    let queued: i64 = conn
        .query_row("SELECT queued_at FROM steps", [], |r| r.get(0))
        .unwrap();
    assert_eq!(queued, common::at("2026-09-01", 9, 0, 0));
    let audited: String = conn
        .query_row(
            "SELECT detail FROM audit WHERE action = 'import'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audited.contains("rows=1"), "{audited}");
    assert!(
        !audited.contains("张三"),
        "no personal data in the audit detail"
    );
}

#[test]
fn missing_required_column() {
    let mut r = base();
    r.retain(|(h, _)| *h != "queued_at");
    assert_eq!(
        one(&ledger(&[r]), 1, Some(Col::QueuedAt)),
        Problem::MissingColumn
    );
}

#[test]
fn unknown_column() {
    let mut r = base();
    r.push(("remarks", "x".into()));
    assert_eq!(
        one(&ledger(&[r]), 1, None),
        Problem::UnknownColumn("remarks".into())
    );
}

#[test]
fn repeated_column() {
    let text = ledger(&[base()]).replacen("note", "seq", 1);
    assert_eq!(one(&text, 1, Some(Col::Seq)), Problem::DuplicateColumn);
}

#[test]
fn empty_file() {
    assert_eq!(one("", 1, None), Problem::NoHeader);
}

#[test]
fn columns_in_any_order_optional_ones_left_out_and_a_bom() {
    let test = fresh();
    let text = ledger::read_file(&fixture("any-order-bom.csv"), SourceEncoding::Utf8).unwrap();
    let report = import(&test, &text).unwrap();
    assert_eq!((report.rows, report.visits), (3, 2));
    let channel: String = test
        .conn()
        .query_row(
            "SELECT channel FROM visits WHERE ticket = 'D001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(channel, "walk_in");
}

#[test]
fn unknown_codes_in_every_code_column() {
    for (column, col) in [
        ("service", Col::Service),
        ("channel", Col::Channel),
        ("lane", Col::Lane),
        ("matter", Col::Matter),
        ("status", Col::Status),
        ("outcome", Col::Outcome),
        ("rating", Col::Rating),
    ] {
        let problem = one(&ledger(&[row(&[(column, "bogus")])]), 2, Some(col));
        assert_eq!(problem, Problem::UnknownCode("bogus".into()), "{column}");
    }
    // `reason` is checked with an outcome that takes one.
    let r = row(&[("outcome", "returned"), ("reason", "bogus")]);
    let errors = problems(&ledger(&[r]));
    assert!(
        errors
            .iter()
            .any(|e| e.column == Some(Col::Reason)
                && e.problem == Problem::UnknownCode("bogus".into())),
        "{errors:#?}"
    );
    // An open state is not a ledger status.
    assert_eq!(
        one(
            &ledger(&[row(&[("status", "waiting")])]),
            2,
            Some(Col::Status)
        ),
        Problem::UnknownCode("waiting".into())
    );
}

#[test]
fn outcome_of_another_service() {
    let problem = one(
        &ledger(&[row(&[("outcome", "agreement_oral")])]),
        2,
        Some(Col::Outcome),
    );
    assert_eq!(
        problem,
        Problem::OutcomeNotOfService("agreement_oral".into())
    );
    // `declined` is the notary's and the drafting desk's, not the front desk's…
    assert!(matches!(
        one(
            &ledger(&[row(&[("outcome", "declined")])]),
            2,
            Some(Col::Outcome)
        ),
        Problem::OutcomeNotOfService(_)
    ));
    // …and imports for drafting.
    let test = fresh();
    import(
        &test,
        &ledger(&[row(&[
            ("service", "drafting"),
            ("ticket", "D001"),
            ("outcome", "declined"),
        ])]),
    )
    .unwrap();
}

#[test]
fn times_out_of_order() {
    let r = row(&[("called_at", "2026-09-01 08:59:59")]);
    assert_eq!(
        one(&ledger(&[r]), 2, Some(Col::CalledAt)),
        Problem::TimeOrder {
            earlier_than: Col::QueuedAt
        }
    );
    let r = row(&[("finished_at", "2026-09-01 09:05:30")]);
    assert_eq!(
        one(&ledger(&[r]), 2, Some(Col::FinishedAt)),
        Problem::TimeOrder {
            earlier_than: Col::StartedAt
        }
    );
}

#[test]
fn a_time_before_the_visit_date() {
    let r = row(&[
        ("queued_at", "2026-08-31 23:00:00"),
        ("called_at", ""),
        ("started_at", ""),
        ("finished_at", ""),
        ("status", "cancelled"),
        ("outcome", ""),
    ]);
    assert_eq!(
        one(&ledger(&[r]), 2, Some(Col::QueuedAt)),
        Problem::BeforeVisitDate
    );
}

#[test]
fn bad_dates_and_times() {
    assert_eq!(
        one(
            &ledger(&[row(&[("visit_date", "2026-02-30")])]),
            2,
            Some(Col::VisitDate)
        ),
        Problem::BadDate
    );
    assert_eq!(
        one(
            &ledger(&[row(&[("visit_date", "2026/09/01")])]),
            2,
            Some(Col::VisitDate)
        ),
        Problem::BadDate
    );
    assert_eq!(
        one(
            &ledger(&[row(&[("called_at", "2026-09-01 9:05")])]),
            2,
            Some(Col::CalledAt)
        ),
        Problem::BadTime
    );
    assert_eq!(
        one(
            &ledger(&[row(&[("queued_at", "")])]),
            2,
            Some(Col::QueuedAt)
        ),
        Problem::Required
    );
}

#[test]
fn done_needs_its_times_outcome_window_and_staff() {
    for (column, col) in [
        ("started_at", Col::StartedAt),
        ("finished_at", Col::FinishedAt),
        ("outcome", Col::Outcome),
        ("window", Col::Window),
        ("staff", Col::Staff),
    ] {
        let problem = one(&ledger(&[row(&[(column, "")])]), 2, Some(col));
        assert_eq!(
            problem,
            Problem::RequiredWhen {
                col: Col::Status,
                value: "done"
            },
            "{column}"
        );
    }
}

#[test]
fn no_show_needs_called_at() {
    let r = row(&[
        ("status", "no_show"),
        ("called_at", ""),
        ("started_at", ""),
        ("finished_at", ""),
        ("outcome", ""),
    ]);
    assert_eq!(
        one(&ledger(&[r]), 2, Some(Col::CalledAt)),
        Problem::RequiredWhen {
            col: Col::Status,
            value: "no_show"
        }
    );
}

#[test]
fn an_outcome_only_when_done_and_a_reason_only_when_returned() {
    let r = row(&[
        ("status", "cancelled"),
        ("started_at", ""),
        ("finished_at", ""),
    ]);
    assert_eq!(
        one(&ledger(&[r]), 2, Some(Col::Outcome)),
        Problem::OnlyWhen {
            col: Col::Status,
            value: "done"
        }
    );
    assert_eq!(
        one(
            &ledger(&[row(&[("reason", "means")])]),
            2,
            Some(Col::Reason)
        ),
        Problem::OnlyWhen {
            col: Col::Outcome,
            value: "returned"
        }
    );
}

#[test]
fn a_returned_step_needs_a_reason() {
    let returned = row(&[
        ("service", "legal_aid"),
        ("ticket", "Y001"),
        ("outcome", "returned"),
    ]);
    let back = row(&[
        ("ticket", "Y001"),
        ("seq", "2"),
        ("queued_at", "2026-09-01 09:20:00"),
        ("called_at", "2026-09-01 09:25:00"),
        ("started_at", "2026-09-01 09:25:00"),
        ("finished_at", "2026-09-01 09:30:00"),
    ]);
    assert_eq!(
        one(&ledger(&[returned, back]), 2, Some(Col::Reason)),
        Problem::RequiredWhen {
            col: Col::Outcome,
            value: "returned"
        }
    );
}

/// A two-step visit: consult referred to legal aid.
fn referral() -> Vec<Vec<(&'static str, String)>> {
    vec![
        row(&[("outcome", "referred")]),
        row(&[
            ("seq", "2"),
            ("service", "legal_aid"),
            ("queued_at", "2026-09-01 09:20:00"),
            ("called_at", "2026-09-01 09:30:00"),
            ("started_at", "2026-09-01 09:31:00"),
            ("finished_at", "2026-09-01 10:00:00"),
            ("outcome", "application_accepted"),
            ("window", "W2"),
            ("staff", "S12"),
        ]),
    ]
}

#[test]
fn a_referral_imports() {
    let test = fresh();
    import(&test, &ledger(&referral())).unwrap();
}

#[test]
fn a_referred_last_step() {
    let rows = referral();
    assert_eq!(
        one(&ledger(&rows[..1]), 2, Some(Col::Outcome)),
        Problem::NeedsNextStep
    );
    let mut rows = referral();
    rows[1] = row(&[
        ("seq", "2"),
        ("service", "legal_aid"),
        ("queued_at", "2026-09-01 09:20:00"),
        ("called_at", "2026-09-01 09:30:00"),
        ("started_at", "2026-09-01 09:31:00"),
        ("finished_at", "2026-09-01 10:00:00"),
        ("outcome", "referred"),
    ]);
    assert_eq!(
        one(&ledger(&rows), 3, Some(Col::Outcome)),
        Problem::NeedsNextStep
    );
}

#[test]
fn a_return_goes_back_to_consult() {
    let mut rows = referral();
    rows[0] = row(&[
        ("service", "mediation"),
        ("outcome", "returned"),
        ("reason", "wrong_desk"),
    ]);
    assert_eq!(
        one(&ledger(&rows), 3, Some(Col::Service)),
        Problem::ReturnedNotToConsult
    );
}

#[test]
fn a_step_queued_before_the_previous_one_finished() {
    let mut rows = referral();
    rows[1] = row(&[
        ("seq", "2"),
        ("service", "legal_aid"),
        ("queued_at", "2026-09-01 09:19:59"),
        ("called_at", "2026-09-01 09:30:00"),
        ("started_at", "2026-09-01 09:31:00"),
        ("finished_at", "2026-09-01 10:00:00"),
        ("outcome", "advice_only"),
    ]);
    assert_eq!(
        one(&ledger(&rows), 3, Some(Col::QueuedAt)),
        Problem::BeforePreviousStep { previous_line: 2 }
    );
}

#[test]
fn steps_numbered_from_one_without_gaps_or_repeats() {
    let mut rows = referral();
    rows[1][2].1 = "3".into();
    assert_eq!(
        one(&ledger(&rows), 3, Some(Col::Seq)),
        Problem::SeqGap { expected: 2 }
    );
    let mut rows = referral();
    rows[1][2].1 = "1".into();
    assert_eq!(one(&ledger(&rows), 3, Some(Col::Seq)), Problem::SeqRepeated);
    assert_eq!(
        one(&ledger(&[row(&[("seq", "2")])]), 2, Some(Col::Seq)),
        Problem::SeqGap { expected: 1 }
    );
    assert_eq!(
        one(&ledger(&[row(&[("seq", "0")])]), 2, Some(Col::Seq)),
        Problem::OutOfRange
    );
    // Rows of a visit may come in any order.
    let mut rows = referral();
    rows.reverse();
    import(&fresh(), &ledger(&rows)).unwrap();
}

#[test]
fn visit_columns_agree_on_every_row() {
    let mut rows = referral();
    rows[1][5].1 = "elderly".into(); // lane
    rows[1][9].1 = "李四".into(); // visitor_name
    let errors = problems(&ledger(&rows));
    let places: Vec<(u64, Option<Col>)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(places, [(3, Some(Col::Lane)), (3, Some(Col::VisitorName))]);
    assert_eq!(errors[0].problem, Problem::VisitDisagrees { first_line: 2 });
}

#[test]
fn bad_id_check_digit() {
    use legaldesk::domain::idcard::IdProblem;
    let problem = one(
        &ledger(&[row(&[("id_number", "110101199003074515")])]),
        2,
        Some(Col::IdNumber),
    );
    assert_eq!(problem, Problem::IdNumber(IdProblem::CheckDigit('4')));
    assert!(matches!(
        one(
            &ledger(&[row(&[("id_number", "11010119900230123X")])]),
            2,
            Some(Col::IdNumber)
        ),
        Problem::IdNumber(_)
    ));
    // A good one, lower-case x normalised.
    let test = fresh();
    import(
        &test,
        &ledger(&[row(&[("id_number", "11010519491231002x")])]),
    )
    .unwrap();
    let id: String = test
        .conn()
        .query_row("SELECT id_number FROM visitors", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, "11010519491231002X");
}

#[test]
fn other_cells() {
    assert_eq!(
        one(&ledger(&[row(&[("ticket", "z1")])]), 2, Some(Col::Ticket)),
        Problem::BadTicket
    );
    assert_eq!(
        one(
            &ledger(&[row(&[("phone", "138-abc")])]),
            2,
            Some(Col::Phone)
        ),
        Problem::BadPhone
    );
    assert_eq!(
        one(
            &ledger(&[row(&[("amount_recovered", "1.234")])]),
            2,
            Some(Col::AmountRecovered)
        ),
        Problem::BadNumber
    );
    assert_eq!(
        one(
            &ledger(&[row(&[("quantity", "0")])]),
            2,
            Some(Col::Quantity)
        ),
        Problem::OutOfRange
    );
    assert_eq!(
        one(&ledger(&[row(&[("parties", "0")])]), 2, Some(Col::Parties)),
        Problem::OutOfRange
    );
    assert_eq!(
        one(
            &ledger(&[row(&[("parties", "two")])]),
            2,
            Some(Col::Parties)
        ),
        Problem::BadNumber
    );
    assert_eq!(
        one(&ledger(&[row(&[("urgent", "2")])]), 2, Some(Col::Urgent)),
        Problem::OutOfRange
    );
    assert_eq!(
        one(&ledger(&[row(&[("window", "W 1")])]), 2, Some(Col::Window)),
        Problem::BadCode
    );
    assert_eq!(
        one(
            &ledger(&[row(&[("visitor_name", &"名".repeat(33))])]),
            2,
            Some(Col::VisitorName)
        ),
        Problem::TooLong { max: 32 }
    );
}

#[test]
fn every_problem_of_the_file_is_reported_in_line_order() {
    let rows = vec![
        base(),
        row(&[("ticket", "Z002"), ("service", "x")]),
        row(&[("ticket", "Z003")]),
        row(&[("ticket", "Z004"), ("lane", "y"), ("rating", "z")]),
    ];
    let errors = problems(&ledger(&rows));
    let places: Vec<(u64, Option<Col>)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(
        places,
        [
            (3, Some(Col::Service)),
            (5, Some(Col::Lane)),
            (5, Some(Col::Rating))
        ]
    );
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ledger")
        .join(name)
}

#[test]
fn broken_quoting() {
    let text = std::fs::read_to_string(fixture("broken-quote.csv")).unwrap();
    let errors = problems(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!((errors[0].line, errors[0].column), (3, None));
    assert!(
        matches!(errors[0].problem, Problem::FieldCount { expected: 26, .. }),
        "{errors:#?}"
    );
    assert!(errors[0].message(Lang::Zh).contains("引号"));
}

#[test]
fn gbk_bytes_read_as_utf8_and_then_as_gbk() {
    let path = fixture("gbk.csv");
    match ledger::read_file(&path, SourceEncoding::Utf8) {
        Err(ImportError::Rows(errors)) => {
            assert_eq!(errors.len(), 1);
            // The first non-ASCII byte is on line 2 (a name).
            assert_eq!(
                (errors[0].line, errors[0].problem.clone()),
                (2, Problem::NotUtf8 { gbk: true })
            );
            assert!(errors[0].message(Lang::En).contains("--encoding gbk"));
        }
        other => panic!("GBK read as UTF-8 must be refused, got {other:?}"),
    }
    let text = ledger::read_file(&path, SourceEncoding::Gbk).unwrap();
    let test = fresh();
    let report = import(&test, &text).unwrap();
    assert_eq!((report.rows, report.visits), (3, 2));
    let name: String = test
        .conn()
        .query_row("SELECT name FROM visitors ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(name, "张三");
    // Bytes that are not GBK either: the report names their line.
    match ledger::decode(b"visit_date\nZ001\n\x81\x20\n", SourceEncoding::Gbk) {
        Err(ImportError::Rows(errors)) => assert_eq!(
            (errors[0].line, errors[0].problem.clone()),
            (3, Problem::NotGbk)
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_hundred_thousand_rows_with_one_bad_row_at_the_end() {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER).unwrap();
    let base = base();
    let mut cells: Vec<String> = base.iter().map(|(_, v)| v.clone()).collect();
    let total = 100_000;
    for i in 0..total {
        let date =
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(i / 1000);
        let d = date.format("%Y-%m-%d").to_string();
        cells[0] = d.clone();
        cells[1] = format!("Z{:03}", i % 1000 + 1);
        cells[13] = format!("{d} 09:00:00");
        cells[14] = format!("{d} 09:05:00");
        cells[15] = format!("{d} 09:06:00");
        cells[16] = format!("{d} 09:20:00");
        if i == total - 1 {
            cells[6] = "yes".into(); // urgent must be 0 or 1
        }
        writer.write_record(&cells).unwrap();
    }
    let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let test = fresh();
    let errors = problems_in(&test, &text);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].line, errors[0].column),
        (total as u64 + 1, Some(Col::Urgent))
    );
    assert_eq!(common::count(&test.conn(), "visits"), 0);
    // Fixed, the whole file goes in.
    let fixed = text.replace(",yes,", ",1,");
    let report = import(&test, &fixed).unwrap();
    assert_eq!(report.rows, total as usize);
    assert_eq!(common::count(&test.conn(), "visits"), total);
}

#[test]
fn a_closed_date_is_refused() {
    let test = fresh();
    let mut conn = test.conn();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    legaldesk::service::close::close_day(&mut conn, None, date, common::opening()).unwrap();
    let rows = vec![
        base(),
        row(&[("ticket", "Z002")]),
        row(&[
            ("ticket", "Z001"),
            ("visit_date", "2026-09-02"),
            ("queued_at", "2026-09-02 09:00:00"),
            ("called_at", "2026-09-02 09:05:00"),
            ("started_at", "2026-09-02 09:06:00"),
            ("finished_at", "2026-09-02 09:20:00"),
        ]),
    ];
    let errors = problems_in(&test, &ledger(&rows));
    // Reported once for the date, at its first row; the open date's row is fine.
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        (errors[0].line, errors[0].column, errors[0].problem.clone()),
        (2, Some(Col::VisitDate), Problem::DateClosed)
    );
}

#[test]
fn a_ticket_already_in_the_database() {
    let test = fresh();
    import(&test, &ledger(&[base()])).unwrap();
    let again = row(&[("ticket", "Z002")]);
    let errors = problems_in(&test, &ledger(&[again.clone(), base()]));
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].line, errors[0].column, errors[0].problem.clone()),
        (3, Some(Col::Ticket), Problem::TicketExists)
    );
}

#[test]
fn unknown_windows_and_staff_are_created_and_staff_cannot_sign_in() {
    let test = fresh();
    let rows = referral();
    let text = ledger(&[
        rows[0].clone(),
        row(&[
            ("seq", "2"),
            ("service", "legal_aid"),
            ("queued_at", "2026-09-01 09:20:00"),
            ("called_at", "2026-09-01 09:30:00"),
            ("started_at", "2026-09-01 09:31:00"),
            ("finished_at", "2026-09-01 10:00:00"),
            ("outcome", "advice_only"),
            ("window", "W9"),
            ("staff", "s77"),
        ]),
    ]);
    let report = import(&test, &text).unwrap();
    assert_eq!(report.windows_created, ["W9"]);
    assert_eq!(report.staff_created, ["S02", "S77"]);
    let conn = test.conn();
    let (services, active): (String, i64) = conn
        .query_row(
            "SELECT services, active FROM windows WHERE code = 'W9'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((services.as_str(), active), ("legal_aid", 1));
    let (role, active, pin): (String, i64, Option<String>) = conn
        .query_row(
            "SELECT role, active, pin_hash FROM staff WHERE code = 'S77'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((role.as_str(), active, pin), ("duty_lawyer", 0, None));
    // W1 existed (a default window): reused, not created.
    let w1: i64 = conn
        .query_row("SELECT count(*) FROM windows WHERE code = 'W1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(w1, 1);
}

#[test]
fn later_live_tickets_never_reuse_an_imported_number() {
    let test = common::TestDb::seeded();
    legaldesk::service::settings::set(&test.conn(), "timezone", common::ZONE).unwrap();
    let day = common::DAY;
    let times = [
        ("queued_at", format!("{day} 08:00:00")),
        ("called_at", format!("{day} 08:05:00")),
        ("started_at", format!("{day} 08:06:00")),
        ("finished_at", format!("{day} 08:20:00")),
    ];
    let mut changes: Vec<(&str, &str)> = times.iter().map(|(c, v)| (*c, v.as_str())).collect();
    changes.push(("visit_date", day));
    changes.push(("ticket", "Z007"));
    import(&test, &ledger(&[row(&changes)])).unwrap();
    let counter: i64 = test
        .conn()
        .query_row(
            "SELECT last_number FROM ticket_counters WHERE business_date = ?1 AND prefix = 'Z'",
            [day],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(counter, 7);
    let mut conn = test.conn();
    let desk = common::front_desk(&mut conn);
    let issued = common::issue(
        &mut conn,
        &desk,
        legaldesk::domain::codes::Service::Consult,
        "新来",
        common::opening(),
    );
    assert_eq!(issued.ticket, "Z008");
}

// ---- the command line ------------------------------------------------------------------

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_legaldesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LEGALDESK_DB")
        .stdin(Stdio::null())
        .output()
        .expect("run legaldesk")
}

#[test]
fn import_on_the_command_line() {
    let test = fresh();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        ledger(&[
            base(),
            row(&[("ticket", "Z002"), ("called_at", "2026-09-01 08:00:00")]),
        ]),
    )
    .unwrap();
    let out = cli(
        &test.path,
        &["--lang", "en", "import", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("1 problem")
            && said.contains("line 3, column called_at")
            && said.contains("nothing was written"),
        "{said}"
    );
    assert_eq!(common::count(&test.conn(), "visits"), 0);
    // GBK without --encoding: refused with the hint; with it: imported.
    let gbk = fixture("gbk.csv");
    let out = cli(
        &test.path,
        &["--lang", "zh", "import", gbk.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--encoding gbk"));
    let out = cli(
        &test.path,
        &[
            "--lang",
            "zh",
            "import",
            gbk.to_str().unwrap(),
            "--encoding",
            "gbk",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("已导入 3 行"));
    let out = cli(
        &test.path,
        &[
            "--lang",
            "en",
            "import",
            gbk.to_str().unwrap(),
            "--encoding",
            "latin1",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = cli(
        &test.path,
        &[
            "--lang",
            "en",
            "import",
            dir.path().join("missing.csv").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

// ---- line numbers are spreadsheet rows ---------------------------------------------------

/// A ledger of 980 visits (rows 2 to 981 under the header) whose last row is bad (`urgent`
/// = `yes`), written with `terminator`; every tenth row's summary, when `multiline`, is a
/// quoted cell of three text lines (as Alt+Enter in a spreadsheet cell makes).
fn ledger_of_980_rows(terminator: csv::Terminator, multiline: bool) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(terminator)
        .from_writer(Vec::new());
    writer.write_record(HEADER).unwrap();
    let mut cells: Vec<String> = base().into_iter().map(|(_, v)| v).collect();
    let summary = HEADER.iter().position(|h| *h == "summary").unwrap();
    let urgent = HEADER.iter().position(|h| *h == "urgent").unwrap();
    let break_in_cell = match terminator {
        csv::Terminator::CRLF => "\r\n",
        _ => "\n",
    };
    for i in 1..=980 {
        cells[1] = format!("Z{i:03}");
        cells[summary] = if multiline && i % 10 == 0 {
            ["拖欠工资", "三个月", "要求支付"].join(break_in_cell)
        } else {
            String::new()
        };
        if i == 980 {
            cells[urgent] = "yes".into();
        }
        writer.write_record(&cells).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// The bad last row is reported on row 981, as a spreadsheet shows it, in both languages.
#[track_caller]
fn bad_row_is_981(text: &str) {
    let errors = problems(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!((errors[0].line, errors[0].column), (981, Some(Col::Urgent)));
    assert!(errors[0]
        .message(Lang::Zh)
        .starts_with("第 981 行，列 urgent"));
    assert!(errors[0]
        .message(Lang::En)
        .starts_with("line 981, column urgent"));
}

#[test]
fn line_numbers_in_a_file_with_lf_endings() {
    let text = ledger_of_980_rows(csv::Terminator::Any(b'\n'), false);
    assert!(!text.contains('\r'));
    bad_row_is_981(&text);
}

#[test]
fn line_numbers_in_a_file_saved_by_excel_or_wps_with_cr_lf_endings() {
    let text = ledger_of_980_rows(csv::Terminator::CRLF, false);
    assert_eq!(text.matches("\r\n").count(), 981, "every row ends in CR LF");
    bad_row_is_981(&text);
    // Without the last line ending (some programs leave it off).
    bad_row_is_981(text.trim_end());
}

#[test]
fn line_numbers_with_cells_over_several_lines() {
    for terminator in [csv::Terminator::Any(b'\n'), csv::Terminator::CRLF] {
        let text = ledger_of_980_rows(terminator, true);
        // 97 cells of three text lines come before the bad row (which has one too): it
        // starts on text line 981 + 2 × 97.
        let text_line = text[..text.rfind("Z980").unwrap()].matches('\n').count() + 1;
        assert_eq!(
            text_line,
            981 + 2 * 97,
            "the test file is what it should be"
        );
        bad_row_is_981(&text);
    }
}

#[test]
fn the_command_line_names_row_981_of_a_cr_lf_file() {
    let test = fresh();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wps.csv");
    std::fs::write(&file, ledger_of_980_rows(csv::Terminator::CRLF, true)).unwrap();
    let out = cli(
        &test.path,
        &["--lang", "zh", "import", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("第 981 行，列 urgent"), "{said}");
    assert_eq!(common::count(&test.conn(), "visits"), 0);
}

#[test]
fn undecodable_bytes_are_named_by_their_row() {
    // A CR LF file with a cell over two lines before the bad byte, which sits on row 3.
    let mut bytes = b"visit_date,summary\r\n2026-09-01,\"a\r\nb\"\r\n2026-09-01,".to_vec();
    bytes.extend(b"\xff\r\n");
    for encoding in [SourceEncoding::Utf8, SourceEncoding::Gbk] {
        match ledger::decode(&bytes, encoding) {
            Err(ImportError::Rows(errors)) => assert_eq!(errors[0].line, 3, "{encoding:?}"),
            other => panic!("{encoding:?}: {other:?}"),
        }
    }
}
