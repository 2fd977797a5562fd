//! One business day of the demo hall as a discrete-event simulation. Visitors arrive on a
//! two-peak curve (mid-morning and early afternoon); windows call the next ticket when they
//! are free; each step is started, finished with an outcome, referred on, returned, missed
//! (no-show, sometimes re-queued when the visitor turns up late) or abandoned. Every change
//! goes through the service layer with the simulated `now`, so the rules, the audit chain and
//! the ticket counters are exactly those of real work.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use chrono::{NaiveDate, NaiveTime};
use rusqlite::Connection;

use super::hall::{mean_service_min, Hall};
use super::outcomes::outcome;
use super::people;
use super::rng::Rng;
use crate::domain::codes::{Channel, IdType, Lane, Matter, Outcome, Rating, RatingReason, Service};
use crate::service::intake::{self, IntakeInput, VisitOrigin};
use crate::service::rating;
use crate::service::settings::Settings;
use crate::service::steps;
use crate::service::visitor::{self, VisitorEdit};
use crate::service::ServiceError;

/// Arrival weights per half hour from 08:30 to 17:00: peaks at 10:00 and 14:30.
const ARRIVAL_SLOTS: [u32; 17] = [4, 8, 11, 12, 11, 9, 6, 3, 3, 5, 8, 10, 10, 9, 7, 5, 3];

/// The local times of a day.
pub struct Clock {
    pub opens: i64,
    /// No window calls a new ticket after this.
    pub last_call: i64,
    /// Work in progress is finished by this.
    pub hard_end: i64,
    /// When the supervisor closes the day.
    pub close_at: i64,
}

fn instant(settings: &Settings, date: NaiveDate, hour: u32, minute: u32) -> i64 {
    let local = date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
    // A clock change can make a local time not exist; an hour later always does.
    settings
        .zone
        .instant_of(local)
        .or_else(|| settings.zone.instant_of(local + chrono::Duration::hours(1)))
        .unwrap_or(0)
}

impl Clock {
    pub fn of(settings: &Settings, date: NaiveDate) -> Clock {
        Clock {
            opens: instant(settings, date, 8, 30),
            last_call: instant(settings, date, 17, 30),
            hard_end: instant(settings, date, 18, 30),
            close_at: instant(settings, date, 18, 45),
        }
    }
}

/// The time "today" is generated up to when the last day is left open.
pub fn today_stop(settings: &Settings, date: NaiveDate) -> i64 {
    instant(settings, date, 15, 0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    Arrive(usize),
    Wake(usize),
    Recall(usize, i64),
    NoShow(usize, i64),
    Start(usize, i64),
    Finish(usize, i64),
    LateReturn(i64),
    GiveUp(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Called,
    Serving,
    Done,
}

#[derive(Debug, Clone, Copy)]
struct StepSim {
    visit: usize,
    service: Service,
    seq: i64,
    state: State,
}

#[derive(Debug, Clone, Copy)]
struct VisitSim {
    matter: Matter,
}

/// What one day produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayCount {
    pub visits: u64,
    pub steps: u64,
}

struct Sim<'a> {
    conn: &'a mut Connection,
    settings: &'a Settings,
    hall: &'a Hall,
    rng: Rng,
    today: NaiveDate,
    clock: Clock,
    events: BinaryHeap<Reverse<(i64, u64, Event)>>,
    seq: u64,
    steps: HashMap<i64, StepSim>,
    visits: Vec<VisitSim>,
    waiting: [u32; 5],
    busy: Vec<bool>,
    count: DayCount,
}

fn slot(service: Service) -> usize {
    Service::ALL.iter().position(|s| *s == service).unwrap_or(0)
}

