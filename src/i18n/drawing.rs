//! What a screen says in place of something it could not draw.

use super::Words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawing {
    /// A part of the screen failed to draw; the rest of the desk goes on working.
    PartNotShown,
}

impl Words for Drawing {
    fn zh(&self) -> String {
        match self {
            Drawing::PartNotShown => "此处内容暂时无法显示，已记入日志；其他功能照常使用".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            Drawing::PartNotShown => {
                "This part cannot be shown; it was logged. Everything else works as usual".into()
            }
        }
    }
}
