//! Words of the ledger import: each problem of a ledger file at its line and column, and the
//! report around them. (The problems themselves are `ledger::Problem`, made by the checks.)

use super::Words;
use crate::domain::idcard::IdProblem;
use crate::domain::text::sanitize;
use crate::ledger::{Problem, RowError};

/// A value quoted from the file: printable, and short enough for one line of the report.
fn clip(text: &str) -> String {
    let clean = sanitize(text);
    if clean.chars().count() > 40 {
        format!("{}...", clean.chars().take(40).collect::<String>())
    } else {
        clean
    }
}

impl Words for Problem {
    fn zh(&self) -> String {
        use Problem::*;
        match self {
            NotUtf8 { gbk: true } => {
                "不是 UTF-8 编码，看起来是 GBK（用 --encoding gbk 导入）".into()
            }
            NotUtf8 { gbk: false } => "不是有效的 UTF-8 编码".into(),
            NotGbk => "不是有效的 GBK 编码".into(),
            NoHeader => "文件为空，缺少表头行".into(),
            MissingColumn => "缺少必需的列".into(),
            UnknownColumn(name) => format!("未知的列“{}”", clip(name)),
            DuplicateColumn => "列重复".into(),
            FieldCount { expected, found } => format!(
                "有 {found} 个字段，表头有 {expected} 个（请检查引号是否成对、逗号是否多余）"
            ),
            Csv(detail) => format!("CSV 格式错误：{}", clip(detail)),
            Required => "必填".into(),
            RequiredWhen { col, value } => format!("{} 为 {value} 时必填", col.name()),
            OnlyWhen { col, value } => format!("仅当 {} 为 {value} 时填写", col.name()),
            BadDate => "日期应为 YYYY-MM-DD 且真实存在".into(),
            BadTime => "时间应为 YYYY-MM-DD HH:MM:SS".into(),
            NoSuchLocalTime => "该本地时间在本中心时区不存在（时钟调整）".into(),
            BadNumber => "不是有效的数字".into(),
            OutOfRange => "超出允许范围".into(),
            UnknownCode(code) => format!("未知代码“{}”", clip(code)),
            OutcomeNotOfService(code) => format!("办理结果“{}”不属于该服务事项", clip(code)),
            BadTicket => "号码应为一个大写字母加至少 3 位数字，如 Z001".into(),
            BadCode => "编号只能用字母、数字、- 和 _（最多 16 位）".into(),
            BadPhone => "电话只能包含数字、+、- 和空格".into(),
            TooLong { max } => format!("过长（最多 {max} 字）"),
            IdNumber(IdProblem::CheckDigit(expected)) => {
                format!("身份证号校验位错误（应为 {expected}）")
            }
            IdNumber(IdProblem::BirthDate) => "身份证号中的出生日期不存在".into(),
            IdNumber(IdProblem::Shape) => "身份证号应为 18 位（末位可为 X）".into(),
            BeforeVisitDate => "早于来访日期".into(),
            TimeOrder { earlier_than } => format!(
                "早于 {}（时间顺序应为 queued_at ≤ called_at ≤ started_at ≤ finished_at）",
                earlier_than.name()
            ),
            SeqRepeated => "同一来访的环节序号重复".into(),
            SeqGap { expected } => format!("环节序号不连续（应为 {expected}）"),
            VisitDisagrees { first_line } => format!("与同一来访第 {first_line} 行的值不一致"),
            NeedsNextStep => "转介或退回的环节后面必须有下一环节（seq + 1）".into(),
            ReturnedNotToConsult => "退回后的下一环节必须是 consult（前台）".into(),
            BeforePreviousStep { previous_line } => {
                format!("早于上一环节（第 {previous_line} 行）的 finished_at")
            }
            TicketExists => "该日期已有此号码，不能重复导入".into(),
            DateClosed => "该日期已日结，不能导入".into(),
        }
    }

    fn en(&self) -> String {
        use Problem::*;
        match self {
            NotUtf8 { gbk: true } => {
                "not UTF-8; it looks like GBK (import with --encoding gbk)".into()
            }
            NotUtf8 { gbk: false } => "not valid UTF-8".into(),
            NotGbk => "not valid GBK".into(),
            NoHeader => "the file is empty: the header row is missing".into(),
            MissingColumn => "required column is missing".into(),
            UnknownColumn(name) => format!("unknown column \"{}\"", clip(name)),
            DuplicateColumn => "column appears twice".into(),
            FieldCount { expected, found } => format!(
                "{found} fields where the header has {expected} (check the quotes and commas)"
            ),
            Csv(detail) => format!("CSV error: {}", clip(detail)),
            Required => "required".into(),
            RequiredWhen { col, value } => format!("required when {} is {value}", col.name()),
            OnlyWhen { col, value } => format!("only allowed when {} is {value}", col.name()),
            BadDate => "a date must be a real YYYY-MM-DD".into(),
            BadTime => "a time must be YYYY-MM-DD HH:MM:SS".into(),
            NoSuchLocalTime => "that local time does not exist in the center's time zone".into(),
            BadNumber => "not a valid number".into(),
            OutOfRange => "out of range".into(),
            UnknownCode(code) => format!("unknown code \"{}\"", clip(code)),
            OutcomeNotOfService(code) => format!(
                "outcome \"{}\" does not belong to the step's service",
                clip(code)
            ),
            BadTicket => "a ticket is a capital letter and 3 or more digits, e.g. Z001".into(),
            BadCode => "codes use letters, digits, - and _ (at most 16)".into(),
            BadPhone => "a phone may contain only digits, +, - and spaces".into(),
            TooLong { max } => format!("too long (at most {max} characters)"),
            IdNumber(IdProblem::CheckDigit(expected)) => {
                format!("resident ID check digit is wrong (expected {expected})")
            }
            IdNumber(IdProblem::BirthDate) => {
                "the birth date in the resident ID does not exist".into()
            }
            IdNumber(IdProblem::Shape) => {
                "a resident ID has 18 characters (the last may be X)".into()
            }
            BeforeVisitDate => "earlier than the visit date".into(),
            TimeOrder { earlier_than } => format!(
                "earlier than {} (times must run queued_at <= called_at <= started_at <= finished_at)",
                earlier_than.name()
            ),
            SeqRepeated => "this step number appears twice in the visit".into(),
            SeqGap { expected } => format!("step numbers have a gap (expected {expected})"),
            VisitDisagrees { first_line } => {
                format!("differs from the same visit's row on line {first_line}")
            }
            NeedsNextStep => "a referred or returned step must be followed by step seq + 1".into(),
            ReturnedNotToConsult => {
                "the step after a return must be consult (the front desk)".into()
            }
            BeforePreviousStep { previous_line } => {
                format!("earlier than finished_at of the previous step (line {previous_line})")
            }
            TicketExists => "that ticket already exists on that date".into(),
            DateClosed => "that date is closed; rows for it are refused".into(),
        }
    }
}

