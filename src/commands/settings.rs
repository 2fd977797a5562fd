//! `legaldesk settings list|set`: the center's settings, checked before they are stored and
//! audited when changed.

use std::path::Path;

use super::CommandResult;
use crate::cli::SettingsCommand;
use crate::db;
use crate::domain::clock::{self, Zone};
use crate::domain::text::sanitize;
use crate::i18n::appointment_text::{BadSetting, SettingKey};
use crate::i18n::{Lang, Words};
use crate::print::{Encoding, Format};
use crate::service::appointments::settings as appointment_settings;
use crate::service::{audit, settings, write, ServiceError};

/// Every setting a center may change, with what it means.
const KEYS: &[(&str, &str, &str)] = &[
    (
        "center_name",
        "中心名称（标题栏与统计表抬头）",
        "center name (title bar and tally header)",
    ),
    (
        "timezone",
        "时区：system 或 +08:00 形式",
        "time zone: system, or an offset like +08:00",
    ),
    (
        "promote_after_min",
        "普通号等候超过此分钟数按优先处理",
        "minutes after which a normal ticket counts as priority",
    ),
    (
        "target_wait_min",
        "等候目标（分钟）",
        "target wait (minutes)",
    ),
    (
        "group_threshold",
        "群体性事项的当事人人数下限",
        "parties from which a visit is a group matter",
    ),
    (
        "decision_days",
        "法律援助决定期限（天）",
        "legal-aid decision period (days)",
    ),
    (
        "decision_days_kind",
        "期限按 calendar（自然日）或 working（工作日）",
        "period counted in calendar or working days",
    ),
    (
        "supplement_pauses_clock",
        "补正期间不计入法律援助决定期限：1 或 0",
        "days spent supplementing do not count towards the decision period: 1 or 0",
    ),
    (
        "allow_requeue",
        "过号后到场可重新排队：1 或 0",
        "late no-shows may re-queue: 1 or 0",
    ),
    ("idle_lock_min", "无操作锁屏（分钟）", "idle lock (minutes)"),
    ("printer", "打印机名称（lp -d）", "printer name (lp -d)"),
    (
        "print_command",
        "打印命令（默认 lp）",
        "print command (default lp)",
    ),
    (
        "print_format",
        "界面打印格式：text、receipt80、receipt58",
        "print layout from the TUI: text, receipt80, receipt58",
    ),
    (
        "print_encoding",
        "打印编码：utf-8 或 gb18030",
        "print encoding: utf-8 or gb18030",
    ),
];

/// Checks a value for its key; the normalised value to store, or why not.
fn check(key: &str, value: &str, lang: Lang) -> Result<String, String> {
    let value = sanitize(value).trim().to_string();
    let positive = || {
        value
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=10_000).contains(n))
            .map(|n| n.to_string())
    };
    let ok = match key {
        "center_name" => Some(value.clone()).filter(|v| !v.is_empty() && v.chars().count() <= 40),
        "timezone" => Zone::parse(&value).map(|_| value.clone()),
        "promote_after_min" | "target_wait_min" | "group_threshold" | "decision_days"
        | "idle_lock_min" => positive(),
        "decision_days_kind" => Some(value.clone()).filter(|v| v == "calendar" || v == "working"),
        "allow_requeue" | "supplement_pauses_clock" => {
            Some(value.clone()).filter(|v| v == "0" || v == "1")
        }
        "printer" => crate::print::spool::check_printer_name(&value)
            .ok()
            .map(|_| value.clone()),
        "print_command" => Some(value.clone()).filter(|v| !v.is_empty()),
        "print_format" => Format::parse(&value)
            .filter(|f| f.width().is_some())
            .map(|_| value.clone()),
        "print_encoding" => Encoding::parse(&value).map(|_| value.clone()),
        k if appointment_settings::KEYS.contains(&k) => {
            return appointment_setting(k, &value, lang);
        }
        _ => {
            let keys: Vec<&str> = KEYS
                .iter()
                .map(|k| k.0)
                .chain(appointment_settings::KEYS.iter().copied())
                .collect();
            return Err(match lang {
                Lang::Zh => format!("未知设置项 {}（可用：{}）", sanitize(key), keys.join(", ")),
                Lang::En => format!(
                    "unknown setting {} (one of: {})",
                    sanitize(key),
                    keys.join(", ")
                ),
            });
        }
    };
    ok.ok_or_else(|| {
        let meaning = KEYS
            .iter()
            .find(|k| k.0 == key)
            .map(|k| lang.pick(k.1, k.2))
            .unwrap_or_default();
        match lang {
            Lang::Zh => format!("{key} 的值无效：{value}（{meaning}）"),
            Lang::En => format!("invalid value for {key}: {value} ({meaning})"),
        }
    })
}

