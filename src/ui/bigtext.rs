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
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// Five lines of large text; each ink cell is two columns so the glyphs look square.
pub fn big_lines(text: &str, ascii: bool) -> Vec<String> {
    let ink = if ascii { "##" } else { "██" };
    (0..5)
        .map(|row| {
            text.chars()
                .map(|c| {
                    glyph(c)[row]
                        .chars()
                        .map(|p| if p == '#' { ink } else { "  " })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("  ")
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
}
