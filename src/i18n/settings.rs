//! The settings a center may change (SPEC §6) and the staff states, as `settings list` and
//! `staff list` say them.

use super::Words;

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
