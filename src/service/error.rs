//! What can go wrong in a command, each with a message for the counter in both languages.

use crate::domain::codes::StepStatus;
use crate::domain::state::RefusedTransition;
use crate::domain::text::FieldProblem;
use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not permitted")]
    Denied,
    #[error("field {field}: {problem:?}")]
    Field {
        field: &'static str,
        problem: FieldProblem,
    },
    #[error("step is {0}")]
    WrongState(StepStatus),
    #[error("nothing is waiting")]
    QueueEmpty,
    #[error("already taken by another window")]
    AlreadyTaken,
    #[error("not found")]
    NotFound,
    #[error("wrong PIN")]
    WrongPin { remaining: i64 },
    #[error("account locked")]
    Locked,
    #[error("too many attempts; wait {0} s")]
    BackOff(i64),
    #[error("already exists: {0}")]
    Exists(String),
    #[error("invalid: {0}")]
    Invalid(&'static str),
    #[error("date is closed")]
    DateClosed,
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("legal-aid application: {0:?}")]
    Aid(crate::i18n::aid::AidProblem),
    #[error("appointment: {0:?}")]
    Appointment(crate::i18n::appointments::ApptProblem),
}

impl From<RefusedTransition> for ServiceError {
    fn from(refused: RefusedTransition) -> Self {
        ServiceError::WrongState(refused.from)
    }
}

impl ServiceError {
    pub fn field(field: &'static str) -> impl Fn(FieldProblem) -> ServiceError {
        move |problem| ServiceError::Field { field, problem }
    }

    /// One clear line for the status bar or stderr.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ServiceError::Denied => lang.pick("无此权限", "not permitted for your role").into(),
            ServiceError::Field { field, problem } => field_message(field, *problem, lang),
            ServiceError::WrongState(status) => match lang {
                Lang::Zh => format!("该号当前状态为“{}”，不能这样操作", status.label(lang)),
                Lang::En => format!("the ticket is {}; that cannot be done now", status.label(lang)),
            },
            ServiceError::QueueEmpty => lang.pick("没有等候的号", "nobody is waiting").into(),
            ServiceError::AlreadyTaken => lang.pick("该号已被其他窗口叫走", "another window has just taken that ticket").into(),
            ServiceError::NotFound => lang.pick("找不到该记录", "record not found").into(),
            // The same words whether or not the code exists, so the screen does not tell which
            // staff codes are real.
            ServiceError::WrongPin { .. } => match lang {
                Lang::Zh => format!("工号或密码错误（连续输错 {} 次将锁定，需值班主任解锁）", crate::service::staff::LOCK_AFTER),
                Lang::En => format!("wrong staff code or PIN ({} wrong tries in a row lock the account until a supervisor unlocks it)", crate::service::staff::LOCK_AFTER),
            },
            ServiceError::Locked => lang.pick("该账号已锁定，请值班主任解锁", "this account is locked; a supervisor must unlock it").into(),
            ServiceError::BackOff(s) => match lang {
                Lang::Zh => format!("尝试次数过多，请 {s} 秒后再试"),
                Lang::En => format!("too many tries; wait {s} s"),
            },
            ServiceError::Exists(what) => match lang {
                Lang::Zh => format!("已存在：{what}"),
                Lang::En => format!("already exists: {what}"),
            },
            ServiceError::Invalid(what) => invalid_message(what, lang),
            ServiceError::DateClosed => lang.pick("该日期已日结，记录只读", "that date is closed; its records are read-only").into(),
            ServiceError::Db(e) => db_message(e, lang),
            ServiceError::Aid(problem) => crate::i18n::Words::text(problem, lang),
            ServiceError::Appointment(problem) => crate::i18n::Words::text(problem, lang),
        }
    }
}

fn field_label(field: &str, lang: Lang) -> &'static str {
    match field {
        "name" => lang.pick("姓名", "name"),
        "phone" => lang.pick("电话", "phone"),
        "id_number" => lang.pick("证件号码", "ID number"),
        "summary" => lang.pick("简要情况", "summary"),
        "parties" => lang.pick("当事人人数", "parties"),
        "amount" => lang.pick("挽回金额", "amount"),
        "quantity" => lang.pick("份数", "quantity"),
        "note" => lang.pick("备注", "note"),
        "reason" => lang.pick("原因", "reason"),
        "code" => lang.pick("编号", "code"),
        "pin" => lang.pick("密码", "PIN"),
        "adverse" => lang.pick("对方当事人", "adverse party"),
        "services" => lang.pick("服务事项", "services"),
        _ => lang.pick("字段", "field"),
    }
}

