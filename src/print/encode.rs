//! Output encodings: UTF-8, or GB18030 for Chinese receipt printers. A character the
//! encoding cannot carry is an error naming it and its line, never a silent `?` on paper.

use crate::i18n::{Lang, Words};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
}

impl Encoding {
    pub fn parse(text: &str) -> Option<Encoding> {
        match text.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gb18030" | "gb-18030" => Some(Encoding::Gb18030),
            _ => None,
        }
    }
}

/// A character that cannot be encoded, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmappable {
    pub line: usize,
    pub ch: char,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError(pub Vec<Unmappable>);

impl EncodeError {
    pub fn message(&self, lang: Lang) -> String {
        let list: Vec<String> = self
            .0
            .iter()
            .take(10)
            .map(|u| format!("U+{:04X}@{}", u.ch as u32, u.line))
            .collect();
        crate::i18n::print::PrintMsg::Unencodable {
            count: self.0.len(),
            list: list.join(", "),
        }
        .text(lang)
    }
}

/// Encodes `text`, or lists every character the encoding cannot carry.
pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>, EncodeError> {
    match encoding {
        Encoding::Utf8 => Ok(text.as_bytes().to_vec()),
        Encoding::Gb18030 => {
            let (bytes, _, had_errors) = encoding_rs::GB18030.encode(text);
            if !had_errors {
                return Ok(bytes.into_owned());
            }
            Err(EncodeError(unmappable(text)))
        }
    }
}

/// Finds the characters GB18030 cannot carry, one by one (only on the error path).
fn unmappable(text: &str) -> Vec<Unmappable> {
    let mut found = Vec::new();
    let mut buf = [0u8; 4];
    for (index, line) in text.lines().enumerate() {
        for ch in line.chars() {
            let (_, _, bad) = encoding_rs::GB18030.encode(ch.encode_utf8(&mut buf));
            if bad {
                found.push(Unmappable {
                    line: index + 1,
                    ch,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_encodes_and_private_use_gap_does_not() {
        assert_eq!(
            encode("中文", Encoding::Gb18030).unwrap(),
            vec![0xD6, 0xD0, 0xCE, 0xC4]
        );
        let err = encode("第一行\n中\u{E5E5}文", Encoding::Gb18030).unwrap_err();
        assert_eq!(
            err.0,
            vec![Unmappable {
                line: 2,
                ch: '\u{E5E5}'
            }]
        );
        assert!(err.message(Lang::Zh).contains("U+E5E5@2"));
    }
}
