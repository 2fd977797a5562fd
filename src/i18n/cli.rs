//! Words of the command-line commands (SPEC §6): what each command prints when it worked,
//! and why it refused. Errors from the layers below (`ServiceError`, `OpenError`, …) bring
//! their own words; these are the commands' own.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::Words;
use crate::domain::text::sanitize;

/// A setting a center may change with `legaldesk settings set` (SPEC §6), listed in this
/// order by `settings list`. Its words say what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Setting {
    CenterName,
    Timezone,
    PromoteAfterMin,
    TargetWaitMin,
    GroupThreshold,
    DecisionDays,
    DecisionDaysKind,
    SupplementPausesClock,
    AllowRequeue,
    IdleLockMin,
    Printer,
    PrintCommand,
    PrintFormat,
    PrintEncoding,
    RatingTimeoutS,
    FollowupDays,
    SlipPrinter,
    SlipWidth,
    SlipFooter,
    SlipServiceText,
    SlipQr,
    BoardHoldS,
    BoardNotice,
    AnnounceTemplate,
    AnnounceRepeat,
    AnnounceCommand,
    AnnounceClips,
    AnnounceYao,
    AnnouncePlayer,
    OpenHours,
    AppointmentSlotMin,
    AppointmentDays,
    AppointmentQuota,
    CheckinBeforeMin,
    CheckinAfterMin,
}

impl Setting {
    /// The stable key stored in the database and typed on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Setting::CenterName => "center_name",
            Setting::Timezone => "timezone",
            Setting::PromoteAfterMin => "promote_after_min",
            Setting::TargetWaitMin => "target_wait_min",
            Setting::GroupThreshold => "group_threshold",
            Setting::DecisionDays => "decision_days",
            Setting::DecisionDaysKind => "decision_days_kind",
            Setting::SupplementPausesClock => "supplement_pauses_clock",
            Setting::AllowRequeue => "allow_requeue",
            Setting::IdleLockMin => "idle_lock_min",
            Setting::Printer => "printer",
            Setting::PrintCommand => "print_command",
            Setting::PrintFormat => "print_format",
            Setting::PrintEncoding => "print_encoding",
            Setting::RatingTimeoutS => "rating_timeout_s",
            Setting::FollowupDays => "followup_days",
            Setting::SlipPrinter => "slip_printer",
            Setting::SlipWidth => "slip_width",
            Setting::SlipFooter => "slip_footer",
            Setting::SlipServiceText => "slip_service_text",
            Setting::SlipQr => "slip_qr",
            Setting::BoardHoldS => "board_hold_s",
            Setting::BoardNotice => "board_notice",
            Setting::AnnounceTemplate => "announce_template",
            Setting::AnnounceRepeat => "announce_repeat",
            Setting::AnnounceCommand => "announce_command",
            Setting::AnnounceClips => "announce_clips",
            Setting::AnnounceYao => "announce_yao",
            Setting::AnnouncePlayer => "announce_player",
            Setting::OpenHours => "open_hours",
            Setting::AppointmentSlotMin => "appointment_slot_min",
            Setting::AppointmentDays => "appointment_days",
            Setting::AppointmentQuota => "appointment_quota",
            Setting::CheckinBeforeMin => "checkin_before_min",
            Setting::CheckinAfterMin => "checkin_after_min",
        }
    }

    pub fn from_key(key: &str) -> Option<Setting> {
        <Setting as strum::IntoEnumIterator>::iter().find(|s| s.key() == key)
    }
}