/// The appointment settings (SPEC §11) are checked by their own module, in typed words.
fn appointment_setting(key: &str, value: &str, lang: Lang) -> Result<String, String> {
    let setting = SettingKey::of(key).ok_or_else(|| sanitize(key))?;
    appointment_settings::check(setting, value).ok_or_else(|| {
        let key = appointment_settings::KEYS
            .iter()
            .find(|k| **k == key)
            .copied()
            .unwrap_or_default();
        BadSetting {
            key,
            setting,
            value: value.to_string(),
        }
        .text(lang)
    })
}

pub fn settings(path: &Path, command: SettingsCommand, lang: Lang) -> CommandResult {
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    match command {
        SettingsCommand::List => {
            for (key, zh, en) in KEYS {
                let value =
                    settings::get(&conn, key).map_err(|e| ServiceError::Db(e).message(lang))?;
                let shown = value.unwrap_or_else(|| lang.pick("（默认）", "(default)").into());
                println!("{key}\t{}\t{}", sanitize(&shown), lang.pick(zh, en));
            }
            for key in appointment_settings::KEYS {
                let value =
                    settings::get(&conn, key).map_err(|e| ServiceError::Db(e).message(lang))?;
                let shown = value.unwrap_or_else(|| lang.pick("（默认）", "(default)").into());
                let meaning = SettingKey::of(key)
                    .map(|k| k.text(lang))
                    .unwrap_or_default();
                println!("{key}\t{}\t{meaning}", sanitize(&shown));
            }
            Ok(())
        }
        SettingsCommand::Set { key, value } => {
            let value = check(key.trim(), &value, lang)?;
            let key = key.trim().to_string();
            write(&mut conn, |tx| {
                settings::set(tx, &key, &value)?;
                audit::append(
                    tx,
                    clock::now(),
                    None,
                    "setting",
                    "settings",
                    None,
                    &format!("{key}={value}"),
                )?;
                Ok(())
            })
            .map_err(|e| e.message(lang))?;
            println!("{}", lang.pick("已保存", "saved"));
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked() {
        assert_eq!(
            check("timezone", "+08:00", Lang::En).as_deref(),
            Ok("+08:00")
        );
        assert!(check("timezone", "Mars", Lang::En).is_err());
        assert!(check("promote_after_min", "0", Lang::En).is_err());
        assert_eq!(
            check("promote_after_min", " 45 ", Lang::En).as_deref(),
            Ok("45")
        );
        assert!(check("allow_requeue", "yes", Lang::Zh).is_err());
        assert!(check("print_format", "json", Lang::En).is_err());
        assert!(check("no_such", "1", Lang::En).is_err());
        assert_eq!(
            check("appointment_quota", " 3 ", Lang::En).as_deref(),
            Ok("3")
        );
        assert!(check("checkin_before_min", "-5", Lang::Zh)
            .is_err_and(|e| e.contains("checkin_before_min") && e.contains("0–240")));
        assert!(check("open_hours", "12:00-08:00", Lang::En).is_err());
        assert_eq!(
            check("center_name", "城关镇\u{1b}[31m中心", Lang::Zh).as_deref(),
            Ok("城关镇[31m中心")
        );
    }
}
