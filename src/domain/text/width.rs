//! Text laid out by grapheme cluster and display width, for screens and paper alike (SPEC §4).
//!
//! A grapheme cluster is what a reader sees as one character: `❤️` (U+2764 U+FE0F), a family
//! joined by ZWJ, a flag, a letter with combining marks. It is never split, and it takes the
//! columns a terminal gives it — measured exactly as ratatui's buffer measures a cell, so a
//! line this module says is 80 columns is 80 columns on screen. Measuring per character
//! instead (U+2764 is 1 column, U+FE0F 0) and padding by the whole string (2) is how a
//! referral note once made a desk crash; here width, cut and padding all use one rule.
//!
//! Everything that comes out of these functions is also displayable: control characters and
//! bidirectional overrides are removed on the way ([`super::sanitize`]), so no text drawn or
//! printed through them can reach the terminal or the printer as a command.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{is_hidden, sanitize};

/// Columns one grapheme cluster takes on a terminal: the cluster's Unicode width (an emoji
/// presentation sequence with VS16, a ZWJ family or a flag is 2), plus one per halfwidth
/// (semi-)voiced sound mark, which terminals draw as a cell of its own — the same rule as
/// ratatui's `CellWidth`. A cluster holding a control character is never drawn: 0.
pub fn grapheme_width(cluster: &str) -> usize {
    if cluster.chars().any(char::is_control) {
        return 0;
    }
    let marks = cluster
        .chars()
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    match cluster.len() {
        1 => 1,
        _ => UnicodeWidthStr::width(cluster).saturating_add(marks),
    }
}

/// Display columns of `text`: the sum over its grapheme clusters (never the width of the
/// string as a whole, which differs for ligatures the terminal draws cell by cell).
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

