//! Words of legal-aid applications (SPEC §10): states, reasons, grounds, materials, what the
//! desk is told when something cannot be done, and what the screen and the list show.

use chrono::NaiveDate;

use super::calendar::{short_date_en, short_date_zh, DueExplained};
use super::Words;
use crate::domain::aid::{AdvanceGround, AidEvent, AidState, Material, RefusalReason};
use crate::domain::due::Due;

impl Words for AidState {
    fn zh(&self) -> String {
        match self {
            AidState::Pending => "待审查",
            AidState::Supplementing => "补正中",
            AidState::Granted => "给予",
            AidState::Assigned => "已指派",
            AidState::Refused => "不予",
            AidState::Withdrawn => "撤回",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            AidState::Pending => "pending",
            AidState::Supplementing => "supplementing",
            AidState::Granted => "granted",
            AidState::Assigned => "assigned",
            AidState::Refused => "refused",
            AidState::Withdrawn => "withdrawn",
        }
        .into()
    }
}

impl Words for RefusalReason {
    fn zh(&self) -> String {
        match self {
            RefusalReason::Means => "经济状况不符",
            RefusalReason::OutOfScope => "不属于援助事项范围",
            RefusalReason::NoBasis => "缺乏事实和法律依据",
            RefusalReason::Other => "其他",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            RefusalReason::Means => "financial means above the threshold",
            RefusalReason::OutOfScope => "not a matter legal aid covers",
            RefusalReason::NoBasis => "no factual or legal basis",
            RefusalReason::Other => "other",
        }
        .into()
    }
}

impl Words for AdvanceGround {
    fn zh(&self) -> String {
        match self {
            AdvanceGround::Deadline => "距法定时效或期限届满不足七日",
            AdvanceGround::Preservation => "需要立即申请财产保全、证据保全或先予执行",
            AdvanceGround::Other => "其他紧急或特殊情况",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            AdvanceGround::Deadline => "a limitation period or time limit ends within 7 days",
            AdvanceGround::Preservation => {
                "preservation of property or evidence, or advance execution, is needed now"
            }
            AdvanceGround::Other => "other urgent or special circumstances",
        }
        .into()
    }
}

impl Words for Material {
    fn zh(&self) -> String {
        match self {
            Material::ApplicationForm => "法律援助申请表",
            Material::IdDocument => "居民身份证或其他有效身份证明",
            Material::AgentAuthority => "代为申请的代理权证明",
            Material::MeansStatement => "经济困难状况说明表或证明材料",
            Material::CaseMaterials => "与申请事项有关的案件材料",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            Material::ApplicationForm => "legal-aid application form",
            Material::IdDocument => "resident ID card or other proof of identity",
            Material::AgentAuthority => "proof of the agent's authority",
            Material::MeansStatement => "statement or proof of financial hardship",
            Material::CaseMaterials => "materials of the matter applied for",
        }
        .into()
    }
}

impl Words for AidEvent {
    fn zh(&self) -> String {
        match self {
            AidEvent::RequestSupplement => "要求补正",
            AidEvent::MaterialsReceived => "收到补正材料",
            AidEvent::Lapse => "逾期未补正",
            AidEvent::Grant => "决定给予",
            AidEvent::Refuse => "决定不予",
            AidEvent::Assign => "指派",
            AidEvent::Withdraw => "撤回",
            AidEvent::MarkAdvance => "先行提供",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            AidEvent::RequestSupplement => "asking for materials",
            AidEvent::MaterialsReceived => "recording materials received",
            AidEvent::Lapse => "lapsing",
            AidEvent::Grant => "granting",
            AidEvent::Refuse => "refusing",
            AidEvent::Assign => "assigning",
            AidEvent::Withdraw => "withdrawing",
            AidEvent::MarkAdvance => "marking advance aid",
        }
        .into()
    }
}

/// Why an action on an application was refused; nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AidProblem {
    WrongState {
        state: AidState,
        event: AidEvent,
    },
    /// Another terminal changed the application meanwhile.
    Changed,
    /// 一次性告知: materials were already asked for once.
    AlreadyAsked,
    NoMaterials,
    BadDeadline,
    DeadlinePast,
    DeadlineTooFar {
        max_days: i64,
    },
    /// The supplement deadline has passed: the application counts as withdrawn.
    Lapsed,
    NoteRequired,
    NoteTooLong {
        max: usize,
    },
    AssigneeRequired,
    AssigneeTooLong {
        max: usize,
    },
    AdvanceAlready,
    /// No application is selected on the screen.
    NoneSelected,
}

