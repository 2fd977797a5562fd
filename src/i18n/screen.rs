//! Whole-screen texts outside the main view (SPEC §9): the sign-in and first-start forms, the
//! idle lock, the too-small terminal, and the sentence telling how a form's keys work.

use super::Words;

#[derive(Debug, Clone, PartialEq, Eq, strum::EnumCount)]
pub enum ScreenText {
    /// The terminal is smaller than the screens need.
    TooSmall {
        min_width: u16,
        min_height: u16,
        width: u16,
        height: u16,
    },
    LockedTitle,
    LockedIntro,
    SetupTitle,
    SetupIntro,
    SignInTitle,
    SignInIntro,
    /// Parts of the form-keys sentence; the keys are put before them.
    DigitsPickOptions,
    Cycle,
    NextField,
    Submit,
    Cancel,
    /// What joins the parts of that sentence.
    PartsJoin,
}

impl Words for ScreenText {
    fn zh(&self) -> String {
        match self {
            ScreenText::TooSmall {
                min_width,
                min_height,
                width,
                height,
            } => {
                format!("请把终端窗口放大到至少 {min_width}×{min_height}（当前 {width}×{height}）")
            }
            ScreenText::LockedTitle => "已锁定".into(),
            ScreenText::LockedIntro => {
                "长时间无操作，屏幕已锁定。输入密码继续；换人请改工号。".into()
            }
            ScreenText::SetupTitle => "首次使用：设置值班主任".into(),
            ScreenText::SetupIntro => {
                "数据库已创建。请设置第一位值班主任的工号、姓名和密码。".into()
            }
            ScreenText::SignInTitle => "登录".into(),
            ScreenText::SignInIntro => "输入工号和密码，选择所在窗口。".into(),
            ScreenText::DigitsPickOptions => "数字键选择选项".into(),
            ScreenText::Cycle => "切换".into(),
            ScreenText::NextField => "下一项".into(),
            ScreenText::Submit => "提交".into(),
            ScreenText::Cancel => "取消".into(),
            ScreenText::PartsJoin => "，".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            ScreenText::TooSmall {
                min_width,
                min_height,
                width,
                height,
            } => format!(
                "Please enlarge the terminal to at least {min_width}×{min_height} (now {width}×{height})"
            ),
            ScreenText::LockedTitle => "Locked".into(),
            ScreenText::LockedIntro => "Locked after a while without a key. Enter the PIN to go on; another operator may change the code.".into(),
            ScreenText::SetupTitle => "First start: set up the supervisor".into(),
            ScreenText::SetupIntro => {
                "The database is new. Give the first supervisor's code, name and PIN.".into()
            }
            ScreenText::SignInTitle => "Sign in".into(),
            ScreenText::SignInIntro => {
                "Enter your staff code and PIN, and pick your window.".into()
            }
            ScreenText::DigitsPickOptions => "digits pick options".into(),
            ScreenText::Cycle => "cycle".into(),
            ScreenText::NextField => "next".into(),
            ScreenText::Submit => "submit".into(),
            ScreenText::Cancel => "cancel".into(),
            ScreenText::PartsJoin => ", ".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_text_is_worded_in_both_languages() {
        let samples = [
            ScreenText::TooSmall {
                min_width: 80,
                min_height: 24,
                width: 60,
                height: 20,
            },
            ScreenText::LockedTitle,
            ScreenText::LockedIntro,
            ScreenText::SetupTitle,
            ScreenText::SetupIntro,
            ScreenText::SignInTitle,
            ScreenText::SignInIntro,
            ScreenText::DigitsPickOptions,
            ScreenText::Cycle,
            ScreenText::NextField,
            ScreenText::Submit,
            ScreenText::Cancel,
            ScreenText::PartsJoin,
        ];
        crate::i18n::tests::assert_worded(&samples, <ScreenText as strum::EnumCount>::COUNT);
    }
}
