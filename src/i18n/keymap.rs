//! Words of the keymap: the short name of every action (hint bar, help screen, `legaldesk
//! keys`) and every problem of a user keymap file, said in one line with the file, line and
//! mode table so the user can go straight to it.

use super::glossary::Term;
use super::{Lang, Words};
use crate::action::Action;
use crate::keymap::{KeyNameError, KeymapProblem, Mode, ProblemKind};

/// The label of an action. The hint bar shares 80 columns with up to ten entries, hence at
/// most 4 CJK characters or 10 ASCII ones. Actions that are one of the hall's terms (SPEC
/// §2–3: 过号, 重呼, 暂挂, 办结, …) take the glossary's word for a key.
impl Words for Action {
    fn zh(&self) -> String {
        match self {
            Action::Help => "帮助",
            Action::Quit => "退出",
            Action::Back => "返回",
            Action::SignOut => "签退",
            Action::ToggleLang => "中/英",
            Action::CallSelected => "叫选中",
            Action::RequeueNoShow => "过号重排",
            Action::StartService => "开始办理",
            Action::PickUpSelected => "接办选中",
            Action::SelectUp => "上移",
            Action::SelectDown => "下移",
            Action::SelectFirst => "首行",
            Action::SelectLast => "末行",
            Action::Select1 => "第1行",
            Action::Select2 => "第2行",
            Action::Select3 => "第3行",
            Action::Select4 => "第4行",
            Action::Select5 => "第5行",
            Action::Select6 => "第6行",
            Action::Select7 => "第7行",
            Action::Select8 => "第8行",
            Action::Select9 => "第9行",
            Action::NextQueue => "切换队列",
            Action::OpenTally => "日结统计",
            Action::Unmask => "查看全文",
            Action::EditVisitor => "补录信息",
            Action::ReprintSlip => "补打",
            Action::OpenAppointments => "预约",
            Action::AppointmentNew => "新增预约",
            Action::AppointmentCheckIn => "到场取号",
            Action::AppointmentFind => "查尾号",
            Action::AppointmentCancel => "取消预约",
            Action::AppointmentPrevDay => "前一天",
            Action::AppointmentNextDay => "后一天",
            Action::PauseWindow => "暂停服务",
            Action::ResumeWindow => "恢复服务",
            Action::LookupTicket => "叫号查询",
            Action::OpenFollowUps => "差评回访",
            Action::CloseFollowUp => "办结回访",
            Action::OpenAid => "援助申请",
            Action::AidGrant => "给予",
            Action::AidRefuse => "不予",
            Action::AidSupplement => "要求补正",
            Action::AidMaterials => "已补正",
            Action::AidAssign => "指派",
            Action::AidAdvance => "先行提供",
            Action::AidWithdraw => "撤回",
            Action::AidPrint => "打印告知",
            Action::ChangePin => "改密码",
            Action::TallyPrevDay => "前一天",
            Action::TallyNextDay => "后一天",
            Action::TallyRange => "选日期",
            Action::PrintTally => "打印",
            Action::NextField => "下一项",
            Action::PrevField => "上一项",
            Action::Submit => "提交",
            Action::ChoiceNext => "下个选项",
            Action::ChoicePrev => "上个选项",
            Action::IntakeNew => Term::Intake.key(Lang::Zh),
            Action::CallNext => Term::Call.key(Lang::Zh),
            Action::Recall => Term::Recall.key(Lang::Zh),
            Action::MarkNoShow => Term::NoShow.key(Lang::Zh),
            Action::FinishService => Term::Finish.key(Lang::Zh),
            Action::Refer => Term::Refer.key(Lang::Zh),
            Action::ReturnToFront => Term::Return.key(Lang::Zh),
            Action::PickUp => Term::PickUp.key(Lang::Zh),
            Action::Hold => Term::Hold.key(Lang::Zh),
            Action::CancelVisit => Term::LeftBeforeService.key(Lang::Zh),
            Action::CloseDay => Term::DayClose.key(Lang::Zh),
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            Action::Help => "Help",
            Action::Quit => "Quit",
            Action::Back => "Back",
            Action::SignOut => "Sign out",
            Action::ToggleLang => "Language",
            Action::CallSelected => "Call this",
            Action::RequeueNoShow => "Requeue",
            Action::StartService => "Start",
            Action::PickUpSelected => "Pick this",
            Action::SelectUp => "Up",
            Action::SelectDown => "Down",
            Action::SelectFirst => "First",
            Action::SelectLast => "Last",
            Action::Select1 => "Row 1",
            Action::Select2 => "Row 2",
            Action::Select3 => "Row 3",
            Action::Select4 => "Row 4",
            Action::Select5 => "Row 5",
            Action::Select6 => "Row 6",
            Action::Select7 => "Row 7",
            Action::Select8 => "Row 8",
            Action::Select9 => "Row 9",
            Action::NextQueue => "Next queue",
            Action::OpenTally => "Tally",
            Action::Unmask => "Unmask",
            Action::EditVisitor => "Visitor",
            Action::ReprintSlip => "Reprint",
            Action::OpenAppointments => "Bookings",
            Action::AppointmentNew => "Book",
            Action::AppointmentCheckIn => "Check in",
            Action::AppointmentFind => "Find",
            Action::AppointmentCancel => "Cancel",
            Action::AppointmentPrevDay => "Prev day",
            Action::AppointmentNextDay => "Next day",
            Action::PauseWindow => "Pause",
            Action::ResumeWindow => "Resume",
            Action::LookupTicket => "Was called",
            Action::OpenFollowUps => "Follow-ups",
            Action::CloseFollowUp => "Close it",
            Action::OpenAid => "Aid apps",
            Action::AidGrant => "Grant",
            Action::AidRefuse => "Refuse",
            Action::AidSupplement => "Supplement",
            Action::AidMaterials => "Received",
            Action::AidAssign => "Assign",
            Action::AidAdvance => "Advance",
            Action::AidWithdraw => "Withdraw",
            Action::AidPrint => "Notice",
            Action::ChangePin => "Change PIN",
            Action::TallyPrevDay => "Prev day",
            Action::TallyNextDay => "Next day",
            Action::TallyRange => "Dates",
            Action::PrintTally => "Print",
            Action::NextField => "Next field",
            Action::PrevField => "Prev field",
            Action::Submit => "Submit",
            Action::ChoiceNext => "Next opt",
            Action::ChoicePrev => "Prev opt",
            Action::IntakeNew => Term::Intake.key(Lang::En),
            Action::CallNext => Term::Call.key(Lang::En),
            Action::Recall => Term::Recall.key(Lang::En),
            Action::MarkNoShow => Term::NoShow.key(Lang::En),
            Action::FinishService => Term::Finish.key(Lang::En),
            Action::Refer => Term::Refer.key(Lang::En),
            Action::ReturnToFront => Term::Return.key(Lang::En),
            Action::PickUp => Term::PickUp.key(Lang::En),
            Action::Hold => Term::Hold.key(Lang::En),
            Action::CancelVisit => Term::LeftBeforeService.key(Lang::En),
            Action::CloseDay => Term::DayClose.key(Lang::En),
        }
        .into()
    }
}

