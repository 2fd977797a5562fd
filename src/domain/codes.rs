//! The stable codes of SPEC §2. Each code enum knows its wire code (used in the database,
//! CSV, JSON and keymaps) and its zh-CN and English labels. The macro keeps the three in one
//! row so a new variant cannot be added without all of them.

use crate::i18n::glossary::Term;
use crate::i18n::Lang;

/// Declares a code enum: `Variant = "code", "中文", "English"` (the labels may be glossary
/// words, `Term::NoShow.state(Lang::Zh)`, where the code names one of the hall's terms).
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal, $zh:expr, $en:expr;)+ }) => {
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

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::Zh) => $zh, ($name::$variant, Lang::En) => $en,)+
                }
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
        Consult = "consult", "法律咨询", "Consultation";
        LegalAid = "legal_aid", "法律援助", "Legal aid";
        Notary = "notary", "公证", "Notary";
        Mediation = "mediation", "人民调解", "Mediation";
        Drafting = "drafting", "代书", "Drafting";
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
        WalkIn = "walk_in", "现场", "Walk-in";
        Hotline = "hotline", "12348热线", "12348 hotline";
        Online = "online", "网上", "Online";
        Appointment = "appointment", "预约", "Appointment";
        ReferralIn = "referral_in", "外部转入", "Referred in";
        Outreach = "outreach", "上门服务", "Outreach";
    }
);

code_enum!(
    /// 优先通道. Every lane but `normal` is a priority lane.
    Lane {
        Normal = "normal", "普通", "Normal";
        Elderly = "elderly", "老年人", "Elderly";
        Disabled = "disabled", "残疾人", "Disabled";
        Minor = "minor", "未成年人", "Minor";
        Military = "military", "军人军属", "Military";
        MigrantWorker = "migrant_worker", "农民工", "Migrant worker";
        DvVictim = "dv_victim", "家暴受害人", "DV victim";
        MartyrFamily = "martyr_family", "英烈近亲属", "Martyr family";
        GoodSamaritan = "good_samaritan", "见义勇为", "Good Samaritan";
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
        Labor = "labor", "劳动争议/欠薪", "Labour/wages";
        Family = "family", "婚姻家庭", "Family";
        Inheritance = "inheritance", "继承", "Inheritance";
        Neighbor = "neighbor", "邻里", "Neighbours";
        Property = "property", "土地房屋", "Land/housing";
        Contract = "contract", "合同借贷", "Contract/loans";
        Traffic = "traffic", "交通事故", "Traffic accident";
        Medical = "medical", "医疗纠纷", "Medical dispute";
        Injury = "injury", "人身损害", "Personal injury";
        Consumer = "consumer", "消费", "Consumer";
        Criminal = "criminal", "刑事", "Criminal";
        Administrative = "administrative", "行政", "Administrative";
        Other = "other", "其他", "Other";
    }
);

code_enum!(
    /// 办理结果. `DraftDeclined` is the drafting desk's `declined`; see `Outcome::code`.
    Outcome {
        Answered = "answered", "当场解答", "Answered";
        AdvisedRoute = "advised_route", "告知途径", "Advised route";
        External = "external", "转外部机关", "External body";
        Callback = "callback", "留言待回复", "Callback";
        ApplicationAccepted = "application_accepted", "受理申请", "Application accepted";
        Supplement = "supplement", "待补材料", "Documents pending";
        NotEligible = "not_eligible", "不符合条件", "Not eligible";
        AdviceOnly = "advice_only", "仅咨询", "Advice only";
        Withdrawn = "withdrawn", "撤回", "Withdrawn";
        Accepted = "accepted", "受理", "Accepted";
        Declined = "declined", "不予办理", "Declined";
        AgreementWritten = "agreement_written", "调解成功(书面)", "Agreement (written)";
        AgreementOral = "agreement_oral", "调解成功(口头)", "Agreement (oral)";
        Failed = "failed", "调解不成", "Failed";
        Refused = "refused", "一方拒绝调解", "Refused";
        Ongoing = "ongoing", "已受理待续", "Ongoing";
        Drafted = "drafted", "代书完成", "Drafted";
        DraftDeclined = "draft_declined", "拒绝代书", "Declined to draft";
        Referred = "referred", Term::Refer.state(Lang::Zh), Term::Refer.state(Lang::En);
        Returned = "returned", Term::Return.state(Lang::Zh), Term::Return.state(Lang::En);
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
        WrongDesk = "wrong_desk", "错分", "Wrong desk";
        OutOfScope = "out_of_scope", "不属受理范围", "Out of scope";
        Means = "means", "经济状况不符", "Means test failed";
        Conflict = "conflict", "利益冲突", "Conflict of interest";
        Duplicate = "duplicate", "重复", "Duplicate";
        DeclinedByVisitor = "declined_by_visitor", "当事人放弃", "Declined by visitor";
        Other = "other", "其他", "Other";
    }
);

