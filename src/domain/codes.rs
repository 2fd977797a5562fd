//! The stable codes of SPEC §2. Each code enum knows its wire code (used in the database,
//! CSV, JSON and keymaps); its zh-CN and English labels are in `i18n/codes.rs`, one
//! exhaustive match per language, so a new variant without both labels does not compile.

/// Declares a code enum: `Variant = "code";` rows, with `ALL`, `code`, `from_code`, `Display`
/// and SQL conversions (an unknown stored code is an error).
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal;)+ }) => {
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

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.code()))
            }
        }

        /// A stored code this binary does not know is an error, never a silent default.
        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                Self::from_code(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(Box::new(UnknownCode {
                        kind: stringify!($name),
                        code: text.to_owned(),
                    }))
                })
            }
        }
    };
}

/// A code read from the database that is not one of its enum's codes.
#[derive(Debug, thiserror::Error)]
#[error("unknown {kind} code {code:?} in the database")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}

code_enum!(
    /// 服务事项.
    Service {
        Consult = "consult";
        LegalAid = "legal_aid";
        Notary = "notary";
        Mediation = "mediation";
        Drafting = "drafting";
    }
);

impl Service {
    /// The default ticket prefix of the service (SPEC §2).
    pub fn prefix(self) -> char {
        match self {
            Service::Consult => 'Z',
            Service::LegalAid => 'Y',
            Service::Notary => 'G',
            Service::Mediation => 'T',
            Service::Drafting => 'D',
        }
    }

    /// The outcome codes specific to this service, in menu order (without `referred` and
    /// `returned`, which every service has).
    pub fn own_outcomes(self) -> &'static [Outcome] {
        use Outcome::*;
        match self {
            Service::Consult => &[Answered, AdvisedRoute, External, Callback],
            Service::LegalAid => &[
                ApplicationAccepted,
                Supplement,
                NotEligible,
                AdviceOnly,
                Withdrawn,
            ],
            Service::Notary => &[Accepted, Supplement, AdviceOnly, Declined],
            Service::Mediation => &[AgreementWritten, AgreementOral, Failed, Refused, Ongoing],
            Service::Drafting => &[Drafted, DraftDeclined],
        }
    }

    /// Every outcome a done step of this service may carry: its own plus referred/returned.
    pub fn outcomes(self) -> Vec<Outcome> {
        let mut all = self.own_outcomes().to_vec();
        all.push(Outcome::Referred);
        all.push(Outcome::Returned);
        all
    }

    pub fn allows_outcome(self, outcome: Outcome) -> bool {
        matches!(outcome, Outcome::Referred | Outcome::Returned)
            || self.own_outcomes().contains(&outcome)
    }

    /// Desks that collect an ID number (SPEC §3): never a plain consultation.
    pub fn needs_id(self) -> bool {
        matches!(
            self,
            Service::LegalAid | Service::Notary | Service::Mediation
        )
    }
}

code_enum!(
    /// 来源渠道.
    Channel {
        WalkIn = "walk_in";
        Hotline = "hotline";
        Online = "online";
        Appointment = "appointment";
        ReferralIn = "referral_in";
        Outreach = "outreach";
    }
);

code_enum!(
    /// 优先通道. Every lane but `normal` is a priority lane.
    Lane {
        Normal = "normal";
        Elderly = "elderly";
        Disabled = "disabled";
        Minor = "minor";
        Military = "military";
        MigrantWorker = "migrant_worker";
        DvVictim = "dv_victim";
        MartyrFamily = "martyr_family";
        GoodSamaritan = "good_samaritan";
    }
);

impl Lane {
    pub fn is_priority(self) -> bool {
        self != Lane::Normal
    }
}

code_enum!(
    /// 事项类型.
    Matter {
        Labor = "labor";
        Family = "family";
        Inheritance = "inheritance";
        Neighbor = "neighbor";
        Property = "property";
        Contract = "contract";
        Traffic = "traffic";
        Medical = "medical";
        Injury = "injury";
        Consumer = "consumer";
        Criminal = "criminal";
        Administrative = "administrative";
        Other = "other";
    }
);