impl Words for KeyNameError {
    /// Why the name was rejected and what to write instead, in one line.
    fn zh(&self) -> String {
        match self {
            KeyNameError::Empty => "按键名为空".into(),
            KeyNameError::Unknown => {
                "可用 F1-F12、enter、esc、tab、backtab、up、down、left、right、\
                 home、end、pageup、pagedown、backspace、delete、insert、space 或单个字符，\
                 可加 ctrl-、alt-、shift- 前缀或写成 <C-x>"
                    .into()
            }
            KeyNameError::ShiftOnCharacter(c) => format!(
                "shift- 只能与字母或功能键连用；上档符号请直接写出该符号（不要写 \"shift-{c}\"）"
            ),
            KeyNameError::ControlCharacter => "按键名不能是控制字符".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            KeyNameError::Empty => "the key name is empty".into(),
            KeyNameError::Unknown => {
                "use F1-F12, enter, esc, tab, backtab, up, down, left, right, home, end, \
                 pageup, pagedown, backspace, delete, insert, space or a single character, \
                 optionally with ctrl-, alt-, shift- or as <C-x>"
                    .into()
            }
            KeyNameError::ShiftOnCharacter(c) => format!(
                "shift- only goes with letters and named keys; write the shifted symbol \
                 itself instead of \"shift-{c}\""
            ),
            KeyNameError::ControlCharacter => "a control character is not a key name".into(),
        }
    }
}

