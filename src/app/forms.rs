//! The forms of the application and how each turns into a service-layer input.

use super::form::{Choice, Field, Form};
use crate::domain::codes::{
    Channel, IdType, Lane, Matter, Outcome, Rating, RatingReason, ReturnReason, Service,
};
use crate::domain::text::parse_yuan;
use crate::i18n::form::{FieldHint, FieldLabel, OptionWords};
use crate::i18n::visitor::VisitorField;
use crate::i18n::Lang;
use crate::service::intake::{IntakeInput, ID_MAX, NAME_MAX, SUMMARY_MAX};
use crate::service::staff::WindowRow;
use crate::service::steps::{Finish, NOTE_MAX};
use crate::service::visitor::{VisitorCard, VisitorEdit};
use crate::service::{FieldName, Problem, ServiceError};

/// Options of a code enum, in its own order.
macro_rules! choices_of {
    ($ty:ty) => {
        <$ty>::ALL
            .iter()
            .map(|c| Choice::new(c.code(), c.label(Lang::Zh), c.label(Lang::En)))
            .collect::<Vec<_>>()
    };
}

fn yes_no() -> Vec<Choice> {
    vec![
        Choice::words("0", &OptionWords::No),
        Choice::words("1", &OptionWords::Yes),
    ]
}

/// Not rated, then the five levels best first, each with its number on the national scale.
fn rating_choices() -> Vec<Choice> {
    let mut options = vec![Choice::words("", &OptionWords::NotRated)];
    options.extend(Rating::ALL.iter().map(|r| {
        Choice::new(
            r.code(),
            format!("{} {}", r.level(), r.label(Lang::Zh)),
            format!("{} {}", r.level(), r.label(Lang::En)),
        )
    }));
    options
}

/// The rating, and for a 1–2 the reason (and its words for "other"), shown only when needed.
fn rating_fields() -> Vec<Field> {
    vec![
        Field::choice("rating", FieldLabel::Rating, rating_choices()),
        Field::choice(
            "rating_reason",
            FieldLabel::RatingReason,
            choices_of!(RatingReason),
        ),
        Field::text(
            "rating_note",
            FieldLabel::RatingNote,
            crate::service::rating::RATING_NOTE_MAX,
        ),
    ]
}

/// Shows the reason only for a rating of 1–2, and its words only for "other".
pub fn sync_rating(form: &mut Form) {
    let poor = form
        .code("rating")
        .and_then(|c| Rating::from_code(&c))
        .is_some_and(Rating::is_poor);
    form.set_hidden("rating_reason", !poor);
    let other = poor && form.code("rating_reason").as_deref() == Some(RatingReason::Other.code());
    form.set_hidden("rating_note", !other);
}

pub fn setup() -> Form {
    Form::new(vec![
        // Empty, with a dim example: a user who types their own code gets exactly that code.
        Field::text("code", FieldLabel::StaffCode, 16).with_hint(FieldHint::StaffCode),
        Field::text("name", FieldLabel::Name, 32),
        Field::secret("pin", FieldLabel::Pin, 64),
        Field::secret("pin2", FieldLabel::PinAgain, 64),
    ])
}

/// The idle-lock form: the staff code is filled in, so the same person only types the PIN;
/// another operator can replace it to take over the window.
pub fn unlock(code: &str) -> Form {
    let mut form = Form::new(vec![
        Field::text("code", FieldLabel::StaffCode, 16).with_value(code),
        Field::secret("pin", FieldLabel::Pin, 64),
    ]);
    form.focus_key("pin");
    form
}

pub fn sign_in(windows: &[WindowRow]) -> Form {
    let mut options: Vec<Choice> = windows
        .iter()
        .map(|w| {
            let zh: Vec<&str> = w.services.iter().map(|s| s.label(Lang::Zh)).collect();
            let en: Vec<&str> = w.services.iter().map(|s| s.label(Lang::En)).collect();
            Choice::new(
                w.code.clone(),
                format!("{} {}", w.code, zh.join("/")),
                format!("{} {}", w.code, en.join("/")),
            )
        })
        .collect();
    options.push(Choice::words("", &OptionWords::NoWindow));
    Form::new(vec![
        Field::text("code", FieldLabel::StaffCode, 16),
        Field::secret("pin", FieldLabel::Pin, 64),
        Field::choice("window", FieldLabel::Window, options),
    ])
}

