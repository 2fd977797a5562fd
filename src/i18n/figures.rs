//! The labels of the tally's figures on paper and in the CSV: one word for one figure in
//! every print format (the text printouts' words; the CSV adds the unit in brackets).

use super::{Lang, Words};

/// A figure of the tally, or a part of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureLabel {
    Center,
    From,
    To,
    Days,
    ClosedDays,
    ClosedBy,
    ClosedAt,
    Version,
    Visits,
    Urgent,
    GroupMatters,
    GroupTickets,
    /// An hour of the day, `00`..`23`.
    Hour(String),
    Arrivals,
    Done,
    NoShow,
    Left,
    Unfinished,
    Open,
    /// What a duration summary measures: the wait, or the service itself.
    Wait,
    Serving,
    /// The n of a duration summary.
    Count,
    Mean,
    Median,
    P90,
    Max,
    WithinTarget,
    MeanService,
    MediationSuccessRate,
    LegalAidApplications,
    DocumentsDrafted,
    AmountRecovered,
    Closed,
    UnfinishedTickets,
}

impl Words for FigureLabel {
    fn zh(&self) -> String {
        use FigureLabel::*;
        match self {
            Center => "中心名称".into(),
            From => "起始日期".into(),
            To => "截止日期".into(),
            Days => "天数".into(),
            ClosedDays => "已日结天数".into(),
            ClosedBy => "日结人".into(),
            ClosedAt => "日结时间".into(),
            Version => "版本".into(),
            Visits => "来访".into(),
            Urgent => "紧急".into(),
            GroupMatters => "群体性事项".into(),
            GroupTickets => "群体性事项号码".into(),
            Hour(h) => format!("{h}时"),
            Arrivals => "到达".into(),
            Done => "办结".into(),
            NoShow => "过号".into(),
            Left => "离开未办".into(),
            Unfinished => "未办结".into(),
            Open => "办理中".into(),
            Wait => "等候".into(),
            Serving => "办理".into(),
            Count => "人次".into(),
            Mean => "平均".into(),
            Median => "中位数".into(),
            P90 => "P90".into(),
            Max => "最长".into(),
            WithinTarget => "等候达标率".into(),
            MeanService => "平均办理".into(),
            MediationSuccessRate => "调解成功率".into(),
            LegalAidApplications => "法律援助受理申请".into(),
            DocumentsDrafted => "代书文书".into(),
            AmountRecovered => "挽回经济损失".into(),
            Closed => "已日结".into(),
            UnfinishedTickets => "未办结号码".into(),
        }
    }

    fn en(&self) -> String {
        use FigureLabel::*;
        match self {
            Center => "center".into(),
            From => "From".into(),
            To => "To".into(),
            Days => "Days".into(),
            ClosedDays => "days closed".into(),
            ClosedBy => "Closed by".into(),
            ClosedAt => "Closed at".into(),
            Version => "Version".into(),
            Visits => "Visits".into(),
            Urgent => "Urgent".into(),
            GroupMatters => "Group matters".into(),
            GroupTickets => "group tickets".into(),
            Hour(h) => format!("{h}h"),
            Arrivals => "Arrivals".into(),
            Done => "Done".into(),
            NoShow => "No-show".into(),
            Left => "Left".into(),
            Unfinished => "Unfinished".into(),
            Open => "Open".into(),
            Wait => "Wait".into(),
            Serving => "Service".into(),
            Count => "n".into(),
            Mean => "mean".into(),
            Median => "median".into(),
            P90 => "p90".into(),
            Max => "max".into(),
            WithinTarget => "Within target wait".into(),
            MeanService => "Mean service".into(),
            MediationSuccessRate => "Mediation success rate".into(),
            LegalAidApplications => "Legal aid applications".into(),
            DocumentsDrafted => "Documents drafted".into(),
            AmountRecovered => "Amount recovered".into(),
            Closed => "closed".into(),
            UnfinishedTickets => "Unfinished tickets".into(),
        }
    }
}

/// What a figure counts or measures, as the CSV says it after the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitWord {
    Visits,
    Cases,
    Copies,
    Seconds,
    Yuan,
}

impl Words for UnitWord {
    fn zh(&self) -> String {
        match self {
            UnitWord::Visits => "人次",
            UnitWord::Cases => "件",
            UnitWord::Copies => "份",
            UnitWord::Seconds => "秒",
            UnitWord::Yuan => "元",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            UnitWord::Visits => "visits",
            UnitWord::Cases => "cases",
            UnitWord::Copies => "docs",
            UnitWord::Seconds => "s",
            UnitWord::Yuan => "yuan",
        }
        .into()
    }
}