code_enum!(
    /// 服务评价 (政务服务"好差评", five levels, best first). A three-level register uses the
    /// middle three codes, which keep their meaning.
    Rating {
        VerySatisfied = "very_satisfied", "非常满意", "Very satisfied";
        Satisfied = "satisfied", "满意", "Satisfied";
        Basic = "basic", "基本满意", "Fairly satisfied";
        Unsatisfied = "unsatisfied", "不满意", "Unsatisfied";
        VeryUnsatisfied = "very_unsatisfied", "非常不满意", "Very unsatisfied";
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
        Pad = "pad", "评价器", "Rating pad";
        Staff = "staff", "工作人员代录", "Staff";
    }
);

code_enum!(
    /// Why a rating of 1–2 was given (差评原因).
    RatingReason {
        Attitude = "attitude", "服务态度", "Attitude";
        Efficiency = "efficiency", "办事效率", "Efficiency";
        Competence = "competence", "专业水平", "Competence";
        Environment = "environment", "办事环境", "Environment";
        Other = "other", "其他", "Other";
    }
);

code_enum!(
    /// How a 差评 follow-up (回访整改) was closed.
    FollowUpOutcome {
        Corrected = "corrected", "立行立改", "Corrected";
        Explained = "explained", "解释说明", "Explained";
        Appealed = "appealed", "申诉复核", "Appealed";
    }
);

code_enum!(
    /// Step states (SPEC §3).
    StepStatus {
        Waiting = "waiting", "等候", "Waiting";
        Called = "called", "已叫号", "Called";
        Serving = "serving", "办理中", "Serving";
        OnHold = "on_hold", Term::Hold.state(Lang::Zh), Term::Hold.state(Lang::En);
        Done = "done", Term::Finish.state(Lang::Zh), Term::Finish.state(Lang::En);
        NoShow = "no_show", Term::NoShow.state(Lang::Zh), Term::NoShow.state(Lang::En);
        Cancelled = "cancelled",
            Term::LeftBeforeService.state(Lang::Zh),
            Term::LeftBeforeService.state(Lang::En);
        Unfinished = "unfinished", Term::Unfinished.state(Lang::Zh), Term::Unfinished.state(Lang::En);
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
        FrontDesk = "front_desk", "前台受理", "Front desk";
        DutyLawyer = "duty_lawyer", "值班律师", "Duty lawyer";
        Notary = "notary", "公证员", "Notary";
        Mediator = "mediator", "人民调解员", "Mediator";
        Supervisor = "supervisor", "值班主任", "Supervisor";
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
        ResidentId = "resident_id", "居民身份证", "Resident ID card";
        Passport = "passport", "护照", "Passport";
        HkMacaoPermit = "hk_macao_permit", "港澳居民来往内地通行证", "HK/Macao permit";
        TaiwanPermit = "taiwan_permit", "台湾居民来往大陆通行证", "Taiwan permit";
        ForeignPermit = "foreign_permit", "外国人永久居留身份证", "Foreign PR card";
        Other = "other", "其他证件", "Other document";
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
