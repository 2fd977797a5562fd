//! Words of the edit-visitor action (SPEC §3: the legal-aid, notary and mediation desks
//! complete the record of the visitor they are serving) and of the legal-aid rule that an
//! application needs the applicant's ID document (SPEC §10).

use super::Words;
use crate::domain::idcard::IdProblem;

/// A part of the visitor's record a desk may add or correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitorField {
    IdType,
    IdNumber,
    Phone,
    AdverseName,
    AdverseId,
}

impl VisitorField {
    /// The stable name written in the audit log (never the value: see `service::visitor`).
    pub fn code(self) -> &'static str {
        match self {
            VisitorField::IdType => "id_type",
            VisitorField::IdNumber => "id_number",
            VisitorField::Phone => "phone",
            VisitorField::AdverseName => "adverse_name",
            VisitorField::AdverseId => "adverse_id",
        }
    }

    /// The label in Chinese; `'static` because form fields keep their labels for their life.
    pub fn zh_label(self) -> &'static str {
        match self {
            VisitorField::IdType => "证件类型",
            VisitorField::IdNumber => "证件号码",
            VisitorField::Phone => "联系电话",
            VisitorField::AdverseName => "对方当事人",
            VisitorField::AdverseId => "对方证件号码",
        }
    }

    /// The label in English.
    pub fn en_label(self) -> &'static str {
        match self {
            VisitorField::IdType => "ID type",
            VisitorField::IdNumber => "ID number",
            VisitorField::Phone => "Phone",
            VisitorField::AdverseName => "Adverse party",
            VisitorField::AdverseId => "Adverse ID no.",
        }
    }
}

impl Words for VisitorField {
    fn zh(&self) -> String {
        self.zh_label().to_string()
    }

    /// In a sentence, so lower case where English would write it so.
    fn en(&self) -> String {
        match self {
            VisitorField::IdType => "ID type",
            VisitorField::IdNumber => "ID number",
            VisitorField::Phone => "phone",
            VisitorField::AdverseName => "adverse party",
            VisitorField::AdverseId => "adverse ID number",
        }
        .to_string()
    }
}

/// A message of the edit-visitor action. Values made by the service layer carry no key
/// names (it does not know the keymap); the screen fills in `key` from the bindings in
/// effect before showing them, so the words never name a key that does something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitorText {
    /// The form's title.
    FormTitle { ticket: String },
    /// How the pre-filled, masked values behave.
    MaskedHint,
    /// Saved: which parts changed (empty: nothing did, and nothing was written).
    Saved {
        ticket: String,
        fields: Vec<VisitorField>,
    },
    /// Only the window serving the ticket, or a supervisor, may edit its visitor.
    NotServing,
    /// Consultation and drafting never collect an ID number (SPEC §3).
    IdNotCollected,
    /// A resident ID number fails the GB 11643 check; submitting again (`key`) keeps it.
    IdCheck {
        field: VisitorField,
        problem: IdProblem,
        key: Option<String>,
    },
    /// A legal-aid application cannot be accepted without the applicant's ID document;
    /// `key` opens the edit-visitor form.
    IdRequired { key: Option<String> },
}

fn id_problem_zh(problem: IdProblem) -> String {
    match problem {
        IdProblem::Shape => "应为 18 位".to_string(),
        IdProblem::BirthDate => "出生日期不存在".to_string(),
        IdProblem::CheckDigit(c) => format!("校验位应为 {c}"),
    }
}

fn id_problem_en(problem: IdProblem) -> String {
    match problem {
        IdProblem::Shape => "needs 18 characters".to_string(),
        IdProblem::BirthDate => "no such birth date".to_string(),
        IdProblem::CheckDigit(c) => format!("should end in {c}"),
    }
}

fn list_zh(fields: &[VisitorField]) -> String {
    let names: Vec<String> = fields.iter().map(Words::zh).collect();
    names.join("、")
}

fn list_en(fields: &[VisitorField]) -> String {
    let names: Vec<String> = fields.iter().map(Words::en).collect();
    names.join(", ")
}

impl Words for VisitorText {
    fn zh(&self) -> String {
        match self {
            VisitorText::FormTitle { ticket } => format!("补录来访人信息 {ticket}"),
            VisitorText::MaskedHint => {
                "已登记的信息以掩码显示：不改即保留，输入即整项重填，删空即清除".to_string()
            }
            VisitorText::Saved { ticket, fields } if fields.is_empty() => {
                format!("{ticket} 来访人信息未作修改")
            }
            VisitorText::Saved { ticket, fields } => {
                format!("已保存 {ticket} 来访人信息：{}", list_zh(fields))
            }
            VisitorText::NotServing => {
                "只有正在办理该号的窗口或值班主任可以修改来访人信息".to_string()
            }
            VisitorText::IdNotCollected => "法律咨询和代书不登记证件号码，未做任何更改".to_string(),
            VisitorText::IdCheck {
                field,
                problem,
                key,
            } => {
                let again = match key {
                    Some(key) => format!("核对后再按 {key} 仍按此号保存"),
                    None => "核对后再次提交仍按此号保存".to_string(),
                };
                format!(
                    "{}校验未通过（{}）。{again}",
                    field.zh(),
                    id_problem_zh(*problem)
                )
            }
            VisitorText::IdRequired { key } => match key {
                Some(key) => format!(
                    "受理法律援助申请须有申请人的身份证件：按 Esc 退出本表，再按 {key} 补录证件"
                ),
                None => "受理法律援助申请须有申请人的身份证件，请先补录证件".to_string(),
            },
        }
    }

