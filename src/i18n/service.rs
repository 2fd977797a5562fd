//! Words of the service layer's refusals (`ServiceError`): what went wrong in a command, said
//! for the counter in both languages. `ServiceError::words` turns an error into an
//! [`ErrorText`]; the status line, stderr and the tests turn that into words.

use super::visitor::VisitorText;
use super::{Lang, Words};
use crate::domain::codes::StepStatus;
use crate::domain::text::FieldProblem;

/// A rule an input broke that is not about one field's shape (`ServiceError::Invalid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Problem {
    /// The outcome does not belong to the step's service.
    Outcome,
    /// A return for reason "other" without a note.
    ReasonNote,
    /// A referral to the step's own service (or to none).
    ReferTarget,
    /// The window does not serve that service.
    WindowService,
    /// The command needs a signed-in window.
    NoWindow,
    PinShort,
    /// A role code that is not one of SPEC §1.
    Role,
    /// A service code that is not one of SPEC §2.
    Service,
    /// A staff or window code with characters or a length it may not have.
    Code,
    /// The staff member is deactivated.
    Inactive,
    /// A return without a reason.
    Reason,
    /// Re-queuing a late no-show is turned off in the settings.
    RequeueOff,
    PinSame,
    LastSupervisor,
    /// A stored appointment row this binary cannot read (a date or time out of shape).
    AppointmentRow,
    /// Purging a date that is not closed.
    NotClosed,
    /// SQLite refused `secure_delete`.
    SecureDelete,
    /// The PIN could not be hashed.
    Pin,
    CloseFuture,
    /// A resident ID number whose check digit is wrong: the overridable warning.
    IdCheck,
}

impl Words for Problem {
    fn zh(&self) -> String {
        match self {
            Problem::Outcome => "该服务没有这个办理结果",
            Problem::ReasonNote => "退回原因为“其他”时须填写说明",
            Problem::ReferTarget => "请选择另一项服务作为转介去向",
            Problem::WindowService => "本窗口不办理该服务",
            Problem::NoWindow => "请先在窗口登录",
            Problem::PinShort => "密码至少 4 位",
            Problem::Role => "未知岗位",
            Problem::Service => "未知服务事项",
            Problem::Code => "编号只能用字母、数字、- 和 _（最多 16 位）",
            Problem::Inactive => "该工作人员已停用",
            Problem::Reason => "请选择退回原因",
            Problem::RequeueOff => "本中心未开启过号重排",
            Problem::PinSame => "新密码不能与原密码相同",
            Problem::LastSupervisor => "不能停用最后一位值班主任",
            Problem::AppointmentRow => "预约记录已损坏，无法读取，请联系值班主任",
            Problem::NotClosed => "该日期尚未日结",
            Problem::SecureDelete => "无法启用安全删除，未做任何更改",
            Problem::Pin => "密码无法保存",
            Problem::CloseFuture => "不能日结尚未到来的日期",
            Problem::IdCheck => "身份证号校验未通过",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            Problem::Outcome => "that outcome does not belong to this service",
            Problem::ReasonNote => "a return for reason \"other\" needs a note",
            Problem::ReferTarget => "choose another service to refer to",
            Problem::WindowService => "this window does not serve that service",
            Problem::NoWindow => "sign in at a window first",
            Problem::PinShort => "the PIN needs at least 4 characters",
            Problem::Role => "unknown role",
            Problem::Service => "unknown service",
            Problem::Code => "codes use letters, digits, - and _ (at most 16)",
            Problem::Inactive => "this staff member is inactive",
            Problem::Reason => "choose a return reason",
            Problem::RequeueOff => "re-queuing late visitors is turned off here",
            Problem::PinSame => "the new PIN must differ from the old one",
            Problem::LastSupervisor => "the last supervisor cannot be deactivated",
            Problem::AppointmentRow => "an appointment record cannot be read; ask the supervisor",
            Problem::NotClosed => "that date is not closed",
            Problem::SecureDelete => "secure delete could not be turned on; nothing was changed",
            Problem::Pin => "the PIN could not be stored",
            Problem::CloseFuture => "a date in the future cannot be closed",
            Problem::IdCheck => "the resident ID number fails its check",
        }
        .into()
    }
}

