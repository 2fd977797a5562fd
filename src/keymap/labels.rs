//! Short human names of actions for the hint bar and the help screen; the words (and their
//! width limit) are in `i18n::keymap`.

use crate::action::Action;
use crate::i18n::{Lang, Words};

/// The label of `action` in `lang`.
pub fn action_label(action: Action, lang: Lang) -> String {
    action.text(lang)
}