impl Words for Setting {
    fn zh(&self) -> String {
        match self {
            Setting::CenterName => "中心名称（标题栏与统计表抬头）",
            Setting::Timezone => "时区：system 或 +08:00 形式",
            Setting::PromoteAfterMin => "普通号等候超过此分钟数按优先处理",
            Setting::TargetWaitMin => "等候目标（分钟）",
            Setting::GroupThreshold => "群体性事项的当事人人数下限",
            Setting::DecisionDays => "法律援助决定期限（天）",
            Setting::DecisionDaysKind => "期限按 calendar（自然日）或 working（工作日）",
            Setting::SupplementPausesClock => "补正期间不计入法律援助决定期限：1 或 0",
            Setting::AllowRequeue => "过号后到场可重新排队：1 或 0",
            Setting::IdleLockMin => "无操作锁屏（分钟）",
            Setting::Printer => "打印机名称（lp -d）",
            Setting::PrintCommand => "打印命令（默认 lp）",
            Setting::PrintFormat => "界面打印格式：text、receipt80、receipt58",
            Setting::PrintEncoding => "打印编码：utf-8 或 gb18030",
            Setting::RatingTimeoutS => "办结后可在评价器上评价的秒数（默认 60）",
            Setting::FollowupDays => "差评回访整改期限（工作日，默认 5）",
            Setting::SlipPrinter => {
                "取号单打印机：/dev/usb/lp0、tcp:主机:9100 或 lp:队列名；留空则不打印"
            }
            Setting::SlipWidth => "取号单纸宽：58 或 80（毫米），也可写 32 或 48（列）",
            Setting::SlipFooter => "取号单提示语（留空用默认）",
            Setting::SlipServiceText => "取号单上的服务名称（如 综合服务；留空则印各服务事项名称）",
            Setting::SlipQr => "取号单印二维码（仅含号码和日期）：1 或 0",
            Setting::BoardHoldS => "叫号屏上最新叫号至少停留的秒数（1–120，默认 8）",
            Setting::BoardNotice => "叫号屏底部滚动的通知（最多 200 字，空为不显示）",
            Setting::AnnounceTemplate => "播报词，须含 {ticket}，可含 {window}（默认 请{ticket}号到{window}办理）",
            Setting::AnnounceRepeat => "每次叫号播报的遍数（1–5，默认 2）",
            Setting::AnnounceCommand => "语音合成命令（不经 shell；{text} 换成汉字播报词，{pinyin} 换成带调拼音；都没有时从标准输入读入）",
            Setting::AnnounceClips => "录音文件夹（每字或每词一个 WAV；设置后优先使用，空为不用）",
            Setting::AnnounceYao => "票号中的 1 读作“幺”：1 或 0",
            Setting::AnnouncePlayer => "播放录音的命令（{file} 换成拼好的 WAV 文件，默认 aplay -q {file}）",
            Setting::OpenHours => "对外办公时间，如 08:30-12:00,14:00-17:30",
            Setting::AppointmentSlotMin => "每个预约时段的分钟数（5–240，默认 30）",
            Setting::AppointmentDays => "最多可预约多少个工作日以内（1–60，默认 5）",
            Setting::AppointmentQuota => "每个时段每项服务最多预约人数（1–100，默认 2）",
            Setting::CheckinBeforeMin => "预约时间前多少分钟内到达取号仍优先（0–240，默认 60）",
            Setting::CheckinAfterMin => "预约时间后多少分钟内到达取号仍优先（0–240，默认 20）",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            Setting::CenterName => "center name (title bar and tally header)",
            Setting::Timezone => "time zone: system, or an offset like +08:00",
            Setting::PromoteAfterMin => "minutes after which a normal ticket counts as priority",
            Setting::TargetWaitMin => "target wait (minutes)",
            Setting::GroupThreshold => "parties from which a visit is a group matter",
            Setting::DecisionDays => "legal-aid decision period (days)",
            Setting::DecisionDaysKind => "period counted in calendar or working days",
            Setting::SupplementPausesClock => {
                "days spent supplementing do not count towards the decision period: 1 or 0"
            }
            Setting::AllowRequeue => "late no-shows may re-queue: 1 or 0",
            Setting::IdleLockMin => "idle lock (minutes)",
            Setting::Printer => "printer name (lp -d)",
            Setting::PrintCommand => "print command (default lp)",
            Setting::PrintFormat => "print layout from the TUI: text, receipt80, receipt58",
            Setting::PrintEncoding => "print encoding: utf-8 or gb18030",
            Setting::RatingTimeoutS => {
                "seconds after a step ends in which the pad accepts a rating (default 60)"
            }
            Setting::FollowupDays => "working days to follow up a poor rating (default 5)",
            Setting::SlipPrinter => {
                "ticket slip printer: /dev/usb/lp0, tcp:HOST:9100 or lp:QUEUE; empty prints none"
            }
            Setting::SlipWidth => "slip paper width: 58 or 80 (mm), or 32 or 48 (columns)",
            Setting::SlipFooter => "reminder line on the slip (empty: the default)",
            Setting::SlipServiceText => {
                "service words on the slip for every service (empty: each service's name)"
            }
            Setting::SlipQr => "QR code on the slip (ticket and date only): 1 or 0",
            Setting::BoardHoldS => "seconds the latest call stays on the board at least (1-120, default 8)",
            Setting::BoardNotice => "notice scrolling at the foot of the board (at most 200 characters; empty: none)",
            Setting::AnnounceTemplate => "announcement text with {ticket} and optionally {window} (default 请{ticket}号到{window}办理)",
            Setting::AnnounceRepeat => "times each call is spoken (1-5, default 2)",
            Setting::AnnounceCommand => "speech command (run without a shell; {text} becomes the text, {pinyin} numbered pinyin; without either the text is on stdin)",
            Setting::AnnounceClips => "folder of recorded WAV clips per word or syllable (used first when set; empty: off)",
            Setting::AnnounceYao => "read the digit 1 in tickets as 幺 (yao): 1 or 0",
            Setting::AnnouncePlayer => "command that plays the joined recording ({file} is the WAV; default aplay -q {file})",
            Setting::OpenHours => "opening hours, e.g. 08:30-12:00,14:00-17:30",
            Setting::AppointmentSlotMin => "minutes per appointment slot (5-240, default 30)",
            Setting::AppointmentDays => "how many working days ahead may be booked (1-60, default 5)",
            Setting::AppointmentQuota => "bookings per service per slot (1-100, default 2)",
            Setting::CheckinBeforeMin => "minutes before the slot a check-in still keeps its priority (0-240, default 60)",
            Setting::CheckinAfterMin => "minutes after the slot start a check-in still keeps its priority (0-240, default 20)",
        }
        .into()
    }
}

/// A staff member's state in `staff list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum StaffState {
    Active,
    Locked,
    Inactive,
}

impl Words for StaffState {
    fn zh(&self) -> String {
        match self {
            StaffState::Active => "在用",
            StaffState::Locked => "已锁定",
            StaffState::Inactive => "停用",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            StaffState::Active => "active",
            StaffState::Locked => "locked",
            StaffState::Inactive => "inactive",
        }
        .into()
    }
}

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
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    fn assert_both(words: &dyn Words) {
        let (zh, en) = (words.zh(), words.en());
        assert!(
            !zh.trim().is_empty() && !en.trim().is_empty(),
            "{zh:?} {en:?}"
        );
        assert_ne!(zh, en);
        assert!(!zh.contains('\n') && !en.contains('\n'), "{zh:?} {en:?}");
    }

    /// One value of every variant: a new variant is a compile error in `zh`/`en` until it
    /// has words, and must be added here to be checked for empty ones.
    fn every_text() -> Vec<CliText> {
        let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
        let path = || PathBuf::from("/srv/legaldesk.db");
        vec![
            CliText::BadLangFlag,
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
}
