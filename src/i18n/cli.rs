//! Words of the command-line commands (SPEC §6): what each command prints when it worked,
//! and why it refused. Errors from the layers below (`ServiceError`, `OpenError`, …) bring
//! their own words; these are the commands' own.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::Words;
use crate::domain::text::sanitize;

pub use super::settings::{Setting, StaffState};

/// A line a command prints, or the one line of its refusal. Values the user typed are
/// carried as typed and made printable (`sanitize`) when said.
#[derive(Debug, Clone, PartialEq)]
pub enum CliText {
    // main
    /// `--lang` was neither zh nor en.
    BadLangFlag,

    // init, staff, window
    DatabaseCreated(PathBuf),
    DatabaseUpToDate(PathBuf),
    UnknownRole {
        given: String,
        choices: Vec<&'static str>,
    },
    StaffAdded,
    StaffUnlocked,
    PinReset,
    StaffDeactivated,
    /// A window or a setting was stored.
    Saved,

    // reading a PIN
    PinPrompt,
    PinAgainPrompt,
    PinsDiffer,
    /// Esc or Ctrl-C at a PIN prompt.
    PinCancelled,

    // keys
    KeymapValid,
    KeymapShowingDefaults,
    /// The TUI starts on the default keys because the keymap file has problems.
    KeymapRunningOnDefaults,
    /// The terminal could not be put into raw mode / the alternate screen.
    NoTerminal(String),

    // settings
    UnknownSetting {
        given: String,
        choices: Vec<&'static str>,
    },
    BadSettingValue {
        setting: Setting,
        value: String,
    },
    /// `settings list` for a setting that was never set.
    DefaultValue,

    // dates and formats (tally, close, export, demo)
    BadDate {
        flag: &'static str,
        given: String,
    },
    FromAfterTo {
        from: NaiveDate,
        to: NaiveDate,
    },
    UnknownFormat {
        given: String,
        choices: &'static [&'static str],
    },
    UnknownEncoding {
        given: String,
        choices: &'static [&'static str],
    },
    SentToPrinter,

    // close
    CloseNotYet {
        date: NaiveDate,
        today: NaiveDate,
    },
    AlreadyClosedVersion {
        date: NaiveDate,
        version: i64,
    },
    /// The tickets a close will record as unfinished, listed with spaces.
    StillOpen(String),
    /// Closed by someone else between the check and the close.
    AlreadyClosed,
    Closed {
        date: NaiveDate,
        version: i64,
        visits: u64,
        unfinished: usize,
    },

    // purge
    Purged {
        before: NaiveDate,
        dates: usize,
        visits: usize,
        visitors: usize,
        notes: usize,
    },
    PurgeLeftInLog,

    // import, export
    Imported {
        rows: usize,
        visits: usize,
        dates: usize,
    },
    WindowsCreated(String),
    StaffCreated(String),
    CannotWrite {
        path: PathBuf,
        error: String,
    },
    Exported {
        rows: usize,
        visits: usize,
        path: PathBuf,
    },

    // backup
    BackupIsTheDatabase,
    BackupDone {
        path: PathBuf,
        pages: i64,
    },
    BackupBusy,
    BackupFailedCheck(String),
    BackupNotAudited,
    BackupDiskFull(PathBuf),
    BackupInProgress(PathBuf),
    BackupCannotWrite {
        path: PathBuf,
        error: String,
    },

    // demo
    DemoProgress {
        date: NaiveDate,
        done: u32,
        days: u32,
        visits: u64,
    },
    DemoDone {
        first: NaiveDate,
        last: NaiveDate,
        visits: u64,
        steps: u64,
        closed_days: u64,
        today_open: bool,
        windows: usize,
        seconds: f64,
    },
    DemoAccounts {
        pin: &'static str,
        staff: String,
    },
}

