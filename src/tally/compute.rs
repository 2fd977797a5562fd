//! The tally maths on plain records (no I/O). Visits are fed one at a time to an
//! [`Accumulator`], so a range of years never has to sit in memory as records: only the
//! durations needed for the percentiles are kept.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::model::{
    Counts, DeskTally, OrderedMap, Ratings, Satisfaction, ServiceTally, Summary, Tally,
};
use super::stats::{mean, nearest_rank, share};
use crate::domain::codes::{Channel, Lane, Matter, Outcome, Rating, Service, StepStatus};
use crate::domain::text::format_yuan;
use crate::domain::ticket::parse_ticket;

/// One step as stored, with window and staff by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    pub seq: i64,
    pub service: Service,
    pub status: StepStatus,
    pub queued_at: i64,
    pub called_at: Option<i64>,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub outcome: Option<Outcome>,
    pub amount_fen: Option<i64>,
    pub quantity: Option<i64>,
    pub rating: Option<Rating>,
    pub window: Option<Arc<str>>,
    pub staff: Option<Arc<str>>,
}

/// One visit and its steps in `seq` order. No personal data: the tally never sees any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    pub ticket: String,
    pub channel: Channel,
    pub lane: Lane,
    pub urgent: bool,
    pub matter: Matter,
    pub parties: i64,
    /// The local offset stored with the visit (for `hourly_arrivals`).
    pub utc_offset_s: i32,
    pub steps: Vec<StepRecord>,
}

/// What the tally depends on besides the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `target_wait_min` in seconds.
    pub target_wait_s: i64,
    pub group_threshold: i64,
}

impl Params {
    pub fn single_day(&self) -> bool {
        self.from == self.to
    }
}

#[derive(Default)]
struct ServiceAcc {
    arrivals: u64,
    done: u64,
    no_show: u64,
    cancelled: u64,
    unfinished: u64,
    open: u64,
    outcomes: Vec<u64>,
    waits: Vec<i64>,
    durations: Vec<i64>,
    within: u64,
}

#[derive(Default)]
struct DeskAcc {
    served: u64,
    duration_sum: i128,
    duration_n: u64,
    ratings: [u64; 3],
}

/// Feeds visits in; `finish` gives the tally.
pub struct Accumulator {
    params: Params,
    visits: u64,
    channels: Vec<u64>,
    lanes: Vec<u64>,
    matters: Vec<u64>,
    urgent: u64,
    group_visits: u64,
    group_list: Vec<String>,
    hours: [u64; 24],
    services: Vec<ServiceAcc>,
    referrals: BTreeMap<(Service, Service), u64>,
    windows: BTreeMap<Arc<str>, DeskAcc>,
    staff: BTreeMap<Arc<str>, DeskAcc>,
    legal_aid_applications: u64,
    documents: u64,
    amount_fen: i64,
    ratings: [u64; 3],
    done_steps: u64,
    unfinished_list: Vec<String>,
}

impl Accumulator {
    pub fn new(params: Params) -> Accumulator {
        let services = Service::ALL
            .iter()
            .map(|s| ServiceAcc {
                outcomes: vec![0; s.outcomes().len()],
                ..ServiceAcc::default()
            })
            .collect();
        Accumulator {
            params,
            visits: 0,
            channels: vec![0; Channel::ALL.len()],
            lanes: vec![0; Lane::ALL.len()],
            matters: vec![0; Matter::ALL.len()],
            urgent: 0,
            group_visits: 0,
            group_list: Vec::new(),
            hours: [0; 24],
            services,
            referrals: BTreeMap::new(),
            windows: BTreeMap::new(),
            staff: BTreeMap::new(),
            legal_aid_applications: 0,
            documents: 0,
            amount_fen: 0,
            ratings: [0; 3],
            done_steps: 0,
            unfinished_list: Vec::new(),
        }
    }

