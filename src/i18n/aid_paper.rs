//! What the legal-aid desk puts on paper: the applicant's notice (一次性告知 or 不予) and the
//! `legal_aid` block of the printed tally.

use chrono::NaiveDate;

use super::Words;
use crate::domain::aid::{AidState, Material, RefusalReason};

/// Labels of the `legal_aid` block of the printed tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyAidLabel {
    Heading,
    Accepted,
    Granted,
    Refused,
    Withdrawn,
    Assigned,
    Decided,
    OnTime,
    OnTimeShare,
    Pending,
    Overdue,
    AssignOverdue,
}

impl Words for TallyAidLabel {
    fn zh(&self) -> String {
        match self {
            TallyAidLabel::Heading => "法律援助申请",
            TallyAidLabel::Accepted => "受理",
            TallyAidLabel::Granted => "决定给予",
            TallyAidLabel::Refused => "决定不予",
            TallyAidLabel::Withdrawn => "撤回",
            TallyAidLabel::Assigned => "指派",
            TallyAidLabel::Decided => "作出决定",
            TallyAidLabel::OnTime => "按期决定",
            TallyAidLabel::OnTimeShare => "按期决定率",
            TallyAidLabel::Pending => "期末待决定",
            TallyAidLabel::Overdue => "  其中逾期",
            TallyAidLabel::AssignOverdue => "期末逾期未指派",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            TallyAidLabel::Heading => "Legal-aid applications",
            TallyAidLabel::Accepted => "Accepted",
            TallyAidLabel::Granted => "Granted",
            TallyAidLabel::Refused => "Refused",
            TallyAidLabel::Withdrawn => "Withdrawn",
            TallyAidLabel::Assigned => "Assigned",
            TallyAidLabel::Decided => "Decided",
            TallyAidLabel::OnTime => "Decided on time",
            TallyAidLabel::OnTimeShare => "Share on time",
            TallyAidLabel::Pending => "Pending at the end",
            TallyAidLabel::Overdue => "  of which overdue",
            TallyAidLabel::AssignOverdue => "Assignment overdue",
        }
        .into()
    }
}

/// The lines of the notice printed for the applicant (SPEC §10): the supplement request
/// (一次性告知, 法律援助法 Art. 43) or the refusal (不予, with the Art. 49 objection route).
/// Nothing personal beyond the ticket and the masked name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AidNotice {
    SupplementTitle,
    RefusalTitle,
    /// The ticket and the masked name ("" when none was given).
    Applicant {
        ticket: String,
        applicant: String,
    },
    SupplementIntro {
        received: NaiveDate,
    },
    /// One numbered item of the checklist.
    Material(usize, Material),
    /// The desk's own text, numbered after the checklist.
    Note(usize, String),
    SupplementDeadline(NaiveDate),
    RefusalIntro {
        received: NaiveDate,
    },
    Reason(RefusalReason, String),
    Objection,
    /// The date of the notice (the request or the decision).
    Dated(NaiveDate),
    /// The selected application has no notice to print in its state.
    NoNotice(AidState),
}

impl Words for AidNotice {
    fn zh(&self) -> String {
        match self {
            AidNotice::SupplementTitle => "法律援助申请补充材料一次性告知书".into(),
            AidNotice::RefusalTitle => "不予法律援助决定告知书".into(),
            AidNotice::Applicant { ticket, applicant } if applicant.is_empty() => {
                format!("票号：{ticket}")
            }
            AidNotice::Applicant { ticket, applicant } => {
                format!("票号：{ticket}    申请人：{applicant}")
            }
            AidNotice::SupplementIntro { received } => format!(
                "您于 {received} 提出的法律援助申请，材料尚不齐全。根据《中华人民共和国法律援助法》\
                 第四十三条，现一次性告知需补充的材料如下："
            ),
            AidNotice::Material(n, m) => format!("  {n}. {}", m.zh()),
            AidNotice::Note(n, text) => format!("  {n}. {text}"),
            AidNotice::SupplementDeadline(d) => {
                format!("请于 {d} 前补充上述材料。逾期未补充的，视为撤回申请。")
            }
            AidNotice::RefusalIntro { received } => format!(
                "您于 {received} 提出的法律援助申请，经审查，本中心决定不予法律援助。"
            ),
            AidNotice::Reason(r, note) if note.is_empty() => format!("理由：{}", r.zh()),
            AidNotice::Reason(r, note) => format!("理由：{}（{note}）", r.zh()),
            AidNotice::Objection => "如对本决定有异议，可以向设立本中心的司法行政部门提出\
                 （《中华人民共和国法律援助法》第四十九条）。"
                .into(),
            AidNotice::Dated(d) => format!("日期：{d}"),
            AidNotice::NoNotice(state) => format!(
                "该申请{}，没有可打印的告知书（补正中的申请打印一次性告知书，不予的打印不予决定告知书）",
                state.zh()
            ),
        }
    }

    fn en(&self) -> String {
        match self {
            AidNotice::SupplementTitle => "Legal-aid application: materials still needed".into(),
            AidNotice::RefusalTitle => "Legal-aid application: notice of refusal".into(),
            AidNotice::Applicant { ticket, applicant } if applicant.is_empty() => {
                format!("Ticket: {ticket}")
            }
            AidNotice::Applicant { ticket, applicant } => {
                format!("Ticket: {ticket}    Applicant: {applicant}")
            }
            AidNotice::SupplementIntro { received } => format!(
                "Your legal-aid application of {received} is not complete. Under Article 43 of \
                 the Legal Aid Law, these are all the materials still needed:"
            ),
            AidNotice::Material(n, m) => format!("  {n}. {}", m.en()),
            AidNotice::Note(n, text) => format!("  {n}. {text}"),
            AidNotice::SupplementDeadline(d) => format!(
                "Please bring them by {d}. If they are not brought by then, the application \
                 counts as withdrawn."
            ),
            AidNotice::RefusalIntro { received } => format!(
                "Your legal-aid application of {received} has been examined; the center has \
                 decided not to grant legal aid."
            ),
            AidNotice::Reason(r, note) if note.is_empty() => format!("Reason: {}", r.en()),
            AidNotice::Reason(r, note) => format!("Reason: {} ({note})", r.en()),
            AidNotice::Objection => "If you object to this decision, you may raise it with the \
                 justice bureau that set up this center (Legal Aid Law, Article 49)."
                .into(),
            AidNotice::Dated(d) => format!("Date: {d}"),
            AidNotice::NoNotice(state) => format!(
                "the application is {}; there is no notice to print (a supplement request prints \
                 while supplementing, a refusal notice once refused)",
                state.en()
            ),
        }
    }
}
