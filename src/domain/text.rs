//! Text typed or imported by anyone is displayed as text (SPEC §4): control characters and
//! escape sequences never reach the terminal or the printer. Also the field checks of intake,
//! and (in `width`) the one set of width helpers screens and printouts lay text out with.

mod width;

pub use width::{displayable, fit, fit_right, grapheme_width, tail, truncate, width, wrap};

/// Removes every control character (C0, DEL, C1) and the bidirectional overrides and
/// isolates that can reorder what a reader sees. Tabs and newlines become spaces.
pub fn sanitize(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() || is_hidden(c) => None,
            c => Some(c),
        })
        .collect()
}

/// The bidirectional marks, overrides and isolates: invisible, yet they reorder the text
/// around them (a name could show its characters backwards).
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}'
    )
}

/// Why a field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    Empty,
    TooLong { max: usize },
    NotAPhone,
    NotANumber,
    OutOfRange,
}

/// A required or optional free-text field: sanitised, trimmed, at most `max` characters.
pub fn clean_text(input: &str, required: bool, max: usize) -> Result<String, FieldProblem> {
    let clean = sanitize(input).trim().to_string();
    if clean.is_empty() && required {
        return Err(FieldProblem::Empty);
    }
    if clean.chars().count() > max {
        return Err(FieldProblem::TooLong { max });
    }
    Ok(clean)
}

/// A phone number: digits, `+`, `-` and spaces (the ledger format's rule), 3–20 characters.
pub fn clean_phone(input: &str) -> Result<String, FieldProblem> {
    let phone = input.trim();
    if phone.is_empty() {
        return Ok(String::new());
    }
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' '))
    {
        return Err(FieldProblem::NotAPhone);
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !(3..=20).contains(&digits) || phone.chars().count() > 24 {
        return Err(FieldProblem::NotAPhone);
    }
    Ok(phone.to_string())
}

/// A whole number in `min..=max`; empty means `default`.
pub fn clean_count(input: &str, default: i64, min: i64, max: i64) -> Result<i64, FieldProblem> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(default);
    }
    let n: i64 = trimmed.parse().map_err(|_| FieldProblem::NotANumber)?;
    if n < min || n > max {
        return Err(FieldProblem::OutOfRange);
    }
    Ok(n)
}

/// Yuan with up to 2 decimals to integer fen, without ever touching a float.
pub fn parse_yuan(input: &str) -> Result<Option<i64>, FieldProblem> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let (whole, frac) = match trimmed.split_once('.') {
        Some((w, f)) => (w, f),
        None => (trimmed, ""),
    };
    let digits_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty()
        || !digits_ok(whole)
        || !digits_ok(frac)
        || frac.len() > 2
        || whole.len() > 12
    {
        return Err(FieldProblem::NotANumber);
    }
    let yuan: i64 = whole.parse().map_err(|_| FieldProblem::NotANumber)?;
    let fen: i64 = format!("{frac:0<2}")
        .parse()
        .map_err(|_| FieldProblem::NotANumber)?;
    Ok(Some(yuan * 100 + fen))
}

/// Integer fen as a decimal yuan string with 2 decimals: 1234560 → "12345.60".
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_and_controls_are_removed() {
        assert_eq!(sanitize("张\u{1b}[31m三\u{7}"), "张[31m三");
        assert_eq!(sanitize("a\u{0}b\u{9b}c"), "abc");
        assert_eq!(sanitize("x\u{202E}y"), "xy");
        assert_eq!(sanitize("line\nbreak"), "line break");
    }

    #[test]
    fn fields() {
        assert_eq!(clean_text("  ", true, 10), Err(FieldProblem::Empty));
        assert_eq!(
            clean_text("一二三四五六", true, 5),
            Err(FieldProblem::TooLong { max: 5 })
        );
        assert_eq!(clean_phone("138abc"), Err(FieldProblem::NotAPhone));
        assert_eq!(
            clean_phone("+86 138-1234-5678"),
            Ok("+86 138-1234-5678".into())
        );
        assert_eq!(clean_count("", 1, 1, 999), Ok(1));
        assert_eq!(clean_count("0", 1, 1, 999), Err(FieldProblem::OutOfRange));
        assert_eq!(clean_count("x", 1, 1, 999), Err(FieldProblem::NotANumber));
    }

    #[test]
    fn money() {
        assert_eq!(parse_yuan("3200.50"), Ok(Some(320050)));
        assert_eq!(parse_yuan("3200.5"), Ok(Some(320050)));
        assert_eq!(parse_yuan("12"), Ok(Some(1200)));
        assert_eq!(parse_yuan(""), Ok(None));
        assert_eq!(parse_yuan("1.234"), Err(FieldProblem::NotANumber));
        assert_eq!(parse_yuan("-1"), Err(FieldProblem::NotANumber));
        assert_eq!(parse_yuan(".5"), Err(FieldProblem::NotANumber));
        assert_eq!(format_yuan(1234560), "12345.60");
        assert_eq!(format_yuan(5), "0.05");
    }

    proptest! {
        #[test]
        fn sanitized_text_has_no_controls(s in any::<String>()) {
            let clean = sanitize(&s);
            prop_assert!(!clean.chars().any(|c| c.is_control()));
        }

        #[test]
        fn yuan_round_trips(fen in 0i64..100_000_000_000) {
            prop_assert_eq!(parse_yuan(&format_yuan(fen)), Ok(Some(fen)));
        }
    }
}