impl UnitWord {
    /// The unit after a count on the printed tally: English leaves plain counts bare.
    pub fn after_count(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Zh, UnitWord::Visits) => " 人次",
            (Lang::Zh, UnitWord::Cases) => " 件",
            (Lang::Zh, UnitWord::Copies) => " 份",
            (Lang::Zh, UnitWord::Seconds) => " 秒",
            (Lang::Zh, UnitWord::Yuan) => " 元",
            (Lang::En, UnitWord::Visits | UnitWord::Cases) => "",
            (Lang::En, UnitWord::Copies) => " docs",
            (Lang::En, UnitWord::Seconds) => " s",
            (Lang::En, UnitWord::Yuan) => " yuan",
        }
    }
}

/// The words of the printed tally (text and receipts) around its figures: the title, the
/// status, the section headings and the signature lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaperWords {
    DailyTitle,
    RangeTitle,
    Date,
    Status,
    Closed,
    NotClosed,
    PartlyClosed {
        closed: i64,
        days: i64,
    },
    /// Closed from the command line without a staff code.
    Administrator,
    Version {
        version: i64,
    },
    /// An empty section.
    Nothing,
    Section(Section),
    /// A section heading around its words: 【…】 / [ … ].
    Heading(String),
    /// A sub-heading (a service's or a desk's name) before its figures.
    Sub(String),
    Agreements,
    AgreementsEnded,
    PreparedBy,
    ApprovedBy,
}

/// The sections of the printed tally that have no figure label of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum Section {
    Visits,
    Channels,
    Lanes,
    Matters,
    ArrivalsByHour,
    Services,
    Referrals,
    Windows,
    KeyFigures,
    Ratings,
}

impl Words for PaperWords {
    fn zh(&self) -> String {
        match self {
            PaperWords::DailyTitle => "日结统计表".into(),
            PaperWords::RangeTitle => "统计报表".into(),
            PaperWords::Date => "日期".into(),
            PaperWords::Status => "状态".into(),
            PaperWords::Closed => "已日结".into(),
            PaperWords::NotClosed => "未日结（实时数据）".into(),
            PaperWords::PartlyClosed { closed, days } => format!("部分日结 {closed}/{days} 天"),
            PaperWords::Administrator => "系统管理员".into(),
            PaperWords::Version { version } if *version > 1 => format!("第 {version} 版（更正）"),
            PaperWords::Version { version } => format!("第 {version} 版"),
            PaperWords::Nothing => "无".into(),
            PaperWords::Section(section) => match section {
                Section::Visits => "来访概况",
                Section::Channels => "来源渠道",
                Section::Lanes => "优先通道",
                Section::Matters => "事项类型",
                Section::ArrivalsByHour => "分时段到达（人次）",
                Section::Services => "各服务事项",
                Section::Referrals => "转介",
                Section::Windows => "窗口",
                Section::KeyFigures => "主要指标",
                Section::Ratings => "服务评价",
            }
            .into(),
            PaperWords::Heading(words) => format!("【{words}】"),
            PaperWords::Sub(words) => format!("{words}："),
            PaperWords::Agreements => "  调解成功".into(),
            PaperWords::AgreementsEnded => "  调解成功+不成+拒绝".into(),
            PaperWords::PreparedBy => "经办人：".into(),
            PaperWords::ApprovedBy => "负责人：".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            PaperWords::DailyTitle => "Daily tally".into(),
            PaperWords::RangeTitle => "Tally report".into(),
            PaperWords::Date => "Date".into(),
            PaperWords::Status => "Status".into(),
            PaperWords::Closed => "closed".into(),
            PaperWords::NotClosed => "not closed (live figures)".into(),
            PaperWords::PartlyClosed { closed, days } => format!("{closed} of {days} days closed"),
            PaperWords::Administrator => "administrator".into(),
            PaperWords::Version { version } if *version > 1 => format!("{version} (amended)"),
            PaperWords::Version { version } => version.to_string(),
            PaperWords::Nothing => "none".into(),
            PaperWords::Section(section) => match section {
                Section::Visits => "Visits",
                Section::Channels => "Channels",
                Section::Lanes => "Lanes",
                Section::Matters => "Matters",
                Section::ArrivalsByHour => "Arrivals by hour",
                Section::Services => "Services",
                Section::Referrals => "Referrals",
                Section::Windows => "Windows",
                Section::KeyFigures => "Key figures",
                Section::Ratings => "Ratings",
            }
            .into(),
            PaperWords::Heading(words) => format!("[ {words} ]"),
            PaperWords::Sub(words) => format!("{words}:"),
            PaperWords::Agreements => "  agreements".into(),
            PaperWords::AgreementsEnded => "  agreements+failed+refused".into(),
            PaperWords::PreparedBy => "Prepared by: ".into(),
            PaperWords::ApprovedBy => "Approved by: ".into(),
        }
    }
}
