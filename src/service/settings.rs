//! Center settings stored in the database, shared by every terminal.

use rusqlite::{Connection, OptionalExtension};

use crate::domain::clock::Zone;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub center_name: String,
    pub zone: Zone,
    /// A normal ticket waiting longer than this counts as priority.
    pub promote_after_min: i64,
    pub target_wait_min: i64,
    pub group_threshold: i64,
    /// Legal-aid decision due after this many days…
    pub decision_days: i64,
    /// …counted as working days (Mon–Fri) instead of calendar days.
    pub decision_working_days: bool,
    /// Whether a late no-show may be put back in the queue.
    pub allow_requeue: bool,
    /// Minutes without a key after which the screen is covered until the PIN is entered.
    pub idle_lock_min: i64,
    /// Days spent supplementing an application do not count towards its decision period.
    pub supplement_pauses_clock: bool,
    /// How long after a step ends the visitor may rate it on the pad (SPEC §9.3).
    pub rating_timeout_s: i64,
    /// Working days a 差评 follow-up has before it is overdue (SPEC §9.4).
    pub followup_days: i64,
    /// The working-day calendar in force (built in, plus the local `holidays.toml`).
    pub calendar: crate::domain::calendar::Calendar,
    /// Booking and check-in rules (`open_hours`, `appointment_*`, `checkin_*`, SPEC §11).
    pub appointments: crate::domain::appointment::Rules,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            center_name: "公共法律服务中心".into(),
            zone: Zone::System,
            promote_after_min: 30,
            target_wait_min: 20,
            group_threshold: 5,
            decision_days: 7,
            decision_working_days: false,
            allow_requeue: true,
            idle_lock_min: 10,
            supplement_pauses_clock: true,
            rating_timeout_s: 60,
            followup_days: 5,
            calendar: crate::domain::calendar::Calendar::builtin(),
            appointments: crate::domain::appointment::Rules::default(),
        }
    }
}

pub fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
}

pub fn set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Reads every setting, falling back to the default for anything missing or unreadable, and
/// the calendar in force (a broken override file leaves the built-in data; `legaldesk
/// holidays` and the screen's start-up notices say why).
pub fn load(conn: &Connection) -> rusqlite::Result<Settings> {
    let mut settings = Settings {
        calendar: super::calendar::load().0,
        ..Settings::default()
    };
    let mut stmt = conn.prepare("SELECT key, value FROM settings")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (key, value) = row?;
        let number = value.trim().parse::<i64>().ok().filter(|n| *n > 0);
        match key.as_str() {
            "center_name" if !value.trim().is_empty() => {
                settings.center_name = crate::domain::text::sanitize(&value)
            }
            "timezone" => settings.zone = Zone::parse(&value).unwrap_or(Zone::System),
            "promote_after_min" => {
                settings.promote_after_min = number.unwrap_or(settings.promote_after_min)
            }
            "target_wait_min" => {
                settings.target_wait_min = number.unwrap_or(settings.target_wait_min)
            }
            "group_threshold" => {
                settings.group_threshold = number.unwrap_or(settings.group_threshold)
            }
            "decision_days" => settings.decision_days = number.unwrap_or(settings.decision_days),
            "decision_days_kind" => settings.decision_working_days = value.trim() == "working",
            "allow_requeue" => settings.allow_requeue = value.trim() != "0",
            "idle_lock_min" => settings.idle_lock_min = number.unwrap_or(settings.idle_lock_min),
            "supplement_pauses_clock" => settings.supplement_pauses_clock = value.trim() != "0",
            "rating_timeout_s" => {
                settings.rating_timeout_s = number.unwrap_or(settings.rating_timeout_s)
            }
            "followup_days" => settings.followup_days = number.unwrap_or(settings.followup_days),
            key if super::appointments::settings::KEYS.contains(&key) => {
                super::appointments::settings::apply(&mut settings.appointments, key, &value)
            }
            _ => {}
        }
    }
    Ok(settings)
}