impl Words for CliText {
    fn zh(&self) -> String {
        match self {
            CliText::BadLangFlag => "--lang 只能是 zh 或 en".into(),
            CliText::DatabaseCreated(path) => format!("已创建数据库：{}", path.display()),
            CliText::DatabaseUpToDate(path) => {
                format!("数据库已存在，已检查并升级到最新版本：{}", path.display())
            }
            CliText::UnknownRole { given, choices } => {
                format!("未知岗位 {}（可选：{}）", sanitize(given), choices.join(", "))
            }
            CliText::StaffAdded => "已添加".into(),
            CliText::StaffUnlocked => "已解锁".into(),
            CliText::PinReset => "已重设密码（如曾锁定，已一并解锁）".into(),
            CliText::StaffDeactivated => "已停用（历史记录保留）".into(),
            CliText::Saved => "已保存".into(),
            CliText::PinPrompt => "请输入密码：".into(),
            CliText::PinAgainPrompt => "请再次输入密码：".into(),
            CliText::PinsDiffer => "两次输入的密码不一致，未做任何更改".into(),
            CliText::PinCancelled => "已取消，未做任何更改".into(),
            CliText::KeymapValid => "键位文件无误".into(),
            CliText::KeymapShowingDefaults => "legaldesk: 键位文件有误，以下为默认键位".into(),
            CliText::KeymapRunningOnDefaults => "键位文件有误，现按默认键位运行".into(),
            CliText::NoTerminal(error) => format!("无法初始化终端：{}", sanitize(error)),
            CliText::UnknownSetting { given, choices } => {
                format!("未知设置项 {}（可用：{}）", sanitize(given), choices.join(", "))
            }
            CliText::BadSettingValue { setting, value } => format!(
                "{} 的值无效：{}（{}）",
                setting.key(),
                sanitize(value),
                setting.zh()
            ),
            CliText::DefaultValue => "（默认）".into(),
            CliText::BadDate { flag, given } => format!(
                "{flag} 的日期无效：{}（格式 YYYY-MM-DD，且须是真实存在的日期）",
                sanitize(given)
            ),
            CliText::FromAfterTo { from, to } => format!("--from {from} 晚于 --to {to}"),
            CliText::UnknownFormat { given, choices } => {
                format!("未知格式 {}（可选：{}）", sanitize(given), choices.join("、"))
            }
            CliText::UnknownEncoding { given, choices } => {
                format!("未知编码 {}（可选：{}）", sanitize(given), choices.join("、"))
            }
            CliText::SentToPrinter => "已发送到打印机".into(),
            CliText::CloseNotYet { date, today } => {
                format!("{date} 尚未到来，不能日结（今天是 {today}）")
            }
            CliText::AlreadyClosedVersion { date, version } => {
                format!("{date} 已经日结（当前第 {version} 版），记录只读；更正须走更正流程")
            }
            CliText::StillOpen(tickets) => {
                format!("以下号码尚未办结，将记为未办结：{tickets}")
            }
            CliText::AlreadyClosed => "该日期已日结".into(),
            CliText::Closed {
                date,
                version,
                visits,
                unfinished,
            } => format!(
                "已日结 {date}（第 {version} 版）：来访 {visits} 人次，{unfinished} 个环节记为未办结"
            ),
            CliText::Purged {
                before,
                dates,
                visits,
                visitors,
                notes,
            } => format!(
                "已清除 {before} 之前的个人信息：{dates} 个日期，{visits} 人次来访，\
                 {visitors} 位来访人，{notes} 条备注；统计数字不变"
            ),
            CliText::PurgeLeftInLog => {
                "注意：其他终端正在读取，旧数据页将在下次检查点时从日志文件中清除".into()
            }
            CliText::Imported {
                rows,
                visits,
                dates,
            } => format!("已导入 {rows} 行：{visits} 次来访，{dates} 天"),
            CliText::WindowsCreated(codes) => format!("新建窗口：{codes}"),
            CliText::StaffCreated(codes) => format!("新建工作人员（停用，无密码）：{codes}"),
            CliText::CannotWrite { path, error } => {
                format!("无法写入 {}：{error}", path.display())
            }
            CliText::Exported { rows, visits, path } => {
                format!("已导出 {rows} 行（{visits} 次来访）到 {}", path.display())
            }
            CliText::BackupIsTheDatabase => "备份文件不能是数据库本身".into(),
            CliText::BackupDone { path, pages } => format!(
                "备份完成并已通过完整性检查：{}（{pages} 页）",
                path.display()
            ),
            CliText::BackupBusy => "数据库繁忙，备份未完成，请稍后重试".into(),
            CliText::BackupFailedCheck(verdict) => {
                format!("备份副本未通过完整性检查，已删除：{verdict}")
            }
            CliText::BackupNotAudited => "注意：数据库不可写，本次备份未记入操作日志".into(),
            CliText::BackupDiskFull(path) => {
                format!("磁盘已满，备份未完成：{}", path.display())
            }
            CliText::BackupInProgress(path) => {
                format!("另一个备份正在写入：{}", path.display())
            }
            CliText::BackupCannotWrite { path, error } => {
                format!("无法写入备份文件 {}：{error}", path.display())
            }
            CliText::DemoProgress {
                date,
                done,
                days,
                visits,
            } => format!("  {date} 第 {done}/{days} 天，已生成 {visits} 人次"),
            CliText::DemoDone {
                first,
                last,
                visits,
                steps,
                closed_days,
                today_open,
                windows,
                seconds,
            } => format!(
                "已生成演示数据 {first} 至 {last}：来访 {visits} 人次、服务环节 {steps} 个，\
                 {closed_days} 天已日结{}，窗口 {windows} 个，用时 {seconds:.1} 秒",
                if *today_open { "（今天未日结）" } else { "" }
            ),
            CliText::DemoAccounts { pin, staff } => {
                format!("演示账号（PIN 均为 {pin}）：{staff}")
            }
        }
    }

