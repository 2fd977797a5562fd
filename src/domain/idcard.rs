//! Resident ID numbers (居民身份证, GB 11643): 17 digits, then an ISO 7064 MOD 11-2 check
//! character, with a real birth date in positions 7–14. A failed check is a warning the
//! operator may override, so this returns the problem instead of refusing.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    /// Not 18 characters of digits (and a final X).
    Shape,
    /// The birth date in positions 7–14 is not a real date.
    BirthDate,
    /// The check character does not match; carries the expected one.
    CheckDigit(char),
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Upper-cases a trailing x and trims spaces around the number.
pub fn normalise(raw: &str) -> String {
    raw.trim().to_uppercase()
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &[u32; 17]) -> char {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Validates a normalised 18-character resident ID number.
pub fn validate(id: &str) -> Result<(), IdProblem> {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() != 18 || !chars[..17].iter().all(|c| c.is_ascii_digit()) {
        return Err(IdProblem::Shape);
    }
    let last = chars[17];
    if !(last.is_ascii_digit() || last == 'X') {
        return Err(IdProblem::Shape);
    }
    let birth: String = chars[6..14].iter().collect();
    if NaiveDate::parse_from_str(&birth, "%Y%m%d").is_err() {
        return Err(IdProblem::BirthDate);
    }
    let mut digits = [0u32; 17];
    for (slot, c) in digits.iter_mut().zip(&chars[..17]) {
        *slot = c.to_digit(10).unwrap_or(0);
    }
    let expected = check_char(&digits);
    if expected != last {
        return Err(IdProblem::CheckDigit(expected));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers() {
        // The standard's worked example and a well-known sample number.
        assert_eq!(validate("11010519491231002X"), Ok(()));
        assert_eq!(validate("440524188001010014"), Ok(()));
        assert_eq!(validate("110101199003074514"), Ok(()));
        assert_eq!(
            validate("110101199003074515"),
            Err(IdProblem::CheckDigit('4'))
        );
    }

    #[test]
    fn lower_case_x_is_normalised() {
        assert_eq!(validate(&normalise(" 11010519491231002x ")), Ok(()));
        assert_eq!(validate("11010519491231002x"), Err(IdProblem::Shape));
    }

    #[test]
    fn birth_date_must_exist() {
        // 1990-02-30 does not exist; fix the check digit so only the date is wrong.
        let mut digits = [0u32; 17];
        for (d, c) in digits.iter_mut().zip("11010119900230123".chars()) {
            *d = c.to_digit(10).unwrap();
        }
        let id = format!("11010119900230123{}", check_char(&digits));
        assert_eq!(validate(&id), Err(IdProblem::BirthDate));
    }

    #[test]
    fn wrong_shapes() {
        for bad in [
            "",
            "123",
            "1101051949123100XX",
            "11010519491231002Y",
            "1101051949123100２X",
        ] {
            assert_eq!(validate(bad), Err(IdProblem::Shape), "{bad}");
        }
    }

    proptest! {
        /// Changing any one digit of a valid number is always caught (MOD 11-2 property).
        #[test]
        fn single_digit_errors_are_caught(pos in 0usize..17, delta in 1u32..10) {
            let valid = "110101199003074514";
            let mut chars: Vec<char> = valid.chars().collect();
            let d = chars[pos].to_digit(10).unwrap();
            chars[pos] = char::from_digit((d + delta) % 10, 10).unwrap();
            let changed: String = chars.into_iter().collect();
            prop_assert!(validate(&changed).is_err());
        }

        /// Arbitrary text never panics.
        #[test]
        fn never_panics(s in ".{0,40}") {
            let _ = validate(&normalise(&s));
        }
    }
}
