//! One ledger row: every cell checked on its own and against the rest of its row. A row
//! that passes becomes a [`Row`] ready for the checks across the steps of a visit.

use chrono::{NaiveDate, NaiveDateTime};

use super::columns::{Col, Layout};
use super::problem::{Problem, RowError};
use crate::domain::clock::Zone;
use crate::domain::codes::{
    Channel, Lane, Matter, Outcome, Rating, ReturnReason, Service, StepStatus,
};
use crate::domain::idcard;
use crate::domain::text::{clean_count, clean_phone, clean_text, parse_yuan, FieldProblem};
use crate::domain::ticket::parse_ticket;
use crate::service::intake::{NAME_MAX, SUMMARY_MAX};
use crate::service::staff::clean_code;
use crate::service::steps::NOTE_MAX;

/// The columns every row of one visit must agree on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFields {
    pub channel: Channel,
    pub lane: Lane,
    pub urgent: bool,
    pub matter: Matter,
    pub parties: i64,
    pub name: String,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    pub summary: Option<String>,
}

impl VisitFields {
    /// The columns where `other` differs.
    pub fn differences(&self, other: &VisitFields) -> Vec<Col> {
        let mut cols = Vec::new();
        let checks = [
            (self.channel == other.channel, Col::Channel),
            (self.lane == other.lane, Col::Lane),
            (self.urgent == other.urgent, Col::Urgent),
            (self.matter == other.matter, Col::Matter),
            (self.parties == other.parties, Col::Parties),
            (self.name == other.name, Col::VisitorName),
            (self.phone == other.phone, Col::Phone),
            (self.id_number == other.id_number, Col::IdNumber),
            (self.summary == other.summary, Col::Summary),
        ];
        for (same, col) in checks {
            if !same {
                cols.push(col);
            }
        }
        cols
    }
}

/// A local time as written and the instant it means in the center's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    pub local: NaiveDateTime,
    pub instant: i64,
}

/// A checked row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub date: NaiveDate,
    pub ticket: String,
    pub seq: i64,
    pub service: Service,
    pub visit: VisitFields,
    pub queued_at: Time,
    pub called_at: Option<Time>,
    pub started_at: Option<Time>,
    pub finished_at: Option<Time>,
    pub status: StepStatus,
    pub outcome: Option<Outcome>,
    pub reason: Option<ReturnReason>,
    pub window: Option<String>,
    pub staff: Option<String>,
    pub amount_fen: Option<i64>,
    pub quantity: Option<i64>,
    pub rating: Option<Rating>,
    pub note: Option<String>,
}

/// Collects the problems of one row while reading its cells.
struct Cells<'a> {
    layout: &'a Layout,
    record: &'a csv::StringRecord,
    line: u64,
    zone: Zone,
    errors: Vec<RowError>,
}

impl Cells<'_> {
    fn raw(&self, col: Col) -> &str {
        self.layout.cell(self.record, col)
    }

    fn fail(&mut self, col: Col, problem: Problem) {
        self.errors
            .push(RowError::new(self.line, Some(col), problem));
    }

    /// A cell that must not be empty.
    fn required(&mut self, col: Col) -> Option<String> {
        let value = self.raw(col).to_string();
        if value.is_empty() {
            self.fail(col, Problem::Required);
            return None;
        }
        Some(value)
    }

    fn code<T>(&mut self, col: Col, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let value = self.required(col)?;
        let parsed = parse(&value);
        if parsed.is_none() {
            self.fail(col, Problem::UnknownCode(value));
        }
        parsed
    }

    fn optional_code<T>(
        &mut self,
        col: Col,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<Option<T>> {
        let value = self.raw(col).to_string();
        if value.is_empty() {
            return Some(None);
        }
        match parse(&value) {
            Some(v) => Some(Some(v)),
            None => {
                self.fail(col, Problem::UnknownCode(value));
                None
            }
        }
    }

    fn field(&mut self, col: Col, result: Result<String, FieldProblem>) -> Option<Option<String>> {
        match result {
            Ok(text) => Some(Some(text).filter(|t| !t.is_empty())),
            Err(problem) => {
                self.fail(col, field_problem(problem));
                None
            }
        }
    }

    fn text(&mut self, col: Col, max: usize) -> Option<Option<String>> {
        let result = clean_text(self.raw(col), false, max);
        self.field(col, result)
    }

    fn count(&mut self, col: Col, default: i64) -> Option<i64> {
        match clean_count(self.raw(col), default, 1, 9999) {
            Ok(n) => Some(n),
            Err(problem) => {
                self.fail(col, field_problem(problem));
                None
            }
        }
    }

    fn time(&mut self, col: Col) -> Option<Option<Time>> {
        let value = self.raw(col).to_string();
        if value.is_empty() {
            return Some(None);
        }
        let shaped = value.len() == 19 && value.as_bytes()[10] == b' ';
        let Some(local) = NaiveDateTime::parse_from_str(&value, "%Y-%m-%d %H:%M:%S")
            .ok()
            .filter(|_| shaped)
        else {
            self.fail(col, Problem::BadTime);
            return None;
        };
        let Some(instant) = self.zone.instant_of(local) else {
            self.fail(col, Problem::NoSuchLocalTime);
            return None;
        };
        Some(Some(Time { local, instant }))
    }
}