    fn en(&self) -> String {
        match self {
            CliText::BadLangFlag => "--lang must be zh or en".into(),
            CliText::DatabaseCreated(path) => format!("created the database: {}", path.display()),
            CliText::DatabaseUpToDate(path) => {
                format!("the database exists and is up to date: {}", path.display())
            }
            CliText::UnknownRole { given, choices } => format!(
                "unknown role {} (one of: {})",
                sanitize(given),
                choices.join(", ")
            ),
            CliText::StaffAdded => "added".into(),
            CliText::StaffUnlocked => "unlocked".into(),
            CliText::PinReset => "PIN reset (and unlocked, if it was locked)".into(),
            CliText::StaffDeactivated => "deactivated (history kept)".into(),
            CliText::Saved => "saved".into(),
            CliText::PinPrompt => "PIN: ".into(),
            CliText::PinAgainPrompt => "PIN again: ".into(),
            CliText::PinsDiffer => "the two PINs differ; nothing was changed".into(),
            CliText::PinCancelled => "cancelled".into(),
            CliText::KeymapValid => "the keymap file is valid".into(),
            CliText::KeymapShowingDefaults => {
                "legaldesk: the keymap file has problems; showing the defaults".into()
            }
            CliText::KeymapRunningOnDefaults => {
                "the keymap file has problems; running on the default keys".into()
            }
            CliText::NoTerminal(error) => {
                format!("cannot set up the terminal: {}", sanitize(error))
            }
            CliText::UnknownSetting { given, choices } => format!(
                "unknown setting {} (one of: {})",
                sanitize(given),
                choices.join(", ")
            ),
            CliText::BadSettingValue { setting, value } => format!(
                "invalid value for {}: {} ({})",
                setting.key(),
                sanitize(value),
                setting.en()
            ),
            CliText::DefaultValue => "(default)".into(),
            CliText::BadDate { flag, given } => format!(
                "invalid date for {flag}: {} (use YYYY-MM-DD, a date that exists)",
                sanitize(given)
            ),
            CliText::FromAfterTo { from, to } => format!("--from {from} is after --to {to}"),
            CliText::UnknownFormat { given, choices } => format!(
                "unknown format {} (one of: {})",
                sanitize(given),
                choices.join(", ")
            ),
            CliText::UnknownEncoding { given, choices } => format!(
                "unknown encoding {} (one of: {})",
                sanitize(given),
                choices.join(", ")
            ),
            CliText::SentToPrinter => "sent to the printer".into(),
            CliText::CloseNotYet { date, today } => {
                format!("{date} has not come yet and cannot be closed (today is {today})")
            }
            CliText::AlreadyClosedVersion { date, version } => format!(
                "{date} is already closed (version {version}); its records are read-only, \
                 corrections are amendments"
            ),
            CliText::StillOpen(tickets) => {
                format!("still open, recorded as unfinished: {tickets}")
            }
            CliText::AlreadyClosed => "that date is already closed".into(),
            CliText::Closed {
                date,
                version,
                visits,
                unfinished,
            } => format!(
                "closed {date} (version {version}): {visits} visits, {unfinished} step(s) \
                 recorded as unfinished"
            ),
            CliText::Purged {
                before,
                dates,
                visits,
                visitors,
                notes,
            } => format!(
                "personal data before {before} anonymised: {dates} dates, {visits} visits, \
                 {visitors} visitors, {notes} notes; tallies unchanged"
            ),
            CliText::PurgeLeftInLog => "note: other terminals are reading; the old pages leave \
                 the write-ahead log at the next checkpoint"
                .into(),
            CliText::Imported {
                rows,
                visits,
                dates,
            } => format!("imported {rows} rows: {visits} visits on {dates} day(s)"),
            CliText::WindowsCreated(codes) => format!("windows created: {codes}"),
            CliText::StaffCreated(codes) => format!("staff created (inactive, no PIN): {codes}"),
            CliText::CannotWrite { path, error } => {
                format!("cannot write {}: {error}", path.display())
            }
            CliText::Exported { rows, visits, path } => {
                format!(
                    "exported {rows} rows ({visits} visits) to {}",
                    path.display()
                )
            }
            CliText::BackupIsTheDatabase => "the backup file cannot be the database itself".into(),
            CliText::BackupDone { path, pages } => format!(
                "backup written and passed the integrity check: {} ({pages} pages)",
                path.display()
            ),
            CliText::BackupBusy => "the database is busy; no backup was made. Try again".into(),
            CliText::BackupFailedCheck(verdict) => {
                format!("the copy failed its integrity check and was removed: {verdict}")
            }
            CliText::BackupNotAudited => {
                "note: the database is not writable; this backup is not in the audit log".into()
            }
            CliText::BackupDiskFull(path) => format!(
                "the disk is full; the backup was not made: {}",
                path.display()
            ),
            CliText::BackupInProgress(path) => {
                format!("another backup is being written: {}", path.display())
            }
            CliText::BackupCannotWrite { path, error } => {
                format!("cannot write the backup file {}: {error}", path.display())
            }
            CliText::DemoProgress {
                date,
                done,
                days,
                visits,
            } => format!("  {date} day {done}/{days}, {visits} visits so far"),
            CliText::DemoDone {
                first,
                last,
                visits,
                steps,
                closed_days,
                today_open,
                windows,
                seconds,
            } => format!(
                "generated a demo history {first} to {last}: {visits} visits, {steps} steps, \
                 {closed_days} days closed{}, {windows} windows, in {seconds:.1} s",
                if *today_open {
                    " (today left open)"
                } else {
                    ""
                }
            ),
            CliText::DemoAccounts { pin, staff } => {
                format!("demo accounts (PIN {pin} for all): {staff}")
            }
        }
    }
}

#[cfg(test)]
mod tests;