    fn en(&self) -> String {
        match self {
            VisitorText::FormTitle { ticket } => format!("Visitor details {ticket}"),
            VisitorText::MaskedHint => {
                "Masked = on record. Leave to keep, type over to replace, empty to remove"
                    .to_string()
            }
            VisitorText::Saved { ticket, fields } if fields.is_empty() => {
                format!("{ticket}: nothing changed in the visitor's details")
            }
            VisitorText::Saved { ticket, fields } => {
                format!("{ticket}: visitor's {} saved", list_en(fields))
            }
            VisitorText::NotServing => {
                "only the window serving this ticket, or a supervisor, edits its visitor"
                    .to_string()
            }
            VisitorText::IdNotCollected => {
                "consultation and drafting do not collect ID numbers; nothing was changed"
                    .to_string()
            }
            VisitorText::IdCheck {
                field,
                problem,
                key,
            } => {
                // Short enough for one line of a form (74 columns).
                let again = match key {
                    Some(key) => format!("{key} again keeps it"),
                    None => "Resubmit keeps it".to_string(),
                };
                format!(
                    "{}: check failed, {}. {again}",
                    field.en(),
                    id_problem_en(*problem)
                )
            }
            VisitorText::IdRequired { key } => match key {
                Some(key) => format!(
                    "an application needs the applicant's ID: press Esc, then {key} to add it"
                ),
                None => "a legal-aid application needs the applicant's ID document; add it first"
                    .to_string(),
            },
        }
    }
}

impl From<VisitorField> for super::form::Label {
    fn from(field: VisitorField) -> Self {
        super::form::Label::new(field.zh_label(), field.en_label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn key_names_appear_only_when_known() {
        let with = VisitorText::IdRequired {
            key: Some("F2".into()),
        };
        assert!(with.text(Lang::Zh).contains("F2"));
        assert!(with.text(Lang::En).contains("F2"));
        let without = VisitorText::IdRequired { key: None };
        assert!(!without.text(Lang::Zh).contains("F2"));
        assert!(without.text(Lang::En).contains("ID document"));
    }

    #[test]
    fn check_messages_name_the_field_and_the_expected_character() {
        let text = VisitorText::IdCheck {
            field: VisitorField::AdverseId,
            problem: IdProblem::CheckDigit('4'),
            key: Some("F2".into()),
        };
        assert_eq!(
            text.text(Lang::Zh),
            "对方证件号码校验未通过（校验位应为 4）。核对后再按 F2 仍按此号保存"
        );
        assert_eq!(
            text.text(Lang::En),
            "adverse ID number: check failed, should end in 4. F2 again keeps it"
        );
    }

    #[test]
    fn saved_lists_what_changed() {
        let text = VisitorText::Saved {
            ticket: "Y001".into(),
            fields: vec![VisitorField::IdNumber, VisitorField::Phone],
        };
        assert_eq!(
            text.text(Lang::Zh),
            "已保存 Y001 来访人信息：证件号码、联系电话"
        );
        assert_eq!(
            text.text(Lang::En),
            "Y001: visitor's ID number, phone saved"
        );
    }

    /// Every message fits one line of a form (76 columns less the border) in both languages.
    #[test]
    fn every_message_fits_a_form_line() {
        let mut texts = vec![
            VisitorText::FormTitle {
                ticket: "Z001".into(),
            },
            VisitorText::MaskedHint,
            VisitorText::NotServing,
            VisitorText::IdNotCollected,
            VisitorText::IdRequired { key: None },
            VisitorText::IdRequired {
                key: Some("F2".into()),
            },
            VisitorText::Saved {
                ticket: "Z001".into(),
                fields: vec![VisitorField::IdNumber, VisitorField::Phone],
            },
        ];
        for field in [VisitorField::IdNumber, VisitorField::AdverseId] {
            for problem in [
                IdProblem::Shape,
                IdProblem::BirthDate,
                IdProblem::CheckDigit('X'),
            ] {
                for key in [None, Some("F2".to_string())] {
                    texts.push(VisitorText::IdCheck {
                        field,
                        problem,
                        key,
                    });
                }
            }
        }
        for text in texts {
            for lang in [Lang::Zh, Lang::En] {
                let words = text.text(lang);
                let columns = unicode_width::UnicodeWidthStr::width(words.as_str());
                assert!(columns <= 74, "{columns} columns: {words}");
            }
        }
    }
}
