//! The tally of SPEC §5 as data. Field names are the JSON keys of the spec (part of the
//! interface: more may be added, none renamed). Maps keep the spec's code order, so the JSON
//! and every printout list channels, lanes, services and outcomes in the same order.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A JSON object whose keys keep their insertion order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> OrderedMap<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = access.next_entry::<String, V>()? {
                    entries.push((key, value));
                }
                Ok(OrderedMap(entries))
            }
        }
        deserializer.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// Counts per code.
pub type Counts = OrderedMap<u64>;

/// Durations in seconds: `n`, and the rest null when `n` is 0.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    pub n: u64,
    pub mean: Option<f64>,
    pub median: Option<i64>,
    pub p90: Option<i64>,
    pub max: Option<i64>,
}

/// `services.<code>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ServiceTally {
    pub arrivals: u64,
    pub done: u64,
    pub no_show: u64,
    pub cancelled: u64,
    pub unfinished: u64,
    /// Steps still open (a live day before close); not in SPEC §5, added for the live screen.
    #[serde(default)]
    pub open: u64,
    pub outcomes: Counts,
    pub wait_s: Summary,
    pub service_s: Summary,
    pub within_target: Option<f64>,
}

/// Counts per level of the five-level scale (SPEC §5 `levels`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Levels {
    pub very_satisfied: u64,
    pub satisfied: u64,
    pub basic: u64,
    pub unsatisfied: u64,
    pub very_unsatisfied: u64,
}

impl Levels {
    /// From counts in `Rating::ALL` order (5 down to 1).
    pub fn from_counts(counts: [u64; 5]) -> Levels {
        let [very_satisfied, satisfied, basic, unsatisfied, very_unsatisfied] = counts;
        Levels {
            very_satisfied,
            satisfied,
            basic,
            unsatisfied,
            very_unsatisfied,
        }
    }

    /// The count of one level.
    pub fn get(&self, rating: crate::domain::codes::Rating) -> u64 {
        use crate::domain::codes::Rating;
        match rating {
            Rating::VerySatisfied => self.very_satisfied,
            Rating::Satisfied => self.satisfied,
            Rating::Basic => self.basic,
            Rating::Unsatisfied => self.unsatisfied,
            Rating::VeryUnsatisfied => self.very_unsatisfied,
        }
    }

    pub fn total(&self) -> u64 {
        self.very_satisfied + self.satisfied + self.basic + self.unsatisfied + self.very_unsatisfied
    }

    /// A snapshot filed before the five levels had no `levels`: its ratings were three-level,
    /// so the roll-up is exactly its levels.
    fn from_three(satisfied: u64, basic: u64, unsatisfied: u64) -> Levels {
        Levels {
            satisfied,
            basic,
            unsatisfied,
            ..Levels::default()
        }
    }
}

/// 差评 follow-ups (SPEC §5 `follow_ups`): opened and closed within the range; open and
/// overdue as of the end of its last date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FollowUps {
    pub opened: u64,
    pub closed: u64,
    pub open: u64,
    pub overdue: u64,
}

/// Satisfaction counts of the steps a window or staff member finished: the three-level
/// roll-up, and the five levels.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Ratings {
    pub satisfied: u64,
    pub basic: u64,
    pub unsatisfied: u64,
    #[serde(default)]
    pub levels: Levels,
}

/// `windows.<code>` and `staff.<code>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DeskTally {
    pub served: u64,
    pub service_s_mean: Option<f64>,
    pub satisfaction: Ratings,
    /// Windows only: seconds paused (暂停服务) inside opening hours (SPEC §5).
    #[serde(default)]
    pub paused_s: u64,
}

/// The overall `satisfaction`: the three-level roll-up bureaus report (`satisfied` =
/// very_satisfied + satisfied, `unsatisfied` = unsatisfied + very_unsatisfied), then the five
/// levels, the ratings given on the pad, and the follow-ups.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Satisfaction {
    pub satisfied: u64,
    pub basic: u64,
    pub unsatisfied: u64,
    pub rated: u64,
    pub rate: Option<f64>,
    pub rated_share: Option<f64>,
    #[serde(default)]
    pub levels: Levels,
    #[serde(default)]
    pub by_pad: u64,
    #[serde(default)]
    pub follow_ups: FollowUps,
}

