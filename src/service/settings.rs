//! Center settings stored in the database, shared by every terminal.

use rusqlite::{Connection, OptionalExtension};

use crate::domain::clock::Zone;

pub use crate::domain::settings::Settings;

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