impl Words for AidProblem {
    fn zh(&self) -> String {
        match self {
            AidProblem::WrongState { state, event } => {
                format!("该申请当前为“{}”，不能{}", state.zh(), event.zh())
            }
            AidProblem::Changed => "该申请刚被其他终端修改，请看最新状态后再操作".into(),
            AidProblem::AlreadyAsked => "已一次性告知过需补正的材料，不能再次要求补正".into(),
            AidProblem::NoMaterials => "请勾选需补正的材料，或写明需补充的内容".into(),
            AidProblem::BadDeadline => {
                "补正期限日期无效（格式 YYYY-MM-DD，且须是真实存在的日期）".into()
            }
            AidProblem::DeadlinePast => "补正期限不能早于今天".into(),
            AidProblem::DeadlineTooFar { max_days } => {
                format!("补正期限最多为今天起 {max_days} 天内")
            }
            AidProblem::Lapsed => "补正期限已过，该申请视为撤回".into(),
            AidProblem::NoteRequired => "选择“其他”时须填写说明".into(),
            AidProblem::NoteTooLong { max } => format!("说明过长（最多 {max} 字）"),
            AidProblem::AssigneeRequired => "请填写承办律师或律师事务所".into(),
            AidProblem::AssigneeTooLong { max } => {
                format!("承办律师或律师事务所名称过长（最多 {max} 字）")
            }
            AidProblem::AdvanceAlready => "该申请已标记先行提供".into(),
            AidProblem::NoneSelected => "请先选中一件申请".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            AidProblem::WrongState { state, event } => {
                format!(
                    "the application is {}; {} is not possible now",
                    state.en(),
                    event.en()
                )
            }
            AidProblem::Changed => {
                "another terminal has just changed this application; look at it again first".into()
            }
            AidProblem::AlreadyAsked => {
                "the missing materials were already listed once; they cannot be asked for again"
                    .into()
            }
            AidProblem::NoMaterials => {
                "tick the missing materials or describe what is missing".into()
            }
            AidProblem::BadDeadline => "invalid deadline (YYYY-MM-DD, a date that exists)".into(),
            AidProblem::DeadlinePast => "the deadline cannot be before today".into(),
            AidProblem::DeadlineTooFar { max_days } => {
                format!("the deadline can be at most {max_days} days from today")
            }
            AidProblem::Lapsed => {
                "the supplement deadline has passed; the application counts as withdrawn".into()
            }
            AidProblem::NoteRequired => "\"other\" needs a note".into(),
            AidProblem::NoteTooLong { max } => {
                format!("the note is too long (at most {max} characters)")
            }
            AidProblem::AssigneeRequired => "enter the lawyer or law firm assigned".into(),
            AidProblem::AssigneeTooLong { max } => {
                format!("the lawyer or law firm is too long (at most {max} characters)")
            }
            AidProblem::AdvanceAlready => {
                "advance aid is already marked on this application".into()
            }
            AidProblem::NoneSelected => "select an application first".into(),
        }
    }
}

/// What the status line says after an action succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AidDone {
    Granted {
        ticket: String,
        assign_due: NaiveDate,
    },
    Refused {
        ticket: String,
    },
    SupplementRequested {
        ticket: String,
        deadline: NaiveDate,
    },
    MaterialsReceived {
        ticket: String,
        due: Option<NaiveDate>,
    },
    Assigned {
        ticket: String,
    },
    Withdrawn {
        ticket: String,
    },
    AdvanceMarked {
        ticket: String,
    },
}