/// Simulates `date` with about `visits` arrivals. With `stop`, only what happens before that
/// instant is done (the open "today"); otherwise the day runs to its end (the caller closes).
pub fn run(
    conn: &mut Connection,
    settings: &Settings,
    hall: &Hall,
    date: NaiveDate,
    visits: u32,
    rng: Rng,
    stop: Option<i64>,
) -> Result<DayCount, ServiceError> {
    let clock = Clock::of(settings, date);
    let mut sim = Sim {
        conn,
        settings,
        hall,
        rng,
        today: date,
        clock,
        events: BinaryHeap::new(),
        seq: 0,
        steps: HashMap::with_capacity(visits as usize * 2),
        visits: Vec::with_capacity(visits as usize),
        waiting: [0; 5],
        busy: vec![false; hall.posts.len()],
        count: DayCount::default(),
    };
    let mut arrivals: Vec<i64> = (0..visits)
        .map(|_| {
            let slot = sim.rng.weighted(&ARRIVAL_SLOTS) as i64;
            sim.clock.opens + slot * 1800 + sim.rng.range(0, 1799)
        })
        .collect();
    arrivals.sort_unstable();
    for (i, at) in arrivals.into_iter().enumerate() {
        sim.push(at, Event::Arrive(i));
    }
    let end = stop.unwrap_or(sim.clock.hard_end);
    while let Some(Reverse((at, _, event))) = sim.events.pop() {
        if at > end {
            break;
        }
        sim.handle(at, event)?;
    }
    Ok(sim.count)
}