/// `text` as it may be shown: unchanged when it holds nothing to remove.
pub fn displayable(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .any(|c| c.is_control() || is_hidden(c) || c == '\t')
    {
        Cow::Owned(sanitize(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// The clusters of already displayable text with their widths. A cluster of width 0 on its
/// own (a zero-width space, a byte-order mark, a combining mark with nothing to combine with)
/// is left out: it shows nothing, and a terminal given one in a cell of its own would shift
/// the rest of the row a column to the left. Lazy, so a 10 000-character paste cut to a
/// column of seven is not walked to its end.
fn clusters(shown: &str) -> impl DoubleEndedIterator<Item = (&str, usize)> {
    shown
        .graphemes(true)
        .map(|g| (g, grapheme_width(g)))
        .filter(|(_, w)| *w > 0)
}

/// The longest start of `text` that fits in `max` columns, whole clusters only.
pub fn truncate(text: &str, max: usize) -> String {
    let shown = displayable(text);
    let mut out = String::new();
    let mut used = 0usize;
    for (cluster, w) in clusters(&shown) {
        if used.saturating_add(w) > max {
            break;
        }
        used += w;
        out.push_str(cluster);
    }
    out
}

/// The longest end of `text` that fits in `max` columns, whole clusters only (a field being
/// typed shows its end, where the cursor is).
pub fn tail(text: &str, max: usize) -> String {
    let shown = displayable(text);
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0usize;
    for (cluster, w) in clusters(&shown).rev() {
        if used.saturating_add(w) > max {
            break;
        }
        used += w;
        kept.push(cluster);
    }
    kept.into_iter().rev().collect()
}

/// `text` cut or padded with spaces to exactly `cols` columns, left-aligned. (A cut that
/// falls in the middle of a wide cluster leaves one column of padding instead.)
pub fn fit(text: &str, cols: usize) -> String {
    let mut out = truncate(text, cols);
    let pad = cols.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// `text` cut or padded to exactly `cols` columns, right-aligned.
pub fn fit_right(text: &str, cols: usize) -> String {
    let cut = truncate(text, cols);
    let pad = cols.saturating_sub(width(&cut));
    let mut out: String = std::iter::repeat_n(' ', pad).collect();
    out.push_str(&cut);
    out
}

/// `text` in lines of at most `cols` columns, broken between clusters (CJK has no spaces to
/// break at, so none are looked for). A cluster wider than a whole line — only possible when
/// `cols` is 1 or for a few exotic clusters — is shown as `?` so that no line overflows.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0usize;
    let shown = displayable(text);
    for (cluster, w) in clusters(&shown) {
        let (cluster, w) = if w > cols { ("?", 1) } else { (cluster, w) };
        if used + w > cols {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        line.push_str(cluster);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HEARTS: &str = "\u{2764}\u{FE0F}\u{2764}\u{FE0F}\u{2764}\u{FE0F}";
    const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    const FLAG: &str = "\u{1F1E8}\u{1F1F3}";

    #[test]
    fn clusters_take_the_columns_a_terminal_gives_them() {
        assert_eq!(width("张三"), 4);
        assert_eq!(width(HEARTS), 6);
        assert_eq!(width("\u{2764}"), 1, "without VS16 the heart is text");
        assert_eq!(width(FAMILY), 2);
        assert_eq!(width(FLAG), 2);
        assert_eq!(width("e\u{301}\u{302}"), 1);
        assert_eq!(width("שלום"), 4);
        // The string as a whole calls lam-alef one column; the terminal draws two cells.
        assert_eq!(width("\u{644}\u{627}"), 2);
    }

    #[test]
    fn the_note_that_crashed_a_desk_fits_and_pads() {
        for cols in 0..10 {
            let fitted = fit(HEARTS, cols);
            assert_eq!(width(&fitted), cols, "{cols}: {fitted:?}");
            assert_eq!(width(&fit_right(HEARTS, cols)), cols);
        }
        assert_eq!(fit(HEARTS, 5), "\u{2764}\u{FE0F}\u{2764}\u{FE0F} ");
        assert_eq!(fit("张三", 6), "张三  ");
        assert_eq!(fit("张三李", 5), "张三 ");
        assert_eq!(fit_right("12", 4), "  12");
        assert_eq!(tail("一二三四", 5), "三四");
        assert_eq!(truncate(FAMILY, 1), "", "a family is never split");
    }

    #[test]
    fn controls_and_bidi_overrides_never_come_out() {
        assert_eq!(fit("张\u{1b}[31m三\u{7}", 8), "张[31m三");
        assert_eq!(truncate("a\u{202E}b\u{9b}c", 10), "abc");
        assert_eq!(fit("a\tb\nc", 5), "a b c");
        assert_eq!(wrap("x\u{2066}y", 4), vec!["xy".to_string()]);
        assert_eq!(
            fit("\u{200B}\u{FEFF}a", 2),
            "a ",
            "nothing invisible takes a cell"
        );
    }

    #[test]
    fn wrap_never_splits_a_cluster() {
        assert_eq!(
            wrap(HEARTS, 3),
            vec!["\u{2764}\u{FE0F}", "\u{2764}\u{FE0F}", "\u{2764}\u{FE0F}"]
        );
        assert_eq!(wrap("张三", 1), vec!["?", "?"]);
        assert_eq!(wrap("", 5), vec![String::new()]);
    }

    /// ratatui draws each cluster in `CellWidth` columns; this module must count the same.
    #[test]
    fn agrees_with_the_renderer() {
        use ratatui::buffer::CellWidth;
        for cluster in [
            "a",
            "张",
            "\u{2764}\u{FE0F}",
            "\u{2764}\u{FE0E}",
            "\u{2764}",
            FAMILY,
            FLAG,
            "\u{1F44D}\u{1F3FD}",
            "e\u{301}",
            "\u{FF76}\u{FF9E}",
            "\u{FF9F}",
            "\u{17D8}",
            "\u{1100}\u{1161}\u{11A8}",
            "\u{200B}",
            "\u{FEFF}",
            "\u{644}",
        ] {
            assert_eq!(
                grapheme_width(cluster),
                usize::from(cluster.cell_width()),
                "{cluster:?}"
            );
        }
    }

    fn hostile() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just(HEARTS.to_string()),
            Just(FAMILY.to_string()),
            Just(FLAG.to_string()),
            Just("\u{644}\u{627}".to_string()),
            Just("a\u{301}\u{302}\u{303}".to_string()),
            Just("\u{1b}[2J".to_string()),
            Just("\u{FF76}\u{FF9E}".to_string()),
            Just("张三".to_string()),
            "\\PC{0,4}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn fit_wrap_and_cut_always_keep_their_width(text in hostile(), cols in 0usize..40) {
            let fitted = fit(&text, cols);
            prop_assert_eq!(width(&fitted), cols);
            prop_assert_eq!(width(&fit_right(&text, cols)), cols);
            prop_assert!(width(&truncate(&text, cols)) <= cols);
            prop_assert!(width(&tail(&text, cols)) <= cols);
            for line in wrap(&text, cols) {
                prop_assert!(width(&line) <= cols.max(1), "{:?}", line);
            }
            prop_assert!(!fitted.chars().any(|c| c.is_control() || is_hidden(c)));
        }

        #[test]
        fn ratatui_and_this_module_agree_on_any_cluster(text in hostile()) {
            use ratatui::buffer::CellWidth;
            for cluster in text.graphemes(true).filter(|g| !g.chars().any(char::is_control)) {
                prop_assert_eq!(grapheme_width(cluster), usize::from(cluster.cell_width()));
            }
        }
    }
}