code_enum!(
    /// 办理结果. `DraftDeclined` is the drafting desk's `declined`; see `Outcome::code`.
    Outcome {
        Answered = "answered";
        AdvisedRoute = "advised_route";
        External = "external";
        Callback = "callback";
        ApplicationAccepted = "application_accepted";
        Supplement = "supplement";
        NotEligible = "not_eligible";
        AdviceOnly = "advice_only";
        Withdrawn = "withdrawn";
        Accepted = "accepted";
        Declined = "declined";
        AgreementWritten = "agreement_written";
        AgreementOral = "agreement_oral";
        Failed = "failed";
        Refused = "refused";
        Ongoing = "ongoing";
        Drafted = "drafted";
        DraftDeclined = "draft_declined";
        Referred = "referred";
        Returned = "returned";
    }
);

impl Outcome {
    /// The wire code as the spec spells it: the drafting desk's refusal is `declined` too.
    pub fn wire_code(self) -> &'static str {
        match self {
            Outcome::DraftDeclined => "declined",
            other => other.code(),
        }
    }

    /// Reads an outcome code in the context of a service (needed because `declined` means
    /// different things at the notary and drafting desks).
    pub fn for_service(service: Service, code: &str) -> Option<Outcome> {
        let outcome = match (service, code) {
            (Service::Drafting, "declined") => Outcome::DraftDeclined,
            (_, "draft_declined") => return None,
            _ => Outcome::from_code(code)?,
        };
        service.allows_outcome(outcome).then_some(outcome)
    }

    /// Outcomes after which the visit moves on to another step.
    pub fn creates_next_step(self) -> bool {
        matches!(self, Outcome::Referred | Outcome::Returned)
    }
}

code_enum!(
    /// 退回原因.
    ReturnReason {
        WrongDesk = "wrong_desk";
        OutOfScope = "out_of_scope";
        Means = "means";
        Conflict = "conflict";
        Duplicate = "duplicate";
        DeclinedByVisitor = "declined_by_visitor";
        Other = "other";
    }
);

code_enum!(
    /// 服务评价 (政务服务"好差评", five levels, best first). A three-level register uses the
    /// middle three codes, which keep their meaning.
    Rating {
        VerySatisfied = "very_satisfied";
        Satisfied = "satisfied";
        Basic = "basic";
        Unsatisfied = "unsatisfied";
        VeryUnsatisfied = "very_unsatisfied";
    }
);

impl Rating {
    /// The national scale's number: 5 (非常满意) down to 1 (非常不满意).
    pub fn level(self) -> u8 {
        match self {
            Rating::VerySatisfied => 5,
            Rating::Satisfied => 4,
            Rating::Basic => 3,
            Rating::Unsatisfied => 2,
            Rating::VeryUnsatisfied => 1,
        }
    }

    pub fn from_level(level: u8) -> Option<Rating> {
        Rating::ALL.iter().copied().find(|r| r.level() == level)
    }

    /// Levels 1 and 2 are a 差评: they need a reason and open a follow-up (SPEC §9.4).
    pub fn is_poor(self) -> bool {
        self.level() <= 2
    }

    /// The three-level roll-up bureaus still report: 非常满意 counts as 满意, 非常不满意 as
    /// 不满意.
    pub fn roll_up(self) -> Rating {
        match self {
            Rating::VerySatisfied | Rating::Satisfied => Rating::Satisfied,
            Rating::Basic => Rating::Basic,
            Rating::Unsatisfied | Rating::VeryUnsatisfied => Rating::Unsatisfied,
        }
    }
}

code_enum!(
    /// Who gave a rating: the visitor on the rating pad, or staff on the visitor's word.
    RatingBy {
        Pad = "pad";
        Staff = "staff";
    }
);

code_enum!(
    /// Why a rating of 1–2 was given (差评原因).
    RatingReason {
        Attitude = "attitude";
        Efficiency = "efficiency";
        Competence = "competence";
        Environment = "environment";
        Other = "other";
    }
);

code_enum!(
    /// How a 差评 follow-up (回访整改) was closed.
    FollowUpOutcome {
        Corrected = "corrected";
        Explained = "explained";
        Appealed = "appealed";
    }
);

code_enum!(
    /// Step states (SPEC §3).
    StepStatus {
        Waiting = "waiting";
        Called = "called";
        Serving = "serving";
        OnHold = "on_hold";
        Done = "done";
        NoShow = "no_show";
        Cancelled = "cancelled";
        Unfinished = "unfinished";
    }
);