pub fn intake(default_service: Service) -> Form {
    let mut form = Form::new(vec![
        Field::choice("service", FieldLabel::Service, choices_of!(Service)),
        Field::text("name", FieldLabel::Name, NAME_MAX),
        Field::text("phone", FieldLabel::Phone, 24),
        Field::choice("id_type", FieldLabel::IdType, choices_of!(IdType)),
        Field::text("id_number", FieldLabel::IdNumber, 32),
        Field::choice("channel", FieldLabel::Channel, choices_of!(Channel)),
        Field::choice("lane", FieldLabel::Lane, choices_of!(Lane)),
        Field::choice("urgent", FieldLabel::Urgent, yes_no()),
        Field::choice("matter", FieldLabel::Matter, choices_of!(Matter)),
        Field::text("parties", FieldLabel::Parties, 4).with_value("1"),
        Field::text("adverse", FieldLabel::AdverseParty, NAME_MAX),
        Field::text("summary", FieldLabel::Summary, SUMMARY_MAX),
    ]);
    form.select_code("service", default_service.code());
    form.select_code("matter", Matter::Other.code());
    sync_intake(&mut form);
    form
}

/// The ID fields show only for services that collect an ID (never for a consultation).
pub fn sync_intake(form: &mut Form) {
    let needs_id = form
        .code("service")
        .and_then(|c| Service::from_code(&c))
        .is_some_and(Service::needs_id);
    form.set_hidden("id_type", !needs_id);
    form.set_hidden("id_number", !needs_id);
}

fn code_of<T>(form: &Form, key: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
    form.code(key).as_deref().and_then(parse)
}

pub fn intake_input(form: &Form) -> IntakeInput {
    let defaults = IntakeInput::default();
    IntakeInput {
        service: code_of(form, "service", Service::from_code).unwrap_or(defaults.service),
        name: form.value("name"),
        phone: form.value("phone"),
        id_type: code_of(form, "id_type", IdType::from_code).unwrap_or(defaults.id_type),
        id_number: form.value("id_number"),
        id_override: false,
        channel: code_of(form, "channel", Channel::from_code).unwrap_or(defaults.channel),
        lane: code_of(form, "lane", Lane::from_code).unwrap_or(defaults.lane),
        urgent: form.code("urgent").as_deref() == Some("1"),
        matter: code_of(form, "matter", Matter::from_code).unwrap_or(defaults.matter),
        parties: form.value("parties"),
        summary: form.value("summary"),
        adverse_name: form.value("adverse"),
    }
}

fn visitor_field(key: &'static str, field: VisitorField, max: usize) -> Field {
    Field::text(key, field, max)
}

/// The edit-visitor form of the desk serving a ticket (SPEC §3). Stored details are pre-filled
/// masked, as everywhere outside the supervisor's audited unmasking (SPEC §4): the desk sees
/// that something is on record and its ends (enough to compare with the card in hand), types
/// over a field to replace it, and sees in full only what it types itself. A field left
/// masked keeps what is stored. The ID fields show only where the service collects an ID;
/// the cursor starts in the ID number, the usual reason to open the form, so digits typed at
/// once go there and not into the document-type choice.
pub fn edit_visitor(card: &VisitorCard) -> Form {
    let mut form = Form::new(vec![
        Field::choice("id_type", VisitorField::IdType, choices_of!(IdType)),
        visitor_field("id_number", VisitorField::IdNumber, ID_MAX).with_masked(&card.id_number),
        visitor_field("phone", VisitorField::Phone, 24).with_masked(&card.phone),
        visitor_field("adverse", VisitorField::AdverseName, NAME_MAX)
            .with_masked(&card.adverse_name),
        visitor_field("adverse_id", VisitorField::AdverseId, ID_MAX).with_masked(&card.adverse_id),
    ]);
    form.select_code("id_type", card.id_type.unwrap_or(IdType::ResidentId).code());
    let collects = card.service.needs_id();
    form.set_hidden("id_type", !collects);
    form.set_hidden("id_number", !collects);
    form.focus_key(if collects { "id_number" } else { "phone" });
    form
}

