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

/// Satisfaction counts of the steps a window or staff member finished.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Ratings {
    pub satisfied: u64,
    pub basic: u64,
    pub unsatisfied: u64,
}

/// `windows.<code>` and `staff.<code>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DeskTally {
    pub served: u64,
    pub service_s_mean: Option<f64>,
    pub satisfaction: Ratings,
}

/// The overall `satisfaction`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Satisfaction {
    pub satisfied: u64,
    pub basic: u64,
    pub unsatisfied: u64,
    pub rated: u64,
    pub rate: Option<f64>,
    pub rated_share: Option<f64>,
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
    pub closed: bool,
    /// Single day only: the tickets with a step still open (or left unfinished at close).
    pub unfinished_list: Option<Vec<String>>,
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
        serde_json::from_str(text)
    }
}
