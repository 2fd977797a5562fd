//! Ratings (服务评价) as staff and supervisors meet them: why a rating was refused, the finish
//! form's rating fields, and the tally's five levels, pad share and follow-up counts.

use super::Words;

/// Why a rating was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingProblem {
    /// Only a finished (done) step is rated.
    NotFinished,
    /// The step has a rating already; a step is rated once.
    AlreadyRated,
    /// The visitor rated it on the pad: staff never overwrite that.
    RatedOnPad,
    /// More than `rating_timeout_s` after the step ended (pad).
    TooLate,
    /// The pad rates only steps finished at its own window.
    OtherWindow,
    /// A 1 or 2 entered by staff needs a reason.
    ReasonNeeded,
    /// Reason "other" entered by staff needs words.
    ReasonNoteNeeded,
    /// A reason can be added once, to a 1–2 rating given on the pad.
    ReasonNotOpen,
}

impl Words for RatingProblem {
    fn zh(&self) -> String {
        match self {
            RatingProblem::NotFinished => "只有已办结的环节才能评价",
            RatingProblem::AlreadyRated => "该环节已评价，每个环节只能评价一次",
            RatingProblem::RatedOnPad => "来访人已在评价器上评价，工作人员不能更改",
            RatingProblem::TooLate => "已超过评价时限",
            RatingProblem::OtherWindow => "该环节不是在本窗口办结的",
            RatingProblem::ReasonNeeded => "“不满意”和“非常不满意”须选择原因",
            RatingProblem::ReasonNoteNeeded => "评价原因为“其他”时须填写原因说明",
            RatingProblem::ReasonNotOpen => "该评价的原因已记录或无需原因",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            RatingProblem::NotFinished => "only a finished step can be rated",
            RatingProblem::AlreadyRated => "this step has been rated already; a step is rated once",
            RatingProblem::RatedOnPad => {
                "the visitor rated this on the pad; staff cannot change it"
            }
            RatingProblem::TooLate => "the time to rate this step has passed",
            RatingProblem::OtherWindow => "this step was not finished at this window",
            RatingProblem::ReasonNeeded => "a rating of 1 or 2 needs a reason",
            RatingProblem::ReasonNoteNeeded => {
                "reason \"other\" needs a few words in the reason note"
            }
            RatingProblem::ReasonNotOpen => {
                "this rating's reason is recorded already, or it needs none"
            }
        }
        .into()
    }
}

/// Labels of the tally's satisfaction figures (printouts and the tally screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyLabel {
    /// The three-level roll-up, as bureaus report it.
    RollUp,
    /// The five levels.
    Levels,
    Rated,
    ByPad,
    Rate,
    RatedShare,
    FollowUps,
    Opened,
    Closed,
    Open,
    Overdue,
}

impl Words for TallyLabel {
    fn zh(&self) -> String {
        match self {
            TallyLabel::RollUp => "三级汇总（满意含非常满意，不满意含非常不满意）",
            TallyLabel::Levels => "五级评价",
            TallyLabel::Rated => "已评价",
            TallyLabel::ByPad => "评价器评价",
            TallyLabel::Rate => "满意率",
            TallyLabel::RatedShare => "评价率",
            TallyLabel::FollowUps => "差评回访整改",
            TallyLabel::Opened => "新增",
            TallyLabel::Closed => "办结",
            TallyLabel::Open => "未办结",
            TallyLabel::Overdue => "逾期",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            TallyLabel::RollUp => "Three levels (very satisfied and very unsatisfied included)",
            TallyLabel::Levels => "Five levels",
            TallyLabel::Rated => "Rated",
            TallyLabel::ByPad => "On the pad",
            TallyLabel::Rate => "Satisfaction rate",
            TallyLabel::RatedShare => "Share rated",
            TallyLabel::FollowUps => "Poor-rating follow-ups",
            TallyLabel::Opened => "Opened",
            TallyLabel::Closed => "Closed",
            TallyLabel::Open => "Open",
            TallyLabel::Overdue => "Overdue",
        }
        .into()
    }
}
