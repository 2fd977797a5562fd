//! The settings of the waiting hall (SPEC §6, §9.1): the board's hold time and notice line,
//! the announcer's template, repeats, speech command, clip folder and 一/幺, and the opening
//! hours. Read with their defaults; checked here before `settings set` stores them.

use std::path::PathBuf;

use rusqlite::Connection;

use crate::domain::hours::{OpenHours, DEFAULT_OPEN_HOURS};

pub const DEFAULT_HOLD_S: u64 = 8;
pub const DEFAULT_TEMPLATE: &str = "请{ticket}号到{window}办理";
pub const DEFAULT_REPEAT: u32 = 2;
/// espeak-ng's Mandarin voice reads numbered pinyin correctly (`-v cmn` reads tone digits as
/// English numbers), so the default hands it `{pinyin}`.
pub const DEFAULT_COMMAND: &str = "espeak-ng -v cmn-latn-pinyin {pinyin}";
/// Plays the joined recording when `announce_clips` is set (alsa-utils).
pub const DEFAULT_PLAYER: &str = "aplay -q {file}";

/// The keys this module checks, in the order `settings list` shows them.
pub const KEYS: &[&str] = &[
    "board_hold_s",
    "board_notice",
    "announce_template",
    "announce_repeat",
    "announce_command",
    "announce_clips",
    "announce_yao",
    "announce_player",
    "open_hours",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HallSettings {
    pub hold_s: u64,
    pub notice: String,
    pub template: String,
    pub repeat: u32,
    pub command: String,
    pub clips: Option<PathBuf>,
    pub yao: bool,
    pub player: String,
    pub open_hours: OpenHours,
}

impl Default for HallSettings {
    fn default() -> Self {
        HallSettings {
            hold_s: DEFAULT_HOLD_S,
            notice: String::new(),
            template: DEFAULT_TEMPLATE.into(),
            repeat: DEFAULT_REPEAT,
            command: DEFAULT_COMMAND.into(),
            clips: None,
            yao: false,
            player: DEFAULT_PLAYER.into(),
            open_hours: OpenHours::default(),
        }
    }
}

/// Every hall setting, the default for anything missing or no longer valid.
pub fn load(conn: &Connection) -> rusqlite::Result<HallSettings> {
    let mut hall = HallSettings::default();
    let mut stmt = conn.prepare_cached(
        "SELECT key, value FROM settings WHERE key IN ('board_hold_s', 'board_notice', 'announce_template',
            'announce_repeat', 'announce_command', 'announce_clips', 'announce_yao', 'announce_player', 'open_hours')",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (key, value) = row?;
        // A clip folder that went missing after it was set is still used, so the board says
        // so (instead of falling back to another voice without a word).
        let checked = match key.as_str() {
            "announce_clips" => Some(value.trim().to_string()),
            _ => check(&key, &value).and_then(Result::ok),
        };
        let Some(value) = checked else {
            continue;
        };
        match key.as_str() {
            "board_hold_s" => hall.hold_s = value.parse().unwrap_or(hall.hold_s),
            "board_notice" => hall.notice = value,
            "announce_template" => hall.template = value,
            "announce_repeat" => hall.repeat = value.parse().unwrap_or(hall.repeat),
            "announce_command" => hall.command = value,
            "announce_clips" => {
                hall.clips = Some(value).filter(|v| !v.is_empty()).map(PathBuf::from)
            }
            "announce_yao" => hall.yao = value == "1",
            "announce_player" => hall.player = value,
            "open_hours" => hall.open_hours = OpenHours::parse(&value).unwrap_or_default(),
            _ => {}
        }
    }
    Ok(hall)
}

fn number_in(value: &str, range: std::ops::RangeInclusive<u64>) -> Option<String> {
    value
        .parse::<u64>()
        .ok()
        .filter(|n| range.contains(n))
        .map(|n| n.to_string())
}