impl Words for AidDone {
    fn zh(&self) -> String {
        match self {
            AidDone::Granted { ticket, assign_due } => format!(
                "{ticket} 已决定给予法律援助，须于 {} 前指派",
                short_date_zh(*assign_due)
            ),
            AidDone::Refused { ticket } => format!("{ticket} 已决定不予法律援助"),
            AidDone::SupplementRequested { ticket, deadline } => format!(
                "{ticket} 已一次性告知补正材料，补正期限 {}",
                short_date_zh(*deadline)
            ),
            AidDone::MaterialsReceived { ticket, due } => match due {
                Some(due) => format!(
                    "{ticket} 补正材料已收到，审查期限至 {}",
                    short_date_zh(*due)
                ),
                None => format!("{ticket} 补正材料已收到"),
            },
            AidDone::Assigned { ticket } => format!("{ticket} 已指派"),
            AidDone::Withdrawn { ticket } => format!("{ticket} 已记为撤回"),
            AidDone::AdvanceMarked { ticket } => format!("{ticket} 已标记先行提供法律援助"),
        }
    }

    fn en(&self) -> String {
        match self {
            AidDone::Granted { ticket, assign_due } => format!(
                "{ticket}: legal aid granted; assign by {}",
                short_date_en(*assign_due)
            ),
            AidDone::Refused { ticket } => format!("{ticket}: legal aid refused"),
            AidDone::SupplementRequested { ticket, deadline } => format!(
                "{ticket}: missing materials listed; due by {}",
                short_date_en(*deadline)
            ),
            AidDone::MaterialsReceived { ticket, due } => match due {
                Some(due) => format!(
                    "{ticket}: materials received; decision due {}",
                    short_date_en(*due)
                ),
                None => format!("{ticket}: materials received"),
            },
            AidDone::Assigned { ticket } => format!("{ticket}: assigned"),
            AidDone::Withdrawn { ticket } => format!("{ticket}: recorded as withdrawn"),
            AidDone::AdvanceMarked { ticket } => format!("{ticket}: advance legal aid marked"),
        }
    }
}

/// The words of the `[aid]` screen and `aid list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AidText {
    Title {
        open: usize,
        overdue: usize,
    },
    Header,
    Empty,
    /// The "when" column of a row.
    DaysLeft(i64),
    Overdue(i64),
    DueToday,
    Paused,
    Deadline(NaiveDate),
    AssignBy(NaiveDate),
    Decided(NaiveDate),
    /// Marks: 先行, no ID, unpublished calendar.
    AdvanceMark,
    NoIdMark,
    UnpublishedMark,
    /// The detail lines of the selected application.
    Received(NaiveDate),
    DueExplained(Due),
    Materials(Vec<Material>, String),
    Advance(AdvanceGround),
    Refusal(RefusalReason, String),
    Assignee(String),
    Lapsed(NaiveDate),
    /// Form titles.
    GrantTitle(String),
    RefuseTitle(String),
    SupplementTitle(String),
    MaterialsTitle(String),
    AssignTitle(String),
    WithdrawTitle(String),
    AdvanceTitle(String),
    /// Asked before granting / recording materials / withdrawing.
    ConfirmGrant(String),
    ConfirmMaterials(String),
    ConfirmWithdraw(String),
}

