//! The labels of the stable codes of SPEC §2 (`domain::codes`), in both languages. Where a
//! code names one of the hall's terms the glossary gives the word, so the two never drift.

use super::glossary::Term;
use super::Lang;
use crate::domain::codes::*;

impl Service {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                Service::Consult => "法律咨询",
                Service::LegalAid => "法律援助",
                Service::Notary => "公证",
                Service::Mediation => "人民调解",
                Service::Drafting => "代书",
            },
            Lang::En => match self {
                Service::Consult => "Consultation",
                Service::LegalAid => "Legal aid",
                Service::Notary => "Notary",
                Service::Mediation => "Mediation",
                Service::Drafting => "Drafting",
            },
        }
    }
}

impl Channel {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                Channel::WalkIn => "现场",
                Channel::Hotline => "12348热线",
                Channel::Online => "网上",
                Channel::Appointment => "预约",
                Channel::ReferralIn => "外部转入",
                Channel::Outreach => "上门服务",
            },
            Lang::En => match self {
                Channel::WalkIn => "Walk-in",
                Channel::Hotline => "12348 hotline",
                Channel::Online => "Online",
                Channel::Appointment => "Appointment",
                Channel::ReferralIn => "Referred in",
                Channel::Outreach => "Outreach",
            },
        }
    }
}

impl Lane {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                Lane::Normal => "普通",
                Lane::Elderly => "老年人",
                Lane::Disabled => "残疾人",
                Lane::Minor => "未成年人",
                Lane::Military => "军人军属",
                Lane::MigrantWorker => "农民工",
                Lane::DvVictim => "家暴受害人",
                Lane::MartyrFamily => "英烈近亲属",
                Lane::GoodSamaritan => "见义勇为",
            },
            Lang::En => match self {
                Lane::Normal => "Normal",
                Lane::Elderly => "Elderly",
                Lane::Disabled => "Disabled",
                Lane::Minor => "Minor",
                Lane::Military => "Military",
                Lane::MigrantWorker => "Migrant worker",
                Lane::DvVictim => "DV victim",
                Lane::MartyrFamily => "Martyr family",
                Lane::GoodSamaritan => "Good Samaritan",
            },
        }
    }
}

impl Matter {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                Matter::Labor => "劳动争议/欠薪",
                Matter::Family => "婚姻家庭",
                Matter::Inheritance => "继承",
                Matter::Neighbor => "邻里",
                Matter::Property => "土地房屋",
                Matter::Contract => "合同借贷",
                Matter::Traffic => "交通事故",
                Matter::Medical => "医疗纠纷",
                Matter::Injury => "人身损害",
                Matter::Consumer => "消费",
                Matter::Criminal => "刑事",
                Matter::Administrative => "行政",
                Matter::Other => "其他",
            },
            Lang::En => match self {
                Matter::Labor => "Labour/wages",
                Matter::Family => "Family",
                Matter::Inheritance => "Inheritance",
                Matter::Neighbor => "Neighbours",
                Matter::Property => "Land/housing",
                Matter::Contract => "Contract/loans",
                Matter::Traffic => "Traffic accident",
                Matter::Medical => "Medical dispute",
                Matter::Injury => "Personal injury",
                Matter::Consumer => "Consumer",
                Matter::Criminal => "Criminal",
                Matter::Administrative => "Administrative",
                Matter::Other => "Other",
            },
        }
    }
}

impl Outcome {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                Outcome::Answered => "当场解答",
                Outcome::AdvisedRoute => "告知途径",
                Outcome::External => "转外部机关",
                Outcome::Callback => "留言待回复",
                Outcome::ApplicationAccepted => "受理申请",
                Outcome::Supplement => "待补材料",
                Outcome::NotEligible => "不符合条件",
                Outcome::AdviceOnly => "仅咨询",
                Outcome::Withdrawn => "撤回",
                Outcome::Accepted => "受理",
                Outcome::Declined => "不予办理",
                Outcome::AgreementWritten => "调解成功(书面)",
                Outcome::AgreementOral => "调解成功(口头)",
                Outcome::Failed => "调解不成",
                Outcome::Refused => "一方拒绝调解",
                Outcome::Ongoing => "已受理待续",
                Outcome::Drafted => "代书完成",
                Outcome::DraftDeclined => "拒绝代书",
                Outcome::Referred => Term::Refer.state(lang),
                Outcome::Returned => Term::Return.state(lang),
            },
            Lang::En => match self {
                Outcome::Answered => "Answered",
                Outcome::AdvisedRoute => "Advised route",
                Outcome::External => "External body",
                Outcome::Callback => "Callback",
                Outcome::ApplicationAccepted => "Application accepted",
                Outcome::Supplement => "Documents pending",
                Outcome::NotEligible => "Not eligible",
                Outcome::AdviceOnly => "Advice only",
                Outcome::Withdrawn => "Withdrawn",
                Outcome::Accepted => "Accepted",
                Outcome::Declined => "Declined",
                Outcome::AgreementWritten => "Agreement (written)",
                Outcome::AgreementOral => "Agreement (oral)",
                Outcome::Failed => "Failed",
                Outcome::Refused => "Refused",
                Outcome::Ongoing => "Ongoing",
                Outcome::Drafted => "Drafted",
                Outcome::DraftDeclined => "Declined to draft",
                Outcome::Referred => Term::Refer.state(lang),
                Outcome::Returned => Term::Return.state(lang),
            },
        }
    }
}