/// Reads the edit-visitor form: fields still masked (or hidden) are kept as stored.
pub fn visitor_edit(form: &Form) -> VisitorEdit {
    VisitorEdit {
        id_type: code_of(form, "id_type", IdType::from_code),
        id_number: form.changed_value("id_number"),
        phone: form.changed_value("phone"),
        adverse_name: form.changed_value("adverse"),
        adverse_id: form.changed_value("adverse_id"),
        id_override: false,
    }
}

pub fn unmask_reason() -> Form {
    Form::new(vec![Field::text(
        "reason",
        FieldLabel::UnmaskReason,
        crate::service::unmask::REASON_MAX,
    )])
}

pub fn change_pin() -> Form {
    Form::new(vec![
        Field::secret("current", FieldLabel::CurrentPin, 64),
        Field::secret("new", FieldLabel::NewPin, 64),
        Field::secret("new2", FieldLabel::NewPinAgain, 64),
    ])
}

/// Closing a 差评 follow-up: how it ended, and what the callback found.
pub fn close_follow_up() -> Form {
    Form::new(vec![
        Field::choice(
            "outcome",
            FieldLabel::FollowUpOutcome,
            choices_of!(crate::domain::codes::FollowUpOutcome),
        ),
        Field::text(
            "note",
            FieldLabel::CallbackNote,
            crate::service::followups::NOTE_MAX,
        ),
    ])
}

/// Choosing the tally's dates.
pub fn tally_range(from: chrono::NaiveDate, to: chrono::NaiveDate) -> Form {
    Form::new(vec![
        Field::text("from", FieldLabel::From, 10).with_value(&from.format("%Y-%m-%d").to_string()),
        Field::text("to", FieldLabel::To, 10).with_value(&to.format("%Y-%m-%d").to_string()),
    ])
}

/// Finishing with one of the service's own outcomes.
pub fn finish(service: Service) -> Form {
    let outcomes: Vec<Choice> = service
        .own_outcomes()
        .iter()
        .map(|o| Choice::new(o.wire_code(), o.label(Lang::Zh), o.label(Lang::En)))
        .collect();
    let mut fields = vec![Field::choice("outcome", FieldLabel::Outcome, outcomes)];
    if service == Service::Drafting {
        fields.push(Field::text("quantity", FieldLabel::Copies, 3).with_value("1"));
    }
    if matches!(
        service,
        Service::Mediation | Service::LegalAid | Service::Consult
    ) {
        fields.push(Field::text("amount", FieldLabel::Recovered, 16));
    }
    fields.extend(rating_fields());
    fields.push(Field::text("note", FieldLabel::Note, NOTE_MAX));
    let mut form = Form::new(fields);
    sync_rating(&mut form);
    form
}

pub fn refer(from: Service) -> Form {
    let targets: Vec<Choice> = Service::ALL
        .iter()
        .filter(|s| **s != from)
        .map(|s| Choice::new(s.code(), s.label(Lang::Zh), s.label(Lang::En)))
        .collect();
    let mut fields = vec![
        Field::choice("target", FieldLabel::ReferTo, targets),
        Field::text("note", FieldLabel::ReferNote, NOTE_MAX),
    ];
    fields.extend(rating_fields());
    let mut form = Form::new(fields);
    sync_rating(&mut form);
    form
}

pub fn return_to_front() -> Form {
    Form::new(vec![
        Field::choice(
            "reason",
            FieldLabel::ReturnReason,
            choices_of!(ReturnReason),
        ),
        Field::text("note", FieldLabel::Explanation, NOTE_MAX),
    ])
}