/// The input field a `ServiceError::Field` is about, named as the counter knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum FieldName {
    Name,
    Phone,
    IdNumber,
    Summary,
    Parties,
    Amount,
    Quantity,
    Note,
    Reason,
    Code,
    Pin,
    Adverse,
    Services,
    RatingNote,
}

impl Words for FieldName {
    fn zh(&self) -> String {
        match self {
            FieldName::Name => "姓名",
            FieldName::Phone => "电话",
            FieldName::IdNumber => "证件号码",
            FieldName::Summary => "简要情况",
            FieldName::Parties => "当事人人数",
            FieldName::Amount => "挽回金额",
            FieldName::Quantity => "份数",
            FieldName::Note => "备注",
            FieldName::Reason => "原因",
            FieldName::Code => "编号",
            FieldName::Pin => "密码",
            FieldName::Adverse => "对方当事人",
            FieldName::RatingNote => "评价说明",
            FieldName::Services => "服务事项",
        }
        .into()
    }

    /// In a sentence, so lower case except for abbreviations.
    fn en(&self) -> String {
        match self {
            FieldName::Name => "name",
            FieldName::Phone => "phone",
            FieldName::IdNumber => "ID number",
            FieldName::Summary => "summary",
            FieldName::Parties => "parties",
            FieldName::Amount => "amount",
            FieldName::Quantity => "quantity",
            FieldName::Note => "note",
            FieldName::Reason => "reason",
            FieldName::Code => "code",
            FieldName::Pin => "PIN",
            FieldName::Adverse => "adverse party",
            FieldName::RatingNote => "rating note",
            FieldName::Services => "services",
        }
        .into()
    }
}

/// Why the database refused a write, as far as the counter needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbProblem {
    DiskFull,
    ReadOnly,
    Busy,
    Corrupt,
    /// A trigger refused a change to a closed date.
    DateClosed,
    /// Anything else, with SQLite's own description.
    Other(String),
}

/// One clear line for the status bar or stderr about a refused command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorText {
    Denied,
    Field {
        field: FieldName,
        problem: FieldProblem,
    },
    WrongState(StepStatus),
    QueueEmpty,
    AlreadyTaken,
    NotFound,
    /// The same words whether or not the staff code exists, so the screen does not tell which
    /// codes are real. `lock_after` is the number of wrong tries that locks an account.
    WrongPin {
        lock_after: i64,
    },
    Locked,
    /// Seconds to wait before the next sign-in attempt.
    BackOff(i64),
    Exists(String),
    Invalid(Problem),
    DateClosed,
    Visitor(VisitorText),
    Rating(super::rating::RatingProblem),
    FollowUp(super::followup::FollowUpText),
    Aid(super::aid::AidProblem),
    Pause(super::pause::PauseProblem),
    Hall(super::board::HallProblem),
    Appointment(super::appointments::ApptProblem),
    Db(DbProblem),
}

