//! The hall's core terms (SPEC §2–3) in one place, so a key, a state, a message and a report
//! call the same thing by the same word in each language (过号 is "No-show" everywhere).
//!
//! Chinese uses one word for a term whether it names the action, the state or the figure
//! (暂挂 is the key and the state). English inflects: the key says what to do ("Hold"), the
//! state says what the step is ("On hold"). Each form is one exhaustive match here.

use super::{Lang, Words};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Term {
    /// 登记: taking a visitor's details and issuing a ticket.
    Intake,
    /// 叫号: calling the next ticket to a window.
    Call,
    /// 重呼: calling the same ticket again.
    Recall,
    /// 过号: called, and the visitor did not come.
    NoShow,
    /// 暂挂: service paused, to be resumed.
    Hold,
    /// 办结: service finished with an outcome.
    Finish,
    /// 转介: the visit's next step is at another service.
    Refer,
    /// 退回: handed back to the front desk with a reason.
    Return,
    /// 接办: a desk takes a referral it was sent.
    PickUp,
    /// 离开未办: the visitor left before being served.
    LeftBeforeService,
    /// 未办结: still open when the day was closed.
    Unfinished,
    /// 日结: the supervisor closes a business date.
    DayClose,
}

impl Term {
    /// The Chinese term; the same word in every use.
    pub fn zh_word(self) -> &'static str {
        match self {
            Term::Intake => "登记",
            Term::Call => "叫号",
            Term::Recall => "重呼",
            Term::NoShow => "过号",
            Term::Hold => "暂挂",
            Term::Finish => "办结",
            Term::Refer => "转介",
            Term::Return => "退回",
            Term::PickUp => "接办",
            Term::LeftBeforeService => "离开未办",
            Term::Unfinished => "未办结",
            Term::DayClose => "日结",
        }
    }

    /// The English term, as the glossary gives it (a heading, a figure's name).
    pub fn en_word(self) -> &'static str {
        match self {
            Term::Intake => "Intake",
            Term::Call => "Call",
            Term::Recall => "Recall",
            Term::NoShow => "No-show",
            Term::Hold => "Hold",
            Term::Finish => "Finish",
            Term::Refer => "Refer",
            Term::Return => "Return to front desk",
            Term::PickUp => "Pick up",
            Term::LeftBeforeService => "Left before service",
            Term::Unfinished => "Unfinished",
            Term::DayClose => "Day close",
        }
    }

    /// The term on a key of the hint bar: what pressing it does, at most 4 CJK characters or
    /// 10 letters (the bar shares 80 columns with up to ten keys).
    pub fn key(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                // The front desk is said, so the desk knows where the visitor goes.
                Term::Return => "退回前台",
                other => other.zh_word(),
            },
            Lang::En => match self {
                Term::Intake => "New visit",
                Term::Call => "Call next",
                Term::Recall => "Recall",
                Term::NoShow => "No-show",
                Term::Hold => "Hold",
                Term::Finish => "Finish",
                Term::Refer => "Refer",
                Term::Return => "Return",
                Term::PickUp => "Pick up",
                // What the key does to the step; the state it leaves is "Left before service".
                Term::LeftBeforeService => "Cancel",
                Term::Unfinished => "Unfinished",
                Term::DayClose => "Close day",
            },
        }
    }

    /// The term as the state or outcome of a step ("the ticket is On hold").
    pub fn state(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh_word(),
            Lang::En => match self {
                Term::Intake => "Registered",
                Term::Call => "Called",
                Term::Recall => "Recalled",
                Term::NoShow => "No-show",
                Term::Hold => "On hold",
                Term::Finish => "Done",
                Term::Refer => "Referred",
                Term::Return => "Returned",
                Term::PickUp => "Picked up",
                Term::LeftBeforeService => "Left before service",
                Term::Unfinished => "Unfinished",
                Term::DayClose => "Closed",
            },
        }
    }
}

impl Words for Term {
    fn zh(&self) -> String {
        self.zh_word().into()
    }

    fn en(&self) -> String {
        self.en_word().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_term_has_every_form_in_both_languages() {
        for term in Term::iter() {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!term.text(lang).trim().is_empty(), "{term:?} {lang:?}");
                assert!(!term.state(lang).trim().is_empty(), "{term:?} {lang:?}");
                let key = term.key(lang);
                assert!(!key.trim().is_empty(), "{term:?} {lang:?}");
                // A CJK character takes two columns: 4 of them, or 10 ASCII letters.
                let columns: usize = key.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
                assert!(columns <= if lang == Lang::Zh { 8 } else { 10 }, "{key}");
            }
            assert_ne!(term.zh(), term.en());
        }
    }

    #[test]
    fn no_two_terms_share_a_word() {
        let terms: Vec<Term> = Term::iter().collect();
        for (i, a) in terms.iter().enumerate() {
            for b in &terms[i + 1..] {
                assert_ne!(a.zh_word(), b.zh_word());
                assert_ne!(a.en_word(), b.en_word());
                assert_ne!(a.key(Lang::En), b.key(Lang::En));
            }
        }
    }
}
