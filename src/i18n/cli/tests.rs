use super::*;
use strum::IntoEnumIterator;

use crate::i18n::tests::assert_translated as assert_both;

/// One value of every variant: a new variant is a compile error in `zh`/`en` until it
/// has words, and must be added here to be checked for empty ones.
fn every_text() -> Vec<CliText> {
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let path = || PathBuf::from("/srv/legaldesk.db");
    vec![
        CliText::BadLangFlag,
        CliText::KeymapRunningOnDefaults,
        CliText::NoTerminal("not a terminal".into()),
        CliText::DatabaseCreated(path()),
        CliText::DatabaseUpToDate(path()),
        CliText::UnknownRole {
            given: "boss".into(),
            choices: vec!["front_desk", "supervisor"],
        },
        CliText::StaffAdded,
        CliText::StaffUnlocked,
        CliText::PinReset,
        CliText::StaffDeactivated,
        CliText::Saved,
        CliText::PinPrompt,
        CliText::PinAgainPrompt,
        CliText::PinsDiffer,
        CliText::PinCancelled,
        CliText::KeymapValid,
        CliText::KeymapShowingDefaults,
        CliText::UnknownSetting {
            given: "colour".into(),
            choices: vec!["center_name", "timezone"],
        },
        CliText::BadSettingValue {
            setting: Setting::AllowRequeue,
            value: "yes".into(),
        },
        CliText::DefaultValue,
        CliText::BadDate {
            flag: "--date",
            given: "2026-02-30".into(),
        },
        CliText::FromAfterTo { from: day, to: day },
        CliText::UnknownFormat {
            given: "pdf".into(),
            choices: &["text", "csv"],
        },
        CliText::UnknownEncoding {
            given: "big5".into(),
            choices: &["utf-8", "gbk"],
        },
        CliText::SentToPrinter,
        CliText::CloseNotYet {
            date: day,
            today: day,
        },
        CliText::AlreadyClosedVersion {
            date: day,
            version: 2,
        },
        CliText::StillOpen("Z001 Y002".into()),
        CliText::AlreadyClosed,
        CliText::Closed {
            date: day,
            version: 1,
            visits: 40,
            unfinished: 2,
        },
        CliText::Purged {
            before: day,
            dates: 3,
            visits: 90,
            visitors: 80,
            notes: 5,
        },
        CliText::PurgeLeftInLog,
        CliText::Imported {
            rows: 10,
            visits: 8,
            dates: 2,
        },
        CliText::WindowsCreated("W3".into()),
        CliText::StaffCreated("S09".into()),
        CliText::CannotWrite {
            path: path(),
            error: "Permission denied".into(),
        },
        CliText::Exported {
            rows: 10,
            visits: 8,
            path: path(),
        },
        CliText::BackupIsTheDatabase,
        CliText::BackupDone {
            path: path(),
            pages: 12,
        },
        CliText::BackupBusy,
        CliText::BackupFailedCheck("row 3 missing".into()),
        CliText::BackupNotAudited,
        CliText::BackupDiskFull(path()),
        CliText::BackupInProgress(path()),
        CliText::BackupCannotWrite {
            path: path(),
            error: "Read-only file system".into(),
        },
        CliText::DemoProgress {
            date: day,
            done: 1,
            days: 30,
            visits: 42,
        },
        CliText::DemoDone {
            first: day,
            last: day,
            visits: 42,
            steps: 50,
            closed_days: 1,
            today_open: true,
            windows: 5,
            seconds: 1.25,
        },
        CliText::DemoAccounts {
            pin: "1234",
            staff: "DEMO01 DEMO02".into(),
        },
    ]
}

#[test]
fn every_command_text_has_both_languages() {
    for text in every_text() {
        assert_both(&text);
    }
    for setting in Setting::iter() {
        assert_both(&setting);
        assert_eq!(Setting::from_key(setting.key()), Some(setting));
    }
    for state in StaffState::iter() {
        assert_both(&state);
    }
}

#[test]
fn typed_values_are_made_printable() {
    let text = CliText::UnknownRole {
        given: "boss\u{1b}[2J".into(),
        choices: vec!["front_desk"],
    };
    assert!(!text.zh().contains('\u{1b}') && !text.en().contains('\u{1b}'));
}