    pub fn add(&mut self, visit: &VisitRecord) {
        self.visits += 1;
        self.channels[index_of(Channel::ALL, visit.channel)] += 1;
        self.lanes[index_of(Lane::ALL, visit.lane)] += 1;
        self.matters[index_of(Matter::ALL, visit.matter)] += 1;
        self.urgent += u64::from(visit.urgent);
        if visit.parties >= self.params.group_threshold {
            self.group_visits += 1;
            if self.params.single_day() {
                self.group_list.push(visit.ticket.clone());
            }
        }
        if let Some(first) = visit.steps.iter().find(|s| s.seq == 1) {
            let local = first.queued_at + i64::from(visit.utc_offset_s);
            self.hours[local.rem_euclid(86_400) as usize / 3600] += 1;
        }
        let mut still_open = false;
        for pair in visit.steps.windows(2) {
            *self
                .referrals
                .entry((pair[0].service, pair[1].service))
                .or_insert(0) += 1;
        }
        for step in &visit.steps {
            still_open |= step.status.is_open() || step.status == StepStatus::Unfinished;
            self.add_step(step);
        }
        if still_open && self.params.single_day() {
            self.unfinished_list.push(visit.ticket.clone());
        }
    }

    fn add_step(&mut self, step: &StepRecord) {
        let target = self.params.target_wait_s;
        let acc = &mut self.services[index_of(Service::ALL, step.service)];
        acc.arrivals += 1;
        match step.status {
            StepStatus::Done => acc.done += 1,
            StepStatus::NoShow => acc.no_show += 1,
            StepStatus::Cancelled => acc.cancelled += 1,
            StepStatus::Unfinished => acc.unfinished += 1,
            _ => acc.open += 1,
        }
        if let Some(called) = step.called_at {
            let wait = called - step.queued_at;
            acc.waits.push(wait);
            acc.within += u64::from(wait <= target);
        }
        self.amount_fen += step.amount_fen.unwrap_or(0);
        if step.status != StepStatus::Done {
            return;
        }
        let duration = match (step.started_at, step.finished_at) {
            (Some(start), Some(end)) => Some(end - start),
            _ => None,
        };
        if let Some(d) = duration {
            acc.durations.push(d);
        }
        if let Some(outcome) = step.outcome {
            if let Some(i) = step.service.outcomes().iter().position(|o| *o == outcome) {
                acc.outcomes[i] += 1;
            }
        }
        self.done_steps += 1;
        match step.outcome {
            Some(Outcome::ApplicationAccepted) if step.service == Service::LegalAid => {
                self.legal_aid_applications += 1
            }
            Some(Outcome::Drafted) => self.documents += step.quantity.unwrap_or(1).max(0) as u64,
            _ => {}
        }
        let rating = step.rating.map(|r| index_of(Rating::ALL, r));
        if let Some(r) = rating {
            self.ratings[r] += 1;
        }
        for (code, desks) in [
            (&step.window, &mut self.windows),
            (&step.staff, &mut self.staff),
        ] {
            if let Some(code) = code {
                let desk = desks.entry(code.clone()).or_default();
                desk.served += 1;
                if let Some(d) = duration {
                    desk.duration_sum += i128::from(d);
                    desk.duration_n += 1;
                }
                if let Some(r) = rating {
                    desk.ratings[r] += 1;
                }
            }
        }
    }

    pub fn finish(self, closed: bool) -> Tally {
        let services = Service::ALL
            .iter()
            .zip(self.services)
            .map(|(service, acc)| (service.code().to_string(), service_tally(*service, acc)))
            .collect();
        let mut tally = Tally {
            from: self.params.from.format("%Y-%m-%d").to_string(),
            to: self.params.to.format("%Y-%m-%d").to_string(),
            visits: self.visits,
            by_channel: counts(Channel::ALL.iter().map(|c| c.code()), &self.channels),
            by_lane: counts(Lane::ALL.iter().map(|c| c.code()), &self.lanes),
            by_matter: counts(Matter::ALL.iter().map(|c| c.code()), &self.matters),
            urgent: self.urgent,
            group_visits: self.group_visits,
            group_list: self
                .params
                .single_day()
                .then(|| sorted_tickets(self.group_list)),
            hourly_arrivals: OrderedMap(
                (0..24)
                    .map(|h| (format!("{h:02}"), self.hours[h]))
                    .collect(),
            ),
            services: OrderedMap(services),
            referrals: OrderedMap(
                self.referrals
                    .into_iter()
                    .map(|((from, to), n)| (format!("{}>{}", from.code(), to.code()), n))
                    .collect(),
            ),
            windows: desks(self.windows),
            staff: desks(self.staff),
            mediation_success_rate: None,
            legal_aid_applications: self.legal_aid_applications,
            documents_drafted: self.documents,
            amount_recovered_yuan: format_yuan(self.amount_fen),
            satisfaction: satisfaction(self.ratings, self.done_steps),
            closed,
            unfinished_list: self
                .params
                .single_day()
                .then(|| sorted_tickets(self.unfinished_list)),
            // Bookings are not visits: `load::compute_range` counts them from their own table.
            appointments: Default::default(),
        };
        tally.mediation_success_rate = mediation_rate(&tally);
        tally
    }
}