fn field_problem(problem: FieldProblem) -> Problem {
    match problem {
        FieldProblem::Empty => Problem::Required,
        FieldProblem::TooLong { max } => Problem::TooLong { max },
        FieldProblem::NotAPhone => Problem::BadPhone,
        FieldProblem::NotANumber => Problem::BadNumber,
        FieldProblem::OutOfRange => Problem::OutOfRange,
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    (text.len() == 10)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

/// The cells that name the step: the visit's date and ticket, the step's number and service.
struct StepKey {
    date: Option<NaiveDate>,
    ticket: Option<String>,
    seq: Option<i64>,
    service: Option<Service>,
}

/// The four times of a step; the outer `None` is a cell that did not read.
#[derive(Clone, Copy)]
struct Times {
    queued: Option<Option<Time>>,
    called: Option<Option<Time>>,
    started: Option<Option<Time>>,
    finished: Option<Option<Time>>,
}

impl Cells<'_> {
    fn step_key(&mut self) -> StepKey {
        let date = self.required(Col::VisitDate).and_then(|text| {
            let date = parse_date(&text);
            if date.is_none() {
                self.fail(Col::VisitDate, Problem::BadDate);
            }
            date
        });
        let ticket = self.required(Col::Ticket);
        if let Some(t) = &ticket {
            if parse_ticket(t).is_none() {
                self.fail(Col::Ticket, Problem::BadTicket);
            }
        }
        let seq = match self.required(Col::Seq).map(|s| s.parse::<i64>()) {
            Some(Ok(n)) if n >= 1 => Some(n),
            Some(Ok(_)) => {
                self.fail(Col::Seq, Problem::OutOfRange);
                None
            }
            Some(Err(_)) => {
                self.fail(Col::Seq, Problem::BadNumber);
                None
            }
            None => None,
        };
        let service = self.code(Col::Service, Service::from_code);
        StepKey {
            date,
            ticket,
            seq,
            service,
        }
    }

    /// The visit's columns (how and why they came) and the visitor's (who came); every cell
    /// is read, so each problem is reported, before any is missing from the result.
    fn visit_fields(&mut self) -> Option<VisitFields> {
        let channel = self.code(Col::Channel, Channel::from_code);
        let lane = self.code(Col::Lane, Lane::from_code);
        let urgent = self.urgent();
        let matter = self.code(Col::Matter, Matter::from_code);
        let parties = self.count(Col::Parties, 1);
        let name = self.text(Col::VisitorName, NAME_MAX);
        let phone_result = clean_phone(self.raw(Col::Phone));
        let phone = self.field(Col::Phone, phone_result);
        let id_number = self.id_number();
        let summary = self.text(Col::Summary, SUMMARY_MAX);
        Some(VisitFields {
            channel: channel?,
            lane: lane?,
            urgent: urgent?,
            matter: matter?,
            parties: parties?,
            name: name?.unwrap_or_default(),
            phone: phone?,
            id_number: id_number?,
            summary: summary?,
        })
    }

    fn urgent(&mut self) -> Option<bool> {
        match self.raw(Col::Urgent) {
            "" | "0" => Some(false),
            "1" => Some(true),
            _ => {
                self.fail(Col::Urgent, Problem::OutOfRange);
                None
            }
        }
    }

    fn id_number(&mut self) -> Option<Option<String>> {
        match idcard::normalise(self.raw(Col::IdNumber)) {
            id if id.is_empty() => Some(None),
            id => match idcard::validate(&id) {
                Ok(()) => Some(Some(id)),
                Err(problem) => {
                    self.fail(Col::IdNumber, Problem::IdNumber(problem));
                    None
                }
            },
        }
    }

    /// The step's times; the queue time is required.
    fn times(&mut self) -> Times {
        let queued = self.time(Col::QueuedAt);
        if matches!(queued, Some(None)) {
            self.fail(Col::QueuedAt, Problem::Required);
        }
        Times {
            queued,
            called: self.time(Col::CalledAt),
            started: self.time(Col::StartedAt),
            finished: self.time(Col::FinishedAt),
        }
    }

    /// The statuses a ledger may record (a step still waiting or open is not history).
    fn status(&mut self) -> Option<StepStatus> {
        self.code(Col::Status, |s| {
            StepStatus::from_code(s).filter(|st| {
                matches!(
                    st,
                    StepStatus::Done
                        | StepStatus::NoShow
                        | StepStatus::Cancelled
                        | StepStatus::Unfinished
                )
            })
        })
    }

    fn amount(&mut self) -> Option<Option<i64>> {
        match parse_yuan(self.raw(Col::AmountRecovered)) {
            Ok(fen) => Some(fen),
            Err(problem) => {
                self.fail(Col::AmountRecovered, field_problem(problem));
                None
            }
        }
    }

    fn quantity(&mut self) -> Option<Option<i64>> {
        if self.raw(Col::Quantity).is_empty() {
            Some(None)
        } else {
            self.count(Col::Quantity, 1).map(Some)
        }
    }

    /// A `status` that needs a cell the row left empty.
    fn required_by_status(&mut self, col: Col, value: &'static str) {
        self.fail(
            col,
            Problem::RequiredWhen {
                col: Col::Status,
                value,
            },
        );
    }
}

/// Checks one record; every problem found is returned, not only the first.
pub fn read_row(
    layout: &Layout,
    record: &csv::StringRecord,
    line: u64,
    zone: Zone,
) -> Result<Row, Vec<RowError>> {
    let mut c = Cells {
        layout,
        record,
        line,
        zone,
        errors: Vec::new(),
    };
    // Cells in column order, so the problems are listed as the row reads.
    let key = c.step_key();
    let visit = c.visit_fields();
    let times = c.times();
    let status = c.status();
    let outcome = outcome_of(&mut c, key.service, status);
    let reason = c.optional_code(Col::Reason, ReturnReason::from_code);
    let window = code_cell(&mut c, Col::Window);
    let staff = code_cell(&mut c, Col::Staff);
    let amount = c.amount();
    let quantity = c.quantity();
    let rating = c.optional_code(Col::Rating, Rating::from_code);
    let note = c.text(Col::Note, NOTE_MAX);

    // Rules within the row, where the cells they need are readable.
    check_times(&mut c, key.date, times);
    check_status(&mut c, status, times, [window.as_ref(), staff.as_ref()]);
    check_reason(&mut c, outcome, reason);

    let errors = std::mem::take(&mut c.errors);
    let built = (|| {
        Some(Row {
            line,
            date: key.date?,
            ticket: key.ticket?,
            seq: key.seq?,
            service: key.service?,
            visit: visit?,
            queued_at: times.queued??,
            called_at: times.called?,
            started_at: times.started?,
            finished_at: times.finished?,
            status: status?,
            outcome: outcome?,
            reason: reason?,
            window: window?,
            staff: staff?,
            amount_fen: amount?,
            quantity: quantity?,
            rating: rating?,
            note: note?,
        })
    })();
    match built {
        Some(row) if errors.is_empty() => Ok(row),
        _ => Err(errors),
    }
}

/// Queued on or after the visit date, and the four times in order.
fn check_times(c: &mut Cells, date: Option<NaiveDate>, times: Times) {
    if let (Some(Some(q)), Some(d)) = (times.queued, date) {
        if q.local.date() < d {
            c.fail(Col::QueuedAt, Problem::BeforeVisitDate);
        }
    }
    let Times {
        queued: Some(q),
        called: Some(ca),
        started: Some(st),
        finished: Some(fi),
    } = times
    else {
        return;
    };
    let times = [
        (Col::QueuedAt, q),
        (Col::CalledAt, ca),
        (Col::StartedAt, st),
        (Col::FinishedAt, fi),
    ];
    let mut latest: Option<(Col, NaiveDateTime)> = None;
    for (col, time) in times {
        let Some(time) = time else { continue };
        match latest {
            // Compared with the latest time so far, so one wrong time is one error.
            Some((before, at)) if time.local < at => c.fail(
                col,
                Problem::TimeOrder {
                    earlier_than: before,
                },
            ),
            _ => latest = Some((col, time.local)),
        }
    }
}

/// What the status needs: a done step was started, finished, at a window, by staff; a
/// no-show was called.
fn check_status(
    c: &mut Cells,
    status: Option<StepStatus>,
    times: Times,
    [window, staff]: [Option<&Option<String>>; 2],
) {
    match status {
        Some(StepStatus::Done) => {
            for (col, time) in [
                (Col::StartedAt, times.started),
                (Col::FinishedAt, times.finished),
            ] {
                if matches!(time, Some(None)) {
                    c.required_by_status(col, "done");
                }
            }
            for (col, value) in [(Col::Window, window), (Col::Staff, staff)] {
                if matches!(value, Some(None)) {
                    c.required_by_status(col, "done");
                }
            }
        }
        Some(StepStatus::NoShow) if matches!(times.called, Some(None)) => {
            c.required_by_status(Col::CalledAt, "no_show");
        }
        _ => {}
    }
}

/// A return reason exactly when the outcome is `returned`.
fn check_reason(
    c: &mut Cells,
    outcome: Option<Option<Outcome>>,
    reason: Option<Option<ReturnReason>>,
) {
    match (outcome, reason) {
        (Some(Some(Outcome::Returned)), Some(None)) => c.fail(
            Col::Reason,
            Problem::RequiredWhen {
                col: Col::Outcome,
                value: "returned",
            },
        ),
        (Some(o), Some(Some(_))) if o != Some(Outcome::Returned) => c.fail(
            Col::Reason,
            Problem::OnlyWhen {
                col: Col::Outcome,
                value: "returned",
            },
        ),
        _ => {}
    }
}

/// The outcome: required when done, empty otherwise, and one of the service's codes.
fn outcome_of(
    c: &mut Cells,
    service: Option<Service>,
    status: Option<StepStatus>,
) -> Option<Option<Outcome>> {
    let value = c.raw(Col::Outcome).to_string();
    let done = status == Some(StepStatus::Done);
    if value.is_empty() {
        if done {
            c.fail(
                Col::Outcome,
                Problem::RequiredWhen {
                    col: Col::Status,
                    value: "done",
                },
            );
            return None;
        }
        return Some(None);
    }
    if status.is_some() && !done {
        c.fail(
            Col::Outcome,
            Problem::OnlyWhen {
                col: Col::Status,
                value: "done",
            },
        );
        return None;
    }
    let service = service?;
    match Outcome::for_service(service, &value) {
        Some(outcome) => Some(Some(outcome)),
        None => {
            let known = Service::ALL
                .iter()
                .any(|s| Outcome::for_service(*s, &value).is_some());
            c.fail(
                Col::Outcome,
                if known {
                    Problem::OutcomeNotOfService(value)
                } else {
                    Problem::UnknownCode(value)
                },
            );
            None
        }
    }
}

/// A window or staff code (created on import when unknown).
fn code_cell(c: &mut Cells, col: Col) -> Option<Option<String>> {
    let value = c.raw(col);
    if value.is_empty() {
        return Some(None);
    }
    match clean_code(value) {
        Ok(code) => Some(Some(code)),
        Err(_) => {
            c.fail(col, Problem::BadCode);
            None
        }
    }
}
