//! Queue order (SPEC §3): urgent first; then priority lanes (and normal tickets that have
//! waited longer than the starvation cap, and appointments checked in on time); then normal;
//! each class oldest first.

use super::codes::Lane;

/// What the ordering needs to know about a waiting step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    pub step_id: i64,
    pub urgent: bool,
    pub lane: Lane,
    /// The first step of a visit checked in on time for its appointment (SPEC §11). It waits
    /// in the priority class without pretending to a lane: the visit's lane stays what the
    /// visitor is (normal, elderly, …), so the tally's `by_lane` and the lane marks stay true,
    /// and the booking only lends the place it was made for — its first step, not a later
    /// referral.
    pub booked: bool,
    /// When the step (re-)entered its queue, unix seconds. A late no-show that is re-queued
    /// enters at the end, so this is its re-queue time.
    pub order_at: i64,
}

/// 0 = urgent, 1 = priority (lane, on-time appointment, or promoted by waiting), 2 = normal.
pub fn class(entry: &QueueEntry, now: i64, promote_after_min: i64) -> u8 {
    if entry.urgent {
        0
    } else if entry.lane.is_priority()
        || entry.booked
        || now - entry.order_at > promote_after_min * 60
    {
        1
    } else {
        2
    }
}

/// The sort key: smaller is served first. The step id breaks ties so the order is total.
pub fn sort_key(entry: &QueueEntry, now: i64, promote_after_min: i64) -> (u8, i64, i64) {
    (
        class(entry, now, promote_after_min),
        entry.order_at,
        entry.step_id,
    )
}

/// Sorts waiting entries into serving order.
pub fn order(entries: &mut [QueueEntry], now: i64, promote_after_min: i64) {
    entries.sort_by_key(|e| sort_key(e, now, promote_after_min));
}

/// The entry to call next, if any.
pub fn next(entries: &[QueueEntry], now: i64, promote_after_min: i64) -> Option<&QueueEntry> {
    entries
        .iter()
        .min_by_key(|e| sort_key(e, now, promote_after_min))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry(id: i64, urgent: bool, lane: Lane, order_at: i64) -> QueueEntry {
        QueueEntry {
            step_id: id,
            urgent,
            lane,
            booked: false,
            order_at,
        }
    }

    const NOW: i64 = 1_000_000;

    #[test]
    fn urgent_then_priority_then_normal() {
        let mut q = vec![
            entry(1, false, Lane::Normal, NOW - 60),
            entry(2, false, Lane::Elderly, NOW - 30),
            entry(3, true, Lane::Normal, NOW - 10),
            entry(4, false, Lane::Normal, NOW - 120),
        ];
        order(&mut q, NOW, 30);
        let ids: Vec<i64> = q.iter().map(|e| e.step_id).collect();
        assert_eq!(ids, vec![3, 2, 4, 1]);
    }

    #[test]
    fn starvation_cap_promotes_after_the_limit_not_at_it() {
        let at_limit = entry(1, false, Lane::Normal, NOW - 30 * 60);
        let past_limit = entry(2, false, Lane::Normal, NOW - 30 * 60 - 1);
        assert_eq!(class(&at_limit, NOW, 30), 2);
        assert_eq!(class(&past_limit, NOW, 30), 1);
        // A promoted normal ticket that waited longer goes before a fresh priority ticket.
        let fresh_priority = entry(3, false, Lane::Disabled, NOW - 5);
        let q = vec![fresh_priority.clone(), past_limit.clone()];
        assert_eq!(next(&q, NOW, 30).unwrap().step_id, 2);
        // But never before urgent.
        let urgent = entry(4, true, Lane::Normal, NOW);
        let q = vec![past_limit, urgent];
        assert_eq!(next(&q, NOW, 30).unwrap().step_id, 4);
    }

    #[test]
    fn an_on_time_appointment_waits_as_priority_behind_urgent() {
        let walk_in = entry(1, false, Lane::Normal, NOW - 600);
        let booked = QueueEntry {
            booked: true,
            ..entry(2, false, Lane::Normal, NOW - 60)
        };
        assert_eq!(class(&booked, NOW, 30), 1);
        assert_eq!(
            next(&[walk_in.clone(), booked.clone()], NOW, 30)
                .unwrap()
                .step_id,
            2
        );
        // Among priority tickets it keeps its arrival order.
        let elderly = entry(3, false, Lane::Elderly, NOW - 120);
        assert_eq!(
            next(&[booked.clone(), elderly], NOW, 30).unwrap().step_id,
            3
        );
        let urgent = entry(4, true, Lane::Normal, NOW);
        assert_eq!(next(&[booked, urgent], NOW, 30).unwrap().step_id, 4);
    }

    fn arb_entry() -> impl Strategy<Value = QueueEntry> {
        (
            0i64..1000,
            any::<bool>(),
            0usize..Lane::ALL.len(),
            0i64..7200,
        )
            .prop_map(|(id, urgent, lane, age)| entry(id, urgent, Lane::ALL[lane], NOW - age))
    }

    proptest! {
        /// Whatever the queue, the order respects classes and, within a class, age.
        #[test]
        fn order_is_by_class_then_age(mut q in proptest::collection::vec(arb_entry(), 0..40), cap in 1i64..90) {
            order(&mut q, NOW, cap);
            for pair in q.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let (ca, cb) = (class(a, NOW, cap), class(b, NOW, cap));
                prop_assert!(ca <= cb);
                if ca == cb { prop_assert!(a.order_at <= b.order_at); }
                if a.urgent != b.urgent { prop_assert!(a.urgent); }
            }
            if let Some(first) = q.first() {
                prop_assert_eq!(next(&q, NOW, cap).map(|e| e.step_id), Some(first.step_id));
            }
        }

        /// No normal ticket waits forever behind a stream of priority arrivals: once it is
        /// past the cap, any priority ticket that arrived after it comes after it.
        #[test]
        fn promoted_normal_beats_later_priority(age in 0i64..3600, later in 1i64..3600, cap in 1i64..60) {
            let normal = entry(1, false, Lane::Normal, NOW - age);
            let priority = entry(2, false, Lane::Elderly, NOW - age + later);
            let first = next(&[normal, priority], NOW, cap).unwrap().step_id;
            if age > cap * 60 { prop_assert_eq!(first, 1); } else { prop_assert_eq!(first, 2); }
        }
    }
}
