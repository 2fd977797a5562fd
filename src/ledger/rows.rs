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
    let date = c.required(Col::VisitDate).and_then(|text| {
        let date = parse_date(&text);
        if date.is_none() {
            c.fail(Col::VisitDate, Problem::BadDate);
        }
        date
    });
    let ticket = c.required(Col::Ticket);
    if let Some(t) = &ticket {
        if parse_ticket(t).is_none() {
            c.fail(Col::Ticket, Problem::BadTicket);
        }
    }
    let seq = match c.required(Col::Seq).map(|s| s.parse::<i64>()) {
        Some(Ok(n)) if n >= 1 => Some(n),
        Some(Ok(_)) => {
            c.fail(Col::Seq, Problem::OutOfRange);
            None
        }
        Some(Err(_)) => {
            c.fail(Col::Seq, Problem::BadNumber);
            None
        }
        None => None,
    };
    let service = c.code(Col::Service, Service::from_code);
    let channel = c.code(Col::Channel, Channel::from_code);
    let lane = c.code(Col::Lane, Lane::from_code);
    let urgent = match c.raw(Col::Urgent) {
        "" | "0" => Some(false),
        "1" => Some(true),
        _ => {
            c.fail(Col::Urgent, Problem::OutOfRange);
            None
        }
    };
    let matter = c.code(Col::Matter, Matter::from_code);
    let parties = c.count(Col::Parties, 1);
    let name = c.text(Col::VisitorName, NAME_MAX);
    let phone_result = clean_phone(c.raw(Col::Phone));
    let phone = c.field(Col::Phone, phone_result);
    let id_number = match idcard::normalise(c.raw(Col::IdNumber)) {
        id if id.is_empty() => Some(None),
        id => match idcard::validate(&id) {
            Ok(()) => Some(Some(id)),
            Err(problem) => {
                c.fail(Col::IdNumber, Problem::IdNumber(problem));
                None
            }
        },
    };
    let summary = c.text(Col::Summary, SUMMARY_MAX);
    let queued = c.time(Col::QueuedAt);
    if matches!(queued, Some(None)) {
        c.fail(Col::QueuedAt, Problem::Required);
    }
    let called = c.time(Col::CalledAt);
    let started = c.time(Col::StartedAt);
    let finished = c.time(Col::FinishedAt);
    let status = c.code(Col::Status, |s| {
        StepStatus::from_code(s).filter(|st| {
            matches!(
                st,
                StepStatus::Done
                    | StepStatus::NoShow
                    | StepStatus::Cancelled
                    | StepStatus::Unfinished
            )
        })
    });
    let outcome = outcome_of(&mut c, service, status);
    let reason = c.optional_code(Col::Reason, ReturnReason::from_code);
    let window = code_cell(&mut c, Col::Window);
    let staff = code_cell(&mut c, Col::Staff);
    let amount = match parse_yuan(c.raw(Col::AmountRecovered)) {
        Ok(fen) => Some(fen),
        Err(problem) => {
            c.fail(Col::AmountRecovered, field_problem(problem));
            None
        }
    };
    let quantity = if c.raw(Col::Quantity).is_empty() {
        Some(None)
    } else {
        c.count(Col::Quantity, 1).map(Some)
    };
    let rating = c.optional_code(Col::Rating, Rating::from_code);
    let note = c.text(Col::Note, NOTE_MAX);

    // Rules within the row, where the cells they need are readable.
    if let (Some(Some(q)), Some(d)) = (queued, date) {
        if q.local.date() < d {
            c.fail(Col::QueuedAt, Problem::BeforeVisitDate);
        }
    }
    if let (Some(q), Some(ca), Some(st), Some(fi)) = (queued, called, started, finished) {
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
    match status {
        Some(StepStatus::Done) => {
            for (col, time) in [(Col::StartedAt, started), (Col::FinishedAt, finished)] {
                if matches!(time, Some(None)) {
                    c.fail(
                        col,
                        Problem::RequiredWhen {
                            col: Col::Status,
                            value: "done",
                        },
                    );
                }
            }
            for (col, value) in [(Col::Window, &window), (Col::Staff, &staff)] {
                if matches!(value, Some(None)) {
                    c.fail(
                        col,
                        Problem::RequiredWhen {
                            col: Col::Status,
                            value: "done",
                        },
                    );
                }
            }
        }
        Some(StepStatus::NoShow) if matches!(called, Some(None)) => {
            c.fail(
                Col::CalledAt,
                Problem::RequiredWhen {
                    col: Col::Status,
                    value: "no_show",
                },
            );
        }
        _ => {}
    }
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

    let errors = std::mem::take(&mut c.errors);
    let built = (|| {
        Some(Row {
            line,
            date: date?,
            ticket: ticket?,
            seq: seq?,
            service: service?,
            visit: VisitFields {
                channel: channel?,
                lane: lane?,
                urgent: urgent?,
                matter: matter?,
                parties: parties?,
                name: name?.unwrap_or_default(),
                phone: phone?,
                id_number: id_number?,
                summary: summary?,
            },
            queued_at: queued??,
            called_at: called?,
            started_at: started?,
            finished_at: finished?,
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
