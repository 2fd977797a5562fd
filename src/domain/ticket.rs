//! Ticket numbers: a prefix letter and a per-day, per-prefix counter, `Z001`.

/// `Z` + 7 → `Z007`. Past 999 the number simply grows (`Z1000`): never wraps, never reused.
pub fn format_ticket(prefix: char, number: i64) -> String {
    format!("{prefix}{number:03}")
}

/// Splits `Z007` into its prefix and number.
pub fn parse_ticket(ticket: &str) -> Option<(char, i64)> {
    let mut chars = ticket.chars();
    let prefix = chars.next().filter(char::is_ascii_uppercase)?;
    let digits = chars.as_str();
    if digits.len() < 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((prefix, digits.parse().ok()?))
}

/// A ticket as someone typed it at the counter: `z1`, ` Z001 ` and `Z0001` all mean `Z001`.
pub fn from_typed(text: &str) -> Option<String> {
    let text = text.trim().to_ascii_uppercase();
    let mut chars = text.chars();
    let prefix = chars.next().filter(char::is_ascii_uppercase)?;
    let digits = chars.as_str();
    if digits.is_empty() || digits.len() > 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format_ticket(prefix, digits.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_tickets() {
        assert_eq!(from_typed(" z1 ").as_deref(), Some("Z001"));
        assert_eq!(from_typed("Z0012").as_deref(), Some("Z012"));
        assert_eq!(from_typed("Y1234").as_deref(), Some("Y1234"));
        for bad in ["", "Z", "1Z", "ZZ1", "Z1a", "张三", "Z1234567"] {
            assert_eq!(from_typed(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_and_parses() {
        assert_eq!(format_ticket('Z', 1), "Z001");
        assert_eq!(format_ticket('Y', 1234), "Y1234");
        assert_eq!(parse_ticket("Z001"), Some(('Z', 1)));
        assert_eq!(parse_ticket("z001"), None);
        assert_eq!(parse_ticket("Z1"), None);
    }
}