/// A command line split into words the way a shell would (quotes), but never run by one.
pub fn split_command(value: &str) -> Option<Vec<String>> {
    shlex::split(value).filter(|words| !words.is_empty())
}

/// Whether a template names the ticket and uses no placeholder but `{ticket}` and `{window}`.
fn template_ok(value: &str) -> bool {
    let rest = value.replace("{ticket}", "").replace("{window}", "");
    value.contains("{ticket}")
        && !rest.contains('{')
        && !rest.contains('}')
        && value.chars().count() <= 60
}

/// `None` when `key` is not a hall setting; otherwise the value to store, or `Err` when it is
/// not valid. `value` is already sanitised and trimmed.
pub fn check(key: &str, value: &str) -> Option<Result<String, ()>> {
    let ok = match key {
        "board_hold_s" => number_in(value, 1..=120),
        "board_notice" => Some(value.to_string()).filter(|v| v.chars().count() <= 200),
        "announce_template" => Some(value.to_string()).filter(|v| template_ok(v)),
        "announce_repeat" => number_in(value, 1..=5),
        "announce_command" | "announce_player" => Some(value.to_string())
            .filter(|v| v.chars().count() <= 300 && split_command(v).is_some()),
        // Empty turns the clip folder off; otherwise it must be a folder.
        "announce_clips" => {
            Some(value.to_string()).filter(|v| v.is_empty() || std::path::Path::new(v).is_dir())
        }
        "announce_yao" => Some(value.to_string()).filter(|v| v == "0" || v == "1"),
        "open_hours" => OpenHours::parse(value).map(|h| h.text()),
        _ => return None,
    };
    Some(ok.ok_or(()))
}

/// The default of a hall setting, for `settings list`.
pub fn default_of(key: &str) -> Option<String> {
    let hall = HallSettings::default();
    Some(match key {
        "board_hold_s" => hall.hold_s.to_string(),
        "board_notice" => String::new(),
        "announce_template" => hall.template,
        "announce_repeat" => hall.repeat.to_string(),
        "announce_command" => hall.command,
        "announce_clips" => String::new(),
        "announce_yao" => "0".into(),
        "announce_player" => hall.player,
        "open_hours" => DEFAULT_OPEN_HOURS.into(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked() {
        assert_eq!(check("center_name", "x"), None);
        assert_eq!(check("board_hold_s", "8"), Some(Ok("8".into())));
        assert_eq!(check("board_hold_s", "0"), Some(Err(())));
        assert_eq!(check("board_hold_s", "eight"), Some(Err(())));
        assert_eq!(check("announce_repeat", "6"), Some(Err(())));
        assert!(matches!(
            check("announce_template", "请{ticket}号到{window}办理"),
            Some(Ok(_))
        ));
        assert_eq!(
            check("announce_template", "请到{window}办理"),
            Some(Err(()))
        );
        assert_eq!(
            check("announce_template", "请{ticket}号{name}"),
            Some(Err(()))
        );
        assert!(matches!(
            check(
                "announce_command",
                "espeak-ng -v 'cmn-latn-pinyin' {pinyin}"
            ),
            Some(Ok(_))
        ));
        assert_eq!(
            check("announce_command", "espeak-ng 'unclosed"),
            Some(Err(()))
        );
        assert_eq!(check("announce_command", ""), Some(Err(())));
        assert_eq!(check("announce_clips", ""), Some(Ok(String::new())));
        assert_eq!(check("announce_clips", "/no/such/folder"), Some(Err(())));
        assert_eq!(check("announce_yao", "2"), Some(Err(())));
        assert_eq!(
            check("open_hours", "08:30-12:00, 14:00-17:30"),
            Some(Ok(DEFAULT_OPEN_HOURS.into()))
        );
        assert_eq!(check("open_hours", "9-5"), Some(Err(())));
        assert_eq!(default_of("announce_repeat").as_deref(), Some("2"));
    }
}
