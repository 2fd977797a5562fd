//! The appointment settings of SPEC §6 (`open_hours`, `appointment_slot_min`,
//! `appointment_days`, `appointment_quota`, `checkin_before_min`, `checkin_after_min`): their
//! checks before `settings set` stores them, and how a stored value is read. A stored value
//! that no longer passes the check (edited by hand) falls back to the default, as every other
//! setting does.

use crate::domain::appointment::Rules;
use crate::domain::hours::OpenHours;
use crate::i18n::appointment_text::SettingKey;

/// The keys, in the order `settings list` shows them.
pub const KEYS: &[&str] = &[
    "open_hours",
    "appointment_slot_min",
    "appointment_days",
    "appointment_quota",
    "checkin_before_min",
    "checkin_after_min",
];

impl SettingKey {
    pub fn of(key: &str) -> Option<SettingKey> {
        Some(match key {
            "open_hours" => SettingKey::OpenHours,
            "appointment_slot_min" => SettingKey::SlotMin,
            "appointment_days" => SettingKey::Days,
            "appointment_quota" => SettingKey::Quota,
            "checkin_before_min" => SettingKey::CheckinBefore,
            "checkin_after_min" => SettingKey::CheckinAfter,
            _ => return None,
        })
    }

    /// The allowed range of a number setting.
    pub fn range(self) -> Option<(u32, u32)> {
        match self {
            SettingKey::OpenHours => None,
            // A slot shorter than 5 minutes is no appointment; longer than 4 hours is a day.
            SettingKey::SlotMin => Some((5, 240)),
            // Up to about three months of working days ahead.
            SettingKey::Days => Some((1, 60)),
            SettingKey::Quota => Some((1, 100)),
            // 0 is allowed: no early (or no late) check-in keeps the place.
            SettingKey::CheckinBefore | SettingKey::CheckinAfter => Some((0, 240)),
        }
    }
}

/// The normalised value to store, or `None` when `value` is not acceptable for `key`.
pub fn check(key: SettingKey, value: &str) -> Option<String> {
    let value = value.trim();
    match key.range() {
        None => OpenHours::parse(value).map(|h| h.text()),
        Some((min, max)) => value
            .parse::<u32>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .map(|n| n.to_string()),
    }
}

/// Applies a stored value; anything that does not pass the check leaves the default.
pub fn apply(rules: &mut Rules, key: &str, value: &str) {
    let Some(setting) = SettingKey::of(key) else {
        return;
    };
    let Some(good) = check(setting, value) else {
        return;
    };
    let number = good.parse::<u32>().unwrap_or(0);
    match setting {
        SettingKey::OpenHours => {
            if let Some(hours) = OpenHours::parse(&good) {
                rules.open_hours = hours;
            }
        }
        SettingKey::SlotMin => rules.slot_min = number,
        SettingKey::Days => rules.days = number,
        SettingKey::Quota => rules.quota = number,
        SettingKey::CheckinBefore => rules.checkin_before_min = number,
        SettingKey::CheckinAfter => rules.checkin_after_min = number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_applied() {
        let mut rules = Rules::default();
        assert_eq!(
            check(SettingKey::OpenHours, " 09:00-12:00, 13:30-17:00 ").as_deref(),
            Some("09:00-12:00,13:30-17:00")
        );
        assert_eq!(check(SettingKey::OpenHours, "9-5"), None);
        assert_eq!(check(SettingKey::SlotMin, "4"), None);
        assert_eq!(check(SettingKey::SlotMin, " 20 ").as_deref(), Some("20"));
        assert_eq!(check(SettingKey::CheckinAfter, "0").as_deref(), Some("0"));
        assert_eq!(check(SettingKey::Quota, "-1"), None);
        assert_eq!(check(SettingKey::Days, "61"), None);
        apply(&mut rules, "appointment_quota", "3");
        apply(&mut rules, "appointment_days", "banana");
        apply(&mut rules, "open_hours", "08:00-11:00");
        assert_eq!(rules.quota, 3);
        assert_eq!(rules.days, 5);
        assert_eq!(rules.slots().len(), 6);
        for key in KEYS {
            assert!(SettingKey::of(key).is_some(), "{key}");
        }
    }
}