impl Words for ErrorText {
    fn zh(&self) -> String {
        match self {
            ErrorText::Denied => "无此权限".into(),
            ErrorText::Field { field, problem } => {
                let label = field.zh();
                match problem {
                    FieldProblem::Empty => format!("请填写{label}"),
                    FieldProblem::TooLong { max } => format!("{label}过长（最多 {max} 字）"),
                    FieldProblem::NotAPhone => format!("{label}只能包含数字、+、- 和空格"),
                    FieldProblem::NotANumber => format!("{label}不是有效的数字"),
                    FieldProblem::OutOfRange => format!("{label}超出允许范围"),
                }
            }
            ErrorText::WrongState(status) => {
                format!("该号当前状态为“{}”，不能这样操作", status.label(Lang::Zh))
            }
            ErrorText::QueueEmpty => "没有等候的号".into(),
            ErrorText::AlreadyTaken => "该号已被其他窗口叫走".into(),
            ErrorText::NotFound => "找不到该记录".into(),
            ErrorText::WrongPin { lock_after } => {
                format!("工号或密码错误（连续输错 {lock_after} 次将锁定，需值班主任解锁）")
            }
            ErrorText::Locked => "该账号已锁定，请值班主任解锁".into(),
            ErrorText::BackOff(s) => format!("尝试次数过多，请 {s} 秒后再试"),
            ErrorText::Exists(what) => format!("已存在：{what}"),
            ErrorText::Invalid(problem) => problem.zh(),
            ErrorText::DateClosed | ErrorText::Db(DbProblem::DateClosed) => {
                "该日期已日结，记录只读".into()
            }
            ErrorText::Visitor(text) => text.zh(),
            ErrorText::Rating(problem) => problem.zh(),
            ErrorText::FollowUp(text) => text.zh(),
            ErrorText::Aid(problem) => problem.zh(),
            ErrorText::Pause(problem) => problem.zh(),
            ErrorText::Hall(problem) => problem.zh(),
            ErrorText::Appointment(problem) => problem.zh(),
            ErrorText::Db(DbProblem::DiskFull) => "磁盘已满，本次操作未保存".into(),
            ErrorText::Db(DbProblem::ReadOnly) => "数据库只读，本次操作未保存".into(),
            ErrorText::Db(DbProblem::Busy) => "数据库繁忙，请重试".into(),
            ErrorText::Db(DbProblem::Corrupt) => {
                "数据库已损坏，本次操作未保存；请从备份恢复".into()
            }
            ErrorText::Db(DbProblem::Other(detail)) => {
                format!("数据库错误，本次操作未保存：{detail}")
            }
        }
    }

    fn en(&self) -> String {
        match self {
            ErrorText::Denied => "not permitted for your role".into(),
            ErrorText::Field { field, problem } => {
                let label = field.en();
                match problem {
                    FieldProblem::Empty => format!("{label} is required"),
                    FieldProblem::TooLong { max } => {
                        format!("{label} is too long (at most {max} characters)")
                    }
                    FieldProblem::NotAPhone => {
                        format!("{label} may contain only digits, +, - and spaces")
                    }
                    FieldProblem::NotANumber => format!("{label} is not a valid number"),
                    FieldProblem::OutOfRange => format!("{label} is out of range"),
                }
            }
            ErrorText::WrongState(status) => format!(
                "the ticket is {}; that cannot be done now",
                status.label(Lang::En)
            ),
            ErrorText::QueueEmpty => "nobody is waiting".into(),
            ErrorText::AlreadyTaken => "another window has just taken that ticket".into(),
            ErrorText::NotFound => "record not found".into(),
            ErrorText::WrongPin { lock_after } => format!(
                "wrong staff code or PIN ({lock_after} wrong tries in a row lock the account \
                 until a supervisor unlocks it)"
            ),
            ErrorText::Locked => "this account is locked; a supervisor must unlock it".into(),
            ErrorText::BackOff(s) => format!("too many tries; wait {s} s"),
            ErrorText::Exists(what) => format!("already exists: {what}"),
            ErrorText::Invalid(problem) => problem.en(),
            ErrorText::DateClosed | ErrorText::Db(DbProblem::DateClosed) => {
                "that date is closed; its records are read-only".into()
            }
            ErrorText::Visitor(text) => text.en(),
            ErrorText::Rating(problem) => problem.en(),
            ErrorText::FollowUp(text) => text.en(),
            ErrorText::Aid(problem) => problem.en(),
            ErrorText::Pause(problem) => problem.en(),
            ErrorText::Hall(problem) => problem.en(),
            ErrorText::Appointment(problem) => problem.en(),
            ErrorText::Db(DbProblem::DiskFull) => {
                "the disk is full; this action was not saved".into()
            }
            ErrorText::Db(DbProblem::ReadOnly) => {
                "the database is read-only; this action was not saved".into()
            }
            ErrorText::Db(DbProblem::Busy) => "the database is busy; try again".into(),
            ErrorText::Db(DbProblem::Corrupt) => {
                "the database is corrupt; nothing was saved. Restore from a backup".into()
            }
            ErrorText::Db(DbProblem::Other(detail)) => {
                format!("database error, nothing was saved: {detail}")
            }
        }
    }
}

