//! The words of an announcement (SPEC §9.1): the template filled in with the ticket spelled as
//! the board shows it (`Z001` -> `Z零零一`, 一 or 幺 by `announce_yao`) and the window's label
//! read as a number (`12号窗口` -> `十二号窗口`); and the same words as numbered pinyin for
//! espeak-ng's `cmn-latn-pinyin` voice (`-v cmn` would read tone digits as English numbers).

use pinyin::ToPinyin;

/// An announcement in characters (for `{text}` and clips) and in numbered pinyin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spoken {
    pub text: String,
    pub pinyin: String,
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn digit(d: u32, yao: bool) -> char {
    if d == 1 && yao {
        '幺'
    } else {
        DIGITS[d as usize % 10]
    }
}

/// A ticket digit by digit, letters as they are: `Z001` -> `Z零零一` (`Z零零幺` with yao).
pub fn spell_ticket(ticket: &str, yao: bool) -> String {
    ticket
        .chars()
        .filter_map(|c| match c.to_digit(10) {
            Some(d) => Some(digit(d, yao)),
            None if c.is_ascii_alphabetic() => Some(c.to_ascii_uppercase()),
            None => None,
        })
        .collect()
}

/// A number read as a number (`12` -> `十二`, `105` -> `一百零五`); past 9999 digit by digit.
pub fn cardinal(n: u64) -> String {
    if n > 9999 {
        return n
            .to_string()
            .chars()
            .filter_map(|c| c.to_digit(10))
            .map(|d| digit(d, false))
            .collect();
    }
    if n == 0 {
        return "零".into();
    }
    if (10..20).contains(&n) {
        // 十, 十二: the leading 一 is not said.
        let ones = n % 10;
        return if ones == 0 {
            "十".into()
        } else {
            format!("十{}", digit(ones as u32, false))
        };
    }
    let units = ['千', '百', '十'];
    let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero_pending = false;
    for (i, d) in parts.iter().enumerate() {
        if *d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push(digit(*d as u32, false));
        if i < 3 {
            out.push(units[i]);
        }
    }
    out
}

/// A window label with each run of digits read as a number: `12号窗口` -> `十二号窗口`.
pub fn spell_label(label: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if !run.is_empty() {
            out.push_str(&cardinal(run.parse().unwrap_or(0)));
            run.clear();
        }
    };
    for c in label.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// How Chinese speakers say Latin letters, in numbered pinyin (ticket prefixes: Z, Y, G, T, D).
fn letter(c: char) -> &'static str {
    match c.to_ascii_uppercase() {
        'A' => "ei1",
        'B' => "bi4",
        'C' => "xi1",
        'D' => "di4",
        'E' => "yi4",
        'F' => "ai2 fu5",
        'G' => "ji4",
        'H' => "ai1 qi1",
        'I' => "ai4",
        'J' => "jie4",
        'K' => "kai4",
        'L' => "ai2 le5",
        'M' => "ai2 mu5",
        'N' => "en1",
        'O' => "ou1",
        'P' => "pi4",
        'Q' => "qiu1",
        'R' => "a4",
        'S' => "ai2 si1",
        'T' => "ti4",
        'U' => "you1",
        'V' => "wei1",
        'W' => "da2 bu5 liu5",
        'X' => "ai2 ke4 si1",
        'Y' => "wai4",
        _ => "zei4",
    }
}

/// Numbered pinyin, syllables separated by spaces; punctuation becomes a comma (a pause) and
/// anything unpronounceable is left out. A neutral tone gets its number 5, which the voice
/// needs (without it, `de` is read in the first tone).
pub fn to_pinyin(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for c in text.chars() {
        if let Some(p) = c.to_pinyin() {
            let mut syllable = p.with_tone_num_end().to_string();
            if !syllable.ends_with(|c: char| c.is_ascii_digit()) {
                syllable.push('5');
            }
            words.push(syllable);
        } else if c.is_ascii_alphabetic() {
            words.push(letter(c).into());
        } else if let Some(d) = c.to_digit(10) {
            if let Some(p) = digit(d, false).to_pinyin() {
                words.push(p.with_tone_num_end().into());
            }
        } else if "，。、,.!！?？;；:：".contains(c) && words.last().is_some_and(|w| w != ",")
        {
            words.push(",".into());
        }
    }
    while words.last().is_some_and(|w| w == ",") {
        words.pop();
    }
    words.join(" ").replace(" ,", ",")
}

/// The announcement of `ticket` at the window labelled `label`, from `template`.
pub fn announcement(template: &str, ticket: &str, label: &str, yao: bool) -> Spoken {
    let text = template
        .replace("{ticket}", &spell_ticket(ticket, yao))
        .replace("{window}", &spell_label(label));
    let text = crate::domain::text::sanitize(&text);
    let pinyin = to_pinyin(&text);
    Spoken { text, pinyin }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_are_spelled_as_shown() {
        assert_eq!(spell_ticket("Z001", false), "Z零零一");
        assert_eq!(spell_ticket("Z001", true), "Z零零幺");
        assert_eq!(spell_ticket("Y1234", false), "Y一二三四");
    }

    #[test]
    fn numbers_read_as_numbers() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
            (2020, "二千零二十"),
        ];
        for (n, words) in cases {
            assert_eq!(cardinal(n), words, "{n}");
        }
        assert_eq!(spell_label("12号窗口"), "十二号窗口");
        assert_eq!(spell_label("综合窗口"), "综合窗口");
    }

    #[test]
    fn the_default_announcement_in_pinyin() {
        let spoken = announcement("请{ticket}号到{window}办理", "Z001", "1号窗口", false);
        assert_eq!(spoken.text, "请Z零零一号到一号窗口办理");
        assert_eq!(
            spoken.pinyin,
            "qing3 zei4 ling2 ling2 yi1 hao4 dao4 yi1 hao4 chuang1 kou3 ban4 li3"
        );
        let yao = announcement("请{ticket}号到{window}办理", "Z001", "1号窗口", true);
        assert!(
            yao.pinyin.contains("ling2 ling2 yao1 hao4"),
            "{}",
            yao.pinyin
        );
    }

    #[test]
    fn punctuation_pauses_and_neutral_tones_are_numbered() {
        assert_eq!(to_pinyin("请，到了。"), "qing3, dao4 le5");
        assert_eq!(to_pinyin("[31m"), "san1 yi1 ai2 mu5");
    }
}
