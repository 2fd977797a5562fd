//! The labels of the tally's figures on paper and in the CSV: one word for one figure in
//! every print format (the text printouts' words; the CSV adds the unit in brackets).

use super::Words;

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