/// Reads a finish/refer/return form into the service layer's `Finish`.
pub fn finish_input(
    kind: super::state::FormKind,
    service: Service,
    form: &Form,
) -> Result<Finish, ServiceError> {
    use super::state::FormKind;
    let outcome = match kind {
        FormKind::Refer => Outcome::Referred,
        FormKind::Return => Outcome::Returned,
        _ => form
            .code("outcome")
            .and_then(|c| Outcome::for_service(service, &c))
            .ok_or(ServiceError::Invalid(Problem::Outcome))?,
    };
    let mut finish = Finish::with_outcome(outcome);
    finish.refer_to = form.code("target").as_deref().and_then(Service::from_code);
    finish.reason = form
        .code("reason")
        .as_deref()
        .and_then(ReturnReason::from_code);
    finish.note = form.value("note");
    finish.rating = form.code("rating").as_deref().and_then(Rating::from_code);
    finish.rating_reason = form
        .code("rating_reason")
        .as_deref()
        .and_then(RatingReason::from_code);
    finish.rating_note = form.value("rating_note");
    finish.amount_fen =
        parse_yuan(&form.value("amount")).map_err(ServiceError::field(FieldName::Amount))?;
    let quantity = form.value("quantity");
    if !quantity.trim().is_empty() {
        let n = crate::domain::text::clean_count(&quantity, 1, 1, 999)
            .map_err(ServiceError::field(FieldName::Quantity))?;
        finish.quantity = Some(n);
    }
    Ok(finish)
}

/// Pausing the window: why (SPEC §2), and a note (required for "other").
pub fn pause_window() -> Form {
    use crate::i18n::Words;
    let reasons = crate::domain::pause::PauseReason::ALL
        .iter()
        .map(|r| Choice::new(r.code(), r.zh(), r.en()))
        .collect();
    Form::new(vec![
        Field::choice("reason", FieldLabel::PauseReason, reasons),
        Field::text(
            "note",
            FieldLabel::Explanation,
            crate::service::pause::NOTE_MAX,
        ),
    ])
}

/// "Was I called?": the ticket to look up.
pub fn lookup_ticket() -> Form {
    Form::new(vec![Field::text("ticket", FieldLabel::Ticket, 8)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consultation_intake_hides_the_id() {
        let mut form = intake(Service::Consult);
        assert!(form.field("id_number").unwrap().hidden);
        form.select_code("service", "legal_aid");
        sync_intake(&mut form);
        assert!(!form.field("id_number").unwrap().hidden);
    }

    #[test]
    fn the_rating_reason_shows_only_for_a_poor_rating() {
        let mut form = finish(Service::Consult);
        assert!(form.field("rating_reason").unwrap().hidden);
        assert!(form.field("rating_note").unwrap().hidden);
        // Option 5 is level 2 (不满意): the reason appears, its words only for "other".
        form.select_code("rating", "unsatisfied");
        sync_rating(&mut form);
        assert!(!form.field("rating_reason").unwrap().hidden);
        assert!(form.field("rating_note").unwrap().hidden);
        form.select_code("rating_reason", "other");
        sync_rating(&mut form);
        assert!(!form.field("rating_note").unwrap().hidden);
        form.focus_key("rating_note");
        for c in "排队太久".chars() {
            form.type_char(c);
        }
        let f = finish_input(
            super::super::state::FormKind::Finish,
            Service::Consult,
            &form,
        )
        .unwrap();
        assert_eq!(f.rating, Some(Rating::Unsatisfied));
        assert_eq!(f.rating_reason, Some(RatingReason::Other));
        assert_eq!(f.rating_note, "排队太久");
        // A good rating hides (and so drops) the reason again.
        form.select_code("rating", "very_satisfied");
        sync_rating(&mut form);
        let f = finish_input(
            super::super::state::FormKind::Finish,
            Service::Consult,
            &form,
        )
        .unwrap();
        assert_eq!((f.rating_reason, f.rating_note.as_str()), (None, ""));
    }

    #[test]
    fn finish_form_reads_outcome_and_money() {
        let mut form = finish(Service::Mediation);
        form.type_char('1');
        form.focus_key("amount");
        for c in "3200.5".chars() {
            form.type_char(c);
        }
        let f = finish_input(
            super::super::state::FormKind::Finish,
            Service::Mediation,
            &form,
        )
        .unwrap();
        assert_eq!(f.outcome, Outcome::AgreementWritten);
        assert_eq!(f.amount_fen, Some(320050));
    }
}
