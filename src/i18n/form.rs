//! Words shown inside a form: examples in empty fields, and what a paste did to a field.

use super::Words;

/// A dim example drawn in an empty field. It is not the field's value: typing starts from an
/// empty field, so nothing has to be deleted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldHint {
    /// The staff code of the first supervisor at setup.
    StaffCode,
    /// An appointment slot's start time.
    SlotTime,
    /// The last four digits of a phone number (finding a booking).
    LastFour,
}

impl Words for FieldHint {
    fn zh(&self) -> String {
        match self {
            FieldHint::StaffCode => "例如 S01".into(),
            FieldHint::SlotTime => "例如 09:30".into(),
            FieldHint::LastFour => "例如 5678".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            FieldHint::StaffCode => "e.g. S01".into(),
            FieldHint::SlotTime => "e.g. 09:30".into(),
            FieldHint::LastFour => "e.g. 5678".into(),
        }
    }
}

/// What a paste changed, said under the form until the next key. A paste that went in
/// exactly as copied says nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasteNote {
    /// Control characters or escape sequences were taken out.
    Cleaned,
    /// The field took only the first part; the rest was longer than it holds.
    Cut,
    CleanedAndCut,
    /// Nothing printable was left, so the field is unchanged.
    NothingLeft,
}

impl Words for PasteNote {
    fn zh(&self) -> String {
        match self {
            PasteNote::Cleaned => "已粘贴，已去除其中的控制字符".into(),
            PasteNote::Cut => "已粘贴，超出长度的部分未粘入".into(),
            PasteNote::CleanedAndCut => "已粘贴，已去除控制字符，超出长度的部分未粘入".into(),
            PasteNote::NothingLeft => "粘贴的内容只有控制字符，未粘入任何内容".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            PasteNote::Cleaned => "pasted; control characters were removed".into(),
            PasteNote::Cut => "pasted; the part beyond the field's length was left out".into(),
            PasteNote::CleanedAndCut => {
                "pasted; control characters removed, the part beyond the field's length left out"
                    .into()
            }
            PasteNote::NothingLeft => {
                "the paste held only control characters; nothing was entered".into()
            }
        }
    }
}
