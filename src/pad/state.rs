//! The rating pad as plain data and a pure update: what it shows, and what a digit, a
//! finished step at its window, the clock or a stored rating do to it. No terminal and no
//! database here, so every rule of the pad is testable on its own.
//!
//! Idle → (a step ends at this window) Prompt → digit 3–5 → Thanks → Idle
//!                                            → digit 1–2 → Reason → digit → Thanks → Idle
//! The prompt lasts until `rating_timeout_s` after the step ended; the reason question as
//! long again after the rating (the 差评 is stored at once, so leaving it unanswered loses
//! nothing but the reason).

use crate::domain::codes::{Rating, RatingReason};
use crate::i18n::pad::PadText;
use crate::service::rating::Offer;

/// How long the thanks (and a short note such as "already rated") stay, in seconds.
pub const THANKS_S: i64 = 4;
pub const NOTE_S: i64 = 3;

/// Presses of the quit key, within `QUIT_WINDOW_S`, that stop the pad.
pub const QUIT_PRESSES: usize = 3;
pub const QUIT_WINDOW_S: i64 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The center's name; `note` is a short message after a stray digit, until `until`.
    Idle {
        note: Option<(PadText, i64)>,
    },
    /// 请对本次服务评价 for this step, until the rating time is over.
    Prompt {
        step_id: i64,
        ticket: String,
        until: i64,
    },
    /// After a 1–2 (already stored): the reason, by digit.
    Reason {
        step_id: i64,
        ticket: String,
        until: i64,
    },
    Thanks {
        poor: bool,
        until: i64,
    },
}

/// What the pad asks the runtime to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PadEffect {
    Rate { step_id: i64, rating: Rating },
    Reason { step_id: i64, reason: RatingReason },
    Quit,
}