/// `legal_aid` (SPEC §5, §10): events of the range, and the open work as of the end of `to`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LegalAidTally {
    /// Applications accepted (received) in the range.
    pub accepted: u64,
    pub granted: u64,
    pub refused: u64,
    /// Withdrawn by the applicant or lapsed (视为撤回) in the range.
    pub withdrawn: u64,
    pub assigned: u64,
    /// granted + refused.
    pub decided: u64,
    /// Decisions made on or before their due date.
    pub decided_on_time: u64,
    pub on_time_share: Option<f64>,
    /// Awaiting a decision (pending or supplementing) at the end of `to`.
    pub pending: u64,
    /// Of those, past the decision due date.
    pub overdue: u64,
    /// Granted, not assigned, past the three-day assignment due date at the end of `to`.
    pub assign_overdue: u64,
}

/// `appointments` (SPEC §5, §11): bookings whose date is in the range, by the state they are
/// in now (after the day close nothing of a closed date is still `booked`), and the check-ins
/// that kept their place.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AppointmentTally {
    pub booked: u64,
    pub checked_in: u64,
    pub missed: u64,
    pub cancelled: u64,
    pub checked_in_on_time: u64,
}

/// The tally of business dates `from..=to` (SPEC §5).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Tally {
    pub from: String,
    pub to: String,
    pub visits: u64,
    pub by_channel: Counts,
    pub by_lane: Counts,
    pub by_matter: Counts,
    pub urgent: u64,
    pub group_visits: u64,
    /// Tickets of the group visits (single day only, like `unfinished_list`).
    #[serde(default)]
    pub group_list: Option<Vec<String>>,
    pub hourly_arrivals: Counts,
    pub services: OrderedMap<ServiceTally>,
    pub referrals: Counts,
    pub windows: OrderedMap<DeskTally>,
    pub staff: OrderedMap<DeskTally>,
    pub mediation_success_rate: Option<f64>,
    pub legal_aid_applications: u64,
    pub documents_drafted: u64,
    pub amount_recovered_yuan: String,
    pub satisfaction: Satisfaction,
    /// Legal-aid applications (§10); absent from snapshots filed before it existed.
    #[serde(default)]
    pub legal_aid: LegalAidTally,
    pub closed: bool,
    /// Single day only: the tickets with a step still open (or left unfinished at close).
    pub unfinished_list: Option<Vec<String>>,
    /// Calls and recalls announced to the hall (SPEC §5, §9.1)…
    #[serde(default)]
    pub announcements: u64,
    /// …and those the announcer could not speak (failed, or skipped as too late).
    #[serde(default)]
    pub announce_failed: u64,
    /// Snapshots filed before appointments existed read back with zeros.
    #[serde(default)]
    pub appointments: AppointmentTally,
}

impl Tally {
    /// Pretty JSON with the keys of SPEC §5.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> serde_json::Result<Tally> {
        let mut tally: Tally = serde_json::from_str(text)?;
        tally.fill_old_levels();
        Ok(tally)
    }

    /// Snapshots filed before the five levels carry the three-level counts only; those were
    /// the levels, so they are filled in rather than shown as zeros.
    fn fill_old_levels(&mut self) {
        let fill = |levels: &mut Levels, s: u64, b: u64, u: u64| {
            if levels.total() == 0 && s + b + u > 0 {
                *levels = Levels::from_three(s, b, u);
            }
        };
        let s = &mut self.satisfaction;
        fill(&mut s.levels, s.satisfied, s.basic, s.unsatisfied);
        for (_, desk) in self.windows.0.iter_mut().chain(self.staff.0.iter_mut()) {
            let r = &mut desk.satisfaction;
            fill(&mut r.levels, r.satisfied, r.basic, r.unsatisfied);
        }
    }
}
