//! What a bracketed paste becomes before it enters a field (SPEC §4: a paste arrives as one
//! piece and its control characters are removed). Pasted text can carry whole terminal escape
//! sequences (`ESC [ 2 J`, `ESC ] 0 ; title BEL`); dropping only the ESC byte would leave their
//! bodies (`[2J`, `0;title`) in a visitor's name. So the text is run through a real terminal
//! parser (vte, as used by alacritty) and only what a terminal would *print* is kept: every
//! CSI, OSC, DCS, SOS/PM/APC string and escape sequence disappears whole.

use vte::{Parser, Perform};

/// A paste after cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanPaste {
    /// The printable text. Line breaks and tabs between words become one space; at the ends
    /// they are dropped (a copied spreadsheet cell brings its line break along).
    pub text: String,
    /// Whether anything other than line breaks and tabs was taken out: control characters,
    /// escape sequences, bidirectional overrides.
    pub removed: bool,
}

/// Collects what a terminal would print, turning line breaks and tabs into a space between
/// words.
#[derive(Default)]
struct Printed {
    text: String,
    space_pending: bool,
    /// Spaces put in for line breaks and tabs (not characters of the paste itself).
    gaps: usize,
}

impl Perform for Printed {
    fn print(&mut self, c: char) {
        if self.space_pending && !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
            self.gaps += 1;
        }
        self.space_pending = false;
        self.text.push(c);
    }

    fn execute(&mut self, byte: u8) {
        if matches!(byte, b'\t' | b'\n' | b'\r') {
            self.space_pending = true;
        }
    }
}

/// Whitespace controls that stand for a gap between words, not for hidden content.
fn is_layout(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
}

/// Rewrites the input so the 7-bit parser sees every control the way a terminal could take
/// it: a C1 control (U+0080..U+009F, e.g. U+009B, the one-character CSI) becomes ESC plus its
/// 7-bit letter, and a lone ESC before a non-ASCII character is dropped (no sequence starts
/// that way; without this the parser would swallow the name that follows).
fn seven_bit(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{80}'..='\u{9f}' => {
                out.push('\u{1b}');
                out.push(char::from(c as u8 - 0x40));
            }
            '\u{1b}' if chars.peek().is_some_and(|next| !next.is_ascii()) => {}
            c => out.push(c),
        }
    }
    out
}

/// Cleans a paste: whole escape sequences and every control character removed, line breaks
/// and tabs turned into single spaces between words, and anything that can reorder what a
/// reader sees (bidirectional overrides) dropped, as `text::sanitize` does for stored text.
pub fn clean_paste(raw: &str) -> CleanPaste {
    let mut printed = Printed::default();
    let mut parser = Parser::new();
    parser.advance(&mut printed, seven_bit(raw).as_bytes());
    // The parser prints only characters outside sequences; `sanitize` then removes what the
    // parser lets through but a field must not hold (DEL, bidi overrides).
    let text = super::text::sanitize(&printed.text);
    // Every character that is not a line break or tab either reached the text or was removed.
    let offered = raw.chars().filter(|c| !is_layout(*c)).count();
    let kept = text.chars().count().saturating_sub(printed.gaps);
    CleanPaste {
        removed: kept < offered,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_issue_example_leaves_no_debris() {
        let paste = clean_paste("\u{1b}[2J\u{1b}]0;PWNED\u{7}");
        assert_eq!(paste.text, "");
        assert!(paste.removed);
        let paste = clean_paste("韩\u{1b}[2J\u{1b}]0;PWNED\u{7}梅");
        assert_eq!(paste.text, "韩梅");
        assert!(paste.removed);
    }

    #[test]
    fn plain_text_passes_unchanged() {
        for text in [
            "韩梅梅",
            "Han Meimei",
            "❤\u{fe0f} 👨\u{200d}👩\u{200d}👧",
            "e\u{301}",
        ] {
            assert_eq!(
                clean_paste(text),
                CleanPaste {
                    text: text.into(),
                    removed: false
                }
            );
        }
    }

    #[test]
    fn sequences_go_whole() {
        for (raw, want) in [
            ("a\u{1b}[31;1mb\u{1b}[0mc", "abc"),
            // OSC ended by ST (ESC \) instead of BEL.
            ("a\u{1b}]2;title\u{1b}\\b", "ab"),
            // OSC 52 would write the clipboard.
            ("a\u{1b}]52;c;SGVsbG8=\u{7}b", "ab"),
            // DCS and APC strings.
            ("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b", "ab"),
            ("a\u{1b}_payload\u{1b}\\b", "ab"),
            // Two-character escapes: charset selection, keypad mode.
            ("a\u{1b}(0b\u{1b}=c", "abc"),
            // The 8-bit forms: U+009B is CSI, U+009D is OSC, U+009C is ST.
            ("a\u{9b}2Jb", "ab"),
            ("a\u{9d}0;x\u{9c}b", "ab"),
            // A lone ESC before a CJK character does not eat the name.
            ("韩\u{1b}梅", "韩梅"),
            ("a\u{0}b\u{7f}c\u{8}d", "abcd"),
            ("x\u{202e}y", "xy"),
        ] {
            let paste = clean_paste(raw);
            assert_eq!(paste.text, want, "{raw:?}");
            assert!(paste.removed, "{raw:?}");
        }
    }

    #[test]
    fn line_breaks_are_gaps_not_removals() {
        assert_eq!(
            clean_paste("韩梅\r\n"),
            CleanPaste {
                text: "韩梅".into(),
                removed: false
            }
        );
        assert_eq!(
            clean_paste("\n李 雷\tHan\r\n\r\nMei\n"),
            CleanPaste {
                text: "李 雷 Han Mei".into(),
                removed: false
            }
        );
    }

    #[test]
    fn an_unterminated_sequence_ends_the_paste() {
        let paste = clean_paste("韩\u{1b}]0;PWNED梅");
        assert_eq!(paste.text, "韩");
        assert!(paste.removed);
    }

    proptest! {
        #[test]
        fn nothing_controlling_survives(raw in any::<String>()) {
            let paste = clean_paste(&raw);
            prop_assert!(!paste.text.chars().any(|c| c.is_control()));
            prop_assert!(!paste.text.contains(char::from(0x1b)));
        }

        #[test]
        fn printable_text_is_kept_as_is(raw in "[\\p{Han}a-zA-Z0-9 .,()-]{0,40}") {
            let paste = clean_paste(&raw);
            prop_assert_eq!(&paste.text, &raw);
            prop_assert!(!paste.removed);
        }

        #[test]
        fn sequences_around_text_vanish(
            before in "[\\p{Han}a-z]{0,5}",
            after in "[\\p{Han}a-z]{0,5}",
            params in "[0-9;]{0,8}",
            final_byte in "[A-Za-z@`~]",
            title in "[ -~]{0,12}",
        ) {
            let raw = format!("{before}\u{1b}[{params}{final_byte}\u{1b}]0;{title}\u{7}{after}");
            let paste = clean_paste(&raw);
            prop_assert_eq!(paste.text, format!("{before}{after}"));
            prop_assert!(paste.removed);
        }
    }
}
