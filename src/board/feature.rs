//! Which call the board shows in large type, and whether it flashes. A new call is held at
//! least `board_hold_s` seconds even when calls burst; calls that arrive meanwhile wait their
//! turn (all of them are in the list at once), and when more than a few wait, the oldest give
//! way so the large type never lags far behind. A call flashes (reverse video, on and off)
//! for its first seconds, for visitors who cannot hear. Pure: time comes in as milliseconds.

use std::collections::VecDeque;

use super::data::Call;

/// How long a new call flashes, and the length of one on/off phase.
pub const FLASH_MS: u64 = 4000;
pub const PHASE_MS: u64 = 500;
/// Calls waiting for the large type beyond this many give way, oldest first.
const MOST_WAITING: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    hold_ms: u64,
    shown: Option<(Call, u64)>,
    /// The shown call is new (it flashes); the one shown at start-up is not.
    flashing: bool,
    waiting: VecDeque<Call>,
    /// The highest call id seen; `None` until the first load.
    seen: Option<i64>,
}

impl Feature {
    pub fn new(hold_s: u64) -> Feature {
        Feature {
            hold_ms: hold_s.max(1) * 1000,
            shown: None,
            flashing: false,
            waiting: VecDeque::new(),
            seen: None,
        }
    }

    pub fn set_hold(&mut self, hold_s: u64) {
        self.hold_ms = hold_s.max(1) * 1000;
    }

    /// Takes in the calls loaded (newest first). At the first load the latest call is shown
    /// without flashing: it is not new.
    pub fn observe(&mut self, calls: &[Call], now_ms: u64) {
        let newest = calls.first().map(|c| c.id).unwrap_or(0);
        let Some(seen) = self.seen else {
            self.seen = Some(newest);
            self.shown = calls.first().cloned().map(|c| (c, 0));
            return;
        };
        let mut fresh: Vec<&Call> = calls.iter().filter(|c| c.id > seen).collect();
        fresh.reverse();
        self.waiting.extend(fresh.into_iter().cloned());
        self.seen = Some(seen.max(newest));
        while self.waiting.len() > MOST_WAITING {
            self.waiting.pop_front();
        }
        self.advance(now_ms);
    }

    /// Moves to the next waiting call when the shown one has been held long enough; true when
    /// the large type changed.
    pub fn advance(&mut self, now_ms: u64) -> bool {
        let held = match &self.shown {
            Some((_, since)) => now_ms.saturating_sub(*since) >= self.hold_ms || !self.flashing,
            None => true,
        };
        if !held {
            return false;
        }
        match self.waiting.pop_front() {
            Some(call) => {
                self.shown = Some((call, now_ms));
                self.flashing = true;
                true
            }
            None => false,
        }
    }

    pub fn shown(&self) -> Option<&Call> {
        self.shown.as_ref().map(|(c, _)| c)
    }

    /// Whether the large type is in reverse video now.
    pub fn reversed(&self, now_ms: u64) -> bool {
        match &self.shown {
            Some((_, since)) if self.flashing => {
                let age = now_ms.saturating_sub(*since);
                age < FLASH_MS && (age / PHASE_MS).is_multiple_of(2)
            }
            _ => false,
        }
    }

    /// Calls that have not had their turn in large type yet.
    pub fn is_waiting(&self, id: i64) -> bool {
        self.waiting.iter().any(|c| c.id == id)
    }

    /// When the picture changes next on its own (a flash phase, the end of a hold), if ever.
    pub fn next_change_ms(&self, now_ms: u64) -> Option<u64> {
        let (_, since) = self.shown.as_ref()?;
        let age = now_ms.saturating_sub(*since);
        let mut next = None;
        if self.flashing && age < FLASH_MS {
            next = Some(since + (age / PHASE_MS + 1) * PHASE_MS);
        }
        if !self.waiting.is_empty() {
            let end = since + self.hold_ms;
            next = Some(next.map_or(end, |n: u64| n.min(end)));
        }
        next.map(|n| n.max(now_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::announce::AnnounceKind;

    fn call(id: i64) -> Call {
        Call {
            id,
            ticket: format!("Z{id:03}"),
            window_code: "W1".into(),
            window_label: None,
            kind: AnnounceKind::Call,
            at: 0,
        }
    }

    fn newest_first(ids: &[i64]) -> Vec<Call> {
        ids.iter().rev().map(|i| call(*i)).collect()
    }

    #[test]
    fn the_call_at_start_up_does_not_flash() {
        let mut f = Feature::new(8);
        f.observe(&newest_first(&[1, 2]), 1000);
        assert_eq!(f.shown().map(|c| c.id), Some(2));
        assert!(!f.reversed(1000));
        assert_eq!(f.next_change_ms(1000), None);
    }

    #[test]
    fn a_burst_is_held_call_by_call_and_flashes() {
        let mut f = Feature::new(8);
        f.observe(&[], 0);
        f.observe(&newest_first(&[1, 2]), 10_000);
        assert_eq!(f.shown().map(|c| c.id), Some(1));
        assert!(f.reversed(10_000));
        assert!(!f.reversed(10_600));
        assert!(f.reversed(11_000));
        assert!(!f.reversed(14_100));
        assert!(f.is_waiting(2));
        // Not before the hold is over.
        assert!(!f.advance(17_999));
        assert_eq!(f.next_change_ms(15_000), Some(18_000));
        assert!(f.advance(18_000));
        assert_eq!(f.shown().map(|c| c.id), Some(2));
        assert!(f.reversed(18_000));
    }

    #[test]
    fn a_long_burst_gives_way_oldest_first() {
        let mut f = Feature::new(8);
        f.observe(&[], 0);
        f.observe(&newest_first(&[1, 2, 3, 4, 5, 6]), 1000);
        // Only the newest three had a turn to wait for: 4 is shown, 5 and 6 wait.
        assert_eq!(f.shown().map(|c| c.id), Some(4));
        assert!(!f.is_waiting(1) && !f.is_waiting(3));
        assert!(f.is_waiting(5) && f.is_waiting(6));
    }

    #[test]
    fn a_call_after_the_flash_replaces_at_once_only_when_held_long_enough() {
        let mut f = Feature::new(8);
        f.observe(&[], 0);
        f.observe(&newest_first(&[1]), 1000);
        f.observe(&newest_first(&[1, 2]), 3000);
        assert_eq!(f.shown().map(|c| c.id), Some(1));
        f.observe(&newest_first(&[1, 2]), 9000);
        assert_eq!(f.shown().map(|c| c.id), Some(2));
    }
}
