//! User-facing text in zh-CN and en. Each language is one value of the `Text` struct, so a
//! string missing from either language is a compile error.

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