impl StepStatus {
    /// States a day close turns into `unfinished`.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            StepStatus::Waiting | StepStatus::Called | StepStatus::Serving | StepStatus::OnHold
        )
    }
}

code_enum!(
    /// Staff roles (SPEC §1).
    Role {
        FrontDesk = "front_desk";
        DutyLawyer = "duty_lawyer";
        Notary = "notary";
        Mediator = "mediator";
        Supervisor = "supervisor";
    }
);

impl Role {
    /// The service whose referrals a desk role picks up; `None` for front desk and supervisor.
    pub fn desk_service(self) -> Option<Service> {
        match self {
            Role::DutyLawyer => Some(Service::LegalAid),
            Role::Notary => Some(Service::Notary),
            Role::Mediator => Some(Service::Mediation),
            Role::FrontDesk | Role::Supervisor => None,
        }
    }
}

code_enum!(
    /// Identity document types.
    IdType {
        ResidentId = "resident_id";
        Passport = "passport";
        HkMacaoPermit = "hk_macao_permit";
        TaiwanPermit = "taiwan_permit";
        ForeignPermit = "foreign_permit";
        Other = "other";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_code_reads_back_and_an_unknown_one_is_an_error() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let read = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, Service>(0));
        assert_eq!(read("SELECT 'notary'").unwrap(), Service::Notary);
        let err = read("SELECT 'consultation'").unwrap_err().to_string();
        assert!(err.contains("consultation"), "{err}");
        assert!(read("SELECT 3").is_err());
        let stored: String = conn
            .query_row("SELECT ?1", [Service::LegalAid], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, "legal_aid");
    }

    #[test]
    fn codes_round_trip() {
        for s in Service::ALL {
            assert_eq!(Service::from_code(s.code()), Some(*s));
        }
        for l in Lane::ALL {
            assert_eq!(Lane::from_code(l.code()), Some(*l));
        }
        assert_eq!(Matter::ALL.len(), 13);
        assert_eq!(Channel::ALL.len(), 6);
        assert_eq!(Lane::ALL.len(), 9);
    }

    #[test]
    fn declined_means_the_desk_it_was_said_at() {
        assert_eq!(
            Outcome::for_service(Service::Notary, "declined"),
            Some(Outcome::Declined)
        );
        assert_eq!(
            Outcome::for_service(Service::Drafting, "declined"),
            Some(Outcome::DraftDeclined)
        );
        assert_eq!(Outcome::DraftDeclined.wire_code(), "declined");
        assert_eq!(Outcome::for_service(Service::Consult, "declined"), None);
        assert_eq!(
            Outcome::for_service(Service::Consult, "referred"),
            Some(Outcome::Referred)
        );
        assert_eq!(
            Outcome::for_service(Service::Consult, "agreement_oral"),
            None
        );
    }

    #[test]
    fn five_rating_levels_roll_up_to_three() {
        let levels: Vec<u8> = Rating::ALL.iter().map(|r| r.level()).collect();
        assert_eq!(levels, [5, 4, 3, 2, 1]);
        for level in 1..=5 {
            assert_eq!(Rating::from_level(level).map(Rating::level), Some(level));
        }
        assert_eq!(Rating::from_level(0), None);
        assert_eq!(Rating::from_level(6), None);
        // The three-level codes of old registers are still codes, with their old meaning.
        for code in ["satisfied", "basic", "unsatisfied"] {
            let rating = Rating::from_code(code).unwrap();
            assert_eq!(rating.roll_up(), rating);
        }
        assert_eq!(Rating::VerySatisfied.roll_up(), Rating::Satisfied);
        assert_eq!(Rating::VeryUnsatisfied.roll_up(), Rating::Unsatisfied);
        let poor: Vec<Rating> = Rating::ALL
            .iter()
            .copied()
            .filter(|r| r.is_poor())
            .collect();
        assert_eq!(poor, [Rating::Unsatisfied, Rating::VeryUnsatisfied]);
    }

    #[test]
    fn only_normal_is_not_priority() {
        assert_eq!(Lane::ALL.iter().filter(|l| !l.is_priority()).count(), 1);
    }
}
