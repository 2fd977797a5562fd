//! Display masking of personal data (SPEC §4): shown masked by default everywhere.

/// `110101********123X`: first 6 and last 4 characters kept.
pub fn mask_id(id: &str) -> String {
    mask_middle(id, 6, 4)
}

/// `138****5678`: first 3 and last 4 digits kept.
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone, 3, 4)
}

/// `张*`: the first character (a whole grapheme cluster, so an emoji or an accented letter is
/// never split) and one `*`, whatever the length, so the mask does not give the length away
/// (SPEC §4). An empty name stays empty.
pub fn mask_name(name: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    match name.graphemes(true).next() {
        None => String::new(),
        Some(first) => format!("{first}*"),
    }
}

fn mask_middle(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= head + tail {
        // Too short to keep both ends: keep nothing readable but its length.
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..head].iter().collect();
    out.extend(std::iter::repeat_n('*', chars.len() - head - tail));
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spec_examples() {
        assert_eq!(mask_id("11010119900307123X"), "110101********123X");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("张"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧*");
        assert_eq!(mask_name("黄某某某某某某某"), "黄*");
        assert_eq!(mask_name(""), "");
        // A first character made of several code points is kept whole.
        assert_eq!(mask_name("e\u{301}lise"), "e\u{301}*");
        assert_eq!(mask_name("❤\u{fe0f}小红"), "❤\u{fe0f}*");
        assert_eq!(mask_phone("1234"), "****");
    }

    proptest! {
        /// Names of any length mask to the same shape: the length is never shown.
        #[test]
        fn masked_name_hides_the_length(first in "[\\u{4e00}-\\u{9fff}a-zA-Z]", rest in "[\\u{4e00}-\\u{9fff}a-zA-Z]{0,20}") {
            let name = format!("{first}{rest}");
            prop_assert_eq!(mask_name(&name), format!("{first}*"));
        }

        #[test]
        fn masked_phone_never_shows_the_middle(p in "[0-9]{8,15}") {
            let m = mask_phone(&p);
            prop_assert_eq!(m.chars().count(), p.chars().count());
            prop_assert!(m.chars().skip(3).take(p.len() - 7).all(|c| c == '*'));
        }
    }
}
