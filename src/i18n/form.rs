//! Words shown inside a form: examples in empty fields, and what a paste did to a field.

use super::{Lang, Words};

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

/// A label fixed at compile time in both languages, as a form field shows it. Made only from
/// the typed labels of this folder ([`FieldLabel`], the legal-aid and visitor fields), so no
/// form writes its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    zh: &'static str,
    en: &'static str,
}

impl Label {
    pub(super) const fn new(zh: &'static str, en: &'static str) -> Label {
        Label { zh, en }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// The fields of the desk's forms: sign-in and setup, intake, finishing, referring and
/// returning a step, the tally's dates, follow-ups, window pauses and bookings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum FieldLabel {
    StaffCode,
    Name,
    Pin,
    PinAgain,
    CurrentPin,
    NewPin,
    NewPinAgain,
    Window,
    Service,
    Phone,
    IdType,
    IdNumber,
    Channel,
    Lane,
    Urgent,
    Matter,
    Parties,
    AdverseParty,
    Summary,
    Rating,
    RatingReason,
    RatingNote,
    UnmaskReason,
    FollowUpOutcome,
    CallbackNote,
    From,
    To,
    Outcome,
    Copies,
    Recovered,
    Note,
    /// A note explaining a return or a pause (说明 rather than 备注).
    Explanation,
    ReferTo,
    ReferNote,
    ReturnReason,
    PauseReason,
    Ticket,
    BookingDate,
    SlotStart,
    BookedVia,
    LastFour,
}

impl FieldLabel {
    fn zh(self) -> &'static str {
        match self {
            FieldLabel::StaffCode => "工号",
            FieldLabel::Name => "姓名",
            FieldLabel::Pin => "密码",
            FieldLabel::PinAgain => "再次输入密码",
            FieldLabel::CurrentPin => "原密码",
            FieldLabel::NewPin => "新密码",
            FieldLabel::NewPinAgain => "再次输入新密码",
            FieldLabel::Window => "窗口",
            FieldLabel::Service => "办理事项",
            FieldLabel::Phone => "电话",
            FieldLabel::IdType => "证件类型",
            FieldLabel::IdNumber => "证件号码",
            FieldLabel::Channel => "来源渠道",
            FieldLabel::Lane => "优先通道",
            FieldLabel::Urgent => "紧急",
            FieldLabel::Matter => "事项类型",
            FieldLabel::Parties => "当事人人数",
            FieldLabel::AdverseParty => "对方当事人",
            FieldLabel::Summary => "简要情况",
            FieldLabel::Rating => "服务评价",
            FieldLabel::RatingReason => "不满意原因",
            FieldLabel::RatingNote => "原因说明",
            FieldLabel::UnmaskReason => "查看原因",
            FieldLabel::FollowUpOutcome => "整改结果",
            FieldLabel::CallbackNote => "回访情况",
            FieldLabel::From => "起始日期",
            FieldLabel::To => "截止日期",
            FieldLabel::Outcome => "办理结果",
            FieldLabel::Copies => "份数",
            FieldLabel::Recovered => "挽回经济损失(元)",
            FieldLabel::Note => "备注",
            FieldLabel::Explanation => "说明",
            FieldLabel::ReferTo => "转介至",
            FieldLabel::ReferNote => "转介说明",
            FieldLabel::ReturnReason => "退回原因",
            FieldLabel::PauseReason => "原因",
            FieldLabel::Ticket => "票号",
            FieldLabel::BookingDate => "预约日期",
            FieldLabel::SlotStart => "时段开始",
            FieldLabel::BookedVia => "预约渠道",
            FieldLabel::LastFour => "电话后四位",
        }
    }

    fn en(self) -> &'static str {
        match self {
            FieldLabel::StaffCode => "Staff code",
            FieldLabel::Name => "Name",
            FieldLabel::Pin => "PIN",
            FieldLabel::PinAgain => "PIN again",
            FieldLabel::CurrentPin => "Current PIN",
            FieldLabel::NewPin => "New PIN",
            FieldLabel::NewPinAgain => "New PIN again",
            FieldLabel::Window => "Window",
            FieldLabel::Service => "Service",
            FieldLabel::Phone => "Phone",
            FieldLabel::IdType => "ID type",
            FieldLabel::IdNumber => "ID number",
            FieldLabel::Channel => "Channel",
            FieldLabel::Lane => "Lane",
            FieldLabel::Urgent => "Urgent",
            FieldLabel::Matter => "Matter",
            FieldLabel::Parties => "Parties",
            FieldLabel::AdverseParty => "Adverse party",
            FieldLabel::Summary => "Summary",
            FieldLabel::Rating => "Rating",
            FieldLabel::RatingReason => "Why not satisfied",
            FieldLabel::RatingNote => "Reason, in words",
            FieldLabel::UnmaskReason => "Reason",
            FieldLabel::FollowUpOutcome => "Outcome",
            FieldLabel::CallbackNote => "Callback note",
            FieldLabel::From => "From",
            FieldLabel::To => "To",
            FieldLabel::Outcome => "Outcome",
            FieldLabel::Copies => "Copies",
            FieldLabel::Recovered => "Recovered (yuan)",
            FieldLabel::Note => "Note",
            FieldLabel::Explanation => "Note",
            FieldLabel::ReferTo => "Refer to",
            FieldLabel::ReferNote => "Note to the desk",
            FieldLabel::ReturnReason => "Reason",
            FieldLabel::PauseReason => "Reason",
            FieldLabel::Ticket => "Ticket",
            FieldLabel::BookingDate => "Date",
            FieldLabel::SlotStart => "Time",
            FieldLabel::BookedVia => "Booked via",
            FieldLabel::LastFour => "Last 4 digits",
        }
    }
}

impl From<FieldLabel> for Label {
    fn from(label: FieldLabel) -> Label {
        Label::new(label.zh(), label.en())
    }
}

/// The words of a form's fixed options (those that are not codes of SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
pub enum OptionWords {
    No,
    Yes,
    NotRated,
    /// Signing in without a window: the supervisor walking the hall.
    NoWindow,
}

impl Words for OptionWords {
    fn zh(&self) -> String {
        match self {
            OptionWords::No => "否",
            OptionWords::Yes => "是",
            OptionWords::NotRated => "未评价",
            OptionWords::NoWindow => "不在窗口（值班主任巡视）",
        }
        .into()
    }

    fn en(&self) -> String {
        match self {
            OptionWords::No => "No",
            OptionWords::Yes => "Yes",
            OptionWords::NotRated => "Not rated",
            OptionWords::NoWindow => "No window (supervisor)",
        }
        .into()
    }
}
