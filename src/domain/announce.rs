//! Announcements (SPEC §9.1) as data: the kind of a call, why speech failed (stored as a
//! stable code plus a detail, shown in either language), and a window's spoken label.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnnounceKind {
    Call,
    Recall,
}

impl AnnounceKind {
    pub fn code(self) -> &'static str {
        match self {
            AnnounceKind::Call => "call",
            AnnounceKind::Recall => "recall",
        }
    }

    pub fn from_code(code: &str) -> Option<AnnounceKind> {
        match code {
            "call" => Some(AnnounceKind::Call),
            "recall" => Some(AnnounceKind::Recall),
            _ => None,
        }
    }
}

/// Why an announcement could not be spoken. Stored as `code()` + `detail()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeechFailure {
    /// The speech command's program is not installed (its name).
    MissingCommand(String),
    /// The command could not be started for another reason.
    Spawn(String),
    /// The command ended with a non-zero status (the status, and its last line on stderr).
    ExitStatus(String),
    /// The command ran longer than the announcer waits (seconds).
    Timeout(String),
    /// The clip folder has no recording for this word or syllable.
    ClipMissing(String),
    /// A clip could not be read or does not match the others (the file).
    ClipFormat(String),
    /// `announce_command` (or the clip player) is empty or cannot be split into words.
    BadCommand(String),
}

impl SpeechFailure {
    pub fn code(&self) -> &'static str {
        match self {
            SpeechFailure::MissingCommand(_) => "missing_command",
            SpeechFailure::Spawn(_) => "spawn",
            SpeechFailure::ExitStatus(_) => "exit_status",
            SpeechFailure::Timeout(_) => "timeout",
            SpeechFailure::ClipMissing(_) => "clip_missing",
            SpeechFailure::ClipFormat(_) => "clip_format",
            SpeechFailure::BadCommand(_) => "bad_command",
        }
    }

    pub fn detail(&self) -> &str {
        match self {
            SpeechFailure::MissingCommand(d)
            | SpeechFailure::Spawn(d)
            | SpeechFailure::ExitStatus(d)
            | SpeechFailure::Timeout(d)
            | SpeechFailure::ClipMissing(d)
            | SpeechFailure::ClipFormat(d)
            | SpeechFailure::BadCommand(d) => d,
        }
    }

    /// Reads a stored failure back; an unknown code keeps its text as the detail.
    pub fn from_stored(code: &str, detail: &str) -> SpeechFailure {
        let detail = crate::domain::text::sanitize(detail);
        match code {
            "missing_command" => SpeechFailure::MissingCommand(detail),
            "spawn" => SpeechFailure::Spawn(detail),
            "exit_status" => SpeechFailure::ExitStatus(detail),
            "timeout" => SpeechFailure::Timeout(detail),
            "clip_missing" => SpeechFailure::ClipMissing(detail),
            "clip_format" => SpeechFailure::ClipFormat(detail),
            "bad_command" => SpeechFailure::BadCommand(detail),
            other => SpeechFailure::Spawn(format!("{other} {detail}")),
        }
    }
}

/// What became of one announcement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnnounceState {
    /// Not reached yet (no announcer running, or it is busy with earlier ones).
    Pending,
    Speaking,
    Spoken(i64),
    Failed(SpeechFailure),
    /// More than 60 s old when the announcer reached it: not spoken late.
    Skipped,
}

/// The digits of a window code (`W12` -> `12`), for its default label.
pub fn code_digits(code: &str) -> String {
    code.chars().filter(char::is_ascii_digit).collect()
}

/// The window's spoken label: its own, or the default `<digits>号窗口` (`W3` -> `3号窗口`;
/// a code without digits -> `<code>窗口`).
pub fn spoken_label(code: &str, label: Option<&str>) -> String {
    match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(label) => label.to_string(),
        None => {
            let digits = code_digits(code);
            if digits.is_empty() {
                format!("{code}窗口")
            } else {
                format!("{}号窗口", digits.trim_start_matches('0').max("0"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_round_trip() {
        for failure in [
            SpeechFailure::MissingCommand("espeak-ng".into()),
            SpeechFailure::ExitStatus("1: no voice".into()),
            SpeechFailure::Timeout("30".into()),
            SpeechFailure::ClipMissing("窗".into()),
        ] {
            assert_eq!(
                SpeechFailure::from_stored(failure.code(), failure.detail()),
                failure
            );
        }
    }

    #[test]
    fn default_labels() {
        assert_eq!(spoken_label("W1", None), "1号窗口");
        assert_eq!(spoken_label("W12", Some("  ")), "12号窗口");
        assert_eq!(spoken_label("W03", None), "3号窗口");
        assert_eq!(spoken_label("VIP", None), "VIP窗口");
        assert_eq!(spoken_label("W1", Some("综合窗口")), "综合窗口");
    }
}