fn field_message(field: &str, problem: FieldProblem, lang: Lang) -> String {
    let label = field_label(field, lang);
    match (problem, lang) {
        (FieldProblem::Empty, Lang::Zh) => format!("请填写{label}"),
        (FieldProblem::Empty, Lang::En) => format!("{label} is required"),
        (FieldProblem::TooLong { max }, Lang::Zh) => format!("{label}过长（最多 {max} 字）"),
        (FieldProblem::TooLong { max }, Lang::En) => {
            format!("{label} is too long (at most {max} characters)")
        }
        (FieldProblem::NotAPhone, Lang::Zh) => format!("{label}只能包含数字、+、- 和空格"),
        (FieldProblem::NotAPhone, Lang::En) => {
            format!("{label} may contain only digits, +, - and spaces")
        }
        (FieldProblem::NotANumber, Lang::Zh) => format!("{label}不是有效的数字"),
        (FieldProblem::NotANumber, Lang::En) => format!("{label} is not a valid number"),
        (FieldProblem::OutOfRange, Lang::Zh) => format!("{label}超出允许范围"),
        (FieldProblem::OutOfRange, Lang::En) => format!("{label} is out of range"),
    }
}

fn invalid_message(what: &str, lang: Lang) -> String {
    match what {
        "outcome" => lang.pick(
            "该服务没有这个办理结果",
            "that outcome does not belong to this service",
        ),
        "reason_note" => lang.pick(
            "退回原因为“其他”时须填写说明",
            "a return for reason \"other\" needs a note",
        ),
        "refer_target" => lang.pick(
            "请选择另一项服务作为转介去向",
            "choose another service to refer to",
        ),
        "window_service" => lang.pick(
            "本窗口不办理该服务",
            "this window does not serve that service",
        ),
        "no_window" => lang.pick("请先在窗口登录", "sign in at a window first"),
        "pin_short" => lang.pick("密码至少 4 位", "the PIN needs at least 4 characters"),
        "role" => lang.pick("未知岗位", "unknown role"),
        "service" => lang.pick("未知服务事项", "unknown service"),
        "code" => lang.pick(
            "编号只能用字母、数字、- 和 _（最多 16 位）",
            "codes use letters, digits, - and _ (at most 16)",
        ),
        "inactive" => lang.pick("该工作人员已停用", "this staff member is inactive"),
        "reason" => lang.pick("请选择退回原因", "choose a return reason"),
        "requeue_off" => lang.pick(
            "本中心未开启过号重排",
            "re-queuing late visitors is turned off here",
        ),
        "pin_same" => lang.pick(
            "新密码不能与原密码相同",
            "the new PIN must differ from the old one",
        ),
        "last_supervisor" => lang.pick(
            "不能停用最后一位值班主任",
            "the last supervisor cannot be deactivated",
        ),
        "not_closed" => lang.pick("该日期尚未日结", "that date is not closed"),
        "secure_delete" => lang.pick(
            "无法启用安全删除，未做任何更改",
            "secure delete could not be turned on; nothing was changed",
        ),
        "pin" => lang.pick("密码无法保存", "the PIN could not be stored"),
        "close_future" => lang.pick(
            "不能日结尚未到来的日期",
            "a date in the future cannot be closed",
        ),
        "id_check" => lang.pick(
            "身份证号校验未通过",
            "the resident ID number fails its check",
        ),
        _ => lang.pick("输入无效", "invalid input"),
    }
    .to_string()
}

fn db_message(error: &rusqlite::Error, lang: Lang) -> String {
    use rusqlite::ErrorCode;
    if let rusqlite::Error::SqliteFailure(failure, detail) = error {
        let text = match failure.code {
            ErrorCode::DiskFull => Some(lang.pick(
                "磁盘已满，本次操作未保存",
                "the disk is full; this action was not saved",
            )),
            ErrorCode::ReadOnly => Some(lang.pick(
                "数据库只读，本次操作未保存",
                "the database is read-only; this action was not saved",
            )),
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                Some(lang.pick("数据库繁忙，请重试", "the database is busy; try again"))
            }
            ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => Some(lang.pick(
                "数据库已损坏，本次操作未保存；请从备份恢复",
                "the database is corrupt; nothing was saved. Restore from a backup",
            )),
            _ => None,
        };
        if let Some(text) = text {
            return text.into();
        }
        if let Some(detail) = detail {
            if detail.contains("closed") {
                return lang
                    .pick(
                        "该日期已日结，记录只读",
                        "that date is closed; its records are read-only",
                    )
                    .into();
            }
        }
    }
    match lang {
        Lang::Zh => format!("数据库错误，本次操作未保存：{error}"),
        Lang::En => format!("database error, nothing was saved: {error}"),
    }
}