/// One line: where, then what, e.g.
/// `keymap.toml:12 [queue]: "<C-n>" is bound to both intake_new and call_next (...)` or
/// `keymap.toml 第12行 [queue]：按键 "<C-n>" 同时绑定了 intake_new 和 call_next（……）`.
impl Words for KeymapProblem {
    fn zh(&self) -> String {
        let file = self.file.display();
        let mode = mode_tag(self.mode.as_deref());
        let place = match self.line {
            Some(line) => format!("{file} 第{line}行{mode}："),
            None => format!("{file}{mode}："),
        };
        format!("{place}{}", self.kind.zh())
    }

    fn en(&self) -> String {
        let file = self.file.display();
        let mode = mode_tag(self.mode.as_deref());
        let place = match self.line {
            Some(line) => format!("{file}:{line}{mode}: "),
            None => format!("{file}{mode}: "),
        };
        format!("{place}{}", self.kind.en())
    }
}

fn mode_tag(mode: Option<&str>) -> String {
    mode.map(|m| format!(" [{m}]")).unwrap_or_default()
}

impl Words for ProblemKind {
    fn zh(&self) -> String {
        match self {
            ProblemKind::NotFound => "找不到该文件".into(),
            ProblemKind::Unreadable(err) => format!("无法读取文件：{err}"),
            ProblemKind::NotUtf8 => "文件不是 UTF-8 编码，请用 UTF-8 另存".into(),
            ProblemKind::Syntax(msg) => format!("TOML 语法错误：{msg}"),
            ProblemKind::UnknownMode { suggestion } => format!(
                "未知的模式表{}，可用的模式有 {}",
                zh_suggestion(suggestion.as_deref()),
                mode_list("、")
            ),
            ProblemKind::NotATable => {
                "模式必须是一个表：单独一行写 [模式名]，下面每行写 \"按键\" = \"动作\"".into()
            }
            ProblemKind::BadKey { key, error } => {
                format!("\"{key}\" 不是有效的按键名：{}", error.zh())
            }
            ProblemKind::NotAString { key, found } => format!(
                "\"{key}\" 的值必须是带引号的动作名（如 \"call_next\"），这里是{}",
                zh_type(found)
            ),
            ProblemKind::UnknownAction {
                key,
                action,
                suggestion,
            } => format!(
                "\"{key}\"：未知的动作 \"{action}\"{}，运行 legaldesk keys 可查看全部动作",
                zh_suggestion(suggestion.as_deref())
            ),
            ProblemKind::Conflict {
                key,
                other_key,
                other_line,
                first,
                second,
            } => {
                let same = if key == other_key {
                    format!("（另见第{other_line}行）")
                } else {
                    format!("（与第{other_line}行的 \"{other_key}\" 是同一个键）")
                };
                format!("按键 \"{key}\" 同时绑定了 {first} 和 {second}{same}")
            }
            ProblemKind::PrintableInTextField { key } => format!(
                "\"{key}\" 会输入字符，在此模式下交给文本框；这里只能绑定 F 键、enter、esc、\
                 tab、方向键或 ctrl-/alt- 组合键"
            ),
        }
    }

    fn en(&self) -> String {
        match self {
            ProblemKind::NotFound => "file not found".into(),
            ProblemKind::Unreadable(err) => format!("cannot read the file: {err}"),
            ProblemKind::NotUtf8 => "the file is not UTF-8 text; save it as UTF-8".into(),
            ProblemKind::Syntax(msg) => format!("TOML syntax error: {msg}"),
            ProblemKind::UnknownMode { suggestion } => format!(
                "unknown mode table{}; the modes are {}",
                en_suggestion(suggestion.as_deref()),
                mode_list(", ")
            ),
            ProblemKind::NotATable => {
                "a mode must be a table: a [mode] line, then \"key\" = \"action\" lines".into()
            }
            ProblemKind::BadKey { key, error } => {
                format!("\"{key}\" is not a key name: {}", error.en())
            }
            ProblemKind::NotAString { key, found } => format!(
                "the value of \"{key}\" must be a quoted action name (like \"call_next\"), \
                 not {}",
                en_type(found)
            ),
            ProblemKind::UnknownAction {
                key,
                action,
                suggestion,
            } => format!(
                "\"{key}\": unknown action \"{action}\"{}; legaldesk keys lists every action",
                en_suggestion(suggestion.as_deref())
            ),
            ProblemKind::Conflict {
                key,
                other_key,
                other_line,
                first,
                second,
            } => {
                let same = if key == other_key {
                    format!(" (see also line {other_line})")
                } else {
                    format!(" (\"{other_key}\" on line {other_line} is the same key)")
                };
                format!("\"{key}\" is bound to both {first} and {second}{same}")
            }
            ProblemKind::PrintableInTextField { key } => format!(
                "\"{key}\" types a character, which goes to the text field in this mode; \
                 bind F-keys, enter, esc, tab, arrows or ctrl-/alt- keys here"
            ),
        }
    }
}