/// `第 12 行，列 queued_at：…` / `line 12, column queued_at: …`
impl Words for RowError {
    fn zh(&self) -> String {
        let place = match self.column {
            Some(col) => format!("第 {} 行，列 {}", self.line, col.name()),
            None => format!("第 {} 行", self.line),
        };
        format!("{place}：{}", self.problem.zh())
    }

    fn en(&self) -> String {
        let place = match self.column {
            Some(col) => format!("line {}, column {}", self.line, col.name()),
            None => format!("line {}", self.line),
        };
        format!("{place}: {}", self.problem.en())
    }
}

/// The report of an import that wrote nothing, around its problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportText {
    /// The file could not be read; the system's reason.
    Unreadable(String),
    /// The first line of the report: how many problems, and that nothing was written.
    Failed { problems: usize },
    /// The last line when the report lists only the first problems.
    More { unlisted: usize },
}

impl Words for ImportText {
    fn zh(&self) -> String {
        match self {
            ImportText::Unreadable(detail) => format!("无法读取文件：{}", sanitize(detail)),
            ImportText::Failed { problems } => {
                format!("导入失败：发现 {problems} 处错误，未写入任何数据")
            }
            ImportText::More { unlisted } => format!("……另有 {unlisted} 处错误未列出"),
        }
    }

    fn en(&self) -> String {
        match self {
            ImportText::Unreadable(detail) => format!("cannot read the file: {}", sanitize(detail)),
            ImportText::Failed { problems } => {
                format!("import failed: {problems} problem(s) found; nothing was written")
            }
            ImportText::More { unlisted } => format!("... and {unlisted} more"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::columns::Col;

    use crate::i18n::tests::assert_translated as assert_both;

    /// One value of every variant (a new variant without words here fails to compile in
    /// `zh`/`en` first; this checks that none of them is empty).
    fn every_problem() -> Vec<Problem> {
        use Problem::*;
        vec![
            NotUtf8 { gbk: true },
            NotUtf8 { gbk: false },
            NotGbk,
            NoHeader,
            MissingColumn,
            UnknownColumn("colour".into()),
            DuplicateColumn,
            FieldCount {
                expected: 26,
                found: 25,
            },
            Csv("unterminated quote".into()),
            Required,
            RequiredWhen {
                col: Col::Outcome,
                value: "done",
            },
            OnlyWhen {
                col: Col::Reason,
                value: "returned",
            },
            BadDate,
            BadTime,
            NoSuchLocalTime,
            BadNumber,
            OutOfRange,
            UnknownCode("xyz".into()),
            OutcomeNotOfService("drafted".into()),
            BadTicket,
            BadCode,
            BadPhone,
            TooLong { max: 32 },
            IdNumber(IdProblem::CheckDigit('X')),
            IdNumber(IdProblem::BirthDate),
            IdNumber(IdProblem::Shape),
            BeforeVisitDate,
            TimeOrder {
                earlier_than: Col::QueuedAt,
            },
            SeqRepeated,
            SeqGap { expected: 2 },
            VisitDisagrees { first_line: 3 },
            NeedsNextStep,
            ReturnedNotToConsult,
            BeforePreviousStep { previous_line: 4 },
            TicketExists,
            DateClosed,
        ]
    }

    #[test]
    fn every_problem_and_report_line_has_both_languages() {
        for problem in every_problem() {
            assert_both(&problem);
            let placed = RowError::new(12, Some(Col::QueuedAt), problem.clone());
            assert_both(&placed);
            assert!(
                placed.zh().starts_with("第 12 行，列 queued_at："),
                "{}",
                placed.zh()
            );
            assert!(
                placed.en().starts_with("line 12, column queued_at: "),
                "{}",
                placed.en()
            );
        }
        for text in [
            ImportText::Unreadable("permission denied".into()),
            ImportText::Failed { problems: 3 },
            ImportText::More { unlisted: 7 },
        ] {
            assert_both(&text);
        }
    }

    #[test]
    fn quoted_values_are_cleaned_and_cut() {
        let long = Problem::UnknownCode(format!("\u{1b}[31m{}", "x".repeat(100)));
        for text in [long.zh(), long.en()] {
            assert!(!text.contains('\u{1b}'), "{text:?}");
            assert!(text.contains(&format!("{}...", "x".repeat(36))), "{text}");
        }
    }
}
