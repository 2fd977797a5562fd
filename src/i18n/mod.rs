//! User-facing text in zh-CN and en.
//!
//! New text is written as typed messages: an enum per area (one file in this folder each,
//! e.g. `i18n/board.rs`) whose values carry their parameters, and an implementation of
//! [`Words`] whose `zh` and `en` are each one exhaustive `match`, so a message missing in
//! either language is a compile error. Screens, errors and the status line carry these values
//! and turn them into words only when drawn or printed, so a language switch changes
//! everything at once. (Older code still uses [`Lang::pick`]; it is being moved here.)

pub mod aid;
pub mod aid_fields;
pub mod aid_paper;
pub mod appointment_text;
pub mod appointments;
pub mod board;
pub mod calendar;
pub mod cli;
pub mod codes;
pub mod confirm;
mod db;
pub mod demo;
pub mod drawing;
pub mod figures;
pub mod followup;
pub mod form;
pub mod glossary;
pub mod hints;
pub mod integrity;
pub mod keymap;
pub mod ledger;
pub mod lookup;
pub mod overlay;
pub mod pad;
pub mod pause;
pub mod print;
pub mod queue;
pub mod rating;
pub mod screen;
pub mod service;
pub mod settings;
pub mod status;
pub mod tally;
pub mod visitor;

/// A user-facing message in both languages.
pub trait Words {
    fn zh(&self) -> String;
    fn en(&self) -> String;

    /// The message in `lang`.
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise `LANG`/`LC_ALL` starting with `en` means English; zh-CN is the
    /// default for everything else.
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(flag) = flag {
            return Lang::parse(flag).unwrap_or(Lang::Zh);
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if !value.is_empty() {
                    return if value.to_ascii_lowercase().starts_with("en") {
                        Lang::En
                    } else {
                        Lang::Zh
                    };
                }
            }
        }
        Lang::Zh
    }

    pub fn parse(text: &str) -> Option<Lang> {
        match text.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en_us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// Picks the string of this language.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Lang, Words};
    use std::collections::HashSet;
    use std::fmt::Debug;

    /// Every sample has non-empty, different zh and en text, and the samples cover all
    /// `count` variants of their enum (so a new variant without a sample fails here).
    pub(crate) fn assert_worded<T: Words + Debug>(samples: &[T], count: usize) {
        let variants: HashSet<_> = samples.iter().map(std::mem::discriminant).collect();
        assert_eq!(variants.len(), count, "a variant has no sample");
        for sample in samples {
            let (zh, en) = (sample.text(Lang::Zh), sample.text(Lang::En));
            assert!(!zh.trim().is_empty(), "{sample:?} has no zh");
            assert!(!en.trim().is_empty(), "{sample:?} has no en");
            assert_ne!(zh, en, "{sample:?}");
        }
    }

    /// Both languages say something, each on one line.
    pub(crate) fn assert_both(words: &dyn Words) {
        let (zh, en) = (words.zh(), words.en());
        assert!(
            !zh.trim().is_empty() && !en.trim().is_empty(),
            "{zh:?} {en:?}"
        );
        assert!(!zh.contains('\n') && !en.contains('\n'), "{zh:?} {en:?}");
    }

    /// ... and the English is not the Chinese left untranslated.
    pub(crate) fn assert_translated(words: &dyn Words) {
        assert_both(words);
        assert_ne!(words.zh(), words.en());
    }
}
