//! Where the caret of a text field may stand: between grapheme clusters (what a person sees
//! as one character), so moving or deleting never splits an accent, a flag or an emoji with
//! a skin tone.

use unicode_segmentation::UnicodeSegmentation;

/// The caret clamped into `text` at a grapheme boundary (`None`, or anything invalid, is the
/// end: a value set from outside leaves the caret after it).
pub fn clamp(text: &str, caret: Option<usize>) -> usize {
    match caret {
        Some(at) if at < text.len() && is_boundary(text, at) => at,
        _ => text.len(),
    }
}

fn is_boundary(text: &str, at: usize) -> bool {
    at == 0 || at == text.len() || text.grapheme_indices(true).any(|(start, _)| start == at)
}

/// The boundary one grapheme before `at` (`at` itself at the start).
pub fn before(text: &str, at: usize) -> usize {
    text[..at]
        .grapheme_indices(true)
        .next_back()
        .map_or(at, |(start, _)| start)
}

/// The boundary one grapheme after `at` (`at` itself at the end).
pub fn after(text: &str, at: usize) -> usize {
    text[at..]
        .graphemes(true)
        .next()
        .map_or(at, |g| at + g.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_steps_over_whole_characters() {
        // e + combining acute, a family emoji (joined by ZWJ), a CJK character.
        let text = "e\u{301}👨\u{200d}👩\u{200d}👧中";
        let family = "👨\u{200d}👩\u{200d}👧".len();
        assert_eq!(after(text, 0), 3);
        assert_eq!(after(text, 3), 3 + family);
        assert_eq!(before(text, 3 + family), 3);
        assert_eq!(before(text, 0), 0);
        assert_eq!(after(text, text.len()), text.len());
        // Inside a cluster or past the end reads as the end.
        assert_eq!(clamp(text, Some(1)), text.len());
        assert_eq!(clamp(text, Some(5)), text.len());
        assert_eq!(clamp(text, Some(99)), text.len());
        assert_eq!(clamp(text, Some(3)), 3);
        assert_eq!(clamp(text, None), text.len());
    }
}
