//! The window-queue view (SPEC §9.2): the queue's columns and marks, the ticket at this
//! window, and the hall summary.

use super::{Lang, Words};
use crate::domain::codes::Service;

#[derive(Debug, Clone, PartialEq, Eq, strum::EnumCount)]
pub enum QueueText {
    /// A wait: `12分` / `1时05` (zh) or `12m` / `1h05` (en).
    Wait {
        seconds: i64,
    },
    /// The mark of an urgent row, a space after it.
    UrgentMark,
    /// A service name short enough for a column.
    ShortService(Service),
    /// The queue panel's title: the services it serves and how many wait.
    QueueTitle {
        services: String,
        waiting: usize,
    },
    ColTicket,
    ColName,
    ColMarks,
    ColFrom,
    ColWait,
    NobodyWaiting,
    /// Where a referral came from.
    From(Service),
    /// The window panel's title, with the window's code once signed in to one.
    WindowTitle(Option<String>),
    NoTicketHere,
    /// Before the other tickets at this window.
    Also,
    Urgent,
    Parties(i64),
    /// When the ticket was called and how often it was called again.
    Timing {
        called: String,
        recalls: i64,
    },
    HallTitle,
    Waiting(i64),
    /// Before the longest wait of a service.
    Longest,
    Decisions {
        pending: i64,
        overdue: i64,
    },
    SignedIn,
}

impl Words for QueueText {
    fn zh(&self) -> String {
        match self {
            QueueText::Wait { seconds } => {
                let minutes = seconds.max(&0) / 60;
                if minutes >= 60 {
                    format!("{}时{:02}", minutes / 60, minutes % 60)
                } else {
                    format!("{minutes}分")
                }
            }
            QueueText::UrgentMark => "急 ".into(),
            QueueText::ShortService(service) => match service {
                Service::Consult => "咨询",
                Service::LegalAid => "援助",
                Service::Notary => "公证",
                Service::Mediation => "调解",
                Service::Drafting => "代书",
            }
            .into(),
            QueueText::QueueTitle { services, waiting } => {
                format!(" 等候队列 {services} ({waiting}) ")
            }
            QueueText::ColTicket => "票号".into(),
            QueueText::ColName => "姓名".into(),
            QueueText::ColMarks => "标记".into(),
            QueueText::ColFrom => "来自/说明".into(),
            QueueText::ColWait => "等候".into(),
            QueueText::NobodyWaiting => "  暂无等候".into(),
            QueueText::From(service) => format!("来自{}", service.label(Lang::Zh)),
            QueueText::WindowTitle(Some(code)) => format!(" 本窗口 {code} "),
            QueueText::WindowTitle(None) => " 本窗口 ".into(),
            QueueText::NoTicketHere => "当前没有号".into(),
            QueueText::Also => "另有".into(),
            QueueText::Urgent => "紧急".into(),
            QueueText::Parties(count) => format!("{count}人"),
            QueueText::Timing { called, recalls } => format!("叫号 {called}  重呼 {recalls}次"),
            QueueText::HallTitle => " 大厅概况 ".into(),
            QueueText::Waiting(count) => format!("{count}人等候"),
            QueueText::Longest => "最长".into(),
            QueueText::Decisions { pending, overdue } => {
                format!("援助待决定 {pending} 件，已逾期 {overdue} 件")
            }
            QueueText::SignedIn => "在岗：".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            QueueText::Wait { seconds } => {
                let minutes = seconds.max(&0) / 60;
                if minutes >= 60 {
                    format!("{}h{:02}", minutes / 60, minutes % 60)
                } else {
                    format!("{minutes}m")
                }
            }
            QueueText::UrgentMark => "URG ".into(),
            QueueText::ShortService(service) => match service {
                Service::Consult => "Cons",
                Service::LegalAid => "Aid",
                Service::Notary => "Nota",
                Service::Mediation => "Med",
                Service::Drafting => "Draft",
            }
            .into(),
            QueueText::QueueTitle { services, waiting } => {
                format!(" Queue {services} ({waiting}) ")
            }
            QueueText::ColTicket => "Ticket".into(),
            QueueText::ColName => "Name".into(),
            QueueText::ColMarks => "Marks".into(),
            QueueText::ColFrom => "From/note".into(),
            QueueText::ColWait => "Wait".into(),
            QueueText::NobodyWaiting => "  nobody waiting".into(),
            QueueText::From(service) => format!("from {}", service.label(Lang::En)),
            QueueText::WindowTitle(Some(code)) => format!(" At window {code} "),
            QueueText::WindowTitle(None) => " At this window ".into(),
            QueueText::NoTicketHere => "no ticket here now".into(),
            QueueText::Also => "also".into(),
            QueueText::Urgent => "urgent".into(),
            QueueText::Parties(count) => format!("{count} parties"),
            QueueText::Timing { called, recalls } => format!("called {called}  recalls {recalls}"),
            QueueText::HallTitle => " Hall ".into(),
            QueueText::Waiting(count) => format!("{count} waiting"),
            QueueText::Longest => "max ".into(),
            QueueText::Decisions { pending, overdue } => {
                format!("aid decisions pending {pending}, overdue {overdue}")
            }
            QueueText::SignedIn => "Signed in:".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_queue_text_is_worded_in_both_languages() {
        let samples = [
            QueueText::Wait { seconds: 3900 },
            QueueText::UrgentMark,
            QueueText::ShortService(Service::Mediation),
            QueueText::QueueTitle {
                services: "Notary".into(),
                waiting: 4,
            },
            QueueText::ColTicket,
            QueueText::ColName,
            QueueText::ColMarks,
            QueueText::ColFrom,
            QueueText::ColWait,
            QueueText::NobodyWaiting,
            QueueText::From(Service::LegalAid),
            QueueText::WindowTitle(Some("W2".into())),
            QueueText::NoTicketHere,
            QueueText::Also,
            QueueText::Urgent,
            QueueText::Parties(2),
            QueueText::Timing {
                called: "09:12".into(),
                recalls: 1,
            },
            QueueText::HallTitle,
            QueueText::Waiting(3),
            QueueText::Longest,
            QueueText::Decisions {
                pending: 2,
                overdue: 1,
            },
            QueueText::SignedIn,
        ];
        crate::i18n::tests::assert_worded(&samples, <QueueText as strum::EnumCount>::COUNT);
        // Every short name differs from the others in each language (they share a column).
        for lang in [Lang::Zh, Lang::En] {
            let names: std::collections::HashSet<String> = Service::ALL
                .iter()
                .map(|s| QueueText::ShortService(*s).text(lang))
                .collect();
            assert_eq!(names.len(), Service::ALL.len());
        }
        assert_eq!(QueueText::Wait { seconds: 720 }.text(Lang::Zh), "12分");
        assert_eq!(QueueText::Wait { seconds: 3900 }.text(Lang::En), "1h05");
        assert_eq!(QueueText::Wait { seconds: -5 }.text(Lang::En), "0m");
    }
}