/// How storing went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Rated {
        poor: bool,
    },
    ReasonSet,
    /// Rated already (here or at the window).
    AlreadyRated,
    TooLate,
    /// Anything else (the database refused); the visitor is asked to tell the staff.
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PadMsg {
    /// A digit 1–5 (the keymap's `select_1` … `select_5`).
    Digit(u8),
    /// The staff-only quit key.
    Quit,
    /// The step this window's pad should ask about now, if any (after a commit anywhere).
    Offer(Option<Offer>),
    Tick(i64),
    Stored(Stored),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pad {
    pub phase: Phase,
    /// `rating_timeout_s`.
    pub timeout_s: i64,
    /// `followup_days`, for the thanks after a 差评.
    pub followup_days: i64,
    /// When the quit key was pressed lately.
    quit_presses: Vec<i64>,
}

impl Pad {
    pub fn new(timeout_s: i64, followup_days: i64) -> Pad {
        Pad {
            phase: Phase::Idle { note: None },
            timeout_s,
            followup_days,
            quit_presses: Vec::new(),
        }
    }

    /// The next instant something on screen changes by itself (a timeout), if any.
    pub fn deadline(&self) -> Option<i64> {
        match &self.phase {
            Phase::Idle { note } => note.as_ref().map(|(_, until)| *until),
            Phase::Prompt { until, .. } | Phase::Reason { until, .. } => Some(*until),
            Phase::Thanks { until, .. } => Some(*until),
        }
    }

    fn note(&mut self, text: PadText, now: i64) {
        self.phase = Phase::Idle {
            note: Some((text, now + NOTE_S)),
        };
    }

    /// Applies `msg` at `now`; returns whether the screen changed, and the effects.
    pub fn update(&mut self, msg: PadMsg, now: i64) -> (bool, Vec<PadEffect>) {
        let before = self.phase.clone();
        let mut effects = Vec::new();
        match msg {
            PadMsg::Quit => {
                self.quit_presses.retain(|t| now - t < QUIT_WINDOW_S);
                self.quit_presses.push(now);
                if self.quit_presses.len() >= QUIT_PRESSES {
                    effects.push(PadEffect::Quit);
                }
                // No sign on screen: a visitor who stumbles on the key learns nothing.
                return (false, effects);
            }
            PadMsg::Digit(d) => {
                // Any other key between presses breaks the quit sequence.
                self.quit_presses.clear();
                match self.phase.clone() {
                    Phase::Prompt { step_id, .. } => {
                        if let Some(rating) = Rating::from_level(d) {
                            effects.push(PadEffect::Rate { step_id, rating });
                        }
                    }
                    Phase::Reason { step_id, .. } => {
                        let reason = usize::from(d)
                            .checked_sub(1)
                            .and_then(|i| RatingReason::ALL.get(i));
                        if let Some(reason) = reason {
                            effects.push(PadEffect::Reason {
                                step_id,
                                reason: *reason,
                            });
                        }
                    }
                    // Just rated: a second digit is a second rating, which is refused.
                    Phase::Thanks { .. } => self.note(PadText::AlreadyRated, now),
                    Phase::Idle { .. } => self.note(PadText::NothingToRate, now),
                }
            }
            PadMsg::Offer(offer) => self.offered(offer, now),
            PadMsg::Tick(now) => self.tick(now),
            PadMsg::Stored(stored) => self.stored(stored, now),
        }
        (self.phase != before, effects)
    }

    fn offered(&mut self, offer: Option<Offer>, now: i64) {
        let current = match &self.phase {
            Phase::Prompt { step_id, .. } | Phase::Reason { step_id, .. } => Some(*step_id),
            _ => None,
        };
        match offer {
            // A step ended after the one on screen: the next visitor is at the window.
            Some(offer) if Some(offer.step_id) != current => {
                let until = offer.finished_at + self.timeout_s;
                if until > now {
                    self.phase = Phase::Prompt {
                        step_id: offer.step_id,
                        ticket: offer.ticket,
                        until,
                    };
                }
            }
            Some(_) => {}
            // Nothing to rate any more (rated at the window, or its time ran out).
            None => {
                if matches!(self.phase, Phase::Prompt { .. }) {
                    self.phase = Phase::Idle { note: None };
                }
            }
        }
    }

    fn tick(&mut self, now: i64) {
        let Some(deadline) = self.deadline() else {
            return;
        };
        if now < deadline {
            return;
        }
        self.phase = match &self.phase {
            // The 差评 is stored already; only its reason was not given.
            Phase::Reason { .. } => Phase::Thanks {
                poor: true,
                until: now + THANKS_S,
            },
            _ => Phase::Idle { note: None },
        };
    }

    fn stored(&mut self, stored: Stored, now: i64) {
        // Whatever became of the reason, the 差评 itself is stored: thank the visitor.
        if matches!(self.phase, Phase::Reason { .. }) {
            self.phase = Phase::Thanks {
                poor: true,
                until: now + THANKS_S,
            };
            return;
        }
        match (stored, self.phase.clone()) {
            (
                Stored::Rated { poor: true },
                Phase::Prompt {
                    step_id, ticket, ..
                },
            ) => {
                self.phase = Phase::Reason {
                    step_id,
                    ticket,
                    until: now + self.timeout_s,
                };
            }
            (Stored::Rated { poor }, _) => {
                self.phase = Phase::Thanks {
                    poor,
                    until: now + THANKS_S,
                }
            }
            (Stored::ReasonSet, _) => {
                self.phase = Phase::Thanks {
                    poor: true,
                    until: now + THANKS_S,
                }
            }
            (Stored::AlreadyRated, _) => self.note(PadText::AlreadyRated, now),
            (Stored::TooLate, _) => self.note(PadText::TooLate, now),
            (Stored::Failed, _) => self.note(PadText::NotSaved, now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_800_000_000;

    fn offer(step_id: i64, finished_at: i64) -> Option<Offer> {
        Some(Offer {
            step_id,
            ticket: format!("Z{step_id:03}"),
            finished_at,
        })
    }

    fn prompted() -> Pad {
        let mut pad = Pad::new(60, 5);
        assert!(pad.update(PadMsg::Offer(offer(7, T)), T + 1).0);
        pad
    }

    #[test]
    fn a_finished_step_prompts_and_a_good_digit_rates_it_once() {
        let mut pad = prompted();
        assert!(matches!(pad.phase, Phase::Prompt { step_id: 7, until, .. } if until == T + 60));
        // 0, 6-9 are no level: nothing happens.
        for d in [0, 6, 9] {
            assert_eq!(pad.update(PadMsg::Digit(d), T + 2), (false, vec![]));
        }
        let (_, effects) = pad.update(PadMsg::Digit(4), T + 2);
        assert_eq!(
            effects,
            vec![PadEffect::Rate {
                step_id: 7,
                rating: Rating::Satisfied
            }]
        );
        pad.update(PadMsg::Stored(Stored::Rated { poor: false }), T + 2);
        assert!(matches!(pad.phase, Phase::Thanks { poor: false, .. }));
        // A second digit is a second rating: refused, said so, nothing to store.
        let (_, effects) = pad.update(PadMsg::Digit(5), T + 3);
        assert!(effects.is_empty());
        assert!(matches!(
            pad.phase,
            Phase::Idle {
                note: Some((PadText::AlreadyRated, _))
            }
        ));
        pad.update(PadMsg::Tick(T + 3 + NOTE_S), T + 3 + NOTE_S);
        assert_eq!(pad.phase, Phase::Idle { note: None });
    }

    #[test]
    fn a_poor_digit_asks_the_reason_then_thanks() {
        let mut pad = prompted();
        let (_, effects) = pad.update(PadMsg::Digit(2), T + 5);
        assert_eq!(
            effects,
            vec![PadEffect::Rate {
                step_id: 7,
                rating: Rating::Unsatisfied
            }]
        );
        pad.update(PadMsg::Stored(Stored::Rated { poor: true }), T + 5);
        assert!(matches!(pad.phase, Phase::Reason { step_id: 7, .. }));
        let (_, effects) = pad.update(PadMsg::Digit(2), T + 8);
        assert_eq!(
            effects,
            vec![PadEffect::Reason {
                step_id: 7,
                reason: RatingReason::Efficiency
            }]
        );
        pad.update(PadMsg::Stored(Stored::ReasonSet), T + 8);
        assert!(matches!(pad.phase, Phase::Thanks { poor: true, .. }));
    }

    #[test]
    fn time_runs_out() {
        let mut pad = prompted();
        pad.update(PadMsg::Tick(T + 59), T + 59);
        assert!(matches!(pad.phase, Phase::Prompt { .. }));
        pad.update(PadMsg::Tick(T + 60), T + 60);
        assert_eq!(pad.phase, Phase::Idle { note: None });
        // An offer already past its time is not shown at all.
        let mut pad = Pad::new(60, 5);
        assert!(!pad.update(PadMsg::Offer(offer(8, T)), T + 61).0);
        // An unanswered reason leaves the 差评 standing and thanks.
        let mut pad = prompted();
        pad.update(PadMsg::Digit(1), T + 2);
        pad.update(PadMsg::Stored(Stored::Rated { poor: true }), T + 2);
        pad.update(PadMsg::Tick(T + 62), T + 62);
        assert!(matches!(pad.phase, Phase::Thanks { poor: true, .. }));
    }

    #[test]
    fn the_next_visitor_replaces_the_question_and_a_rating_elsewhere_ends_it() {
        let mut pad = prompted();
        pad.update(PadMsg::Offer(offer(9, T + 20)), T + 21);
        assert!(matches!(pad.phase, Phase::Prompt { step_id: 9, .. }));
        // The same offer again changes nothing.
        assert!(!pad.update(PadMsg::Offer(offer(9, T + 20)), T + 22).0);
        // Rated at the window meanwhile: nothing left to ask.
        pad.update(PadMsg::Offer(None), T + 23);
        assert_eq!(pad.phase, Phase::Idle { note: None });
    }

    #[test]
    fn quitting_takes_three_quick_presses_without_a_digit_between() {
        let mut pad = Pad::new(60, 5);
        assert!(pad.update(PadMsg::Quit, T).1.is_empty());
        assert!(pad.update(PadMsg::Quit, T + 1).1.is_empty());
        pad.update(PadMsg::Digit(3), T + 1);
        assert!(pad.update(PadMsg::Quit, T + 2).1.is_empty());
        assert!(pad.update(PadMsg::Quit, T + 2).1.is_empty());
        assert_eq!(pad.update(PadMsg::Quit, T + 3).1, vec![PadEffect::Quit]);
        // Slow presses never add up.
        let mut pad = Pad::new(60, 5);
        for i in 0..6 {
            assert!(pad.update(PadMsg::Quit, T + i * 2).1.is_empty());
        }
    }
}
