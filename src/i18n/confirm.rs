//! Yes/no questions whose words depend on who is asked.

use super::Words;

/// The question under a conflict hint: the front desk calls a ticket, a desk picks a
/// referral up (接办), so each is asked in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictQuestion {
    Call,
    PickUp,
}

impl Words for ConflictQuestion {
    fn zh(&self) -> String {
        match self {
            ConflictQuestion::Call => "仍要叫号吗？Enter 叫号，Esc 放弃".into(),
            ConflictQuestion::PickUp => "仍要接办吗？Enter 接办，Esc 放弃".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            ConflictQuestion::Call => "Call it anyway? Enter to call, Esc to leave it".into(),
            ConflictQuestion::PickUp => {
                "Pick it up anyway? Enter to pick up, Esc to leave it".into()
            }
        }
    }
}
