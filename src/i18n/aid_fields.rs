//! The legal-aid desk's form fields and their fixed options.

use super::Words;
use crate::domain::aid::Material;

/// Field labels of the legal-aid forms. Forms keep labels as static pairs, so this enum gives
/// `&'static str` in each language (and `Words` for everything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AidField {
    Reason,
    Note,
    Deadline,
    Assignee,
    Ground,
    Material(Material),
}

impl AidField {
    pub fn zh_static(self) -> &'static str {
        match self {
            AidField::Reason => "不予理由",
            AidField::Note => "说明",
            AidField::Deadline => "补正期限",
            AidField::Assignee => "承办律师/律所",
            AidField::Ground => "先行提供理由",
            AidField::Material(m) => match m {
                Material::ApplicationForm => "申请表",
                Material::IdDocument => "身份证明",
                Material::AgentAuthority => "代理权证明",
                Material::MeansStatement => "经济困难证明",
                Material::CaseMaterials => "案件材料",
            },
        }
    }

    pub fn en_static(self) -> &'static str {
        match self {
            AidField::Reason => "Reason",
            AidField::Note => "Note",
            AidField::Deadline => "Deadline",
            AidField::Assignee => "Lawyer/firm",
            AidField::Ground => "Ground",
            AidField::Material(m) => match m {
                Material::ApplicationForm => "Form",
                Material::IdDocument => "ID proof",
                Material::AgentAuthority => "Agent proof",
                Material::MeansStatement => "Means proof",
                Material::CaseMaterials => "Case papers",
            },
        }
    }
}

impl Words for AidField {
    fn zh(&self) -> String {
        self.zh_static().into()
    }

    fn en(&self) -> String {
        self.en_static().into()
    }
}

/// The options of a yes/no checklist field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needed {
    No,
    Yes,
}

impl Words for Needed {
    fn zh(&self) -> String {
        match self {
            Needed::No => "不需补",
            Needed::Yes => "需补正",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            Needed::No => "no",
            Needed::Yes => "missing",
        }
        .into()
    }
}

impl From<AidField> for super::form::Label {
    fn from(field: AidField) -> Self {
        super::form::Label::new(field.zh_static(), field.en_static())
    }
}