impl Words for AidText {
    fn zh(&self) -> String {
        match self {
            AidText::Title { open, overdue } => {
                format!(" 法律援助申请 在办 {open} 件，逾期 {overdue} 件 ")
            }
            AidText::Header => "#|票号|申请人|事项|状态|期限|标记".into(),
            AidText::Empty => "  暂无在办的法律援助申请".into(),
            AidText::DaysLeft(n) => format!("剩{n}天"),
            AidText::Overdue(n) => format!("逾期{n}天"),
            AidText::DueToday => "今日到期".into(),
            AidText::Paused => "中止计算".into(),
            AidText::Deadline(d) => format!("补至{}", short_date_zh(*d)),
            AidText::AssignBy(d) => format!("{}前指派", short_date_zh(*d)),
            AidText::Decided(d) => format!("{}办结", short_date_zh(*d)),
            AidText::AdvanceMark => "先行".into(),
            AidText::NoIdMark => "缺证件".into(),
            AidText::UnpublishedMark => "未发布".into(),
            AidText::Received(d) => format!("受理 {d}"),
            AidText::DueExplained(due) => {
                format!(
                    "审查期限 {}（{}）",
                    due.date,
                    DueExplained(due.clone()).zh()
                )
            }
            AidText::Materials(list, note) => {
                let mut items: Vec<String> = list.iter().map(|m| m.zh()).collect();
                if !note.is_empty() {
                    items.push(note.clone());
                }
                format!("补正材料：{}", items.join("；"))
            }
            AidText::Advance(g) => format!("先行提供：{}", g.zh()),
            AidText::Refusal(r, note) if note.is_empty() => format!("不予理由：{}", r.zh()),
            AidText::Refusal(r, note) => format!("不予理由：{}（{note}）", r.zh()),
            AidText::Assignee(a) => format!("承办：{a}"),
            AidText::Lapsed(d) => format!("逾期未补正，{d} 起视为撤回"),
            AidText::GrantTitle(t) => format!("决定给予法律援助 {t}"),
            AidText::RefuseTitle(t) => format!("决定不予法律援助 {t}"),
            AidText::SupplementTitle(t) => format!("一次性告知补正材料 {t}"),
            AidText::MaterialsTitle(t) => format!("收到补正材料 {t}"),
            AidText::AssignTitle(t) => format!("指派 {t}"),
            AidText::WithdrawTitle(t) => format!("申请人撤回 {t}"),
            AidText::AdvanceTitle(t) => format!("先行提供法律援助 {t}"),
            AidText::ConfirmGrant(t) => format!("对 {t} 决定给予法律援助？"),
            AidText::ConfirmMaterials(t) => format!("{t} 的补正材料已收齐？审查期限恢复计算"),
            AidText::ConfirmWithdraw(t) => format!("{t} 的申请人撤回申请？"),
        }
    }

    fn en(&self) -> String {
        match self {
            AidText::Title { open, overdue } => {
                format!(" Legal-aid applications: {open} open, {overdue} overdue ")
            }
            AidText::Header => "#|Ticket|Name|Matter|State|Due|Marks".into(),
            AidText::Empty => "  no open legal-aid applications".into(),
            AidText::DaysLeft(n) => format!("{n}d left"),
            AidText::Overdue(n) => format!("{n}d over"),
            AidText::DueToday => "due today".into(),
            AidText::Paused => "clock paused".into(),
            AidText::Deadline(d) => format!("by {}", short_date_en(*d)),
            AidText::AssignBy(d) => format!("assign {}", short_date_en(*d)),
            AidText::Decided(d) => format!("done {}", short_date_en(*d)),
            AidText::AdvanceMark => "adv".into(),
            AidText::NoIdMark => "no ID".into(),
            AidText::UnpublishedMark => "unpub".into(),
            AidText::Received(d) => format!("received {d}"),
            AidText::DueExplained(due) => {
                format!(
                    "decision due {} ({})",
                    due.date,
                    DueExplained(due.clone()).en()
                )
            }
            AidText::Materials(list, note) => {
                let mut items: Vec<String> = list.iter().map(|m| m.en()).collect();
                if !note.is_empty() {
                    items.push(note.clone());
                }
                format!("missing: {}", items.join("; "))
            }
            AidText::Advance(g) => format!("advance aid: {}", g.en()),
            AidText::Refusal(r, note) if note.is_empty() => format!("refused: {}", r.en()),
            AidText::Refusal(r, note) => format!("refused: {} ({note})", r.en()),
            AidText::Assignee(a) => format!("assigned to: {a}"),
            AidText::Lapsed(d) => format!("not supplemented; withdrawn from {d}"),
            AidText::GrantTitle(t) => format!("Grant legal aid {t}"),
            AidText::RefuseTitle(t) => format!("Refuse legal aid {t}"),
            AidText::SupplementTitle(t) => format!("List the missing materials {t}"),
            AidText::MaterialsTitle(t) => format!("Materials received {t}"),
            AidText::AssignTitle(t) => format!("Assign {t}"),
            AidText::WithdrawTitle(t) => format!("Withdrawn by the applicant {t}"),
            AidText::AdvanceTitle(t) => format!("Advance legal aid {t}"),
            AidText::ConfirmGrant(t) => format!("Grant legal aid to {t}?"),
            AidText::ConfirmMaterials(t) => {
                format!("All missing materials of {t} received? The clock runs again")
            }
            AidText::ConfirmWithdraw(t) => format!("Did the applicant of {t} withdraw?"),
        }
    }
}

pub use super::aid_fields::{AidField, Needed};
pub use super::aid_paper::{AidNotice, TallyAidLabel};
