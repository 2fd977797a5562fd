//! What can be wrong with a ledger file, each problem tied to its line and column, with a
//! message in both languages.

use super::columns::Col;
use crate::domain::idcard::IdProblem;
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Bytes that are not UTF-8; `gbk` when they read as GBK (suggest `--encoding gbk`).
    NotUtf8 {
        gbk: bool,
    },
    NotGbk,
    NoHeader,
    MissingColumn,
    UnknownColumn(String),
    DuplicateColumn,
    /// A record with another number of fields than the header: almost always broken quoting.
    FieldCount {
        expected: usize,
        found: usize,
    },
    Csv(String),
    Required,
    /// Required because of another column's value (`status` = done, `outcome` = returned…).
    RequiredWhen {
        col: Col,
        value: &'static str,
    },
    /// Must be empty unless another column has a value.
    OnlyWhen {
        col: Col,
        value: &'static str,
    },
    BadDate,
    BadTime,
    /// A local time that does not exist in the center's time zone (a clock change).
    NoSuchLocalTime,
    BadNumber,
    OutOfRange,
    UnknownCode(String),
    /// An outcome code that the step's service does not have.
    OutcomeNotOfService(String),
    BadTicket,
    BadCode,
    BadPhone,
    TooLong {
        max: usize,
    },
    IdNumber(IdProblem),
    BeforeVisitDate,
    /// This time is earlier than the time in `col` (same row).
    TimeOrder {
        earlier_than: Col,
    },
    SeqRepeated,
    SeqGap {
        expected: i64,
    },
    /// A visit-level column differs from the visit's row on `first_line`.
    VisitDisagrees {
        first_line: u64,
    },
    /// A referred or returned step without the step after it.
    NeedsNextStep,
    ReturnedNotToConsult,
    /// Queued before the previous step (on `previous_line`) finished.
    BeforePreviousStep {
        previous_line: u64,
    },
    TicketExists,
    DateClosed,
}

/// One problem at one place of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the file (the header is line 1).
    pub line: u64,
    pub column: Option<Col>,
    pub problem: Problem,
}

impl RowError {
    pub fn new(line: u64, column: Option<Col>, problem: Problem) -> RowError {
        RowError {
            line,
            column,
            problem,
        }
    }

    /// `第 12 行，列 queued_at：…` / `line 12, column queued_at: …`
    pub fn message(&self, lang: Lang) -> String {
        let place = match (self.column, lang) {
            (Some(col), Lang::Zh) => format!("第 {} 行，列 {}", self.line, col.name()),
            (Some(col), Lang::En) => format!("line {}, column {}", self.line, col.name()),
            (None, Lang::Zh) => format!("第 {} 行", self.line),
            (None, Lang::En) => format!("line {}", self.line),
        };
        match lang {
            Lang::Zh => format!("{place}：{}", self.problem.text(lang)),
            Lang::En => format!("{place}: {}", self.problem.text(lang)),
        }
    }
}

fn clip(text: &str) -> String {
    let clean = crate::domain::text::sanitize(text);
    if clean.chars().count() > 40 {
        format!("{}...", clean.chars().take(40).collect::<String>())
    } else {
        clean
    }
}

