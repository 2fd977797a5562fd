//! Instants and business dates. Instants are stored as unix seconds; every visit also stores
//! its local business date and the UTC offset in force, so a tally never depends on the time
//! zone at query time (STYLE.md, "two time fields").

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

/// The center's time zone: the system's (default) or a fixed offset such as `+08:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    System,
    Fixed(FixedOffset),
}

impl Zone {
    /// `system`, or an offset `+08:00` / `-05:30`.
    pub fn parse(text: &str) -> Option<Zone> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("system") {
            return Some(Zone::System);
        }
        let probe = format!("2000-01-01T00:00:00{text}");
        DateTime::parse_from_rfc3339(&probe)
            .ok()
            .map(|dt| Zone::Fixed(*dt.offset()))
    }

    pub fn offset_at(self, instant: i64) -> FixedOffset {
        match self {
            Zone::Fixed(offset) => offset,
            Zone::System => match Local.timestamp_opt(instant, 0).single() {
                Some(dt) => dt.offset().fix(),
                None => Utc.fix(),
            },
        }
    }

    /// The local wall-clock time of an instant.
    pub fn local(self, instant: i64) -> NaiveDateTime {
        let offset = self.offset_at(instant);
        DateTime::from_timestamp(instant, 0)
            .unwrap_or_default()
            .with_timezone(&offset)
            .naive_local()
    }

    pub fn business_date(self, instant: i64) -> NaiveDate {
        self.local(instant).date()
    }

    /// The instant of a local wall-clock time (the earlier one when a clock change makes it
    /// ambiguous; `None` when it falls in a gap).
    pub fn instant_of(self, local: NaiveDateTime) -> Option<i64> {
        match self {
            Zone::Fixed(offset) => offset
                .from_local_datetime(&local)
                .earliest()
                .map(|d| d.timestamp()),
            Zone::System => Local
                .from_local_datetime(&local)
                .earliest()
                .map(|d| d.timestamp()),
        }
    }
}

/// Now, in unix seconds.
pub fn now() -> i64 {
    Utc::now().timestamp()
}

/// Local `HH:MM:SS` of an instant given the offset stored with the record.
pub fn local_with_offset(instant: i64, offset_s: i32) -> NaiveDateTime {
    let offset = FixedOffset::east_opt(offset_s).unwrap_or_else(|| Utc.fix());
    DateTime::from_timestamp(instant, 0)
        .unwrap_or_default()
        .with_timezone(&offset)
        .naive_local()
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midnight_splits_business_days() {
        let zone = Zone::parse("+08:00").unwrap();
        let before = zone
            .instant_of(
                parse_date("2026-11-21")
                    .unwrap()
                    .and_hms_opt(23, 59, 0)
                    .unwrap(),
            )
            .unwrap();
        let after = before + 120;
        assert_eq!(zone.business_date(before).to_string(), "2026-11-21");
        assert_eq!(zone.business_date(after).to_string(), "2026-11-22");
    }

    #[test]
    fn zone_parsing() {
        assert_eq!(Zone::parse("system"), Some(Zone::System));
        assert!(
            matches!(Zone::parse("+08:00"), Some(Zone::Fixed(o)) if o.local_minus_utc() == 8 * 3600)
        );
        assert_eq!(Zone::parse("Mars"), None);
    }
}