/// Why a purge of personal data (SPEC §4) was refused before anything changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurgeText {
    /// The cut-off date as typed.
    BadDate(String),
    /// Dates before the cut-off that are not closed: the first few, and how many in all.
    NotClosed { dates: Vec<String>, total: usize },
}

impl Words for PurgeText {
    fn zh(&self) -> String {
        match self {
            PurgeText::BadDate(text) => format!("日期格式应为 YYYY-MM-DD：{text}"),
            PurgeText::NotClosed { dates, total } => {
                let more = if *total > dates.len() {
                    format!(" 等 {total} 天")
                } else {
                    String::new()
                };
                format!(
                    "只能清除已日结日期的个人信息；以下日期尚未日结：{}{more}。\
                     请先日结（legaldesk close --date 日期），未做任何更改",
                    dates.join(", ")
                )
            }
        }
    }

    fn en(&self) -> String {
        match self {
            PurgeText::BadDate(text) => format!("dates are YYYY-MM-DD: {text}"),
            PurgeText::NotClosed { dates, total } => {
                let more = if *total > dates.len() {
                    format!(" and others, {total} in all")
                } else {
                    String::new()
                };
                format!(
                    "only closed dates can be purged; not closed yet: {}{more}. Close them \
                     first (legaldesk close --date D); nothing was changed",
                    dates.join(", ")
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    use crate::i18n::tests::assert_translated as assert_both;

    #[test]
    fn every_problem_and_field_has_both_languages() {
        for problem in Problem::iter() {
            assert_both(&problem);
            assert_both(&ErrorText::Invalid(problem));
        }
        for field in FieldName::iter() {
            assert_both(&field);
            for problem in [
                FieldProblem::Empty,
                FieldProblem::TooLong { max: 8 },
                FieldProblem::NotAPhone,
                FieldProblem::NotANumber,
                FieldProblem::OutOfRange,
            ] {
                let text = ErrorText::Field { field, problem };
                assert_both(&text);
                assert!(text.zh().contains(&field.zh()), "{}", text.zh());
                assert!(text.en().contains(&field.en()), "{}", text.en());
            }
        }
    }

    #[test]
    fn every_error_has_both_languages() {
        let mut all = vec![
            ErrorText::Denied,
            ErrorText::QueueEmpty,
            ErrorText::AlreadyTaken,
            ErrorText::NotFound,
            ErrorText::WrongPin { lock_after: 5 },
            ErrorText::Locked,
            ErrorText::BackOff(30),
            ErrorText::Exists("S01".into()),
            ErrorText::DateClosed,
            ErrorText::Visitor(VisitorText::MaskedHint),
        ];
        all.extend(StepStatus::ALL.iter().map(|s| ErrorText::WrongState(*s)));
        all.extend(
            [
                DbProblem::DiskFull,
                DbProblem::ReadOnly,
                DbProblem::Busy,
                DbProblem::Corrupt,
                DbProblem::DateClosed,
                DbProblem::Other("disk I/O error".into()),
            ]
            .map(ErrorText::Db),
        );
        for text in &all {
            assert_both(text);
        }
        for text in [
            PurgeText::BadDate("2026-13-01".into()),
            PurgeText::NotClosed {
                dates: vec!["2026-11-20".into()],
                total: 4,
            },
        ] {
            assert_both(&text);
        }
        // Parameters reach the words in both languages.
        let back_off = ErrorText::BackOff(42);
        assert!(back_off.zh().contains("42") && back_off.en().contains("42"));
    }
}