/// `(agreement_written + agreement_oral) ÷ (those + failed + refused)`.
fn mediation_rate(tally: &Tally) -> Option<f64> {
    let outcomes = &tally.services.get(Service::Mediation.code())?.outcomes;
    let n = |o: Outcome| outcomes.get(o.wire_code()).copied().unwrap_or(0);
    let success = n(Outcome::AgreementWritten) + n(Outcome::AgreementOral);
    share(success, success + n(Outcome::Failed) + n(Outcome::Refused))
}

/// The tally of `visits` (a convenience over [`Accumulator`]).
pub fn compute<'a>(
    params: Params,
    visits: impl IntoIterator<Item = &'a VisitRecord>,
    closed: bool,
) -> Tally {
    let mut acc = Accumulator::new(params);
    for visit in visits {
        acc.add(visit);
    }
    acc.finish(closed)
}

/// The position of a code in its `ALL` list (small lists: a scan is cheapest).
fn index_of<T: PartialEq + Copy>(all: &[T], value: T) -> usize {
    all.iter().position(|v| *v == value).unwrap_or(0)
}

fn counts<'a>(codes: impl Iterator<Item = &'a str>, values: &[u64]) -> Counts {
    OrderedMap(
        codes
            .zip(values)
            .map(|(c, n)| (c.to_string(), *n))
            .collect(),
    )
}

pub fn summary(mut values: Vec<i64>) -> Summary {
    values.sort_unstable();
    let sum: i128 = values.iter().map(|v| i128::from(*v)).sum();
    Summary {
        n: values.len() as u64,
        mean: mean(sum, values.len() as u64),
        median: nearest_rank(&values, 50),
        p90: nearest_rank(&values, 90),
        max: values.last().copied(),
    }
}

fn service_tally(service: Service, acc: ServiceAcc) -> ServiceTally {
    let within_target = share(acc.within, acc.waits.len() as u64);
    ServiceTally {
        arrivals: acc.arrivals,
        done: acc.done,
        no_show: acc.no_show,
        cancelled: acc.cancelled,
        unfinished: acc.unfinished,
        open: acc.open,
        outcomes: counts(
            service.outcomes().iter().map(|o| o.wire_code()),
            &acc.outcomes,
        ),
        wait_s: summary(acc.waits),
        service_s: summary(acc.durations),
        within_target,
    }
}

fn desks(map: BTreeMap<Arc<str>, DeskAcc>) -> OrderedMap<DeskTally> {
    let mut entries: Vec<(String, DeskTally)> = map
        .into_iter()
        .map(|(code, acc)| {
            let tally = DeskTally {
                served: acc.served,
                service_s_mean: mean(acc.duration_sum, acc.duration_n),
                satisfaction: Ratings {
                    satisfied: acc.ratings[0],
                    basic: acc.ratings[1],
                    unsatisfied: acc.ratings[2],
                },
            };
            (code.to_string(), tally)
        })
        .collect();
    entries.sort_by_key(|(code, _)| natural_key(code));
    OrderedMap(entries)
}

fn satisfaction(ratings: [u64; 3], done: u64) -> Satisfaction {
    let rated = ratings.iter().sum();
    Satisfaction {
        satisfied: ratings[0],
        basic: ratings[1],
        unsatisfied: ratings[2],
        rated,
        rate: share(ratings[0] + ratings[1], rated),
        rated_share: share(rated, done),
    }
}

/// `W2` before `W10`: letters, then the number, then the text itself.
fn natural_key(code: &str) -> (String, u64, String) {
    let letters: String = code.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let digits: String = code
        .chars()
        .skip(letters.chars().count())
        .take_while(char::is_ascii_digit)
        .collect();
    (letters, digits.parse().unwrap_or(0), code.to_string())
}

/// Tickets in prefix-then-number order (`Z2` before `Z10`), without repeats.
fn sorted_tickets(mut tickets: Vec<String>) -> Vec<String> {
    tickets.sort_by_key(|t| match parse_ticket(t) {
        Some((prefix, number)) => (prefix.to_string(), number, t.clone()),
        None => (t.clone(), 0, t.clone()),
    });
    tickets.dedup();
    tickets
}
