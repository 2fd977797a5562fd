//! The notice line (`board_notice`): shown as it is when it fits, else scrolling one
//! character per step, laid out by display width (a CJK character is two columns).

use unicode_width::UnicodeWidthChar;

/// One scrolling step.
pub const STEP_MS: u64 = 300;
/// Space between the end of the notice and its start coming round again.
const GAP: usize = 6;

/// Whether `notice` needs to scroll in `cols` columns.
pub fn scrolls(notice: &str, cols: usize) -> bool {
    crate::domain::text::width(notice) > cols
}

/// The `cols` columns of `notice` shown at scrolling step `step`.
pub fn frame(notice: &str, cols: usize, step: u64) -> String {
    if !scrolls(notice, cols) {
        return crate::domain::text::fit(notice, cols);
    }
    let mut ring: Vec<char> = notice.chars().collect();
    ring.extend(std::iter::repeat_n(' ', GAP));
    let start = (step % ring.len() as u64) as usize;
    let mut out = String::new();
    let mut used = 0;
    for c in ring.iter().cycle().skip(start) {
        let w = c.width().unwrap_or(0);
        if used + w > cols {
            break;
        }
        used += w;
        out.push(*c);
    }
    out.extend(std::iter::repeat_n(' ', cols - used));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_notice_stands_still() {
        assert!(!scrolls("今日办理", 10));
        assert_eq!(frame("今日办理", 10, 7), "今日办理  ");
    }

    #[test]
    fn a_long_notice_scrolls_by_character_and_keeps_its_width() {
        let notice = "请保管好随身物品，过号请到服务台";
        for step in 0..40 {
            let shown = frame(notice, 11, step);
            assert_eq!(crate::domain::text::width(&shown), 11, "{step}: {shown}");
        }
        assert!(frame(notice, 11, 0).starts_with("请保管好随"));
        assert!(frame(notice, 11, 1).starts_with("保管好随身"));
    }
}
