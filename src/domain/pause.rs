//! Window pause reasons (暂停服务, SPEC §2). The codes are stable identifiers; the words are
//! in `i18n::pause`.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PauseReason {
    Break,
    Meeting,
    Outreach,
    Other,
}

impl PauseReason {
    pub const ALL: &'static [PauseReason] = &[
        PauseReason::Break,
        PauseReason::Meeting,
        PauseReason::Outreach,
        PauseReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PauseReason::Break => "break",
            PauseReason::Meeting => "meeting",
            PauseReason::Outreach => "outreach",
            PauseReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<PauseReason> {
        PauseReason::ALL.iter().copied().find(|r| r.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for reason in PauseReason::ALL {
            assert_eq!(PauseReason::from_code(reason.code()), Some(*reason));
        }
        assert_eq!(PauseReason::from_code("lunch"), None);
    }
}