impl ReturnReason {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                ReturnReason::WrongDesk => "错分",
                ReturnReason::OutOfScope => "不属受理范围",
                ReturnReason::Means => "经济状况不符",
                ReturnReason::Conflict => "利益冲突",
                ReturnReason::Duplicate => "重复",
                ReturnReason::DeclinedByVisitor => "当事人放弃",
                ReturnReason::Other => "其他",
            },
            Lang::En => match self {
                ReturnReason::WrongDesk => "Wrong desk",
                ReturnReason::OutOfScope => "Out of scope",
                ReturnReason::Means => "Means test failed",
                ReturnReason::Conflict => "Conflict of interest",
                ReturnReason::Duplicate => "Duplicate",
                ReturnReason::DeclinedByVisitor => "Declined by visitor",
                ReturnReason::Other => "Other",
            },
        }
    }
}

impl Rating {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                Rating::VerySatisfied => "非常满意",
                Rating::Satisfied => "满意",
                Rating::Basic => "基本满意",
                Rating::Unsatisfied => "不满意",
                Rating::VeryUnsatisfied => "非常不满意",
            },
            Lang::En => match self {
                Rating::VerySatisfied => "Very satisfied",
                Rating::Satisfied => "Satisfied",
                Rating::Basic => "Fairly satisfied",
                Rating::Unsatisfied => "Unsatisfied",
                Rating::VeryUnsatisfied => "Very unsatisfied",
            },
        }
    }
}

impl RatingBy {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                RatingBy::Pad => "评价器",
                RatingBy::Staff => "工作人员代录",
            },
            Lang::En => match self {
                RatingBy::Pad => "Rating pad",
                RatingBy::Staff => "Staff",
            },
        }
    }
}

impl RatingReason {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                RatingReason::Attitude => "服务态度",
                RatingReason::Efficiency => "办事效率",
                RatingReason::Competence => "专业水平",
                RatingReason::Environment => "办事环境",
                RatingReason::Other => "其他",
            },
            Lang::En => match self {
                RatingReason::Attitude => "Attitude",
                RatingReason::Efficiency => "Efficiency",
                RatingReason::Competence => "Competence",
                RatingReason::Environment => "Environment",
                RatingReason::Other => "Other",
            },
        }
    }
}

impl FollowUpOutcome {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                FollowUpOutcome::Corrected => "立行立改",
                FollowUpOutcome::Explained => "解释说明",
                FollowUpOutcome::Appealed => "申诉复核",
            },
            Lang::En => match self {
                FollowUpOutcome::Corrected => "Corrected",
                FollowUpOutcome::Explained => "Explained",
                FollowUpOutcome::Appealed => "Appealed",
            },
        }
    }
}

impl StepStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                StepStatus::Waiting => "等候",
                StepStatus::Called => "已叫号",
                StepStatus::Serving => "办理中",
                StepStatus::OnHold => Term::Hold.state(lang),
                StepStatus::Done => Term::Finish.state(lang),
                StepStatus::NoShow => Term::NoShow.state(lang),
                StepStatus::Cancelled => Term::LeftBeforeService.state(lang),
                StepStatus::Unfinished => Term::Unfinished.state(lang),
            },
            Lang::En => match self {
                StepStatus::Waiting => "Waiting",
                StepStatus::Called => "Called",
                StepStatus::Serving => "Serving",
                StepStatus::OnHold => Term::Hold.state(lang),
                StepStatus::Done => Term::Finish.state(lang),
                StepStatus::NoShow => Term::NoShow.state(lang),
                StepStatus::Cancelled => Term::LeftBeforeService.state(lang),
                StepStatus::Unfinished => Term::Unfinished.state(lang),
            },
        }
    }
}

impl Role {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                Role::FrontDesk => "前台受理",
                Role::DutyLawyer => "值班律师",
                Role::Notary => "公证员",
                Role::Mediator => "人民调解员",
                Role::Supervisor => "值班主任",
            },
            Lang::En => match self {
                Role::FrontDesk => "Front desk",
                Role::DutyLawyer => "Duty lawyer",
                Role::Notary => "Notary",
                Role::Mediator => "Mediator",
                Role::Supervisor => "Supervisor",
            },
        }
    }
}

impl IdType {
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => match self {
                IdType::ResidentId => "居民身份证",
                IdType::Passport => "护照",
                IdType::HkMacaoPermit => "港澳居民来往内地通行证",
                IdType::TaiwanPermit => "台湾居民来往大陆通行证",
                IdType::ForeignPermit => "外国人永久居留身份证",
                IdType::Other => "其他证件",
            },
            Lang::En => match self {
                IdType::ResidentId => "Resident ID card",
                IdType::Passport => "Passport",
                IdType::HkMacaoPermit => "HK/Macao permit",
                IdType::TaiwanPermit => "Taiwan permit",
                IdType::ForeignPermit => "Foreign PR card",
                IdType::Other => "Other document",
            },
        }
    }
}
