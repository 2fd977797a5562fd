//! Opening hours (setting `open_hours`, default `08:30-12:00,14:00-17:30`): the parts of a day
//! the hall is open, and how many seconds of an interval fall inside them (the tally's
//! `windows.<code>.paused_s`).

use chrono::{Duration, NaiveDate, NaiveTime};

use super::clock::Zone;

/// The setting's default (SPEC §11).
pub const DEFAULT_OPEN_HOURS: &str = "08:30-12:00,14:00-17:30";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenHours(Vec<(NaiveTime, NaiveTime)>);

impl Default for OpenHours {
    fn default() -> Self {
        OpenHours::parse(DEFAULT_OPEN_HOURS).unwrap_or(OpenHours(Vec::new()))
    }
}

impl OpenHours {
    /// `HH:MM-HH:MM[,HH:MM-HH:MM…]`: each part ends after it starts, parts in order and not
    /// overlapping. `None` for anything else.
    pub fn parse(text: &str) -> Option<OpenHours> {
        let mut parts: Vec<(NaiveTime, NaiveTime)> = Vec::new();
        for part in text.split(',').map(str::trim) {
            let (from, to) = part.split_once('-')?;
            let from = NaiveTime::parse_from_str(from.trim(), "%H:%M").ok()?;
            let to = NaiveTime::parse_from_str(to.trim(), "%H:%M").ok()?;
            if to <= from || parts.last().is_some_and(|(_, end)| *end > from) {
                return None;
            }
            parts.push((from, to));
        }
        (!parts.is_empty()).then_some(OpenHours(parts))
    }

    /// The open parts of a day, in order (appointment slots are laid out inside them).
    pub fn parts(&self) -> &[(NaiveTime, NaiveTime)] {
        &self.0
    }

    /// The normalised text (`08:30-12:00,14:00-17:30`).
    pub fn text(&self) -> String {
        self.0
            .iter()
            .map(|(a, b)| format!("{}-{}", a.format("%H:%M"), b.format("%H:%M")))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Seconds of `[start, end)` (unix seconds) that fall inside the opening hours of the
    /// dates `from..=to` in `zone`.
    pub fn seconds_within(
        &self,
        zone: Zone,
        from: NaiveDate,
        to: NaiveDate,
        start: i64,
        end: i64,
    ) -> i64 {
        let mut total = 0;
        let mut date = from;
        while date <= to {
            for (open, close) in &self.0 {
                let (Some(a), Some(b)) = (
                    zone.instant_of(date.and_time(*open)),
                    zone.instant_of(date.and_time(*close)),
                ) else {
                    continue;
                };
                total += (end.min(b) - start.max(a)).max(0);
            }
            date += Duration::days(1);
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> Zone {
        Zone::parse("+08:00").unwrap()
    }

    fn at(h: u32, m: u32) -> i64 {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        zone()
            .instant_of(day.and_hms_opt(h, m, 0).unwrap())
            .unwrap()
    }

    #[test]
    fn parses_and_refuses() {
        let hours = OpenHours::parse(" 08:30-12:00, 14:00-17:30 ").unwrap();
        assert_eq!(hours.text(), DEFAULT_OPEN_HOURS);
        assert_eq!(OpenHours::default(), hours);
        for bad in [
            "",
            "8-12",
            "12:00-08:30",
            "08:00-12:00,11:00-13:00",
            "25:00-26:00",
            "08:00",
        ] {
            assert_eq!(OpenHours::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn counts_only_inside_the_hours() {
        let hours = OpenHours::default();
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        // 11:50-14:10: 10 minutes before noon, 10 minutes after two.
        assert_eq!(
            hours.seconds_within(zone(), day, day, at(11, 50), at(14, 10)),
            1200
        );
        // Before opening: nothing.
        assert_eq!(
            hours.seconds_within(zone(), day, day, at(7, 0), at(8, 30)),
            0
        );
        // Outside the range of dates: nothing.
        let next = day.succ_opt().unwrap();
        assert_eq!(
            hours.seconds_within(zone(), next, next, at(9, 0), at(10, 0)),
            0
        );
        // A whole day: 3.5 h + 3.5 h.
        assert_eq!(
            hours.seconds_within(zone(), day, day, at(0, 0), at(23, 59)),
            7 * 3600
        );
    }
}
