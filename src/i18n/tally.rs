//! The tally screen (SPEC §8): its head line, the tickets still open, and the date form.

use super::Words;

#[derive(Debug, Clone, PartialEq, Eq, strum::EnumCount)]
pub enum TallyScreenText {
    /// The head line: the date or range, and whether it is closed.
    Title {
        range: String,
        closed: bool,
    },
    NoneOpen,
    /// The tickets still open, already joined.
    StillOpen(String),
    DatesTitle,
    DatesIntro,
}

impl Words for TallyScreenText {
    fn zh(&self) -> String {
        match self {
            TallyScreenText::Title { range, closed } => {
                let status = if *closed {
                    "已日结"
                } else {
                    "未日结（实时）"
                };
                format!(" 日结统计 {range}  {status}")
            }
            TallyScreenText::NoneOpen => " 没有未办结的号".into(),
            TallyScreenText::StillOpen(tickets) => format!(" 未办结：{tickets}"),
            TallyScreenText::DatesTitle => "选择日期".into(),
            TallyScreenText::DatesIntro => "格式 YYYY-MM-DD；F2 确定，Esc 取消".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            TallyScreenText::Title { range, closed } => {
                let status = if *closed {
                    "closed"
                } else {
                    "not closed (live)"
                };
                format!(" Tally {range}  {status}")
            }
            TallyScreenText::NoneOpen => " no open tickets".into(),
            TallyScreenText::StillOpen(tickets) => format!(" Still open: {tickets}"),
            TallyScreenText::DatesTitle => "Choose dates".into(),
            TallyScreenText::DatesIntro => "YYYY-MM-DD; F2 to show, Esc to cancel".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tally_screen_text_is_worded_in_both_languages() {
        let samples = [
            TallyScreenText::Title {
                range: "2026-11-30".into(),
                closed: true,
            },
            TallyScreenText::Title {
                range: "2026-11-01 ~ 2026-11-30".into(),
                closed: false,
            },
            TallyScreenText::NoneOpen,
            TallyScreenText::StillOpen("A001 B002".into()),
            TallyScreenText::DatesTitle,
            TallyScreenText::DatesIntro,
        ];
        crate::i18n::tests::assert_worded(&samples, <TallyScreenText as strum::EnumCount>::COUNT);
    }
}
