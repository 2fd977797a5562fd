//! Legal-aid applications (法律援助法 Art. 43, 44; SPEC §10): their states, the reasons and
//! grounds the desk records, the materials it can ask for, and the state machine.

/// Declares a code enum: `Variant = "code"`. Words for it live in `i18n::aid`.
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

codes!(
    /// The state of an application (SPEC §2).
    AidState {
        Pending = "pending",
        Supplementing = "supplementing",
        Granted = "granted",
        Assigned = "assigned",
        Refused = "refused",
        Withdrawn = "withdrawn",
    }
);

codes!(
    /// Why aid is refused (不予法律援助).
    RefusalReason {
        Means = "means",
        OutOfScope = "out_of_scope",
        NoBasis = "no_basis",
        Other = "other",
    }
);

codes!(
    /// The ground of 先行提供法律援助 (Art. 44).
    AdvanceGround {
        Deadline = "deadline",
        Preservation = "preservation",
        Other = "other",
    }
);

codes!(
    /// Materials an applicant may be told to bring (一次性告知), after the documents the
    /// procedure rules list: the application form, proof of identity (and of the agent's
    /// authority), the statement of financial hardship, and the materials of the matter.
    Material {
        ApplicationForm = "application_form",
        IdDocument = "id_document",
        AgentAuthority = "agent_authority",
        MeansStatement = "means_statement",
        CaseMaterials = "case_materials",
    }
);

impl AidState {
    /// Still awaiting the decision (the clock runs, or is paused for supplementing).
    pub fn awaiting_decision(self) -> bool {
        matches!(self, AidState::Pending | AidState::Supplementing)
    }

    /// Still on the desk's list: awaiting a decision or, once granted, an assignment.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            AidState::Pending | AidState::Supplementing | AidState::Granted
        )
    }
}

/// What the desk (or the lapse of a supplement deadline) does to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AidEvent {
    RequestSupplement,
    MaterialsReceived,
    /// The supplement deadline passed without the materials: 视为撤回.
    Lapse,
    Grant,
    Refuse,
    Assign,
    Withdraw,
    /// 先行提供: recorded on an application awaiting its decision; the state stays.
    MarkAdvance,
}

impl AidEvent {
    /// The audit log's name of the event.
    pub fn name(self) -> &'static str {
        match self {
            AidEvent::RequestSupplement => "aid_supplement",
            AidEvent::MaterialsReceived => "aid_materials",
            AidEvent::Lapse => "aid_lapse",
            AidEvent::Grant => "aid_grant",
            AidEvent::Refuse => "aid_refuse",
            AidEvent::Assign => "aid_assign",
            AidEvent::Withdraw => "aid_withdraw",
            AidEvent::MarkAdvance => "aid_advance",
        }
    }
}

/// A move the state machine does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefusedAidMove {
    pub from: AidState,
    pub event: AidEvent,
}

/// The state machine of SPEC §10. A decision is made on a complete application (pending);
/// materials are asked for once (一次性告知: the service refuses a second request); the
/// applicant may withdraw until a lawyer is assigned.
pub fn aid_transition(from: AidState, event: AidEvent) -> Result<AidState, RefusedAidMove> {
    use AidEvent as E;
    use AidState as S;
    let to = match (from, event) {
        (S::Pending, E::RequestSupplement) => S::Supplementing,
        (S::Supplementing, E::MaterialsReceived) => S::Pending,
        (S::Supplementing, E::Lapse) => S::Withdrawn,
        (S::Pending, E::Grant) => S::Granted,
        (S::Pending, E::Refuse) => S::Refused,
        (S::Granted, E::Assign) => S::Assigned,
        (S::Pending | S::Supplementing | S::Granted, E::Withdraw) => S::Withdrawn,
        (S::Pending | S::Supplementing, E::MarkAdvance) => from,
        _ => return Err(RefusedAidMove { from, event }),
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in AidState::ALL {
            assert_eq!(AidState::from_code(s.code()), Some(*s));
        }
        for r in RefusalReason::ALL {
            assert_eq!(RefusalReason::from_code(r.code()), Some(*r));
        }
        for g in AdvanceGround::ALL {
            assert_eq!(AdvanceGround::from_code(g.code()), Some(*g));
        }
        assert_eq!(AidState::from_code("decided"), None);
    }

    #[test]
    fn the_machine() {
        use AidEvent as E;
        use AidState as S;
        assert_eq!(aid_transition(S::Pending, E::Grant), Ok(S::Granted));
        assert_eq!(aid_transition(S::Granted, E::Assign), Ok(S::Assigned));
        assert_eq!(
            aid_transition(S::Pending, E::RequestSupplement),
            Ok(S::Supplementing)
        );
        assert_eq!(
            aid_transition(S::Supplementing, E::MaterialsReceived),
            Ok(S::Pending)
        );
        assert_eq!(aid_transition(S::Supplementing, E::Lapse), Ok(S::Withdrawn));
        assert_eq!(aid_transition(S::Pending, E::MarkAdvance), Ok(S::Pending));
        assert!(aid_transition(S::Supplementing, E::Grant).is_err());
        assert!(aid_transition(S::Pending, E::Assign).is_err());
        assert!(aid_transition(S::Refused, E::Withdraw).is_err());
        assert!(aid_transition(S::Assigned, E::Withdraw).is_err());
        assert!(aid_transition(S::Granted, E::Refuse).is_err());
        assert!(aid_transition(S::Granted, E::MarkAdvance).is_err());
        for event in [E::Grant, E::Refuse, E::Assign, E::Withdraw, E::Lapse] {
            assert!(aid_transition(S::Withdrawn, event).is_err());
        }
    }
}