fn mode_list(separator: &str) -> String {
    Mode::ALL
        .iter()
        .map(|m| m.name())
        .collect::<Vec<_>>()
        .join(separator)
}

/// A TOML type name (`DeValue::type_str`) with its article, for "not an integer".
fn en_type(found: &str) -> String {
    match found {
        "integer" => "an integer".to_owned(),
        "array" => "an array".to_owned(),
        "boolean" => "true/false".to_owned(),
        other => format!("a {other}"),
    }
}

fn zh_type(found: &str) -> &str {
    match found {
        "integer" => "整数",
        "float" => "小数",
        "boolean" => "布尔值",
        "datetime" => "日期时间",
        "array" => "数组",
        "table" => "表",
        other => other,
    }
}

fn en_suggestion(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean \"{s}\"?)"))
        .unwrap_or_default()
}

fn zh_suggestion(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!("（是否应为 \"{s}\"？）"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    use crate::i18n::tests::assert_both;

    #[test]
    fn every_action_label_fits_the_hint_bar_in_both_languages() {
        for action in Action::all() {
            let (zh, en) = (action.zh(), action.en());
            assert_both(&action);
            // A CJK character takes two columns, so 4 of them is 8 columns.
            let zh_columns: usize = zh.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            assert!(zh_columns <= 8, "{zh}");
            assert!(en.len() <= 10, "{en}");
        }
        assert_eq!(Action::MarkNoShow.en(), "No-show");
        assert_eq!(Action::MarkNoShow.zh(), "过号");
    }

    #[test]
    fn every_keymap_problem_has_both_languages() {
        let key_errors = [
            KeyNameError::Empty,
            KeyNameError::Unknown,
            KeyNameError::ShiftOnCharacter('1'),
            KeyNameError::ControlCharacter,
        ];
        let mut kinds = vec![
            ProblemKind::NotFound,
            ProblemKind::Unreadable("permission denied".into()),
            ProblemKind::NotUtf8,
            ProblemKind::Syntax("expected `=`".into()),
            ProblemKind::UnknownMode {
                suggestion: Some("queue".into()),
            },
            ProblemKind::UnknownMode { suggestion: None },
            ProblemKind::NotATable,
            ProblemKind::NotAString {
                key: "F2".into(),
                found: "integer".into(),
            },
            ProblemKind::UnknownAction {
                key: "F2".into(),
                action: "cal_next".into(),
                suggestion: Some("call_next".into()),
            },
            ProblemKind::Conflict {
                key: "F2".into(),
                other_key: "F2".into(),
                other_line: 3,
                first: "call_next".into(),
                second: "recall".into(),
            },
            ProblemKind::PrintableInTextField { key: "a".into() },
        ];
        for error in key_errors {
            assert_both(&error);
            kinds.push(ProblemKind::BadKey {
                key: "F13".into(),
                error,
            });
        }
        for kind in kinds {
            assert_both(&kind);
            let problem = KeymapProblem {
                file: PathBuf::from("k.toml"),
                mode: Some("queue".into()),
                line: Some(4),
                kind,
            };
            assert!(
                problem.zh().starts_with("k.toml 第4行 [queue]："),
                "{}",
                problem.zh()
            );
            assert!(
                problem.en().starts_with("k.toml:4 [queue]: "),
                "{}",
                problem.en()
            );
        }
    }
}
