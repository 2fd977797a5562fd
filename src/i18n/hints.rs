//! The hint bar's own words (the names of actions are the keymap labels).

use super::Words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintText {
    /// The help key, when the bar could not show every key of the screen: it says where the
    /// others are.
    AllKeys,
}

impl Words for HintText {
    fn zh(&self) -> String {
        match self {
            HintText::AllKeys => "全部按键".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            HintText::AllKeys => "All keys".into(),
        }
    }
}