impl Problem {
    pub fn text(&self, lang: Lang) -> String {
        use Problem::*;
        let zh = lang == Lang::Zh;
        match self {
            NotUtf8 { gbk: true } => lang.pick(
                "不是 UTF-8 编码，看起来是 GBK（用 --encoding gbk 导入）",
                "not UTF-8; it looks like GBK (import with --encoding gbk)",
            ).into(),
            NotUtf8 { gbk: false } => lang.pick("不是有效的 UTF-8 编码", "not valid UTF-8").into(),
            NotGbk => lang.pick("不是有效的 GBK 编码", "not valid GBK").into(),
            NoHeader => lang.pick("文件为空，缺少表头行", "the file is empty: the header row is missing").into(),
            MissingColumn => lang.pick("缺少必需的列", "required column is missing").into(),
            UnknownColumn(name) if zh => format!("未知的列“{}”", clip(name)),
            UnknownColumn(name) => format!("unknown column \"{}\"", clip(name)),
            DuplicateColumn => lang.pick("列重复", "column appears twice").into(),
            FieldCount { expected, found } if zh => {
                format!("有 {found} 个字段，表头有 {expected} 个（请检查引号是否成对、逗号是否多余）")
            }
            FieldCount { expected, found } => {
                format!("{found} fields where the header has {expected} (check the quotes and commas)")
            }
            Csv(detail) if zh => format!("CSV 格式错误：{}", clip(detail)),
            Csv(detail) => format!("CSV error: {}", clip(detail)),
            Required => lang.pick("必填", "required").into(),
            RequiredWhen { col, value } if zh => format!("{} 为 {value} 时必填", col.name()),
            RequiredWhen { col, value } => format!("required when {} is {value}", col.name()),
            OnlyWhen { col, value } if zh => format!("仅当 {} 为 {value} 时填写", col.name()),
            OnlyWhen { col, value } => format!("only allowed when {} is {value}", col.name()),
            BadDate => lang.pick("日期应为 YYYY-MM-DD 且真实存在", "a date must be a real YYYY-MM-DD").into(),
            BadTime => lang.pick("时间应为 YYYY-MM-DD HH:MM:SS", "a time must be YYYY-MM-DD HH:MM:SS").into(),
            NoSuchLocalTime => lang.pick("该本地时间在本中心时区不存在（时钟调整）", "that local time does not exist in the center's time zone").into(),
            BadNumber => lang.pick("不是有效的数字", "not a valid number").into(),
            OutOfRange => lang.pick("超出允许范围", "out of range").into(),
            UnknownCode(code) if zh => format!("未知代码“{}”", clip(code)),
            UnknownCode(code) => format!("unknown code \"{}\"", clip(code)),
            OutcomeNotOfService(code) if zh => format!("办理结果“{}”不属于该服务事项", clip(code)),
            OutcomeNotOfService(code) => format!("outcome \"{}\" does not belong to the step's service", clip(code)),
            BadTicket => lang.pick("号码应为一个大写字母加至少 3 位数字，如 Z001", "a ticket is a capital letter and 3 or more digits, e.g. Z001").into(),
            BadCode => lang.pick("编号只能用字母、数字、- 和 _（最多 16 位）", "codes use letters, digits, - and _ (at most 16)").into(),
            BadPhone => lang.pick("电话只能包含数字、+、- 和空格", "a phone may contain only digits, +, - and spaces").into(),
            TooLong { max } if zh => format!("过长（最多 {max} 字）"),
            TooLong { max } => format!("too long (at most {max} characters)"),
            IdNumber(IdProblem::CheckDigit(expected)) if zh => format!("身份证号校验位错误（应为 {expected}）"),
            IdNumber(IdProblem::CheckDigit(expected)) => format!("resident ID check digit is wrong (expected {expected})"),
            IdNumber(IdProblem::BirthDate) => lang.pick("身份证号中的出生日期不存在", "the birth date in the resident ID does not exist").into(),
            IdNumber(IdProblem::Shape) => lang.pick("身份证号应为 18 位（末位可为 X）", "a resident ID has 18 characters (the last may be X)").into(),
            BeforeVisitDate => lang.pick("早于来访日期", "earlier than the visit date").into(),
            TimeOrder { earlier_than } if zh => format!("早于 {}（时间顺序应为 queued_at ≤ called_at ≤ started_at ≤ finished_at）", earlier_than.name()),
            TimeOrder { earlier_than } => format!("earlier than {} (times must run queued_at <= called_at <= started_at <= finished_at)", earlier_than.name()),
            SeqRepeated => lang.pick("同一来访的环节序号重复", "this step number appears twice in the visit").into(),
            SeqGap { expected } if zh => format!("环节序号不连续（应为 {expected}）"),
            SeqGap { expected } => format!("step numbers have a gap (expected {expected})"),
            VisitDisagrees { first_line } if zh => format!("与同一来访第 {first_line} 行的值不一致"),
            VisitDisagrees { first_line } => format!("differs from the same visit's row on line {first_line}"),
            NeedsNextStep => lang.pick("转介或退回的环节后面必须有下一环节（seq + 1）", "a referred or returned step must be followed by step seq + 1").into(),
            ReturnedNotToConsult => lang.pick("退回后的下一环节必须是 consult（前台）", "the step after a return must be consult (the front desk)").into(),
            BeforePreviousStep { previous_line } if zh => format!("早于上一环节（第 {previous_line} 行）的 finished_at"),
            BeforePreviousStep { previous_line } => format!("earlier than finished_at of the previous step (line {previous_line})"),
            TicketExists => lang.pick("该日期已有此号码，不能重复导入", "that ticket already exists on that date").into(),
            DateClosed => lang.pick("该日期已日结，不能导入", "that date is closed; rows for it are refused").into(),
        }
    }
}
