//! Text by display width: a CJK character is two columns. Never `format!("{:<10}")`, which
//! counts characters and makes Chinese columns drift.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` columns (never splitting a wide character).
pub fn truncate(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// Pads or cuts `text` to exactly `cols` columns, left-aligned.
pub fn fit(text: &str, cols: usize) -> String {
    let mut out = truncate(text, cols);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', cols - used));
    out
}

/// Right-aligned in exactly `cols` columns.
pub fn fit_right(text: &str, cols: usize) -> String {
    let cut = truncate(text, cols);
    let pad = cols - width(&cut);
    format!("{}{cut}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(width("张三"), 4);
        assert_eq!(fit("张三", 6), "张三  ");
        assert_eq!(fit("张三李", 5), "张三 ");
        assert_eq!(fit_right("12", 4), "  12");
        assert_eq!(width(&fit("法律援助法律援助", 7)), 7);
    }
}
