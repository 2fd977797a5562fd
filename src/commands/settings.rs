//! `legaldesk settings list|set`: the center's settings, checked before they are stored and
//! audited when changed.

use std::path::Path;

use strum::IntoEnumIterator;

use super::CommandResult;
use crate::cli::SettingsCommand;
use crate::db;
use crate::domain::clock::{self, Zone};
use crate::domain::text::sanitize;
use crate::i18n::appointment_text::SettingKey;
use crate::i18n::cli::{CliText, Setting};
use crate::i18n::{Lang, Words};
use crate::print::{encode, Encoding, Format, SlipWidth, Transport};
use crate::service::appointments::settings as appointment_settings;
use crate::service::{audit, settings, write, ServiceError};

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
    let Some(setting) = Setting::from_key(key) else {
        return Err(CliText::UnknownSetting {
            given: key.to_string(),
            choices: Setting::iter().map(Setting::key).collect(),
        }
        .text(lang));
    };
    let ok = match setting {
        Setting::CenterName => {
            Some(value.clone()).filter(|v| !v.is_empty() && v.chars().count() <= 40)
        }
        Setting::Timezone => Zone::parse(&value).map(|_| value.clone()),
        Setting::PromoteAfterMin
        | Setting::TargetWaitMin
        | Setting::GroupThreshold
        | Setting::DecisionDays
        | Setting::IdleLockMin => positive(),
        Setting::DecisionDaysKind => {
            Some(value.clone()).filter(|v| v == "calendar" || v == "working")
        }
        Setting::AllowRequeue | Setting::SupplementPausesClock => {
            Some(value.clone()).filter(|v| v == "0" || v == "1")
        }
        Setting::RatingTimeoutS => value
            .parse::<i64>()
            .ok()
            .filter(|n| (10..=600).contains(n))
            .map(|n| n.to_string()),
        Setting::FollowupDays => value
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=60).contains(n))
            .map(|n| n.to_string()),
        Setting::Printer => crate::print::spool::check_printer_name(&value)
            .ok()
            .map(|_| value.clone()),
        Setting::PrintCommand => crate::print::spool::split_command(&value)
            .ok()
            .map(|_| value.clone()),
        Setting::PrintFormat => Format::parse(&value)
            .filter(|f| f.width().is_some())
            .map(|_| value.clone()),
        Setting::PrintEncoding => Encoding::parse(&value).map(|_| value.clone()),
        // Empty turns slips off.
        Setting::SlipPrinter => {
            Some(value.clone()).filter(|v| v.is_empty() || Transport::parse(v, false).is_ok())
        }
        Setting::SlipWidth => SlipWidth::parse(&value).map(|w| w.code().to_string()),
        // What a thermal printer can print (GB18030), and short enough for a few lines.
        Setting::SlipFooter | Setting::SlipServiceText => {
            let most = if setting == Setting::SlipFooter {
                60
            } else {
                20
            };
            Some(value.clone())
                .filter(|v| v.chars().count() <= most && encode(v, Encoding::Gb18030).is_ok())
        }
        Setting::SlipQr => Some(value.clone()).filter(|v| v == "0" || v == "1"),
        // The waiting hall (SPEC §9.1): checked where the board and announcer read them.
        Setting::BoardHoldS
        | Setting::BoardNotice
        | Setting::AnnounceTemplate
        | Setting::AnnounceRepeat
        | Setting::AnnounceCommand
        | Setting::AnnounceClips
        | Setting::AnnounceYao
        | Setting::AnnouncePlayer
        | Setting::OpenHours => {
            crate::service::hall_settings::check(setting.key(), &value).and_then(Result::ok)
        }
        // Appointments (SPEC §11).
        Setting::AppointmentSlotMin
        | Setting::AppointmentDays
        | Setting::AppointmentQuota
        | Setting::CheckinBeforeMin
        | Setting::CheckinAfterMin => {
            SettingKey::of(setting.key()).and_then(|key| appointment_settings::check(key, &value))
        }
    };
    ok.ok_or_else(|| CliText::BadSettingValue { setting, value }.text(lang))
}

pub fn settings(path: &Path, command: SettingsCommand, lang: Lang) -> CommandResult {
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    match command {
        SettingsCommand::List => {
            for setting in Setting::iter() {
                let key = setting.key();
                let value =
                    settings::get(&conn, key).map_err(|e| ServiceError::Db(e).message(lang))?;
                let shown = value.unwrap_or_else(|| CliText::DefaultValue.text(lang));
                println!("{key}\t{}\t{}", sanitize(&shown), setting.text(lang));
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
            println!("{}", CliText::Saved.text(lang));
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
            check("slip_printer", "tcp:10.0.0.9:9100", Lang::En).as_deref(),
            Ok("tcp:10.0.0.9:9100")
        );
        assert_eq!(check("slip_printer", "", Lang::En).as_deref(), Ok(""));
        assert!(check("slip_printer", "HallPrinter", Lang::En).is_err());
        assert!(check("slip_printer", "lp:-x", Lang::Zh).is_err());
        assert_eq!(check("slip_width", "32", Lang::En).as_deref(), Ok("58"));
        assert_eq!(check("slip_width", "80mm", Lang::En).as_deref(), Ok("80"));
        assert!(check("slip_width", "57", Lang::En).is_err());
        assert!(check("slip_qr", "yes", Lang::En).is_err());
        assert!(check("slip_service_text", "综合服务\u{E5E5}", Lang::En).is_err());
        assert_eq!(
            check("slip_service_text", "综合服务", Lang::En).as_deref(),
            Ok("综合服务")
        );
        let err = check("slip_width", "57", Lang::Zh).unwrap_err();
        assert!(err.contains("58 或 80"), "{err}");
        assert!(check("print_command", "lp -o 'unclosed", Lang::En).is_err());
        assert_eq!(
            check("print_command", "'/opt/my lp' -o raw", Lang::En).as_deref(),
            Ok("'/opt/my lp' -o raw")
        );
        assert_eq!(
            check("center_name", "城关镇\u{1b}[31m中心", Lang::Zh).as_deref(),
            Ok("城关镇[31m中心")
        );
    }
}
