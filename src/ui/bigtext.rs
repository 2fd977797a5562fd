//! Large type for the ticket just issued: a 5-row block font for the characters tickets use.

/// Rows of a glyph, `#` for ink. Unknown characters render blank.
fn glyph(c: char) -> [&'static str; 5] {
    match c {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        'Z' => ["###", "  #", " # ", "#  ", "###"],
        'Y' => ["# #", "# #", " # ", " # ", " # "],
        'G' => ["###", "#  ", "# #", "# #", "###"],
        'T' => ["###", " # ", " # ", " # ", " # "],
        'D' => ["## ", "# #", "# #", "# #", "## "],
        // The other letters, for centers that choose their own ticket prefixes.
        'A' => [" # ", "# #", "###", "# #", "# #"],
        'B' => ["## ", "# #", "## ", "# #", "## "],
        'C' => ["###", "#  ", "#  ", "#  ", "###"],
        'E' => ["###", "#  ", "###", "#  ", "###"],
        'F' => ["###", "#  ", "###", "#  ", "#  "],
        'H' => ["# #", "# #", "###", "# #", "# #"],
        'I' => ["###", " # ", " # ", " # ", "###"],
        'J' => ["  #", "  #", "  #", "# #", "###"],
        'K' => ["# #", "# #", "## ", "# #", "# #"],
        'L' => ["#  ", "#  ", "#  ", "#  ", "###"],
        'M' => ["# #", "###", "###", "# #", "# #"],
        'N' => ["###", "# #", "# #", "# #", "# #"],
        'O' => ["###", "# #", "# #", "# #", "###"],
        'P' => ["###", "# #", "###", "#  ", "#  "],
        'Q' => ["###", "# #", "# #", "###", "  #"],
        'R' => ["## ", "# #", "## ", "# #", "# #"],
        'S' => ["###", "#  ", "###", "  #", "###"],
        'U' => ["# #", "# #", "# #", "# #", "###"],
        'V' => ["# #", "# #", "# #", "# #", " # "],
        'W' => ["# #", "# #", "###", "###", "# #"],
        'X' => ["# #", "# #", " # ", "# #", "# #"],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// Rows of the font.
pub const GLYPH_ROWS: usize = 5;

/// Five lines of large text; each ink cell is two columns so the glyphs look square.
pub fn big_lines(text: &str, ascii: bool) -> Vec<String> {
    big_lines_scaled(text, 1, ascii)
}

/// Columns of `text` in large type at `scale`.
pub fn big_width(text: &str, scale: usize) -> usize {
    let n = text.chars().count();
    (n * 6 + n.saturating_sub(1) * 2) * scale
}

/// Large text at `scale`: each ink cell becomes `2·scale` columns by `scale` rows, so a bigger
/// screen (the hall's TV) gets bigger digits. `ascii` draws with `#` for terminals without
/// the block character.
pub fn big_lines_scaled(text: &str, scale: usize, ascii: bool) -> Vec<String> {
    let scale = scale.max(1);
    let ink = if ascii { "#" } else { "█" }.repeat(2 * scale);
    let blank = " ".repeat(2 * scale);
    let gap = " ".repeat(2 * scale);
    (0..GLYPH_ROWS * scale)
        .map(|line| {
            let row = line / scale;
            text.chars()
                .map(|c| {
                    glyph(c.to_ascii_uppercase())[row]
                        .chars()
                        .map(|p| {
                            if p == '#' {
                                ink.as_str()
                            } else {
                                blank.as_str()
                            }
                        })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(&gap)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lines_have_equal_width() {
        let lines = super::big_lines("Z001", true);
        assert_eq!(lines.len(), 5);
        assert!(lines.iter().all(|l| l.len() == lines[0].len()));
        assert_eq!(lines[0].len(), 4 * 6 + 3 * 2);
    }

    #[test]
    fn scaled_lines_grow_both_ways() {
        let lines = super::big_lines_scaled("Y12", 3, true);
        assert_eq!(lines.len(), 15);
        assert!(lines.iter().all(|l| l.len() == super::big_width("Y12", 3)));
        assert_eq!(super::big_width("Y12", 3), (3 * 6 + 2 * 2) * 3);
    }
}