impl Sim<'_> {
    fn push(&mut self, at: i64, event: Event) {
        self.seq += 1;
        self.events.push(Reverse((at, self.seq, event)));
    }

    fn handle(&mut self, now: i64, event: Event) -> Result<(), ServiceError> {
        match event {
            Event::Arrive(i) => self.arrive(i, now),
            Event::Wake(post) => self.wake(post, now),
            Event::Recall(post, step) => {
                steps::recall(self.conn, &self.hall.posts[post].actor, step, now)
            }
            Event::NoShow(post, step) => {
                steps::mark_no_show(self.conn, &self.hall.posts[post].actor, step, now)?;
                if let Some(s) = self.steps.get_mut(&step) {
                    s.state = State::Done;
                }
                self.free(post, now + 10);
                // Four in ten turn up later and ask to be put back in the queue.
                if self.settings.allow_requeue && self.rng.chance(0.4) {
                    let back = now + self.rng.range(10 * 60, 40 * 60);
                    self.push(back, Event::LateReturn(step));
                }
                Ok(())
            }
            Event::LateReturn(step) => {
                if now > self.clock.last_call {
                    return Ok(());
                }
                let Some(service) = self.steps.get(&step).map(|s| s.service) else {
                    return Ok(());
                };
                steps::requeue(
                    self.conn,
                    self.hall.post_for(service),
                    step,
                    self.settings,
                    now,
                )?;
                self.enqueue(step, now);
                Ok(())
            }
            Event::Start(post, step) => {
                steps::start(self.conn, &self.hall.posts[post].actor, step, now)?;
                let service = self.steps.get_mut(&step).map(|s| {
                    s.state = State::Serving;
                    s.service
                });
                let mean = mean_service_min(service.unwrap_or(Service::Consult)) * 60.0;
                let took = self.rng.duration(mean, 60, (mean * 5.0) as i64);
                self.push(now + took, Event::Finish(post, step));
                Ok(())
            }
            Event::Finish(post, step) => self.finish(post, step, now),
            Event::GiveUp(step) => {
                if self
                    .steps
                    .get(&step)
                    .is_some_and(|s| s.state == State::Waiting)
                {
                    steps::cancel(self.conn, self.hall.intake(), step, now)?;
                    if let Some(s) = self.steps.get_mut(&step) {
                        s.state = State::Done;
                        self.waiting[slot(s.service)] -= 1;
                    }
                }
                Ok(())
            }
        }
    }

    /// A step enters its queue: the windows serving it that are free look up.
    fn enqueue(&mut self, step: i64, now: i64) {
        let Some(s) = self.steps.get_mut(&step) else {
            return;
        };
        s.state = State::Waiting;
        let service = s.service;
        self.waiting[slot(service)] += 1;
        for post in 0..self.hall.posts.len() {
            if !self.busy[post] && self.hall.posts[post].services.contains(&service) {
                self.push(now, Event::Wake(post));
            }
        }
    }

    fn free(&mut self, post: usize, at: i64) {
        self.busy[post] = false;
        self.push(at, Event::Wake(post));
    }

    fn arrive(&mut self, index: usize, now: i64) -> Result<(), ServiceError> {
        let rng = &mut self.rng;
        let service = rng.pick(&[
            (Service::Consult, 72),
            (Service::LegalAid, 7),
            (Service::Notary, 9),
            (Service::Mediation, 5),
            (Service::Drafting, 7),
        ]);
        let matter = match service {
            Service::Mediation => rng.pick(&[
                (Matter::Neighbor, 25),
                (Matter::Family, 25),
                (Matter::Labor, 15),
                (Matter::Contract, 10),
                (Matter::Property, 10),
                (Matter::Traffic, 8),
                (Matter::Injury, 5),
                (Matter::Consumer, 2),
            ]),
            Service::Notary => rng.pick(&[
                (Matter::Inheritance, 35),
                (Matter::Property, 30),
                (Matter::Family, 15),
                (Matter::Contract, 10),
                (Matter::Other, 10),
            ]),
            _ => rng.pick(&[
                (Matter::Labor, 18),
                (Matter::Family, 20),
                (Matter::Inheritance, 8),
                (Matter::Neighbor, 8),
                (Matter::Property, 10),
                (Matter::Contract, 12),
                (Matter::Traffic, 5),
                (Matter::Medical, 2),
                (Matter::Injury, 4),
                (Matter::Consumer, 5),
                (Matter::Criminal, 2),
                (Matter::Administrative, 2),
                (Matter::Other, 4),
            ]),
        };
        let channel = rng.pick(&[
            (Channel::WalkIn, 68),
            (Channel::Hotline, 8),
            (Channel::Online, 6),
            (Channel::Appointment, 9),
            (Channel::ReferralIn, 7),
            (Channel::Outreach, 2),
        ]);
        let lane = rng.pick(&[
            (Lane::Normal, 820),
            (Lane::Elderly, 95),
            (Lane::Disabled, 20),
            (Lane::Minor, 8),
            (Lane::Military, 15),
            (
                Lane::MigrantWorker,
                if matter == Matter::Labor { 150 } else { 10 },
            ),
            (
                Lane::DvVictim,
                if matter == Matter::Family { 20 } else { 0 },
            ),
            (Lane::MartyrFamily, 4),
            (Lane::GoodSamaritan, 4),
        ]);
        let urgent = rng.chance(if service == Service::LegalAid {
            0.06
        } else {
            0.025
        });
        let parties = if rng.chance(0.015) {
            rng.range(5, 30)
        } else if rng.chance(0.05) {
            rng.range(2, 4)
        } else {
            1
        };
        let name = people::name(rng);
        let phone = if rng.chance(0.85) {
            people::phone(rng)
        } else {
            String::new()
        };
        let id_number = if service.needs_id() && rng.chance(0.9) {
            people::resident_id(rng, self.today)
        } else {
            String::new()
        };
        let summary = if rng.chance(0.8) {
            people::summary(rng, matter).to_string()
        } else {
            String::new()
        };
        let adverse_name =
            if matches!(service, Service::Mediation | Service::LegalAid) && rng.chance(0.5) {
                people::name(rng)
            } else {
                String::new()
            };
        let patience = rng.chance(0.08).then(|| rng.range(15 * 60, 90 * 60));
        let input = IntakeInput {
            service,
            name,
            phone,
            id_type: IdType::ResidentId,
            id_number,
            id_override: false,
            channel,
            lane,
            urgent,
            matter,
            parties: parties.to_string(),
            summary,
            adverse_name,
        };
        let issued = intake::issue_ticket_as(
            self.conn,
            self.hall.intake(),
            &input,
            self.settings,
            now,
            VisitOrigin::Demo,
        )?;
        self.count.visits += 1;
        self.count.steps += 1;
        debug_assert_eq!(index, self.visits.len());
        self.visits.push(VisitSim { matter });
        self.steps.insert(
            issued.step_id,
            StepSim {
                visit: index,
                service,
                seq: 1,
                state: State::Waiting,
            },
        );
        self.enqueue(issued.step_id, now);
        if let Some(wait) = patience {
            self.push(now + wait, Event::GiveUp(issued.step_id));
        }
        Ok(())
    }

    /// A free window calls the next ticket, if its queues hold any.
    fn wake(&mut self, post: usize, now: i64) -> Result<(), ServiceError> {
        if self.busy[post] || now > self.clock.last_call {
            return Ok(());
        }
        let desk = &self.hall.posts[post];
        if !desk.services.iter().any(|s| self.waiting[slot(*s)] > 0) {
            return Ok(());
        }
        let claimed = if desk.actor.role.desk_service().is_some() {
            steps::pick_up_next(self.conn, &desk.actor, self.settings, now)?
        } else {
            steps::call_next(self.conn, &desk.actor, self.settings, now)?
        };
        self.busy[post] = true;
        self.waiting[slot(claimed.service)] -= 1;
        if let Some(s) = self.steps.get_mut(&claimed.step_id) {
            s.state = State::Called;
        }
        let step = claimed.step_id;
        let roll = self.rng.unit();
        if roll < 0.05 {
            // Nobody comes: called again after a minute, then marked as a no-show.
            self.push(now + 60, Event::Recall(post, step));
            self.push(now + 150, Event::NoShow(post, step));
        } else if roll < 0.12 {
            // Slow to come: one recall, then the visitor arrives.
            self.push(now + 60, Event::Recall(post, step));
            let walk = self.rng.range(80, 150);
            self.push(now + walk, Event::Start(post, step));
        } else {
            let walk = self.rng.range(20, 75);
            self.push(now + walk, Event::Start(post, step));
        }
        Ok(())
    }

    /// An application needs the applicant's ID (SPEC §10): a visitor who came through a
    /// consultation has none yet, so the desk adds it first, as a real desk does (SPEC §3).
    fn complete_applicant_id(
        &mut self,
        post: usize,
        step: i64,
        now: i64,
    ) -> Result<(), ServiceError> {
        let actor = &self.hall.posts[post].actor;
        if !visitor::visitor_card(self.conn, actor, step)?
            .id_number
            .is_empty()
        {
            return Ok(());
        }
        let edit = VisitorEdit {
            id_type: Some(IdType::ResidentId),
            id_number: Some(people::resident_id(&mut self.rng, self.today)),
            ..VisitorEdit::default()
        };
        visitor::edit_visitor(self.conn, actor, step, &edit, now)?;
        Ok(())
    }

    fn finish(&mut self, post: usize, step: i64, now: i64) -> Result<(), ServiceError> {
        let Some(sim) = self.steps.get(&step).copied() else {
            return Ok(());
        };
        let matter = self.visits[sim.visit].matter;
        let mut finish = outcome(&mut self.rng, sim.service, sim.seq, matter);
        // Two ratings in three are the visitor's own, on the window's pad; the rest staff
        // enter on the visitor's word. Chosen by the step, so the random stream (and with it
        // every other figure of the history) is what it was before the pads.
        let on_pad = finish.rating.filter(|_| step % 3 != 0);
        let reason = RatingReason::ALL[(step % 4) as usize];
        if on_pad.is_some() {
            finish.rating = None;
        } else if finish.rating.is_some_and(Rating::is_poor) {
            finish.rating_reason = Some(reason);
        }
        if finish.outcome == Outcome::ApplicationAccepted {
            self.complete_applicant_id(post, step, now)?;
        }
        let actor = &self.hall.posts[post].actor;
        let next = steps::finish(self.conn, actor, step, &finish, self.settings, now)?;
        if let (Some(level), Some(window)) = (on_pad, actor.window_id) {
            rating::rate_on_pad(self.conn, window, step, level, self.settings, now)?;
            if level.is_poor() {
                rating::set_pad_reason(self.conn, window, step, reason, self.settings, now)?;
            }
        }
        if let Some(s) = self.steps.get_mut(&step) {
            s.state = State::Done;
        }
        if let Some(next_id) = next {
            let service = match finish.outcome {
                Outcome::Referred => finish.refer_to.unwrap_or(Service::Consult),
                _ => Service::Consult,
            };
            self.steps.insert(
                next_id,
                StepSim {
                    visit: sim.visit,
                    service,
                    seq: sim.seq + 1,
                    state: State::Waiting,
                },
            );
            self.count.steps += 1;
            self.enqueue(next_id, now);
        }
        let gap = self.rng.range(15, 60);
        self.free(post, now + gap);
        Ok(())
    }
}
